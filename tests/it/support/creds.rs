//! Logging in from tests: a HubSpot account that answers the token check for one token only,
//! and `crm auth login` with the token on stdin.

use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use super::cli::{run, Home, Run};
use super::hubspot;

/// The portal of `tests/fixtures/hubspot/account-details.json`.
pub const PORTAL: u64 = 62515;

/// Answers `GET /account-info/v3/details` for `token` (in the Authorization header) and 401
/// for anything else.
pub async fn mount_account_info(server: &MockServer, token: &str) {
    Mock::given(method("GET"))
        .and(path("/account-info/v3/details"))
        .and(header("authorization", format!("Bearer {token}").as_str()))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(hubspot::account_details("app.hubspot.com")),
        )
        .with_priority(1)
        .mount(server)
        .await;
    Mock::given(method("GET"))
        .and(path("/account-info/v3/details"))
        .respond_with(ResponseTemplate::new(401).set_body_json(hubspot::error(
            "INVALID_AUTHENTICATION",
            "Authentication credentials not found.",
        )))
        .with_priority(2)
        .mount(server)
        .await;
}

/// `crm auth login --with-token` for a HubSpot profile at `base_url`, plus `extra` flags.
pub async fn login(home: &Home, profile: &str, base_url: &str, token: &str, extra: &[&str]) -> Run {
    let mut cmd = home.crm();
    cmd.args(["auth", "login", "--profile", profile, "--vendor", "hubspot"])
        .args(["--base-url", base_url, "--with-token"])
        .args(extra)
        .write_stdin(format!("{token}\n"));
    run(cmd).await
}

/// The config file's text, or None when there is none.
pub fn config_text(home: &Home) -> Option<String> {
    std::fs::read_to_string(home.path().join("config").join("config.toml")).ok()
}
