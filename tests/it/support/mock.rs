//! What tests do with a wiremock server besides the account's metadata: answers that must be
//! used, and the requests crm sent.

use serde_json::Value;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

/// Answers a test mounts for its own claim: each fails the test, when the server is dropped,
/// unless crm asked for it at least once (wiremock's `expect`).
#[allow(async_fn_in_trait)] // the suite's own trait, awaited on one runtime
pub trait Answers {
    /// Answers `verb p` with 200 and `body`.
    async fn answer(&self, verb: &str, p: &str, body: Value);
    /// Answers `verb p` with `status` and `body`.
    async fn answer_with(&self, verb: &str, p: &str, status: u16, body: Value);
    /// Answers `verb p` with `status` and no body.
    async fn answer_status(&self, verb: &str, p: &str, status: u16);
}

impl Answers for MockServer {
    async fn answer(&self, verb: &str, p: &str, body: Value) {
        self.answer_with(verb, p, 200, body).await;
    }

    async fn answer_with(&self, verb: &str, p: &str, status: u16, body: Value) {
        Mock::given(method(verb))
            .and(path(p))
            .respond_with(ResponseTemplate::new(status).set_body_json(body))
            .expect(1..)
            .mount(self)
            .await;
    }

    async fn answer_status(&self, verb: &str, p: &str, status: u16) {
        Mock::given(method(verb))
            .and(path(p))
            .respond_with(ResponseTemplate::new(status))
            .expect(1..)
            .mount(self)
            .await;
    }
}

/// The requests `server` received as `verb p`.
pub async fn requests_to(server: &MockServer, verb: &str, p: &str) -> Vec<Request> {
    requests_where(server, |r| r.method.as_str() == verb && r.url.path() == p).await
}

/// The requests `server` received that `keep` picks, in the order they came.
pub async fn requests_where(server: &MockServer, keep: impl Fn(&Request) -> bool) -> Vec<Request> {
    server
        .received_requests()
        .await
        .unwrap_or_default()
        .into_iter()
        .filter(|r| keep(r))
        .collect()
}

/// A request's query, pair by pair.
pub fn query(r: &Request) -> Vec<(String, String)> {
    r.url
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

/// A request's JSON body.
pub fn body(r: &Request) -> Value {
    serde_json::from_slice(&r.body).expect("JSON body")
}
