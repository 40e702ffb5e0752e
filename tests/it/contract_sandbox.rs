//! The sandbox checked against the vendors' own OpenAPI files: Prism runs in
//! proxy mode in front of it, so every request (crm's, or the test's) and every
//! answer of the emulator is validated against `CRM_SPECS_DIR`.
//!
//! HubSpot is driven by the real `crm` binary, one command per operation.
//! Pipedrive and Sell send the requests their adapters will send, with
//! reqwest, one function per `crm` command (named after it), so each can be
//! swapped for the CLI once those adapters land.

mod hubspot;
mod pipedrive;
mod sell;

use crm::sandbox::{RunningSandbox, SandboxVendor, ServeArgs};
use serde_json::Value;

use crate::support::allow_list;
use crate::support::contract::run;
use crate::support::ContractServer;

/// A sandbox and the Prism proxies in front of it; dropping stops both.
pub struct Proxied {
    pub server: ContractServer,
    vendor: SandboxVendor,
    _sandbox: RunningSandbox,
}

impl Proxied {
    /// `None` (with the harness's notice) when Prism or the specs are absent.
    pub fn start(vendor: SandboxVendor) -> Option<Proxied> {
        let args = ServeArgs {
            deals: 30,
            ..ServeArgs::new(vendor)
        };
        let sandbox = run(async move { crm::sandbox::spawn(args).await.expect("sandbox starts") });
        let server = match vendor {
            SandboxVendor::Hubspot => ContractServer::hubspot_proxy(sandbox.addr),
            SandboxVendor::Pipedrive => ContractServer::pipedrive_proxy(sandbox.addr),
            SandboxVendor::Sell => ContractServer::sell_proxy(sandbox.addr),
        }?;
        Some(Proxied {
            server,
            vendor,
            _sandbox: sandbox,
        })
    }

    /// Fails on any request or response that breaks the vendor's files, naming `what`.
    /// Response entries the allow-list excuses (see `allow_list::RESPONSE_ALLOW_LIST`) pass.
    pub fn assert_clean(&self, what: &str) {
        let requests = self.server.request_violations();
        let seen = self.server.requests();
        let status_of = |method: &str, path: &str| {
            seen.iter()
                .find(|r| r.method == method && r.path == path)
                .map_or(0, |r| r.status)
        };
        let responses: Vec<_> = self
            .server
            .response_violations()
            .into_iter()
            .filter(|v| {
                let status = status_of(&v.method, &v.path);
                allow_list::find_response(self.vendor.name(), status, v).is_none()
            })
            .collect();
        assert!(
            !self.server.requests().is_empty(),
            "{what}: no request reached the proxy"
        );
        assert!(
            requests.is_empty() && responses.is_empty(),
            "{what}:\nrequests breaking the spec: {requests:#?}\nsandbox answers breaking the spec: {responses:#?}"
        );
    }

    /// `METHOD path` of every request seen since the last `clear`.
    pub fn seen(&self) -> Vec<String> {
        self.server
            .requests()
            .iter()
            .map(|r| format!("{} {}", r.method, r.path))
            .collect()
    }
}

/// One raw call through the proxy, as an adapter would send it.
pub struct Raw<'a> {
    pub proxied: &'a Proxied,
    pub auth: (&'static str, &'static str),
}

impl Raw<'_> {
    /// Sends the request, checks both sides against the spec, returns status and JSON body.
    pub fn call(&self, method: &str, path: &str, body: Option<Value>) -> (u16, Value) {
        let server = &self.proxied.server;
        server.clear();
        let url = server.url(path);
        let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
        let what = format!("{method} {path}");
        let (k, v) = self.auth;
        let reply = run(async move {
            let mut req = reqwest::Client::new().request(method, url).header(k, v);
            if let Some(b) = body {
                req = req.json(&b);
            }
            let resp = req.send().await.expect("proxy reachable");
            let status = resp.status().as_u16();
            let bytes = resp.bytes().await.expect("body");
            (
                status,
                serde_json::from_slice(&bytes).unwrap_or(Value::Null),
            )
        });
        self.proxied.assert_clean(&what);
        reply
    }
}
