//! `crm auth status` against servers that never answer: every profile is checked at once, with
//! one try and a short timeout, so the command takes one timeout, not one per profile and retry.

use std::net::TcpListener;
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::support::cli::{run, run_sync, Home};

const TOKEN: &str = "pat-na1-st000000-0000-0000-0000-000000000009";

#[tokio::test]
async fn unreachable_servers_are_checked_concurrently_without_retries() {
    // Accepts connections (the kernel's backlog) and never answers a request.
    let silent = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", silent.local_addr().unwrap());
    let home = Home::new();
    for name in ["one", "two", "three"] {
        let mut cmd = home.crm();
        cmd.args(["profiles", "add", name, "--vendor", "hubspot"])
            .args(["--base-url", &url]);
        assert_eq!(run_sync(cmd).code, 0);
    }
    let mut cmd = home.crm();
    cmd.env("CRM_TOKEN", TOKEN)
        .env("CRM_TIMEOUT_SECS", "1")
        .args(["auth", "status", "-o", "json"]);
    let started = Instant::now();
    let out = run(cmd).await;
    let took = started.elapsed();

    // "one" is the default profile and does not work: exit 4, with every row still printed.
    assert_eq!(out.code, 4, "{}", out.stderr);
    let rows: Vec<Value> = out.json().as_array().unwrap().clone();
    for name in ["one", "two", "three"] {
        let row = rows.iter().find(|r| r["profile"] == name).unwrap();
        let problem = row["problem"].as_str().unwrap_or_default();
        assert!(!problem.is_empty(), "{name}: {row}");
        assert!(!problem.contains(TOKEN), "{problem}");
    }
    // One after another would take three timeouts (and retries would multiply that).
    assert!(took < Duration::from_millis(2800), "took {took:?}");
    assert!(
        took >= Duration::from_secs(1),
        "took {took:?}: no timeout waited"
    );
    drop(silent);
}
