//! Deals' associations with contacts and companies (v4): one at a time for a single deal, by
//! batch for an import, and the association labels.

use reqwest::Method;
use serde_json::{json, Value};

use super::wire::LabelWire;
use super::{HubSpot, DEAL_TO_CONTACT, DEAL_TO_PRIMARY_COMPANY};
use crate::adapter::error::no_such_deal;
use crate::adapter::Written;
use crate::error::{Failure, Result};
use crate::http::{path, Request};
use crate::model::{AssociateOptions, Deal, DealInput, Target, Vendor};
use crate::resolve::{resolve, Candidate};

/// Inputs of one v4 association batch create (HubSpot takes up to 100).
const ASSOCIATION_CREATE_BATCH: usize = 100;

impl HubSpot {
    /// Links a deal to a contact or a company: `deals associate`.
    pub(super) async fn link(
        &self,
        id: &str,
        target: &Target,
        options: &AssociateOptions,
    ) -> Result<String> {
        let (to_type, to_id) = to_type(target);
        let primary = || Some(("HUBSPOT_DEFINED".to_string(), DEAL_TO_PRIMARY_COMPANY));
        let mut said = format!("deal {id} is now associated with {} {to_id}", noun(to_type));
        // The options were checked against the descriptor: a label comes alone, and
        // --primary/--replace only with a company.
        let kind = match (&options.label, target, options.primary || options.replace) {
            (Some(label), _, _) => Some(self.label_type(to_type, label).await?),
            (None, Target::Contact(_), _) => Some(("HUBSPOT_DEFINED".into(), DEAL_TO_CONTACT)),
            // The deal's `company` is its primary company (type 5), and HubSpot keeps one:
            // making this one primary moves the label from the old one.
            (None, Target::Company(_), true) => {
                said.push_str(", its primary company");
                primary()
            }
            // HubSpot makes the first company of a deal its primary (associations v4 guide); crm
            // says so explicitly, and leaves an existing primary in place.
            (None, Target::Company(_), false) => match self.primary_company(id).await? {
                None => {
                    said.push_str(", its primary company");
                    primary()
                }
                Some(current) if current == to_id => primary(),
                Some(current) => {
                    said.push_str(&format!(
                        "; its primary company is still {current} (--replace makes {to_id} the primary)"
                    ));
                    None
                }
            },
        };
        self.put_association(id, to_type, to_id, kind)
            .await
            .map_err(|e| no_such_deal(Vendor::Hubspot, e, id))?;
        Ok(said)
    }

    /// Removes a deal's link to a contact or a company: `deals dissociate`.
    pub(super) async fn unlink(&self, id: &str, target: &Target) -> Result<String> {
        let (to_type, to_id) = to_type(target);
        let request = Request::new(Method::DELETE, deal_associations(id, &[to_type, to_id]));
        self.env.http.send(request).await?;
        Ok(format!(
            "deal {id} is no longer associated with {} {to_id}",
            noun(to_type)
        ))
    }

    /// The v4 association types a label names, for contacts or companies.
    pub(super) async fn label_type(&self, to_type: &str, label: &str) -> Result<(String, i64)> {
        let labels: Vec<LabelWire> = self
            .env
            .cache
            .get_or_fetch(
                &format!("labels-{to_type}"),
                self.get_results(
                    associations_with(to_type, &["labels"]),
                    "association labels",
                ),
            )
            .await?;
        let candidates: Vec<Candidate> = labels
            .iter()
            .filter_map(|l| {
                l.label
                    .as_ref()
                    .map(|name| Candidate::new(l.type_id.to_string(), name))
            })
            .collect();
        let id = resolve("association label", label, &candidates)?.id.clone();
        let found = labels
            .iter()
            .find(|l| l.type_id.to_string() == id)
            .expect("resolved from the same list");
        Ok((found.category.clone(), found.type_id))
    }

    /// The deal's primary company (association type 5), read with the v4 associations API.
    pub(super) async fn primary_company(&self, id: &str) -> Result<Option<String>> {
        let request = Request::get(deal_associations(id, &["companies"]));
        let body = self.send_for_deal(request, id).await?.body;
        let primary = body
            .get("results")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .find(|r| {
                r.get("associationTypes")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .any(|t| {
                        t.get("typeId").and_then(Value::as_i64) == Some(DEAL_TO_PRIMARY_COMPANY)
                    })
            })
            .and_then(|r| match r.get("toObjectId")? {
                Value::String(s) => Some(s.clone()),
                Value::Number(n) => Some(n.to_string()),
                _ => None,
            });
        Ok(primary)
    }

    /// Adds one association with an explicit type (or HubSpot's default type when `kind` is None).
    pub(super) async fn put_association(
        &self,
        id: &str,
        to_type: &str,
        to_id: &str,
        kind: Option<(String, i64)>,
    ) -> Result<()> {
        let request = match kind {
            Some((category, type_id)) => {
                Request::new(Method::PUT, deal_associations(id, &[to_type, to_id]))
                    .json(json!([{"associationCategory": category, "associationTypeId": type_id}]))
            }
            None => Request::new(
                Method::PUT,
                deal_associations(id, &["default", to_type, to_id]),
            ),
        };
        self.env.http.send(request.idempotent(true)).await?;
        Ok(())
    }

    /// After a create: each association with its own call, each failure reported (never a
    /// half-reported state).
    pub(super) async fn associate_new(&self, deal: &mut Deal, input: &DealInput) -> Vec<Failure> {
        let mut failures = Vec::new();
        let mut wanted: Vec<(&str, &str, i64)> = input
            .contacts
            .iter()
            .map(|c| ("contacts", c.as_str(), DEAL_TO_CONTACT))
            .collect();
        if let Some(c) = &input.company {
            wanted.push(("companies", c, DEAL_TO_PRIMARY_COMPANY));
        }
        for (to_type, to_id, type_id) in wanted {
            let kind = Some(("HUBSPOT_DEFINED".to_string(), type_id));
            match self.put_association(&deal.id, to_type, to_id, kind).await {
                Ok(()) if to_type == "contacts" => deal.contacts.push(to_id.to_string()),
                Ok(()) => deal.company = Some(to_id.to_string()),
                Err(e) => failures.push(Failure {
                    record: format!("association with {} {to_id}", noun(to_type)),
                    message: e.to_string(),
                }),
            }
        }
        failures
    }

    /// After a batch write: each written deal's contacts (type 3) and company (primary, type 5),
    /// as a single create adds them, with one v4 batch create per object type and 100 pairs.
    /// Each pair HubSpot does not confirm becomes a failure of its record (exit 8), with the
    /// reason from the answer's `errors[]` (a `207 Multi-Status`).
    pub(super) async fn associate_written(
        &self,
        written: &mut [Result<Written>],
        inputs: &[&DealInput],
    ) {
        for (to_type, type_id) in [
            ("contacts", DEAL_TO_CONTACT),
            ("companies", DEAL_TO_PRIMARY_COMPANY),
        ] {
            let pairs: Vec<(usize, String, String)> = written
                .iter()
                .zip(inputs)
                .enumerate()
                .filter_map(|(i, (w, one))| w.as_ref().ok().map(|w| (i, w.deal.id.clone(), one)))
                .flat_map(|(i, deal, one)| {
                    let targets: Vec<String> = if to_type == "contacts" {
                        one.contacts.clone()
                    } else {
                        one.company.iter().cloned().collect()
                    };
                    targets.into_iter().map(move |t| (i, deal.clone(), t))
                })
                .collect();
            for chunk in pairs.chunks(ASSOCIATION_CREATE_BATCH) {
                let outcome = self.create_associations(to_type, type_id, chunk).await;
                for ((i, _, to_id), result) in chunk.iter().zip(outcome) {
                    let Ok(w) = &mut written[*i] else { continue };
                    match result {
                        Ok(()) => add_to(&mut w.deal, to_type, to_id),
                        Err(message) => w.failures.push(Failure {
                            record: format!("association with {} {to_id}", noun(to_type)),
                            message,
                        }),
                    }
                }
            }
        }
    }

    /// One `POST /crm/v4/associations/deals/{to_type}/batch/create`; one outcome per pair.
    async fn create_associations(
        &self,
        to_type: &str,
        type_id: i64,
        pairs: &[(usize, String, String)],
    ) -> Vec<std::result::Result<(), String>> {
        let inputs: Vec<Value> = pairs
            .iter()
            .map(|(_, deal, to)| {
                json!({"from": {"id": deal}, "to": {"id": to},
                       "types": [{"associationCategory": "HUBSPOT_DEFINED", "associationTypeId": type_id}]})
            })
            .collect();
        // Adding an association that exists changes nothing: the call may be sent again.
        let request = Request::new(
            Method::POST,
            associations_with(to_type, &["batch", "create"]),
        )
        .json(json!({"inputs": inputs}))
        .idempotent(true);
        let body = match self.env.http.send(request).await {
            Ok(r) => r.body,
            Err(e) => return pairs.iter().map(|_| Err(e.to_string())).collect(),
        };
        let id = |v: Option<&Value>| match v {
            Some(Value::String(s)) => s.clone(),
            Some(Value::Number(n)) => n.to_string(),
            _ => String::new(),
        };
        let confirmed: Vec<(String, String)> = body
            .get("results")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .map(|r| (id(r.get("fromObjectId")), id(r.get("toObjectId"))))
            .collect();
        let errors: Vec<&Value> = body
            .get("errors")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .collect();
        pairs
            .iter()
            .map(|(_, deal, to)| {
                if confirmed.iter().any(|(f, t)| f == deal && t == to) {
                    return Ok(());
                }
                // The error whose context names this pair (or at least its target).
                let named = |e: &&Value, wanted: &[&String]| {
                    let values: Vec<String> = e
                        .get("context")
                        .and_then(Value::as_object)
                        .into_iter()
                        .flatten()
                        .flat_map(|(_, v)| v.as_array().cloned().unwrap_or_default())
                        .filter_map(|v| v.as_str().map(str::to_string))
                        .collect();
                    wanted.iter().all(|w| values.contains(w))
                };
                let reason = errors
                    .iter()
                    .find(|e| named(e, &[deal, to]))
                    .or_else(|| errors.iter().find(|e| named(e, &[to])))
                    .map(|e| {
                        let text = |k: &str| e.get(k).and_then(Value::as_str).unwrap_or("");
                        format!("{} [{}]", text("message"), text("category"))
                    })
                    .unwrap_or_else(|| "HubSpot did not confirm this association".into());
                Err(reason)
            })
            .collect()
    }
}

fn add_to(deal: &mut Deal, to_type: &str, to_id: &str) {
    if to_type == "contacts" {
        if !deal.contacts.iter().any(|c| c == to_id) {
            deal.contacts.push(to_id.to_string());
        }
    } else {
        deal.company = Some(to_id.to_string());
    }
}

/// `/crm/v4/objects/deals/{id}/associations/…`: deal `id`'s associations (v4), then `rest`.
fn deal_associations(id: &str, rest: &[&str]) -> String {
    let mut segments = vec!["crm", "v4", "objects", "deals", id, "associations"];
    segments.extend_from_slice(rest);
    path(&segments)
}

/// `/crm/v4/associations/deals/{to_type}/…`: deals' associations with `to_type` (v4), then `rest`.
pub(super) fn associations_with(to_type: &str, rest: &[&str]) -> String {
    let mut segments = vec!["crm", "v4", "associations", "deals", to_type];
    segments.extend_from_slice(rest);
    path(&segments)
}

/// The v4 object type of an association target.
fn to_type(target: &Target) -> (&'static str, &str) {
    match target {
        Target::Contact(id) => ("contacts", id),
        Target::Company(id) => ("companies", id),
    }
}

/// "contact" or "company", for messages.
fn noun(to_type: &str) -> &'static str {
    if to_type == "contacts" {
        "contact"
    } else {
        "company"
    }
}
