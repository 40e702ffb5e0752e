//! HubSpot v4 associations between deals and contacts/companies, and their labels.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use chrono::Utc;
use serde_json::{json, Value};

use super::{bad, not_found, Assoc, St, Store, V};
use crate::errors;
use crate::util::{iso_ms, json, ok, parse_body};

/// `contacts`/`contact`/`0-1` → `contacts`; the same for companies.
pub(crate) fn norm_type(t: &str) -> Option<&'static str> {
    match t.to_ascii_lowercase().as_str() {
        "contacts" | "contact" | "0-1" => Some("contacts"),
        "companies" | "company" | "0-2" => Some("companies"),
        _ => None,
    }
}

fn type_id_of(t: &str) -> &'static str {
    if t == "contacts" {
        "0-1"
    } else {
        "0-2"
    }
}

/// (typeId, category, label) per target type; the first is the unlabeled default.
pub(crate) fn labels_of(t: &str) -> &'static [(u32, &'static str, Option<&'static str>)] {
    if t == "contacts" {
        &[
            (3, "HUBSPOT_DEFINED", None),
            (101, "USER_DEFINED", Some("Decision Maker")),
        ]
    } else {
        &[
            (341, "HUBSPOT_DEFINED", None),
            (5, "HUBSPOT_DEFINED", Some("Primary")),
            (103, "USER_DEFINED", Some("Reseller")),
        ]
    }
}

/// The name v3 gives an association type in `associations.*.results[].type`.
pub(crate) fn type_name(ty: u32) -> &'static str {
    match ty {
        3 => "deal_to_contact",
        101 => "decision_maker",
        341 => "deal_to_company_unlabeled",
        5 => "deal_to_company",
        103 => "reseller",
        _ => "unknown",
    }
}

/// The object type a deal association type points at.
pub(crate) fn target_of(ty: u32) -> Option<&'static str> {
    match ty {
        3 | 101 => Some("contacts"),
        341 | 5 | 103 => Some("companies"),
        _ => None,
    }
}

/// Adds `types` (and the default type) between a deal and a contact/company.
pub(crate) fn add(
    store: &mut Store,
    deal: u64,
    to_type: &'static str,
    to_id: &str,
    types: &[u32],
) -> Result<(), Response> {
    let Some(to) = to_id.trim().parse::<u64>().ok().filter(|id| {
        if to_type == "contacts" {
            store.contacts.contains(id)
        } else {
            store.companies.contains(id)
        }
    }) else {
        return Err(errors::error(
            V,
            StatusCode::NOT_FOUND,
            "OBJECT_NOT_FOUND",
            &format!(
                "No {} with id {to_id} exists",
                to_type.trim_end_matches('s')
            ),
        ));
    };
    let known: Vec<u32> = labels_of(to_type).iter().map(|l| l.0).collect();
    if let Some(t) = types.iter().find(|t| !known.contains(t)) {
        return Err(bad(&format!(
            "associationTypeId {t} is not a valid type from deals to {to_type}"
        )));
    }
    let default = known[0];
    let Some(d) = store.deals.get_mut(&deal) else {
        return Err(not_found(&deal.to_string()));
    };
    // One primary company per deal: "The first company record associated with a contact, deal,
    // or ticket is automatically set to Primary. This API supports changing which company is
    // considered the primary." (associations v4 guide,
    // https://developers.hubspot.com/docs/api/crm/associations). A new primary replaces the old.
    let mut types = types.to_vec();
    let has_primary = d
        .assoc
        .iter()
        .any(|a| a.to_type == "companies" && a.types.contains(&5));
    if to_type == "companies" && !has_primary && !types.contains(&5) {
        types.push(5);
    }
    if types.contains(&5) {
        for a in d.assoc.iter_mut().filter(|a| a.to_type == "companies") {
            a.types.retain(|t| *t != 5);
        }
    }
    let pos = match d
        .assoc
        .iter()
        .position(|a| a.to_type == to_type && a.to_id == to)
    {
        Some(p) => p,
        None => {
            d.assoc.push(Assoc {
                to_type: to_type.into(),
                to_id: to,
                types: vec![],
            });
            d.assoc.len() - 1
        }
    };
    let a = &mut d.assoc[pos];
    for t in std::iter::once(&default).chain(&types) {
        if !a.types.contains(t) {
            a.types.push(*t);
        }
    }
    d.updated_at = Utc::now();
    Ok(())
}

fn ids(store: &Store, id: &str, to_type: &str) -> Result<(u64, &'static str), Response> {
    let deal = store.resolve(id).ok_or_else(|| not_found(id))?;
    let t = norm_type(to_type).ok_or_else(|| bad(&format!("Unknown object type {to_type}")))?;
    Ok((deal, t))
}

pub(crate) async fn labels(Path(to_type): Path<String>) -> Response {
    let Some(t) = norm_type(&to_type) else {
        return bad(&format!("Unknown object type {to_type}"));
    };
    let results: Vec<Value> = labels_of(t)
        .iter()
        .map(|(id, cat, label)| {
            let mut v = json!({ "category": cat, "typeId": id });
            if let Some(l) = label {
                v["label"] = json!(l);
            }
            v
        })
        .collect();
    ok(json!({ "results": results }))
}

pub(crate) async fn put_labels(
    State(st): St,
    Path((id, to_type, to_id)): Path<(String, String, String)>,
    body: Bytes,
) -> Response {
    let specs: Vec<Value> = match parse_body(&body, bad) {
        Ok(v) => v,
        Err(r) => return r,
    };
    let mut types = vec![];
    for s in &specs {
        match s.get("associationTypeId").and_then(Value::as_u64) {
            Some(t) => types.push(t as u32),
            None => return bad("each association needs associationCategory and associationTypeId"),
        }
    }
    let mut store = st.lock();
    let (deal, t) = match ids(&store, &id, &to_type) {
        Ok(x) => x,
        Err(r) => return r,
    };
    if let Err(r) = add(&mut store, deal, t, &to_id, &types) {
        return r;
    }
    let to: u64 = to_id.trim().parse().unwrap_or_default();
    let all_types = store.deals[&deal]
        .assoc
        .iter()
        .find(|a| a.to_type == t && a.to_id == to)
        .map(|a| a.types.clone());
    let labels: Vec<&str> = labels_of(t)
        .iter()
        .filter(|l| all_types.as_ref().is_some_and(|ts| ts.contains(&l.0)))
        .filter_map(|l| l.2)
        .collect();
    json(
        StatusCode::CREATED,
        json!({
            "fromObjectTypeId": "0-3", "fromObjectId": deal.to_string(),
            "toObjectTypeId": type_id_of(t), "toObjectId": to.to_string(), "labels": labels,
        }),
    )
}

pub(crate) async fn put_default(
    State(st): St,
    Path((id, to_type, to_id)): Path<(String, String, String)>,
) -> Response {
    let started = iso_ms(Utc::now());
    let mut store = st.lock();
    let (deal, t) = match ids(&store, &id, &to_type) {
        Ok(x) => x,
        Err(r) => return r,
    };
    if let Err(r) = add(&mut store, deal, t, &to_id, &[]) {
        return r;
    }
    let default = labels_of(t)[0].0;
    ok(json!({
        "status": "COMPLETE",
        "results": [{
            "from": { "id": deal.to_string() },
            "to": { "id": to_id.trim() },
            "associationSpec": { "associationCategory": "HUBSPOT_DEFINED", "associationTypeId": default },
        }],
        "startedAt": started,
        "completedAt": iso_ms(Utc::now()),
    }))
}

pub(crate) async fn remove(
    State(st): St,
    Path((id, to_type, to_id)): Path<(String, String, String)>,
) -> Response {
    let mut store = st.lock();
    let (deal, t) = match ids(&store, &id, &to_type) {
        Ok(x) => x,
        Err(r) => return r,
    };
    let to: Option<u64> = to_id.trim().parse().ok();
    if let Some(d) = store.deals.get_mut(&deal) {
        let before = d.assoc.len();
        d.assoc.retain(|a| !(a.to_type == t && Some(a.to_id) == to));
        if d.assoc.len() != before {
            d.updated_at = Utc::now();
        }
    }
    axum::response::IntoResponse::into_response(StatusCode::NO_CONTENT)
}

/// The v4 `to` entries of one deal towards `t`: each target with its association types.
fn targets(store: &Store, deal: u64, t: &'static str) -> Vec<Value> {
    store.deals[&deal]
        .assoc
        .iter()
        .filter(|a| a.to_type == t)
        .map(|a| {
            let types: Vec<Value> = labels_of(t)
                .iter()
                .filter(|l| a.types.contains(&l.0))
                .map(|(id, cat, label)| {
                    let mut v = json!({ "category": cat, "typeId": id });
                    if let Some(l) = label {
                        v["label"] = json!(l);
                    }
                    v
                })
                .collect();
            json!({ "toObjectId": a.to_id.to_string(), "associationTypes": types })
        })
        .collect()
}

pub(crate) async fn list(State(st): St, Path((id, to_type)): Path<(String, String)>) -> Response {
    let store = st.lock();
    let (deal, t) = match ids(&store, &id, &to_type) {
        Ok(x) => x,
        Err(r) => return r,
    };
    ok(json!({ "results": targets(&store, deal, t) }))
}

/// The `inputs` of an association batch to `to_type`, refused as HubSpot refuses a body without
/// them, an unknown object type or more than `max` inputs (checked in that order).
fn batch_inputs(
    body: &Bytes,
    to_type: &str,
    max: usize,
) -> Result<(Vec<Value>, &'static str), Response> {
    let mut input: Value = parse_body(body, bad)?;
    let Some(Value::Array(inputs)) = input.get_mut("inputs").map(Value::take) else {
        return Err(bad("inputs is required"));
    };
    let Some(t) = norm_type(to_type) else {
        return Err(bad(&format!("Unknown object type {to_type}")));
    };
    if inputs.len() > max {
        return Err(bad(&format!(
            "Batch inputs are limited to {max} per request"
        )));
    }
    Ok((inputs, t))
}

/// `POST /crm/v4/associations/deals/{to_type}/batch/read`: the targets of many deals at once;
/// unknown deals are reported in `errors` with a 207, as HubSpot does.
pub(crate) async fn batch_read(
    State(st): St,
    Path(to_type): Path<String>,
    body: Bytes,
) -> Response {
    let started = iso_ms(Utc::now());
    let (inputs, t) = match batch_inputs(&body, &to_type, BATCH_READ_MAX) {
        Ok(x) => x,
        Err(r) => return r,
    };
    let store = st.lock();
    let mut results = vec![];
    let mut missing = vec![];
    for i in &inputs {
        let id = match i.get("id") {
            Some(Value::String(s)) => s.clone(),
            Some(other) => other.to_string(),
            None => return bad("each input needs an id"),
        };
        match store.resolve(&id) {
            Some(deal) => results.push(json!({
                "from": { "id": deal.to_string() },
                "to": targets(&store, deal, t),
            })),
            None => missing.push(id),
        }
    }
    let mut body = json!({
        "status": "COMPLETE", "results": results, "startedAt": started, "completedAt": iso_ms(Utc::now()),
    });
    if missing.is_empty() {
        return ok(body);
    }
    body["numErrors"] = json!(missing.len());
    body["errors"] = json!([{
        "status": "error", "category": "OBJECT_NOT_FOUND",
        "message": "No deals with these ids", "context": { "ids": missing }, "links": {}, "errors": [],
    }]);
    json(StatusCode::MULTI_STATUS, body)
}

/// HubSpot's limits on v4 association batches: reads take up to 1,000 inputs, creates up to 100.
pub(crate) const BATCH_READ_MAX: usize = 1000;
pub(crate) const BATCH_CREATE_MAX: usize = 100;

/// `POST /crm/v4/associations/deals/{to_type}/batch/create` (associations.v4:
/// `BatchInputPublicAssociationMultiPost` in, `201 BatchResponseLabelsBetweenObjectPair`, or
/// `207 …WithErrors` when some inputs failed). Each input stands alone: an association to a
/// record that does not exist is an OBJECT_NOT_FOUND error in `errors[]`, whose `context` names
/// the pair (`fromObjectId`, `toObjectId`), and the other inputs are created.
pub(crate) async fn batch_create(
    State(st): St,
    Path(to_type): Path<String>,
    body: Bytes,
) -> Response {
    let started = iso_ms(Utc::now());
    let (inputs, t) = match batch_inputs(&body, &to_type, BATCH_CREATE_MAX) {
        Ok(x) => x,
        Err(r) => return r,
    };
    let mut parsed = vec![];
    for i in &inputs {
        let from = super::objects::id_text(i.pointer("/from/id"));
        let to = super::objects::id_text(i.pointer("/to/id"));
        let types: Option<Vec<u32>> = i.get("types").and_then(Value::as_array).map(|ts| {
            ts.iter()
                .filter_map(|t| t.get("associationTypeId").and_then(Value::as_u64))
                .map(|t| t as u32)
                .collect()
        });
        match (from, to, types) {
            (Some(f), Some(to), Some(ts)) if !ts.is_empty() => parsed.push((f, to, ts)),
            _ => return bad("each input needs from.id, to.id and types[].associationTypeId"),
        }
    }
    let mut store = st.lock();
    let mut results = vec![];
    let mut errors = vec![];
    for (from, to, types) in parsed {
        let exists = to.trim().parse::<u64>().ok().is_some_and(|id| {
            if t == "contacts" {
                store.contacts.contains(&id)
            } else {
                store.companies.contains(&id)
            }
        });
        let outcome = match store.resolve(&from) {
            None => Err(("OBJECT_NOT_FOUND", format!("No deal with id {from} exists"))),
            Some(_) if !exists => Err((
                "OBJECT_NOT_FOUND",
                format!("No {} with id {to} exists", t.trim_end_matches('s')),
            )),
            Some(deal) => add(&mut store, deal, t, &to, &types)
                .map(|()| deal)
                .map_err(|_| {
                    (
                        "VALIDATION_ERROR",
                        format!("{types:?} are not valid association types from deals to {t}"),
                    )
                }),
        };
        match outcome {
            Ok(deal) => {
                let to_id: u64 = to.trim().parse().unwrap_or_default();
                let labels: Vec<&str> = store.deals[&deal]
                    .assoc
                    .iter()
                    .find(|a| a.to_type == t && a.to_id == to_id)
                    .map(|a| {
                        labels_of(t)
                            .iter()
                            .filter(|l| a.types.contains(&l.0))
                            .filter_map(|l| l.2)
                            .collect()
                    })
                    .unwrap_or_default();
                results.push(json!({
                    "fromObjectTypeId": "0-3", "fromObjectId": deal.to_string(),
                    "toObjectTypeId": type_id_of(t), "toObjectId": to.trim(), "labels": labels,
                }));
            }
            Err((category, message)) => errors.push(json!({
                "status": "error", "category": category, "message": message,
                "context": { "fromObjectId": [from], "toObjectId": [to] },
                "links": {}, "errors": [],
            })),
        }
    }
    let mut body = json!({
        "status": "COMPLETE", "results": results, "startedAt": started, "completedAt": iso_ms(Utc::now()),
    });
    if errors.is_empty() {
        return json(StatusCode::CREATED, body);
    }
    body["numErrors"] = json!(errors.len());
    body["errors"] = Value::Array(errors);
    json(StatusCode::MULTI_STATUS, body)
}
