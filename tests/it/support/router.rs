//! The in-test router: the single base URL the CLI talks to. It forwards each
//! request to the Prism serving that path (stripping a version prefix where
//! Prism serves the file's paths without the server's path), records the
//! request and Prism's verdict, and hands Prism's answer back unchanged.
//!
//! Routers are cheap (one per test); the Prism processes behind them are not
//! (shared per test binary in mock mode).

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode};
use axum::response::Response;

use super::allow_list::{self, RequestParts};
use super::violations::{extract, RawViolation, Violation};

/// Requests bigger than this are a bug in the CLI, not something to forward.
const MAX_BODY: usize = 16 * 1024 * 1024;

/// More requests than this through one router means a runaway loop: every
/// list answer of the mocks announces a next page (HubSpot `paging.next`,
/// Pipedrive `next_cursor`, Sell `links.next_page`), so a CLI that follows
/// pages without a limit never stops. Further requests get a 508.
pub const MAX_REQUESTS: usize = 200;

/// One path prefix of a route set. Segments of `prefix` equal to `*` match
/// any one segment; the first route whose prefix matches wins.
#[derive(Debug, Clone)]
pub struct Route {
    pub prefix: &'static str,
    /// Remove the matched prefix before forwarding (Pipedrive's `/api/v2`, `/v1`).
    pub strip: bool,
    /// Index into `RouteTable::backends`.
    pub backend: usize,
}

#[derive(Debug, Clone)]
pub struct Backend {
    pub label: String,
    pub addr: SocketAddr,
}

#[derive(Debug, Clone)]
pub struct RouteTable {
    /// Route-set name used by the allow-list: `hubspot`, `pipedrive`, `sell`.
    pub vendor: &'static str,
    /// `true` for `prism mock`, `false` for `prism proxy`.
    pub mock: bool,
    pub routes: Vec<Route>,
    pub backends: Vec<Backend>,
}

impl RouteTable {
    /// The backend for `path` and the path Prism should see.
    pub fn resolve(&self, path: &str) -> Option<(&Backend, String)> {
        let segs: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        self.routes.iter().find_map(|r| {
            let pat: Vec<&str> = r.prefix.split('/').filter(|s| !s.is_empty()).collect();
            let hit =
                pat.len() <= segs.len() && pat.iter().zip(&segs).all(|(p, s)| *p == "*" || p == s);
            if !hit {
                return None;
            }
            let forwarded = if r.strip {
                format!("/{}", segs[pat.len()..].join("/"))
            } else {
                path.to_string()
            };
            Some((&self.backends[r.backend], forwarded))
        })
    }
}

/// One request the router saw.
#[derive(Debug, Clone)]
pub struct SeenRequest {
    pub method: String,
    /// As the CLI sent it, without the query.
    pub path: String,
    pub query: Option<String>,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// What the CLI got back.
    pub status: u16,
    /// The Prism that answered (`mock deals…json`), or `none`.
    pub backend: String,
}

impl SeenRequest {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn body_json(&self) -> Option<serde_json::Value> {
        serde_json::from_slice(&self.body).ok()
    }
}

/// A violation excused by an allow-list entry.
#[derive(Debug, Clone)]
pub struct AllowedViolation {
    pub id: &'static str,
    pub violation: Violation,
}

#[derive(Debug, Default)]
pub struct Record {
    pub requests: Vec<SeenRequest>,
    pub request_violations: Vec<Violation>,
    pub response_violations: Vec<Violation>,
    pub allowed: Vec<AllowedViolation>,
}

pub struct RouterState {
    pub table: RouteTable,
    pub record: Mutex<Record>,
    client: reqwest::Client,
}

impl RouterState {
    pub fn new(table: RouteTable) -> Arc<RouterState> {
        let client = reqwest::Client::builder()
            .no_proxy()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(std::time::Duration::from_secs(60))
            .build()
            .expect("reqwest client");
        Arc::new(RouterState {
            table,
            record: Mutex::new(Record::default()),
            client,
        })
    }

    pub fn record(&self) -> std::sync::MutexGuard<'_, Record> {
        self.record.lock().unwrap_or_else(|e| e.into_inner())
    }
}

pub fn app(state: Arc<RouterState>) -> axum::Router {
    axum::Router::new().fallback(forward).with_state(state)
}

struct Answer {
    status: StatusCode,
    headers: HeaderMap,
    body: Vec<u8>,
}

const HOP_BY_HOP: &[&str] = &[
    "host",
    "connection",
    "keep-alive",
    "transfer-encoding",
    "content-length",
    "upgrade",
    "te",
    "trailer",
    "proxy-connection",
];

fn copy_headers(from: &HeaderMap) -> HeaderMap {
    let mut out = HeaderMap::new();
    for (k, v) in from {
        if !HOP_BY_HOP.contains(&k.as_str()) {
            out.append(k.clone(), v.clone());
        }
    }
    out
}

async fn send(
    state: &RouterState,
    backend: &Backend,
    forwarded_path: &str,
    req: &RequestParts,
    headers: &HeaderMap,
) -> Result<Answer, String> {
    let mut url = format!("http://{}{}", backend.addr, forwarded_path);
    if let Some(q) = &req.query {
        url.push('?');
        url.push_str(q);
    }
    let resp = state
        .client
        .request(req.method.clone(), &url)
        .headers(copy_headers(headers))
        .body(req.body.clone())
        .send()
        .await
        .map_err(|e| format!("forwarding to {}: {e}", backend.label))?;
    let status = resp.status();
    let headers = resp.headers().clone();
    let body = resp
        .bytes()
        .await
        .map_err(|e| format!("reading from {}: {e}", backend.label))?;
    Ok(Answer {
        status,
        headers,
        body: body.to_vec(),
    })
}

fn harness_error(status: StatusCode, message: &str) -> Answer {
    let body = serde_json::json!({
        "type": "about:blank#crm-contract-harness",
        "title": "contract harness",
        "status": status.as_u16(),
        "detail": message,
    });
    let mut headers = HeaderMap::new();
    headers.insert(
        HeaderName::from_static("content-type"),
        HeaderValue::from_static("application/problem+json"),
    );
    Answer {
        status,
        headers,
        body: body.to_string().into_bytes(),
    }
}

async fn forward(State(state): State<Arc<RouterState>>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let body = axum::body::to_bytes(body, MAX_BODY)
        .await
        .map(|b| b.to_vec())
        .unwrap_or_default();
    let original = RequestParts {
        method: parts.method.clone(),
        path: parts.uri.path().to_string(),
        query: parts.uri.query().map(str::to_string),
        body,
    };
    let method = original.method.to_string();
    let path = original.path.clone();
    let mut request_violations: Vec<Violation> = Vec::new();
    let mut response_violations: Vec<Violation> = Vec::new();
    let mut allowed: Vec<AllowedViolation> = Vec::new();
    let mut backend_label = "none".to_string();

    let runaway = state.record().requests.len() >= MAX_REQUESTS;
    let answer = match state.table.resolve(&original.path) {
        _ if runaway => {
            let v = RawViolation {
                location: vec!["request".into()],
                code: "runaway".into(),
                severity: "Error".into(),
                message: format!(
                    "more than {MAX_REQUESTS} requests through one contract server: \
                     is the CLI following the mock's endless next page?"
                ),
            };
            request_violations.push(v.tie(&method, &path));
            harness_error(StatusCode::LOOP_DETECTED, &v.message)
        }
        None => {
            let v = RawViolation {
                location: vec!["request".into()],
                code: "no-route".into(),
                severity: "Error".into(),
                message: format!(
                    "no {} route in the contract harness serves this path",
                    state.table.vendor
                ),
            };
            request_violations.push(v.tie(&method, &path));
            harness_error(StatusCode::NOT_FOUND, &v.message)
        }
        Some((backend, forwarded)) => {
            backend_label = backend.label.clone();
            let mut answer = send(&state, backend, &forwarded, &original, &parts.headers).await;
            let mut repaired = original.clone();
            let mut retried = false;
            loop {
                let a = match &answer {
                    Ok(a) => a,
                    Err(e) => {
                        let v = RawViolation {
                            location: vec!["request".into()],
                            code: "harness".into(),
                            severity: "Error".into(),
                            message: e.clone(),
                        };
                        request_violations.push(v.tie(&method, &path));
                        break harness_error(StatusCode::BAD_GATEWAY, e);
                    }
                };
                let found = extract(a.status, &a.headers, &a.body, state.table.mock);
                let (req_side, resp_side): (Vec<_>, Vec<_>) =
                    found.into_iter().partition(RawViolation::is_request);
                response_violations.extend(resp_side.iter().map(|v| v.tie(&method, &path)));
                let mut excused = Vec::new();
                for v in req_side {
                    // Judge against what the CLI sent, not the repaired copy.
                    match allow_list::find(state.table.vendor, &original, &v) {
                        Some(entry) => excused.push((entry, v)),
                        None => request_violations.push(v.tie(&method, &path)),
                    }
                }
                let needs_retry = state.table.mock
                    && !retried
                    && !excused.is_empty()
                    && request_violations.is_empty()
                    && !a.status.is_success();
                for (entry, v) in &excused {
                    if needs_retry {
                        (entry.repair)(&mut repaired, v);
                    }
                    allowed.push(AllowedViolation {
                        id: entry.id,
                        violation: v.tie(&method, &path),
                    });
                }
                if !needs_retry {
                    break answer.expect("checked above");
                }
                retried = true;
                // Response-side entries of the rejected answer say nothing about the CLI.
                response_violations.clear();
                answer = send(&state, backend, &forwarded, &repaired, &parts.headers).await;
            }
        }
    };

    let headers_seen = parts
        .headers
        .iter()
        .map(|(k, v)| {
            (
                k.to_string(),
                String::from_utf8_lossy(v.as_bytes()).into_owned(),
            )
        })
        .collect();
    {
        let mut record = state.record();
        record.requests.push(SeenRequest {
            method,
            path,
            query: original.query,
            headers: headers_seen,
            body: original.body,
            status: answer.status.as_u16(),
            backend: backend_label,
        });
        record.request_violations.extend(request_violations);
        record.response_violations.extend(response_violations);
        record.allowed.extend(allowed);
    }

    let mut response = Response::new(Body::from(answer.body));
    *response.status_mut() = answer.status;
    *response.headers_mut() = copy_headers(&answer.headers);
    response
}
