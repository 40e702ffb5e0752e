//! `crm deals import` against the built-in sandbox: every record accounted for, nothing twice.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use crm::sandbox::{spawn, RunningSandbox, SandboxVendor, ServeArgs};
use serde_json::{json, Value};

use crate::support::cli::{run, Home, Run};

async fn sandbox(
    vendor: SandboxVendor,
    deals: usize,
    tweak: impl FnOnce(&mut ServeArgs),
) -> RunningSandbox {
    let mut args = ServeArgs::new(vendor);
    args.deals = deals;
    tweak(&mut args);
    spawn(args).await.expect("sandbox starts")
}

fn crm(home: &Home, sb: &RunningSandbox, vendor: SandboxVendor) -> assert_cmd::Command {
    home.crm_at(vendor.name(), &sb.url(), "sandbox-token")
}

async fn import(home: &Home, sb: &RunningSandbox, args: &[&str]) -> Run {
    let mut cmd = crm(home, sb, SandboxVendor::Hubspot);
    cmd.args(["deals", "import"]).args(args);
    run(cmd).await
}

/// Every deal in the sandbox, through `crm deals export`.
async fn export(home: &Home, sb: &RunningSandbox, vendor: SandboxVendor) -> Vec<Value> {
    let mut cmd = crm(home, sb, vendor);
    // Reads are idempotent: enough retries see them through a sandbox injecting faults.
    cmd.env("CRM_MAX_RETRIES", "30").args(["deals", "export"]);
    let out = run(cmd).await;
    assert_eq!(out.code, 0, "{}", out.stderr);
    lines(&out.stdout)
}

fn lines(text: &str) -> Vec<Value> {
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

/// How many deals carry each external id.
fn external_ids(deals: &[Value]) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for d in deals {
        if let Some(id) = d["custom"]["external_id"].as_str() {
            *counts.entry(id.to_string()).or_default() += 1;
        }
    }
    counts
}

/// `n` deals keyed `{prefix}-00001`…, amounts with cents.
fn records(n: usize, prefix: &str) -> String {
    (1..=n)
        .map(|i| {
            json!({
                "name": format!("{prefix} deal {i}"),
                "amount": format!("{i}.{:02}", i % 100),
                "currency": "USD",
                "pipeline": "Sales Pipeline",
                "stage": "Contract Sent",
                "custom": {"external_id": format!("{prefix}-{i:05}")},
            })
            .to_string()
                + "\n"
        })
        .collect()
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write input");
    path.to_str().expect("utf-8 path").to_string()
}

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
    assert_eq!(out.code, 0, "{}", out.stderr);
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
    assert!(
        out.stderr.contains("2 created, 1 updated"),
        "{}",
        out.stderr
    );

    let after = export(&home, &sb, SandboxVendor::Hubspot).await;
    assert_eq!(after.len(), 5);
    let find = |id: &Value| after.iter().find(|d| &d["id"] == id).unwrap().clone();
    let first = find(&by_line[&1]["id"]);
    assert_eq!(first["amount"], "1500.00");
    assert_eq!(first["currency"], "EUR");
    assert_eq!(first["stage"]["name"], "Closed Won");
    assert_eq!(first["status"], "won");
    assert_eq!(first["close_date"], "2026-12-31");
    assert_eq!(first["owner"]["name"], "Ada Lovelace");
    assert_eq!(find(&json!(existing))["amount"], "42.10");
    assert_eq!(find(&by_line[&3]["id"])["custom"]["region"], "EMEA");

    // The same records by upsert key: created first, updated on the second run.
    let file = write(home.path(), "keyed.ndjson", &records(3, "UP"));
    let out = import(&home, &sb, &[&file, "--upsert-key", "external_id"]).await;
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        lines(&out.stdout).iter().all(|r| r["action"] == "created"),
        "{}",
        out.stdout
    );
    let changed = records(3, "UP").replace("\"1.01\"", "\"999.99\"");
    let file = write(home.path(), "keyed.ndjson", &changed);
    let out = import(&home, &sb, &[&file, "--upsert-key", "external_id"]).await;
    assert_eq!(out.code, 0, "{}", out.stderr);
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
    assert_eq!(out.code, 0, "{}", out.stderr);
    let text = records(3, "PL").replace("\"Contract Sent\"", "\"Closed Won\"");
    let text = text.replacen("\"Closed Won\"", "\"Contract Sent\"", 1);
    let file = write(home.path(), "b.ndjson", &text);
    let out = import(
        &home,
        &sb,
        &[&file, "--upsert-key", "external_id", "--plan"],
    )
    .await;
    assert_eq!(out.code, 0, "{}", out.stderr);
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
    assert!(out.stderr.contains("planned 3 records"), "{}", out.stderr);
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
    assert_eq!(strict.code, 2, "{}", strict.stderr);
    assert!(
        strict.stderr.contains("nothing was written"),
        "{}",
        strict.stderr
    );
    assert!(export(&home, &sb, SandboxVendor::Hubspot).await.is_empty());

    let out = import(
        &home,
        &sb,
        &[&file, "--upsert-key", "external_id", "--rejects", rejects],
    )
    .await;
    assert_eq!(out.code, 8, "{}", out.stderr);
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
    assert!(out.stderr.contains("2 created, 3 failed"), "{}", out.stderr);
    assert!(out.stderr.contains("line 5:"), "{}", out.stderr);
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
        .replace("Nowhere", "Closed Lost");
    let file = write(home.path(), "fixed.ndjson", &fixed);
    let out = import(&home, &sb, &[&file, "--upsert-key", "external_id"]).await;
    assert_eq!(out.code, 0, "{}", out.stderr);
    let deals = export(&home, &sb, SandboxVendor::Hubspot).await;
    assert_eq!(deals.len(), 5);
    let fixed_amount = deals
        .iter()
        .find(|d| d["custom"]["external_id"] == "MF-B1")
        .unwrap();
    assert_eq!(fixed_amount["amount"], "12.50");
}

#[tokio::test]
async fn csv_in_and_csv_rejects_out() {
    let sb = sandbox(SandboxVendor::Hubspot, 0, |_| {}).await;
    let home = Home::new();
    let text = "name,amount,currency,stage,custom.external_id\n\
                Alpha,10.00,USD,Contract Sent,CSV-1\n\
                Beta,abc,USD,Contract Sent,CSV-2\n";
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
    assert_eq!(out.code, 8, "{}", out.stderr);
    let results = lines(&out.stdout);
    let beta = results.iter().find(|r| r["line"] == 3).unwrap();
    assert_eq!(beta["action"], "failed");
    let rejected = std::fs::read_to_string(rejects).unwrap();
    assert_eq!(
        rejected,
        "name,amount,currency,stage,custom.external_id\nBeta,abc,USD,Contract Sent,CSV-2\n"
    );
    let deals = export(&home, &sb, SandboxVendor::Hubspot).await;
    assert_eq!(deals.len(), 1);
    assert_eq!(deals[0]["amount"], "10.00");
}

/// Starts an import, kills it with SIGKILL once the journal shows some confirmed writes, and
/// returns the journal's path.
async fn import_and_kill(home: &Home, sb: &RunningSandbox, input: &str, extra: &[&str]) -> String {
    let journal = home.path().join("journal.ndjson");
    let journal_path = journal.to_str().unwrap().to_string();
    let mut cmd = home.crm_std();
    cmd.env("CRM_VENDOR", "hubspot")
        .env("CRM_TOKEN", "sandbox-token")
        .env("CRM_BASE_URL", sb.url())
        .args([
            "deals",
            "import",
            input,
            "--journal",
            &journal_path,
            "--concurrency",
            "1",
        ])
        .args(extra)
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    let mut child = cmd.spawn().expect("crm starts");
    let started = Instant::now();
    loop {
        let done = std::fs::read_to_string(&journal)
            .map(|t| t.matches("\"done\"").count())
            .unwrap_or(0);
        if done >= 200 {
            break;
        }
        assert!(
            child.try_wait().unwrap().is_none(),
            "the import ended before it was killed"
        );
        assert!(started.elapsed() < Duration::from_secs(60), "no progress");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    child.kill().expect("SIGKILL");
    child.wait().unwrap();
    journal_path
}

#[tokio::test]
async fn a_killed_keyed_import_resumes_with_no_duplicate_and_nothing_missing() {
    let sb = sandbox(SandboxVendor::Hubspot, 0, |a| a.latency_ms = 60).await;
    let home = Home::new();
    let n = 1500;
    let input = write(home.path(), "in.ndjson", &records(n, "KL"));
    let journal = import_and_kill(&home, &sb, &input, &["--upsert-key", "external_id"]).await;
    let partial = external_ids(&export(&home, &sb, SandboxVendor::Hubspot).await);
    assert!(partial.len() < n, "killed midway: {} of {n}", partial.len());

    let out = import(
        &home,
        &sb,
        &[&input, "--upsert-key", "external_id", "--journal", &journal],
    )
    .await;
    assert_eq!(out.code, 0, "{}", out.stderr);
    let results = lines(&out.stdout);
    assert_eq!(results.len(), n, "one result per record");
    let skipped = results.iter().filter(|r| r["action"] == "skipped").count();
    assert!(
        skipped >= 200,
        "the journal's writes were skipped: {skipped}"
    );
    assert!(
        results
            .iter()
            .all(|r| r.get("warning").is_none() || r["action"] == "skipped"),
        "an upsert leaves no doubt to warn about: {}",
        out.stdout
    );
    let ids = external_ids(&export(&home, &sb, SandboxVendor::Hubspot).await);
    assert_eq!(ids.len(), n, "nothing missing");
    assert!(ids.values().all(|&c| c == 1), "no duplicates");
}

#[tokio::test]
async fn a_killed_keyless_import_flags_each_possible_duplicate() {
    let sb = sandbox(SandboxVendor::Hubspot, 0, |a| a.latency_ms = 60).await;
    let home = Home::new();
    let n = 1500;
    let input = write(home.path(), "in.ndjson", &records(n, "KN"));
    let journal = import_and_kill(&home, &sb, &input, &[]).await;

    let out = import(&home, &sb, &[&input, "--journal", &journal]).await;
    assert_eq!(out.code, 0, "{}", out.stderr);
    let results = lines(&out.stdout);
    assert_eq!(results.len(), n);
    let flagged = results
        .iter()
        .filter(|r| {
            r["warning"]
                .as_str()
                .is_some_and(|w| w.contains("duplicate is possible"))
        })
        .count();
    let ids = external_ids(&export(&home, &sb, SandboxVendor::Hubspot).await);
    assert_eq!(ids.len(), n, "nothing missing");
    let duplicates: usize = ids.values().map(|c| c - 1).sum();
    assert!(
        duplicates <= flagged,
        "{duplicates} duplicates, {flagged} flagged"
    );
    assert!(
        flagged <= 100,
        "at most the batch in flight is in doubt: {flagged}"
    );
}

#[tokio::test]
async fn injected_faults_leave_nothing_missing_or_doubled_after_a_rerun() {
    let sb = sandbox(SandboxVendor::Hubspot, 0, |a| {
        a.fail_rate = 0.3;
        a.seed = 7;
    })
    .await;
    let home = Home::new();
    let n = 600;
    let input = write(home.path(), "in.ndjson", &records(n, "FT"));
    let journal = home.path().join("j.ndjson");
    let journal = journal.to_str().unwrap();
    // No retries, so faults reach the import: failed batches (some applied, some not) must be
    // settled by running the same command again.
    let mut codes = Vec::new();
    for _ in 0..12 {
        let mut cmd = crm(&home, &sb, SandboxVendor::Hubspot);
        cmd.env("CRM_MAX_RETRIES", "0").args([
            "deals",
            "import",
            &input,
            "--upsert-key",
            "external_id",
            "--journal",
            journal,
            "--concurrency",
            "1",
        ]);
        let out = run(cmd).await;
        codes.push(out.code);
        match out.code {
            // A metadata read failed before any record: nothing to report yet.
            7 => continue,
            0 | 8 => assert_eq!(lines(&out.stdout).len(), n, "every record reported"),
            other => panic!("exit {other}: {}", out.stderr),
        }
        if out.code == 0 {
            break;
        }
    }
    assert_eq!(codes.last(), Some(&0), "converged: {codes:?}");
    assert!(
        codes.contains(&8),
        "some writes failed on the way: {codes:?}"
    );
    let ids = external_ids(&export(&home, &sb, SandboxVendor::Hubspot).await);
    assert_eq!(ids.len(), n, "nothing missing");
    assert!(ids.values().all(|&c| c == 1), "no duplicates");
}

/// One migration: `crm deals export` from `source` piped into `crm deals import --map` on
/// `target`, then every deal checked field by field. Adding a vendor pair is one more test.
async fn migrate(source: SandboxVendor, target: SandboxVendor, map: &str) {
    let from = sandbox(source, 20, |_| {}).await;
    let to = sandbox(target, 0, |a| a.seed = 99).await;
    let home = Home::new();
    let map_file = write(home.path(), "map.toml", map);
    let mapping: toml::Value = toml::from_str(map).unwrap();
    let source_deals = export(&home, &from, source).await;

    let mut exporter = home.crm_std();
    exporter
        .env("CRM_VENDOR", source.name())
        .env("CRM_TOKEN", "sandbox-token")
        .env("CRM_BASE_URL", from.url())
        .args(["deals", "export"])
        .stdout(Stdio::piped());
    let mut exporter = exporter.spawn().unwrap();
    let mut importer = home.crm_std();
    importer
        .env("CRM_VENDOR", target.name())
        .env("CRM_TOKEN", "sandbox-token")
        .env("CRM_BASE_URL", to.url())
        .args(["deals", "import", "-", "--map", &map_file])
        .stdin(exporter.stdout.take().unwrap());
    let out = tokio::task::spawn_blocking(move || importer.output().unwrap())
        .await
        .unwrap();
    assert!(exporter.wait().unwrap().success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    let report = lines(&String::from_utf8_lossy(&out.stdout));
    assert_eq!(report.len(), source_deals.len());

    let target_deals = export(&home, &to, target).await;
    assert_eq!(target_deals.len(), source_deals.len());
    let mapped = |table: &str, key: &str| -> Option<String> {
        mapping.get(table)?.get(key)?.as_str().map(String::from)
    };
    for result in &report {
        let line = result["line"].as_u64().unwrap() as usize;
        let src = &source_deals[line - 1];
        let dst = target_deals
            .iter()
            .find(|d| d["id"] == result["id"])
            .expect("created");
        let pipeline = src["pipeline"]["name"].as_str().unwrap();
        let stage = src["stage"]["name"].as_str().unwrap();
        let want_stage = mapped("stages", &format!("{pipeline}/{stage}"))
            .or_else(|| mapped("stages", stage))
            .unwrap_or_else(|| stage.to_string());
        let owner = src["owner"]["name"].as_str().unwrap();
        let want_owner = mapped("owners", owner).unwrap_or_else(|| owner.to_string());
        assert_eq!(dst["name"], src["name"]);
        assert_eq!(dst["amount"], src["amount"], "exact amounts");
        assert_eq!(dst["currency"], src["currency"]);
        assert_eq!(dst["close_date"], src["close_date"]);
        assert_eq!(dst["stage"]["name"], want_stage.as_str(), "{src}");
        assert_eq!(dst["owner"]["name"], want_owner.as_str(), "{src}");
        if let Some(p) = mapped("pipelines", pipeline) {
            assert_eq!(dst["pipeline"]["name"], p.as_str());
        }
        for (key, value) in src["custom"].as_object().unwrap() {
            // The map may rename a custom field (a name) or drop it (false).
            let name = match mapping.get("custom").and_then(|c| c.get(key)) {
                Some(toml::Value::String(to)) => to.clone(),
                Some(toml::Value::Boolean(false)) => continue,
                _ => key.clone(),
            };
            if !value.is_null() {
                assert_eq!(&dst["custom"][&name], value, "custom {key} as {name}");
            }
        }
    }
}

const HUBSPOT_TO_HUBSPOT: &str = r#"
[pipelines]
"Renewals" = "Sales Pipeline"
[stages]
"Renewals/Renewal Due" = "Appointment Scheduled"
"Renewals/Contract Sent" = "Contract Sent"
"Renewals/Closed Won" = "Closed Won"
"Renewals/Closed Lost" = "Closed Lost"
"Sales Pipeline/Qualified To Buy" = "Presentation Scheduled"
[owners]
"Ada Lovelace" = "Grace Hopper"
"Alan Turing" = "Katherine Johnson"
"#;

#[tokio::test]
async fn migration_hubspot_to_hubspot_maps_pipelines_stages_and_owners_by_name() {
    migrate(
        SandboxVendor::Hubspot,
        SandboxVendor::Hubspot,
        HUBSPOT_TO_HUBSPOT,
    )
    .await;
}

#[tokio::test]
async fn a_map_that_leaves_a_name_out_rejects_those_records_by_line() {
    let from = sandbox(SandboxVendor::Hubspot, 10, |_| {}).await;
    let to = sandbox(SandboxVendor::Hubspot, 0, |_| {}).await;
    let home = Home::new();
    let exported = export(&home, &from, SandboxVendor::Hubspot).await;
    let text: String = exported
        .iter()
        .map(|d| {
            let mut d = d.clone();
            d["owner"]["name"] = json!("Someone Gone");
            d.to_string() + "\n"
        })
        .collect();
    let file = write(home.path(), "in.ndjson", &text);
    let map = write(home.path(), "map.toml", "[missing]\nowners = \"reject\"\n");
    let out = import(&home, &to, &[&file, "--map", &map]).await;
    assert_eq!(out.code, 8, "{}", out.stderr);
    let results = lines(&out.stdout);
    assert!(results.iter().all(|r| r["error"]
        .as_str()
        .is_some_and(|e| e.contains("owner \"Someone Gone\" is not in the target"))));
    let map = write(home.path(), "map.toml", "[missing]\nowners = \"drop\"\n");
    let out = import(&home, &to, &[&file, "--map", &map]).await;
    assert_eq!(out.code, 0, "{}", out.stderr);
    let deals = export(&home, &to, SandboxVendor::Hubspot).await;
    assert_eq!(deals.len(), exported.len());
    assert!(deals.iter().all(|d| d["owner"].is_null()), "owners dropped");
}

#[tokio::test]
async fn upsert_by_a_unique_property_says_created_then_updated() {
    let sb = sandbox(SandboxVendor::Hubspot, 0, |_| {}).await;
    let home = Home::new();
    let upsert = |amount: &'static str| {
        let mut cmd = crm(&home, &sb, SandboxVendor::Hubspot);
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
            "Contract Sent",
            "-o",
            "json",
        ]);
        run(cmd)
    };
    let first = upsert("10.00").await;
    assert_eq!(first.code, 0, "{}", first.stderr);
    assert!(first.stderr.contains("created"), "{}", first.stderr);
    let second = upsert("20.00").await;
    assert_eq!(second.code, 0, "{}", second.stderr);
    assert!(second.stderr.contains("updated"), "{}", second.stderr);
    assert_eq!(first.json()["id"], second.json()["id"]);
    assert_eq!(second.json()["amount"], "20.00");
    assert_eq!(export(&home, &sb, SandboxVendor::Hubspot).await.len(), 1);

    let mut cmd = crm(&home, &sb, SandboxVendor::Hubspot);
    cmd.args(["deals", "upsert", "--match", "region=EMEA", "--name", "x"]);
    let out = run(cmd).await;
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr.contains("external_id"),
        "names the unique property: {}",
        out.stderr
    );
}

#[tokio::test]
async fn a_vendor_without_upsert_is_refused_before_any_request() {
    let home = Home::new();
    let file = write(home.path(), "in.ndjson", &records(1, "NV"));
    // Port 9 (discard) on loopback: a request would fail with a network error, not exit 6.
    let mut cmd = home.crm_at("sell", "http://127.0.0.1:9", "token");
    cmd.args(["deals", "import", &file, "--upsert-key", "external_id"]);
    let out = run(cmd).await;
    assert_eq!(out.code, 6, "{}", out.stderr);
    assert!(
        out.stderr.contains("not supported by Zendesk Sell"),
        "{}",
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
    assert_eq!(out.code, 0, "{}", out.stderr);
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
    assert_eq!(out.code, 0, "{}", out.stderr);
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
    let mut cmd = crm(&home, &sb, SandboxVendor::Hubspot);
    cmd.args(["stages", "list"]);
    assert_eq!(run(cmd).await.code, 0);
    let journal = home.path().join("j.ndjson");
    let out = import(
        &home,
        &sb,
        &[&file, "--dry-run", "--journal", journal.to_str().unwrap()],
    )
    .await;
    assert_eq!(out.code, 0, "{}", out.stderr);
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
    assert_eq!(out.code, 8, "{}", out.stderr);
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
async fn a_create_of_unknown_outcome_is_neither_rejected_nor_lost() {
    // Half the requests fail, and a failed write was applied half the time. Reads are retried; a
    // create is not (it is not idempotent), so its outcome is unknown.
    let sb = sandbox(SandboxVendor::Hubspot, 0, |a| {
        a.fail_rate = 0.5;
        a.seed = 3;
    })
    .await;
    let home = Home::new();
    let n = 400;
    // No unique value: nothing on the vendor's side can refuse a second create.
    let text: String = (1..=n)
        .map(|i| json!({"name": format!("UK-{i:05}"), "stage": "Contract Sent"}).to_string() + "\n")
        .collect();
    let input = write(home.path(), "in.ndjson", &text);
    let journal = home.path().join("j.ndjson");
    let journal = journal.to_str().unwrap().to_string();
    let rejects = home.path().join("rejects.ndjson");
    let rejects = rejects.to_str().unwrap().to_string();
    let mut in_doubt = 0;
    let mut first = true;
    let mut code = -1;
    for _ in 0..12 {
        let mut cmd = crm(&home, &sb, SandboxVendor::Hubspot);
        cmd.env("CRM_MAX_RETRIES", "10").args([
            "deals",
            "import",
            &input,
            "--journal",
            &journal,
            "--concurrency",
            "1",
            "--rejects",
            &rejects,
        ]);
        let out = run(cmd).await;
        code = out.code;
        let results = lines(&out.stdout);
        assert_eq!(results.len(), n);
        let unknown: Vec<&Value> = results
            .iter()
            .filter(|r| r["action"] == "unknown")
            .collect();
        in_doubt += unknown.len();
        let rejected = std::fs::read_to_string(&rejects).unwrap_or_default();
        for r in &unknown {
            assert!(
                r["error"].as_str().unwrap().contains("outcome unknown"),
                "{r}"
            );
            let name = format!("\"UK-{:05}\"", r["line"].as_u64().unwrap());
            assert!(
                !rejected.contains(&name),
                "{name} may exist: it is not a reject"
            );
        }
        if first {
            assert!(
                !unknown.is_empty(),
                "the faults hit a create: {}",
                out.stderr
            );
            first = false;
        }
        if code == 0 {
            break;
        }
    }
    assert_eq!(code, 0, "converged");
    let deals = export(&home, &sb, SandboxVendor::Hubspot).await;
    let mut names: BTreeMap<String, usize> = BTreeMap::new();
    for d in &deals {
        *names
            .entry(d["name"].as_str().unwrap().to_string())
            .or_default() += 1;
    }
    assert_eq!(names.len(), n, "nothing missing");
    let duplicates: usize = names.values().map(|c| c - 1).sum();
    assert!(
        duplicates <= in_doubt,
        "{duplicates} duplicates, {in_doubt} reported in doubt"
    );
}
