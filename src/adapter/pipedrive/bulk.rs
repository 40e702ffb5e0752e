//! `deals import` for Pipedrive, which has no batch endpoints and no upsert: records checked
//! without writing (`--plan`), deals read by a custom field through an exact-match search, and
//! upserts (`deals upsert` too) as search-then-create-or-update. Not atomic: a deal created by
//! someone else between the two calls makes a duplicate, and crm says so.
//!
//! Pipedrive's search index lags its writes, so a deal created a moment ago may not be found
//! yet. Where that matters — settling a write whose outcome is unknown — the search is retried
//! after a pause; a deal the index shows only after that pause can still be created twice.

use std::sync::atomic::Ordering;
use std::time::Duration;

use futures::stream::{self, StreamExt, TryStreamExt};
use reqwest::Method;
use serde_json::{Map, Value};

use super::input::int_id;
use super::wire::search_hit_ids;
use super::{costs, v2, Pipedrive};
use crate::adapter::error::no_such_deal;
use crate::adapter::{read_ids, Adapter, Bulk, Written};
use crate::error::{Error, Result};
use crate::http::Request;
use crate::model::{Deal, DealInput, Vendor};
use crate::resolve::unknown_field;
use async_trait::async_trait;

/// Searches in flight at once; the token limiter paces them.
const READS_IN_FLIGHT: usize = 4;

/// How long crm waits for Pipedrive's search index before looking again (Pipedrive documents
/// no figure; a few seconds covers what is commonly seen).
pub(super) const INDEX_LAG: Duration = Duration::from_secs(2);

impl Pipedrive {
    /// Resolves every name and checks what Pipedrive would refuse, sending no write.
    pub(super) async fn check_record(&self, input: &DealInput, creating: bool) -> Result<()> {
        if creating && input.name.as_deref().is_none_or(|n| n.trim().is_empty()) {
            return Err(Error::usage_hint(
                "a Pipedrive deal needs a title",
                "give the record a \"name\"",
            ));
        }
        self.with_fresh_meta(|m| super::input::body(input, m, creating, &[]))
            .await
            .map(|_| ())
    }

    /// The custom field `key` names, as deals carry it under `custom`.
    async fn key_field(&self, key: &str) -> Result<String> {
        self.with_fresh_meta(|m| m.custom_field(key).map(|f| f.field_name.clone()))
            .await
    }

    /// The deals whose custom field `field` is exactly `value`.
    async fn search_key(&self, field: &str, value: &str) -> Result<Vec<Deal>> {
        let request = Request::get(v2(&["deals", "search"]))
            .query("term", value.trim())
            .query("fields", "custom_fields")
            .query("exact_match", true)
            .query("limit", 100);
        let body = self.send(request, costs::SEARCH).await?;
        let ids = search_hit_ids(&body);
        // One hit, the usual case for a unique key, is read for 1 token; several by ids for 10.
        let deals = match ids.as_slice() {
            [one] => match self.fetch_deal(one, false).await {
                Ok(d) => vec![d],
                Err(Error::NotFound { .. }) => Vec::new(),
                Err(e) => return Err(e),
            },
            _ => self.hydrate(&ids, self.env.raw).await?,
        };
        // The search matches any custom field; the key is one of them.
        Ok(deals
            .into_iter()
            .filter(|d| has_key(d, field, value))
            .collect())
    }

    async fn search_keys(&self, field: &str, values: &[String]) -> Result<Vec<Deal>> {
        let found: Vec<Vec<Deal>> = stream::iter(values.to_vec())
            .map(|v| async move { self.search_key(field, &v).await })
            .buffered(READS_IN_FLIGHT)
            .try_collect()
            .await?;
        Ok(found.into_iter().flatten().collect())
    }

    /// The deals whose `key` (`id` or a custom field) has one of `values`. Values the search does
    /// not find are searched again after [`INDEX_LAG`], so a deal just created is seen.
    pub(super) async fn read_keyed(&self, key: &str, values: &[String]) -> Result<Vec<Deal>> {
        if key == "id" {
            return read_ids(values, READS_IN_FLIGHT, |id| async move {
                self.fetch_deal(&id, false).await
            })
            .await;
        }
        let field = self.key_field(key).await?;
        let mut found = self.search_keys(&field, values).await?;
        let missing: Vec<String> = values
            .iter()
            .filter(|v| !found.iter().any(|d| has_key(d, &field, v)))
            .cloned()
            .collect();
        if !missing.is_empty() {
            tokio::time::sleep(INDEX_LAG).await;
            found.extend(self.search_keys(&field, &missing).await?);
        }
        Ok(found)
    }

    /// Search, then create or update, record by record (`--concurrency` runs several at once).
    pub(super) async fn upsert_each(
        &self,
        key: &str,
        items: &[(String, DealInput)],
    ) -> Vec<Result<Written>> {
        let field = match self.key_field(key).await {
            Ok(f) => f,
            Err(e) => {
                let message = e.to_string();
                return items.iter().map(|_| Err(Error::usage(&message))).collect();
            }
        };
        if !self.upsert_told.swap(true, Ordering::SeqCst) {
            self.env.notice(
                "Pipedrive has no upsert: crm searches for an exact match of each key, then \
                 creates or updates (not atomic: a deal created meanwhile by someone else, or \
                 not yet in Pipedrive's search index, is not seen)",
            );
        }
        let mut out = Vec::with_capacity(items.len());
        for (value, input) in items {
            out.push(self.upsert_one(&field, value, input).await);
        }
        out
    }

    async fn upsert_one(&self, field: &str, value: &str, input: &DealInput) -> Result<Written> {
        let found = self.search_key(field, value).await?;
        match found.as_slice() {
            [] => {
                let mut create = input.clone();
                create
                    .custom
                    .entry(field.to_string())
                    .or_insert_with(|| Value::String(value.to_string()));
                match self.create(&create).await {
                    Err(e) if outcome_unknown(&e) => self.settle(field, value, e).await,
                    other => other,
                }
            }
            [one] => {
                // The primary contact is for a create; an update leaves associations alone.
                let mut patch = input.clone();
                patch.contacts.clear();
                patch.company = None;
                self.patch_for_import(&one.id, &patch).await
            }
            several => Err(several_match(format!(
                "{} deals have {field} = {value:?} ({}): the upsert key must be unique",
                several.len(),
                id_list(several)
            ))),
        }
    }

    /// Updates by id for an import, one PATCH each.
    pub(super) async fn update_each(&self, items: &[(String, DealInput)]) -> Vec<Result<Written>> {
        let mut out = Vec::with_capacity(items.len());
        for (id, input) in items {
            out.push(self.patch_for_import(id, input).await);
        }
        out
    }

    /// An update whose result is the deal in PATCH's answer: `update` reads the deal and its
    /// participants again (11 tokens more), which an import's report does not need.
    async fn patch_for_import(&self, id: &str, input: &DealInput) -> Result<Written> {
        let plain =
            input.add_tags.is_empty() && input.contacts.is_empty() && input.company.is_none();
        if !plain {
            return self.update(id, input).await;
        }
        let body = self
            .with_fresh_meta(|m| super::input::body(input, m, false, &[]))
            .await?;
        if body.is_empty() {
            return Err(Error::usage("nothing to change: give at least one field"));
        }
        let request = Request::new(Method::PATCH, v2(&["deals", id]))
            .json(Value::Object(body))
            .idempotent(true);
        let answer = self
            .send(request, costs::UPDATE)
            .await
            .map_err(|e| no_such_deal(Vendor::Pipedrive, e, id))?;
        let meta = self.meta().await?;
        let wire = answer.get("data").cloned().unwrap_or(Value::Null);
        let mut written = Written::new(super::convert::to_deal(wire, &meta, self.env.raw)?);
        written.created = Some(false);
        Ok(written)
    }

    /// A create whose answer was lost: after a pause for the search index, the deal is looked
    /// for once more. Found, it is the create's result; not found, the outcome stays unknown.
    async fn settle(&self, field: &str, value: &str, unknown: Error) -> Result<Written> {
        tokio::time::sleep(INDEX_LAG).await;
        match self.search_key(field, value).await {
            Ok(mut found) if found.len() == 1 => {
                let mut written = Written::new(found.remove(0));
                written.created = Some(true);
                Ok(written)
            }
            _ => Err(unknown),
        }
    }
}

/// An upsert refused because its key matched more than one deal: a conflict (409), `message`
/// naming them.
fn several_match(message: String) -> Error {
    Error::Rejected {
        vendor: Vendor::Pipedrive,
        status: 409,
        message,
    }
}

/// The deals' ids, as a message lists them.
fn id_list(deals: &[Deal]) -> String {
    deals
        .iter()
        .map(|d| d.id.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

fn outcome_unknown(e: &Error) -> bool {
    matches!(
        e,
        Error::Transient {
            outcome_unknown: Some(_),
            ..
        }
    )
}

fn has_key(deal: &Deal, field: &str, value: &str) -> bool {
    match deal.custom.get(field) {
        Some(Value::String(s)) => s.trim() == value.trim(),
        Some(Value::Number(n)) => n.to_string() == value.trim(),
        _ => false,
    }
}

/// What a `--match` field is searched as: the title, or one custom field (by its name).
enum Key {
    Title,
    Custom(String),
}

impl Pipedrive {
    pub(super) async fn upsert_by_search(
        &self,
        matches: &[(String, String)],
        input: &DealInput,
    ) -> Result<Written> {
        let Some((first_field, first_value)) = matches.first() else {
            return Err(Error::usage(
                "upsert needs at least one --match FIELD=VALUE",
            ));
        };
        let keys = self
            .with_fresh_meta(|m| {
                matches
                    .iter()
                    .map(|(field, _)| match field.as_str() {
                        "name" | "title" => Ok(Key::Title),
                        other => m
                            .custom_field(other)
                            .map(|f| Key::Custom(f.field_name.clone()))
                            .map_err(|_| {
                                unknown_field(
                                    "match field",
                                    other,
                                    std::iter::once("name")
                                        .chain(m.custom_fields().map(|f| f.field_name.as_str())),
                                )
                            }),
                    })
                    .collect::<Result<Vec<_>>>()
            })
            .await?;
        self.env.notice(
            "Pipedrive has no upsert: crm searches for an exact match, then creates or updates \
             (not atomic: a deal created meanwhile by someone else is not seen)",
        );
        let fields = match keys[0] {
            Key::Title => "title",
            Key::Custom(_) => "custom_fields",
        };
        let request = Request::get(v2(&["deals", "search"]))
            .query("term", first_value.trim())
            .query("fields", fields)
            .query("exact_match", true)
            .query("limit", 100);
        let body = self.send(request, costs::SEARCH).await?;
        let ids = search_hit_ids(&body);
        let found: Vec<Deal> = self
            .hydrate(&ids, self.env.raw)
            .await?
            .into_iter()
            .filter(|d| {
                keys.iter()
                    .zip(matches)
                    .all(|(key, (_, want))| equals(d, key, want))
            })
            .collect();
        match found.as_slice() {
            [] => {
                let mut create = input.clone();
                if create.name.is_none() && first_field_is_title(first_field) {
                    create.name = Some(first_value.clone());
                }
                for (key, (_, value)) in keys.iter().zip(matches) {
                    if let Key::Custom(name) = key {
                        create
                            .custom
                            .entry(name.clone())
                            .or_insert_with(|| Value::String(value.clone()));
                    }
                }
                let mut written = self.create(&create).await?;
                written.created = Some(true);
                Ok(written)
            }
            [one] => {
                let mut written = self.update_as_upsert(&one.id, input).await?;
                written.created = Some(false);
                Ok(written)
            }
            several => Err(several_match(format!(
                "{} deals match exactly ({}): upsert needs one; narrow --match",
                several.len(),
                id_list(several)
            ))),
        }
    }
}

impl Pipedrive {
    /// Upsert's update: the fields, and the links a create would make from the same input (the
    /// first contact the deal's person, the others participants, the company its organization),
    /// so that the same input gives the same deal whichever path runs. `deals update` itself
    /// leaves links to `deals associate`.
    async fn update_as_upsert(&self, id: &str, input: &DealInput) -> Result<Written> {
        let mut fields = input.clone();
        let contacts = std::mem::take(&mut fields.contacts);
        let company = fields.company.take();
        let mut body = if fields.is_empty() {
            Map::new()
        } else {
            self.update_body(id, &fields).await?
        };
        if let Some(person) = contacts.first() {
            body.insert("person_id".into(), int_id(person));
        }
        if let Some(org) = &company {
            body.insert("org_id".into(), int_id(org));
        }
        if body.is_empty() {
            return Err(Error::usage("nothing to change: give at least one field"));
        }
        self.patch_deal(id, body).await?;
        let mut deal = self.fetch_deal(id, true).await?;
        let missing: Vec<String> = contacts
            .get(1..)
            .unwrap_or_default()
            .iter()
            .filter(|c| !deal.contacts.contains(c))
            .cloned()
            .collect();
        let failures = self.add_participants(&mut deal, &missing).await;
        Ok(Written {
            deal,
            failures,
            created: None,
        })
    }
}

fn first_field_is_title(field: &str) -> bool {
    field == "name" || field == "title"
}

fn equals(deal: &Deal, key: &Key, want: &str) -> bool {
    match key {
        Key::Title => deal.name.as_deref() == Some(want.trim()),
        Key::Custom(name) => match deal.custom.get(name) {
            Some(Value::String(s)) => s == want.trim(),
            Some(Value::Number(n)) => n.to_string() == want.trim(),
            Some(_) => false,
            None => false,
        },
    }
}

#[async_trait]
impl Bulk for Pipedrive {
    async fn validate(&self, input: &DealInput, creating: bool) -> Result<()> {
        self.check_record(input, creating).await
    }

    async fn update_batch(&self, items: &[(String, DealInput)]) -> Vec<Result<Written>> {
        self.update_each(items).await
    }

    async fn upsert_batch(&self, key: &str, items: &[(String, DealInput)]) -> Vec<Result<Written>> {
        self.upsert_each(key, items).await
    }

    async fn read_by_key(&self, key: &str, values: &[String]) -> Result<Vec<Deal>> {
        self.read_keyed(key, values).await
    }
}
