//! 1,000 `crm deals create` against a sandbox that fails one request in ten (5xx before or after
//! the write, connections reset mid-answer, truncated JSON): every deal ends created exactly once
//! or reported as failed ("outcome unknown" with its name when crm cannot know), none lost, none
//! duplicated; and every read command survives the same faults or fails with the right code.
//!
//! One `#[test]` per vendor, each calling `reliability(SandboxVendor::…)`.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use crm::sandbox::{RunningSandbox, SandboxVendor, ServeArgs};
use serde_json::Value;

use crate::support::cli::{crm, Args, Home, Run, To};
use crate::support::contract::run;

const CREATES: usize = 1_000;
const CONCURRENCY: usize = 12;
const READ_ROUNDS: usize = 8;

#[test]
fn hubspot() {
    reliability(SandboxVendor::Hubspot);
}

#[test]
fn pipedrive() {
    reliability(SandboxVendor::Pipedrive);
}

#[test]
fn sell() {
    reliability(SandboxVendor::Sell);
}

/// The sandbox's faults: 10% of requests in all.
fn faulty(vendor: SandboxVendor) -> ServeArgs {
    ServeArgs {
        deals: 40,
        seed: 7,
        fail_rate: 0.06,
        reset_rate: 0.02,
        truncate_rate: 0.02,
        ..ServeArgs::new(vendor)
    }
}

struct Bench {
    sandbox: RunningSandbox,
    home: Home,
    vendor: SandboxVendor,
}

impl Bench {
    /// `crm ARGS` against the bench's sandbox, with a short timeout.
    fn run(&self, args: &(impl Args + ?Sized)) -> Run {
        let args = &args.to_args()[..];
        let to = To::Env {
            vendor: self.vendor.name(),
            base_url: self.sandbox.url(),
            token: "reliability-token",
        };
        crm(&self.home, to, args)
            .env("CRM_TIMEOUT_SECS", "5")
            .run_sync()
    }

    /// The sandbox's live deals, name → ids, read past the fault layer.
    fn census(&self) -> HashMap<String, Vec<String>> {
        let url = format!("{}/__sandbox/deals", self.sandbox.url());
        let deals: Value =
            run(async move { reqwest::get(url).await?.json().await }).expect("sandbox census");
        let mut out: HashMap<String, Vec<String>> = HashMap::new();
        for d in deals.as_array().unwrap() {
            out.entry(d["name"].as_str().unwrap().to_string())
                .or_default()
                .push(d["id"].as_str().unwrap().to_string());
        }
        out
    }
}

enum Outcome {
    Created(String),
    Unknown,
    Failed,
}

fn reliability(vendor: SandboxVendor) {
    let sandbox = run(async move { crm::sandbox::spawn(faulty(vendor)).await.unwrap() });
    let bench = Bench {
        sandbox,
        home: Home::new(),
        vendor,
    };
    // Metadata into the cache first, through the same faults, so the creates need none.
    let warm = bench.run(&["deals", "list", "--limit", "1", "-o", "json"]);
    warm.assert_exit(0);

    let outcomes = create_all(&bench);
    let census = bench.census();
    let mut tally = [0usize; 4];
    for (name, outcome) in &outcomes {
        let ids = census.get(name).cloned().unwrap_or_default();
        assert!(
            ids.len() <= 1,
            "{name} was created {} times: {ids:?}",
            ids.len()
        );
        match outcome {
            Outcome::Created(id) => {
                assert_eq!(
                    ids,
                    std::slice::from_ref(id),
                    "{name}: crm said created as {id}"
                );
                tally[0] += 1;
            }
            Outcome::Unknown => tally[1 + ids.len()] += 1,
            Outcome::Failed => {
                assert!(
                    ids.is_empty(),
                    "{name} reported as failed, yet exists: {ids:?}"
                );
                tally[3] += 1;
            }
        }
    }
    let strays: Vec<&String> = census
        .keys()
        .filter(|n| n.starts_with("rel-") && !outcomes.contains_key(*n))
        .collect();
    assert!(strays.is_empty(), "deals nobody asked for: {strays:?}");
    eprintln!(
        "{}: {CREATES} creates: {} created, {} outcome unknown (not applied), {} outcome unknown (applied), {} failed",
        vendor.name(),
        tally[0],
        tally[1],
        tally[2],
        tally[3]
    );
    assert!(
        tally[0] > CREATES * 8 / 10,
        "too few creates succeeded: {tally:?}"
    );
    assert!(
        tally[1] + tally[2] > 0,
        "no fault reached a create: {tally:?}"
    );

    reads_survive(&bench, census.values().map(Vec::len).sum());
}

fn create_all(bench: &Bench) -> HashMap<String, Outcome> {
    let next = AtomicUsize::new(0);
    let results = Mutex::new(HashMap::new());
    std::thread::scope(|s| {
        for _ in 0..CONCURRENCY {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= CREATES {
                    break;
                }
                let name = format!("rel-{i:04}");
                let mut args = vec!["deals", "create", "--name", &name, "-o", "json"];
                args.extend(required_on_create(bench.vendor));
                let out = bench.run(&args);
                let outcome = classify(&name, &out);
                results.lock().unwrap().insert(name, outcome);
            });
        }
    });
    results.into_inner().unwrap()
}

/// What a vendor insists on besides the name: Sell wants a primary contact (a demo contact).
fn required_on_create(vendor: SandboxVendor) -> &'static [&'static str] {
    match vendor {
        SandboxVendor::Sell => &["--contact", "300002"],
        _ => &[],
    }
}

fn classify(name: &str, out: &Run) -> Outcome {
    match out.code {
        0 => Outcome::Created(out.json()["id"].as_str().expect("an id").to_string()),
        7 if out.stderr.contains("outcome unknown") => {
            assert!(
                out.stderr.contains(name),
                "an unknown outcome must name the deal: {}",
                out.stderr
            );
            Outcome::Unknown
        }
        7 => Outcome::Failed,
        code => panic!("create {name}: unexpected exit {code}: {}", out.stderr),
    }
}

/// A read command, the exit code it should end with, and what its output must show.
type ReadCheck<'a> = (Vec<&'a str>, i32, Box<dyn Fn(&Run)>);

/// Each read, several times: success with the right content, or exit 7 after the retries.
fn reads_survive(bench: &Bench, live: usize) {
    let any_id = bench.census().values().next().unwrap()[0].clone();
    let checks: Vec<ReadCheck> = vec![
        (
            vec!["deals", "list", "--all", "-o", "ndjson"],
            0,
            Box::new(move |r: &Run| assert_eq!(r.stdout.lines().count(), live)),
        ),
        (
            vec!["deals", "get", &any_id, "-o", "json"],
            0,
            Box::new(|r: &Run| assert!(r.json()["id"].is_string())),
        ),
        (
            vec![
                "deals", "list", "--status", "open", "--limit", "30", "-o", "json",
            ],
            0,
            Box::new(|r: &Run| assert!(r.json().is_array())),
        ),
        (
            vec!["--refresh", "pipelines", "list", "-o", "json"],
            0,
            Box::new(|r: &Run| assert!(!r.json().as_array().unwrap().is_empty())),
        ),
        (
            vec!["--refresh", "stages", "list", "-o", "json"],
            0,
            Box::new(|r: &Run| assert!(!r.json().as_array().unwrap().is_empty())),
        ),
        (
            vec!["deals", "get", "8999999"],
            3,
            Box::new(|r: &Run| {
                assert!(r.stderr.contains("8999999") || r.stderr.contains("no such"))
            }),
        ),
    ];
    for (args, expected, check) in &checks {
        let mut succeeded = 0;
        for _ in 0..READ_ROUNDS {
            let out = bench.run(args);
            match out.code {
                c if c == *expected => {
                    check(&out);
                    succeeded += 1;
                }
                7 => {}
                c => panic!(
                    "crm {args:?}: exit {c}, expected {expected} or 7: {}",
                    out.stderr
                ),
            }
        }
        assert!(succeeded > 0, "crm {args:?} never got through the faults");
    }
}
