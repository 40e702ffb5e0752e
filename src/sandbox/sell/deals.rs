//! Sell deals: list (page/per_page, filters, sort_by), get, create, update
//! (PUT), delete, upsert, associated contacts.

use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::str::FromStr;

use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::{NaiveDate, Utc};
use rust_decimal::Decimal;
use serde_json::{json, Map, Value};

use super::{
    bad_param, collection, not_found, one, paging, render, unprocessable, Associated, Deal, St,
    Store, CUSTOM_FIELDS, V,
};
use crate::sandbox::errors;
use crate::sandbox::util::{parse_time, q, query_pairs};

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

fn dec(v: &str) -> Option<Decimal> {
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

pub(crate) async fn list(State(st): St, headers: HeaderMap, RawQuery(raw): RawQuery) -> Response {
    let pairs = query_pairs(raw.as_deref());
    let (page, per_page) = match paging(&pairs) {
        Ok(p) => p,
        Err(r) => return r,
    };
    let sort = q(&pairs, "sort_by").unwrap_or("id");
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
    let (fs, and) = filters(&pairs);
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
    let items = hits.into_iter().map(render).collect();
    collection(&headers, "/v2/deals", "deal", items, page, per_page)
}

pub(crate) async fn get_one(State(st): St, Path(id): Path<String>) -> Response {
    let store = st.lock();
    match id.parse::<u64>().ok().and_then(|i| store.deals.get(&i)) {
        Some(d) => one("deal", render(d)),
        None => not_found(),
    }
}

fn envelope(body: &Bytes) -> Result<Map<String, Value>, Response> {
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

fn opt_int(v: &Value, key: &str) -> Result<Option<u64>, Response> {
    match v {
        Value::Null => Ok(None),
        v => v.as_u64().map(Some).ok_or_else(|| {
            unprocessable(key, "incorrect_type", &format!("{key} must be an integer"))
        }),
    }
}

/// Applies writable attributes; unknown ones are refused as the live API does.
fn apply(store: &Store, d: &mut Deal, data: &Map<String, Value>) -> Result<(), Response> {
    let now = Utc::now();
    let wrong = |k: &str, why: &str| unprocessable(k, "incorrect_value", &format!("{k}: {why}"));
    for (k, v) in data {
        match k.as_str() {
            "name" => {
                d.name = v
                    .as_str()
                    .filter(|s| !s.trim().is_empty())
                    .ok_or_else(|| wrong(k, "must be a non-empty string"))?
                    .into()
            }
            "contact_id" => {
                let c = opt_int(v, k)?.ok_or_else(|| wrong(k, "cannot be null"))?;
                let contact = store
                    .contacts
                    .iter()
                    .find(|x| x.id == c)
                    .ok_or_else(|| wrong(k, "no contact has this id"))?;
                d.contact_id = Some(c);
                d.organization_id = Some(contact.org.unwrap_or(contact.id));
            }
            "value" => {
                let text = match v {
                    Value::Number(n) => n.to_string(),
                    Value::String(s) => s.clone(),
                    _ => return Err(wrong(k, "must be a number or a string")),
                };
                let value = dec(&text).ok_or_else(|| wrong(k, "must be a decimal number"))?;
                if value.scale() > 2 && value.normalize().scale() > 2 {
                    return Err(wrong(k, "at most two decimal places"));
                }
                d.value = value;
            }
            "currency" => {
                d.currency = v
                    .as_str()
                    .filter(|s| s.len() == 3 && s.bytes().all(|b| b.is_ascii_uppercase()))
                    .ok_or_else(|| wrong(k, "must be an ISO 4217 code"))?
                    .into()
            }
            "hot" => d.hot = v.as_bool().ok_or_else(|| wrong(k, "must be a boolean"))?,
            "owner_id" => {
                let o = opt_int(v, k)?.ok_or_else(|| wrong(k, "cannot be null"))?;
                if !store.users.iter().any(|u| u.id == o) {
                    return Err(wrong(k, "no user has this id"));
                }
                d.owner_id = o;
            }
            "stage_id" => {
                let s = opt_int(v, k)?.ok_or_else(|| wrong(k, "cannot be null"))?;
                if !store.stages.iter().any(|x| x.id == s) {
                    return Err(wrong(k, "no stage has this id"));
                }
                if s != d.stage_id {
                    d.last_stage_change_at = Some(now);
                }
                d.stage_id = s;
            }
            "source_id" => d.source_id = opt_int(v, k)?,
            "loss_reason_id" => d.loss_reason_id = opt_int(v, k)?,
            "unqualified_reason_id" => d.unqualified_reason_id = opt_int(v, k)?,
            "estimated_close_date" => {
                d.estimated_close_date = match v {
                    Value::Null => None,
                    Value::String(s) => Some(
                        NaiveDate::parse_from_str(s, "%Y-%m-%d")
                            .map_err(|_| wrong(k, "must be YYYY-MM-DD"))?,
                    ),
                    _ => return Err(wrong(k, "must be YYYY-MM-DD")),
                }
            }
            "customized_win_likelihood" => {
                let w = opt_int(v, k)?;
                if w.is_some_and(|w| w > 100) {
                    return Err(wrong(k, "must be between 0 and 100"));
                }
                d.customized_win_likelihood = w;
            }
            "last_stage_change_at" | "added_at" | "added_on" => {
                let t = v
                    .as_str()
                    .and_then(parse_time)
                    .ok_or_else(|| wrong(k, "must be an ISO 8601 date-time"))?;
                if k == "last_stage_change_at" {
                    d.last_stage_change_at = Some(t);
                } else {
                    d.added_at = Some(t);
                }
            }
            "tags" => {
                let tags = v
                    .as_array()
                    .ok_or_else(|| wrong(k, "must be an array of strings"))?;
                d.tags = tags
                    .iter()
                    .map(|t| t.as_str().map(String::from))
                    .collect::<Option<_>>()
                    .ok_or_else(|| wrong(k, "must be an array of strings"))?;
            }
            "custom_fields" => {
                for (name, value) in v.as_object().ok_or_else(|| wrong(k, "must be an object"))? {
                    if !CUSTOM_FIELDS.contains(&name.as_str()) {
                        return Err(unprocessable(
                            &format!("custom_fields/{name}"),
                            "unknown",
                            &format!("unknown custom field '{name}'"),
                        ));
                    }
                    if value.is_null() {
                        d.custom_fields.remove(name);
                    } else {
                        d.custom_fields.insert(name.clone(), value.clone());
                    }
                }
            }
            other => {
                return Err(unprocessable(
                    other,
                    "unknown",
                    &format!(
                    "The attribute '/{other}' is not a known attribute for the 'deal' resource."
                ),
                ))
            }
        }
    }
    d.updated_at = now;
    Ok(())
}

fn new_deal(store: &Store) -> Deal {
    let now = Utc::now();
    Deal {
        id: store.next_id,
        name: String::new(),
        value: Decimal::ZERO,
        currency: "USD".into(),
        hot: false,
        owner_id: store.me,
        creator_id: store.me,
        stage_id: store.stages[0].id,
        contact_id: None,
        organization_id: None,
        source_id: None,
        loss_reason_id: None,
        unqualified_reason_id: None,
        estimated_close_date: None,
        customized_win_likelihood: None,
        last_stage_change_at: Some(now),
        added_at: Some(now),
        tags: vec![],
        custom_fields: BTreeMap::new(),
        created_at: now,
        updated_at: now,
        associated: vec![],
    }
}

fn create_in(store: &mut Store, data: &Map<String, Value>) -> Result<Value, Response> {
    for required in ["name", "contact_id"] {
        if data.get(required).is_none_or(Value::is_null) {
            return Err(unprocessable(
                required,
                "missing",
                &format!("{required} is required"),
            ));
        }
    }
    let mut d = new_deal(store);
    apply(store, &mut d, data)?;
    store.next_id += 1;
    let v = render(&d);
    store.deals.insert(d.id, d);
    Ok(v)
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

fn render_assoc(a: &Associated) -> Value {
    json!({ "contact_id": a.contact_id, "role": a.role, "created_at": crate::sandbox::util::iso(a.created_at),
            "updated_at": crate::sandbox::util::iso(a.updated_at) })
}

pub(crate) async fn associated(
    State(st): St,
    headers: HeaderMap,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
) -> Response {
    let pairs = query_pairs(raw.as_deref());
    let (page, per_page) = match paging(&pairs) {
        Ok(p) => p,
        Err(r) => return r,
    };
    let store = st.lock();
    let Some(d) = id.parse::<u64>().ok().and_then(|i| store.deals.get(&i)) else {
        return not_found();
    };
    let items = d.associated.iter().map(render_assoc).collect();
    collection(
        &headers,
        &format!("/v2/deals/{}/associated_contacts", d.id),
        "associated_contact",
        items,
        page,
        per_page,
    )
}

pub(crate) async fn associate(State(st): St, Path(id): Path<String>, body: Bytes) -> Response {
    let data = match envelope(&body) {
        Ok(d) => d,
        Err(r) => return r,
    };
    let Some(contact) = data.get("contact_id").and_then(Value::as_u64) else {
        return unprocessable("contact_id", "missing", "contact_id is required");
    };
    let role = data.get("role").and_then(Value::as_str).unwrap_or_default();
    if role != "involved" {
        return unprocessable("role", "incorrect_value", "role must be \"involved\"");
    }
    let mut store = st.lock();
    if !store.contacts.iter().any(|c| c.id == contact) {
        return unprocessable("contact_id", "incorrect_value", "no contact has this id");
    }
    let Some(d) = id.parse::<u64>().ok().and_then(|i| store.deals.get_mut(&i)) else {
        return not_found();
    };
    let now = Utc::now();
    let pos = match d.associated.iter().position(|a| a.contact_id == contact) {
        Some(p) => p,
        None => {
            d.associated.push(Associated {
                contact_id: contact,
                role: role.into(),
                created_at: now,
                updated_at: now,
            });
            d.associated.len() - 1
        }
    };
    one("associated_contact", render_assoc(&d.associated[pos]))
}

pub(crate) async fn dissociate(
    State(st): St,
    Path((id, contact)): Path<(String, String)>,
) -> Response {
    let mut store = st.lock();
    let Some(d) = id.parse::<u64>().ok().and_then(|i| store.deals.get_mut(&i)) else {
        return not_found();
    };
    let before = d.associated.len();
    d.associated.retain(|a| a.contact_id.to_string() != contact);
    if d.associated.len() == before {
        return not_found();
    }
    StatusCode::NO_CONTENT.into_response()
}
