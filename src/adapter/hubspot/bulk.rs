//! HubSpot's v3 batch endpoints for `deals import`: create, update and upsert 100 deals a call,
//! and read them back by id or by a unique property.
//!
//! A batch create HubSpot refused because a unique value is taken is settled with one batch read
//! by `idProperty` per unique property (seed 000: "retrieve deals by a custom unique identifier
//! property"): which records' values existing deals already hold, so the others can go in one
//! batch instead of one call each.

use std::collections::HashMap;
use std::sync::atomic::Ordering;

use reqwest::Method;
use serde_json::{json, Map, Value};

use super::meta::Meta;
use super::{convert, input, HubSpot};
use crate::adapter::{Bulk, Taken, UpsertLinks, Written};
use crate::error::{Error, Result};
use crate::http::{path, Request};
use crate::model::{Deal, DealInput};
use async_trait::async_trait;

/// HubSpot's documented maximum of inputs per batch call.
pub const BATCH_SIZE: usize = 100;

/// The property an upsert or a read matches on: it must exist and have `hasUniqueValue`.
pub fn unique_property(meta: &Meta, field: &str) -> Result<String> {
    let property = meta.find_property(field)?;
    if property.has_unique_value {
        return Ok(property.name.clone());
    }
    let unique: Vec<&str> = meta
        .properties
        .iter()
        .filter(|p| p.has_unique_value)
        .map(|p| p.name.as_str())
        .collect();
    Err(Error::usage_hint(
        format!(
            "property {:?} does not have unique values, so HubSpot cannot upsert on it",
            property.name
        ),
        format!(
            "match on a unique property: {}",
            if unique.is_empty() {
                "none exists in this account".into()
            } else {
                unique.join(", ")
            }
        ),
    ))
}

/// Per-record results: the records that could not even be built keep their own error; the others
/// share the fate of the one call that carried them.
struct Slots {
    results: Vec<Option<Result<Written>>>,
    /// Index into `results` of each input sent, in the order sent.
    sent: Vec<usize>,
    inputs: Vec<Value>,
}

impl Slots {
    fn new(len: usize) -> Self {
        Slots {
            results: (0..len).map(|_| None).collect(),
            sent: Vec::new(),
            inputs: Vec::new(),
        }
    }

    /// Queues one input, tagged with its record's index as `objectWriteTraceId`: HubSpot then
    /// answers for each input on its own (a failed one in `errors[]`, the others written) and
    /// names the input in each result and error.
    fn push(&mut self, i: usize, built: Result<Value>) {
        match built {
            Ok(mut v) => {
                v["objectWriteTraceId"] = json!(i.to_string());
                self.sent.push(i);
                self.inputs.push(v);
            }
            Err(e) => self.results[i] = Some(Err(e)),
        }
    }

    fn fail_sent(&mut self, e: &Error) {
        for &i in &self.sent {
            self.results[i] = Some(Err(copy_error(e)));
        }
    }

    /// The record an answer's `objectWriteTraceId` names, if it is one this call sent.
    fn traced(&self, trace: Option<&str>) -> Option<usize> {
        trace
            .and_then(|t| t.parse::<usize>().ok())
            .filter(|i| self.sent.contains(i))
    }

    /// Reads a batch answer's `errors[]` (HubSpot's `207 Multi-Status`): each error goes to the
    /// records its `context` names, by trace id or by key (`keys` gives each record's key, the
    /// deal id of an update or the unique value of an upsert), with its own category, message
    /// and context.
    fn read_errors(&mut self, body: &Value, keys: impl Fn(usize) -> Option<String>) {
        for e in body
            .get("errors")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let context = |name: &str| -> Vec<String> {
                e.pointer(&format!("/context/{name}"))
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect()
            };
            let traces = context("objectWriteTraceId");
            let ids = context("ids");
            let named: Vec<usize> = self
                .sent
                .iter()
                .copied()
                .filter(|&i| self.results[i].is_none())
                .filter(|&i| {
                    traces.iter().any(|t| *t == i.to_string())
                        || (traces.is_empty() && keys(i).is_some_and(|k| ids.contains(&k)))
                })
                .collect();
            for i in named {
                self.results[i] = Some(Err(record_error(e, keys(i).as_deref())));
            }
        }
    }

    fn finish(self, missing: impl Fn(usize) -> Error) -> Vec<Result<Written>> {
        self.results
            .into_iter()
            .enumerate()
            .map(|(i, r)| r.unwrap_or_else(|| Err(missing(i))))
            .collect()
    }
}

/// One record's error from a batch answer's `errors[]` (a `StandardError`: `category`, `message`,
/// `context`): its own reason, never a guess.
pub(super) fn record_error(e: &Value, key: Option<&str>) -> Error {
    let text = |name: &str| e.get(name).and_then(Value::as_str).unwrap_or("").trim();
    let (category, message) = (text("category"), text("message"));
    let context: Vec<String> = e
        .get("context")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .filter(|(k, _)| !["objectWriteTraceId", "ids"].contains(&k.as_str()))
        .map(|(k, v)| {
            let values: Vec<String> = v
                .as_array()
                .into_iter()
                .flatten()
                .map(|x| x.as_str().map_or_else(|| x.to_string(), str::to_string))
                .collect();
            format!("{k}: {}", values.join(", "))
        })
        .collect();
    let mut said = if message.is_empty() {
        "no reason given".to_string()
    } else {
        message.to_string()
    };
    if !category.is_empty() {
        said.push_str(&format!(" [{category}]"));
    }
    if !context.is_empty() {
        said.push_str(&format!(" ({})", context.join("; ")));
    }
    match (category, key) {
        ("OBJECT_NOT_FOUND", Some(k)) => {
            Error::not_found(format!("HubSpot has no deal {k}: {said}"))
        }
        ("OBJECT_NOT_FOUND", None) => Error::not_found(format!("HubSpot: {said}")),
        // The deal that holds the value is not in the answer: the import reads it (one batch
        // read for every such record of the batch).
        ("CONFLICT", _) => Error::Conflict {
            vendor: crate::model::Vendor::Hubspot,
            message: said,
            existing: String::new(),
        },
        _ => Error::Rejected {
            vendor: crate::model::Vendor::Hubspot,
            status: 207,
            message: said,
        },
    }
}

/// The same error again, for each record of a failed call (errors carry no Clone: the kinds that
/// matter for a record's report are kept, with their message).
pub(super) fn copy_error(e: &Error) -> Error {
    match e {
        Error::Transient {
            message,
            outcome_unknown,
        } => Error::Transient {
            message: message.clone(),
            outcome_unknown: outcome_unknown.clone(),
        },
        Error::Rejected {
            vendor,
            status,
            message,
        } => Error::Rejected {
            vendor: *vendor,
            status: *status,
            message: message.clone(),
        },
        Error::Auth { message, hint } => Error::Auth {
            message: message.clone(),
            hint: hint.clone(),
        },
        Error::NotFound { message, hint } => Error::NotFound {
            message: message.clone(),
            hint: hint.clone(),
        },
        Error::Usage { message, hint } => Error::Usage {
            message: message.clone(),
            hint: hint.clone(),
        },
        Error::DryRunStop(s) => Error::DryRunStop(s.clone()),
        other => Error::internal(other),
    }
}

fn results_of(body: &Value) -> Vec<Value> {
    body.get("results")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default()
}

impl HubSpot {
    async fn post_batch(&self, verb: &str, body: Value, idempotent: bool) -> Result<Value> {
        let request = Request::new(
            Method::POST,
            path(&["crm", "v3", "objects", "deals", "batch", verb]),
        )
        .json(body)
        .idempotent(idempotent)
        .subject(format!("a batch {verb} of deals"));
        Ok(self.env.http.send(request).await?.body)
    }

    pub(super) async fn batch_create(&self, inputs: &[DealInput]) -> Vec<Result<Written>> {
        let meta = match self.meta().await {
            Ok(m) => m,
            Err(e) => return inputs.iter().map(|_| Err(copy_error(&e))).collect(),
        };
        let mut slots = Slots::new(inputs.len());
        for (i, one) in inputs.iter().enumerate() {
            let built = input::properties(one, &meta, true, None)
                .map(|p| json!({"properties": p.values, "associations": []}));
            slots.push(i, built);
        }
        if slots.inputs.is_empty() {
            return slots.finish(|_| Error::internal("no result"));
        }
        let body = json!({"inputs": std::mem::take(&mut slots.inputs)});
        match self.post_batch("create", body, false).await {
            Err(e) => slots.fail_sent(&e),
            Ok(body) => {
                for (pos, answer) in results_of(&body).into_iter().enumerate() {
                    // HubSpot does not promise to answer in input order: the trace id says which.
                    let trace = answer.get("objectWriteTraceId").and_then(Value::as_str);
                    let i = slots.traced(trace).or_else(|| slots.sent.get(pos).copied());
                    if let Some(i) = i {
                        slots.results[i] = Some(self.written(answer, &meta, Some(true)));
                    }
                }
                slots.read_errors(&body, |_| None);
            }
        }
        let mut out = slots.finish(|_| Error::Transient {
            message: "HubSpot's batch create answer left out a record".into(),
            outcome_unknown: Some("this record's create".into()),
        });
        let all: Vec<&DealInput> = inputs.iter().collect();
        self.associate_written(&mut out, &all).await;
        out
    }

    pub(super) async fn batch_update(&self, items: &[(String, DealInput)]) -> Vec<Result<Written>> {
        self.keyed_batch(None, items).await
    }

    pub(super) async fn batch_upsert(
        &self,
        key: &str,
        items: &[(String, DealInput)],
    ) -> Vec<Result<Written>> {
        self.keyed_batch(Some(key), items).await
    }

    /// Update (by id) or upsert (by a unique property): both answer with the key in each result.
    async fn keyed_batch(
        &self,
        key: Option<&str>,
        items: &[(String, DealInput)],
    ) -> Vec<Result<Written>> {
        let meta = match self.meta().await {
            Ok(m) => m,
            Err(e) => return items.iter().map(|_| Err(copy_error(&e))).collect(),
        };
        let id_property = match key.map(|k| unique_property(&meta, k)).transpose() {
            Ok(p) => p,
            Err(e) => return items.iter().map(|_| Err(copy_error(&e))).collect(),
        };
        // An upsert whose key is new creates, and a create needs a stage: find the new keys.
        let new_keys = match &id_property {
            Some(p) => match self.new_keys(p, items).await {
                Ok(k) => k,
                Err(e) => return items.iter().map(|_| Err(copy_error(&e))).collect(),
            },
            None => Vec::new(),
        };
        let mut slots = Slots::new(items.len());
        for (i, (value, one)) in items.iter().enumerate() {
            let creating = new_keys.contains(value);
            let built = build_keyed(one, &meta, id_property.as_deref(), value, creating);
            slots.push(i, built);
        }
        if !slots.inputs.is_empty() {
            let verb = if id_property.is_some() {
                "upsert"
            } else {
                "update"
            };
            let body = json!({"inputs": std::mem::take(&mut slots.inputs)});
            match self.post_batch(verb, body, true).await {
                Err(e) => slots.fail_sent(&e),
                Ok(body) => {
                    for answer in results_of(&body) {
                        let trace = answer.get("objectWriteTraceId").and_then(Value::as_str);
                        let answered_key = match &id_property {
                            Some(p) => answer.pointer(&format!("/properties/{p}")),
                            None => answer.get("id"),
                        }
                        .and_then(Value::as_str)
                        .map(str::to_string);
                        let created = answer.get("new").and_then(Value::as_bool);
                        let Some(i) = slots.traced(trace).or_else(|| {
                            slots
                                .sent
                                .iter()
                                .copied()
                                .find(|&i| Some(&items[i].0) == answered_key.as_ref())
                        }) else {
                            continue;
                        };
                        slots.results[i] = Some(self.written(answer, &meta, created));
                    }
                    slots.read_errors(&body, |i| Some(items[i].0.clone()));
                }
            }
        }
        let mut out = slots.finish(|i| match id_property {
            None => Error::not_found(format!("HubSpot has no deal {}", items[i].0)),
            Some(_) => Error::internal(format!(
                "HubSpot's batch upsert answer left out the record with key {}",
                items[i].0
            )),
        });
        if id_property.is_some() {
            let all: Vec<&DealInput> = items.iter().map(|(_, one)| one).collect();
            self.associate_written(&mut out, &all).await;
        }
        out
    }

    /// The keys among `items` that no deal has yet, for the records that name no stage (a record
    /// that names one needs no default): one batch read by the unique property.
    async fn new_keys(&self, property: &str, items: &[(String, DealInput)]) -> Result<Vec<String>> {
        let unstaged: Vec<String> = items
            .iter()
            .filter(|(_, one)| one.stage.is_none() && one.status.is_none())
            .map(|(value, _)| value.clone())
            .collect();
        if unstaged.is_empty() {
            return Ok(Vec::new());
        }
        let existing = self.batch_read(property, &unstaged).await?;
        let have: Vec<&str> = existing
            .iter()
            .filter_map(|d| d.custom.get(property).and_then(Value::as_str))
            .collect();
        let new: Vec<String> = unstaged
            .into_iter()
            .filter(|v| !have.contains(&v.as_str()))
            .collect();
        if !new.is_empty() && !self.said_first_stage.swap(true, Ordering::SeqCst) {
            self.env.notice(
                "records whose key is new and that name no stage go to the first stage of their \
                 pipeline: HubSpot needs a stage to create a deal",
            );
        }
        Ok(new)
    }

    fn written(&self, answer: Value, meta: &Meta, created: Option<bool>) -> Result<Written> {
        let deal = convert::to_deal(answer, meta, self.env.raw)?;
        Ok(Written {
            deal,
            failures: Vec::new(),
            created,
        })
    }

    /// Reads deals by id or by a unique property, 100 a call, from the records themselves.
    pub(super) async fn batch_read(&self, key: &str, values: &[String]) -> Result<Vec<Deal>> {
        let meta = self.meta().await?;
        let id_property = if key == "id" {
            None
        } else {
            Some(unique_property(&meta, key)?)
        };
        let properties = self.property_names(&meta);
        let mut deals = Vec::new();
        for chunk in values.chunks(BATCH_SIZE) {
            let inputs: Vec<Value> = chunk.iter().map(|v| json!({"id": v})).collect();
            let mut body = json!({
                "inputs": inputs, "properties": properties, "propertiesWithHistory": [],
            });
            if let Some(p) = &id_property {
                body["idProperty"] = json!(p);
            }
            let answer = self.post_batch("read", body, true).await?;
            for one in results_of(&answer) {
                deals.push(convert::to_deal(one, &meta, self.env.raw)?);
            }
        }
        Ok(deals)
    }
}

/// The properties of one record of a batch. An update that names a stage but no pipeline has no
/// current pipeline to look in (a batch does not read each deal first), so the stage is looked up
/// in every pipeline and its pipeline sent with it; a name several pipelines share is ambiguous.
pub fn record_properties(
    one: &DealInput,
    meta: &Meta,
    creating: bool,
) -> Result<Map<String, Value>> {
    input::properties(one, meta, creating, None).map(|p| p.values)
}

/// One input of a batch update (`{id, properties}`) or upsert (`{idProperty, id, properties}`).
/// An upsert whose key is new (`creating`) gets what a create gets: the first stage of its
/// pipeline when it names none, as HubSpot requires a stage on create (seeds 000, 001).
fn build_keyed(
    one: &DealInput,
    meta: &Meta,
    id_property: Option<&str>,
    value: &str,
    creating: bool,
) -> Result<Value> {
    if id_property.is_none() && (!one.contacts.is_empty() || one.company.is_some()) {
        return Err(Error::usage_hint(
            "an update does not change associations",
            "use `crm deals associate` after the import",
        ));
    }
    let mut props = record_properties(one, meta, creating)?;
    Ok(match id_property {
        Some(p) => {
            props.insert(p.to_string(), Value::String(value.to_string()));
            json!({"idProperty": p, "id": value, "properties": props})
        }
        None => json!({"id": value, "properties": props}),
    })
}

/// A value as HubSpot keeps a property: text.
fn text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

impl HubSpot {
    /// For each input, the existing deal that holds one of its unique values.
    pub(super) async fn taken(&self, inputs: &[DealInput]) -> Result<Vec<Option<Taken>>> {
        let meta = self.meta().await?;
        // (input, unique property, value) for every unique value the inputs carry.
        let mut wanted: Vec<(usize, String, String)> = Vec::new();
        for (i, input) in inputs.iter().enumerate() {
            for (key, value) in &input.custom {
                let Some(property) = meta.property(key).filter(|p| p.has_unique_value) else {
                    continue;
                };
                if let Some(value) = text(value) {
                    wanted.push((i, property.name.clone(), value));
                }
            }
        }
        let mut by_property: HashMap<&str, Vec<String>> = HashMap::new();
        for (_, property, value) in &wanted {
            let values = by_property.entry(property.as_str()).or_default();
            if !values.contains(value) {
                values.push(value.clone());
            }
        }
        let mut holders: HashMap<(String, String), String> = HashMap::new();
        for (property, values) in by_property {
            for deal in self.batch_read(property, &values).await? {
                if let Some(value) = deal.custom.get(property).and_then(text) {
                    holders.insert((property.to_string(), value), deal.id.clone());
                }
            }
        }
        let mut out: Vec<Option<Taken>> = inputs.iter().map(|_| None).collect();
        for (i, property, value) in wanted {
            if out[i].is_some() {
                continue;
            }
            if let Some(id) = holders.get(&(property.clone(), value.clone())) {
                out[i] = Some(Taken {
                    property,
                    value,
                    id: id.clone(),
                });
            }
        }
        Ok(out)
    }
}

#[async_trait]
impl Bulk for HubSpot {
    fn upsert_links(&self) -> UpsertLinks {
        UpsertLinks::All
    }

    fn batch_size(&self) -> usize {
        BATCH_SIZE
    }

    async fn validate(&self, input: &DealInput, creating: bool) -> Result<()> {
        self.with_fresh_meta(|m| record_properties(input, m, creating))
            .await
            .map(|_| ())
    }

    async fn create_batch(&self, inputs: &[DealInput]) -> Vec<Result<Written>> {
        self.batch_create(inputs).await
    }

    async fn update_batch(&self, items: &[(String, DealInput)]) -> Vec<Result<Written>> {
        self.batch_update(items).await
    }

    async fn upsert_batch(&self, key: &str, items: &[(String, DealInput)]) -> Vec<Result<Written>> {
        self.batch_upsert(key, items).await
    }

    async fn read_by_key(&self, key: &str, values: &[String]) -> Result<Vec<Deal>> {
        self.batch_read(key, values).await
    }

    async fn taken_unique_values(&self, inputs: &[DealInput]) -> Result<Vec<Option<Taken>>> {
        self.taken(inputs).await
    }
}
