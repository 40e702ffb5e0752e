//! HubSpot CRM API v3 (objects, pipelines, owners, properties) and v4 (associations).

mod batch;
mod conflicts;
mod convert;
pub mod error;
mod field_info;
#[doc(hidden)]
pub mod fuzzing;
mod input;
mod list;
mod meta;
mod wire;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use async_trait::async_trait;
use reqwest::Method;
use serde_json::{json, Value};

use self::meta::Meta;
use self::wire::{LabelWire, OwnerWire, PipelineWire, PropertyWire};
use super::{AdapterEnv, Capabilities, DealPages, Filter, Op, Support, Written};
use crate::error::{Error, Failure, Result};
use crate::http::{path, Request};
use crate::model::{
    AssociateOptions, Deal, DealInput, ListQuery, Pipeline, Stage, Target, User, Vendor,
};
use crate::resolve::{resolve, Candidate};

pub static CAPABILITIES: Capabilities = Capabilities {
    vendor: Vendor::Hubspot,
    ops: &[
        Op::List,
        Op::Get,
        Op::Create,
        Op::Update,
        Op::Delete,
        Op::Merge,
        Op::AssociateContact,
        Op::AssociateCompany,
        Op::DissociateContact,
        Op::DissociateCompany,
        Op::Upsert,
        Op::Pipelines,
        Op::Users,
    ],
    filters: &[
        (Filter::Stage, Support::Native),
        (Filter::Pipeline, Support::Native),
        (Filter::Owner, Support::Native),
        (Filter::Ids, Support::Native),
        (Filter::Name, Support::Native),
        (Filter::CloseDate, Support::Native),
        (Filter::Status, Support::Native),
        (Filter::Contact, Support::Native),
        (Filter::Company, Support::Native),
        (Filter::UpdatedSince, Support::Native),
        (Filter::UpdatedUntil, Support::Native),
        (Filter::Search, Support::Native),
        (Filter::Archived, Support::Native),
        (Filter::Sort, Support::Native),
        (Filter::WithContacts, Support::Native),
        (Filter::Custom, Support::Native),
    ],
    sort_fields: &["name", "amount", "close_date", "created_at", "updated_at"],
    delete_effect:
        "HubSpot moves deleted deals to its recycling bin, where they can be restored for 90 days.",
};

/// HubSpot's built-in association types from deals (v4 `HUBSPOT_DEFINED`).
const DEAL_TO_CONTACT: i64 = 3;
const DEAL_TO_PRIMARY_COMPANY: i64 = 5;

pub struct HubSpot {
    env: AdapterEnv,
    /// Whether this run already reloaded the metadata after a name was not found.
    reloaded: AtomicBool,
    /// The metadata as read for this run: an import resolves names for every record, and
    /// rebuilding it from the cache each time cost more than the import's own work.
    memo: Mutex<Option<Arc<Meta>>>,
}

impl HubSpot {
    pub fn new(env: AdapterEnv) -> Self {
        env.http
            .limiter()
            .configure("default", error::DEFAULT_LIMIT.0, error::DEFAULT_LIMIT.1);
        env.http
            .limiter()
            .configure("search", error::SEARCH_LIMIT.0, error::SEARCH_LIMIT.1);
        HubSpot {
            env,
            reloaded: AtomicBool::new(false),
            memo: Mutex::new(None),
        }
    }

    async fn fetch_pipelines(&self) -> Result<Vec<PipelineWire>> {
        let r = self
            .env
            .http
            .send(Request::get(path(&["crm", "v3", "pipelines", "deals"])))
            .await?;
        results(r.body, "pipelines")
    }

    /// Every owner, archived ones too, so old deals still show a name.
    async fn fetch_owners(&self) -> Result<Vec<OwnerWire>> {
        // 500 owners a page: no real account comes near this many pages, so more means a
        // server that never stops paging, and crm would rather stop than loop forever.
        const MAX_PAGES: usize = 20;
        let mut owners = Vec::new();
        for archived in [false, true] {
            let mut after: Option<String> = None;
            for _ in 0..MAX_PAGES {
                let mut request = Request::get(path(&["crm", "v3", "owners"]))
                    .query("limit", 500)
                    .query("archived", archived);
                if let Some(a) = &after {
                    request = request.query("after", a);
                }
                let body = self.env.http.send(request).await?.body;
                after = body
                    .pointer("/paging/next/after")
                    .and_then(Value::as_str)
                    .map(str::to_string);
                let mut page: Vec<OwnerWire> = results(body, "owners")?;
                for o in &mut page {
                    o.archived = archived;
                }
                owners.extend(page);
                if after.is_none() {
                    break;
                }
            }
        }
        Ok(owners)
    }

    async fn fetch_properties(&self) -> Result<Vec<PropertyWire>> {
        let r = self
            .env
            .http
            .send(Request::get(path(&["crm", "v3", "properties", "deals"])))
            .await?;
        results(r.body, "properties")
    }

    /// Pipelines, owners and properties, from the cache when fresh.
    pub(crate) async fn meta(&self) -> Result<Arc<Meta>> {
        if let Some(meta) = self.memo.lock().expect("meta lock").clone() {
            return Ok(meta);
        }
        let cache = &self.env.cache;
        let meta = Arc::new(Meta {
            pipelines: cache
                .get_or_fetch("pipelines", self.fetch_pipelines())
                .await?,
            owners: cache.get_or_fetch("owners", self.fetch_owners()).await?,
            properties: cache
                .get_or_fetch("properties", self.fetch_properties())
                .await?,
        });
        *self.memo.lock().expect("meta lock") = Some(meta.clone());
        Ok(meta)
    }

    /// Runs a name lookup; when a name is missing from cached metadata, reloads it once and retries
    /// (a stage created since the cache was written must still resolve).
    async fn with_fresh_meta<T>(&self, lookup: impl Fn(&Meta) -> Result<T>) -> Result<T> {
        let meta = self.meta().await?;
        match lookup(&meta) {
            Err(Error::NotFound { .. } | Error::Usage { .. })
                if !self.reloaded.swap(true, Ordering::SeqCst) =>
            {
                for name in ["pipelines", "owners", "properties"] {
                    self.env.cache.forget(name);
                }
                *self.memo.lock().expect("meta lock") = None;
                lookup(self.meta().await?.as_ref())
            }
            other => other,
        }
    }

    /// The properties every read asks for: the mapped ones and the account's custom ones.
    fn property_names(&self, meta: &Meta) -> Vec<String> {
        convert::MAPPED
            .iter()
            .map(|p| p.to_string())
            .chain(meta.custom_properties().map(|p| p.name.clone()))
            .collect()
    }

    async fn fetch_deal(&self, id: &str) -> Result<Deal> {
        let meta = self.meta().await?;
        let request = Request::get(path(&["crm", "v3", "objects", "deals", id]))
            .query("properties", self.property_names(&meta).join(","))
            .query("associations", "contacts,companies");
        let body = self
            .env
            .http
            .send(request)
            .await
            .map_err(|e| not_found_deal(e, id))?
            .body;
        convert::to_deal(body, &meta, self.env.raw)
    }

    /// The v4 association types a label names, for contacts or companies.
    async fn label_type(&self, to_type: &str, label: &str) -> Result<(String, i64)> {
        let labels: Vec<LabelWire> = self
            .env
            .cache
            .get_or_fetch(&format!("labels-{to_type}"), async {
                let r = self
                    .env
                    .http
                    .send(Request::get(path(&[
                        "crm",
                        "v4",
                        "associations",
                        "deals",
                        to_type,
                        "labels",
                    ])))
                    .await?;
                results(r.body, "association labels")
            })
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

    /// Adds one association with an explicit type (or HubSpot's default type when `kind` is None).
    async fn put_association(
        &self,
        id: &str,
        to_type: &str,
        to_id: &str,
        kind: Option<(String, i64)>,
    ) -> Result<()> {
        let request = match kind {
            Some((category, type_id)) => Request::new(
                Method::PUT,
                path(&[
                    "crm",
                    "v4",
                    "objects",
                    "deals",
                    id,
                    "associations",
                    to_type,
                    to_id,
                ]),
            )
            .json(json!([{"associationCategory": category, "associationTypeId": type_id}])),
            None => Request::new(
                Method::PUT,
                path(&[
                    "crm",
                    "v4",
                    "objects",
                    "deals",
                    id,
                    "associations",
                    "default",
                    to_type,
                    to_id,
                ]),
            ),
        };
        self.env.http.send(request.idempotent(true)).await?;
        Ok(())
    }

    /// After a create: each association with its own call, each failure reported (never a
    /// half-reported state).
    async fn associate_new(&self, deal: &mut Deal, input: &DealInput) -> Vec<Failure> {
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
}

fn results<T: serde::de::DeserializeOwned>(body: Value, what: &str) -> Result<Vec<T>> {
    let items = body.get("results").cloned().unwrap_or(Value::Array(vec![]));
    serde_json::from_value(items)
        .map_err(|e| Error::internal(format!("HubSpot sent {what} crm cannot read: {e}")))
}

fn not_found_deal(e: Error, id: &str) -> Error {
    match e {
        Error::NotFound { .. } => Error::not_found(format!("HubSpot has no deal {id}")),
        other => other,
    }
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

#[async_trait]
impl super::Adapter for HubSpot {
    fn vendor(&self) -> Vendor {
        Vendor::Hubspot
    }

    async fn list<'a>(&'a self, query: &ListQuery) -> Result<DealPages<'a>> {
        self.list_pages(query).await
    }

    async fn get(&self, id: &str, _with_contacts: bool) -> Result<Deal> {
        self.fetch_deal(id).await
    }

    async fn create(&self, input: &DealInput) -> Result<Written> {
        let props = self
            .with_fresh_meta(|m| input::properties(input, m, true, None))
            .await?;
        for n in &props.notices {
            self.env.notice(n);
        }
        let name = input.name.clone().unwrap_or_default();
        let request = Request::new(Method::POST, path(&["crm", "v3", "objects", "deals"]))
            .json(json!({"properties": props.values}))
            .idempotent(false)
            .subject(format!("create deal {name:?}"));
        let body = self.env.http.send(request).await?.body;
        let meta = self.meta().await?;
        let mut deal = convert::to_deal(body, &meta, self.env.raw)?;
        let failures = self.associate_new(&mut deal, input).await;
        Ok(Written {
            deal,
            failures,
            created: Some(true),
        })
    }

    async fn update(&self, id: &str, input: &DealInput) -> Result<Written> {
        if !input.contacts.is_empty() || input.company.is_some() {
            return Err(Error::usage_hint(
                "update does not change associations",
                "use `crm deals associate` / `crm deals dissociate`",
            ));
        }
        let needs_current =
            input.pipeline.is_none() && (input.stage.is_some() || input.status.is_some());
        let current_pipeline = if needs_current {
            self.fetch_deal(id).await?.pipeline.map(|p| p.id)
        } else {
            None
        };
        let props = self
            .with_fresh_meta(|m| input::properties(input, m, false, current_pipeline.as_deref()))
            .await?;
        let request = Request::new(Method::PATCH, path(&["crm", "v3", "objects", "deals", id]))
            .json(json!({"properties": props.values}))
            .idempotent(true);
        self.env
            .http
            .send(request)
            .await
            .map_err(|e| not_found_deal(e, id))?;
        Ok(Written::new(self.fetch_deal(id).await?))
    }

    async fn delete(&self, id: &str) -> Result<()> {
        let request = Request::new(Method::DELETE, path(&["crm", "v3", "objects", "deals", id]));
        self.env
            .http
            .send(request)
            .await
            .map_err(|e| not_found_deal(e, id))?;
        Ok(())
    }

    async fn merge(&self, keep: &str, other: &str) -> Result<Deal> {
        let request = Request::new(
            Method::POST,
            path(&["crm", "v3", "objects", "deals", "merge"]),
        )
        .json(json!({"primaryObjectId": keep, "objectIdToMerge": other}))
        .idempotent(false)
        .subject(format!("merge of deal {other} into deal {keep}"));
        let body = self.env.http.send(request).await?.body;
        // HubSpot may give the merged deal a new id: the response's id is the survivor.
        let survivor = body
            .get("id")
            .and_then(Value::as_str)
            .ok_or_else(|| Error::internal("HubSpot's merge answer has no id"))?
            .to_string();
        self.fetch_deal(&survivor).await
    }

    async fn associate(
        &self,
        id: &str,
        target: &Target,
        options: &AssociateOptions,
    ) -> Result<String> {
        if options.role.is_some() {
            return Err(Error::usage_hint(
                "--role is not a HubSpot option",
                "HubSpot describes an association with --label",
            ));
        }
        let (to_type, to_id) = to_type(target);
        let kind = match (&options.label, target, options.primary) {
            (Some(_), _, true) => {
                return Err(Error::usage("give --label or --primary, not both"));
            }
            (Some(label), _, false) => Some(self.label_type(to_type, label).await?),
            (None, Target::Contact(_), true) => {
                return Err(Error::usage(
                    "HubSpot has no primary contact: --primary is for companies",
                ))
            }
            (None, Target::Contact(_), false) => Some(("HUBSPOT_DEFINED".into(), DEAL_TO_CONTACT)),
            (None, Target::Company(_), true) => {
                Some(("HUBSPOT_DEFINED".into(), DEAL_TO_PRIMARY_COMPANY))
            }
            (None, Target::Company(_), false) => None,
        };
        self.put_association(id, to_type, to_id, kind).await?;
        Ok(format!(
            "deal {id} is now associated with {} {to_id}",
            noun(to_type)
        ))
    }

    async fn dissociate(&self, id: &str, target: &Target) -> Result<String> {
        let (to_type, to_id) = to_type(target);
        let request = Request::new(
            Method::DELETE,
            path(&[
                "crm",
                "v4",
                "objects",
                "deals",
                id,
                "associations",
                to_type,
                to_id,
            ]),
        );
        self.env.http.send(request).await?;
        Ok(format!(
            "deal {id} is no longer associated with {} {to_id}",
            noun(to_type)
        ))
    }

    async fn upsert(&self, matches: &[(String, String)], input: &DealInput) -> Result<Written> {
        let [(field, value)] = matches else {
            return Err(Error::usage(
                "HubSpot upserts on exactly one --match property",
            ));
        };
        let id_property = batch::unique_property(self.meta().await?.as_ref(), field)?;
        let mut props = self
            .with_fresh_meta(|m| input::properties(input, m, false, None))
            .await?;
        props
            .values
            .insert(id_property.clone(), Value::String(value.clone()));
        let request = Request::new(
            Method::POST,
            path(&["crm", "v3", "objects", "deals", "batch", "upsert"]),
        )
        .json(json!({"inputs": [{"idProperty": id_property, "id": value, "properties": props.values}]}))
        .idempotent(true)
        .subject(format!("upsert of the deal with {id_property}={value}"));
        let body = self.env.http.send(request).await?.body;
        let first = body
            .pointer("/results/0")
            .cloned()
            .ok_or_else(|| Error::internal("HubSpot's upsert answer has no result"))?;
        let created = first.get("new").and_then(Value::as_bool);
        let id = first
            .get("id")
            .and_then(Value::as_str)
            .ok_or_else(|| Error::internal("HubSpot's upsert answer has no id"))?;
        let mut written = Written::new(self.fetch_deal(id).await?);
        written.created = created;
        Ok(written)
    }

    fn batch_size(&self) -> usize {
        batch::BATCH_SIZE
    }

    async fn validate(&self, input: &DealInput, creating: bool) -> Result<()> {
        self.with_fresh_meta(|m| batch::record_properties(input, m, creating))
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

    async fn taken_unique_values(&self, inputs: &[DealInput]) -> Result<Vec<Option<super::Taken>>> {
        self.taken(inputs).await
    }

    async fn pipelines(&self) -> Result<Vec<Pipeline>> {
        let meta = self.meta().await?;
        let mut pipelines = meta.pipelines.clone();
        pipelines.sort_by_key(|p| p.display_order);
        Ok(pipelines
            .into_iter()
            .map(|p| {
                let mut stages = p.stages.clone();
                stages.sort_by_key(|s| s.display_order);
                Pipeline {
                    stages: stages
                        .iter()
                        .map(|s| Stage {
                            id: s.id.clone(),
                            name: s.label.clone(),
                            pipeline_id: p.id.clone(),
                            status: meta.stage_status(s),
                            probability: s
                                .probability()
                                .map(|x| (x * rust_decimal::Decimal::from(100)).normalize()),
                        })
                        .collect(),
                    id: p.id,
                    name: p.label,
                }
            })
            .collect())
    }

    fn unwritable_fields(&self) -> &'static [(&'static str, &'static str)] {
        &[("tags", "HubSpot deals have no tags")]
    }

    async fn custom_fields_info(&self) -> Result<Vec<super::CustomFieldInfo>> {
        Ok(field_info::custom_fields(&*self.meta().await?))
    }

    async fn users(&self) -> Result<Vec<User>> {
        let meta = self.meta().await?;
        Ok(meta
            .owners
            .iter()
            .map(|o| User {
                id: o.id.clone(),
                name: o.display_name(),
                email: o.email.clone(),
                archived: o.archived,
            })
            .collect())
    }
}
