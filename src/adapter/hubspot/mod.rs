//! HubSpot CRM API v3 (objects, pipelines, owners, properties) and v4 (associations).

mod bulk;
mod convert;
pub mod error;
mod input;
mod links;
mod list;
mod meta;
mod reports;
pub mod spec;
mod wire;

#[doc(hidden)]
pub use self::convert::fuzz_deal;
#[doc(hidden)]
pub use self::list::fuzz_page;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use async_trait::async_trait;
use reqwest::Method;
use serde_json::{json, Value};

use self::meta::Meta;
use self::wire::{AccountWire, OwnerWire, PipelineWire, PropertyWire};
use super::error::no_such_deal;
use super::{AdapterEnv, DealPages, Written};
use crate::error::{Error, Result};
use crate::http::{path, Request, Response};
use crate::model::{
    AssociateOptions, Deal, DealInput, ListQuery, Pipeline, Stage, Target, User, Vendor,
};

/// HubSpot's built-in association types from deals (v4 `HUBSPOT_DEFINED`).
pub(crate) const DEAL_TO_CONTACT: i64 = 3;
pub(crate) const DEAL_TO_PRIMARY_COMPANY: i64 = 5;

pub struct HubSpot {
    env: AdapterEnv,
    /// Whether this run already reloaded the metadata after a name was not found.
    reloaded: AtomicBool,
    /// The metadata as read for this run: an import resolves names for every record, and
    /// rebuilding it from the cache each time cost more than the import's own work.
    memo: Mutex<Option<Arc<Meta>>>,
    /// Whether this run already said that new deals go to their pipeline's first stage.
    said_first_stage: AtomicBool,
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
            said_first_stage: AtomicBool::new(false),
        }
    }

    /// Sends a request about deal `id`, whose 404 says that deal does not exist.
    async fn send_for_deal(&self, request: Request, id: &str) -> Result<Response> {
        self.env
            .http
            .send(request)
            .await
            .map_err(|e| no_such_deal(Vendor::Hubspot, e, id))
    }

    /// `GET path`, its `results` read as `T`s (`what` names them in errors).
    pub(super) async fn get_results<T: serde::de::DeserializeOwned>(
        &self,
        path: String,
        what: &str,
    ) -> Result<Vec<T>> {
        let r = self.env.http.send(Request::get(path)).await?;
        results(r.body, what)
    }

    async fn fetch_pipelines(&self) -> Result<Vec<PipelineWire>> {
        let pipelines = path(&["crm", "v3", "pipelines", "deals"]);
        self.get_results(pipelines, "pipelines").await
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
        let properties = path(&["crm", "v3", "properties", "deals"]);
        self.get_results(properties, "properties").await
    }

    /// The portal's details (`GET /account-info/v3/details`, which any token may read): its id
    /// and web-app domain make the deals' links.
    async fn fetch_account(&self) -> Result<AccountWire> {
        if self.env.http.is_dry_run() {
            // Links are not worth stopping a dry run for: leave them out.
            return Err(Error::internal("dry run: account details not read"));
        }
        self.read_account().await
    }

    /// `GET /account-info/v3/details`, even in a dry run (which prints it and stops).
    async fn read_account(&self) -> Result<AccountWire> {
        let r = self
            .env
            .http
            .send(Request::get(path(&["account-info", "v3", "details"])))
            .await?;
        serde_json::from_value(r.body).map_err(|e| {
            Error::internal(format!("HubSpot sent account details crm cannot read: {e}"))
        })
    }

    /// Pipelines, owners, properties and the portal's details, from the cache when fresh.
    ///
    /// Owners and the portal's details are not needed to show a deal: a token without the owners
    /// scope still reads deals (owners by id, one notice naming the scope), and a portal whose
    /// details cannot be read shows deals without `url`.
    pub(crate) async fn meta(&self) -> Result<Arc<Meta>> {
        if let Some(meta) = self.memo.lock().expect("meta lock").clone() {
            return Ok(meta);
        }
        let cache = &self.env.cache;
        let pipelines = cache
            .get_or_fetch("pipelines", self.fetch_pipelines())
            .await?;
        let (owners, owners_denied) = match cache.get_or_fetch("owners", self.fetch_owners()).await
        {
            Ok(owners) => (owners, None),
            Err(e) => match error::missing_scope(&e) {
                Some(scope) => {
                    self.env.notice(&format!(
                        "owners are shown by id: the token lacks the scope {scope} \
                         (add it to the private app to see their names)"
                    ));
                    (Vec::new(), Some(scope))
                }
                None => return Err(e),
            },
        };
        let properties = cache
            .get_or_fetch("properties", self.fetch_properties())
            .await?;
        let account = match cache.get_or_fetch("account", self.fetch_account()).await {
            Ok(a) => Some(a),
            Err(e @ (Error::DryRunStop(_) | Error::BrokenPipe)) => return Err(e),
            Err(_) => None,
        };
        let meta = Arc::new(Meta {
            pipelines,
            owners,
            properties,
            account,
            owners_denied,
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
                for name in ["pipelines", "owners", "properties", "account"] {
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
        self.fetch_deal_in(id, false).await
    }

    /// A live deal, or (`archived`) one in the recycling bin.
    async fn fetch_deal_in(&self, id: &str, archived: bool) -> Result<Deal> {
        let meta = self.meta().await?;
        let mut request = Request::get(path(&["crm", "v3", "objects", "deals", id]))
            .query("properties", self.property_names(&meta).join(","))
            .query("associations", "contacts,companies");
        if archived {
            request = request.query("archived", true);
        }
        let body = self.send_for_deal(request, id).await?.body;
        convert::to_deal(body, &meta, self.env.raw)
    }
}

fn results<T: serde::de::DeserializeOwned>(body: Value, what: &str) -> Result<Vec<T>> {
    let items = body.get("results").cloned().unwrap_or(Value::Array(vec![]));
    serde_json::from_value(items)
        .map_err(|e| Error::internal(format!("HubSpot sent {what} crm cannot read: {e}")))
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

    /// `archived=true` reads the recycling bin only, so a live deal is read first.
    async fn get_including_deleted(&self, id: &str) -> Result<Deal> {
        match self.fetch_deal(id).await {
            Err(Error::NotFound { .. }) => self.fetch_deal_in(id, true).await,
            other => other,
        }
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
        // Each association changes the deal (its `updatedAt`): what crm prints is what a get
        // shows now. Should that read fail, the create's own answer still stands.
        let associated = input.contacts.len() + usize::from(input.company.is_some());
        if associated > failures.len() {
            match self.fetch_deal(&deal.id).await {
                Ok(fresh) => deal = fresh,
                Err(e @ Error::DryRunStop(_)) => return Err(e),
                Err(_) => {}
            }
        }
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
        self.send_for_deal(request, id).await?;
        Ok(Written::new(self.fetch_deal(id).await?))
    }

    async fn delete(&self, id: &str) -> Result<()> {
        let request = Request::new(Method::DELETE, path(&["crm", "v3", "objects", "deals", id]));
        self.send_for_deal(request, id).await?;
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
        self.link(id, target, options).await
    }

    async fn dissociate(&self, id: &str, target: &Target) -> Result<String> {
        self.unlink(id, target).await
    }

    async fn upsert(&self, matches: &[(String, String)], input: &DealInput) -> Result<Written> {
        let [(field, value)] = matches else {
            return Err(Error::usage(
                "HubSpot upserts on exactly one --match property",
            ));
        };
        let id_property = bulk::unique_property(self.meta().await?.as_ref(), field)?;
        let mut props = self
            .with_fresh_meta(|m| input::properties(input, m, false, None))
            .await?;
        // HubSpot needs a stage to create a deal (seeds 000 and 001), and its upsert does not say
        // beforehand whether it will create: read the key first. When no deal has it, the upsert
        // creates, with what a create gets: the first stage of the pipeline (said on stderr).
        if !props.values.contains_key("dealstage") {
            let existing = self
                .batch_read(&id_property, std::slice::from_ref(value))
                .await?;
            if existing.is_empty() {
                let mut creating = input.clone();
                if creating.pipeline.is_none() {
                    creating.pipeline = input.default_pipeline.clone();
                }
                props = self
                    .with_fresh_meta(|m| input::properties(&creating, m, true, None))
                    .await?;
                for n in &props.notices {
                    self.env
                        .notice(&format!("no deal has {id_property}={value}: {n}"));
                }
            }
        }
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
        if let Some(e) = body.pointer("/errors/0") {
            return Err(bulk::record_error(e, Some(value)));
        }
        let first = body
            .pointer("/results/0")
            .cloned()
            .ok_or_else(|| Error::internal("HubSpot's upsert answer has no result"))?;
        let created = first.get("new").and_then(Value::as_bool);
        let id = first
            .get("id")
            .and_then(Value::as_str)
            .ok_or_else(|| Error::internal("HubSpot's upsert answer has no id"))?
            .to_string();
        // Contacts and company are added after the write, as on create; a failed one is exit 8.
        let mut placeholder = Deal::new(Vendor::Hubspot, &id);
        let failures = self.associate_new(&mut placeholder, input).await;
        let mut written = Written::new(self.fetch_deal(&id).await?);
        written.created = created;
        written.failures = failures;
        Ok(written)
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

    fn check_input(&self, input: &DealInput) -> Result<()> {
        input::refuse_tags(input)
    }

    fn unwritable_fields(&self) -> &'static [(&'static str, &'static str)] {
        &[("tags", "HubSpot deals have no tags")]
    }

    async fn custom_fields_info(&self) -> Result<Vec<super::CustomFieldInfo>> {
        Ok(meta::field_info(&*self.meta().await?))
    }

    async fn users(&self) -> Result<Vec<User>> {
        let meta = self.meta().await?;
        Ok(meta.owners.iter().map(OwnerWire::to_user).collect())
    }

    fn bulk(&self) -> &dyn super::Bulk {
        self
    }

    fn reports(&self) -> &dyn super::Reports {
        self
    }
}
