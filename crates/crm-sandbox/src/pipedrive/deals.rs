//! Pipedrive v2 deals: list (cursor, filters, sorts), archived, search, get,
//! create, update, delete.

use axum::extract::{Path, RawQuery, State};
use axum::response::Response;
use chrono::Utc;
use serde_json::{json, Value};

use super::{bad, cursor_for, cursor_offset, not_found, ok_data, ok_page, Deal, St};
use crate::util::{parse_time, q, q_list, query_pairs, QueryPairs};

fn int(pairs: &[(String, String)], key: &str) -> Result<Option<u64>, Response> {
    q(pairs, key)
        .map(|v| {
            v.parse::<u64>()
                .map_err(|_| bad(&format!("{key} must be an integer")))
        })
        .transpose()
}

fn limit(pairs: &[(String, String)]) -> Result<usize, Response> {
    let l = int(pairs, "limit")?.unwrap_or(100) as usize;
    if l == 0 || l > 500 {
        return Err(bad("limit must be between 1 and 500"));
    }
    Ok(l)
}

fn list_deals(st: St, raw: Option<String>, archived: bool) -> Response {
    let pairs = query_pairs(raw.as_deref());
    let filters = (|| -> Result<_, Response> {
        Ok((
            int(&pairs, "owner_id")?,
            int(&pairs, "person_id")?,
            int(&pairs, "org_id")?,
            int(&pairs, "pipeline_id")?,
            int(&pairs, "stage_id")?,
            limit(&pairs)?,
            cursor_offset(q(&pairs, "cursor"))?,
        ))
    })();
    let (owner, person, org, pipeline, stage, limit, offset) = match filters {
        Ok(f) => f,
        Err(r) => return r,
    };
    let mut ids = vec![];
    for i in q_list(&pairs, "ids") {
        match i.parse::<u64>() {
            Ok(i) => ids.push(i),
            Err(_) => return bad("ids must be comma-separated integers"),
        }
    }
    if ids.len() > 100 {
        return bad("ids accepts at most 100 ids");
    }
    let statuses = q_list(&pairs, "status");
    if let Some(s) = statuses
        .iter()
        .find(|s| !["open", "won", "lost", "deleted"].contains(&s.as_str()))
    {
        return bad(&format!(
            "status {s:?} is not one of open, won, lost, deleted"
        ));
    }
    let time = |key: &str| -> Result<Option<chrono::DateTime<Utc>>, Response> {
        q(&pairs, key)
            .map(|v| {
                parse_time(v).ok_or_else(|| bad(&format!("{key} must be an RFC 3339 date-time")))
            })
            .transpose()
    };
    let (since, until) = match (time("updated_since"), time("updated_until")) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(r), _) | (_, Err(r)) => return r,
    };
    let sort_by = q(&pairs, "sort_by").unwrap_or("id");
    if !["id", "update_time", "add_time"].contains(&sort_by) {
        return bad("sort_by must be one of id, update_time, add_time");
    }
    let desc = match q(&pairs, "sort_direction").unwrap_or("asc") {
        "asc" => false,
        "desc" => true,
        _ => return bad("sort_direction must be asc or desc"),
    };
    let only_custom = q(&pairs, "custom_fields").map(|_| q_list(&pairs, "custom_fields"));
    let store = st.lock();
    let mut hits: Vec<&Deal> = store
        .deals
        .values()
        .filter(|d| d.is_archived == archived)
        .filter(|d| {
            if statuses.is_empty() {
                !d.is_deleted
            } else {
                statuses.iter().any(|s| {
                    if s == "deleted" {
                        d.is_deleted
                    } else {
                        !d.is_deleted && d.status == *s
                    }
                })
            }
        })
        .filter(|d| ids.is_empty() || ids.contains(&d.id))
        .filter(|d| owner.is_none_or(|o| d.owner_id == o))
        .filter(|d| person.is_none_or(|p| d.person_id == Some(p)))
        .filter(|d| org.is_none_or(|o| d.org_id == Some(o)))
        .filter(|d| pipeline.is_none_or(|p| d.pipeline_id == p))
        .filter(|d| stage.is_none_or(|s| d.stage_id == s))
        .filter(|d| since.is_none_or(|t| d.update_time >= t))
        .filter(|d| until.is_none_or(|t| d.update_time < t))
        .collect();
    hits.sort_by(|a, b| {
        let ord = match sort_by {
            "update_time" => a.update_time.cmp(&b.update_time),
            "add_time" => a.add_time.cmp(&b.add_time),
            _ => std::cmp::Ordering::Equal,
        }
        .then(a.id.cmp(&b.id));
        if desc {
            ord.reverse()
        } else {
            ord
        }
    });
    let page = hits
        .iter()
        .skip(offset)
        .take(limit)
        .map(|d| store.render(d, only_custom.as_deref()))
        .collect();
    let next = (offset + limit < hits.len()).then(|| cursor_for(offset + limit));
    ok_page(page, next)
}

pub(crate) async fn list(st: St, RawQuery(raw): RawQuery) -> Response {
    list_deals(st, raw, false)
}

pub(crate) async fn list_archived(st: St, RawQuery(raw): RawQuery) -> Response {
    list_deals(st, raw, true)
}

pub(crate) async fn get_one(State(st): St, Path(id): Path<String>) -> Response {
    let store = st.lock();
    match store.live(&id) {
        Some(id) => ok_data(store.render(&store.deals[&id], None)),
        None => not_found("Deal not found"),
    }
}

/// Pipedrive's v2 file types a search item's `value` as an integer (the deal itself keeps its
/// decimals): the reduced item carries the value rounded, as the file says.
fn search_value(value: rust_decimal::Decimal) -> Value {
    crate::util::dec_number(value.round())
}

pub(crate) async fn search(State(st): St, QueryPairs(pairs): QueryPairs) -> Response {
    let exact = q(&pairs, "exact_match") == Some("true");
    let Some(term) = q(&pairs, "term")
        .map(str::trim)
        .filter(|t| t.chars().count() >= if exact { 1 } else { 2 })
    else {
        return bad("term is required: at least 2 characters (1 with exact_match)");
    };
    let term = term.to_lowercase();
    let fields = q_list(&pairs, "fields");
    let parsed = (|| -> Result<_, Response> {
        Ok((
            int(&pairs, "person_id")?,
            int(&pairs, "organization_id")?,
            limit(&pairs)?,
            cursor_offset(q(&pairs, "cursor"))?,
        ))
    })();
    let (person, org, limit, offset) = match parsed {
        Ok(x) => x,
        Err(r) => return r,
    };
    let status = q(&pairs, "status");
    let in_field = |f: &str| fields.is_empty() || fields.iter().any(|x| x == f);
    let hit = |text: &str| {
        let text = text.to_lowercase();
        if exact {
            text == term
        } else {
            text.contains(&term)
        }
    };
    let store = st.lock();
    let hits: Vec<(&Deal, f64)> = store
        .deals
        .values()
        .filter(|d| !d.is_deleted)
        .filter(|d| {
            person.is_none_or(|p| d.person_id == Some(p)) && org.is_none_or(|o| d.org_id == Some(o))
        })
        .filter(|d| status.is_none_or(|s| d.status == s))
        .filter_map(|d| {
            let title = in_field("title") && hit(&d.title);
            let custom = in_field("custom_fields")
                && d.custom_fields.values().filter_map(Value::as_str).any(hit);
            (title || custom).then_some((d, if title { 1.0 } else { 0.5 }))
        })
        .collect();
    let named = |list: &[super::Named], id: Option<u64>| {
        id.and_then(|id| list.iter().find(|x| x.id == id))
            .map(|x| json!({ "id": x.id, "name": x.name }))
    };
    let items: Vec<Value> = hits
        .iter()
        .skip(offset)
        .take(limit)
        .map(|(d, score)| {
            let stage = store.stages.iter().find(|s| s.id == d.stage_id).map(|s| s.name.clone()).unwrap_or_default();
            let mut item = json!({
                "id": d.id, "type": "deal", "title": d.title, "value": search_value(d.value),
                "currency": d.currency, "status": d.status, "visible_to": 3, "owner": { "id": d.owner_id },
                "stage": { "id": d.stage_id, "name": stage },
                "custom_fields": d.custom_fields.values().filter_map(Value::as_str).collect::<Vec<_>>(),
                "notes": [], "is_archived": d.is_archived,
            });
            let persons: Vec<super::Named> =
                store.persons.iter().map(|p| super::Named { id: p.id, name: format!("{} {}", p.first, p.last) }).collect();
            if let Some(p) = named(&persons, d.person_id) {
                item["person"] = p;
            }
            if let Some(o) = named(&store.orgs, d.org_id) {
                item["organization"] = o;
            }
            json!({ "result_score": score, "item": item })
        })
        .collect();
    let next = (offset + limit < hits.len()).then(|| cursor_for(offset + limit));
    crate::util::ok(
        json!({ "success": true, "data": { "items": items }, "additional_data": super::additional(next) }),
    )
}
