//! Pipedrive followers (v2), participants and merge (v1), pipelines, stages,
//! deal fields (v2) and users (v1).

use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::response::Response;
use chrono::{DateTime, Utc};
use serde_json::{json, Value};

use super::{
    bad, cursor_for, cursor_offset, not_found, ok_data, ok_page, Deal, Follower, Participant, St,
    Store,
};
use crate::util::{dec_number, iso, json, parse_body, q, query_pairs, QueryPairs};

/// v1 times: `YYYY-MM-DD HH:MM:SS`.
pub(crate) fn v1_time(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%d %H:%M:%S").to_string()
}

pub(crate) fn paged(items: Vec<Value>, raw: Option<&str>) -> Response {
    let pairs = query_pairs(raw);
    let offset = match cursor_offset(q(&pairs, "cursor")) {
        Ok(o) => o,
        Err(r) => return r,
    };
    let limit: usize = q(&pairs, "limit")
        .and_then(|l| l.parse().ok())
        .unwrap_or(100)
        .clamp(1, 500);
    let next = (offset + limit < items.len()).then(|| cursor_for(offset + limit));
    ok_page(items.into_iter().skip(offset).take(limit).collect(), next)
}

pub(crate) async fn followers(
    State(st): St,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
) -> Response {
    let store = st.lock();
    let Some(id) = store.live(&id) else {
        return not_found("Deal not found");
    };
    let items = store.deals[&id]
        .followers
        .iter()
        .map(|f| json!({ "user_id": f.user_id, "add_time": iso(f.add_time) }))
        .collect();
    paged(items, raw.as_deref())
}

/// The id a body of these deal actions carries at `key` (`user_id`, `person_id`,
/// `merge_with_id`), or Pipedrive's 400 when the body is not JSON or the id is missing.
fn id_in_body(body: &Bytes, key: &str) -> Result<u64, Response> {
    let input: Value = parse_body(body, bad)?;
    input
        .get(key)
        .and_then(Value::as_u64)
        .ok_or_else(|| bad(&format!("{key} is required")))
}

pub(crate) async fn follow(State(st): St, Path(id): Path<String>, body: Bytes) -> Response {
    let user = match id_in_body(&body, "user_id") {
        Ok(id) => id,
        Err(r) => return r,
    };
    let mut store = st.lock();
    let Some(id) = store.live(&id) else {
        return not_found("Deal not found");
    };
    if !store.users.iter().any(|u| u.id == user) {
        return bad(&format!("User {user} not found"));
    }
    let Some(d) = store.deals.get_mut(&id) else {
        return not_found("Deal not found");
    };
    if d.followers.iter().any(|f| f.user_id == user) {
        return bad("The user is already following this deal");
    }
    let f = Follower {
        user_id: user,
        add_time: Utc::now(),
    };
    let v =
        json!({ "success": true, "data": { "user_id": f.user_id, "add_time": iso(f.add_time) } });
    d.followers.push(f);
    json(axum::http::StatusCode::CREATED, v)
}

/// Removes the items matching `gone`; whether there was one.
fn remove<T>(items: &mut Vec<T>, gone: impl Fn(&T) -> bool) -> bool {
    let before = items.len();
    items.retain(|item| !gone(item));
    items.len() != before
}

pub(crate) async fn unfollow(State(st): St, Path((id, user)): Path<(String, String)>) -> Response {
    let mut store = st.lock();
    let Some(d) = store.live_mut(&id) else {
        return not_found("Deal not found");
    };
    if !remove(&mut d.followers, |f| f.user_id.to_string() == user) {
        return not_found("Follower not found");
    }
    ok_data(json!({ "user_id": user.parse::<u64>().unwrap_or_default() }))
}

fn participant(store: &Store, d: &Deal, p: &Participant) -> Value {
    let person = store.persons.iter().find(|x| x.id == p.person_id);
    let name = person
        .map(|x| format!("{} {}", x.first, x.last))
        .unwrap_or_default();
    let email = person
        .map(|x| json!([{ "value": x.email, "primary": true, "label": "work" }]))
        .unwrap_or(json!([]));
    json!({
        "id": p.id,
        "person_id": { "active_flag": true, "name": name, "email": email, "phone": [], "owner_id": d.owner_id, "value": p.person_id },
        "add_time": v1_time(p.add_time),
        "active_flag": true,
        "related_item_data": { "deal_id": d.id, "title": d.title },
        "person": {
            "id": p.person_id, "name": name, "first_name": person.map(|x| x.first.clone()),
            "last_name": person.map(|x| x.last.clone()), "email": email, "phone": [], "active_flag": true,
        },
        "related_item_type": "deal",
        "related_item_id": d.id,
    })
}

pub(crate) async fn participants(
    State(st): St,
    Path(id): Path<String>,
    QueryPairs(pairs): QueryPairs,
) -> Response {
    let start: usize = q(&pairs, "start").and_then(|s| s.parse().ok()).unwrap_or(0);
    let limit: usize = q(&pairs, "limit")
        .and_then(|s| s.parse().ok())
        .unwrap_or(100)
        .clamp(1, 500);
    let store = st.lock();
    let Some(id) = store.live(&id) else {
        return not_found("Deal not found");
    };
    let d = &store.deals[&id];
    let data: Vec<Value> = d
        .participants
        .iter()
        .skip(start)
        .take(limit)
        .map(|p| participant(&store, d, p))
        .collect();
    let more = start + limit < d.participants.len();
    let mut pagination =
        json!({ "start": start, "limit": limit, "more_items_in_collection": more });
    if more {
        pagination["next_start"] = json!(start + limit);
    }
    crate::util::ok(json!({ "success": true, "data": data, "additional_data": pagination }))
}

pub(crate) async fn add_participant(
    State(st): St,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    let person = match id_in_body(&body, "person_id") {
        Ok(id) => id,
        Err(r) => return r,
    };
    let mut store = st.lock();
    let Some(id) = store.live(&id) else {
        return not_found("Deal not found");
    };
    if !store.persons.iter().any(|p| p.id == person) {
        return bad("Person not found");
    }
    if store.deals[&id]
        .participants
        .iter()
        .any(|p| p.person_id == person)
    {
        return bad("This person is already a participant of the deal");
    }
    let p = Participant {
        id: store.next_participant,
        person_id: person,
        add_time: Utc::now(),
    };
    store.next_participant += 1;
    let v = participant(&store, &store.deals[&id], &p);
    if let Some(d) = store.deals.get_mut(&id) {
        d.participants.push(p);
    }
    ok_data(v)
}

pub(crate) async fn remove_participant(
    State(st): St,
    Path((id, pid)): Path<(String, String)>,
) -> Response {
    let mut store = st.lock();
    let Some(d) = store.live_mut(&id) else {
        return not_found("Deal not found");
    };
    if !remove(&mut d.participants, |p| p.id.to_string() == pid) {
        return not_found("Participant not found");
    }
    ok_data(json!({ "id": pid.parse::<u64>().unwrap_or_default() }))
}

/// `PUT /api/v1/deals/{id}/merge {merge_with_id}`: the `merge_with_id` deal survives,
/// the deal in the path is removed.
/// The survivor's fields the merge changes are recorded for the changelog (`history.rs`).
pub(crate) async fn merge(
    State(st): St,
    Path(id): Path<String>,
    headers: axum::http::HeaderMap,
    body: Bytes,
) -> Response {
    let keep = match id_in_body(&body, "merge_with_id") {
        Ok(id) => id,
        Err(r) => return r,
    };
    let mut store = st.lock();
    let Some(gone) = store.live(&id).filter(|g| !store.deals[g].is_deleted) else {
        return not_found("Deal not found");
    };
    if store.deals.get(&keep).is_none_or(|d| d.is_deleted) {
        return not_found("Deal to merge with not found");
    }
    if gone == keep {
        return bad("A deal cannot be merged with itself");
    }
    let Some(removed) = store.deals.remove(&gone) else {
        return not_found("Deal not found");
    };
    let Some(mut survivor) = store.deals.remove(&keep) else {
        return not_found("Deal not found");
    };
    let before = survivor.clone();
    for f in removed.followers {
        if !survivor.followers.iter().any(|x| x.user_id == f.user_id) {
            survivor.followers.push(f);
        }
    }
    for p in removed.participants {
        if !survivor
            .participants
            .iter()
            .any(|x| x.person_id == p.person_id)
        {
            survivor.participants.push(p);
        }
    }
    survivor.person_id = survivor.person_id.or(removed.person_id);
    survivor.org_id = survivor.org_id.or(removed.org_id);
    survivor.update_time = Utc::now();
    let author = super::history::Author::of(store.me, &headers);
    let mut next_change = store.next_change;
    super::history::record(&before, &mut survivor, &author, &mut next_change);
    store.next_change = next_change;
    let mut v = json!({
        "id": survivor.id, "creator_user_id": survivor.creator_id, "user_id": survivor.owner_id,
        "stage_id": survivor.stage_id, "title": survivor.title, "value": dec_number(survivor.value),
        "currency": survivor.currency, "add_time": v1_time(survivor.add_time), "update_time": v1_time(survivor.update_time),
        "active": survivor.status == "open", "deleted": survivor.is_deleted, "is_archived": survivor.is_archived,
        "status": survivor.status, "probability": survivor.probability.map(dec_number), "lost_reason": survivor.lost_reason,
        "visible_to": "3", "close_time": survivor.close_time.map(v1_time), "pipeline_id": survivor.pipeline_id,
        "participants_count": survivor.participants.len(), "followers_count": survivor.followers.len(),
        "merge_what_id": gone,
    });
    if let Some(p) = survivor.person_id {
        v["person_id"] = json!(p);
    }
    if let Some(o) = survivor.org_id {
        v["org_id"] = json!(o);
    }
    if let Some(d) = survivor.expected_close_date {
        v["expected_close_date"] = json!(d.to_string());
    }
    store.deals.insert(keep, survivor);
    ok_data(v)
}
