//! Pipedrive's answers: `{success: false, error, error_info}` bodies to [`Error`]s, token costs,
//! and the rate limit it announces in its headers.
//!
//! Pipedrive meters every call in tokens (each endpoint's `x-token-cost`): a burst budget per
//! rolling 2-second window and a daily budget, both by plan. crm charges each request's cost to
//! the limiter's `burst` bucket, so a run spaces its calls instead of drawing 429s. The daily
//! budget is counted, not waited for: a limiter that waited for it would hang a big export for
//! up to a day in silence, so crm says on stderr when a run passes it and lets Pipedrive's own
//! 429 (and its `Retry-After`) decide.

use std::time::Duration;

use reqwest::header::HeaderMap;
use serde_json::Value;

use crate::error::Error;
use crate::http::{Charge, Limiter, VendorPolicy};
use crate::model::Vendor;

/// The burst window's default budget (the lowest plans' tokens per 2 s) until `x-ratelimit-limit`
/// tells us the account's real one.
pub const BURST_LIMIT: (u32, Duration) = (80, Duration::from_secs(2));
/// The daily budget crm assumes: Pipedrive's base of 30,000 tokens a day for one seat of the
/// lowest plan (accounts get that times a plan multiplier times their seats).
pub const DAILY_BUDGET: u64 = 30_000;

/// Whether a call of `tokens` after `spent` ones is the one that reaches the daily budget (so the
/// notice is given once).
pub fn crosses_daily_budget(spent: u64, tokens: u32) -> bool {
    spent < DAILY_BUDGET && spent + u64::from(tokens) >= DAILY_BUDGET
}

/// What one request spends from the burst window.
pub fn cost(tokens: u32) -> Vec<Charge> {
    vec![Charge {
        bucket: "burst",
        cost: tokens,
    }]
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
    let Ok(v) = serde_json::from_str::<Value>(body) else {
        let text = body.trim();
        return if text.is_empty() {
            "no details given".into()
        } else {
            text.chars().take(300).collect()
        };
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
        let message = describe(body);
        match status {
            401 => {
                let hint = if self.api_token {
                    "the token has the form of an API token (40 hex characters) and was sent as \
                     x-api-token: check it under Personal preferences > API, or use an OAuth \
                     access token instead"
                } else {
                    "the token is not 40 hex characters, so it was sent as an OAuth bearer token: \
                     an OAuth token may have expired; an API token is exactly 40 hex characters"
                };
                Error::auth(
                    format!("Pipedrive refused the token (401): {message}"),
                    hint,
                )
            }
            403 => Error::auth(
                format!("Pipedrive denied access (403): {message}"),
                "the user or the OAuth app lacks a permission (deals:full for writes)",
            ),
            404 => Error::not_found(format!("Pipedrive has no such record (404): {message}")),
            _ => Error::Rejected {
                vendor: Vendor::Pipedrive,
                status,
                message,
            },
        }
    }

    /// `x-ratelimit-limit` is the burst window's budget; `x-ratelimit-remaining: 0` pauses the
    /// burst bucket until `x-ratelimit-reset` (seconds) when someone else is spending the
    /// budget: crm's own charges are at most half of it. When they are more, the limiter
    /// already waits for them to the millisecond, while the whole-second reset (counted when
    /// the request arrived, read a round trip later) would idle up to a second per window; a
    /// 429 with its `Retry-After` covers what remains.
    fn observe(&self, headers: &HeaderMap, limiter: &Limiter) {
        let number = |name: &str| {
            headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.trim().parse::<u64>().ok())
        };
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
        limiter.configure("burst", BURST_LIMIT.0, BURST_LIMIT.1);
        let mut h = HeaderMap::new();
        h.insert("x-ratelimit-limit", HeaderValue::from_static("120"));
        PipedrivePolicy { api_token: true }.observe(&h, &limiter);
        assert_eq!(limiter.capacity("burst"), Some((120, BURST_LIMIT.1)));
    }

    /// Waits for 10 tokens after a `remaining: 0, reset: 5` answer; returns the seconds waited.
    async fn wait_after_spent_answer(own_spend: u32) -> u64 {
        let limiter = Limiter::new();
        limiter.configure("burst", BURST_LIMIT.0, BURST_LIMIT.1);
        limiter.acquire(&cost(own_spend)).await;
        let mut h = HeaderMap::new();
        h.insert("x-ratelimit-remaining", HeaderValue::from_static("0"));
        h.insert("x-ratelimit-reset", HeaderValue::from_static("5"));
        PipedrivePolicy { api_token: true }.observe(&h, &limiter);
        let start = tokio::time::Instant::now();
        limiter.acquire(&cost(10)).await;
        start.elapsed().as_secs()
    }

    #[tokio::test(start_paused = true)]
    async fn a_spent_budget_pauses_only_when_someone_else_spent_it() {
        assert_eq!(
            wait_after_spent_answer(10).await,
            5,
            "another client spent it"
        );
        assert_eq!(
            wait_after_spent_answer(60).await,
            0,
            "mostly crm's own spend: a 429 would say if the window were really full"
        );
        assert_eq!(
            wait_after_spent_answer(BURST_LIMIT.0).await,
            2,
            "crm's own window: to the millisecond, not the whole-second reset"
        );
    }
}
