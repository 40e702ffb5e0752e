//! Self-test of the contract harness: known-valid requests pass, known-invalid
//! ones are caught, the allow-list excuses exactly the vendor files' defects,
//! and proxy mode forwards with the paths the upstream expects.

mod mock;
mod parts;
mod proxy;

use serde_json::Value;

use crate::support::contract::run;
use crate::support::ContractServer;

pub const BEARER: (&str, &str) = ("authorization", "Bearer test-token");
pub const PIPEDRIVE_TOKEN: (&str, &str) = ("x-api-token", "test-token");

pub struct Reply {
    pub status: u16,
    pub body: Value,
}

/// Sends one request through the router, as the CLI would.
pub fn call(
    server: &ContractServer,
    method: &str,
    path: &str,
    auth: Option<(&str, &str)>,
    body: Option<Value>,
) -> Reply {
    let url = server.url(path);
    let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
    let auth = auth.map(|(k, v)| (k.to_string(), v.to_string()));
    run(async move {
        let mut req = reqwest::Client::new().request(method, url);
        if let Some((k, v)) = auth {
            req = req.header(k, v);
        }
        if let Some(b) = body {
            req = req.json(&b);
        }
        let resp = req.send().await.expect("router reachable");
        let status = resp.status().as_u16();
        let bytes = resp.bytes().await.unwrap();
        Reply {
            status,
            body: serde_json::from_slice(&bytes).unwrap_or(Value::Null),
        }
    })
}

pub fn assert_violation_mentions(server: &ContractServer, needle: &str) {
    let found = server.request_violations();
    assert!(
        found.iter().any(|v| v.message.contains(needle)),
        "expected a request violation mentioning {needle:?}, got {found:#?}"
    );
}
