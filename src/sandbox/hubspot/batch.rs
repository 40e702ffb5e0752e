//! HubSpot v3 deal batches: read, create, update, upsert, archive.

use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use serde_json::{json, Value};

use super::objects::{create_one, created_view, find, id_text, update_one};
use super::{bad, meta, St};
use crate::sandbox::util::{iso_ms, json, parse_body, q, query_pairs};

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
        // Unlike the other objects, `SimplePublicUpsertObject` types its
        // properties as non-nullable strings: leave unset ones out.
        if let Some(props) = v.get_mut("properties").and_then(Value::as_object_mut) {
            props.retain(|_, value| !value.is_null());
        }
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
