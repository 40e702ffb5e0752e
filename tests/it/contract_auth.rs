//! The token check of `crm auth login` through Prism running the vendors' own descriptions:
//! Pipedrive's `GET /api/v1/users/me` and Sell's `GET /v2/users/self`. (No HubSpot file
//! describes `/account-info/v3/details`; tests/it/auth.rs checks that one against a mock.)

use crate::support::cli::{run_sync, Home};
use crate::support::ContractServer;

const TOKEN: &str = "contract-token-0000-1111";

fn check_login(server: &ContractServer, vendor: &str, expected: &str) {
    let home = Home::new();
    let mut cmd = home.crm();
    cmd.env("CRM_MAX_RETRIES", "0")
        .args(["auth", "login", "--profile", "c", "--vendor", vendor])
        .args([
            "--base-url",
            server.base_url(),
            "--with-token",
            "--insecure-storage",
        ])
        .write_stdin(TOKEN);
    let out = run_sync(cmd);
    let seen: Vec<String> = server
        .requests()
        .iter()
        .map(|r| format!("{} {}", r.method, r.path))
        .collect();
    assert_eq!(seen, [expected], "{}", out.stderr);
    server.assert_no_request_violations();
    out.assert_exit(0);
    out.assert_says("logged in to");
}

#[test]
fn pipedrive_login_checks_users_me() {
    let Some(server) = ContractServer::pipedrive() else {
        return;
    };
    check_login(&server, "pipedrive", "GET /api/v1/users/me");
}

#[test]
fn sell_login_checks_users_self() {
    let Some(server) = ContractServer::sell() else {
        return;
    };
    check_login(&server, "sell", "GET /v2/users/self");
}
