//! What an error answer means, written once for every vendor: 401 and 403 are auth errors
//! (exit 4), 404 not found (exit 3), any other refusal rejected (exit 5). A vendor's own
//! `error.rs` keeps what truly differs: how its body reads ([`parse_body`] helps with a body
//! that is not JSON), the hints it gives ([`Hints`]), and the answers it reads before the status
//! decides (HubSpot's missing scope).

use reqwest::header::HeaderMap;
use serde_json::Value;

use crate::error::Error;
use crate::model::Vendor;

/// A whole number in a header of the answer (a rate-limit budget, a reset in seconds), if it
/// holds one.
pub fn header_number(headers: &HeaderMap, name: &str) -> Option<u64> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok())
}

/// What a vendor tells a user whose token was refused (401) or denied (403).
pub struct Hints {
    pub unauthorized: &'static str,
    pub forbidden: &'static str,
}

/// The error of an answer with `status`, whose body the vendor read as `message`.
pub fn status_error(vendor: Vendor, status: u16, message: String, hints: Hints) -> Error {
    match status {
        401 => Error::auth(
            format!("{vendor} refused the token (401): {message}"),
            hints.unauthorized,
        ),
        403 => Error::auth(
            format!("{vendor} denied access (403): {message}"),
            hints.forbidden,
        ),
        404 => Error::not_found(format!("{vendor} has no such record (404): {message}")),
        _ => Error::Rejected {
            vendor,
            status,
            message,
        },
    }
}

/// An error body as JSON, or, when it is not JSON, the message to show for it: its first 300
/// characters, or "no details given" for an empty body.
pub fn parse_body(body: &str) -> Result<Value, String> {
    serde_json::from_str(body).map_err(|_| {
        let text = body.trim();
        if text.is_empty() {
            "no details given".into()
        } else {
            text.chars().take(300).collect()
        }
    })
}

/// An error of a request about deal `id`: a not-found one says which deal (exit 3), any other
/// is left as it is.
pub fn no_such_deal(vendor: Vendor, e: Error, id: &str) -> Error {
    match e {
        Error::NotFound { .. } => Error::not_found(format!("{vendor} has no deal {id}")),
        other => other,
    }
}
