//! HubSpot's v3 batch endpoints for `deals import`: create, update and upsert 100 deals a call,
//! and read them back by id or by a unique property.

use reqwest::Method;
use serde_json::{json, Map, Value};

use super::meta::Meta;
use super::{convert, input, HubSpot};
use crate::error::{Error, Result};
use crate::http::{path, Request};
use crate::model::{Deal, DealInput};
use crate::vendor::Written;

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

    fn push(&mut self, i: usize, built: Result<Value>) {
        match built {
            Ok(v) => {
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

    fn finish(self, missing: impl Fn(usize) -> Error) -> Vec<Result<Written>> {
        self.results
            .into_iter()
            .enumerate()
            .map(|(i, r)| r.unwrap_or_else(|| Err(missing(i))))
            .collect()
    }
}

/// The same error again, for each record of a failed call (errors carry no Clone: the kinds that
/// matter for a record's report are kept, with their message).
fn copy_error(e: &Error) -> Error {
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
            let built = input::properties(one, &meta, true, None).map(|p| {
                // The trace id brings each result back to its input: HubSpot does not promise
                // to answer in input order.
                json!({"properties": p.values, "associations": [], "objectWriteTraceId": i.to_string()})
            });
            slots.push(i, built);
        }
        if slots.inputs.is_empty() {
            return slots.finish(|_| Error::internal("no result"));
        }
        let body = json!({"inputs": std::mem::take(&mut slots.inputs)});
        match self.post_batch("create", body, false).await {
            Err(e) => slots.fail_sent(&e),
            Ok(body) => {
                let answers = results_of(&body);
                for (pos, answer) in answers.into_iter().enumerate() {
                    let i = answer
                        .get("objectWriteTraceId")
                        .and_then(Value::as_str)
                        .and_then(|t| t.parse::<usize>().ok())
                        .filter(|i| slots.sent.contains(i))
                        .or_else(|| slots.sent.get(pos).copied());
                    if let Some(i) = i {
                        slots.results[i] = Some(self.written(answer, &meta, Some(true)));
                    }
                }
            }
        }
        let mut out = slots.finish(|_| {
            Error::internal("HubSpot's batch create answer left out a record: outcome unknown")
        });
        for (written, one) in out.iter_mut().zip(inputs) {
            if let Ok(w) = written {
                let failures = self.associate_new(&mut w.deal, one).await;
                w.failures = failures;
            }
        }
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
        let mut slots = Slots::new(items.len());
        for (i, (value, one)) in items.iter().enumerate() {
            let built = build_keyed(one, &meta, id_property.as_deref(), value);
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
                        let answered_key = match &id_property {
                            Some(p) => answer.pointer(&format!("/properties/{p}")),
                            None => answer.get("id"),
                        }
                        .and_then(Value::as_str)
                        .map(str::to_string);
                        let created = answer.get("new").and_then(Value::as_bool);
                        let Some(i) = slots
                            .sent
                            .iter()
                            .copied()
                            .find(|&i| Some(&items[i].0) == answered_key.as_ref())
                        else {
                            continue;
                        };
                        slots.results[i] = Some(self.written(answer, &meta, created));
                    }
                }
            }
        }
        slots.finish(|i| match id_property {
            None => Error::not_found(format!("HubSpot has no deal {}", items[i].0)),
            Some(_) => Error::internal("HubSpot's batch upsert answer left out a record"),
        })
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
/// current pipeline to look in (a batch does not read each deal first), so a stage only one
/// pipeline has moves the deal there; a name several pipelines share means the default
/// pipeline's, as on create.
pub fn record_properties(
    one: &DealInput,
    meta: &Meta,
    creating: bool,
) -> Result<Map<String, Value>> {
    if creating || one.pipeline.is_some() {
        return input::properties(one, meta, creating, None).map(|p| p.values);
    }
    let Some(stage) = &one.stage else {
        return input::properties(one, meta, false, None).map(|p| p.values);
    };
    let Ok((pipeline, _)) = meta.resolve_stage(stage, None) else {
        return input::properties(one, meta, false, None).map(|p| p.values);
    };
    // HubSpot checks a stage against the deal's pipeline: a move to another pipeline sends both.
    let mut with_pipeline = one.clone();
    with_pipeline.pipeline = Some(pipeline.id.clone());
    input::properties(&with_pipeline, meta, false, None).map(|p| p.values)
}

/// One input of a batch update (`{id, properties}`) or upsert (`{idProperty, id, properties}`).
fn build_keyed(
    one: &DealInput,
    meta: &Meta,
    id_property: Option<&str>,
    value: &str,
) -> Result<Value> {
    if !one.contacts.is_empty() || one.company.is_some() {
        return Err(Error::usage_hint(
            "an update does not change associations",
            "use `crm deals associate` after the import",
        ));
    }
    let mut props = record_properties(one, meta, false)?;
    Ok(match id_property {
        Some(p) => {
            props.insert(p.to_string(), Value::String(value.to_string()));
            json!({"idProperty": p, "id": value, "properties": props})
        }
        None => json!({"id": value, "properties": props}),
    })
}
