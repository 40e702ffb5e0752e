//! Proxy mode: the same routers in front of `prism proxy FILE UPSTREAM`, so
//! requests and the upstream's (e.g. the sandbox emulator's) responses are
//! both validated against the vendor files.
//!
//! How `prism proxy` 5.14.2 forwards (checked against a local upstream that
//! echoes the path it receives; `contract_harness::proxy_*` keeps it honest):
//! - It matches the incoming path against the file's paths exactly as
//!   `prism mock` does, i.e. WITHOUT the server URL's path: for Pipedrive v2
//!   (`https://api.pipedrive.com/api/v2`) `/deals` matches, `/api/v2/deals`
//!   does not.
//! - It forwards the incoming path and query verbatim, appended to the
//!   upstream URL's own path; it never adds the file's server prefix.
//!   `prism proxy v2.yaml http://up` sends `/deals?limit=5` to `http://up/deals?limit=5`;
//!   with upstream `http://up/api/v2` (or `http://up/api/v2/`) it goes to
//!   `http://up/api/v2/deals?limit=5`. So the router strips `/api/v2`, and the
//!   Prism behind it gets the upstream `http://ADDR/api/v2`, and the upstream
//!   sees the real path again. One `prism proxy` per (file, prefix): v1 runs
//!   twice, for `/v1` and `/api/v1`.
//! - Without `--errors` (we never pass it) an invalid request is still
//!   forwarded; the upstream's answer comes back with `sl-violations` listing
//!   the request entries (`location[0] == "request"`) and the response entries
//!   (`"response"`: the upstream's body/status/headers break the file).
//! - A path or method the file lacks is forwarded too, with one Warning
//!   `{"location":["request"],"message":"Selected route not found"}`: counted
//!   as a request violation here. Missing credentials likewise: forwarded,
//!   with a 401-coded request entry.
//! - The upstream's status passes through unchanged (a 404 from the sandbox
//!   is not a violation in proxy mode; in mock mode every 4xx is).

use std::net::SocketAddr;
use std::sync::Arc;

use super::contract::{
    start_backends, ContractServer, RouteSet, RouteSpec, HUBSPOT, PIPEDRIVE, SELL,
};
use super::prism::Toolchain;

impl ContractServer {
    /// HubSpot files, proxying to `upstream` (paths unchanged).
    pub fn hubspot_proxy(upstream: SocketAddr) -> Option<ContractServer> {
        proxy(&HUBSPOT, upstream)
    }

    /// Pipedrive files, proxying to `upstream` under the same `/api/v2`,
    /// `/v1`, `/api/v1` paths the CLI used.
    pub fn pipedrive_proxy(upstream: SocketAddr) -> Option<ContractServer> {
        proxy(&PIPEDRIVE, upstream)
    }

    /// The Sell file, proxying to `upstream` (paths unchanged).
    pub fn sell_proxy(upstream: SocketAddr) -> Option<ContractServer> {
        proxy(&SELL, upstream)
    }
}

/// Starts fresh `prism proxy` processes (stopped when the server is dropped;
/// expect 2-10 s) and a router in front of them.
pub fn proxy(set: &RouteSet, upstream: SocketAddr) -> Option<ContractServer> {
    let tc = Toolchain::for_contract_tests()?;
    let target = |r: &RouteSpec| {
        if r.strip {
            format!("http://{upstream}{}", r.prefix)
        } else {
            format!("http://{upstream}")
        }
    };
    match start_backends(&tc, set, Some(&target)) {
        Ok(b) => Some(ContractServer::in_front_of(Arc::new(b))),
        Err(e) => panic!("starting the {} contract proxies: {e}", set.vendor),
    }
}
