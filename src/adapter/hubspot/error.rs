//! HubSpot's answers: error bodies to [`Error`]s, and the rate limit it announces in its headers.

use std::time::Duration;

use reqwest::header::HeaderMap;
use serde_json::Value;

use crate::adapter::error::{header_number, parse_body, status_error, Hints};
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
    let v = match parse_body(body) {
        Ok(v) => v,
        Err(text) => return text,
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

/// The scopes a `403 MISSING_SCOPES` answer names (`errors[].context.requiredGranularScopes`, as
/// HubSpot sends it: "One or more of the following scopes are required.").
fn required_scopes(body: &str) -> Option<Vec<String>> {
    let v: Value = serde_json::from_str(body).ok()?;
    if v.get("category").and_then(Value::as_str) != Some("MISSING_SCOPES") {
        return None;
    }
    let mut scopes: Vec<String> = Vec::new();
    let contexts = std::iter::once(v.get("context"))
        .chain(
            v.get("errors")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .map(|e| e.get("context")),
        )
        .flatten();
    for context in contexts {
        for key in ["requiredGranularScopes", "requiredScopes", "missingScopes"] {
            for s in context
                .get(key)
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                if let Some(s) = s.as_str().filter(|s| !scopes.iter().any(|x| x == s)) {
                    scopes.push(s.to_string());
                }
            }
        }
    }
    Some(scopes)
}

/// What a token lacking a scope is told; [`missing_scope`] reads the scope back.
const LACKS: &str = "the token lacks the scope ";

/// The scope named by a `403 MISSING_SCOPES` error, for commands that can do without what it
/// guards (owner names) and say so once.
pub fn missing_scope(e: &Error) -> Option<String> {
    match e {
        Error::Auth { message, .. } => message
            .split_once(LACKS)
            .map(|(_, rest)| rest.split(": ").next().unwrap_or(rest).to_string()),
        _ => None,
    }
}

impl VendorPolicy for HubSpotPolicy {
    fn error(&self, status: u16, _headers: &HeaderMap, body: &str) -> Error {
        let message = describe(body);
        if status == 403 {
            if let Some(scopes) = required_scopes(body).filter(|s| !s.is_empty()) {
                let named = scopes.join(" or ");
                return Error::auth(
                    format!("HubSpot denied access (403): {LACKS}{named}: {message}"),
                    format!(
                        "give the private app (or the OAuth app) the scope {named}, then try again"
                    ),
                );
            }
        }
        let hints = Hints {
            unauthorized: "check CRM_TOKEN: a private-app token (pat-…) or an OAuth access token that has not expired",
            forbidden: "the token lacks a scope: give the private app crm.objects.deals.read/write (and owners, schemas)",
        };
        status_error(Vendor::Hubspot, status, message, hints)
    }

    fn observe(&self, headers: &HeaderMap, limiter: &Limiter) {
        let number = |name: &str| header_number(headers, name);
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

    /// The body HubSpot sends a token without a scope (as quoted in HubSpot's developer community:
    /// category MISSING_SCOPES, the scopes in `errors[].context.requiredGranularScopes`).
    #[test]
    fn a_missing_scope_is_4_and_named() {
        let body = r#"{"status":"error","message":"This app hasn't been granted all required scopes to make this call. Read more about required scopes here: https://developers.hubspot.com/scopes.","correlationId":"019e63ab-542f-7af5-a5b9-c3b0f5ac5ff1","errors":[{"message":"One or more of the following scopes are required.","context":{"requiredGranularScopes":["crm.objects.owners.read"]}}],"links":{"scopes":"https://developers.hubspot.com/scopes"},"category":"MISSING_SCOPES"}"#;
        let e = HubSpotPolicy.error(403, &HeaderMap::new(), body);
        assert_eq!(e.exit_code(), 4);
        assert!(e.to_string().contains("crm.objects.owners.read"), "{e}");
        assert_eq!(
            missing_scope(&e).as_deref(),
            Some("crm.objects.owners.read")
        );
        let other = HubSpotPolicy.error(403, &HeaderMap::new(), r#"{"message":"no"}"#);
        assert_eq!(missing_scope(&other), None);
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
