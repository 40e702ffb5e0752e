//! HubSpot v3 deal objects: list, get, create, update, archive, merge, batches.

use std::collections::BTreeMap;

use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use serde_json::{json, Map, Value};

use super::validate::apply;
use super::{assoc, bad, history, not_found, Deal, St, Store};
use crate::util::{array_items, json, ok, parse_body, q, q_list, query_pairs, QueryPairs};

/// An id given as a JSON string or number.
pub(crate) fn id_text(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn limit_of(pairs: &[(String, String)], default: usize, max: usize) -> Result<usize, Response> {
    let limit = match q(pairs, "limit") {
        None => default,
        Some(l) => l.parse().map_err(|_| bad("limit must be an integer"))?,
    };
    if limit == 0 || limit > max {
        return Err(bad(&format!("limit must be between 1 and {max}")));
    }
    Ok(limit)
}

pub(crate) async fn list(State(st): St, QueryPairs(pairs): QueryPairs) -> Response {
    let limit = match limit_of(&pairs, 10, 100) {
        Ok(l) => l,
        Err(r) => return r,
    };
    let after: u64 = match q(&pairs, "after").map(str::parse).transpose() {
        Ok(a) => a.unwrap_or(0),
        Err(_) => return bad("after must be a cursor returned in paging.next.after"),
    };
    let props = q_list(&pairs, "properties");
    let with_history = with_history(&pairs);
    let assocs = q_list(&pairs, "associations");
    let archived = q(&pairs, "archived") == Some("true");
    let store = st.lock();
    let mut matching = store
        .deals
        .range(after + 1..)
        .map(|(_, d)| d)
        .filter(|d| d.archived_at.is_some() == archived);
    let page: Vec<&Deal> = matching.by_ref().take(limit).collect();
    let more = matching.next().is_some();
    let results: Vec<Value> = page
        .iter()
        .map(|d| {
            let mut v = store.render_with_history(d, &props, with_history.as_deref());
            if let Some(a) = store.render_assoc(d, &assocs) {
                v["associations"] = a;
            }
            v
        })
        .collect();
    let mut body = json!({ "results": results });
    if let (true, Some(last)) = (more, page.last()) {
        body["paging"] = json!({ "next": { "after": last.id.to_string(), "link": format!("?after={}", last.id) } });
    }
    ok(body)
}

/// The properties `propertiesWithHistory` names, when the request gave it.
fn with_history(pairs: &[(String, String)]) -> Option<Vec<String>> {
    q(pairs, "propertiesWithHistory").map(|_| q_list(pairs, "propertiesWithHistory"))
}

/// Finds a deal by id, or by a unique property when `id_property` names one.
pub(crate) fn find(
    store: &Store,
    id: &str,
    id_property: Option<&str>,
    archived: bool,
) -> Option<u64> {
    match id_property.filter(|p| *p != "hs_object_id") {
        Some(p) if !archived && super::index::is_unique(p) => {
            store.unique.find(&store.deals, p, id)
        }
        Some(p) => store
            .deals
            .values()
            .find(|d| {
                d.archived_at.is_some() == archived
                    && d.properties.get(p).map(String::as_str) == Some(id)
            })
            .map(|d| d.id),
        None if archived => id
            .parse()
            .ok()
            .filter(|i| store.deals.get(i).is_some_and(|d| d.archived_at.is_some())),
        None => store.resolve(id),
    }
}

pub(crate) async fn get_one(
    State(st): St,
    Path(id): Path<String>,
    QueryPairs(pairs): QueryPairs,
) -> Response {
    let store = st.lock();
    let archived = q(&pairs, "archived") == Some("true");
    let Some(found) = find(&store, &id, q(&pairs, "idProperty"), archived) else {
        return not_found(&id);
    };
    let d = &store.deals[&found];
    let mut v = store.render_with_history(
        d,
        &q_list(&pairs, "properties"),
        with_history(&pairs).as_deref(),
    );
    if let Some(a) = store.render_assoc(d, &q_list(&pairs, "associations")) {
        v["associations"] = a;
    }
    ok(v)
}

/// Creates a deal from `{properties, associations?}`; returns its id.
pub(crate) fn create_one(store: &mut Store, input: &Value) -> Result<u64, Response> {
    let empty = Map::new();
    let given = match input.get("properties") {
        Some(Value::Object(m)) => m,
        None => &empty,
        Some(_) => return Err(bad("properties must be an object")),
    };
    let mut props = BTreeMap::new();
    apply(store, &mut props, given, None)?;
    let mut links = vec![];
    for a in array_items(input, "associations") {
        let to =
            id_text(a.pointer("/to/id")).ok_or_else(|| bad("associations[].to.id is required"))?;
        let types: Vec<u32> = array_items(a, "types")
            .filter_map(|t| t.get("associationTypeId").and_then(Value::as_u64))
            .map(|t| t as u32)
            .collect();
        let target = types.first().and_then(|t| assoc::target_of(*t)).ok_or_else(|| {
            bad("associations[].types must hold a valid associationTypeId from deals to contacts or companies")
        })?;
        links.push((target, to, types));
    }
    let id = store.next_id;
    let now = Utc::now();
    let mut deal = Deal {
        id,
        properties: props,
        created_at: now,
        updated_at: now,
        archived_at: None,
        assoc: vec![],
        history: BTreeMap::new(),
    };
    history::record(&mut deal, &BTreeMap::new(), now);
    store.deals.insert(id, deal);
    for (target, to, types) in &links {
        if let Err(r) = assoc::add(store, id, target, to, types) {
            store.deals.remove(&id);
            return Err(r);
        }
    }
    store.unique.add(&store.deals[&id]);
    store.next_id += 1;
    Ok(id)
}

pub(crate) fn created_view(store: &Store, id: u64, given: &Value) -> Value {
    let mut names: Vec<String> = super::DEFAULT_PROPERTIES
        .iter()
        .map(|s| s.to_string())
        .collect();
    if let Some(m) = given.get("properties").and_then(Value::as_object) {
        names.extend(
            m.keys()
                .filter(|k| !names.contains(k))
                .cloned()
                .collect::<Vec<_>>(),
        );
    }
    store.render(&store.deals[&id], &names)
}

pub(crate) async fn create(State(st): St, body: Bytes) -> Response {
    let input: Value = match parse_body(&body, bad) {
        Ok(v) => v,
        Err(r) => return r,
    };
    let mut store = st.lock();
    match create_one(&mut store, &input) {
        Ok(id) => json(StatusCode::CREATED, created_view(&store, id, &input)),
        Err(r) => r,
    }
}

pub(crate) fn update_one(store: &mut Store, id: u64, input: &Value) -> Result<(), Response> {
    let given = input
        .get("properties")
        .and_then(Value::as_object)
        .ok_or_else(|| bad("properties must be an object"))?;
    let mut props = store.deals[&id].properties.clone();
    apply(store, &mut props, given, Some(id))?;
    let d = store
        .deals
        .get_mut(&id)
        .ok_or_else(|| not_found(&id.to_string()))?;
    let before = std::mem::replace(&mut d.properties, props);
    d.updated_at = Utc::now();
    let at = d.updated_at;
    history::record(d, &before, at);
    store.unique.add(&store.deals[&id]);
    Ok(())
}

pub(crate) async fn update(
    State(st): St,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
    body: Bytes,
) -> Response {
    let pairs = query_pairs(raw.as_deref());
    let input: Value = match parse_body(&body, bad) {
        Ok(v) => v,
        Err(r) => return r,
    };
    let mut store = st.lock();
    let Some(found) = find(&store, &id, q(&pairs, "idProperty"), false) else {
        return not_found(&id);
    };
    match update_one(&mut store, found, &input) {
        Ok(()) => ok(created_view(&store, found, &input)),
        Err(r) => r,
    }
}

pub(crate) async fn archive(State(st): St, Path(id): Path<String>) -> Response {
    let mut store = st.lock();
    // Archiving an unknown or archived deal is accepted silently, as HubSpot does.
    if let Some(found) = store.resolve(&id) {
        if let Some(d) = store.deals.get_mut(&found) {
            d.archived_at = Some(Utc::now());
        }
    }
    StatusCode::NO_CONTENT.into_response()
}

pub(crate) async fn merge(State(st): St, body: Bytes) -> Response {
    let input: Value = match parse_body(&body, bad) {
        Ok(v) => v,
        Err(r) => return r,
    };
    let (Some(keep), Some(other)) = (
        id_text(input.get("primaryObjectId")),
        id_text(input.get("objectIdToMerge")),
    ) else {
        return bad("primaryObjectId and objectIdToMerge are required");
    };
    let mut store = st.lock();
    let Some(keep_id) = store.resolve(&keep) else {
        return not_found(&keep);
    };
    let Some(other_id) = store.resolve(&other) else {
        return not_found(&other);
    };
    if keep_id == other_id {
        return bad("Cannot merge an object with itself");
    }
    let (Some(primary), Some(merged)) =
        (store.deals.remove(&keep_id), store.deals.remove(&other_id))
    else {
        return not_found(&keep);
    };
    let new_id = store.next_id;
    store.next_id += 1;
    let mut props = merged.properties.clone();
    props.extend(primary.properties.clone());
    props.insert(
        "hs_merged_object_ids".into(),
        format!("{};{}", merged.id, primary.id),
    );
    let mut assoc_all = primary.assoc.clone();
    for a in merged.assoc {
        match assoc_all
            .iter_mut()
            .find(|b| b.to_type == a.to_type && b.to_id == a.to_id)
        {
            Some(b) => b.types.extend(a.types.into_iter().filter(|t| *t != 5)),
            None => assoc_all.push(super::Assoc {
                types: a.types.into_iter().filter(|t| *t != 5).collect(),
                ..a
            }),
        }
    }
    for a in &mut assoc_all {
        a.types.sort_unstable();
        a.types.dedup();
    }
    let mut deal = Deal {
        id: new_id,
        properties: props,
        created_at: primary.created_at.min(merged.created_at),
        updated_at: Utc::now(),
        archived_at: None,
        assoc: assoc_all,
        history: BTreeMap::new(),
    };
    let at = deal.updated_at;
    history::record_merge(&mut deal, &primary.history, &merged.history, at);
    store.deals.insert(new_id, deal);
    store.unique.add(&store.deals[&new_id]);
    for target in store.aliases.values_mut() {
        if *target == keep_id || *target == other_id {
            *target = new_id;
        }
    }
    store.aliases.insert(keep_id, new_id);
    store.aliases.insert(other_id, new_id);
    ok(store.render(&store.deals[&new_id], &[]))
}
