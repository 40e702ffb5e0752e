//! `crm auth status` against servers that never answer: every profile is checked at once, with
//! one try, so the command waits for one answer at a time, not one per profile and retry.
//!
//! No clock: the server holds every request it reads until all three profiles' checks are in
//! at the same time (only a concurrent status gets there), then drops them; how long this takes
//! under load is the bench's business.

use std::io::Read;
use std::net::{TcpListener, TcpStream};
use std::sync::mpsc;

use serde_json::Value;

use crate::support::cli::{run_sync, Home};

const TOKEN: &str = "pat-na1-st000000-0000-0000-0000-000000000009";
const PROFILES: [&str; 3] = ["one", "two", "three"];

/// Reads a request's head (to its blank line), so the request was really sent.
fn read_head(stream: &mut TcpStream) -> bool {
    let mut seen = Vec::new();
    let mut byte = [0u8; 1];
    while !seen.ends_with(b"\r\n\r\n") {
        match stream.read(&mut byte) {
            Ok(1) => seen.push(byte[0]),
            _ => return false,
        }
    }
    true
}

#[test]
fn unreachable_servers_are_checked_concurrently_without_retries() {
    // Accepts connections and never answers; each request read is reported and held.
    let silent = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", silent.local_addr().unwrap());
    let (arrived, requests) = mpsc::channel::<TcpStream>();
    std::thread::spawn(move || {
        for mut stream in silent.incoming().flatten() {
            let arrived = arrived.clone();
            std::thread::spawn(move || {
                if read_head(&mut stream) {
                    let _ = arrived.send(stream);
                }
            });
        }
    });
    let home = Home::new();
    for name in PROFILES {
        let mut cmd = home.crm();
        cmd.args(["profiles", "add", name, "--vendor", "hubspot"])
            .args(["--base-url", &url]);
        assert_eq!(run_sync(cmd).code, 0);
    }
    // A status that checked one profile after another would give up on each request (after
    // this timeout) before sending the next: the three would never be open at once.
    let mut cmd = home.crm_std();
    cmd.env("CRM_TOKEN", TOKEN)
        .env("CRM_TIMEOUT_SECS", "60")
        .args(["auth", "status", "-o", "json"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let child = cmd.spawn().expect("crm starts");

    let held: Vec<TcpStream> = requests.iter().take(PROFILES.len()).collect();
    assert_eq!(held.len(), PROFILES.len());
    for stream in &held {
        stream.set_nonblocking(true).unwrap();
        let still_open = matches!(
            (&*stream).read(&mut [0u8; 1]),
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock
        );
        assert!(still_open, "a check gave up before the last one was sent");
    }
    drop(held); // every check fails at once: the connection closes without an answer
                // Any retry is dropped as well, and counted: its request arrives (and is counted) before
                // the dropped connection lets crm go on, so the count is complete when crm has exited.
    let retries = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counter = retries.clone();
    std::thread::spawn(move || {
        for stream in requests.iter() {
            counter.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            drop(stream);
        }
    });
    let output = child.wait_with_output().expect("crm ends");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);

    // "one" is the default profile and does not work: exit 4, with every row still printed.
    assert_eq!(output.status.code(), Some(4), "{stderr}");
    let rows: Vec<Value> = serde_json::from_str::<Value>(&stdout)
        .unwrap_or_else(|e| panic!("{e}: {stdout}"))
        .as_array()
        .unwrap()
        .clone();
    for name in PROFILES {
        let row = rows.iter().find(|r| r["profile"] == name).unwrap();
        let problem = row["problem"].as_str().unwrap_or_default();
        assert!(!problem.is_empty(), "{name}: {row}");
        assert!(!problem.contains(TOKEN), "{problem}");
    }
    // One try each: no retry came after the connections were dropped.
    assert_eq!(
        retries.load(std::sync::atomic::Ordering::SeqCst),
        0,
        "a profile's check was retried"
    );
}
