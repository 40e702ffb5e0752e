//! Integration tests of the sandbox emulator, against a real local server.

mod control;
mod faults;
mod hubspot;
mod hubspot_more;
mod hubspot_strict;
mod pipedrive;
mod sell;

use crm::sandbox::{spawn, RunningSandbox, SandboxVendor, ServeArgs};
use serde_json::Value;

pub(crate) async fn start(args: ServeArgs) -> RunningSandbox {
    spawn(args).await.expect("sandbox starts")
}

pub(crate) async fn start_default(vendor: SandboxVendor) -> RunningSandbox {
    start(ServeArgs::new(vendor)).await
}

/// A sandbox serving `args`, and a client of it.
pub(crate) async fn serve(args: ServeArgs) -> (RunningSandbox, Api) {
    let vendor = args.vendor;
    let sb = start(args).await;
    let api = Api::new(&sb, vendor);
    (sb, api)
}

/// A sandbox of `vendor` with the default demo data, and a client of it.
pub(crate) async fn serve_default(vendor: SandboxVendor) -> (RunningSandbox, Api) {
    serve(ServeArgs::new(vendor)).await
}

/// HubSpot deal `deal` read with its companies, and those of them associated as its primary
/// (`deal_to_company`).
pub(crate) async fn primary_companies(api: &Api, deal: &str) -> (Value, Vec<Value>) {
    let (_, got) = api
        .get(&format!(
            "/crm/v3/objects/deals/{deal}?associations=companies"
        ))
        .await;
    let primaries = got["associations"]["companies"]["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["type"] == "deal_to_company")
        .cloned()
        .collect();
    (got, primaries)
}

/// A client whose requests carry the vendor's auth header.
pub(crate) struct Api {
    pub base: String,
    pub http: reqwest::Client,
    pub vendor: SandboxVendor,
}

impl Api {
    pub fn new(sb: &RunningSandbox, vendor: SandboxVendor) -> Api {
        Api {
            base: sb.url(),
            http: reqwest::Client::new(),
            vendor,
        }
    }

    pub fn req(&self, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
        let r = self.http.request(method, format!("{}{}", self.base, path));
        match self.vendor {
            SandboxVendor::Pipedrive => r.header("x-api-token", "test-token"),
            _ => r.bearer_auth("test-token"),
        }
    }

    pub async fn send(&self, rb: reqwest::RequestBuilder) -> (u16, Value) {
        let resp = rb.send().await.expect("request sent");
        let status = resp.status().as_u16();
        let text = resp.text().await.expect("body read");
        let v = if text.is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text).expect("JSON body")
        };
        (status, v)
    }

    pub async fn get(&self, path: &str) -> (u16, Value) {
        self.send(self.req(reqwest::Method::GET, path)).await
    }

    pub async fn with_body(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Value,
    ) -> (u16, Value) {
        self.send(self.req(method, path).json(&body)).await
    }

    pub async fn delete(&self, path: &str) -> (u16, Value) {
        self.send(self.req(reqwest::Method::DELETE, path)).await
    }
}
