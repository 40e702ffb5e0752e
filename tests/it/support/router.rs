//! The in-test router: the single base URL the CLI talks to. It forwards each
//! request to the Prism serving that path (stripping a version prefix where
//! Prism serves the file's paths without the server's path), records the
//! request and Prism's verdict, and hands Prism's answer back unchanged, unless the test
//! scripted the answer to that method and path ([`Scripted`], mock mode only): Prism still
//! judges the request, and only a request it accepts gets the scripted answer. Prism's own
//! answers are schema-shaped but arbitrary (HubSpot's deal examples lack the required `id`), so
//! a command that reads one may stop before its later requests; scripting the answers lets the
//! whole command run, so that every request it sends is judged.
//!
//! Routers are cheap (one per test); the Prism processes behind them are not
//! (shared per test binary in mock mode).

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode};
use axum::response::Response;

use super::allow_list::{self, Allowance, RequestParts};
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

/// An answer a test gives in place of Prism's to `method path` (exact path, no query).
#[derive(Debug, Clone)]
pub struct Scripted {
    pub method: String,
    pub path: String,
    pub status: u16,
    pub body: serde_json::Value,
}

pub struct RouterState {
    pub table: RouteTable,
    pub record: Mutex<Record>,
    pub scripted: Mutex<Vec<Scripted>>,
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
            scripted: Mutex::new(Vec::new()),
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
    let mut upstream_headers = copy_headers(headers);
    // Prism sends the upstream its own address as `Host`; an upstream that writes absolute links
    // (Sell's `next_page`) builds them from the host the CLI addressed, given here.
    if let Some(host) = headers.get("host") {
        upstream_headers.insert("x-forwarded-host", host.clone());
    }
    let resp = state
        .client
        .request(req.method.clone(), &url)
        .headers(upstream_headers)
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

/// Prism's verdict on one answer, with the allow-list applied.
struct Verdict {
    request: Vec<RawViolation>,
    response: Vec<RawViolation>,
    excused: Vec<(&'static Allowance, RawViolation)>,
}

/// `sent`: what the CLI sent; excuses are judged against that, never against
/// a repaired copy.
fn judge(state: &RouterState, answer: &Answer, sent: &RequestParts) -> Verdict {
    let found = extract(
        answer.status,
        &answer.headers,
        &answer.body,
        state.table.mock,
    );
    let (request_side, response): (Vec<_>, Vec<_>) =
        found.into_iter().partition(RawViolation::is_request);
    let mut verdict = Verdict {
        request: Vec::new(),
        response,
        excused: Vec::new(),
    };
    for v in request_side {
        match allow_list::find(state.table.vendor, sent, &v) {
            Some(entry) => verdict.excused.push((entry, v)),
            None => verdict.request.push(v),
        }
    }
    verdict
}

/// Forwards one request; in mock mode, when Prism rejected it only for
/// excused reasons, asks again with the request repaired (see `allow_list`).
async fn exchange(
    state: &RouterState,
    backend: &Backend,
    forwarded: &str,
    sent: &RequestParts,
    headers: &HeaderMap,
) -> Result<(Answer, Verdict), String> {
    let answer = send(state, backend, forwarded, sent, headers).await?;
    let verdict = judge(state, &answer, sent);
    let retry = state.table.mock
        && !answer.status.is_success()
        && verdict.request.is_empty()
        && !verdict.excused.is_empty();
    if !retry {
        return Ok((answer, verdict));
    }
    let mut repaired = sent.clone();
    for (entry, v) in &verdict.excused {
        (entry.repair)(&mut repaired, v);
    }
    let answer = send(state, backend, forwarded, &repaired, headers).await?;
    let mut second = judge(state, &answer, sent);
    // The first answer's response entries were about Prism's rejection, not the CLI.
    second.excused.splice(0..0, verdict.excused);
    Ok((answer, second))
}

async fn forward(State(state): State<Arc<RouterState>>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let body = axum::body::to_bytes(body, MAX_BODY)
        .await
        .map(|b| b.to_vec())
        .unwrap_or_default();
    let sent = RequestParts {
        method: parts.method.clone(),
        path: parts.uri.path().to_string(),
        query: parts.uri.query().map(str::to_string),
        body,
    };
    let method = sent.method.to_string();
    let path = sent.path.clone();
    let mut backend_label = "none".to_string();

    let runaway = state.record().requests.len() >= MAX_REQUESTS;
    let (answer, verdict) = match state.table.resolve(&sent.path) {
        _ if runaway => harness_failure(
            StatusCode::LOOP_DETECTED,
            "runaway",
            format!(
                "more than {MAX_REQUESTS} requests through one contract server: is the CLI \
                following the mock's endless next page?"
            ),
        ),
        None => harness_failure(
            StatusCode::NOT_FOUND,
            "no-route",
            format!(
                "no {} route in the contract harness serves this path",
                state.table.vendor
            ),
        ),
        Some((backend, forwarded)) => {
            backend_label = backend.label.clone();
            match exchange(&state, backend, &forwarded, &sent, &parts.headers).await {
                Ok((answer, verdict)) => (script(&state, &method, &path, answer), verdict),
                Err(e) => harness_failure(StatusCode::BAD_GATEWAY, "harness", e),
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
        let tie = |v: &RawViolation| v.tie(&method, &path);
        let mut record = state.record();
        record
            .request_violations
            .extend(verdict.request.iter().map(tie));
        record
            .response_violations
            .extend(verdict.response.iter().map(tie));
        record
            .allowed
            .extend(verdict.excused.iter().map(|(entry, v)| AllowedViolation {
                id: entry.id,
                violation: tie(v),
            }));
        record.requests.push(SeenRequest {
            method: method.clone(),
            path: path.clone(),
            query: sent.query,
            headers: headers_seen,
            body: sent.body,
            status: answer.status.as_u16(),
            backend: backend_label,
        });
    }

    let mut response = Response::new(Body::from(answer.body));
    *response.status_mut() = answer.status;
    *response.headers_mut() = copy_headers(&answer.headers);
    response
}

/// The scripted answer for `method path`, in place of a 2xx mock answer (a request Prism
/// refused keeps Prism's refusal).
fn script(state: &RouterState, method: &str, path: &str, answer: Answer) -> Answer {
    if !state.table.mock || !answer.status.is_success() {
        return answer;
    }
    let scripted = state.scripted.lock().unwrap_or_else(|e| e.into_inner());
    let Some(s) = scripted
        .iter()
        .rev()
        .find(|s| s.method == method && s.path == path)
    else {
        return answer;
    };
    let mut headers = HeaderMap::new();
    headers.insert(
        HeaderName::from_static("content-type"),
        HeaderValue::from_static("application/json"),
    );
    Answer {
        status: StatusCode::from_u16(s.status).unwrap_or(StatusCode::OK),
        headers,
        body: if s.body.is_null() {
            Vec::new()
        } else {
            s.body.to_string().into_bytes()
        },
    }
}

/// The harness itself refuses the request: a request violation, and an answer
/// the CLI will treat as an error.
fn harness_failure(status: StatusCode, code: &str, message: String) -> (Answer, Verdict) {
    let answer = harness_error(status, &message);
    let verdict = Verdict {
        request: vec![RawViolation {
            location: vec!["request".into()],
            code: code.into(),
            severity: "Error".into(),
            message,
        }],
        response: Vec::new(),
        excused: Vec::new(),
    };
    (answer, verdict)
}
