//! The README's first command: `crm --profile sandbox deals list` works with no account and no
//! configuration, and what it writes persists to the next run.

use crate::support::cli::{run, Home};

#[tokio::test]
async fn the_builtin_sandbox_profiles_need_no_account_and_keep_their_state() {
    let home = Home::new();
    let mut cmd = home.crm();
    cmd.args(["--profile", "sandbox", "deals", "list", "-o", "json"]);
    let out = run(cmd).await;
    out.assert_exit(0);
    let deals = out.json();
    assert!(!deals.as_array().unwrap().is_empty());
    assert_eq!(deals[0]["vendor"], "hubspot");
    assert!(
        deals[0]["stage"]["name"].is_string(),
        "stages show names: {}",
        deals[0]
    );

    let mut cmd = home.crm();
    cmd.env("CRM_PROFILE", "sandbox").args([
        "deals",
        "create",
        "--name",
        "Persisted",
        "--amount",
        "12.34",
        "--pipeline",
        "Sales Pipeline",
        "--stage",
        "Contract Sent",
        "-o",
        "json",
    ]);
    let out = run(cmd).await;
    out.assert_exit(0);
    let id = out.json()["id"].as_str().unwrap().to_string();

    let mut cmd = home.crm();
    cmd.args(["--profile", "sandbox", "deals", "get", &id, "-o", "json"]);
    let out = run(cmd).await;
    out.assert_exit(0);
    assert_eq!(out.json()["amount"], "12.34");
    assert_eq!(out.json()["stage"]["name"], "Contract Sent");
}
