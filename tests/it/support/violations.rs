//! Reading Prism's verdict out of a response.
//!
//! Prism reports problems in one of two places (see the specs README):
//! - the `sl-violations` response header, a JSON array of
//!   `{location: [..], severity, code, message}`; `location[0]` is `"request"`
//!   or `"response"` (in mock mode a response entry only means the vendor's own
//!   example does not fit its schema);
//! - an `application/problem+json` body whose `type` starts with
//!   `https://stoplight.io/prism/errors#`, written by Prism when the spec
//!   declares no matching error response; its `validation` array holds request
//!   violations with the leading `"request"` left out.
//!
//! In mock mode Prism answers every valid request with a 2xx, so any 4xx it
//! sends is a verdict on the request even when it carries no detail.

use axum::http::{HeaderMap, StatusCode};
use serde_json::Value;

const PRISM_ERROR_TYPE: &str = "https://stoplight.io/prism/errors#";

/// One violation of the vendor file, as reported to tests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    pub method: String,
    /// The path as the CLI sent it (before any prefix stripping), without the query.
    pub path: String,
    /// `location (code): message`, e.g. `request.body.properties.amount (type): Request body property properties.amount must be string`.
    pub message: String,
    /// Prism's location, always starting with `request` or `response`.
    pub location: Vec<String>,
    pub code: String,
    /// `Error` or `Warning` (proxy mode reports an unknown route as a warning).
    pub severity: String,
}

impl std::fmt::Display for Violation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}: {}", self.method, self.path, self.message)
    }
}

/// A violation before it is tied to a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawViolation {
    pub location: Vec<String>,
    pub code: String,
    pub severity: String,
    pub message: String,
}

impl RawViolation {
    pub fn is_request(&self) -> bool {
        self.location.first().is_some_and(|l| l == "request")
    }

    pub fn tie(&self, method: &str, path: &str) -> Violation {
        let code = if self.code.is_empty() {
            String::new()
        } else {
            format!(" ({})", self.code)
        };
        Violation {
            method: method.to_string(),
            path: path.to_string(),
            message: format!("{}{code}: {}", self.location.join("."), self.message),
            location: self.location.clone(),
            code: self.code.clone(),
            severity: self.severity.clone(),
        }
    }
}

fn text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

fn parse_entry(v: &Value, prefix: Option<&str>) -> RawViolation {
    let mut location: Vec<String> = prefix.map(str::to_string).into_iter().collect();
    if let Some(parts) = v.get("location").and_then(Value::as_array) {
        location.extend(parts.iter().map(text));
    }
    RawViolation {
        location,
        code: v.get("code").map(text).unwrap_or_default(),
        severity: v.get("severity").map(text).unwrap_or_default(),
        message: v.get("message").map(text).unwrap_or_default(),
    }
}

/// Everything Prism says about one exchange, request and response side.
/// `mock`: the answer came from `prism mock`, so a bare 4xx is a verdict too.
pub fn extract(
    status: StatusCode,
    headers: &HeaderMap,
    body: &[u8],
    mock: bool,
) -> Vec<RawViolation> {
    let mut found = Vec::new();
    for value in headers.get_all("sl-violations") {
        match serde_json::from_slice::<Value>(value.as_bytes()) {
            Ok(Value::Array(entries)) => found.extend(entries.iter().map(|e| parse_entry(e, None))),
            _ => found.push(RawViolation {
                location: vec!["request".into()],
                code: "harness".into(),
                severity: "Error".into(),
                message: format!("unreadable sl-violations header: {value:?}"),
            }),
        }
    }
    let problem = headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.starts_with("application/problem+json"));
    if problem {
        if let Ok(body) = serde_json::from_slice::<Value>(body) {
            let kind = body.get("type").map(text).unwrap_or_default();
            if let Some(name) = kind.strip_prefix(PRISM_ERROR_TYPE) {
                match body.get("validation").and_then(Value::as_array) {
                    Some(list) if !list.is_empty() => {
                        found.extend(list.iter().map(|e| parse_entry(e, Some("request"))))
                    }
                    _ => found.push(RawViolation {
                        location: vec!["request".into()],
                        code: name.to_string(),
                        severity: "Error".into(),
                        message: format!(
                            "{}: {}",
                            body.get("title").map(text).unwrap_or_default(),
                            body.get("detail").map(text).unwrap_or_default()
                        ),
                    }),
                }
            }
        }
    }
    if mock && status.is_client_error() && !found.iter().any(RawViolation::is_request) {
        found.push(RawViolation {
            location: vec!["request".into()],
            code: status.as_u16().to_string(),
            severity: "Error".into(),
            message: format!(
                "Prism mock answered {status} (a valid request gets 2xx): {}",
                String::from_utf8_lossy(&body[..body.len().min(300)])
            ),
        });
    }
    found
}
