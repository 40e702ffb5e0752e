//! HubSpot v3 deal batches: read, create, update, upsert, archive.

use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use serde_json::{json, Value};

use super::objects::{create_one, created_view, find, id_text, update_one};
use super::{bad, meta, Deal, St, Store};
use crate::util::{iso_ms, json, parse_body, q, query_pairs, string_items};

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
    let props = string_items(&v, "properties");
    let with_history = v
        .get("propertiesWithHistory")
        .map(|_| string_items(&v, "propertiesWithHistory"))
        .filter(|names| !names.is_empty());
    let id_prop = v.get("idProperty").and_then(Value::as_str);
    let store = st.lock();
    let (mut results, mut missing) = (vec![], vec![]);
    for input in &inputs {
        let id = id_text(input.get("id")).unwrap_or_default();
        match find(&store, &id, id_prop, archived) {
            Some(found) => results.push(store.render_with_history(
                &store.deals[&found],
                &props,
                with_history.as_deref(),
            )),
            None => missing.push(id),
        }
    }
    batch_response(StatusCode::OK, results, missing, started)
}

/// What a batch write must undo when one of its inputs fails and the batch is all-or-nothing.
enum Undo {
    Created(u64),
    Updated(Deal),
}

fn undo(store: &mut Store, done: Vec<Undo>) {
    for u in done.into_iter().rev() {
        match u {
            Undo::Created(id) => {
                store.deals.remove(&id);
            }
            Undo::Updated(before) => {
                store.deals.insert(before.id, before);
            }
        }
    }
}

/// An input's `objectWriteTraceId`. Batch create, update and upsert inputs take one (deals.v3:
/// `SimplePublicObjectBatchInput*`); HubSpot answers an input that carries one on its own
/// (partial success, `207 Multi-Status` with the failed inputs in `errors[]`), and fails the
/// whole batch on an input without one.
fn trace_of(input: &Value) -> Option<String> {
    input
        .get("objectWriteTraceId")
        .and_then(Value::as_str)
        .map(str::to_string)
}

/// One `StandardError` of a batch answer (deals.v3: `status`, `category`, `message`, `context`,
/// `links`, `errors` are required) built from the error a single write would have answered,
/// with the input's trace id (and its key) in `context`.
async fn standard_error(resp: Response, trace: Option<&str>, id: Option<&str>) -> Value {
    let bytes = axum::body::to_bytes(resp.into_body(), usize::MAX)
        .await
        .unwrap_or_default();
    let body: Value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    let mut context = body
        .pointer("/errors/0/context")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    if let Some(t) = trace {
        context.insert("objectWriteTraceId".into(), json!([t]));
    }
    if let Some(id) = id {
        context.insert("ids".into(), json!([id]));
    }
    json!({
        "status": "error",
        "category": body.get("category").cloned().unwrap_or(json!("VALIDATION_ERROR")),
        "message": body.get("message").cloned().unwrap_or(json!("Invalid input")),
        "context": context,
        "links": {},
        "errors": body.get("errors").cloned().unwrap_or(json!([])),
    })
}

fn not_found_entry(id: &str, trace: Option<&str>) -> Value {
    let mut context = json!({ "ids": [id] });
    if let Some(t) = trace {
        context["objectWriteTraceId"] = json!([t]);
    }
    json!({
        "status": "error", "category": "OBJECT_NOT_FOUND",
        "message": format!("Could not get some DEAL objects, they may be deleted or not exist. Check that ids are valid. ({id})"),
        "context": context, "links": {}, "errors": [],
    })
}

/// Batch update and upsert refuse an input list that names one record twice: which of the two
/// writes would win is undefined, so HubSpot answers 400 "Duplicate IDs found in batch input".
fn duplicates(keys: &[String]) -> Option<Response> {
    let mut seen = std::collections::BTreeSet::new();
    let repeated: Vec<&String> = keys.iter().filter(|k| !seen.insert(*k)).collect();
    if repeated.is_empty() {
        return None;
    }
    Some(bad(&format!(
        "Duplicate IDs found in batch input: {repeated:?}. IDs must be unique"
    )))
}

/// The answer of a batch write: the results (each with its input's trace id), and `errors[]` with
/// a 207 when some inputs failed.
async fn batch_written(
    ok_status: StatusCode,
    results: Vec<Value>,
    mut errors: Vec<Value>,
    failed: Vec<(Response, Option<String>, Option<String>)>,
    started: String,
) -> Response {
    for (resp, trace, id) in failed {
        errors.push(standard_error(resp, trace.as_deref(), id.as_deref()).await);
    }
    let mut body = json!({
        "status": "COMPLETE", "results": results, "startedAt": started, "completedAt": iso_ms(Utc::now()),
    });
    if errors.is_empty() {
        return json(ok_status, body);
    }
    body["numErrors"] = json!(errors.len());
    body["errors"] = Value::Array(errors);
    json(StatusCode::MULTI_STATUS, body)
}

fn with_trace(mut view: Value, trace: &Option<String>) -> Value {
    if let Some(t) = trace {
        view["objectWriteTraceId"] = json!(t);
    }
    view
}

pub(crate) async fn batch_create(State(st): St, body: Bytes) -> Response {
    let started = iso_ms(Utc::now());
    let (_, inputs) = match batch_inputs(&body) {
        Ok(x) => x,
        Err(r) => return r,
    };
    let (results, failed) = {
        let mut store = st.lock();
        let mut done = vec![];
        let mut results = vec![];
        let mut failed = vec![];
        for input in &inputs {
            let trace = trace_of(input);
            match create_one(&mut store, input) {
                Ok(id) => {
                    done.push(Undo::Created(id));
                    results.push(with_trace(created_view(&store, id, input), &trace));
                }
                Err(r) if trace.is_some() => failed.push((r, trace, None)),
                Err(r) => {
                    undo(&mut store, done);
                    return r;
                }
            }
        }
        (results, failed)
    };
    batch_written(StatusCode::CREATED, results, vec![], failed, started).await
}

pub(crate) async fn batch_update(State(st): St, body: Bytes) -> Response {
    let started = iso_ms(Utc::now());
    let (_, inputs) = match batch_inputs(&body) {
        Ok(x) => x,
        Err(r) => return r,
    };
    let keys: Vec<String> = inputs
        .iter()
        .map(|i| id_text(i.get("id")).unwrap_or_default())
        .collect();
    if let Some(r) = duplicates(&keys) {
        return r;
    }
    let (results, errors, failed) = {
        let mut store = st.lock();
        let mut done = vec![];
        let (mut results, mut errors, mut failed) = (vec![], vec![], vec![]);
        for (input, id) in inputs.iter().zip(keys) {
            let trace = trace_of(input);
            let Some(found) = find(
                &store,
                &id,
                input.get("idProperty").and_then(Value::as_str),
                false,
            ) else {
                errors.push(not_found_entry(&id, trace.as_deref()));
                continue;
            };
            let before = store.deals[&found].clone();
            match update_one(&mut store, found, input) {
                Ok(()) => {
                    done.push(Undo::Updated(before));
                    results.push(with_trace(created_view(&store, found, input), &trace));
                }
                Err(r) if trace.is_some() => failed.push((r, trace, Some(id))),
                Err(r) => {
                    undo(&mut store, done);
                    return r;
                }
            }
        }
        (results, errors, failed)
    };
    batch_written(StatusCode::OK, results, errors, failed, started).await
}

pub(crate) async fn batch_upsert(State(st): St, body: Bytes) -> Response {
    let started = iso_ms(Utc::now());
    let (_, inputs) = match batch_inputs(&body) {
        Ok(x) => x,
        Err(r) => return r,
    };
    let mut keys = vec![];
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
        keys.push((id_prop.to_string(), key));
    }
    let flat: Vec<String> = keys.iter().map(|(p, k)| format!("{p}={k}")).collect();
    if let Some(r) = duplicates(&flat) {
        return r;
    }
    let (results, failed) = {
        let mut store = st.lock();
        let mut done = vec![];
        let (mut results, mut failed) = (vec![], vec![]);
        for (input, (id_prop, key)) in inputs.iter().zip(keys) {
            let trace = trace_of(input);
            let existing = find(&store, &key, Some(&id_prop), false);
            let written = match existing {
                Some(found) => {
                    let before = store.deals[&found].clone();
                    update_one(&mut store, found, input)
                        .map(|()| (found, false, Undo::Updated(before)))
                }
                None => {
                    let mut with_key = input.clone();
                    let props = with_key
                        .get_mut("properties")
                        .and_then(Value::as_object_mut);
                    match props {
                        Some(p) => {
                            p.insert(id_prop.clone(), json!(key));
                        }
                        None => with_key["properties"] = json!({ &id_prop: key }),
                    }
                    create_one(&mut store, &with_key).map(|id| (id, true, Undo::Created(id)))
                }
            };
            match written {
                Ok((id, new, u)) => {
                    done.push(u);
                    let mut v = created_view(&store, id, input);
                    // Unlike the other objects, `SimplePublicUpsertObject` types its
                    // properties as non-nullable strings: leave unset ones out.
                    if let Some(props) = v.get_mut("properties").and_then(Value::as_object_mut) {
                        props.retain(|_, value| !value.is_null());
                    }
                    v["new"] = json!(new);
                    results.push(with_trace(v, &trace));
                }
                Err(r) if trace.is_some() => failed.push((r, trace, Some(key))),
                Err(r) => {
                    undo(&mut store, done);
                    return r;
                }
            }
        }
        (results, failed)
    };
    batch_written(StatusCode::OK, results, vec![], failed, started).await
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
