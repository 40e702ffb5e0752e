//! `deals import` into Pipedrive and Sell, which have no batch endpoints: record by record,
//! checked by `--plan`, keyed by a custom field, resumable after `kill -9`.

use std::collections::BTreeMap;

use crm::sandbox::{RunningSandbox, SandboxVendor};
use serde_json::{json, Value};

use super::resume::import_and_kill;
use super::{export, import_to, keyed_ids, lines, record, sandbox, write};
use crate::support::cli::Home;

/// What differs between the two vendors in these tests.
#[derive(Clone, Copy)]
struct Target {
    vendor: SandboxVendor,
    /// The demo's external-id custom field, as the vendor names it.
    key: &'static str,
    /// A contact of the demo data (Sell needs a primary contact to create a deal).
    contact: &'static str,
    /// What the report calls a keyed write that created a deal (Sell's upsert does not say).
    keyed_created: &'static str,
    keyed_updated: &'static str,
}

const PIPEDRIVE: Target = Target {
    vendor: SandboxVendor::Pipedrive,
    key: "External ID",
    contact: "12",
    keyed_created: "created",
    keyed_updated: "updated",
};

const SELL: Target = Target {
    vendor: SandboxVendor::Sell,
    key: "external_id",
    contact: "300012",
    keyed_created: "upserted",
    keyed_updated: "upserted",
};

/// A sandbox whose rate limit crm learns from its headers (Pipedrive), high enough that the
/// tests wait on the client's pacing of Sell (10 a second) at most.
async fn start(t: Target, deals: usize) -> RunningSandbox {
    sandbox(t.vendor, deals, |a| {
        a.rate_limit = Some("4000/2s".parse().unwrap());
    })
    .await
}

/// `n` keyed deals `{prefix}-00001`…, amounts with cents.
fn keyed(t: Target, n: usize, prefix: &str) -> String {
    (1..=n)
        .map(|i| {
            let mut record = record(prefix, i);
            record["owner"] = json!("Grace Hopper");
            record["close_date"] = json!("2026-12-31");
            record["contacts"] = json!([t.contact]);
            record["custom"] = json!({t.key: format!("{prefix}-{i:05}")});
            format!("{record}\n")
        })
        .collect()
}

fn by_line(results: &[Value]) -> BTreeMap<u64, &Value> {
    results
        .iter()
        .map(|r| (r["line"].as_u64().unwrap(), r))
        .collect()
}

async fn creates_updates_and_upserts(t: Target) {
    let sb = start(t, 3).await;
    let home = Home::new();
    let existing = export(&home, &sb, t.vendor).await[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let text = format!(
        "{}\n{}\n",
        json!({"name": "New one", "amount": "1500.25", "currency": "EUR", "stage": "Closed Won",
            "pipeline": "Sales Pipeline", "close_date": "2026-12-31", "owner": "Ada Lovelace",
            "contacts": [t.contact], "custom": {t.key: "NEW-1"}}),
        json!({"id": existing, "amount": "42.25"}),
    );
    let file = write(home.path(), "in.ndjson", &text);
    let out = import_to(&home, &sb, t.vendor, &[&file]).await;
    out.assert_exit(0);
    let results = lines(&out.stdout);
    let lines = by_line(&results);
    assert_eq!(lines[&1]["action"], "created", "{}", out.stdout);
    assert_eq!(lines[&2]["action"], "updated");
    assert_eq!(lines[&2]["id"], existing.as_str());
    let after = export(&home, &sb, t.vendor).await;
    assert_eq!(after.len(), 4);
    let find = |id: &Value| after.iter().find(|d| &d["id"] == id).unwrap().clone();
    let new = find(&lines[&1]["id"]);
    assert_eq!(new["amount"], "1500.25");
    assert_eq!(new["currency"], "EUR");
    assert_eq!(new["stage"]["name"], "Closed Won");
    assert_eq!(new["close_date"], "2026-12-31");
    assert_eq!(new["owner"]["name"], "Ada Lovelace");
    assert_eq!(new["custom"][t.key], "NEW-1");
    assert_eq!(find(&json!(existing))["amount"], "42.25");

    // Keyed: created on the first run, the same deals updated on the second.
    let file = write(home.path(), "keyed.ndjson", &keyed(t, 3, "UP"));
    let out = import_to(&home, &sb, t.vendor, &[&file, "--upsert-key", t.key]).await;
    out.assert_exit(0);
    assert!(
        lines_of(&out.stdout).all(|r| r["action"] == t.keyed_created),
        "{}",
        out.stdout
    );
    let changed = keyed(t, 3, "UP").replace("\"1.01\"", "\"999.99\"");
    let file = write(home.path(), "keyed.ndjson", &changed);
    let out = import_to(&home, &sb, t.vendor, &[&file, "--upsert-key", t.key]).await;
    out.assert_exit(0);
    assert!(
        lines_of(&out.stdout).all(|r| r["action"] == t.keyed_updated),
        "{}",
        out.stdout
    );
    let deals = export(&home, &sb, t.vendor).await;
    let mut ids = keyed_ids(&deals, t.key);
    ids.retain(|k, _| !k.starts_with("EXT-"));
    assert_eq!(ids.len(), 4, "NEW-1 and three UP: {ids:?}");
    assert!(ids.values().all(|&c| c == 1), "no duplicates: {ids:?}");
    let first = deals
        .iter()
        .find(|d| d["custom"][t.key] == "UP-00001")
        .unwrap();
    assert_eq!(first["amount"], "999.99");
    assert_eq!(first["owner"]["name"], "Grace Hopper");
}

fn lines_of(text: &str) -> impl Iterator<Item = Value> + '_ {
    lines(text).into_iter()
}

#[tokio::test]
async fn pipedrive_creates_updates_and_upserts_by_a_custom_field() {
    creates_updates_and_upserts(PIPEDRIVE).await;
}

#[tokio::test]
async fn sell_creates_updates_and_upserts_by_a_custom_field() {
    creates_updates_and_upserts(SELL).await;
}

async fn plan_and_rejects(t: Target) {
    let sb = start(t, 0).await;
    let home = Home::new();
    let file = write(home.path(), "keyed.ndjson", &keyed(t, 2, "PL"));
    let out = import_to(&home, &sb, t.vendor, &[&file, "--upsert-key", t.key]).await;
    out.assert_exit(0);

    // One changed, one as it is, one new, one with a stage the vendor lacks.
    let mut text = keyed(t, 3, "PL").replace("\"1.01\"", "\"5.00\"");
    text.push_str(
        &(json!({"name": "bad stage", "pipeline": "Sales Pipeline", "stage": "Nowhere",
            "contacts": [t.contact],
            "custom": {t.key: "PL-BAD"}})
        .to_string()
            + "\n"),
    );
    let file = write(home.path(), "plan.ndjson", &text);
    let rejects = home.path().join("rejects.ndjson");
    let rejects = rejects.to_str().unwrap();
    let out = import_to(
        &home,
        &sb,
        t.vendor,
        &[&file, "--upsert-key", t.key, "--plan", "--rejects", rejects],
    )
    .await;
    out.assert_exit(8);
    let results = lines(&out.stdout);
    let lines = by_line(&results);
    assert_eq!(lines[&1]["action"], "update", "{}", out.stdout);
    assert_eq!(
        lines[&1]["diff"]["amount"],
        json!({"from": "1.01", "to": "5"})
    );
    assert_eq!(lines[&2]["action"], "unchanged", "{}", out.stdout);
    assert_eq!(lines[&3]["action"], "create");
    assert_eq!(lines[&4]["action"], "failed");
    assert!(
        lines[&4]["error"].as_str().unwrap().contains("Nowhere"),
        "{}",
        lines[&4]
    );
    assert_eq!(
        keyed_ids(&export(&home, &sb, t.vendor).await, t.key).len(),
        2,
        "a plan writes nothing"
    );
    let rejected = std::fs::read_to_string(rejects).unwrap();
    assert_eq!(rejected.lines().count(), 1, "{rejected}");
    assert!(rejected.contains("PL-BAD"));

    // The rejects, fixed, import as they are.
    let file = write(
        home.path(),
        "fixed.ndjson",
        &rejected.replace("Nowhere", "Closed Lost"),
    );
    let out = import_to(&home, &sb, t.vendor, &[&file, "--upsert-key", t.key]).await;
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    let deals = export(&home, &sb, t.vendor).await;
    let fixed = deals
        .iter()
        .find(|d| d["custom"][t.key] == "PL-BAD")
        .expect("imported");
    assert_eq!(fixed["stage"]["name"], "Closed Lost");
}

#[tokio::test]
async fn pipedrive_plan_checks_names_and_diffs_by_key() {
    plan_and_rejects(PIPEDRIVE).await;
}

#[tokio::test]
async fn sell_plan_checks_names_and_diffs_by_key() {
    plan_and_rejects(SELL).await;
}

/// Kills a keyed import midway, resumes it with the journal, and counts every key once.
async fn killed_and_resumed(t: Target, n: usize, kill_after: usize) {
    // Latency keeps the run long enough to be killed midway.
    let sb = sandbox(t.vendor, 0, |a| {
        a.rate_limit = Some("4000/2s".parse().unwrap());
        a.latency_ms = 30;
    })
    .await;
    let home = Home::new();
    let input = write(home.path(), "in.ndjson", &keyed(t, n, "KL"));
    let journal = import_and_kill(
        &home,
        &sb,
        t.vendor,
        &input,
        &["--upsert-key", t.key],
        kill_after,
    )
    .await;
    let partial = keyed_ids(&export(&home, &sb, t.vendor).await, t.key);
    assert!(partial.len() < n, "killed midway: {} of {n}", partial.len());

    let out = import_to(
        &home,
        &sb,
        t.vendor,
        &[&input, "--upsert-key", t.key, "--journal", &journal],
    )
    .await;
    out.assert_exit(0);
    let results = lines(&out.stdout);
    assert_eq!(results.len(), n, "one result per record");
    let skipped = results.iter().filter(|r| r["action"] == "skipped").count();
    assert!(skipped >= kill_after, "the journal's writes were skipped");
    let ids = keyed_ids(&export(&home, &sb, t.vendor).await, t.key);
    assert_eq!(ids.len(), n, "nothing missing");
    assert!(ids.values().all(|&c| c == 1), "no duplicates: {ids:?}");
}

#[tokio::test]
async fn sell_a_killed_keyed_import_resumes_with_no_duplicate_and_nothing_missing() {
    killed_and_resumed(SELL, 120, 30).await;
}

#[tokio::test]
async fn pipedrive_a_killed_keyed_import_resumes_with_no_duplicate_and_nothing_missing() {
    killed_and_resumed(PIPEDRIVE, 120, 30).await;
}
