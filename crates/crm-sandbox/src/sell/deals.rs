//! Sell deals: list (page/per_page, filters, sort_by), get, create, update
//! (PUT), delete, upsert, associated contacts.

use std::cmp::Ordering;
use std::str::FromStr;

use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use rust_decimal::Decimal;
use serde_json::{json, Map, Value};

use super::write::{apply, create_in};
use super::{
    bad_param, collection_page, not_found, one, render, unprocessable, Deal, ListQuery, St, Store,
    CUSTOM_FIELDS, V,
};
use crate::errors;
use crate::util::{q, query_pairs};

/// The filter parameters deals can be listed and upserted by.
const FILTERS: [&str; 11] = [
    "ids",
    "owner_id",
    "stage_id",
    "contact_id",
    "organization_id",
    "creator_id",
    "source_id",
    "hot",
    "name",
    "estimated_close_date",
    "value",
];

pub(crate) fn dec(v: &str) -> Option<Decimal> {
    Decimal::from_str(v.trim()).ok()
}

fn matches(d: &Deal, key: &str, want: &str) -> bool {
    let id_is = |x: Option<u64>| x.is_some_and(|x| x.to_string() == want);
    if let Some(field) = key
        .strip_prefix("custom_fields[")
        .and_then(|k| k.strip_suffix(']'))
    {
        return d.custom_fields.get(field).is_some_and(|v| match v {
            Value::String(s) => s == want,
            other => serde_json::to_string(other).is_ok_and(|s| s == want),
        });
    }
    match key {
        "ids" => want.split(',').any(|i| i.trim() == d.id.to_string()),
        "owner_id" => id_is(Some(d.owner_id)),
        "stage_id" => id_is(Some(d.stage_id)),
        "contact_id" => id_is(d.contact_id),
        "organization_id" => id_is(d.organization_id),
        "creator_id" => id_is(Some(d.creator_id)),
        "source_id" => id_is(d.source_id),
        "hot" => d.hot.to_string() == want,
        "name" => d.name.eq_ignore_ascii_case(want),
        "estimated_close_date" => d
            .estimated_close_date
            .is_some_and(|x| x.to_string() == want),
        "value" => dec(want).is_some_and(|w| w == d.value),
        _ => true,
    }
}

/// The filters present in a query, and whether they combine with AND.
fn filters(pairs: &[(String, String)]) -> (Vec<(String, String)>, bool) {
    let list = pairs
        .iter()
        .filter(|(k, _)| FILTERS.contains(&k.as_str()) || k.starts_with("custom_fields["))
        .cloned()
        .collect();
    (list, q(pairs, "inclusive") != Some("false"))
}

fn select<'a>(store: &'a Store, fs: &[(String, String)], and: bool) -> Vec<&'a Deal> {
    store
        .deals
        .values()
        .filter(|d| {
            fs.is_empty()
                || if and {
                    fs.iter().all(|(k, v)| matches(d, k, v))
                } else {
                    fs.iter().any(|(k, v)| matches(d, k, v))
                }
        })
        .collect()
}

pub(crate) async fn list(State(st): St, headers: HeaderMap, list: ListQuery) -> Response {
    let sort = q(&list.pairs, "sort_by").unwrap_or("id");
    let (field, desc) = match sort.rsplit_once(':') {
        Some((f, "desc")) => (f, true),
        Some((f, "asc")) => (f, false),
        _ => (sort, false),
    };
    let known = [
        "id",
        "value",
        "name",
        "estimated_close_date",
        "updated_at",
        "created_at",
    ];
    let custom = field.strip_prefix("custom_fields:");
    if !known.contains(&field) && !custom.is_some_and(|c| CUSTOM_FIELDS.contains(&c)) {
        return bad_param("sort_by", &format!("unsupported sort field, given: {sort}"));
    }
    let (fs, and) = filters(&list.pairs);
    let store = st.lock();
    let mut hits = select(&store, &fs, and);
    hits.sort_by(|a, b| {
        let ord = match field {
            "value" => a.value.cmp(&b.value),
            "name" => a.name.to_lowercase().cmp(&b.name.to_lowercase()),
            "estimated_close_date" => a.estimated_close_date.cmp(&b.estimated_close_date),
            "updated_at" => a.updated_at.cmp(&b.updated_at),
            "created_at" => a.created_at.cmp(&b.created_at),
            "id" => Ordering::Equal,
            _ => {
                let key = custom.unwrap_or_default();
                a.custom_fields
                    .get(key)
                    .map(Value::to_string)
                    .cmp(&b.custom_fields.get(key).map(Value::to_string))
            }
        };
        let ord = ord.then(a.id.cmp(&b.id));
        if desc {
            ord.reverse()
        } else {
            ord
        }
    });
    // Only the page asked for is rendered: rendering all 10,000 deals of a benchmark for each
    // page, under the store's lock, made every page take several times the set latency.
    let total = hits.len();
    let items = list.cut(hits).map(render).collect();
    collection_page(&headers, "/v2/deals", "deal", items, total, &list)
}

pub(crate) async fn get_one(State(st): St, Path(id): Path<String>) -> Response {
    let store = st.lock();
    match id.parse::<u64>().ok().and_then(|i| store.deals.get(&i)) {
        Some(d) => one("deal", render(d)),
        None => not_found(),
    }
}

pub(crate) fn envelope(body: &Bytes) -> Result<Map<String, Value>, Response> {
    let v: Value = serde_json::from_slice(body).map_err(|e| {
        errors::error(
            V,
            StatusCode::BAD_REQUEST,
            "invalid_payload",
            &format!("Malformed JSON: {e}"),
        )
    })?;
    match v.get("data") {
        Some(Value::Object(m)) => Ok(m.clone()),
        _ => Err(unprocessable(
            "data",
            "missing",
            "The request body must wrap the attributes as {\"data\": {...}}",
        )),
    }
}

pub(crate) async fn create(State(st): St, body: Bytes) -> Response {
    let data = match envelope(&body) {
        Ok(d) => d,
        Err(r) => return r,
    };
    let mut store = st.lock();
    match create_in(&mut store, &data) {
        Ok(v) => one("deal", v),
        Err(r) => r,
    }
}

fn update_in(store: &mut Store, id: u64, data: &Map<String, Value>) -> Result<Value, Response> {
    let mut d = store.deals.get(&id).cloned().ok_or_else(not_found)?;
    apply(store, &mut d, data)?;
    let v = render(&d);
    store.deals.insert(id, d);
    Ok(v)
}

pub(crate) async fn update(State(st): St, Path(id): Path<String>, body: Bytes) -> Response {
    let data = match envelope(&body) {
        Ok(d) => d,
        Err(r) => return r,
    };
    let Ok(id) = id.parse::<u64>() else {
        return not_found();
    };
    let mut store = st.lock();
    match update_in(&mut store, id, &data) {
        Ok(v) => one("deal", v),
        Err(r) => r,
    }
}

pub(crate) async fn remove(State(st): St, Path(id): Path<String>) -> Response {
    let mut store = st.lock();
    match id.parse::<u64>().ok().and_then(|i| store.deals.remove(&i)) {
        Some(_) => StatusCode::NO_CONTENT.into_response(),
        None => not_found(),
    }
}

/// `POST /v2/deals/upsert?FILTERS`: several matches → 409, one → update, none → create.
pub(crate) async fn upsert(State(st): St, RawQuery(raw): RawQuery, body: Bytes) -> Response {
    let pairs = query_pairs(raw.as_deref());
    let (fs, and) = filters(&pairs);
    if fs.is_empty() {
        return bad_param("filters", "at least one filter query parameter is required");
    }
    let mut data = match envelope(&body) {
        Ok(d) => d,
        Err(r) => return r,
    };
    let mut store = st.lock();
    let hits: Vec<u64> = select(&store, &fs, and).iter().map(|d| d.id).collect();
    let result = match hits.as_slice() {
        [] => {
            // The filter values become attributes of the new deal, unless the body sets them.
            for (k, v) in &fs {
                if let Some(field) = k
                    .strip_prefix("custom_fields[")
                    .and_then(|k| k.strip_suffix(']'))
                {
                    let custom = data.entry("custom_fields").or_insert_with(|| json!({}));
                    if let Some(m) = custom.as_object_mut() {
                        m.entry(field.to_string()).or_insert_with(|| json!(v));
                    }
                } else if ["owner_id", "stage_id", "contact_id", "source_id"].contains(&k.as_str())
                    && !data.contains_key(k)
                {
                    if let Ok(n) = v.parse::<u64>() {
                        data.insert(k.clone(), json!(n));
                    }
                } else if k == "name" && !data.contains_key("name") {
                    data.insert(k.clone(), json!(v));
                }
            }
            create_in(&mut store, &data)
        }
        [one_id] => update_in(&mut store, *one_id, &data),
        _ => Err(errors::error(
            V,
            StatusCode::CONFLICT,
            "conflict",
            &format!(
                "{} deals match the filters; an upsert needs at most one",
                hits.len()
            ),
        )),
    };
    match result {
        Ok(v) => one("deal", v),
        Err(r) => r,
    }
}
