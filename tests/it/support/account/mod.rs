//! One account per vendor on a wiremock server, written once for every suite: its token, the
//! metadata every run reads (pipelines, stages, users, custom fields), its error bodies, and its
//! payloads, which are the files under `tests/fixtures/<vendor>/`.
//!
//! The metadata answers are the account's furniture: a test may or may not read them, so they
//! are not expected. What a test mounts for its own claim is ([`super::mock::Answers`]).

pub mod hubspot;
pub mod pipedrive;
pub mod sell;

use std::ops::Deref;

use serde_json::Value;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use super::cli::{crm, session, Args, Home, Run, To};

/// A vendor account served by a mock server (which it dereferences to).
pub struct Account {
    pub vendor: &'static str,
    pub token: &'static str,
    server: MockServer,
}

impl Account {
    async fn start(vendor: &'static str, token: &'static str) -> Account {
        Account {
            vendor,
            token,
            server: MockServer::start().await,
        }
    }

    /// An account of `vendor` ("hubspot", "pipedrive" or "sell") that answers nothing the
    /// test does not mount.
    pub async fn empty(vendor: &'static str) -> Account {
        Account::start(vendor, token(vendor)).await
    }

    /// `vendor`'s account with its metadata, as [`hubspot::account`] and its likes furnish it.
    pub async fn of(vendor: &str) -> Account {
        Account::furnished(vendor, false).await
    }

    /// `vendor`'s account with the two deals the snapshots show, as [`hubspot::with_deals`] and
    /// its likes furnish them.
    pub async fn with_deals(vendor: &str) -> Account {
        Account::furnished(vendor, true).await
    }

    async fn furnished(vendor: &str, with_deals: bool) -> Account {
        match (vendor, with_deals) {
            ("hubspot", false) => hubspot::account().await,
            ("hubspot", true) => hubspot::with_deals().await,
            ("pipedrive", false) => pipedrive::account().await,
            ("pipedrive", true) => pipedrive::with_deals().await,
            ("sell", false) => sell::account().await,
            ("sell", true) => sell::with_deals().await,
            (other, _) => panic!("no such vendor: {other}"),
        }
    }

    /// `crm ARGS` against this account in a home of its own, for a test whose claim is one run.
    pub async fn crm(&self, args: &(impl Args + ?Sized)) -> Run {
        let home = Home::new();
        crm(&home, self, args).await
    }

    /// Each of `lines` against this account, in turn, in one home of their own, written down as
    /// a session for a snapshot (see [`session`]).
    pub async fn session(&self, lines: &[&str]) -> String {
        session(&Home::new(), self, lines).await
    }

    /// Mounts the metadata answer `body` for `GET p`, used or not.
    async fn furnish(&self, p: &str, body: Value) {
        Mock::given(method("GET"))
            .and(path(p))
            .respond_with(ResponseTemplate::new(200).set_body_json(body))
            .mount(&self.server)
            .await;
    }
}

impl Deref for Account {
    type Target = MockServer;

    fn deref(&self) -> &MockServer {
        &self.server
    }
}

impl<'a> From<&'a Account> for To<'a> {
    /// The account through the environment, as cron jobs reach it.
    fn from(account: &'a Account) -> Self {
        To::Env {
            vendor: account.vendor,
            base_url: account.server.uri(),
            token: account.token,
        }
    }
}

/// The token of `vendor`'s account ("hubspot", "pipedrive" or "sell").
pub fn token(vendor: &str) -> &'static str {
    match vendor {
        "hubspot" => hubspot::TOKEN,
        "pipedrive" => pipedrive::TOKEN,
        "sell" => sell::TOKEN,
        other => panic!("no such vendor: {other}"),
    }
}

/// `tests/fixtures/NAME`: a vendor's payload as its documentation shows it.
pub fn fixture(name: &str) -> Value {
    let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    let text = std::fs::read_to_string(&file)
        .unwrap_or_else(|e| panic!("fixture {}: {e}", file.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("fixture {}: {e}", file.display()))
}
