//! Many `crm` processes on one built-in sandbox (issue 11): pipes, parallel scripts and a killed
//! writer. The built-in profiles keep their state in one SQLite database per vendor; every
//! process sees what the others committed, ids never collide, and a process that only reads
//! writes nothing.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Output;

use serde_json::Value;

use crate::import::migration::HUBSPOT_TO_PIPEDRIVE;
use crate::support::cli::{crm, Args, Home, To};

/// The built-in profiles, and what a create needs on each (Sell: a primary contact).
const PROFILES: &[(&str, &[&str])] = &[
    ("sandbox", &[]),
    ("sandbox-pipedrive", &[]),
    ("sandbox-sell", &["--contact", "300001"]),
];

/// `crm ARGS` in this home, run to completion.
fn output(home: &Home, args: &(impl Args + ?Sized)) -> Output {
    let args = &args.to_args()[..];
    crm(home, To::Default, args)
        .std()
        .output()
        .expect("crm runs")
}

/// A shell line with this home's environment and the `crm` under test first on PATH.
pub(crate) fn shell(home: &Home, script: &str) -> Output {
    home.sh(script).output().expect("sh runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Every live deal of a built-in profile, by id.
fn deals(home: &Home, profile: &str) -> BTreeMap<String, Value> {
    let out = output(
        home,
        &["--profile", profile, "deals", "list", "--all", "-o", "json"],
    );
    assert!(out.status.success(), "{profile}: {}", text(&out.stderr));
    let list: Value = serde_json::from_slice(&out.stdout).unwrap();
    list.as_array()
        .unwrap()
        .iter()
        .map(|d| (d["id"].as_str().unwrap().to_string(), d.clone()))
        .collect()
}

#[test]
fn eight_processes_creating_25_deals_each_on_one_builtin_sandbox_all_land() {
    for &(profile, extra) in PROFILES {
        let home = Home::new();
        let before = deals(&home, profile);
        let printed: Vec<(String, i32, String, String)> = std::thread::scope(|s| {
            let workers: Vec<_> = (0..8)
                .map(|w| {
                    let home = &home;
                    s.spawn(move || {
                        (0..25)
                            .map(|i| {
                                let name = format!("Par{w}-{i}");
                                let mut args = vec![
                                    "--profile",
                                    profile,
                                    "deals",
                                    "create",
                                    "--name",
                                    &name,
                                    "-o",
                                    "json",
                                ];
                                args.extend_from_slice(extra);
                                let out = output(home, &args);
                                (
                                    name.clone(),
                                    out.status.code().unwrap_or(-1),
                                    text(&out.stdout),
                                    text(&out.stderr),
                                )
                            })
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            workers
                .into_iter()
                .flat_map(|w| w.join().unwrap())
                .collect()
        });
        let mut ids = BTreeSet::new();
        for (name, code, stdout, stderr) in &printed {
            assert_eq!(*code, 0, "{profile} {name}: {stderr}");
            let deal: Value = serde_json::from_str(stdout).unwrap();
            assert_eq!(deal["name"], name.as_str());
            ids.insert(deal["id"].as_str().unwrap().to_string());
        }
        assert_eq!(ids.len(), 200, "{profile}: 200 distinct ids printed");
        let after = deals(&home, profile);
        let new: Vec<&Value> = after
            .iter()
            .filter(|(id, _)| !before.contains_key(*id))
            .map(|(_, d)| d)
            .collect();
        assert_eq!(new.len(), 200, "{profile}: 200 new deals");
        let names: BTreeSet<&str> = new.iter().map(|d| d["name"].as_str().unwrap()).collect();
        assert_eq!(names.len(), 200, "{profile}: each name once");
        assert!(ids.iter().all(|id| after.contains_key(id)));
    }
}

/// The fields a copy takes. A whole deal also carries its custom fields, and on HubSpot the demo's
/// `external_id` has unique values: a verbatim copy is rightly refused (409), as the create help
/// says, so the pipe picks the fields a copy should repeat.
const COPIED: &str = "name,amount,currency,pipeline,stage,owner,close_date,contacts";

#[test]
fn get_piped_into_create_50_times_on_each_builtin_profile() {
    for &(profile, _) in PROFILES {
        let home = Home::new();
        let before = deals(&home, profile);
        let source = before.keys().nth(2).unwrap().clone();
        let mut created = BTreeSet::new();
        for run in 0..50 {
            let out = shell(
                &home,
                &format!(
                    "set -e; crm --profile {profile} deals get {source} -o json --fields {COPIED} \
                    | crm --profile {profile} deals create --from - -o json"
                ),
            );
            let stderr = text(&out.stderr);
            assert!(out.status.success(), "{profile} run {run}: {stderr}");
            let deal: Value = serde_json::from_slice(&out.stdout).unwrap();
            assert!(created.insert(deal["id"].as_str().unwrap().to_string()));
        }
        let after = deals(&home, profile);
        assert_eq!(after.len(), before.len() + 50, "{profile}");
        assert!(created.iter().all(|id| after.contains_key(id)));
    }
}

#[test]
fn export_piped_into_import_between_two_builtin_sandboxes_10_times() {
    let home = Home::new();
    std::fs::write(home.path().join("map.toml"), HUBSPOT_TO_PIPEDRIVE).unwrap();
    let source = deals(&home, "sandbox");
    let before = deals(&home, "sandbox-pipedrive");
    for run in 0..10 {
        let out = shell(
            &home,
            "set -e; crm --profile sandbox deals export | crm --profile sandbox-pipedrive deals \
            import - --map map.toml",
        );
        let stderr = text(&out.stderr);
        assert!(out.status.success(), "run {run}: {stderr}");
        let results: Vec<Value> = text(&out.stdout)
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(results.len(), source.len(), "run {run}");
        for r in &results {
            assert_eq!(r["action"], "created", "run {run}: {r}");
            assert!(r["id"].is_string(), "run {run}: {r}");
        }
    }
    let after = deals(&home, "sandbox-pipedrive");
    let mut arrived: BTreeMap<&str, usize> = BTreeMap::new();
    for (id, d) in &after {
        if !before.contains_key(id) {
            *arrived.entry(d["name"].as_str().unwrap()).or_default() += 1;
        }
    }
    let mut expected: BTreeMap<&str, usize> = BTreeMap::new();
    for d in source.values() {
        *expected.entry(d["name"].as_str().unwrap()).or_default() += 10;
    }
    assert_eq!(arrived, expected, "every deal arrives once per run");
}

/// The README's block of pipes and parallel runs on the built-in sandboxes, run as written.
#[test]
fn the_readme_pipe_examples_work_on_the_builtin_sandboxes() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let block = readme
        .split("<!-- pipes:start -->")
        .nth(1)
        .and_then(|rest| rest.split("<!-- pipes:end -->").next())
        .expect("README.md has a <!-- pipes:start --> … <!-- pipes:end --> block");
    let script: Vec<&str> = block
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with("```"))
        .collect();
    assert!(script.len() >= 3, "{block}");
    let home = Home::new();
    let pipedrive = deals(&home, "sandbox-pipedrive").len();
    let source = deals(&home, "sandbox").len();
    for line in &script {
        let out = shell(&home, &format!("set -e; {line}"));
        let stderr = text(&out.stderr);
        assert!(out.status.success(), "{line}\n{stderr}");
        assert!(!stderr.contains("error"), "{line}\n{stderr}");
    }
    assert_eq!(
        deals(&home, "sandbox-pipedrive").len(),
        pipedrive + 1 + source,
        "one copied, every HubSpot deal migrated"
    );
    let parallel = deals(&home, "sandbox-sell")
        .values()
        .filter(|d| d["name"].as_str().unwrap().starts_with("Parallel "))
        .count();
    assert_eq!(parallel, 4);
}
