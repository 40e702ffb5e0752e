//! Writes never stop silently: when stdout closes during `import`, `create --from`, `upsert` or
//! `delete` (`| head -1`), crm starts no new write, settles those in flight, says on stderr what
//! was done and what was not, and exits 1; with `--journal` the same command finishes the job.
//! (`deals list | head -1` still ends quietly with exit 0: tests/it/help.rs.)

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use crm::sandbox::{spawn, RunningSandbox, SandboxVendor, ServeArgs};
use serde_json::Value;

use crate::support::cli::{crm, Args, Home, To};
use crate::support::sandbox_api::inspect;

/// A sandbox slow enough (every answer takes `latency_ms`) that the test closes the pipe while
/// most of the writes are still to come.
async fn slow(vendor: SandboxVendor, latency_ms: u64) -> RunningSandbox {
    spawn(ServeArgs {
        latency_ms,
        ..ServeArgs::new(vendor)
    })
    .await
    .expect("sandbox starts")
}

/// `crm` against `vendor`'s sandbox `sb`, for the test to give its arguments and pipes.
fn against(
    home: &Home,
    sb: &RunningSandbox,
    vendor: SandboxVendor,
    args: &(impl Args + ?Sized),
) -> Command {
    crm(home, To::sandbox(vendor.name(), sb.url()), args).std()
}

/// Runs `cmd`, reads the first line of its stdout and closes it (as `| head -1` does), then
/// waits: the exit code and stderr.
async fn head_1(mut cmd: Command) -> (i32, String) {
    tokio::task::spawn_blocking(move || {
        let mut child = cmd
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("crm runs");
        let mut first = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut first)
            .unwrap();
        // The reader is dropped here: the pipe is closed after one line.
        let out = child.wait_with_output().expect("crm ends");
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    })
    .await
    .expect("join")
}

/// Runs `cmd` with its stdout a pipe whose reader is already closed: whatever crm prints has
/// nowhere to go.
async fn into_a_closed_pipe(mut cmd: Command) -> std::process::Output {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    cmd.stdout(writer);
    tokio::task::spawn_blocking(move || cmd.output().unwrap())
        .await
        .unwrap()
}

/// The names of the sandbox's deals that start with `prefix`, each with how many deals have it.
async fn census(sb: &RunningSandbox, prefix: &str) -> std::collections::BTreeMap<String, usize> {
    let deals: Value = inspect(&sb.url(), "deals").await;
    let mut out = std::collections::BTreeMap::new();
    for d in deals.as_array().unwrap() {
        let name = d["name"].as_str().unwrap_or_default();
        if name.starts_with(prefix) {
            *out.entry(name.to_string()).or_default() += 1;
        }
    }
    out
}

/// NDJSON deals named `prefix00001`…; with a contact where the vendor requires one (Sell).
fn records(prefix: &str, n: usize, contact: Option<&str>) -> String {
    let contacts = contact.map_or(String::new(), |c| format!(",\"contacts\":[\"{c}\"]"));
    (1..=n)
        .map(|i| format!("{{\"name\":\"{prefix}{i:05}\"{contacts}}}\n"))
        .collect()
}

#[tokio::test]
async fn an_import_into_a_closed_pipe_stops_says_so_and_resumes_with_its_journal() {
    // Issue 15: `crm deals import pipe.ndjson | head -1` (1,000 records) exited 0 with nothing on
    // stderr and 500 deals created; on Pipedrive 60 records gave 4 deals.
    for (vendor, n, contact, latency) in [
        (SandboxVendor::Hubspot, 1_000, None, 200),
        (SandboxVendor::Pipedrive, 60, None, 50),
        (SandboxVendor::Sell, 60, Some("300001"), 50),
    ] {
        let sb = slow(vendor, latency).await;
        let home = Home::new();
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("deals.ndjson");
        let journal = dir.path().join("import.journal");
        std::fs::write(&file, records("piped-", n, contact)).unwrap();
        let args = [
            "deals",
            "import",
            file.to_str().unwrap(),
            "--journal",
            journal.to_str().unwrap(),
        ];
        let (code, stderr) = head_1(against(&home, &sb, vendor, &args)).await;
        let v = vendor.name();
        assert_eq!(code, 1, "{v}: {stderr}");
        assert!(
            stderr.contains("stdout was closed by its reader"),
            "{v}: {stderr}"
        );
        assert!(stderr.contains("were not written"), "{v}: {stderr}");
        assert!(
            stderr.contains(journal.to_str().unwrap()),
            "{v}: the summary says where the journal is: {stderr}"
        );
        let first = census(&sb, "piped-").await;
        assert!(first.len() < n, "{v}: the writes stopped: {}", first.len());

        // The same command resumes: every record ends written exactly once.
        let mut again = against(&home, &sb, vendor, &args);
        let out = tokio::task::spawn_blocking(move || again.output().unwrap())
            .await
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{v}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(stdout.contains("\"skipped\""), "{v}: {stdout}");
        let done = census(&sb, "piped-").await;
        assert_eq!(done.len(), n, "{v}: every record is a deal");
        assert!(done.values().all(|&c| c == 1), "{v}: none twice");
    }
}

#[tokio::test]
async fn create_from_into_a_closed_pipe_stops_and_names_what_it_created() {
    let vendor = SandboxVendor::Hubspot;
    let sb = slow(vendor, 100).await;
    let home = Home::new();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("deals.ndjson");
    std::fs::write(&file, records("from-", 20, None)).unwrap();
    let args = [
        "deals",
        "create",
        "--from",
        file.to_str().unwrap(),
        "-o",
        "ndjson",
    ];
    let (code, stderr) = head_1(against(&home, &sb, vendor, &args)).await;
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("stdout was closed"), "{stderr}");
    assert!(stderr.contains("were not sent"), "{stderr}");
    let created = census(&sb, "from-").await;
    assert!(!created.is_empty() && created.len() < 20, "{created:?}");
    let said = format!("{} deals were created", created.len());
    assert!(stderr.contains(&said), "{said}: {stderr}");
}

#[tokio::test]
async fn a_single_write_into_a_closed_pipe_says_what_it_did() {
    let vendor = SandboxVendor::Hubspot;
    let sb = slow(vendor, 0).await;
    let home = Home::new();
    let upsert = "deals upsert --match external_id=CLOSED-1 --name closed-upsert";
    let out = into_a_closed_pipe(against(&home, &sb, vendor, upsert)).await;
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("was created or updated, but stdout was closed before it could be printed")
            || stderr.contains("was created, but stdout was closed before it could be printed"),
        "{stderr}"
    );
    assert_eq!(census(&sb, "closed-upsert").await.len(), 1);
}

/// The built-in `sandbox` profile: crm serves its HubSpot demo deals itself, no account needed.
const SANDBOX: To = To::Profile("sandbox");

#[tokio::test]
async fn a_delete_into_a_closed_pipe_deletes_every_deal_it_was_given() {
    let home = Home::new();
    let delete = crm(&home, SANDBOX, "deals delete 9000001 9000002 --yes");
    let out = into_a_closed_pipe(delete.std()).await;
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for id in ["9000001", "9000002"] {
        let got = crm(&home, SANDBOX, &["deals", "get", id]).await;
        assert_eq!(got.code, 3, "deal {id} was deleted: {}", got.stderr);
    }
}
