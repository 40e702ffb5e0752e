//! Error bodies in each vendor's own shape.

use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};

use super::SandboxVendor;

/// A request id in UUID form (HubSpot `correlationId`, Sell `logref`).
pub(crate) fn request_id() -> String {
    let n: u128 = rand::random();
    let h = format!("{n:032x}");
    format!(
        "{}-{}-{}-{}-{}",
        &h[..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..]
    )
}

/// `code` is HubSpot's `category`, Sell's `error.code`; Pipedrive has no code.
pub(crate) fn error(
    vendor: SandboxVendor,
    status: StatusCode,
    code: &str,
    message: &str,
) -> Response {
    error_with(vendor, status, code, message, None)
}

/// Like [`error`], naming the offending field (Sell `field`, HubSpot `context`).
pub(crate) fn error_with(
    vendor: SandboxVendor,
    status: StatusCode,
    code: &str,
    message: &str,
    field: Option<&str>,
) -> Response {
    let id = request_id();
    let body = match vendor {
        SandboxVendor::Hubspot => {
            let mut b = json!({
                "status": "error",
                "message": message,
                "correlationId": id,
                "category": code,
            });
            if let Some(f) = field {
                b["errors"] = json!([{ "message": message, "context": { "propertyName": [f] } }]);
            }
            b
        }
        SandboxVendor::Pipedrive => json!({
            "success": false,
            "error": message,
            "error_info": "Please check developers.pipedrive.com for more information about Pipedrive API.",
            "data": Value::Null,
            "additional_data": Value::Null,
        }),
        SandboxVendor::Sell => {
            let mut err = json!({ "code": code, "message": message, "details": message });
            if let Some(f) = field {
                err["field"] = json!(f);
                err["resource"] = json!("deal");
            }
            json!({
                "errors": [{
                    "error": err,
                    "meta": { "type": "error", "links": { "more_info": "https://developers.getbase.com/docs/rest/articles/errors" } }
                }],
                "meta": {
                    "type": "errors",
                    "http_status": format!("{} {}", status.as_u16(), status.canonical_reason().unwrap_or("")),
                    "logref": id,
                    "links": { "more_info": "https://developers.getbase.com/docs/rest/articles/errors" }
                }
            })
        }
    };
    let mut resp = (status, axum::Json(body)).into_response();
    if vendor == SandboxVendor::Sell {
        if let Ok(v) = HeaderValue::from_str(&id) {
            resp.headers_mut().insert("x-request-id", v);
        }
    }
    resp
}

pub(crate) fn not_found(vendor: SandboxVendor, what: &str) -> Response {
    match vendor {
        SandboxVendor::Hubspot => error(vendor, StatusCode::NOT_FOUND, "OBJECT_NOT_FOUND", what),
        SandboxVendor::Pipedrive => error(vendor, StatusCode::NOT_FOUND, "", what),
        SandboxVendor::Sell => error(vendor, StatusCode::NOT_FOUND, "not_found", what),
    }
}

pub(crate) fn bad_request(vendor: SandboxVendor, message: &str) -> Response {
    match vendor {
        SandboxVendor::Hubspot => {
            error(vendor, StatusCode::BAD_REQUEST, "VALIDATION_ERROR", message)
        }
        SandboxVendor::Pipedrive => error(vendor, StatusCode::BAD_REQUEST, "", message),
        SandboxVendor::Sell => error(vendor, StatusCode::BAD_REQUEST, "invalid_param", message),
    }
}

pub(crate) fn unauthorized(vendor: SandboxVendor) -> Response {
    match vendor {
        SandboxVendor::Hubspot => error(
            vendor,
            StatusCode::UNAUTHORIZED,
            "INVALID_AUTHENTICATION",
            "Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview",
        ),
        SandboxVendor::Pipedrive => {
            let body = json!({
                "success": false,
                "error": "unauthorized access",
                "errorCode": 401,
                "error_info": "Please check developers.pipedrive.com for more information about Pipedrive API.",
            });
            (StatusCode::UNAUTHORIZED, axum::Json(body)).into_response()
        }
        SandboxVendor::Sell => error(
            vendor,
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "Required access token is missing, malformed, expired, or invalid.",
        ),
    }
}

pub(crate) fn rate_limited(vendor: SandboxVendor) -> Response {
    let status = StatusCode::TOO_MANY_REQUESTS;
    match vendor {
        SandboxVendor::Hubspot => {
            let body = json!({
                "status": "error",
                "message": "You have reached your ten_secondly_rolling limit.",
                "errorType": "RATE_LIMIT",
                "correlationId": request_id(),
                "policyName": "TEN_SECONDLY_ROLLING",
                "category": "RATE_LIMITS",
            });
            (status, axum::Json(body)).into_response()
        }
        SandboxVendor::Pipedrive => error(vendor, status, "", "Request over limit"),
        SandboxVendor::Sell => error(vendor, status, "rate_limit_exceeded", "Too Many Requests"),
    }
}

/// The body of an injected 500/502/503.
pub(crate) fn injected(vendor: SandboxVendor, status: StatusCode) -> Response {
    let message = match status.as_u16() {
        500 => "Internal Server Error (injected by the sandbox)",
        502 => "Bad Gateway (injected by the sandbox)",
        _ => "Service Unavailable (injected by the sandbox)",
    };
    let code = match vendor {
        SandboxVendor::Hubspot => "INTERNAL_ERROR",
        SandboxVendor::Pipedrive => "",
        SandboxVendor::Sell => "server_error",
    };
    error(vendor, status, code, message)
}
