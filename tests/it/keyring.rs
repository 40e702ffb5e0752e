//! The real OS keyring, from the real binary (its async main): Secret Service on Linux.
//!
//! The round trip runs only with CRM_KEYRING_TEST=1, which scripts/test sets inside a private
//! D-Bus session with an unlocked throwaway gnome-keyring. The hung-keyring test needs no
//! keyring: a bus socket that never answers stands in for a frozen daemon.

use crate::support::cli::{run, Home};
use crate::support::creds::{mount_account_info, PORTAL};
use crate::support::hubspot::account;
use crate::support::mock::requests_where;

const TOKEN: &str = "pat-na1-keyring0-1234-5678-9abc-def012345678";

fn enabled() -> bool {
    if std::env::var("CRM_KEYRING_TEST").as_deref() == Ok("1") {
        // On Linux the opt-in counts only inside scripts/test's private D-Bus session: anywhere
        // else the bus of the environment is the developer's own, with their real keyring.
        assert!(
            !cfg!(target_os = "linux") || std::env::var_os("CRM_KEYRING_HOME").is_some(),
            "CRM_KEYRING_TEST=1 outside scripts/test's private D-Bus session: refusing to write to \
            the keyring of this session's bus (run scripts/test)"
        );
        return true;
    }
    eprintln!("SKIPPED: the real keyring test needs CRM_KEYRING_TEST=1 (scripts/test sets it)");
    false
}

/// `crm` in the test's home, with the session bus of the test's environment (the private
/// one `scripts/test` starts), not the nowhere-bus of [`Home::crm`].
fn on_session_bus(home: &Home) -> assert_cmd::Command {
    let mut cmd = home.crm();
    for var in ["DBUS_SESSION_BUS_ADDRESS", "XDG_RUNTIME_DIR"] {
        if let Ok(value) = std::env::var(var) {
            cmd.env(var, value);
        }
    }
    cmd
}

fn secret_tool_lookup(profile: &str) -> Option<String> {
    let out = std::process::Command::new("secret-tool")
        .args(["lookup", "service", "crm", "username", profile])
        .output()
        .expect("secret-tool runs (Debian package libsecret-tools)");
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}

#[tokio::test]
async fn login_stores_in_the_keyring_another_process_reads_it_and_logout_removes_it() {
    if !enabled() {
        return;
    }
    let server = account().await;
    mount_account_info(&server, TOKEN).await;
    let home = Home::new();
    let profile = format!("crm-it-{}", std::process::id());

    let mut cmd = on_session_bus(&home);
    cmd.args([
        "auth",
        "login",
        "--profile",
        &profile,
        "--vendor",
        "hubspot",
    ])
    .args(["--base-url", &server.uri(), "--with-token"])
    .write_stdin(TOKEN);
    let out = run(cmd).await;
    out.assert_exit(0);
    out.assert_says("stored in the OS keyring");
    assert_eq!(secret_tool_lookup(&profile).as_deref(), Some(TOKEN));
    let config = std::fs::read_to_string(home.path().join("config/config.toml")).unwrap();
    assert!(
        !config.contains(TOKEN) && !config.contains("token_storage"),
        "{config}"
    );

    let mut cmd = on_session_bus(&home);
    cmd.args(["auth", "status", "--profile", &profile, "-o", "json"]);
    let out = run(cmd).await;
    out.assert_exit(0);
    let status = &out.json()[0];
    assert_eq!(status["token_source"], "keyring");
    assert_eq!(status["token"], "****5678");
    assert_eq!(
        status["account"],
        format!("portal {PORTAL} (app.hubspot.com)")
    );

    let mut cmd = on_session_bus(&home);
    cmd.args([
        "--profile",
        &profile,
        "pipelines",
        "list",
        "-o",
        "json",
        "--refresh",
    ]);
    let out = run(cmd).await;
    out.assert_exit(0);
    let pipelines = requests_where(&server, |r| r.url.path() == "/crm/v3/pipelines/deals").await;
    assert_eq!(pipelines.len(), 1);
    assert_eq!(
        pipelines[0].headers.get("authorization").unwrap(),
        &format!("Bearer {TOKEN}")
    );

    let mut cmd = on_session_bus(&home);
    cmd.args(["auth", "logout", "--profile", &profile]);
    let out = run(cmd).await;
    out.assert_exit(0);
    out.assert_says("removed the token");
    assert_eq!(secret_tool_lookup(&profile), None);
    let mut cmd = on_session_bus(&home);
    cmd.args([
        "auth",
        "status",
        "--profile",
        &profile,
        "--no-verify",
        "-o",
        "json",
    ]);
    let out = run(cmd).await;
    out.assert_exit(4);
    assert!(out.json()[0]["problem"]
        .as_str()
        .unwrap()
        .contains("no token stored"));
}

/// A D-Bus socket that accepts connections and never says a word.
#[cfg(unix)]
fn silent_bus(dir: &std::path::Path) -> String {
    let socket = dir.join("bus");
    let listener = std::os::unix::net::UnixListener::bind(&socket).unwrap();
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for stream in listener.incoming().flatten() {
            held.push(stream);
        }
    });
    format!("unix:path={}", socket.display())
}

#[cfg(unix)]
#[tokio::test]
async fn a_hung_keyring_gives_a_clear_error_within_the_timeout() {
    let home = Home::new();
    let bus = silent_bus(home.path());
    let mut cmd = home.crm();
    cmd.args(["profiles", "add", "acme", "--vendor", "sell"]);
    assert_eq!(run(cmd).await.code, 0);
    let before = std::fs::read_to_string(home.path().join("config/config.toml")).unwrap();

    let mut cmd = home.crm();
    cmd.env("DBUS_SESSION_BUS_ADDRESS", &bus)
        .args([
            "auth",
            "login",
            "--profile",
            "acme",
            "--with-token",
            "--no-verify",
        ])
        .write_stdin(TOKEN);
    // crm gives up on its own (the message names its timeout); the test waits for it to exit.
    let out = run(cmd).await;
    out.assert_exit(4);
    out.assert_says("did not answer within 3 s");
    out.assert_says("CRM_TOKEN");
    assert_eq!(
        std::fs::read_to_string(home.path().join("config/config.toml")).unwrap(),
        before
    );

    // A command that needs the token says the same, and CRM_TOKEN still works.
    let mut cmd = home.crm();
    cmd.env("DBUS_SESSION_BUS_ADDRESS", &bus)
        .args(["--profile", "acme", "deals", "list"]);
    let out = run(cmd).await;
    out.assert_exit(4);
    out.assert_says("did not answer");
    let mut cmd = home.crm();
    cmd.env("DBUS_SESSION_BUS_ADDRESS", &bus)
        .env("CRM_TOKEN", TOKEN)
        .args([
            "auth",
            "status",
            "--profile",
            "acme",
            "--no-verify",
            "-o",
            "json",
        ]);
    let out = run(cmd).await;
    out.assert_exit(0);
    assert_eq!(out.json()[0]["token_source"], "CRM_TOKEN");
}
