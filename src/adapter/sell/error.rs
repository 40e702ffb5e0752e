//! Sell's error bodies to [`Error`]s, and its documented rate limit.

use std::time::Duration;

use reqwest::header::HeaderMap;
use serde_json::Value;

use crate::adapter::error::{parse_body, status_error, Hints};
use crate::error::Error;
use crate::http::VendorPolicy;
use crate::model::Vendor;

/// 10 requests a second per token, and 36,000 an hour (Sell's rate-limit page).
pub const SECOND_LIMIT: (u32, Duration) = (10, Duration::from_secs(1));
pub const HOUR_LIMIT: (u32, Duration) = (36_000, Duration::from_secs(3600));

pub struct SellPolicy;

/// Every entry of `errors[]` (field, code, message, details), and the logref support asks for.
pub fn describe(body: &str) -> String {
    let v = match parse_body(body) {
        Ok(v) => v,
        Err(text) => return text,
    };
    let mut parts = Vec::new();
    for entry in v
        .get("errors")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let e = entry.get("error").unwrap_or(entry);
        let get = |k: &str| e.get(k).and_then(Value::as_str).filter(|s| !s.is_empty());
        let mut part = String::new();
        if let Some(field) = get("field") {
            part.push_str(&format!("{}: ", field.trim_start_matches('/')));
        }
        part.push_str(get("message").or(get("code")).unwrap_or("error"));
        if let Some(details) = get("details").filter(|d| Some(*d) != get("message")) {
            part.push_str(&format!(" ({details})"));
        }
        if let Some(code) = get("code") {
            part.push_str(&format!(" [{code}]"));
        }
        parts.push(part);
    }
    let mut text = if parts.is_empty() {
        "no details given".to_string()
    } else {
        parts.join("; ")
    };
    if let Some(logref) = v.pointer("/meta/logref").and_then(Value::as_str) {
        text.push_str(&format!(" (logref {logref})"));
    }
    text
}

impl VendorPolicy for SellPolicy {
    fn error(&self, status: u16, _headers: &HeaderMap, body: &str) -> Error {
        let hints = Hints {
            unauthorized: "check CRM_TOKEN: a personal access token from Sell's settings, or an OAuth access token that has not expired",
            forbidden: "the token's user may not see or change this record",
        };
        status_error(Vendor::Sell, status, describe(body), hints)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_error_is_in_the_message() {
        let body = r#"{"errors":[{"error":{"resource":"deal","field":"/name","code":"blank","message":"can't be blank"},"meta":{"type":"error"}},
            {"error":{"field":"/value","code":"invalid","message":"is not a number","details":"value must be numeric"}}],
            "meta":{"type":"errors","http_status":"422 Unprocessable Entity","logref":"abc-123"}}"#;
        let e = SellPolicy.error(422, &HeaderMap::new(), body);
        assert_eq!(e.exit_code(), 5);
        assert_eq!(
            e.to_string(),
            "Zendesk Sell rejected the request (HTTP 422): name: can't be blank [blank]; \
             value: is not a number (value must be numeric) [invalid] (logref abc-123)"
        );
        assert_eq!(
            SellPolicy.error(401, &HeaderMap::new(), "{}").exit_code(),
            4
        );
        assert_eq!(SellPolicy.error(404, &HeaderMap::new(), "").exit_code(), 3);
    }

    /// The error fixtures of Zendesk's Zapier app read with their details.
    #[test]
    fn reads_the_vendor_error_fixtures() {
        let Some(dir) = super::super::convert::tests_fixtures() else {
            return;
        };
        let read = |p: &str| std::fs::read_to_string(dir.join(p)).unwrap();
        let bad_page = describe(&read("utils/__test__/errorResponse.fixture.json"));
        assert!(
            bad_page.contains("must be between 1 and 100, given: 200"),
            "{bad_page}"
        );
        let unknown = describe(&read("contact/__test__/unprocessableContact.fixture.json"));
        assert!(unknown.contains("[unknown]"), "{unknown}");
        for f in [
            "notesTasks/tasks/__test__/taskErrorResponse.fixture.json",
            "utils/__test__/productsErrorResponse.fixture.json",
        ] {
            let text = describe(&read(f));
            assert!(text.contains("incorrect_value"), "{f}: {text}");
        }
    }
}
