//! HubSpot v3 deal objects: list, get, create, update, archive, merge, batches.

use std::collections::BTreeMap;
use std::str::FromStr;

use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use rust_decimal::Decimal;
use serde_json::{json, Map, Value};

use super::{assoc, bad, date_ms, meta, not_found, Deal, St, Store, V};
use crate::sandbox::errors;
use crate::sandbox::util::{iso_ms, json, ok, parse_body, q, q_list, query_pairs};

/// An id given as a JSON string or number.
pub(crate) fn id_text(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Applies property values to `props`, validating them as HubSpot does.
pub(crate) fn apply(
    store: &Store,
    props: &mut BTreeMap<String, String>,
    input: &Map<String, Value>,
    me: Option<u64>,
) -> Result<(), Response> {
    for (name, value) in input {
        let Some(def) = meta::property(name) else {
            return Err(errors::error_with(
                V,
                StatusCode::BAD_REQUEST,
                "VALIDATION_ERROR",
                &format!("Property values were not valid: Property \"{name}\" does not exist"),
                Some(name),
            ));
        };
        if def.read_only {
            return Err(bad(&format!("Property values were not valid: \"{name}\" is a read only property; its value cannot be set.")));
        }
        let text = match value {
            Value::String(s) => s.clone(),
            Value::Number(n) => n.to_string(),
            Value::Bool(b) => b.to_string(),
            _ => {
                return Err(bad(&format!(
                "Property values were not valid: \"{name}\" must be a string (clear it with \"\")"
            )))
            }
        };
        if text.is_empty() {
            props.remove(name);
            continue;
        }
        let invalid = |why: &str| {
            bad(&format!("Property values were not valid: {text:?} is not a valid value for \"{name}\": {why}"))
        };
        let text = match name.as_str() {
            "amount" => {
                Decimal::from_str(text.trim()).map_err(|_| invalid("expected a number"))?;
                text
            }
            "closedate" => {
                let ms = date_ms(&text).ok_or_else(|| invalid("expected a date"))?;
                let t = chrono::DateTime::from_timestamp_millis(ms)
                    .ok_or_else(|| invalid("date out of range"))?;
                iso_ms(t)
            }
            "hubspot_owner_id" => {
                if !store.owners.iter().any(|o| o.id.to_string() == text) {
                    return Err(invalid("no owner has this id"));
                }
                text
            }
            "region" => {
                if !crate::sandbox::data::REGIONS.contains(&text.as_str()) {
                    return Err(invalid("not one of the allowed options"));
                }
                text
            }
            "deal_currency_code" => {
                if text.len() != 3 || !text.bytes().all(|b| b.is_ascii_uppercase()) {
                    return Err(invalid("expected an ISO 4217 code"));
                }
                text
            }
            _ => text,
        };
        props.insert(name.clone(), text);
    }
    // Pipeline and stage must agree; a missing one is filled in.
    let pipeline = props
        .get("pipeline")
        .cloned()
        .unwrap_or_else(|| "default".into());
    let Some(pl) = store.pipelines.iter().find(|p| p.id == pipeline) else {
        return Err(bad(&format!(
            "Property values were not valid: pipeline {pipeline:?} does not exist"
        )));
    };
    let stage = props
        .get("dealstage")
        .cloned()
        .unwrap_or_else(|| pl.stages[0].id.clone());
    if !pl.stages.iter().any(|s| s.id == stage) {
        return Err(bad(&format!("Property values were not valid: {stage:?} is not a valid stage of pipeline {pipeline:?}")));
    }
    props.insert("pipeline".into(), pipeline);
    props.insert("dealstage".into(), stage);
    for def in meta::PROPS.iter().filter(|p| p.unique) {
        if let Some(v) = props.get(def.name) {
            let taken = store.deals.values().any(|d| {
                Some(d.id) != me && d.archived_at.is_none() && d.properties.get(def.name) == Some(v)
            });
            if taken {
                return Err(errors::error(
                    V,
                    StatusCode::CONFLICT,
                    "CONFLICT",
                    &format!("A deal with {}={v} already exists", def.name),
                ));
            }
        }
    }
    Ok(())
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

pub(crate) async fn list(State(st): St, RawQuery(raw): RawQuery) -> Response {
    let pairs = query_pairs(raw.as_deref());
    let limit = match limit_of(&pairs, 10, 100) {
        Ok(l) => l,
        Err(r) => return r,
    };
    let after: u64 = match q(&pairs, "after").map(str::parse).transpose() {
        Ok(a) => a.unwrap_or(0),
        Err(_) => return bad("after must be a cursor returned in paging.next.after"),
    };
    let props = q_list(&pairs, "properties");
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
            let mut v = store.render(d, &props);
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

/// Finds a deal by id, or by a unique property when `id_property` names one.
fn find(store: &Store, id: &str, id_property: Option<&str>, archived: bool) -> Option<u64> {
    match id_property.filter(|p| *p != "hs_object_id") {
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
    RawQuery(raw): RawQuery,
) -> Response {
    let pairs = query_pairs(raw.as_deref());
    let store = st.lock();
    let archived = q(&pairs, "archived") == Some("true");
    let Some(found) = find(&store, &id, q(&pairs, "idProperty"), archived) else {
        return not_found(&id);
    };
    let d = &store.deals[&found];
    let mut v = store.render(d, &q_list(&pairs, "properties"));
    if let Some(a) = store.render_assoc(d, &q_list(&pairs, "associations")) {
        v["associations"] = a;
    }
    ok(v)
}

/// Creates a deal from `{properties, associations?}`; returns its id.
fn create_one(store: &mut Store, input: &Value) -> Result<u64, Response> {
    let empty = Map::new();
    let given = match input.get("properties") {
        Some(Value::Object(m)) => m,
        None => &empty,
        Some(_) => return Err(bad("properties must be an object")),
    };
    let mut props = BTreeMap::new();
    apply(store, &mut props, given, None)?;
    let mut links = vec![];
    for a in input
        .get("associations")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let to =
            id_text(a.pointer("/to/id")).ok_or_else(|| bad("associations[].to.id is required"))?;
        let types: Vec<u32> = a
            .get("types")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
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
    store.deals.insert(
        id,
        Deal {
            id,
            properties: props,
            created_at: now,
            updated_at: now,
            archived_at: None,
            assoc: vec![],
        },
    );
    for (target, to, types) in &links {
        if let Err(r) = assoc::add(store, id, target, to, types) {
            store.deals.remove(&id);
            return Err(r);
        }
    }
    store.next_id += 1;
    Ok(id)
}

fn created_view(store: &Store, id: u64, given: &Value) -> Value {
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

fn update_one(store: &mut Store, id: u64, input: &Value) -> Result<(), Response> {
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
    d.properties = props;
    d.updated_at = Utc::now();
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
    let deal = Deal {
        id: new_id,
        properties: props,
        created_at: primary.created_at.min(merged.created_at),
        updated_at: Utc::now(),
        archived_at: None,
        assoc: assoc_all,
    };
    store.deals.insert(new_id, deal);
    for target in store.aliases.values_mut() {
        if *target == keep_id || *target == other_id {
            *target = new_id;
        }
    }
    store.aliases.insert(keep_id, new_id);
    store.aliases.insert(other_id, new_id);
    ok(store.render(&store.deals[&new_id], &[]))
}

fn batch_inputs(body: &Bytes) -> Result<(Value, Vec<Value>), Response> {
    let v: Value = parse_body(body, bad)?;
    let inputs = v
        .get("inputs")
        .and_then(Value::as_array)
        .cloned()
        .ok_or_else(|| bad("inputs is required"))?;
    if inputs.len() > 100 {
        return Err(bad("Batch inputs are limited to 100 per request"));
    }
    Ok((v, inputs))
}

fn batch_response(
    status: StatusCode,
    results: Vec<Value>,
    missing: Vec<String>,
    started: String,
) -> Response {
    let mut body = json!({
        "status": "COMPLETE", "results": results, "startedAt": started, "completedAt": iso_ms(Utc::now()),
    });
    if missing.is_empty() {
        return json(status, body);
    }
    body["numErrors"] = json!(1);
    body["errors"] = json!([{
        "status": "error", "category": "OBJECT_NOT_FOUND",
        "message": "Could not get some DEAL objects, they may be deleted or not exist. Check that ids are valid.",
        "context": { "ids": missing }, "links": {}, "errors": [],
    }]);
    json(StatusCode::MULTI_STATUS, body)
}

pub(crate) async fn batch_read(State(st): St, RawQuery(raw): RawQuery, body: Bytes) -> Response {
    let started = iso_ms(Utc::now());
    let archived = q(&query_pairs(raw.as_deref()), "archived") == Some("true");
    let (v, inputs) = match batch_inputs(&body) {
        Ok(x) => x,
        Err(r) => return r,
    };
    let props: Vec<String> = v
        .get("properties")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|p| p.as_str().map(String::from))
        .collect();
    let id_prop = v.get("idProperty").and_then(Value::as_str);
    let store = st.lock();
    let (mut results, mut missing) = (vec![], vec![]);
    for input in &inputs {
        let id = id_text(input.get("id")).unwrap_or_default();
        match find(&store, &id, id_prop, archived) {
            Some(found) => results.push(store.render(&store.deals[&found], &props)),
            None => missing.push(id),
        }
    }
    batch_response(StatusCode::OK, results, missing, started)
}

pub(crate) async fn batch_create(State(st): St, body: Bytes) -> Response {
    let started = iso_ms(Utc::now());
    let (_, inputs) = match batch_inputs(&body) {
        Ok(x) => x,
        Err(r) => return r,
    };
    let mut store = st.lock();
    let mut created = vec![];
    for input in &inputs {
        match create_one(&mut store, input) {
            Ok(id) => created.push(id),
            Err(r) => {
                // All or nothing: undo what this batch created.
                for id in created {
                    store.deals.remove(&id);
                }
                return r;
            }
        }
    }
    let results = created
        .iter()
        .zip(&inputs)
        .map(|(id, input)| created_view(&store, *id, input))
        .collect();
    batch_response(StatusCode::CREATED, results, vec![], started)
}

pub(crate) async fn batch_update(State(st): St, body: Bytes) -> Response {
    let started = iso_ms(Utc::now());
    let (_, inputs) = match batch_inputs(&body) {
        Ok(x) => x,
        Err(r) => return r,
    };
    let mut store = st.lock();
    let (mut results, mut missing) = (vec![], vec![]);
    for input in &inputs {
        let id = id_text(input.get("id")).unwrap_or_default();
        let Some(found) = find(
            &store,
            &id,
            input.get("idProperty").and_then(Value::as_str),
            false,
        ) else {
            missing.push(id);
            continue;
        };
        if let Err(r) = update_one(&mut store, found, input) {
            return r;
        }
        results.push(created_view(&store, found, input));
    }
    batch_response(StatusCode::OK, results, missing, started)
}

pub(crate) async fn batch_upsert(State(st): St, body: Bytes) -> Response {
    let started = iso_ms(Utc::now());
    let (_, inputs) = match batch_inputs(&body) {
        Ok(x) => x,
        Err(r) => return r,
    };
    let mut store = st.lock();
    let mut results = vec![];
    for input in &inputs {
        let Some(id_prop) = input.get("idProperty").and_then(Value::as_str) else {
            return bad("idProperty is required for upsert");
        };
        if !meta::property(id_prop).is_some_and(|p| p.unique) {
            return bad(&format!(
                "{id_prop} is not a property with unique values (hasUniqueValue)"
            ));
        }
        let Some(key) = id_text(input.get("id")) else {
            return bad("id is required");
        };
        let existing = find(&store, &key, Some(id_prop), false);
        let (id, new) = match existing {
            Some(found) => match update_one(&mut store, found, input) {
                Ok(()) => (found, false),
                Err(r) => return r,
            },
            None => {
                let mut with_key = input.clone();
                let props = with_key
                    .get_mut("properties")
                    .and_then(Value::as_object_mut);
                match props {
                    Some(p) => {
                        p.insert(id_prop.into(), json!(key));
                    }
                    None => with_key["properties"] = json!({ id_prop: key }),
                }
                match create_one(&mut store, &with_key) {
                    Ok(id) => (id, true),
                    Err(r) => return r,
                }
            }
        };
        let mut v = created_view(&store, id, input);
        v["new"] = json!(new);
        results.push(v);
    }
    batch_response(StatusCode::OK, results, vec![], started)
}

pub(crate) async fn batch_archive(State(st): St, body: Bytes) -> Response {
    let (_, inputs) = match batch_inputs(&body) {
        Ok(x) => x,
        Err(r) => return r,
    };
    let mut store = st.lock();
    let now = Utc::now();
    for input in &inputs {
        if let Some(found) = id_text(input.get("id")).and_then(|id| store.resolve(&id)) {
            if let Some(d) = store.deals.get_mut(&found) {
                d.archived_at = Some(now);
            }
        }
    }
    StatusCode::NO_CONTENT.into_response()
}
