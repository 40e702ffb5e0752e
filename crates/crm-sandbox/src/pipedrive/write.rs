//! Pipedrive v2 deal writes: create, update, delete.

use std::collections::BTreeMap;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use chrono::{NaiveDate, Utc};
use serde_json::{json, Map, Value};

use super::history::{self, Author};
use super::{bad, not_found, ok_data, Deal, Participant, St, Store};
use crate::util::{dec_from_json, parse_body};

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
            // person_id, org_id and expected_close_date are non-nullable in the v2 PATCH/POST
            // schemas (openapi-v2.yaml), and v2 validates input strictly (Pipedrive's v2
            // migration guide): null is refused, as it is for owner_id.
            "person_id" => {
                let p = Some(opt_id(v, k)?.ok_or_else(|| bad("person_id must be an integer"))?);
                if p.is_some_and(|p| !store.persons.iter().any(|x| x.id == p)) {
                    return Err(bad("Person not found"));
                }
                d.person_id = p;
            }
            "org_id" => {
                let o = Some(opt_id(v, k)?.ok_or_else(|| bad("org_id must be an integer"))?);
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
                    // Pipedrive takes an option field's value as the option id (`dealFields`
                    // numbers them from 1); the emulator keeps the label.
                    let option_label = value
                        .as_u64()
                        .and_then(|i| field.options.get((i as usize).checked_sub(1)?))
                        .map(|l| Value::String(l.clone()));
                    let value = &option_label.unwrap_or_else(|| value.clone());
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
            // The v2 file: "is_archived: Whether the deal is archived or not" is writable on
            // PATCH /deals/{id} (Pipedrive's own archive, a live deal put aside).
            "is_archived" => {
                d.is_archived = v
                    .as_bool()
                    .ok_or_else(|| bad("is_archived must be a boolean"))?
            }
            "visible_to" | "is_deleted" | "archive_time" | "close_time" | "won_time"
            | "lost_time" | "add_time" => {}
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
        changes: vec![],
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

/// `PATCH /api/v2/deals/{id}`; each field it changes is recorded for the changelog
/// (`history.rs`).
pub(crate) async fn update(
    State(st): St,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
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
    let author = Author::of(store.me, &headers);
    let mut next_change = store.next_change;
    history::record(&store.deals[&id], &mut d, &author, &mut next_change);
    store.next_change = next_change;
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
