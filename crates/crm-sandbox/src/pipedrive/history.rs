//! What changed on a deal: every field change an API write made, kept on the deal itself (so it
//! is saved in the same transaction as the change), served as the v1 changelog and as the
//! `dealChange` items of the v1 flow.
//!
//! Documents: seed 003 "List updates about deal field values" and "List updates about a deal";
//! specs/pipedrive/openapi-v1.yaml `GET /deals/{id}/changelog` (getDealChangelog) and
//! `GET /deals/{id}/flow` (getDealUpdates). A deal's creation is not a change of a field.

use axum::extract::{Path, State};
use axum::http::{header, HeaderMap};
use axum::response::Response;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use super::extra::v1_time;
use super::{bad, not_found, Deal, St};
use crate::util::{dec_number, ok, q, QueryPairs};

/// One field's change, as the changelog reports it.
#[derive(Serialize, Deserialize, Clone)]
pub(crate) struct Change {
    /// Numbers the changes of the whole store (the flow item's `id`, the changelog's cursor).
    pub id: u64,
    pub field_key: String,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
    pub actor_user_id: u64,
    pub time: DateTime<Utc>,
    /// `change_source`: `api` for the sandbox's writes, `app` for the demo deals' past moves.
    pub source: String,
    pub user_agent: Option<String>,
}

/// Who made a write and from where: the token's user and the request's `User-Agent`.
pub(crate) struct Author {
    pub user_id: u64,
    pub user_agent: Option<String>,
}

impl Author {
    pub(crate) fn of(user_id: u64, headers: &HeaderMap) -> Author {
        let user_agent = headers
            .get(header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .map(String::from);
        Author {
            user_id,
            user_agent,
        }
    }
}

/// The deal's recorded fields under their v1 keys (Pipedrive's v1 names the owner `user_id`
/// and the labels `label`; custom fields go by their hash key), each as the changelog's string.
fn fields(d: &Deal) -> Vec<(String, Option<String>)> {
    let id = |x: Option<u64>| x.map(|x| x.to_string());
    let mut out = vec![
        ("title".to_string(), Some(d.title.clone())),
        ("value".into(), Some(dec_number(d.value).to_string())),
        ("currency".into(), Some(d.currency.clone())),
        ("user_id".into(), id(Some(d.owner_id))),
        ("person_id".into(), id(d.person_id)),
        ("org_id".into(), id(d.org_id)),
        ("pipeline_id".into(), id(Some(d.pipeline_id))),
        ("stage_id".into(), id(Some(d.stage_id))),
        ("status".into(), Some(d.status.clone())),
        ("lost_reason".into(), d.lost_reason.clone()),
        (
            "probability".into(),
            d.probability.map(|p| dec_number(p).to_string()),
        ),
        (
            "expected_close_date".into(),
            d.expected_close_date.map(|x| x.to_string()),
        ),
        (
            "label".into(),
            (!d.label_ids.is_empty()).then(|| {
                let ids: Vec<String> = d.label_ids.iter().map(u64::to_string).collect();
                ids.join(",")
            }),
        ),
    ];
    for (key, value) in &d.custom_fields {
        let text = match value {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        out.push((key.clone(), Some(text)));
    }
    out
}

/// Records on `after` each field that differs from `before`, numbering the changes from
/// `next_id`.
pub(crate) fn record(before: &Deal, after: &mut Deal, author: &Author, next_id: &mut u64) {
    let old = fields(before);
    let new = fields(after);
    let value_in = |list: &[(String, Option<String>)], key: &str| {
        list.iter()
            .find(|(k, _)| k == key)
            .and_then(|(_, v)| v.clone())
    };
    let mut keys: Vec<&String> = new.iter().map(|(k, _)| k).collect();
    keys.extend(
        old.iter()
            .map(|(k, _)| k)
            .filter(|k| !new.iter().any(|(n, _)| n == *k)),
    );
    let now = Utc::now();
    for key in keys {
        let (was, is) = (value_in(&old, key), value_in(&new, key));
        if was != is {
            after.changes.push(Change {
                id: *next_id,
                field_key: key.clone(),
                old_value: was,
                new_value: is,
                actor_user_id: author.user_id,
                time: now,
                source: "api".into(),
                user_agent: author.user_agent.clone(),
            });
            *next_id += 1;
        }
    }
}

fn int_param(pairs: &[(String, String)], key: &str) -> Result<Option<usize>, Response> {
    q(pairs, key)
        .map(|v| {
            v.parse::<usize>()
                .map_err(|_| bad(&format!("{key} must be an integer")))
        })
        .transpose()
}

fn page_limit(pairs: &[(String, String)]) -> Result<usize, Response> {
    match int_param(pairs, "limit")? {
        None => Ok(100),
        Some(l) if (1..=500).contains(&l) => Ok(l),
        Some(_) => Err(bad("limit must be between 1 and 500")),
    }
}

/// `GET /api/v1/deals/{id}/changelog?cursor&limit` (getDealChangelog): newest first; the
/// cursor names the first change of the next page, and `next_cursor` is null on the last page
/// (the spec: "will be `null` if you have reached the end of the dataset").
pub(crate) async fn changelog(
    State(st): St,
    Path(id): Path<String>,
    QueryPairs(pairs): QueryPairs,
) -> Response {
    let limit = match page_limit(&pairs) {
        Ok(l) => l,
        Err(r) => return r,
    };
    let from = match q(&pairs, "cursor").filter(|c| !c.is_empty()) {
        None => u64::MAX,
        Some(c) => match c.strip_prefix("chg:").and_then(|n| n.parse().ok()) {
            Some(n) => n,
            None => return bad("Invalid cursor"),
        },
    };
    let store = st.lock();
    let Some(id) = store.live(&id) else {
        return not_found("Deal not found");
    };
    let mut newest_first = store.deals[&id]
        .changes
        .iter()
        .rev()
        .filter(|c| c.id <= from);
    let page: Vec<Value> = newest_first
        .by_ref()
        .take(limit)
        .map(|c| {
            json!({
                "field_key": c.field_key, "old_value": c.old_value, "new_value": c.new_value,
                "actor_user_id": c.actor_user_id, "time": v1_time(c.time), "change_source": c.source,
                "change_source_user_agent": c.user_agent, "is_bulk_update_flag": false,
            })
        })
        .collect();
    let next = newest_first.next().map(|c| format!("chg:{}", c.id));
    ok(json!({ "success": true, "data": page, "additional_data": { "next_cursor": next } }))
}

/// `GET /api/v1/deals/{id}/flow?start&limit&all_changes&items` (getDealUpdates): the deal's
/// `dealChange` items (the sandbox keeps no notes, activities, mail or files), newest first;
/// custom field changes only with `all_changes=1` ("If omitted returns changes without custom
/// field updates"); `items` without `dealChange` lists nothing. Paged by `start`/`limit`, the
/// answer's `additional_data` being `{start, limit, more_items_in_collection}` as the spec's
/// GetDealUpdatesResponse has it.
pub(crate) async fn flow(
    State(st): St,
    Path(id): Path<String>,
    QueryPairs(pairs): QueryPairs,
) -> Response {
    let (start, limit) = match (int_param(&pairs, "start"), page_limit(&pairs)) {
        (Ok(s), Ok(l)) => (s.unwrap_or(0), l),
        (Err(r), _) | (_, Err(r)) => return r,
    };
    let all_changes = q(&pairs, "all_changes") == Some("1");
    let wanted =
        q(&pairs, "items").is_none_or(|items| items.split(',').any(|i| i.trim() == "dealChange"));
    let store = st.lock();
    let Some(id) = store.live(&id) else {
        return not_found("Deal not found");
    };
    let deal = &store.deals[&id];
    let items: Vec<&Change> = deal
        .changes
        .iter()
        .rev()
        .filter(|_| wanted)
        .filter(|c| all_changes || !store.custom.iter().any(|f| f.key == c.field_key))
        .collect();
    let page: Vec<Value> = items
        .iter()
        .skip(start)
        .take(limit)
        .map(|c| {
            let time = v1_time(c.time);
            json!({
                "object": "dealChange",
                "timestamp": time,
                "data": {
                    "id": c.id, "item_id": id, "user_id": c.actor_user_id, "field_key": c.field_key,
                    "old_value": c.old_value, "new_value": c.new_value, "is_bulk_update_flag": false,
                    "log_time": time, "change_source": c.source, "change_source_user_agent": c.user_agent,
                    "additional_data": {},
                },
            })
        })
        .collect();
    let more = start + limit < items.len();
    ok(json!({
        "success": true,
        "data": page,
        "additional_data": { "start": start, "limit": limit, "more_items_in_collection": more },
    }))
}
