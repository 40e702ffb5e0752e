//! Creates, updates, upserts, plans, malformed input and rejects.

use std::collections::BTreeMap;

use crm::sandbox::SandboxVendor;
use serde_json::{json, Value};

use super::{against, export, external_ids, import, lines, records, sandbox, write};
use crate::support::cli::{run, Home};

#[tokio::test]
async fn creates_updates_and_upserts_with_one_result_per_record() {
    let sb = sandbox(SandboxVendor::Hubspot, 3, |_| {}).await;
    let home = Home::new();
    let before = export(&home, &sb, SandboxVendor::Hubspot).await;
    let existing = before[0]["id"].as_str().unwrap().to_string();
    let text = format!(
        "{}\n{}\n{}\n",
        json!({"name": "New one", "amount": "1500.00", "currency": "EUR", "stage": "Closed Won",
            "pipeline": "Sales Pipeline", "close_date": "2026-12-31", "owner": "Ada Lovelace"}),
        json!({"id": existing, "amount": "42.10"}),
        json!({"name": "Second", "pipeline": "Renewals", "stage": "Renewal Due",
            "custom": {"region": "EMEA"}}),
    );
    let file = write(home.path(), "in.ndjson", &text);
    let out = import(&home, &sb, &[&file]).await;
    out.assert_exit(0);
    let results = lines(&out.stdout);
    let by_line: BTreeMap<u64, &Value> = results
        .iter()
        .map(|r| (r["line"].as_u64().unwrap(), r))
        .collect();
    assert_eq!(by_line.len(), 3, "{}", out.stdout);
    assert_eq!(by_line[&1]["action"], "created");
    assert_eq!(by_line[&2]["action"], "updated");
    assert_eq!(by_line[&2]["id"], existing.as_str());
    assert_eq!(by_line[&3]["action"], "created");
    assert_eq!(
        out.stderr.lines().count(),
        1,
        "only the summary: {}",
        out.stderr
    );
    out.assert_says("2 created, 1 updated");

    let after = export(&home, &sb, SandboxVendor::Hubspot).await;
    assert_eq!(after.len(), 5);
    let find = |id: &Value| after.iter().find(|d| &d["id"] == id).unwrap().clone();
    let first = find(&by_line[&1]["id"]);
    assert_eq!(first["amount"], "1500");
    assert_eq!(first["currency"], "EUR");
    assert_eq!(first["stage"]["name"], "Closed Won");
    assert_eq!(first["status"], "won");
    assert_eq!(first["close_date"], "2026-12-31");
    assert_eq!(first["owner"]["name"], "Ada Lovelace");
    assert_eq!(find(&json!(existing))["amount"], "42.1");
    assert_eq!(find(&by_line[&3]["id"])["custom"]["region"], "EMEA");

    // The same records by upsert key: created first, updated on the second run.
    let file = write(home.path(), "keyed.ndjson", &records(3, "UP"));
    let out = import(&home, &sb, &[&file, "--upsert-key", "external_id"]).await;
    out.assert_exit(0);
    assert!(
        lines(&out.stdout).iter().all(|r| r["action"] == "created"),
        "{}",
        out.stdout
    );
    let changed = records(3, "UP").replace("\"1.01\"", "\"999.99\"");
    let file = write(home.path(), "keyed.ndjson", &changed);
    let out = import(&home, &sb, &[&file, "--upsert-key", "external_id"]).await;
    out.assert_exit(0);
    assert!(
        lines(&out.stdout).iter().all(|r| r["action"] == "updated"),
        "{}",
        out.stdout
    );
    let deals = export(&home, &sb, SandboxVendor::Hubspot).await;
    assert_eq!(deals.len(), 8);
    let up1 = deals
        .iter()
        .find(|d| d["custom"]["external_id"] == "UP-00001")
        .unwrap();
    assert_eq!(up1["amount"], "999.99");
}

#[tokio::test]
async fn plan_shows_creates_updates_and_diffs_and_writes_nothing() {
    let sb = sandbox(SandboxVendor::Hubspot, 0, |_| {}).await;
    let home = Home::new();
    let file = write(home.path(), "a.ndjson", &records(2, "PL"));
    let out = import(&home, &sb, &[&file, "--upsert-key", "external_id"]).await;
    out.assert_exit(0);
    let text = records(3, "PL").replace("\"Contract Sent\"", "\"Closed Won\"");
    let text = text.replacen("\"Closed Won\"", "\"Contract Sent\"", 1);
    let file = write(home.path(), "b.ndjson", &text);
    let out = import(
        &home,
        &sb,
        &[&file, "--upsert-key", "external_id", "--plan"],
    )
    .await;
    out.assert_exit(0);
    let results = lines(&out.stdout);
    assert_eq!(results[0]["action"], "unchanged");
    assert_eq!(results[0]["diff"], json!({}));
    assert_eq!(results[1]["action"], "update");
    assert_eq!(
        results[1]["diff"],
        json!({"stage": {"from": "Contract Sent", "to": "Closed Won"}})
    );
    assert_eq!(results[2]["action"], "create");
    assert!(results[2]["id"].is_null());
    out.assert_says("planned 3 records");
    assert_eq!(
        export(&home, &sb, SandboxVendor::Hubspot).await.len(),
        2,
        "the plan wrote nothing"
    );
}

#[tokio::test]
async fn malformed_records_name_their_line_and_the_rejects_file_runs_again() {
    let sb = sandbox(SandboxVendor::Hubspot, 0, |_| {}).await;
    let home = Home::new();
    let good = records(2, "MF");
    let mut rows: Vec<&str> = good.lines().collect();
    rows.insert(1, "{\"name\": \"bad amount\", \"amount\": \"12,50\", \"custom\": {\"external_id\": \"MF-B1\"}}");
    rows.insert(2, "{not json");
    rows.push("{\"name\": \"bad stage\", \"stage\": \"Nowhere\", \"custom\": {\"external_id\": \"MF-B2\"}}");
    let file = write(home.path(), "in.ndjson", &(rows.join("\n") + "\n"));
    let rejects = home.path().join("rejects.ndjson");
    let rejects = rejects.to_str().unwrap();

    let strict = import(
        &home,
        &sb,
        &[&file, "--upsert-key", "external_id", "--strict"],
    )
    .await;
    strict.assert_exit(2);
    strict.assert_says("nothing was written");
    assert!(export(&home, &sb, SandboxVendor::Hubspot).await.is_empty());

    let out = import(
        &home,
        &sb,
        &[&file, "--upsert-key", "external_id", "--rejects", rejects],
    )
    .await;
    out.assert_exit(8);
    let failed: BTreeMap<u64, String> = lines(&out.stdout)
        .iter()
        .filter(|r| r["action"] == "failed")
        .map(|r| {
            (
                r["line"].as_u64().unwrap(),
                r["error"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(failed.keys().copied().collect::<Vec<_>>(), [2, 3, 5]);
    assert!(
        failed[&2].contains("amount \"12,50\" is not a number"),
        "{}",
        failed[&2]
    );
    assert!(failed[&3].contains("not valid JSON"), "{}", failed[&3]);
    assert!(
        failed[&5].contains("no stage named \"Nowhere\""),
        "{}",
        failed[&5]
    );
    out.assert_says("2 created, 3 failed");
    out.assert_says("line 5:");
    assert_eq!(export(&home, &sb, SandboxVendor::Hubspot).await.len(), 2);

    // The rejects are the failed records, verbatim: fix them and the same command takes them.
    let text = std::fs::read_to_string(rejects).unwrap();
    assert_eq!(text.lines().count(), 3, "{text}");
    let fixed = text
        .replace("12,50", "12.50")
        .replace(
            "{not json",
            "{\"name\": \"was broken\", \"custom\": {\"external_id\": \"MF-B3\"}}",
        )
        .replace("Nowhere", "Sales Pipeline/Closed Lost");
    let file = write(home.path(), "fixed.ndjson", &fixed);
    let out = import(&home, &sb, &[&file, "--upsert-key", "external_id"]).await;
    out.assert_exit(0);
    let deals = export(&home, &sb, SandboxVendor::Hubspot).await;
    assert_eq!(deals.len(), 5);
    let fixed_amount = deals
        .iter()
        .find(|d| d["custom"]["external_id"] == "MF-B1")
        .unwrap();
    assert_eq!(fixed_amount["amount"], "12.5");
}

#[tokio::test]
async fn csv_in_and_csv_rejects_out() {
    let sb = sandbox(SandboxVendor::Hubspot, 0, |_| {}).await;
    let home = Home::new();
    let text = "name,amount,currency,stage,custom.external_id\n\
                Alpha,10.00,USD,Sales Pipeline/Contract Sent,CSV-1\n\
                Beta,abc,USD,Sales Pipeline/Contract Sent,CSV-2\n";
    let file = write(home.path(), "in.csv", text);
    let rejects = home.path().join("rejects.csv");
    let out = import(
        &home,
        &sb,
        &[
            &file,
            "--upsert-key",
            "external_id",
            "--rejects",
            rejects.to_str().unwrap(),
        ],
    )
    .await;
    out.assert_exit(8);
    let results = lines(&out.stdout);
    let beta = results.iter().find(|r| r["line"] == 3).unwrap();
    assert_eq!(beta["action"], "failed");
    let rejected = std::fs::read_to_string(rejects).unwrap();
    assert_eq!(
        rejected,
        "name,amount,currency,stage,custom.external_id\nBeta,abc,USD,Sales Pipeline/Contract Sent,CSV-2\n"
    );
    let deals = export(&home, &sb, SandboxVendor::Hubspot).await;
    assert_eq!(deals.len(), 1);
    assert_eq!(deals[0]["amount"], "10");
}

#[tokio::test]
async fn upsert_by_a_unique_property_says_created_then_updated() {
    let sb = sandbox(SandboxVendor::Hubspot, 0, |_| {}).await;
    let home = Home::new();
    let upsert = |amount: &'static str| {
        let mut cmd = against(&home, &sb, SandboxVendor::Hubspot);
        cmd.args([
            "deals",
            "upsert",
            "--match",
            "external_id=SKU-1",
            "--name",
            "Acme",
            "--amount",
            amount,
            "--stage",
            "Sales Pipeline/Contract Sent",
            "-o",
            "json",
        ]);
        run(cmd)
    };
    let first = upsert("10.00").await;
    first.assert_exit(0);
    first.assert_says("created");
    let second = upsert("20.00").await;
    second.assert_exit(0);
    second.assert_says("updated");
    assert_eq!(first.json()["id"], second.json()["id"]);
    assert_eq!(second.json()["amount"], "20");
    assert_eq!(export(&home, &sb, SandboxVendor::Hubspot).await.len(), 1);

    let mut cmd = against(&home, &sb, SandboxVendor::Hubspot);
    cmd.args(["deals", "upsert", "--match", "region=EMEA", "--name", "x"]);
    let out = run(cmd).await;
    out.assert_exit(2);
    assert!(
        out.stderr.contains("external_id"),
        "names the unique property: {}",
        out.stderr
    );
}

#[tokio::test]
async fn an_export_imports_back_as_updates_of_the_same_deals() {
    let sb = sandbox(SandboxVendor::Hubspot, 12, |_| {}).await;
    let home = Home::new();
    let before = export(&home, &sb, SandboxVendor::Hubspot).await;
    let text: String = before.iter().map(|d| d.to_string() + "\n").collect();
    let file = write(home.path(), "export.ndjson", &text);
    let out = import(&home, &sb, &[&file]).await;
    out.assert_exit(0);
    let results = lines(&out.stdout);
    assert_eq!(results.len(), before.len());
    assert!(
        results.iter().all(|r| r["action"] == "updated"),
        "{}",
        out.stdout
    );
    assert!(
        results.iter().all(|r| r["warning"]
            .as_str()
            .is_some_and(|w| w.contains("crm deals associate"))),
        "the exported contacts were not applied, and the report says so: {}",
        out.stdout
    );
    let out = import(&home, &sb, &[&file, "--plan"]).await;
    out.assert_exit(0);
    let plan = lines(&out.stdout);
    assert!(
        plan.iter()
            .all(|r| r["action"] == "unchanged" && r["warning"].is_string()),
        "an imported export changes nothing, and the plan says why contacts stay: {}",
        out.stdout
    );
    let after = export(&home, &sb, SandboxVendor::Hubspot).await;
    assert_eq!(after.len(), before.len());
    for (a, b) in before.iter().zip(&after) {
        for field in [
            "id",
            "name",
            "amount",
            "currency",
            "stage",
            "owner",
            "close_date",
            "contacts",
            "custom",
        ] {
            assert_eq!(a[field], b[field], "{field}");
        }
    }
}

#[tokio::test]
async fn dry_run_sends_nothing_and_journals_nothing() {
    let sb = sandbox(SandboxVendor::Hubspot, 0, |_| {}).await;
    let home = Home::new();
    let file = write(home.path(), "in.ndjson", &records(3, "DR"));
    // Warm the metadata cache, so the dry run reaches the write itself.
    let mut cmd = against(&home, &sb, SandboxVendor::Hubspot);
    cmd.args(["stages", "list"]);
    assert_eq!(run(cmd).await.code, 0);
    let journal = home.path().join("j.ndjson");
    let out = import(
        &home,
        &sb,
        &[&file, "--dry-run", "--journal", journal.to_str().unwrap()],
    )
    .await;
    out.assert_exit(0);
    assert!(
        out.stdout.contains("POST") && out.stdout.contains("batch/create"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("(redacted)") && !out.stdout.contains("sandbox-token"));
    assert!(!journal.exists(), "a dry run journals nothing");
    assert!(export(&home, &sb, SandboxVendor::Hubspot).await.is_empty());
}

#[tokio::test]
async fn one_refused_record_does_not_sink_its_batch() {
    let sb = sandbox(SandboxVendor::Hubspot, 0, |_| {}).await;
    let home = Home::new();
    let first = write(home.path(), "first.ndjson", &records(1, "RF"));
    assert_eq!(import(&home, &sb, &[&first]).await.code, 0);
    // HubSpot refuses a whole batch for one record (here: a unique value already taken); crm sends
    // the batch again record by record so the others go through and the culprit is named.
    let file = write(home.path(), "batch.ndjson", &records(5, "RF"));
    let out = import(&home, &sb, &[&file]).await;
    out.assert_exit(8);
    let results = lines(&out.stdout);
    let failed: Vec<&Value> = results.iter().filter(|r| r["action"] == "failed").collect();
    assert_eq!(failed.len(), 1, "{}", out.stdout);
    assert_eq!(failed[0]["line"], 1);
    assert!(failed[0]["error"]
        .as_str()
        .unwrap()
        .contains("already exists"));
    let ids = external_ids(&export(&home, &sb, SandboxVendor::Hubspot).await);
    assert_eq!(ids.len(), 5);
    assert!(ids.values().all(|&c| c == 1));
}

#[tokio::test]
async fn a_stage_alone_moves_deals_across_pipelines() {
    let sb = sandbox(SandboxVendor::Hubspot, 6, |_| {}).await;
    let home = Home::new();
    let deals = export(&home, &sb, SandboxVendor::Hubspot).await;
    let in_sales = |d: &&Value| d["pipeline"]["name"] == "Sales Pipeline";
    let mut sales = deals.iter().filter(in_sales);
    let (a, b) = (sales.next().unwrap(), sales.next().unwrap());
    let (a, b) = (a["id"].as_str().unwrap(), b["id"].as_str().unwrap());
    let c = sales.next().unwrap()["id"].as_str().unwrap();
    // "Renewal Due" is in one pipeline only: the deal moves there. "Closed Won" is in both: it is
    // ambiguous (the record fails, naming both), and "Pipeline/Stage" says which.
    let text =
        format!("id,stage\n{a},Renewal Due\n{b},Sales Pipeline/Closed Won\n{c},Closed Won\n");
    let file = write(home.path(), "moves.csv", &text);
    let out = import(&home, &sb, &[&file]).await;
    out.assert_exit(8);
    let results = lines(&out.stdout);
    assert_eq!(results.len(), 3, "{}", out.stdout);
    assert!(results
        .iter()
        .filter(|r| r["line"] != 4)
        .all(|r| r["action"] == "updated"));
    let ambiguous = results.iter().find(|r| r["line"] == 4).unwrap();
    assert_eq!(ambiguous["action"], "failed");
    let error = ambiguous["error"].as_str().unwrap();
    assert!(
        error.contains("ambiguous")
            && error.contains("Sales Pipeline/Closed Won")
            && error.contains("Renewals/Closed Won"),
        "{error}"
    );
    let after = export(&home, &sb, SandboxVendor::Hubspot).await;
    let a_now = after.iter().find(|d| d["id"] == a).unwrap();
    assert_eq!(a_now["stage"]["name"], "Renewal Due");
    assert_eq!(a_now["pipeline"]["name"], "Renewals");
    let b_now = after.iter().find(|d| d["id"] == b).unwrap();
    assert_eq!(b_now["stage"]["id"], "closedwon");
    assert_eq!(b_now["status"], "won");
}
