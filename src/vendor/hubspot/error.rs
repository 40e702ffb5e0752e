//! HubSpot's answers: error bodies to [`Error`]s, and the rate limit it announces in its headers.

use std::time::Duration;

use reqwest::header::HeaderMap;
use serde_json::Value;

use crate::error::Error;
use crate::http::{Limiter, VendorPolicy};
use crate::model::Vendor;

/// HubSpot's general limit until its headers tell us the real one (the lowest tier's).
pub const DEFAULT_LIMIT: (u32, Duration) = (100, Duration::from_secs(10));
/// The search API's own limit: documented as 5 a second; keep under it.
pub const SEARCH_LIMIT: (u32, Duration) = (4, Duration::from_secs(1));

pub struct HubSpotPolicy;

/// `message` plus each entry of `errors[]`, and the category.
fn describe(body: &str) -> String {
    let Ok(v) = serde_json::from_str::<Value>(body) else {
        let text = body.trim();
        return if text.is_empty() {
            "no details given".into()
        } else {
            text.chars().take(300).collect()
        };
    };
    let mut parts = Vec::new();
    if let Some(m) = v.get("message").and_then(Value::as_str) {
        parts.push(m.to_string());
    }
    if let Some(errors) = v.get("errors").and_then(Value::as_array) {
        for e in errors {
            if let Some(m) = e.get("message").and_then(Value::as_str) {
                if !parts.iter().any(|p| p == m) {
                    parts.push(m.to_string());
                }
            }
        }
    }
    let mut text = parts.join("; ");
    if let Some(c) = v.get("category").and_then(Value::as_str) {
        text.push_str(&format!(" [{c}]"));
    }
    text
}

impl VendorPolicy for HubSpotPolicy {
    fn error(&self, status: u16, _headers: &HeaderMap, body: &str) -> Error {
        let message = describe(body);
        match status {
            401 => Error::auth(
                format!("HubSpot refused the token (401): {message}"),
                "check CRM_TOKEN: a private-app token (pat-…) or an OAuth access token that has not expired",
            ),
            403 => Error::auth(
                format!("HubSpot denied access (403): {message}"),
                "the token lacks a scope: give the private app crm.objects.deals.read/write (and owners, schemas)",
            ),
            404 => Error::not_found(format!("HubSpot has no such record (404): {message}")),
            _ => Error::Rejected {
                vendor: Vendor::Hubspot,
                status,
                message,
            },
        }
    }

    fn observe(&self, headers: &HeaderMap, limiter: &Limiter) {
        let number = |name: &str| {
            headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.trim().parse::<u64>().ok())
        };
        if let (Some(max), Some(interval)) = (
            number("x-hubspot-ratelimit-max"),
            number("x-hubspot-ratelimit-interval-milliseconds"),
        ) {
            let learned = (max.max(1) as u32, Duration::from_millis(interval.max(1)));
            if limiter.capacity("default") != Some(learned) {
                limiter.configure("default", learned.0, learned.1);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    #[test]
    fn messages_carry_category_and_errors() {
        let body = r#"{"status":"error","message":"Property values were not valid","correlationId":"x","category":"VALIDATION_ERROR","errors":[{"message":"amount is not a number"}]}"#;
        let e = HubSpotPolicy.error(400, &HeaderMap::new(), body);
        assert_eq!(e.exit_code(), 5);
        assert_eq!(
            e.to_string(),
            "HubSpot rejected the request (HTTP 400): Property values were not valid; amount is not a number [VALIDATION_ERROR]"
        );
        assert_eq!(
            HubSpotPolicy
                .error(401, &HeaderMap::new(), "{}")
                .exit_code(),
            4
        );
        assert_eq!(
            HubSpotPolicy.error(404, &HeaderMap::new(), "").exit_code(),
            3
        );
    }

    #[test]
    fn learns_the_limit_from_headers() {
        let limiter = Limiter::new();
        limiter.configure("default", DEFAULT_LIMIT.0, DEFAULT_LIMIT.1);
        let mut h = HeaderMap::new();
        h.insert("x-hubspot-ratelimit-max", HeaderValue::from_static("190"));
        h.insert(
            "x-hubspot-ratelimit-interval-milliseconds",
            HeaderValue::from_static("10000"),
        );
        HubSpotPolicy.observe(&h, &limiter);
        assert_eq!(
            limiter.capacity("default"),
            Some((190, Duration::from_secs(10)))
        );
    }
}
