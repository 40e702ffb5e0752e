//! What several `crm` processes on one account share (issue 11): the metadata cache of the
//! built-in profiles, which stays one entry per profile.

use std::path::Path;


use crate::support::cli::Home;

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Folders and files directly under the cache directory.
fn cache_entries(cache: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(cache)
        .map(|dir| {
            dir.map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

/// Every file anywhere under `dir`.
fn files_under(dir: &Path) -> usize {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .map(|e| {
                    let e = e.unwrap();
                    if e.file_type().unwrap().is_dir() {
                        files_under(&e.path())
                    } else {
                        1
                    }
                })
                .sum()
        })
        .unwrap_or(0)
}

#[test]
fn fifty_builtin_sandbox_runs_leave_one_cache_entry_per_profile() {
    let home = Home::new();
    let cache = home.path().join("cache");
    let profiles = ["sandbox", "sandbox-pipedrive", "sandbox-sell"];
    let mut after_first_round = None;
    for run in 0..50 {
        let profile = profiles[run % 3];
        let out = home
            .crm_std()
            .args([
                "--profile",
                profile,
                "deals",
                "list",
                "--limit",
                "2",
                "-o",
                "json",
            ])
            .output()
            .unwrap();
        assert!(out.status.success(), "{profile}: {}", text(&out.stderr));
        if run == 2 {
            after_first_round = Some(files_under(&cache));
        }
    }
    assert_eq!(
        cache_entries(&cache).len(),
        3,
        "{:?}",
        cache_entries(&cache)
    );
    assert_eq!(
        Some(files_under(&cache)),
        after_first_round,
        "nothing grows after each profile's first run"
    );
}

#[test]
fn dry_run_shows_a_whole_create_on_the_builtin_sandbox_once_the_cache_is_warm() {
    let home = Home::new();
    let out = home
        .crm_std()
        .args(["--profile", "sandbox", "stages", "list"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = home
        .crm_std()
        .args([
            "--profile",
            "sandbox",
            "--dry-run",
            "deals",
            "create",
            "--name",
            "Dry",
            "--stage",
            "Contract Sent",
        ])
        .output()
        .unwrap();
    let stdout = text(&out.stdout);
    assert!(
        stdout.starts_with("POST http://127.0.0.1:") && stdout.contains("/crm/v3/objects/deals\n"),
        "{stdout}\n{}",
        text(&out.stderr)
    );
    assert!(
        stdout.contains("\"dealstage\": \"contractsent\""),
        "{stdout}"
    );
}
