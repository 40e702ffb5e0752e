//! The one HTTP client: base URL, auth header, timeouts, the retry loop, the limiter, redacted tracing.
//!
//! It knows no vendor: each adapter passes a [`VendorPolicy`] that turns error bodies into
//! [`Error`]s and learns rate limits from response headers.

mod cause;
mod limiter;
pub mod prefetch;
mod retry;
mod trace;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use reqwest::header::{HeaderMap, HeaderName, HeaderValue, CONTENT_TYPE};
use reqwest::Method;
use serde_json::Value;
use url::Url;

pub use cause::CONNECT_TIMEOUT;
pub use limiter::{Charge, Limiter};
use retry::{retry_after, Attempt, Next};
pub use retry::{Deadline, RetryPolicy};
pub use trace::Trace;

use crate::error::{Error, Result};
use crate::secret::Secret;

/// How the token travels. Always a header, never the URL.
#[derive(Debug, Clone)]
pub enum AuthScheme {
    Bearer,
    Header(&'static str),
}

/// What an adapter tells the client about its vendor.
pub trait VendorPolicy: Send + Sync {
    /// Turns a non-success answer into an error (the vendor's message in it).
    fn error(&self, status: u16, headers: &HeaderMap, body: &str) -> Error;
    /// Learns rate limits from any answer's headers.
    fn observe(&self, _headers: &HeaderMap, _limiter: &Limiter) {}
    /// The limiter bucket a 429 pauses.
    fn throttled_bucket(&self) -> &'static str {
        "default"
    }
}

/// One request as an adapter describes it.
#[derive(Debug, Clone)]
pub struct Request {
    pub method: Method,
    /// Already percent-encoded; build it with [`path`].
    pub path: String,
    pub query: Vec<(String, String)>,
    pub body: Option<Value>,
    /// Safe to send twice (DESIGN §5): decided by the operation, not the HTTP verb.
    pub idempotent: bool,
    pub charges: Vec<Charge>,
    /// Names the record in an "outcome unknown" message.
    pub subject: String,
    /// Headers the caller adds (`crm api -H`); never the auth header, which the client owns.
    pub extra_headers: Vec<(String, String)>,
}

impl Request {
    pub fn new(method: Method, path: String) -> Self {
        let idempotent = matches!(method, Method::GET | Method::PUT | Method::DELETE);
        Request {
            subject: format!("{method} {path}"),
            method,
            path,
            query: Vec::new(),
            body: None,
            idempotent,
            charges: vec![Charge {
                bucket: "default",
                cost: 1,
            }],
            extra_headers: Vec::new(),
        }
    }

    pub fn get(path: String) -> Self {
        Self::new(Method::GET, path)
    }

    pub fn query(mut self, key: &str, value: impl ToString) -> Self {
        self.query.push((key.to_string(), value.to_string()));
        self
    }

    pub fn json(mut self, body: Value) -> Self {
        self.body = Some(body);
        self
    }

    pub fn idempotent(mut self, yes: bool) -> Self {
        self.idempotent = yes;
        self
    }

    pub fn charges(mut self, charges: Vec<Charge>) -> Self {
        self.charges = charges;
        self
    }

    pub fn subject(mut self, subject: impl Into<String>) -> Self {
        self.subject = subject.into();
        self
    }
}

/// Builds a URL path from segments, percent-encoding each one (no path injection).
pub fn path(segments: &[&str]) -> String {
    const SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'_')
        .remove(b'.')
        .remove(b'~');
    let mut out = String::new();
    for segment in segments {
        out.push('/');
        out.extend(percent_encoding::utf8_percent_encode(segment, SEGMENT));
    }
    out
}

#[derive(Debug, Clone)]
pub struct Response {
    pub status: u16,
    pub headers: HeaderMap,
    pub body: Value,
}

/// The final answer of a request as the server gave it, success or refusal (`crm api`): the
/// body untouched, and the error its status means when it is not a success.
#[derive(Debug)]
pub struct RawAnswer {
    pub status: u16,
    pub headers: HeaderMap,
    pub text: String,
    /// What a refusal means (exit code and message), as the vendor's policy reads it.
    pub error: Option<Error>,
}

/// What a request's final answer is handed back as.
enum Answer {
    Json(Response),
    Raw(RawAnswer),
}

/// Everything the client needs to know, gathered once at start-up.
#[derive(Debug, Clone)]
pub struct HttpConfig {
    pub base_url: Url,
    pub token: Secret,
    pub auth: AuthScheme,
    pub timeout: Duration,
    pub retry: RetryPolicy,
    pub trace: Trace,
}

#[derive(Clone)]
pub struct HttpClient {
    client: reqwest::Client,
    config: Arc<HttpConfig>,
    limiter: Arc<Limiter>,
    policy: Arc<dyn VendorPolicy>,
    /// Whether this run already said why it waits (once is enough).
    told_wait: Arc<AtomicBool>,
}

impl HttpClient {
    pub fn new(config: HttpConfig, policy: Arc<dyn VendorPolicy>) -> Result<Self> {
        check_scheme(&config.base_url)?;
        let client = reqwest::Client::builder()
            .connect_timeout(CONNECT_TIMEOUT)
            .timeout(config.timeout)
            .user_agent(concat!("crm/", env!("CARGO_PKG_VERSION")))
            .redirect(same_origin_redirects())
            .build()
            .map_err(Error::internal)?;
        Ok(HttpClient {
            client,
            config: Arc::new(config),
            limiter: Arc::new(Limiter::new()),
            policy,
            told_wait: Arc::new(AtomicBool::new(false)),
        })
    }

    pub fn limiter(&self) -> &Limiter {
        &self.limiter
    }

    /// Spends from the rate windows every crm process using `record` shares (one file per
    /// account), instead of this process's own.
    pub fn share_limits(mut self, record: std::path::PathBuf) -> Self {
        self.limiter = Arc::new(Limiter::shared(record));
        self
    }

    pub fn base_url(&self) -> &Url {
        &self.config.base_url
    }

    pub fn is_dry_run(&self) -> bool {
        self.config.trace.dry_run
    }

    fn url(&self, request: &Request) -> Result<Url> {
        let base = self.config.base_url.as_str().trim_end_matches('/');
        let mut url = Url::parse(&format!("{base}{}", request.path)).map_err(Error::internal)?;
        if !request.query.is_empty() {
            url.query_pairs_mut().extend_pairs(&request.query);
        }
        Ok(url)
    }

    fn headers(&self, request: &Request) -> Result<HeaderMap> {
        let mut headers = HeaderMap::new();
        let token = self.config.token.expose();
        let (name, value) = match self.config.auth {
            AuthScheme::Bearer => (
                reqwest::header::AUTHORIZATION,
                HeaderValue::from_str(&format!("Bearer {token}")),
            ),
            AuthScheme::Header(name) => {
                (HeaderName::from_static(name), HeaderValue::from_str(token))
            }
        };
        let mut value = value.map_err(|_| {
            Error::auth(
                "the token contains characters that cannot go in an HTTP header",
                "check the token for stray spaces or line breaks",
            )
        })?;
        value.set_sensitive(true);
        headers.insert(name, value);
        headers.insert(
            reqwest::header::ACCEPT,
            HeaderValue::from_static("application/json"),
        );
        if request.body.is_some() {
            headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        }
        for (name, value) in &request.extra_headers {
            let bad = || Error::usage(format!("{name:?} is not a valid HTTP header"));
            let name = HeaderName::from_bytes(name.as_bytes()).map_err(|_| bad())?;
            if name == reqwest::header::AUTHORIZATION
                || headers.get(&name).is_some_and(|v| v.is_sensitive())
            {
                return Err(Error::usage_hint(
                    format!("crm sends the {name} header itself"),
                    "the profile's token is used; choose another profile with --profile",
                ));
            }
            let value = HeaderValue::from_str(value).map_err(|_| bad())?;
            headers.insert(name, value);
        }
        Ok(headers)
    }

    /// Sends a request with the retry rules of DESIGN §5 and returns the parsed 2xx answer.
    pub async fn send(&self, request: Request) -> Result<Response> {
        match self.exchange(request, false).await? {
            Answer::Json(response) => Ok(response),
            Answer::Raw(raw) => Err(raw.error.unwrap_or_else(|| Error::internal("raw answer"))),
        }
    }

    /// Sends a request with the same retries, and returns its final answer as it came, a
    /// refusal included (`crm api`: the vendor's body goes to stdout whatever the status).
    /// Throttling, network failures and cross-origin redirects are still errors.
    pub async fn send_raw(&self, request: Request) -> Result<RawAnswer> {
        match self.exchange(request, true).await? {
            Answer::Raw(raw) => Ok(raw),
            Answer::Json(response) => Ok(RawAnswer {
                status: response.status,
                headers: response.headers,
                text: response.body.to_string(),
                error: None,
            }),
        }
    }

    async fn exchange(&self, request: Request, raw: bool) -> Result<Answer> {
        let url = self.url(&request)?;
        let headers = self.headers(&request)?;
        let trace = &self.config.trace;
        if trace.dry_run {
            trace.dry_run_request(&request, &url, &headers)?;
            return Err(Error::DryRunStop(format!(
                "{} {}",
                request.method,
                url.path()
            )));
        }
        let retry = &self.config.retry;
        let host = cause::host(&url);
        let mut attempt = Attempt::default();
        loop {
            if let Some(deadline) = retry.deadline {
                if deadline.remaining().is_zero() {
                    return Err(Failure::Deadline.into_error(&request, &host, retry, &attempt));
                }
            }
            let paced = self.acquire(&request.charges, &url);
            match retry.deadline {
                Some(deadline) => {
                    if tokio::time::timeout(deadline.remaining(), paced)
                        .await
                        .is_err()
                    {
                        return Err(Failure::Deadline.into_error(&request, &host, retry, &attempt));
                    }
                }
                None => paced.await,
            }
            // The last try before the deadline gets only what is left of it.
            let left = retry.deadline.map(|d| d.remaining());
            let timeout = left.map_or(self.config.timeout, |l| l.min(self.config.timeout));
            let cut_by_deadline = left.is_some_and(|l| l < self.config.timeout);
            attempt.tries += 1;
            trace.request(&request, &url, &headers);
            let started = std::time::Instant::now();
            let mut builder = self
                .client
                .request(request.method.clone(), url.clone())
                .headers(headers.clone())
                .timeout(timeout);
            if let Some(body) = &request.body {
                builder = builder.body(body.to_string());
            }
            let outcome = match builder.send().await {
                Ok(response) => {
                    let status = response.status().as_u16();
                    let response_headers = response.headers().clone();
                    self.policy.observe(&response_headers, &self.limiter);
                    match response.bytes().await.map(body_text) {
                        Ok(text) => {
                            trace.response(status, &response_headers, &text, started.elapsed());
                            Received::Answer(status, response_headers, text)
                        }
                        Err(e) if e.is_timeout() && cut_by_deadline => Received::Deadline,
                        Err(e) => Received::Broken(cause::receiving(&e, &host, timeout)),
                    }
                }
                Err(e) if e.is_redirect() => {
                    return Err(Error::usage_hint(
                        format!("{} redirects in a loop: {e}", origin_text(&url)),
                        "check the base URL (CRM_BASE_URL or the profile's base_url)",
                    ))
                }
                Err(e) if e.is_timeout() && !e.is_connect() && cut_by_deadline => {
                    Received::Deadline
                }
                Err(e) => match cause::sending(&e, &host, timeout) {
                    cause::Broken::NotSent(m) => Received::NotSent(m),
                    cause::Broken::AfterSend(m) => Received::Broken(m),
                    cause::Broken::Final(e) => return Err(e),
                },
            };
            let failure = match outcome {
                Received::Answer(status, headers, text) if raw && (200..300).contains(&status) => {
                    return Ok(Answer::Raw(RawAnswer {
                        status,
                        headers,
                        text,
                        error: None,
                    }))
                }
                Received::Answer(status, headers, text) if (200..300).contains(&status) => {
                    match parse_body(&text) {
                        Some(body) => {
                            return Ok(Answer::Json(Response {
                                status,
                                headers,
                                body,
                            }))
                        }
                        None => Failure::AfterSend(format!(
                            "the answer from {host} was not complete JSON"
                        )),
                    }
                }
                Received::Answer(status @ 300..=399, headers, _) => {
                    return Err(redirect_error(status, &headers, &url))
                }
                Received::Answer(429, headers, _) => {
                    let wait = retry_after(&headers);
                    // A wait crm does not sit out ends this request now (below); it must not
                    // hold every other request of the run in the limiter for as long.
                    if let Some(wait) = wait.filter(|w| *w <= retry.max_retry_after) {
                        self.limiter.pause(self.policy.throttled_bucket(), wait);
                    }
                    Failure::Throttled(wait)
                }
                Received::Answer(status @ (500 | 502 | 503 | 504), headers, text) => {
                    Failure::ServerError(status, self.policy.error(status, &headers, &text))
                }
                Received::Answer(status, headers, text) if raw => {
                    let error = Some(self.policy.error(status, &headers, &text));
                    return Ok(Answer::Raw(RawAnswer {
                        status,
                        headers,
                        text,
                        error,
                    }));
                }
                Received::Answer(status, headers, text) => {
                    return Err(self.policy.error(status, &headers, &text))
                }
                Received::NotSent(message) => Failure::NotSent(message),
                Received::Broken(message) => Failure::AfterSend(message),
                Received::Deadline => Failure::Deadline,
            };
            let may_retry = match &failure {
                Failure::Throttled(_) | Failure::NotSent(_) => true,
                Failure::ServerError(..) | Failure::AfterSend(_) => request.idempotent,
                Failure::Deadline => false,
            };
            if !may_retry {
                return Err(failure.into_error(&request, &host, retry, &attempt));
            }
            match attempt.next(retry, failure.wait()) {
                Next::Wait(delay) => {
                    trace.retrying(&failure.describe(&host), delay);
                    if delay > LONG_WAIT {
                        self.say_why_once(&format!(
                            "{}: {}; crm tries again in {:.0} s",
                            origin_text(&url),
                            failure.describe(&host),
                            delay.as_secs_f64().ceil()
                        ));
                    }
                    tokio::time::sleep(delay).await;
                }
                Next::Exhausted => return Err(failure.into_error(&request, &host, retry, &attempt)),
                Next::PastDeadline => {
                    let why = format!(
                        "{} (after {}; the next would pass the command's deadline of {}, \
                         CRM_DEADLINE_SECS)",
                        failure.describe(&host),
                        retry::tries(attempt.tries),
                        cause::secs(retry.deadline.map_or(Duration::ZERO, |d| d.budget)),
                    );
                    return Err(failure.give_up(&request, why));
                }
                Next::TooLong(wait) => {
                    let why = format!(
                        "rate limited by {host} for {}; try after {}",
                        retry::human(wait),
                        retry::after(wait)
                    );
                    return Err(failure.give_up(&request, why));
                }
            }
        }
    }
}

/// A wait longer than this says why on a terminal: a person would otherwise think crm hangs.
const LONG_WAIT: Duration = Duration::from_secs(1);

impl HttpClient {
    /// Waits for the limiter's room for `charges`; past [`LONG_WAIT`], says why (once a run).
    async fn acquire(&self, charges: &[Charge], url: &Url) {
        let acquire = self.limiter.acquire(charges);
        tokio::pin!(acquire);
        tokio::select! {
            () = &mut acquire => return,
            () = tokio::time::sleep(LONG_WAIT) => {}
        }
        let window = charges.iter().find_map(|c| {
            let (used, capacity) = self.limiter.usage(c.bucket)?;
            let (_, window) = self.limiter.capacity(c.bucket)?;
            (used + c.cost > capacity)
                .then(|| format!(" of {capacity} requests per {} s", window.as_secs_f64()))
        });
        self.say_why_once(&format!(
            "waiting for the rate limit{} of {}: crm keeps under it rather than be refused",
            window.unwrap_or_default(),
            origin_text(url)
        ));
        acquire.await;
    }

    fn say_why_once(&self, text: &str) {
        if !self.told_wait.swap(true, Ordering::SeqCst) {
            self.config.trace.waiting(text);
        }
    }
}

enum Received {
    Answer(u16, HeaderMap, String),
    NotSent(String),
    Broken(String),
    /// The request ran out of the command's deadline.
    Deadline,
}

enum Failure {
    Throttled(Option<Duration>),
    NotSent(String),
    ServerError(u16, Error),
    AfterSend(String),
    Deadline,
}

impl Failure {
    fn wait(&self) -> Option<Duration> {
        match self {
            Failure::Throttled(wait) => *wait,
            _ => None,
        }
    }

    fn describe(&self, host: &str) -> String {
        match self {
            Failure::Throttled(_) => format!("rate limited by {host} (429)"),
            Failure::NotSent(m) | Failure::AfterSend(m) => m.clone(),
            // A 5xx is the server failing, not the vendor refusing the request.
            Failure::ServerError(status, e) => {
                let details = match e {
                    Error::Rejected { message, .. } => message.clone(),
                    other => other.to_string(),
                };
                format!("{host} failed with HTTP {status}: {details}")
            }
            Failure::Deadline => format!("no answer from {host}"),
        }
    }

    /// The error after the last try, saying how many tries there were.
    fn into_error(
        self,
        request: &Request,
        host: &str,
        retry: &RetryPolicy,
        attempt: &Attempt,
    ) -> Error {
        let tries = retry::tries(attempt.tries);
        let message = match &self {
            Failure::Throttled(_) => format!("rate limited by {host}: still refused after {tries}"),
            Failure::Deadline if attempt.tries == 0 => format!(
                "the command's deadline of {} passed while waiting for the rate limit of \
                 {host} (CRM_DEADLINE_SECS sets it)",
                cause::secs(retry.deadline.map_or(Duration::ZERO, |d| d.budget))
            ),
            Failure::Deadline => format!(
                "no answer from {host} within the command's deadline of {} ({tries}; \
                 CRM_DEADLINE_SECS sets it)",
                cause::secs(retry.deadline.map_or(Duration::ZERO, |d| d.budget))
            ),
            _ if attempt.tries > 1 => format!("{} (after {tries})", self.describe(host)),
            _ => self.describe(host),
        };
        self.give_up(request, message)
    }

    fn give_up(&self, request: &Request, message: String) -> Error {
        let reached_vendor = matches!(
            self,
            Failure::ServerError(..) | Failure::AfterSend(_) | Failure::Deadline
        );
        Error::Transient {
            message,
            outcome_unknown: (reached_vendor && !request.idempotent)
                .then(|| request.subject.clone()),
        }
    }
}

/// An answer's text. JSON travels as UTF-8 (RFC 8259), checked here in place; other bytes are
/// read with replacement characters, as reqwest's `text()` reads them. `text()` itself reads
/// every answer that way, several times slower than the check on a page of 500 deals, and
/// copies it, on the path between a page and the next request.
fn body_text(bytes: impl Into<Vec<u8>>) -> String {
    // reqwest's `Bytes` gives up its buffer without a copy when the answer came in one piece.
    match String::from_utf8(bytes.into()) {
        Ok(text) => text,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    }
}

fn parse_body(text: &str) -> Option<Value> {
    if text.trim().is_empty() {
        return Some(Value::Null);
    }
    serde_json::from_str(text).ok()
}

/// How many redirects within one origin are followed, as reqwest's own default.
const MAX_REDIRECTS: usize = 10;

/// Redirects are followed within the request's origin (scheme, host and port) only. reqwest's
/// default follows any redirect, to another host or from https to http, and strips only
/// `Authorization` and cookies on the way, so Pipedrive's `x-api-token` would travel along
/// (DESIGN §5: the token never travels to another origin). A redirect elsewhere comes back as
/// the 3xx answer itself, which [`redirect_error`] turns into an error naming the target.
fn same_origin_redirects() -> reqwest::redirect::Policy {
    reqwest::redirect::Policy::custom(|attempt| {
        let same_origin = attempt
            .previous()
            .first()
            .is_some_and(|first| first.origin() == attempt.url().origin());
        if !same_origin {
            attempt.stop()
        } else if attempt.previous().len() > MAX_REDIRECTS {
            attempt.error(format!("more than {MAX_REDIRECTS} redirects"))
        } else {
            attempt.follow()
        }
    })
}

/// A redirect crm did not follow: where it pointed, without its path or query (which may carry
/// anything), and what to check.
fn redirect_error(status: u16, headers: &HeaderMap, from: &Url) -> Error {
    let target = headers
        .get(reqwest::header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|location| from.join(location).ok());
    let message = match &target {
        Some(to) => format!(
            "{} answered {status} with a redirect to {}, another origin: crm does not follow it, \
             so the token is not sent there",
            origin_text(from),
            origin_text(to)
        ),
        None => format!(
            "{} answered {status} (a redirect) without a usable location",
            origin_text(from)
        ),
    };
    Error::usage_hint(
        message,
        "check the base URL (CRM_BASE_URL or the profile's base_url): give the API's own \
         address, with https://",
    )
}

/// `scheme://host[:port]` of a URL, for messages.
fn origin_text(url: &Url) -> String {
    url.origin().ascii_serialization()
}

/// `http://` only to loopback; a token never crosses a network in clear.
fn check_scheme(url: &Url) -> Result<()> {
    match url.scheme() {
        "https" => Ok(()),
        "http" => {
            let loopback = match url.host() {
                Some(url::Host::Domain(d)) => d == "localhost",
                Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
                Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
                None => false,
            };
            if loopback {
                Ok(())
            } else {
                Err(Error::usage_hint(
                    format!("refusing to send a token over plain http to {url}"),
                    "use an https:// base URL (http:// is allowed only for localhost)",
                ))
            }
        }
        other => Err(Error::usage(format!(
            "base URL {url} has scheme {other:?}: expected https://"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_segments_are_encoded() {
        assert_eq!(
            path(&["crm", "v3", "../contacts/1"]),
            "/crm/v3/..%2Fcontacts%2F1"
        );
        assert_eq!(path(&["deals", "1?x=y"]), "/deals/1%3Fx%3Dy");
    }

    #[test]
    fn answers_read_as_text_keep_utf8_and_replace_what_is_not() {
        let deal = "{\"title\":\"Société Générale ✓\"}";
        assert_eq!(body_text(deal), deal);
        let latin1 = b"{\"title\":\"Soci\xe9t\xe9\"}".to_vec();
        assert_eq!(body_text(latin1), "{\"title\":\"Soci\u{fffd}t\u{fffd}\"}");
    }

    #[test]
    fn plain_http_only_to_loopback() {
        assert!(check_scheme(&Url::parse("http://127.0.0.1:9/").unwrap()).is_ok());
        assert!(check_scheme(&Url::parse("http://localhost/").unwrap()).is_ok());
        assert!(check_scheme(&Url::parse("https://api.hubapi.com").unwrap()).is_ok());
        let err = check_scheme(&Url::parse("http://api.hubapi.com").unwrap()).unwrap_err();
        assert_eq!(err.exit_code(), 2);
    }
}
