//! The layer every request goes through: latency, authentication, the rate
//! limit, injected 5xx, the state file's transaction around the handler, and the
//! body faults (reset, truncation, trickling).

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use super::control::Stats;
use super::db::Persist;
use super::{errors, pipedrive, RateLimit, SandboxVendor, ServeArgs};

pub(crate) struct Ctx {
    vendor: SandboxVendor,
    latency: Duration,
    fail_rate: f64,
    reset_rate: f64,
    truncate_rate: f64,
    slow_body: Duration,
    dice: Mutex<StdRng>,
    limiter: Option<Mutex<Limiter>>,
    burst: Option<Mutex<Rolling>>,
    state: Arc<Persist>,
    stats: Arc<Stats>,
}

impl Ctx {
    pub(crate) fn new(args: &ServeArgs, state: Arc<Persist>, stats: Arc<Stats>) -> Self {
        Ctx {
            vendor: args.vendor,
            latency: Duration::from_millis(args.latency_ms),
            fail_rate: args.fail_rate,
            reset_rate: args.reset_rate,
            truncate_rate: args.truncate_rate,
            slow_body: Duration::from_millis(args.slow_body_ms),
            dice: Mutex::new(StdRng::seed_from_u64(args.seed ^ 0x5eed_fa17)),
            limiter: args.rate_limit.map(|rl| Mutex::new(Limiter::new(rl))),
            burst: args.burst.map(|rl| Mutex::new(Rolling::new(rl))),
            state,
            stats,
        }
    }

    fn roll(&self, rate: f64) -> bool {
        rate > 0.0
            && self
                .dice
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .gen::<f64>()
                < rate
    }

    fn pick<T: Copy>(&self, items: &[T]) -> T {
        let i = self
            .dice
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .gen_range(0..items.len());
        items[i]
    }
}

/// A fixed window: `max` units from the window's first request until `window` has passed.
struct Limiter {
    limit: RateLimit,
    start: Instant,
    used: u32,
}

struct Quota {
    max: u32,
    remaining: u32,
    reset_in: Duration,
    window: Duration,
}

impl Limiter {
    fn new(limit: RateLimit) -> Self {
        Limiter {
            limit,
            start: Instant::now(),
            used: 0,
        }
    }

    fn take(&mut self, cost: u32) -> Result<Quota, Quota> {
        let now = Instant::now();
        if now.duration_since(self.start) >= self.limit.window {
            self.start = now;
            self.used = 0;
        }
        let ok = self.used + cost <= self.limit.max;
        if ok {
            self.used += cost;
        }
        let quota = Quota {
            max: self.limit.max,
            remaining: self.limit.max - self.used,
            reset_in: self
                .limit
                .window
                .saturating_sub(now.duration_since(self.start)),
            window: self.limit.window,
        };
        if ok {
            Ok(quota)
        } else {
            Err(quota)
        }
    }
}

/// A rolling window: at most `max` requests in any `window` (Pipedrive's burst limit).
struct Rolling {
    limit: RateLimit,
    spent: VecDeque<(Instant, u32)>,
}

impl Rolling {
    fn new(limit: RateLimit) -> Self {
        Rolling {
            limit,
            spent: VecDeque::new(),
        }
    }

    /// Whether `cost` fits now, and the quota it would leave (or, refused, when it will fit).
    fn check(&mut self, cost: u32, now: Instant) -> (bool, Quota) {
        let window = self.limit.window;
        while self
            .spent
            .front()
            .is_some_and(|&(at, _)| now.duration_since(at) >= window)
        {
            self.spent.pop_front();
        }
        let used: u32 = self.spent.iter().map(|&(_, c)| c).sum();
        let ok = used + cost <= self.limit.max;
        let reset_in = if ok {
            self.spent
                .front()
                .map_or(window, |&(at, _)| window.saturating_sub(now - at))
        } else {
            // The time until enough of the oldest charges leave the window.
            let mut left = used;
            let mut at_fit = window;
            for &(at, c) in &self.spent {
                left -= c;
                if left + cost <= self.limit.max {
                    at_fit = window.saturating_sub(now - at);
                    break;
                }
            }
            at_fit
        };
        let quota = Quota {
            max: self.limit.max,
            remaining: self.limit.max
                - if ok {
                    used + cost
                } else {
                    used.min(self.limit.max)
                },
            reset_in,
            window,
        };
        (ok, quota)
    }

    fn commit(&mut self, cost: u32, now: Instant) {
        self.spent.push_back((now, cost));
    }
}

fn authorized(vendor: SandboxVendor, headers: &HeaderMap) -> bool {
    let bearer = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .is_some_and(|t| !t.trim().is_empty());
    match vendor {
        SandboxVendor::Pipedrive => {
            bearer
                || headers
                    .get("x-api-token")
                    .and_then(|v| v.to_str().ok())
                    .is_some_and(|t| !t.trim().is_empty())
        }
        _ => bearer,
    }
}

fn set(headers: &mut HeaderMap, name: &'static str, value: impl ToString) {
    if let Ok(v) = HeaderValue::from_str(&value.to_string()) {
        headers.insert(name, v);
    }
}

fn quota_headers(vendor: SandboxVendor, q: &Quota, headers: &mut HeaderMap) {
    let reset_secs = q.reset_in.as_millis().div_ceil(1000).max(1);
    match vendor {
        SandboxVendor::Hubspot => {
            set(headers, "x-hubspot-ratelimit-max", q.max);
            set(headers, "x-hubspot-ratelimit-remaining", q.remaining);
            set(
                headers,
                "x-hubspot-ratelimit-interval-milliseconds",
                q.window.as_millis(),
            );
        }
        SandboxVendor::Pipedrive | SandboxVendor::Sell => {
            set(headers, "x-ratelimit-limit", q.max);
            set(headers, "x-ratelimit-remaining", q.remaining);
            set(headers, "x-ratelimit-reset", reset_secs);
        }
    }
}

/// `--latency-ms` is the least time from a request's arrival to its answer, the sandbox's own
/// work included, so a benchmark measures the client against the vendor's round trip and not
/// the emulator's speed.
pub(crate) async fn layer(State(ctx): State<Arc<Ctx>>, req: Request, next: Next) -> Response {
    let arrived = tokio::time::Instant::now();
    Stats::count(&ctx.stats.requests);
    let cost = cost(&ctx, &req);
    let answer = answer(&ctx, req, next, cost).await;
    wait_until(arrived + ctx.latency).await;
    match answer {
        Ok(resp) => {
            if ctx.vendor == SandboxVendor::Pipedrive {
                let tokens = &ctx.stats.tokens;
                tokens.fetch_add(cost.into(), std::sync::atomic::Ordering::Relaxed);
            }
            body_faults(&ctx, resp).await
        }
        Err(refused) => refused,
    }
}

/// Tokio's timer counts whole milliseconds and rounds a deadline up, so its sleeps end up to
/// ~2 ms late: 4 % of a 50 ms latency, which a benchmark would charge to the client. The timer
/// sleeps to within two milliseconds of the deadline; the task yields its way through the rest,
/// timed by the system's clock (tokio's may be paused in a test and would never get there).
async fn wait_until(deadline: tokio::time::Instant) {
    const TIMER_SLACK: Duration = Duration::from_millis(2);
    let now = tokio::time::Instant::now();
    if deadline <= now {
        return;
    }
    if deadline - now > TIMER_SLACK {
        tokio::time::sleep_until(deadline - TIMER_SLACK).await;
    }
    let left = deadline.saturating_duration_since(tokio::time::Instant::now());
    let until = Instant::now() + left;
    while Instant::now() < until {
        tokio::task::yield_now().await;
    }
}

/// What a request costs the vendor's limits: Pipedrive's token cost, one request elsewhere.
fn cost(ctx: &Ctx, req: &Request) -> u32 {
    match ctx.vendor {
        SandboxVendor::Pipedrive => pipedrive::token_cost(req.method(), req.uri().path()),
        _ => 1,
    }
}

/// The answer, or (as `Err`) a refusal that no body fault touches: 401, 429.
async fn answer(ctx: &Ctx, req: Request, next: Next, cost: u32) -> Result<Response, Response> {
    let vendor = ctx.vendor;
    if !authorized(vendor, req.headers()) {
        return Err(errors::unauthorized(vendor));
    }
    let quota = match rate_limits(ctx, cost) {
        Ok(q) => q,
        Err(q) => {
            Stats::count(&ctx.stats.throttled);
            let mut resp = errors::rate_limited(vendor);
            quota_headers(vendor, &q, resp.headers_mut());
            let secs = q.reset_in.as_millis().div_ceil(1000).max(1);
            set(resp.headers_mut(), "retry-after", secs);
            return Err(resp);
        }
    };
    let write = !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    let mut resp = if ctx.roll(ctx.fail_rate) {
        Stats::count(&ctx.stats.failed);
        let status = ctx.pick(&[
            StatusCode::INTERNAL_SERVER_ERROR,
            StatusCode::BAD_GATEWAY,
            StatusCode::SERVICE_UNAVAILABLE,
        ]);
        if write && ctx.roll(0.5) {
            // The write happens (and is committed), the client is told it failed: "outcome
            // unknown".
            let _ = handle(ctx, req, next, write).await;
        }
        errors::injected(vendor, status)
    } else {
        match handle(ctx, req, next, write).await {
            Ok(resp) => resp,
            Err(e) => {
                return Ok(errors::error(
                    vendor,
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "INTERNAL_ERROR",
                    &e,
                ))
            }
        }
    };
    if let Some(q) = &quota {
        quota_headers(vendor, q, resp.headers_mut());
    }
    Ok(resp)
}

/// Runs the handler on the store brought up to date with the state file and, for a write,
/// inside one transaction of it, committed before the answer leaves. (POSTs that only read,
/// such as searches, take the same path and write nothing.)
async fn handle(ctx: &Ctx, req: Request, next: Next, write: bool) -> Result<Response, String> {
    if ctx.state.is_memory() {
        return Ok(next.run(req).await);
    }
    // The whole body first, so that no transaction waits on the network.
    let (parts, body) = req.into_parts();
    let body = axum::body::to_bytes(body, usize::MAX)
        .await
        .map_err(|e| format!("reading the request: {e}"))?;
    let req = Request::from_parts(parts, Body::from(body));
    let session = ctx.state.enter(write).await?;
    let resp = next.run(req).await;
    session.finish().await?;
    Ok(resp)
}

/// Charges the request to the burst window and the fixed window (only when both have room):
/// the quota the headers describe (the burst window's, if any), or as `Err` the refusing one's.
/// The burst window counts requests, as Pipedrive's does ("20 requests per 2 seconds per
/// api_token" on its lowest plan, https://pipedrive.readme.io/docs/core-api-concepts-rate-limiting);
/// the fixed window counts Pipedrive's token costs, its daily budget.
fn rate_limits(ctx: &Ctx, cost: u32) -> Result<Option<Quota>, Quota> {
    if ctx.limiter.is_none() && ctx.burst.is_none() {
        return Ok(None);
    }
    const ONE_REQUEST: u32 = 1;
    let now = Instant::now();
    let mut burst = ctx
        .burst
        .as_ref()
        .map(|b| b.lock().unwrap_or_else(|p| p.into_inner()));
    let burst_quota = match burst.as_mut().map(|b| b.check(ONE_REQUEST, now)) {
        Some((false, q)) => return Err(q),
        Some((true, q)) => Some(q),
        None => None,
    };
    let fixed_quota = match &ctx.limiter {
        Some(l) => Some(l.lock().unwrap_or_else(|p| p.into_inner()).take(cost)?),
        None => None,
    };
    if let Some(b) = burst.as_mut() {
        b.commit(ONE_REQUEST, now);
    }
    Ok(burst_quota.or(fixed_quota))
}

async fn body_faults(ctx: &Ctx, resp: Response) -> Response {
    let reset = ctx.roll(ctx.reset_rate);
    let truncate = !reset && ctx.roll(ctx.truncate_rate);
    if !reset && !truncate && ctx.slow_body.is_zero() {
        return resp;
    }
    let (mut parts, body) = resp.into_parts();
    let bytes = match axum::body::to_bytes(body, usize::MAX).await {
        Ok(b) => b,
        Err(_) => Bytes::new(),
    };
    if bytes.is_empty() {
        // Nothing to cut or trickle (204 and the like).
        return Response::from_parts(parts, Body::empty());
    }
    if reset {
        Stats::count(&ctx.stats.reset);
    } else if truncate {
        Stats::count(&ctx.stats.truncated);
    }
    if truncate {
        parts.headers.remove(header::CONTENT_LENGTH);
        return Response::from_parts(parts, Body::from(bytes.slice(..bytes.len() / 2)));
    }
    // Announce the whole length, so a client notices a body that stops short.
    set(&mut parts.headers, "content-length", bytes.len());
    let pieces: Vec<Bytes> = if reset {
        vec![bytes.slice(..bytes.len() / 2)]
    } else {
        let step = bytes.len().div_ceil(10).max(1);
        (0..bytes.len())
            .step_by(step)
            .map(|i| bytes.slice(i..(i + step).min(bytes.len())))
            .collect()
    };
    let delay = ctx.slow_body;
    let stream = futures::stream::unfold(
        (pieces.into_iter(), reset),
        move |(mut it, reset)| async move {
            match it.next() {
                Some(piece) => {
                    if !delay.is_zero() {
                        tokio::time::sleep(delay).await;
                    }
                    Some((Ok::<Bytes, std::io::Error>(piece), (it, reset)))
                }
                None if reset => {
                    // Let the headers and the first half go out before the connection drops.
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    let reset = std::io::Error::new(
                        std::io::ErrorKind::ConnectionReset,
                        "sandbox: connection reset",
                    );
                    Some((Err(reset), (it, false)))
                }
                None => None,
            }
        },
    );
    Response::from_parts(parts, Body::from_stream(stream))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Pipedrive's burst limit is a rolling window: at 1.15 s into a 1 s window, the charge made
    /// at 0 has left it but the one made at 0.5 s has not (a fixed window would have emptied).
    #[test]
    fn the_burst_window_rolls() {
        let mut w = Rolling::new("25/1s".parse().unwrap());
        let t0 = Instant::now();
        let at = |ms: u64| t0 + Duration::from_millis(ms);
        for ms in [0, 500] {
            let (ok, _) = w.check(10, at(ms));
            assert!(ok, "{ms} ms");
            w.commit(10, at(ms));
        }
        let (ok, quota) = w.check(10, at(600));
        assert!(!ok);
        assert_eq!(
            quota.reset_in,
            Duration::from_millis(400),
            "the first charge leaves"
        );
        let (ok, quota) = w.check(10, at(1150));
        assert!(ok, "the charge at 0 has left the window");
        assert_eq!(quota.remaining, 5);
        w.commit(10, at(1150));
        let (ok, _) = w.check(10, at(1200));
        assert!(!ok, "the charges at 0.5 s and 1.15 s are still in it");
    }
}
