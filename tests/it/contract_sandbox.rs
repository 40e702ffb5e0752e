//! The sandbox checked against the vendors' own OpenAPI files: Prism runs in
//! proxy mode in front of it, so every request (crm's, or the test's) and every
//! answer of the emulator is validated against `CRM_SPECS_DIR`.
//!
//! Every vendor is driven by the real `crm` binary, one command per operation.

mod hubspot;
mod pipedrive;
mod sell;

use crate::support::allow_list;
use crate::support::cli::{crm, Args, Home, Run, To};
use crate::support::contract::run;
use crate::support::ContractServer;
use crm::sandbox::{RunningSandbox, SandboxVendor, ServeArgs};

/// A sandbox, the Prism proxies in front of it and the home crm runs in; dropping stops both
/// servers.
pub struct Proxied {
    pub server: ContractServer,
    vendor: SandboxVendor,
    home: Home,
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
            home: Home::new(),
            _sandbox: sandbox,
        })
    }

    /// Fails on any request or response that breaks the vendor's files, naming `what`.
    /// Response entries the allow-list excuses (see `allow_list::RESPONSE_ALLOW_LIST`) pass, and
    /// so do requests to the routes a file lacks (`allow_list::UNDESCRIBED_ROUTES`).
    pub fn assert_clean(&self, what: &str) {
        let requests: Vec<_> = self
            .server
            .request_violations()
            .into_iter()
            .filter(|v| !allow_list::undescribed_route(self.vendor.name(), v))
            .collect();
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

    /// `crm ARGS` against the sandbox through the proxy, with no retries (a retry would hide a
    /// violation) and a token shaped as the vendor's own; fails on anything that breaks the
    /// vendor's files.
    pub fn run(&self, args: &(impl Args + ?Sized)) -> Run {
        let args = &args.to_args()[..];
        self.server.clear();
        let token = match self.vendor {
            SandboxVendor::Hubspot => hubspot::TOKEN,
            SandboxVendor::Pipedrive => pipedrive::TOKEN,
            SandboxVendor::Sell => sell::TOKEN,
        };
        let to = To::Env {
            vendor: self.vendor.name(),
            base_url: self.server.base_url().to_string(),
            token,
        };
        let out = crm(&self.home, to, args)
            .env("CRM_MAX_RETRIES", "0")
            .run_sync();
        self.assert_clean(&format!("crm {args:?} (stderr: {})", out.stderr));
        out
    }

    /// [`Proxied::run`], which must succeed.
    pub fn ok(&self, args: &(impl Args + ?Sized)) -> Run {
        let args = &args.to_args()[..];
        let out = self.run(args);
        assert_eq!(out.code, 0, "crm {args:?}: {}", out.stderr);
        out
    }

    /// `crm api ARGS --paginate` through the proxy: the items of every page, after checking that
    /// the list took at least three page requests (`METHOD path`, each one judged against the
    /// vendor's files like every request of [`Proxied::run`]) and that no item came twice, told
    /// apart by `id_of`.
    pub fn paginated(
        &self,
        args: &str,
        page_request: &str,
        id_of: impl Fn(&serde_json::Value) -> serde_json::Value,
    ) -> Vec<serde_json::Value> {
        let out = self.ok(&format!("{args} --paginate"));
        let pages = self.seen().iter().filter(|s| *s == page_request).count();
        assert!(
            pages >= 3,
            "{pages} page requests ({page_request}): {:#?}",
            self.seen()
        );
        let items: Vec<serde_json::Value> = out
            .stdout
            .lines()
            .map(|l| serde_json::from_str(l).expect("one JSON item a line"))
            .collect();
        let ids: std::collections::BTreeSet<String> =
            items.iter().map(|i| id_of(i).to_string()).collect();
        assert_eq!(ids.len(), items.len(), "an item came twice: {}", out.stdout);
        items
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
