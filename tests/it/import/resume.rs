//! Killed runs, injected faults and unknown outcomes: nothing missing, nothing doubled.

use std::collections::BTreeMap;
use std::process::Stdio;
use std::time::Duration;

use crm::sandbox::{RunningSandbox, SandboxVendor};
use serde_json::{json, Value};

use super::{against, export, external_ids, import, lines, records, sandbox, write};
use crate::support::cli::{run, Home};

/// Starts an import, kills it with SIGKILL once the journal shows `kill_after` confirmed writes,
/// and returns the journal's path.
pub(super) async fn import_and_kill(
    home: &Home,
    sb: &RunningSandbox,
    vendor: SandboxVendor,
    input: &str,
    extra: &[&str],
    kill_after: usize,
) -> String {
    let journal = home.path().join("journal.ndjson");
    let journal_path = journal.to_str().unwrap().to_string();
    let mut cmd = home.crm_std();
    cmd.env("CRM_VENDOR", vendor.name())
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
    // Waits on the journal: either it reaches the count, or the import ends first (a failure).
    loop {
        let done = std::fs::read_to_string(&journal)
            .map(|t| t.matches("\"done\"").count())
            .unwrap_or(0);
        if done >= kill_after {
            break;
        }
        assert!(
            child.try_wait().unwrap().is_none(),
            "the import ended before it was killed"
        );
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
    let journal = import_and_kill(
        &home,
        &sb,
        SandboxVendor::Hubspot,
        &input,
        &["--upsert-key", "external_id"],
        200,
    )
    .await;
    let partial = external_ids(&export(&home, &sb, SandboxVendor::Hubspot).await);
    assert!(partial.len() < n, "killed midway: {} of {n}", partial.len());

    let out = import(
        &home,
        &sb,
        &[&input, "--upsert-key", "external_id", "--journal", &journal],
    )
    .await;
    out.assert_exit(0);
    let results = lines(&out.stdout);
    assert_eq!(results.len(), n, "one result per record");
    let skipped = results.iter().filter(|r| r["action"] == "skipped").count();
    assert!(
        skipped >= 200,
        "the journal's writes were skipped: {skipped}"
    );
    // The batch in flight when the run died is looked up by its key before it is sent again.
    let settled = results
        .iter()
        .filter(|r| r["action"] != "skipped" && r.get("warning").is_some())
        .inspect(|r| {
            let w = r["warning"].as_str().unwrap_or_default();
            assert!(w.contains("an earlier run sent this upsert"), "{r}");
        })
        .count();
    assert!(settled <= 100, "at most the batch in flight: {settled}");
    let ids = external_ids(&export(&home, &sb, SandboxVendor::Hubspot).await);
    assert_eq!(ids.len(), n, "nothing missing");
    assert!(ids.values().all(|&c| c == 1), "no duplicates");
}

#[tokio::test]
async fn a_killed_keyless_import_flags_each_possible_duplicate() {
    let sb = sandbox(SandboxVendor::Hubspot, 0, |a| a.latency_ms = 60).await;
    let home = Home::new();
    let n = 1500;
    // No unique value in the records: a re-sent create would otherwise be refused as a conflict
    // (exit 8) whenever the kill fell between HubSpot's write and the journal's confirmation.
    let keyless: String = records(n, "KN")
        .lines()
        .map(|line| {
            let mut record: Value = serde_json::from_str(line).expect("a record");
            record.as_object_mut().expect("an object").remove("custom");
            record.to_string() + "\n"
        })
        .collect();
    let input = write(home.path(), "in.ndjson", &keyless);
    let journal = import_and_kill(&home, &sb, SandboxVendor::Hubspot, &input, &[], 200).await;

    let out = import(&home, &sb, &[&input, "--journal", &journal]).await;
    out.assert_exit(0);
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
    let mut by_name = BTreeMap::<String, usize>::new();
    for deal in export(&home, &sb, SandboxVendor::Hubspot).await {
        if let Some(name) = deal["name"].as_str().filter(|n| n.starts_with("KN deal ")) {
            *by_name.entry(name.to_string()).or_default() += 1;
        }
    }
    assert_eq!(by_name.len(), n, "nothing missing");
    let duplicates: usize = by_name.values().map(|c| c - 1).sum();
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
        let mut cmd = against(&home, &sb, SandboxVendor::Hubspot);
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
        .map(|i| json!({"name": format!("UK-{i:05}"), "pipeline": "Sales Pipeline", "stage": "Contract Sent"}).to_string() + "\n")
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
        let mut cmd = against(&home, &sb, SandboxVendor::Hubspot);
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
