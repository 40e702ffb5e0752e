//! What users see before any request: the whole help tree, the version, usage errors and their
//! exit codes, colour, and a closed pipe. The help tree is walked from the clap definition, so a
//! new subcommand gets its snapshot without anyone writing a test for it.

use std::path::Path as FsPath;

use clap::CommandFactory;
use serde_json::json;

use crate::support::cli::{run_sync, Home};
use crate::support::hubspot;
use crate::support::mock::{requests_where, Answers};

/// Every visible command as its words after `crm`: `[]`, `["deals"]`, `["deals", "list"]`, …
pub(crate) fn command_paths() -> Vec<(Vec<String>, bool)> {
    fn walk(cmd: &clap::Command, prefix: Vec<String>, out: &mut Vec<(Vec<String>, bool)>) {
        let subs: Vec<&clap::Command> =
            cmd.get_subcommands().filter(|s| !s.is_hide_set()).collect();
        out.push((prefix.clone(), subs.is_empty()));
        for sub in subs {
            let mut path = prefix.clone();
            path.push(sub.get_name().to_string());
            walk(sub, path, out);
        }
    }
    let mut out = Vec::new();
    walk(&crm::cli::Cli::command(), Vec::new(), &mut out);
    out
}

fn snapshot_name(path: &[String]) -> String {
    std::iter::once("crm")
        .chain(path.iter().map(String::as_str))
        .collect::<Vec<_>>()
        .join("-")
}

#[test]
fn every_command_has_a_help_snapshot() {
    let home = Home::new();
    let paths = command_paths();
    assert!(
        paths.len() > 10,
        "the walk found only {} commands",
        paths.len()
    );
    for (path, _) in &paths {
        let mut cmd = home.crm();
        cmd.args(path).arg("--help");
        let out = run_sync(cmd);
        assert_eq!(out.code, 0, "crm {path:?} --help:\n{}", out.stderr);
        assert_eq!(out.stderr, "", "crm {path:?} --help wrote to stderr");
        insta::assert_snapshot!(format!("help-{}", snapshot_name(path)), out.stdout);
    }
}

#[test]
fn every_verb_shows_an_example() {
    let home = Home::new();
    let mut missing = Vec::new();
    for (path, is_verb) in command_paths() {
        if !is_verb {
            continue;
        }
        let mut cmd = home.crm();
        cmd.args(&path).arg("--help");
        let out = run_sync(cmd);
        let example = format!("crm {}", path.join(" "));
        if !(out.stdout.contains("Example") && out.stdout.contains(&example)) {
            missing.push(example);
        }
    }
    assert!(
        missing.is_empty(),
        "these verbs need `after_help` with an \"Example:\" that runs them: {missing:?}"
    );
}

#[test]
fn no_snapshot_outlives_its_command() {
    let known: Vec<String> = command_paths()
        .iter()
        .map(|(p, _)| format!("it__help__help-{}.snap", snapshot_name(p)))
        .collect();
    let dir = FsPath::new(env!("CARGO_MANIFEST_DIR")).join("tests/it/snapshots");
    let stale: Vec<String> = std::fs::read_dir(&dir)
        .expect("tests/it/snapshots")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.starts_with("it__help__help-") && n.ends_with(".snap"))
        .filter(|n| !known.contains(n))
        .collect();
    assert!(
        stale.is_empty(),
        "help snapshots for commands that no longer exist; delete them: {stale:?}"
    );
}

#[test]
fn version() {
    let home = Home::new();
    let mut cmd = home.crm();
    cmd.arg("--version");
    let out = run_sync(cmd);
    assert_eq!(out.stdout, format!("crm {}\n", env!("CARGO_PKG_VERSION")));
    insta::with_settings!({filters => vec![(env!("CARGO_PKG_VERSION"), "[VERSION]")]}, {
        insta::assert_snapshot!(out.transcript());
    });
}

/// A usage error: exit 2, nothing on stdout, the message and usage on stderr.
fn usage_error(args: &[&str]) -> String {
    let home = Home::new();
    let mut cmd = home.crm();
    cmd.args(args);
    let out = run_sync(cmd);
    assert_eq!(out.code, 2, "crm {args:?}:\n{}", out.transcript());
    assert_eq!(out.stdout, "", "crm {args:?} wrote to stdout");
    assert!(out.stderr.starts_with("error: "), "{}", out.stderr);
    out.transcript()
}

#[test]
fn unknown_flag() {
    insta::assert_snapshot!(usage_error(&["deals", "list", "--bogus"]));
}

#[test]
fn missing_argument() {
    insta::assert_snapshot!(usage_error(&["deals", "get"]));
}

#[test]
fn missing_required_flag() {
    insta::assert_snapshot!(usage_error(&["deals", "follow", "42"]));
}

#[test]
fn unknown_subcommand_suggests_the_nearest() {
    insta::assert_snapshot!(usage_error(&["deal", "list"]));
}

#[test]
fn invalid_output_format() {
    insta::assert_snapshot!(usage_error(&["vendors", "-o", "xml"]));
}

#[test]
fn a_noun_without_a_verb() {
    let home = Home::new();
    let mut cmd = home.crm();
    cmd.arg("deals");
    let out = run_sync(cmd);
    assert_eq!(out.code, 2, "{}", out.transcript());
    insta::assert_snapshot!(out.transcript());
}

const ESC: &str = "\x1b[";

#[test]
fn color_always_beats_no_color_for_clap_and_for_our_errors() {
    let home = Home::new();
    // A usage error, reported by clap.
    let mut cmd = home.crm();
    cmd.args(["--color", "always", "deals", "list", "--bogus"]);
    let out = run_sync(cmd);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.starts_with("\x1b[1m\x1b[31merror:"),
        "{:?}",
        out.stderr
    );
    // An error reported by `cli::report`: no credentials.
    let mut cmd = home.crm();
    cmd.args(["deals", "list", "--color=always"]);
    let out = run_sync(cmd);
    assert_eq!(out.code, 4, "{}", out.transcript());
    assert!(
        out.stderr.starts_with("\x1b[1m\x1b[31merror:\x1b[0m "),
        "{:?}",
        out.stderr
    );
    // Help on stdout.
    let mut cmd = home.crm();
    cmd.args(["--color", "always", "--help"]);
    assert!(run_sync(cmd).stdout.contains(ESC));
}

#[test]
fn no_colour_unless_asked_when_not_a_terminal() {
    let home = Home::new();
    for (args, no_color) in [
        (&["--color", "never", "deals", "list", "--bogus"][..], false),
        (&["deals", "list", "--bogus"][..], true),
        (&["deals", "list", "--bogus"][..], false),
        (&["deals", "list"][..], false),
        (&["--color", "auto", "deals", "list"][..], true),
    ] {
        let mut cmd = home.crm();
        if !no_color {
            cmd.env_remove("NO_COLOR");
        }
        cmd.args(args);
        let out = run_sync(cmd);
        assert_ne!(out.code, 0, "{args:?}");
        assert!(
            out.stderr.starts_with("error:"),
            "{args:?}: {:?}",
            out.stderr
        );
        assert!(!out.stderr.contains(ESC), "{args:?}: {:?}", out.stderr);
    }
}

/// Runs `crm args` with stdout connected to a pipe whose reading end is already closed, so the
/// first write fails with EPIPE. Returns the exit code and stderr.
fn into_closed_pipe(mut cmd: std::process::Command) -> (i32, String) {
    let (reader, writer) = std::io::pipe().expect("a pipe");
    drop(reader);
    let out = cmd
        .stdout(writer)
        .stderr(std::process::Stdio::piped())
        .output()
        .expect("crm runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let home = Home::new();
    for args in [
        &["vendors"][..],
        &["vendors", "-o", "json"][..],
        &["--help"][..],
        &["deals", "list", "--help"][..],
        &["--version"][..],
    ] {
        let mut cmd = home.crm_std();
        cmd.args(args);
        let (code, stderr) = into_closed_pipe(cmd);
        assert_eq!(
            (code, stderr.as_str()),
            (0, ""),
            "crm {args:?} into a closed pipe"
        );
    }
}

#[test]
fn crm_vendors_piped_into_head_exits_zero() {
    let Ok(bash) = which("bash") else {
        eprintln!("SKIPPED: bash is not installed");
        return;
    };
    let home = Home::new();
    let mut cmd = std::process::Command::new(bash);
    cmd.args([
        "-c",
        r#""$CRM" vendors | head -1; echo "status=${PIPESTATUS[0]}""#,
    ])
    .env_clear()
    .env("PATH", std::env::var("PATH").unwrap_or_default())
    .env("HOME", home.path())
    .env("CRM", env!("CARGO_BIN_EXE_crm"));
    let out = cmd.output().expect("bash runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{stdout}");
    assert_eq!(lines[1], "status=0");
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

#[tokio::test]
async fn deals_list_into_a_closed_pipe_ends_quietly() {
    let server = hubspot::account().await;
    let deals: Vec<serde_json::Value> = (1..=50)
        .map(|i| hubspot::deal(&i.to_string(), "Acme", "10.00"))
        .collect();
    server
        .answer("GET", "/crm/v3/objects/deals", json!({ "results": deals }))
        .await;
    let home = Home::new();
    for format in ["ndjson", "json", "table", "csv"] {
        let mut cmd = home.crm_std();
        cmd.env("CRM_VENDOR", "hubspot")
            .env("CRM_TOKEN", hubspot::TOKEN)
            .env("CRM_BASE_URL", server.uri())
            .args(["deals", "list", "-o", format]);
        let (code, stderr) = tokio::task::spawn_blocking(move || into_closed_pipe(cmd))
            .await
            .expect("join");
        assert_eq!((code, stderr.as_str()), (0, ""), "-o {format}");
    }
    let listed = requests_where(&server, |r| r.url.path() == "/crm/v3/objects/deals")
        .await
        .len();
    assert!(
        listed >= 4,
        "crm never asked for the deals, so it never wrote to the pipe"
    );
}

fn which(program: &str) -> Result<std::path::PathBuf, ()> {
    std::env::var_os("PATH")
        .and_then(|paths| {
            std::env::split_paths(&paths)
                .map(|dir| dir.join(program))
                .find(|p| p.is_file())
        })
        .ok_or(())
}
