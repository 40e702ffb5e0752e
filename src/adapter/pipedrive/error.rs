//! Pipedrive's answers: `{success: false, error, error_info}` bodies to [`Error`]s, what each
//! request spends of Pipedrive's rate limits, and the burst window it announces in its headers.
//!
//! Pipedrive has two limits (https://pipedrive.readme.io/docs/core-api-concepts-rate-limiting):
//! - a burst limit that counts **requests** per rolling 2-second window per token: 20 / 40 / 80 /
//!   100 / 120 by plan for API tokens, four times that for OAuth tokens, and 10 per 2 s for the
//!   Search API on every plan. `x-ratelimit-limit`, `-remaining` and `-reset` describe that
//!   window in requests. crm charges one request per call to the limiter's `burst` bucket (and to
//!   its `search` bucket for searches), so a run spaces its calls instead of drawing 429s;
//! - a daily budget of tokens, where each endpoint costs its `x-token-cost` (the seeds' numbers).
//!   The daily budget is counted, not waited for: a limiter that waited for it would hang a big
//!   export for up to a day in silence, so crm says on stderr when a run passes it and lets
//!   Pipedrive's own 429 (and its `Retry-After`) decide.

use std::time::Duration;

use reqwest::header::HeaderMap;
use serde_json::Value;

use crate::adapter::error::{header_number, parse_body, status_error, Hints};
use crate::error::Error;
use crate::http::{Charge, Limiter, VendorPolicy};
use crate::model::Vendor;

/// The burst window crm assumes until the first answer's `x-ratelimit-limit` gives the
/// account's real one: the lowest plan's 20 requests per 2 s. It binds only a burst of more than
/// 20 calls before that first answer.
pub const BURST_LIMIT: (u32, Duration) = (20, Duration::from_secs(2));
/// The Search API's own window: 10 requests per 2 s per token on every plan.
pub const SEARCH_LIMIT: (u32, Duration) = (10, Duration::from_secs(2));
/// The daily budget crm assumes: Pipedrive's base of 30,000 tokens a day for one seat of the
/// lowest plan (accounts get that times a plan multiplier times their seats).
pub const DAILY_BUDGET: u64 = 30_000;

/// Whether a call of `tokens` after `spent` ones is the one that reaches the daily budget (so the
/// notice is given once).
pub fn crosses_daily_budget(spent: u64, tokens: u32) -> bool {
    spent < DAILY_BUDGET && spent + u64::from(tokens) >= DAILY_BUDGET
}

/// What one request to `path` spends of the burst windows: one request, whatever its token cost;
/// a search also one of the Search API's window.
pub fn charges(path: &str) -> Vec<Charge> {
    let burst = Charge {
        bucket: "burst",
        cost: 1,
    };
    if path.ends_with("/search") {
        vec![
            burst,
            Charge {
                bucket: "search",
                cost: 1,
            },
        ]
    } else {
        vec![burst]
    }
}

/// Sizes the limiter's windows for a new run, before any answer has told the real burst limit.
pub fn configure(limiter: &Limiter) {
    limiter.configure("burst", BURST_LIMIT.0, BURST_LIMIT.1);
    limiter.configure("search", SEARCH_LIMIT.0, SEARCH_LIMIT.1);
}

/// Whether a token has the form of a Pipedrive API token (40 hex characters); anything else is
/// sent as an OAuth access token.
pub fn is_api_token(token: &str) -> bool {
    token.len() == 40 && token.bytes().all(|b| b.is_ascii_hexdigit())
}

pub struct PipedrivePolicy {
    /// How the token was sent, for the hint after a 401.
    pub api_token: bool,
}

/// `error` plus `error_info`, or the body's text.
fn describe(body: &str) -> String {
    let v = match parse_body(body) {
        Ok(v) => v,
        Err(text) => return text,
    };
    let field = |k: &str| {
        v.get(k)
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|s| !s.is_empty())
    };
    match (field("error"), field("error_info")) {
        (Some(e), Some(i)) => format!("{e} ({i})"),
        (Some(e), None) => e.to_string(),
        (None, Some(i)) => i.to_string(),
        (None, None) => field("message")
            .or_else(|| field("detail"))
            .or_else(|| field("title"))
            .unwrap_or("no details given")
            .to_string(),
    }
}

impl VendorPolicy for PipedrivePolicy {
    fn error(&self, status: u16, _headers: &HeaderMap, body: &str) -> Error {
        let hints = Hints {
            unauthorized: if self.api_token {
                "the token has the form of an API token (40 hex characters) and was sent as \
                     x-api-token: check it under Personal preferences > API, or use an OAuth \
                     access token instead"
            } else {
                "the token is not 40 hex characters, so it was sent as an OAuth bearer token: \
                     an OAuth token may have expired; an API token is exactly 40 hex characters"
            },
            forbidden: "the user or the OAuth app lacks a permission (deals:full for writes)",
        };
        status_error(Vendor::Pipedrive, status, describe(body), hints)
    }

    /// `x-ratelimit-limit` is the burst window's budget in requests; `x-ratelimit-remaining: 0`
    /// pauses the burst bucket until `x-ratelimit-reset` (seconds) when someone else is spending
    /// the budget: crm's own requests are at most half of it. When they are more, the limiter
    /// already waits for them to the millisecond, while the whole-second reset (counted when
    /// the request arrived, read a round trip later) would idle up to a second per window; a
    /// 429 with its `Retry-After` covers what remains.
    fn observe(&self, headers: &HeaderMap, limiter: &Limiter) {
        let number = |name: &str| header_number(headers, name);
        if let Some(max) = number("x-ratelimit-limit") {
            let learned = (max.clamp(1, u32::MAX as u64) as u32, BURST_LIMIT.1);
            if limiter.capacity("burst") != Some(learned) {
                limiter.configure("burst", learned.0, learned.1);
            }
        }
        let others_spending = limiter
            .usage("burst")
            .is_none_or(|(used, capacity)| used <= capacity / 2);
        if number("x-ratelimit-remaining") == Some(0) && others_spending {
            let reset = number("x-ratelimit-reset").unwrap_or(2).min(60);
            limiter.pause("burst", Duration::from_secs(reset.max(1)));
        }
    }

    fn throttled_bucket(&self) -> &'static str {
        "burst"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    #[test]
    fn messages_carry_error_and_error_info() {
        let policy = PipedrivePolicy { api_token: true };
        let body = r#"{"success":false,"error":"Deal not found","error_info":"Please check developers.pipedrive.com","data":null,"additional_data":null}"#;
        let e = policy.error(400, &HeaderMap::new(), body);
        assert_eq!(e.exit_code(), 5);
        assert_eq!(
            e.to_string(),
            "Pipedrive rejected the request (HTTP 400): Deal not found (Please check developers.pipedrive.com)"
        );
        assert_eq!(policy.error(404, &HeaderMap::new(), body).exit_code(), 3);
    }

    #[test]
    fn a_401_hints_at_the_kind_of_token() {
        let api = PipedrivePolicy { api_token: true }.error(401, &HeaderMap::new(), "{}");
        assert_eq!(api.exit_code(), 4);
        assert!(api.hint().unwrap().contains("x-api-token"));
        let oauth = PipedrivePolicy { api_token: false }.error(401, &HeaderMap::new(), "{}");
        assert!(oauth.hint().unwrap().contains("OAuth"));
    }

    #[test]
    fn the_daily_budget_is_announced_once() {
        assert!(!crosses_daily_budget(0, 10));
        assert!(crosses_daily_budget(DAILY_BUDGET - 5, 10));
        assert!(crosses_daily_budget(DAILY_BUDGET - 10, 10));
        assert!(!crosses_daily_budget(DAILY_BUDGET, 10));
    }

    #[test]
    fn token_form() {
        assert!(is_api_token("0123456789abcdef0123456789ABCDEF01234567"));
        assert!(!is_api_token("v1u:AQIBAHj-oauth-token"));
        assert!(!is_api_token("0123456789abcdef0123456789abcdef0123456"));
    }

    #[test]
    fn learns_the_burst_budget_and_pauses_when_spent() {
        let limiter = Limiter::new();
        configure(&limiter);
        let mut h = HeaderMap::new();
        h.insert("x-ratelimit-limit", HeaderValue::from_static("120"));
        PipedrivePolicy { api_token: true }.observe(&h, &limiter);
        assert_eq!(limiter.capacity("burst"), Some((120, BURST_LIMIT.1)));
        assert_eq!(
            limiter.capacity("search"),
            Some(SEARCH_LIMIT),
            "the Search API's window is the same on every plan"
        );
    }

    /// Seconds (of the paused clock) until `n` calls to `path` have all been let through.
    async fn seconds_for(n: usize, path: &str) -> f64 {
        let limiter = Limiter::new();
        configure(&limiter);
        let start = tokio::time::Instant::now();
        for _ in 0..n {
            limiter.acquire(&charges(path)).await;
        }
        start.elapsed().as_secs_f64()
    }

    /// The burst window counts requests: the lowest plan's 20 per 2 s let 20 list pages (10
    /// tokens each) go at once; charging tokens allowed only 8 per 2 s.
    #[tokio::test(start_paused = true)]
    async fn the_burst_window_counts_requests_not_tokens() {
        assert_eq!(seconds_for(20, "/api/v2/deals").await, 0.0);
        let one_more = seconds_for(21, "/api/v2/deals").await;
        assert!(
            (2.0..2.1).contains(&one_more),
            "the 21st waits for the window: {one_more}"
        );
        assert_eq!(seconds_for(10, "/api/v2/deals/search").await, 0.0);
        let eleventh = seconds_for(11, "/api/v2/deals/search").await;
        assert!(
            (2.0..2.1).contains(&eleventh),
            "search has its own 10 per 2 s: {eleventh}"
        );
    }

    /// Waits for one call after a `remaining: 0, reset: 5` answer; returns the seconds waited.
    async fn wait_after_spent_answer(own_requests: u32) -> u64 {
        let limiter = Limiter::new();
        configure(&limiter);
        for _ in 0..own_requests {
            limiter.acquire(&charges("/api/v2/deals")).await;
        }
        let mut h = HeaderMap::new();
        h.insert("x-ratelimit-remaining", HeaderValue::from_static("0"));
        h.insert("x-ratelimit-reset", HeaderValue::from_static("5"));
        PipedrivePolicy { api_token: true }.observe(&h, &limiter);
        let start = tokio::time::Instant::now();
        limiter.acquire(&charges("/api/v2/deals")).await;
        start.elapsed().as_secs()
    }

    #[tokio::test(start_paused = true)]
    async fn a_spent_budget_pauses_only_when_someone_else_spent_it() {
        assert_eq!(
            wait_after_spent_answer(1).await,
            5,
            "another client spent it"
        );
        assert_eq!(
            wait_after_spent_answer(15).await,
            0,
            "mostly crm's own requests: a 429 would say if the window were really full"
        );
        assert_eq!(
            wait_after_spent_answer(BURST_LIMIT.0).await,
            2,
            "crm's own window: to the millisecond, not the whole-second reset"
        );
    }
}
