//! `crm auth login|status|logout` through the real binary: the token check, where the token
//! goes, what status reports, and the refusals that protect a script from hanging.

use serde_json::Value;
use wiremock::MockServer;

use crate::support::cli::{run, run_sync, Home, Run};
use crate::support::creds::{config_text, login, mount_account_info, PORTAL};

const TOKEN: &str = "pat-na1-11112222-3333-4444-5555-666677778888";

fn status_rows(out: &crate::support::cli::Run) -> Vec<Value> {
    out.json().as_array().expect("status is a list").clone()
}

fn row<'a>(rows: &'a [Value], profile: &str) -> &'a Value {
    rows.iter()
        .find(|r| r["profile"] == profile)
        .unwrap_or_else(|| panic!("no row {profile} in {rows:?}"))
}

#[tokio::test]
async fn login_checks_the_token_in_a_header_then_status_says_whose_it_is() {
    let server = MockServer::start().await;
    mount_account_info(&server, TOKEN).await;
    let home = Home::new();
    let out = login(&home, "hub", &server.uri(), TOKEN, &["--insecure-storage"]).await;
    out.assert_exit(0);
    out.assert_says(&format!("portal {PORTAL}"));
    out.assert_says("warning: the token is stored in plaintext");
    let checks = server.received_requests().await.unwrap();
    assert_eq!(checks.len(), 1);
    assert_eq!(checks[0].url.path(), "/account-info/v3/details");
    assert_eq!(checks[0].url.query(), None);
    assert_eq!(
        checks[0].headers.get("authorization").unwrap(),
        &format!("Bearer {TOKEN}")
    );
    let config = config_text(&home).expect("config written");
    assert!(
        config.contains("[profiles.hub]") && config.contains("token_storage = \"file\""),
        "{config}"
    );
    assert!(config.contains("default = \"hub\""), "{config}");

    let mut cmd = home.crm();
    cmd.args(["auth", "status", "-o", "json"]);
    let out = run(cmd).await;
    out.assert_exit(0);
    let rows = status_rows(&out);
    let hub = row(&rows, "hub");
    assert_eq!(hub["active"], true);
    assert_eq!(hub["vendor"], "hubspot");
    assert_eq!(hub["account"], format!("portal {PORTAL} (app.hubspot.com)"));
    assert_eq!(hub["token_source"], "file");
    assert_eq!(hub["token"], "****8888");
    assert_eq!(hub["problem"], Value::Null);
    assert_eq!(row(&rows, "sandbox")["token_source"], "built-in");

    // CRM_TOKEN replaces the stored token, and status says so.
    let mut cmd = home.crm();
    cmd.env("CRM_TOKEN", "pat-na1-wrong-0000-0000-000000000000")
        .args(["auth", "status", "--profile", "hub", "-o", "json"]);
    let out = run(cmd).await;
    assert_eq!(
        out.code, 4,
        "the active profile's token is refused: {}",
        out.stderr
    );
    let rows = status_rows(&out);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["token_source"], "CRM_TOKEN");
    assert!(
        rows[0]["problem"]
            .as_str()
            .unwrap()
            .contains("Authentication"),
        "{rows:?}"
    );

    let mut cmd = home.crm();
    cmd.args(["auth", "logout"]);
    let out = run(cmd).await;
    out.assert_exit(0);
    out.assert_says("removed the token");
    let mut cmd = home.crm();
    cmd.args(["auth", "status", "--no-verify", "-o", "json"]);
    let out = run(cmd).await;
    out.assert_exit(4);
    let rows = status_rows(&out);
    assert!(row(&rows, "hub")["problem"]
        .as_str()
        .unwrap()
        .contains("no token stored"));
    assert!(row(&rows, "hub")["hint"]
        .as_str()
        .unwrap()
        .contains("crm auth login --profile hub"));
}

#[tokio::test]
async fn a_refused_token_is_not_stored_and_nothing_is_written() {
    let server = MockServer::start().await;
    mount_account_info(&server, TOKEN).await;
    let home = Home::new();
    let out = login(
        &home,
        "hub",
        &server.uri(),
        "pat-na1-not-the-right-one-000",
        &["--insecure-storage"],
    )
    .await;
    out.assert_exit(4);
    out.assert_says("nothing was stored");
    assert_eq!(config_text(&home), None);
    assert!(!home.path().join("config").join("credentials.toml").exists());
}

#[test]
fn without_a_keyring_login_fails_naming_the_environment_route() {
    let home = Home::new();
    let mut cmd = home.crm();
    cmd.args([
        "auth",
        "login",
        "--vendor",
        "sell",
        "--with-token",
        "--no-verify",
    ])
    .write_stdin(TOKEN);
    let out = run_sync(cmd);
    out.assert_exit(4);
    out.assert_says("keyring");
    out.assert_says("CRM_TOKEN");
    out.assert_says("--insecure-storage");
    assert_eq!(config_text(&home), None, "no profile without its token");
}

#[test]
fn login_never_prompts_a_script_and_refuses_what_it_cannot_use() {
    let home = Home::new();
    let mut cmd = home.crm();
    cmd.args(["auth", "login", "--vendor", "hubspot"]);
    let out = run_sync(cmd);
    out.assert_exit(2);
    out.assert_says("--with-token");

    let cases: &[(&[&str], &str, &str)] = &[
        (
            &["--profile", "sandbox", "--vendor", "hubspot"],
            TOKEN,
            "built-in",
        ),
        (&["--profile", "new"], TOKEN, "--vendor"),
        (&["--vendor", "hubspot"], "  \n", "empty"),
        (&["--vendor", "hubspot"], "two words", "spaces"),
        (
            &["--profile", "../etc", "--vendor", "hubspot"],
            TOKEN,
            "not a valid profile name",
        ),
    ];
    for (args, stdin, said) in cases {
        let out = login_offline(&home, args, stdin);
        assert_eq!(out.code, 2, "{args:?}: {}", out.stderr);
        assert!(out.stderr.contains(said), "{args:?}: {}", out.stderr);
    }
    assert_eq!(config_text(&home), None);
}

#[test]
fn a_profile_keeps_its_vendor_and_logout_needs_a_profile() {
    let home = Home::new();
    let mut cmd = home.crm();
    cmd.args(["auth", "logout"]);
    let out = run_sync(cmd);
    out.assert_exit(2);
    out.assert_says("--profile");

    let mut cmd = home.crm();
    cmd.args(["profiles", "add", "acme", "--vendor", "pipedrive"]);
    assert_eq!(run_sync(cmd).code, 0);
    let before = config_text(&home).unwrap();
    let out = login_offline(&home, &["--profile", "acme", "--vendor", "sell"], TOKEN);
    out.assert_exit(2);
    out.assert_says("is a Pipedrive profile");
    assert_eq!(config_text(&home).unwrap(), before);

    // Without --vendor, login goes to the default profile and keeps its vendor.
    let out = login_offline(&home, &[], TOKEN);
    out.assert_exit(0);
    out.assert_says("profile \"acme\"");
    let mut cmd = home.crm();
    cmd.args([
        "auth",
        "status",
        "--no-verify",
        "-o",
        "json",
        "--profile",
        "acme",
    ]);
    let out = run_sync(cmd);
    out.assert_exit(0);
    assert_eq!(out.json()[0]["vendor"], "pipedrive");
    assert_eq!(out.json()[0]["token_source"], "file");
}

#[test]
fn status_shows_the_cron_route_and_builtins_without_a_config() {
    let home = Home::new();
    let mut cmd = home.crm();
    cmd.env("CRM_TOKEN", TOKEN).env("CRM_VENDOR", "sell").args([
        "auth",
        "status",
        "--no-verify",
        "-o",
        "json",
    ]);
    let out = run_sync(cmd);
    out.assert_exit(0);
    let rows = status_rows(&out);
    let env = row(&rows, "(environment)");
    assert_eq!(env["active"], true);
    assert_eq!(env["vendor"], "sell");
    assert_eq!(env["token_source"], "CRM_TOKEN");
    assert_eq!(env["token"], "****8888");
    assert_eq!(
        rows.iter()
            .filter(|r| r["token_source"] == "built-in")
            .count(),
        4
    );

    let mut cmd = home.crm();
    cmd.args(["auth", "status", "--profile", "nope"]);
    let out = run_sync(cmd);
    out.assert_exit(3);
    out.assert_says("sandbox");
}

/// `auth login` with the token on stdin, not checked with the vendor, kept in the token file.
fn login_offline(home: &Home, args: &[&str], token: &str) -> Run {
    let mut cmd = home.crm();
    cmd.args([
        "auth",
        "login",
        "--with-token",
        "--no-verify",
        "--insecure-storage",
    ])
    .args(args)
    .write_stdin(token);
    run_sync(cmd)
}
