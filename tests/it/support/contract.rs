//! `ContractServer`: what a contract test talks to.
//!
//! ```ignore
//! let Some(server) = ContractServer::hubspot() else { return }; // skipped, notice printed
//! // point the CLI at server.base_url() (Pipedrive: + "/api/v2" and + "/v1")
//! Command::cargo_bin("crm")?.env(..., server.base_url()).args([...]).assert().success();
//! server.assert_no_request_violations(); // also fails when no request arrived
//! ```
//!
//! Each call builds a fresh router (its own port and record) in front of Prism
//! processes started once per test binary, so tests running in parallel never
//! see each other's requests. The proxy variants (`*_proxy`, see `proxy.rs`)
//! start their own `prism proxy` processes and stop them on drop.
//!
//! What the mocks answer (assert on the requests; be careful with what the
//! CLI makes of the answers):
//! - Static files answer with the vendor's examples. HubSpot's examples for
//!   `GET /crm/v3/objects/deals` and `GET …/deals/{id}` lack the required
//!   `id`, `createdAt` and `updatedAt`; the create, update, search, batch and
//!   merge examples are complete deals (id `"512"`).
//! - `-d` files (HubSpot v4 associations, pipelines, owners, properties: their
//!   examples are `null`) answer random schema-valid data from a fixed seed:
//!   the same request gets the same body on every run.
//! - Every list answer announces a next page, forever: a router refuses
//!   requests after `router::MAX_REQUESTS` and reports the runaway.
//!
//! Things the files demand that the vendors' docs gloss over (not excused:
//! the CLI can comply): HubSpot batch read requires `propertiesWithHistory`
//! (send `[]`) and search `after` is a string; Pipedrive's `api_token` query
//! parameter is unknown to the files (send the `x-api-token` header), v2 deal
//! `value` is a number, v1 `users/find` `search_by_email` is `0`/`1`.

use std::future::Future;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::{Arc, OnceLock};

use super::cli::{crm, Home, Run, To};
use super::prism::{start_all, PrismMode, PrismProcess, Toolchain};
use super::router::{app, AllowedViolation, Backend, Route, RouteTable, RouterState, SeenRequest};
use super::violations::Violation;

/// One prefix → spec file mapping of a route set.
pub struct RouteSpec {
    /// Path prefix as the CLI sends it; `*` matches one segment. First match wins.
    pub prefix: &'static str,
    /// Prism serves this file's paths without the prefix (the prefix is the
    /// path of the file's server URL): strip it before forwarding.
    pub strip: bool,
    /// Relative to `CRM_SPECS_DIR`.
    pub spec: &'static str,
    /// Mock with `-d` (generated bodies): the file's examples are `null`.
    pub dynamic: bool,
}

pub struct RouteSet {
    pub vendor: &'static str,
    pub routes: &'static [RouteSpec],
}

/// HubSpot: one file per API family, all paths under the bare host
/// (`https://api.hubapi.com`). No file describes `/account-info/v3/details`.
pub const HUBSPOT: RouteSet = RouteSet {
    vendor: "hubspot",
    routes: &[
        RouteSpec {
            prefix: "/crm/v3/objects/deals",
            strip: false,
            spec: "hubspot/mock/deals.v3.2025-08-01.mock.json",
            dynamic: false,
        },
        // labels before the rest of v4: same `/crm/v4/associations/{from}/{to}` stem
        RouteSpec {
            prefix: "/crm/v4/associations/*/*/labels",
            strip: false,
            spec: "hubspot/mock/associationsSchema.v4.rollout50914.mock.json",
            dynamic: false,
        },
        RouteSpec {
            prefix: "/crm/v4",
            strip: false,
            spec: "hubspot/mock/associations.v4.mock.json",
            dynamic: true,
        },
        RouteSpec {
            prefix: "/crm/v3/pipelines",
            strip: false,
            spec: "hubspot/mock/pipelines.v3.mock.json",
            dynamic: true,
        },
        RouteSpec {
            prefix: "/crm/v3/owners",
            strip: false,
            spec: "hubspot/mock/crmOwners.v3.mock.json",
            dynamic: true,
        },
        RouteSpec {
            prefix: "/crm/v3/properties",
            strip: false,
            spec: "hubspot/mock/properties.v3.mock.json",
            dynamic: true,
        },
    ],
};

/// Pipedrive: servers `https://api.pipedrive.com/api/v2` and `…/v1`; Prism
/// serves both files' paths without those prefixes. The API also answers v1
/// under `/api/v1`, so both v1 spellings are routed.
pub const PIPEDRIVE: RouteSet = RouteSet {
    vendor: "pipedrive",
    routes: &[
        RouteSpec {
            prefix: "/api/v2",
            strip: true,
            spec: "pipedrive/openapi-v2.yaml",
            dynamic: false,
        },
        RouteSpec {
            prefix: "/api/v1",
            strip: true,
            spec: "pipedrive/openapi-v1.yaml",
            dynamic: false,
        },
        RouteSpec {
            prefix: "/v1",
            strip: true,
            spec: "pipedrive/openapi-v1.yaml",
            dynamic: false,
        },
    ],
};

/// Zendesk Sell: our derived file; server `https://api.getbase.com`, paths carry `/v2`.
pub const SELL: RouteSet = RouteSet {
    vendor: "sell",
    routes: &[RouteSpec {
        prefix: "/v2",
        strip: false,
        spec: "zendesk-sell/sell-core-v2.derived.openapi.yaml",
        dynamic: false,
    }],
};

/// The runtime every router (and `run`) uses, on its own threads, so tests may
/// be plain `#[test]`s or `#[tokio::test]`s alike.
pub fn runtime() -> &'static tokio::runtime::Runtime {
    static RT: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    RT.get_or_init(|| {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("contract-harness")
            .enable_all()
            .build()
            .expect("contract harness runtime")
    })
}

/// Runs `f` on the harness runtime and waits for it (usable from any thread).
pub fn run<F>(f: F) -> F::Output
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
{
    futures::executor::block_on(runtime().spawn(f)).expect("harness task panicked")
}

/// Running Prism processes and the table routing to them.
pub struct Backends {
    pub table: RouteTable,
    _procs: Vec<PrismProcess>,
}

/// Starts one Prism per distinct (file, mode) of `set`. `upstream`: `None` for
/// `prism mock`; for `prism proxy`, the upstream URL each route forwards to.
pub(crate) fn start_backends(
    tc: &Toolchain,
    set: &RouteSet,
    upstream: Option<&dyn Fn(&RouteSpec) -> String>,
) -> Result<Backends, String> {
    let mut keys: Vec<(&str, PrismMode)> = Vec::new();
    let mut routes = Vec::new();
    for r in set.routes {
        let mode = match upstream {
            None => PrismMode::Mock { dynamic: r.dynamic },
            Some(f) => PrismMode::Proxy { upstream: f(r) },
        };
        let key = (r.spec, mode);
        let backend = match keys.iter().position(|k| *k == key) {
            Some(i) => i,
            None => {
                keys.push(key);
                keys.len() - 1
            }
        };
        routes.push(Route {
            prefix: r.prefix,
            strip: r.strip,
            backend,
        });
    }
    let procs = start_all(tc, &keys)?;
    let backends = procs
        .iter()
        .map(|p| Backend {
            label: p.label.clone(),
            addr: p.addr,
        })
        .collect();
    Ok(Backends {
        table: RouteTable {
            vendor: set.vendor,
            mock: upstream.is_none(),
            routes,
            backends,
        },
        _procs: procs,
    })
}

fn shared_mock(
    cell: &'static OnceLock<Result<Arc<Backends>, String>>,
    set: &'static RouteSet,
) -> Option<Arc<Backends>> {
    let tc = Toolchain::for_contract_tests()?;
    match cell.get_or_init(|| start_backends(&tc, set, None).map(Arc::new)) {
        Ok(b) => Some(b.clone()),
        Err(e) => panic!("starting the {} contract mocks: {e}", set.vendor),
    }
}

/// A router of its own, in front of (possibly shared) Prism processes.
pub struct ContractServer {
    addr: SocketAddr,
    base_url: String,
    state: Arc<RouterState>,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    _backends: Arc<Backends>,
}

impl ContractServer {
    /// HubSpot CRM v3 deals, v4 associations and labels, pipelines, owners,
    /// properties, mocked. `None`: skipped (Prism or specs absent).
    pub fn hubspot() -> Option<ContractServer> {
        static CELL: OnceLock<Result<Arc<Backends>, String>> = OnceLock::new();
        shared_mock(&CELL, &HUBSPOT).map(ContractServer::in_front_of)
    }

    /// Pipedrive API v2 under `/api/v2`, v1 under `/v1` and `/api/v1`, mocked.
    pub fn pipedrive() -> Option<ContractServer> {
        static CELL: OnceLock<Result<Arc<Backends>, String>> = OnceLock::new();
        shared_mock(&CELL, &PIPEDRIVE).map(ContractServer::in_front_of)
    }

    /// Zendesk Sell core API v2 (paths `/v2/...`), mocked.
    pub fn sell() -> Option<ContractServer> {
        static CELL: OnceLock<Result<Arc<Backends>, String>> = OnceLock::new();
        shared_mock(&CELL, &SELL).map(ContractServer::in_front_of)
    }

    pub(crate) fn in_front_of(backends: Arc<Backends>) -> ContractServer {
        let state = RouterState::new(backends.table.clone());
        let listener = std::net::TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
            .expect("bind the contract router");
        listener
            .set_nonblocking(true)
            .expect("nonblocking listener");
        let addr = listener.local_addr().expect("router address");
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        let router = app(state.clone());
        runtime().spawn(async move {
            let listener = tokio::net::TcpListener::from_std(listener).expect("tokio listener");
            let _ = axum::serve(listener, router)
                .with_graceful_shutdown(async {
                    let _ = rx.await;
                })
                .await;
        });
        ContractServer {
            addr,
            base_url: format!("http://{addr}"),
            state,
            shutdown: Some(tx),
            _backends: backends,
        }
    }

    /// `http://127.0.0.1:PORT`, no trailing slash: the CLI's base URL
    /// (Pipedrive: append `/api/v2` for v2 and `/v1` or `/api/v1` for v1).
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `base_url() + path`.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base_url)
    }

    /// Every request this router received, in order.
    pub fn requests(&self) -> Vec<SeenRequest> {
        self.state.record().requests.clone()
    }

    /// Request-side violations that no allow-list entry excuses.
    pub fn request_violations(&self) -> Vec<Violation> {
        self.state.record().request_violations.clone()
    }

    /// Response-side violations. Proxy mode: the upstream's answers that break
    /// the file. Mock mode: only the vendor examples' own defects.
    pub fn response_violations(&self) -> Vec<Violation> {
        self.state.record().response_violations.clone()
    }

    /// Violations excused by the allow-list, with the entry that excused them.
    pub fn allowed_violations(&self) -> Vec<AllowedViolation> {
        self.state.record().allowed.clone()
    }

    /// Answers `method path` (exact path as the CLI sends it, query ignored) with `status` and
    /// `body` (`null`: no body) instead of Prism's mock answer, once Prism has accepted the
    /// request. Mock mode only; the latest script for a request wins; `clear` keeps scripts.
    pub fn answer(&self, method: &str, path: &str, status: u16, body: serde_json::Value) {
        self.state
            .scripted
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(super::router::Scripted {
                method: method.to_string(),
                path: path.to_string(),
                status,
                body,
            });
    }

    /// Forgets what was recorded so far.
    pub fn clear(&self) {
        *self.state.record() = Default::default();
    }

    /// Fails unless at least one request arrived and none broke the file.
    pub fn assert_no_request_violations(&self) {
        let record = self.state.record();
        assert!(
            !record.requests.is_empty(),
            "no request reached the {} contract server at {}: is the CLI pointed at it?",
            self.state.table.vendor,
            self.base_url
        );
        if !record.request_violations.is_empty() {
            let list: Vec<String> = record
                .request_violations
                .iter()
                .map(|v| format!("  {v}"))
                .collect();
            panic!(
                "{} request(s) broke the {} OpenAPI files:\n{}",
                record.request_violations.len(),
                self.state.table.vendor,
                list.join("\n")
            );
        }
    }
}

impl Drop for ContractServer {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

/// Fails unless crm sent `expected` ("METHOD /path", as the contract tests' `crm` helpers list them).
pub fn assert_sent(seen: &[String], expected: &str) {
    assert!(
        seen.iter().any(|s| s == expected),
        "expected {expected}, crm sent {seen:#?}"
    );
}

/// Contract commands that belong together: run in turn on one freshly seeded account, each with
/// the requests it must send (among others).
pub type Commands = &'static [(&'static str, &'static [&'static str])];

/// Runs each group of `table` on an account `seeded` afresh: every command through `sent` (which
/// judges its requests and checks its exit), then `assert_sent` for each request it must send.
/// Does nothing where `seeded` gives no account (Prism or the specs are absent).
pub fn assert_each_sends(
    table: &[Commands],
    seeded: fn() -> Option<(ContractServer, Home)>,
    sent: fn(&ContractServer, &Home, &str) -> Vec<String>,
    assert_sent: fn(&[String], &str),
) {
    for commands in table {
        let Some((server, home)) = seeded() else {
            return;
        };
        for (line, requests) in *commands {
            let seen = sent(&server, &home, line);
            for request in *requests {
                assert_sent(&seen, request);
            }
        }
    }
}

/// Writes `entries` into the metadata cache crm keeps for `vendor` at `base_url` with `token`,
/// so names resolve the same way every run whatever Prism answers.
pub fn seed_cache(
    home: &Home,
    (vendor, base_url, token): (&str, &str, &str),
    entries: Vec<(&'static str, serde_json::Value)>,
) {
    let url = format!("{}/", base_url.trim_end_matches('/'));
    let cache = crm::cache::MetaCache::new(
        Some(&home.path().join("cache")),
        &[vendor, &url, token],
        false,
    );
    run(async move {
        for (name, value) in entries {
            let _: serde_json::Value = cache
                .get_or_fetch(name, async move { Ok(value) })
                .await
                .unwrap();
        }
    });
}

/// `crm ARGS` as `vendor`'s account (`token`) at the contract server, with no retries (a retry
/// would hide a violation): what it printed and the requests it sent, after failing the test on
/// any request the vendor's files reject.
pub fn judged(
    server: &ContractServer,
    home: &Home,
    (vendor, token): (&str, &str),
    args: &[&str],
) -> (Run, Vec<SeenRequest>) {
    server.clear();
    let to = To::Env {
        vendor,
        base_url: server.base_url().to_string(),
        token,
    };
    let out = crm(home, to, args).env("CRM_MAX_RETRIES", "0").run_sync();
    let violations = server.request_violations();
    assert!(
        violations.is_empty(),
        "crm {args:?} sent requests the {vendor} files reject:\n{violations:#?}\nstderr: {}",
        out.stderr
    );
    (out, server.requests())
}

/// [`judged`], failing unless crm exited `code`: a command that stops early would leave its later
/// requests unsent and unjudged, so every contract test says how the command must end.
pub fn judged_exit(
    server: &ContractServer,
    home: &Home,
    account: (&str, &str),
    args: &[&str],
    code: i32,
) -> Vec<SeenRequest> {
    let (out, requests) = judged(server, home, account, args);
    assert_eq!(
        out.code,
        code,
        "crm {args:?} exited {} after sending {:#?}\nstderr: {}",
        out.code,
        method_and_path(&requests),
        out.stderr
    );
    requests
}

/// A contract server from `start` and a fresh home whose metadata cache `seed` fills for it
/// (given the home and the server's base URL): where a suite's tests begin.
pub fn seeded_with(
    start: fn() -> Option<ContractServer>,
    seed: impl FnOnce(&Home, &str),
) -> Option<(ContractServer, Home)> {
    let server = start()?;
    let home = Home::new();
    seed(&home, server.base_url());
    Some((server, home))
}

/// Requests as the contract tests list them: "METHOD /path".
pub fn method_and_path(requests: &[SeenRequest]) -> Vec<String> {
    requests
        .iter()
        .map(|r| format!("{} {}", r.method, r.path))
        .collect()
}
