//! What a running sandbox says about itself, past crm and past its fault layer.

use serde_json::Value;

/// `GET {url}/__sandbox/{what}` as JSON: `stats` (requests served, throttled), `deals` (the
/// live deals).
pub async fn inspect(url: &str, what: &str) -> Value {
    reqwest::get(format!("{url}/__sandbox/{what}"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}
