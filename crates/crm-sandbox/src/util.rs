//! Small helpers shared by the vendor modules.

use std::convert::Infallible;
use std::str::FromStr;

use axum::body::Bytes;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, SecondsFormat, Utc};
use rust_decimal::Decimal;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// The query string as ordered pairs (repeated keys kept).
pub(crate) fn query_pairs(raw: Option<&str>) -> Vec<(String, String)> {
    url::form_urlencoded::parse(raw.unwrap_or("").as_bytes())
        .into_owned()
        .collect()
}

/// A request's query string as ordered pairs, for handlers that read it as pairs.
pub(crate) struct QueryPairs(pub Vec<(String, String)>);

impl<S: Send + Sync> FromRequestParts<S> for QueryPairs {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Infallible> {
        Ok(QueryPairs(query_pairs(parts.uri.query())))
    }
}

/// The first value of `key`.
pub(crate) fn q<'a>(pairs: &'a [(String, String)], key: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

/// Every value of `key`, comma-separated values split.
pub(crate) fn q_list(pairs: &[(String, String)], key: &str) -> Vec<String> {
    pairs
        .iter()
        .filter(|(k, _)| k == key)
        .flat_map(|(_, v)| v.split(','))
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect()
}

/// The items of the array at `key` in a JSON body; none when it is absent or not an array.
pub(crate) fn array_items<'a>(v: &'a Value, key: &str) -> impl Iterator<Item = &'a Value> {
    v.get(key).and_then(Value::as_array).into_iter().flatten()
}

/// The strings of the array at `key` (other items skipped).
pub(crate) fn string_items(v: &Value, key: &str) -> Vec<String> {
    array_items(v, key)
        .filter_map(|p| p.as_str().map(String::from))
        .collect()
}

/// Parses a JSON body, or gives the vendor's 400.
pub(crate) fn parse_body<T: DeserializeOwned>(
    body: &Bytes,
    bad: impl Fn(&str) -> Response,
) -> Result<T, Response> {
    serde_json::from_slice(body).map_err(|e| bad(&format!("Invalid JSON body: {e}")))
}

/// RFC 3339 with milliseconds and `Z`, as HubSpot writes.
pub(crate) fn iso_ms(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// RFC 3339 with seconds and `Z`.
pub(crate) fn iso(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// An exact decimal as a JSON number (no trip through f64).
pub(crate) fn dec_number(d: Decimal) -> Value {
    serde_json::from_str(&d.normalize().to_string()).unwrap_or(Value::Null)
}

/// A decimal from a JSON number or string, exactly.
pub(crate) fn dec_from_json(v: &Value) -> Option<Decimal> {
    match v {
        Value::Number(n) => Decimal::from_str(&n.to_string())
            .ok()
            .or_else(|| Decimal::from_scientific(&n.to_string()).ok()),
        Value::String(s) => Decimal::from_str(s.trim()).ok(),
        _ => None,
    }
}

/// A JSON response with a status.
pub(crate) fn json(status: StatusCode, v: Value) -> Response {
    (status, axum::Json(v)).into_response()
}

pub(crate) fn ok(v: Value) -> Response {
    json(StatusCode::OK, v)
}

/// Parses a date-time given as RFC 3339, `YYYY-MM-DD HH:MM:SS` (UTC) or a date.
pub(crate) fn parse_time(s: &str) -> Option<DateTime<Utc>> {
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Some(t.with_timezone(&Utc));
    }
    if let Ok(t) = chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S") {
        return Some(t.and_utc());
    }
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|t| t.and_utc())
}
