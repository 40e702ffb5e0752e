//! Pipedrive v2 deals: list (cursor, filters, sorts), archived, search, get,
//! create, update, delete.

use std::collections::BTreeMap;

use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::response::Response;
use chrono::{NaiveDate, Utc};
use serde_json::{json, Map, Value};

use super::{
    bad, cursor_for, cursor_offset, not_found, ok_data, ok_page, Deal, Participant, St, Store,
};
use crate::sandbox::util::{dec_from_json, parse_body, parse_time, q, q_list, query_pairs};

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

fn opt_id(v: &Value, key: &str) -> Result<Option<u64>, Response> {
    match v {
        Value::Null => Ok(None),
        v => v
            .as_u64()
            .map(Some)
            .ok_or_else(|| bad(&format!("{key} must be an integer"))),
    }
}

/// Applies a v2 create/update body to a deal.
fn apply(store: &Store, d: &mut Deal, body: &Map<String, Value>) -> Result<(), Response> {
    let now = Utc::now();
    let mut stage_given = false;
    for (k, v) in body {
        match k.as_str() {
            "title" => {
                d.title = v
                    .as_str()
                    .filter(|s| !s.trim().is_empty())
                    .ok_or_else(|| bad("title must be a non-empty string"))?
                    .into()
            }
            "value" => {
                d.value = dec_from_json(v)
                    .filter(|_| v.is_number())
                    .ok_or_else(|| bad("value must be a number"))?
            }
            "currency" => {
                d.currency = v
                    .as_str()
                    .ok_or_else(|| bad("currency must be a string"))?
                    .into()
            }
            "owner_id" => {
                let o = opt_id(v, k)?.ok_or_else(|| bad("owner_id cannot be null"))?;
                if !store.users.iter().any(|u| u.id == o) {
                    return Err(bad(&format!("User {o} not found")));
                }
                d.owner_id = o;
            }
            "person_id" => {
                let p = opt_id(v, k)?;
                if p.is_some_and(|p| !store.persons.iter().any(|x| x.id == p)) {
                    return Err(bad("Person not found"));
                }
                d.person_id = p;
            }
            "org_id" => {
                let o = opt_id(v, k)?;
                if o.is_some_and(|o| !store.orgs.iter().any(|x| x.id == o)) {
                    return Err(bad("Organization not found"));
                }
                d.org_id = o;
            }
            "pipeline_id" => {
                d.pipeline_id = opt_id(v, k)?.ok_or_else(|| bad("pipeline_id cannot be null"))?;
                if !store.pipelines.iter().any(|p| p.id == d.pipeline_id) {
                    return Err(bad("Pipeline not found"));
                }
                if !stage_given && !body.contains_key("stage_id") {
                    let first = store
                        .stages
                        .iter()
                        .find(|s| s.pipeline_id == d.pipeline_id)
                        .map(|s| s.id);
                    d.stage_id = first.unwrap_or(d.stage_id);
                }
            }
            "stage_id" => {
                let s = opt_id(v, k)?.ok_or_else(|| bad("stage_id cannot be null"))?;
                let st = store
                    .stages
                    .iter()
                    .find(|x| x.id == s)
                    .ok_or_else(|| bad("Stage not found"))?;
                if st.id != d.stage_id {
                    d.stage_change_time = Some(now);
                }
                d.stage_id = s;
                if !body.contains_key("pipeline_id") {
                    d.pipeline_id = st.pipeline_id;
                }
                stage_given = true;
            }
            "status" => {
                let s = v
                    .as_str()
                    .filter(|s| ["open", "won", "lost"].contains(s))
                    .ok_or_else(|| bad("status must be open, won or lost"))?;
                if s != d.status {
                    d.won_time = (s == "won").then_some(now);
                    d.lost_time = (s == "lost").then_some(now);
                    d.close_time = (s != "open").then_some(now);
                }
                d.status = s.into();
            }
            "lost_reason" => d.lost_reason = v.as_str().map(String::from),
            "probability" => {
                d.probability = if v.is_null() {
                    None
                } else {
                    Some(dec_from_json(v).ok_or_else(|| bad("probability must be a number"))?)
                }
            }
            "expected_close_date" => {
                d.expected_close_date = match v {
                    Value::Null => None,
                    Value::String(s) => Some(
                        NaiveDate::parse_from_str(s, "%Y-%m-%d")
                            .map_err(|_| bad("expected_close_date must be YYYY-MM-DD"))?,
                    ),
                    _ => return Err(bad("expected_close_date must be YYYY-MM-DD")),
                }
            }
            "label_ids" => {
                let ids: Vec<u64> = v
                    .as_array()
                    .ok_or_else(|| bad("label_ids must be an array"))?
                    .iter()
                    .filter_map(Value::as_u64)
                    .collect();
                if let Some(bad_id) = ids
                    .iter()
                    .find(|i| !store.labels.iter().any(|l| l.id == **i))
                {
                    return Err(bad(&format!("Label {bad_id} not found")));
                }
                d.label_ids = ids;
            }
            "custom_fields" => {
                for (key, value) in v
                    .as_object()
                    .ok_or_else(|| bad("custom_fields must be an object"))?
                {
                    let field = store
                        .custom
                        .iter()
                        .find(|f| f.key == *key)
                        .ok_or_else(|| bad(&format!("Unknown custom field {key}")))?;
                    if !field.options.is_empty()
                        && !value.is_null()
                        && !value
                            .as_str()
                            .is_some_and(|s| field.options.iter().any(|o| o == s))
                    {
                        return Err(bad(&format!("{value} is not an option of {}", field.name)));
                    }
                    if value.is_null() {
                        d.custom_fields.remove(key);
                    } else {
                        d.custom_fields.insert(key.clone(), value.clone());
                    }
                }
            }
            "visible_to" | "is_deleted" | "is_archived" | "archive_time" | "close_time"
            | "won_time" | "lost_time" | "add_time" => {}
            other => return Err(bad(&format!("Unknown field {other}"))),
        }
    }
    if !store
        .stages
        .iter()
        .any(|s| s.id == d.stage_id && s.pipeline_id == d.pipeline_id)
    {
        return Err(bad("stage_id does not belong to pipeline_id"));
    }
    d.update_time = now;
    Ok(())
}

pub(crate) async fn create(State(st): St, body: Bytes) -> Response {
    let input: Map<String, Value> = match parse_body(&body, bad) {
        Ok(v) => v,
        Err(r) => return r,
    };
    if input
        .get("title")
        .and_then(Value::as_str)
        .is_none_or(|t| t.trim().is_empty())
    {
        return bad("title is required");
    }
    let mut store = st.lock();
    let now = Utc::now();
    let first_stage = &store.stages[0];
    let mut d = Deal {
        id: store.next_deal,
        title: String::new(),
        value: Default::default(),
        currency: "USD".into(),
        owner_id: store.me,
        creator_id: store.me,
        person_id: None,
        org_id: None,
        pipeline_id: first_stage.pipeline_id,
        stage_id: first_stage.id,
        status: "open".into(),
        is_deleted: false,
        is_archived: false,
        add_time: now,
        update_time: now,
        stage_change_time: None,
        won_time: None,
        lost_time: None,
        close_time: None,
        lost_reason: None,
        probability: None,
        expected_close_date: None,
        label_ids: vec![],
        custom_fields: BTreeMap::new(),
        followers: vec![],
        participants: vec![],
    };
    if let Err(r) = apply(&store, &mut d, &input) {
        return r;
    }
    d.followers.push(super::Follower {
        user_id: d.owner_id,
        add_time: now,
    });
    if let Some(p) = d.person_id {
        d.participants.push(Participant {
            id: store.next_participant,
            person_id: p,
            add_time: now,
        });
        store.next_participant += 1;
    }
    store.next_deal += 1;
    let v = store.render(&d, None);
    store.deals.insert(d.id, d);
    ok_data(v)
}

pub(crate) async fn update(State(st): St, Path(id): Path<String>, body: Bytes) -> Response {
    let input: Map<String, Value> = match parse_body(&body, bad) {
        Ok(v) => v,
        Err(r) => return r,
    };
    let mut store = st.lock();
    let Some(id) = store.live(&id) else {
        return not_found("Deal not found");
    };
    let mut d = store.deals[&id].clone();
    if let Err(r) = apply(&store, &mut d, &input) {
        return r;
    }
    if let Some(p) = d
        .person_id
        .filter(|p| !d.participants.iter().any(|x| x.person_id == *p))
    {
        d.participants.push(Participant {
            id: store.next_participant,
            person_id: p,
            add_time: Utc::now(),
        });
        store.next_participant += 1;
    }
    let v = store.render(&d, None);
    store.deals.insert(id, d);
    ok_data(v)
}

pub(crate) async fn remove(State(st): St, Path(id): Path<String>) -> Response {
    let mut store = st.lock();
    let Some(id) = store.live(&id) else {
        return not_found("Deal not found");
    };
    if let Some(d) = store.deals.get_mut(&id) {
        d.is_deleted = true;
        d.update_time = Utc::now();
    }
    ok_data(json!({ "id": id }))
}

pub(crate) async fn search(State(st): St, RawQuery(raw): RawQuery) -> Response {
    let pairs = query_pairs(raw.as_deref());
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
                "id": d.id, "type": "deal", "title": d.title, "value": crate::sandbox::util::dec_number(d.value),
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
    crate::sandbox::util::ok(
        json!({ "success": true, "data": { "items": items }, "additional_data": { "next_cursor": next } }),
    )
}
