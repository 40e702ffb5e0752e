//! Issue 15, item 8: re-importing records whose unique value (`external_id`) already exists was
//! ~100 times slower than the first import (300 records: 30 s and 303 batch creates), because
//! each refused batch was sent again record by record; and its results came out of input order.
//! Now the conflicting keys are read once and the rest is sent in one batch.

use crm::sandbox::{spawn, RunningSandbox, SandboxVendor, ServeArgs};
use serde_json::{json, Value};

use crate::sandbox::start;
use crate::support::cli::{crm, run, Home, Run, To};
use crate::support::sandbox_api::inspect;

async fn stats(sb: &RunningSandbox) -> u64 {
    let v: Value = inspect(&sb.url(), "stats").await;
    v["requests"].as_u64().unwrap()
}

/// 300 records whose external_id a demo deal holds, with 30 new ones among them.
fn records() -> String {
    (1..=330)
        .map(|i| {
            let key = if i % 11 == 0 {
                format!("NEW-{i:05}")
            } else {
                format!("EXT-{:05}", i - i / 11)
            };
            json!({"name": format!("Re-import {i}"), "custom": {"external_id": key}}).to_string()
                + "\n"
        })
        .collect()
}

async fn import(home: &Home, sb: &RunningSandbox, extra: &[&str]) -> Run {
    let dir = home.path().join("in.ndjson");
    std::fs::write(&dir, records()).unwrap();
    let mut cmd = crm(home, To::env("hubspot", sb.url(), "sandbox-token"), "").command();
    cmd.args(["deals", "import", dir.to_str().unwrap()])
        .args(extra);
    run(cmd).await
}

fn results(out: &Run) -> Vec<Value> {
    out.stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// A HubSpot sandbox with 300 demo deals.
async fn hubspot_with_300_deals() -> RunningSandbox {
    start(ServeArgs {
        deals: 300,
        ..ServeArgs::new(SandboxVendor::Hubspot)
    })
    .await
}

#[tokio::test]
async fn existing_unique_values_are_read_once_and_the_rest_created_in_one_go() {
    let sb = hubspot_with_300_deals().await;
    let home = Home::new();
    // Metadata first, so the count below is the import's own.
    crm(
        &home,
        To::env("hubspot", sb.url(), "sandbox-token"),
        &["deals", "fields"],
    )
    .await
    .assert_exit(0);
    let before = stats(&sb).await;

    let out = import(&home, &sb, &[]).await;
    out.assert_exit(8);
    let sent = stats(&sb).await - before;
    let results = results(&out);
    assert_eq!(results.len(), 330);
    let lines: Vec<u64> = results
        .iter()
        .map(|r| r["line"].as_u64().unwrap())
        .collect();
    assert_eq!(
        lines,
        (1..=330).collect::<Vec<u64>>(),
        "results in input order"
    );
    for r in &results {
        let line = r["line"].as_u64().unwrap();
        if line % 11 == 0 {
            assert_eq!(r["action"], "created", "{r}");
        } else {
            assert_eq!(r["action"], "failed", "{r}");
            let e = r["error"].as_str().unwrap();
            assert!(
                e.contains("already exists") && e.contains("external_id"),
                "{r}"
            );
        }
    }
    // 4 refused batches, one batch read each, one batch create of the rest each: not one
    // request per record.
    assert!(sent <= 16, "{sent} requests for 330 records");
    assert!(
        out.stderr.contains("330 records") || out.stderr.contains("330/330"),
        "{}",
        out.stderr
    );
}

#[tokio::test]
async fn skip_existing_reports_the_deal_that_holds_the_value() {
    let sb = hubspot_with_300_deals().await;
    let home = Home::new();
    let out = import(&home, &sb, &["--skip-existing"]).await;
    out.assert_exit(0);
    let results = results(&out);
    let skipped: Vec<&Value> = results
        .iter()
        .filter(|r| r["action"] == "skipped")
        .collect();
    assert_eq!(skipped.len(), 300);
    assert!(skipped
        .iter()
        .all(|r| r["id"].is_string() && r["error"].is_null()));
    let first = &skipped[0];
    assert!(
        first["warning"].as_str().unwrap().contains("EXT-00001"),
        "{first}"
    );
    assert_eq!(
        results.iter().filter(|r| r["action"] == "created").count(),
        30
    );
}

#[tokio::test]
async fn progress_shows_off_a_terminal_as_lines() {
    // Issue 15: a 10,000-record re-run showed nothing while it went on, off a terminal.
    let sb = spawn(ServeArgs::new(SandboxVendor::Hubspot)).await.unwrap();
    let home = Home::new();
    let text: String = (1..=1_000)
        .map(|i| json!({"name": format!("P{i}")}).to_string() + "\n")
        .collect();
    let file = home.path().join("p.ndjson");
    std::fs::write(&file, text).unwrap();
    let out = crm(
        &home,
        To::env("hubspot", sb.url(), "sandbox-token"),
        &["deals", "import", file.to_str().unwrap()],
    )
    .await;
    out.assert_exit(0);
    let progress: Vec<&str> = out
        .stderr
        .lines()
        .filter(|l| l.starts_with("progress:"))
        .collect();
    assert!(progress.len() >= 5, "{}", out.stderr);
    assert!(progress[0].contains("/1000 records"), "{}", progress[0]);
    let out = crm(
        &home,
        To::env("hubspot", sb.url(), "sandbox-token"),
        &["deals", "import", file.to_str().unwrap(), "-q"],
    )
    .await;
    assert!(
        !out.stderr.contains("progress:"),
        "-q hides it: {}",
        out.stderr
    );
}
