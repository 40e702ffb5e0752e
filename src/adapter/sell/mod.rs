//! Zendesk Sell Core API v2: deals, upsert, associated contacts, pipelines, stages, users.

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

use async_trait::async_trait;
use reqwest::Method;
use serde_json::Value;

use self::input::{Known, Mode, Plan};
use self::meta::{category_status, Meta};
use self::wire::{envelope, typed_items, CustomFieldWire, LossReasonWire};
use super::error::no_such_deal;
use super::{AdapterEnv, DealPages, Op, Written};
use crate::error::{Error, Failure, Result};
use crate::http::{path, Charge, Request};
use crate::model::{
    AssociateOptions, Deal, DealInput, ListQuery, Pipeline, Stage, Target, User, Vendor,
};

/// Metadata pages to read before deciding the server never stops paging.
const MAX_META_PAGES: usize = 50;

/// Every Sell request counts against the per-second and the hourly limit.
fn request(method: Method, segments: &[&str]) -> Request {
    Request::new(method, path(segments)).charges(vec![
        Charge {
            bucket: "default",
            cost: 1,
        },
        Charge {
            bucket: "hour",
            cost: 1,
        },
    ])
}

fn get(segments: &[&str]) -> Request {
    request(Method::GET, segments)
}

/// A name the cached metadata lacks (a stage, owner, loss reason or custom field made since).
fn stale_name(e: &Error) -> bool {
    match e {
        Error::NotFound { .. } => true,
        Error::Usage { message, .. } => message.starts_with("unknown custom field"),
        _ => false,
    }
}

pub struct Sell {
    env: AdapterEnv,
    /// Whether this run already reloaded the metadata after a name was not found.
    reloaded: AtomicBool,
}

impl Sell {
    pub fn new(env: AdapterEnv) -> Self {
        let limiter = env.http.limiter();
        limiter.configure("default", error::SECOND_LIMIT.0, error::SECOND_LIMIT.1);
        limiter.configure("hour", error::HOUR_LIMIT.0, error::HOUR_LIMIT.1);
        Sell {
            env,
            reloaded: AtomicBool::new(false),
        }
    }

    /// Every item of a metadata collection, page after page until a short one.
    async fn collect<T: serde::de::DeserializeOwned>(&self, segments: &[&str]) -> Result<Vec<T>> {
        let mut all = Vec::new();
        for page in 1..=MAX_META_PAGES {
            let request = get(segments)
                .query("page", page)
                .query("per_page", list::PAGE);
            let body = self.env.http.send(request).await?.body;
            let items: Vec<T> = typed_items(&body, segments.last().copied().unwrap_or("items"))?;
            let short = items.len() < list::PAGE;
            all.extend(items);
            if short {
                break;
            }
        }
        Ok(all)
    }

    /// Pipelines, stages and users, from the cache when fresh.
    async fn meta(&self) -> Result<Meta> {
        let cache = &self.env.cache;
        Ok(Meta {
            pipelines: cache
                .get_or_fetch("pipelines", self.collect(&["v2", "pipelines"]))
                .await?,
            stages: cache
                .get_or_fetch("stages", self.collect(&["v2", "stages"]))
                .await?,
            users: cache
                .get_or_fetch("users", self.collect(&["v2", "users"]))
                .await?,
        })
    }

    async fn custom_fields(&self) -> Result<Vec<CustomFieldWire>> {
        self.env
            .cache
            .get_or_fetch(
                "custom_fields",
                self.collect(&["v2", "deal", "custom_fields"]),
            )
            .await
    }

    async fn loss_reasons(&self) -> Result<Vec<LossReasonWire>> {
        self.env
            .cache
            .get_or_fetch("loss_reasons", self.collect(&["v2", "loss_reasons"]))
            .await
    }

    /// The `data` for a write, with a reload of stale metadata when a name is not found.
    async fn plan(&self, input: &DealInput, mode: Mode, current: Option<&Deal>) -> Result<Plan> {
        // Names need the metadata; a plain change does not (and a --dry-run then shows the write).
        let names = input.owner.is_some()
            || input.stage.is_some()
            || input.pipeline.is_some()
            || input.status.is_some();
        loop {
            let meta = if names {
                self.meta().await?
            } else {
                Meta::default()
            };
            let fields = if input::needs_custom_fields(input) {
                self.custom_fields().await?
            } else {
                Vec::new()
            };
            let reasons = if input.lost_reason.is_some() {
                self.loss_reasons().await?
            } else {
                Vec::new()
            };
            let known = Known {
                meta: &meta,
                custom_fields: &fields,
                loss_reasons: &reasons,
                current,
                dry_run: self.env.http.is_dry_run(),
            };
            match input::plan(input, &known, mode) {
                // Only a missing name can be cured by newer metadata.
                Err(e) if stale_name(&e) && !self.reloaded.swap(true, Ordering::SeqCst) => {
                    for name in [
                        "pipelines",
                        "stages",
                        "users",
                        "custom_fields",
                        "loss_reasons",
                    ] {
                        self.env.cache.forget(name);
                    }
                }
                other => return other,
            }
        }
    }

    async fn fetch_deal(&self, id: &str) -> Result<Deal> {
        let body = self
            .env
            .http
            .send(get(&["v2", "deals", id]))
            .await
            .map_err(|e| no_such_deal(Vendor::Sell, e, id))?
            .body;
        self.read_deal(body).await
    }

    async fn read_deal(&self, body: Value) -> Result<Deal> {
        let meta = self.meta().await?;
        convert::to_deal(wire::data_of(body, "a deal")?, &meta, self.env.raw)
    }

    async fn put_deal(&self, id: &str, data: serde_json::Map<String, Value>) -> Result<Deal> {
        let request = request(Method::PUT, &["v2", "deals", id])
            .json(envelope("deal", Value::Object(data)))
            .idempotent(true);
        let body = self
            .env
            .http
            .send(request)
            .await
            .map_err(|e| no_such_deal(Vendor::Sell, e, id))?
            .body;
        self.read_deal(body).await
    }

    fn tell(&self, notices: &[String]) {
        for n in notices {
            self.env.notice(n);
        }
    }
}

#[async_trait]
impl super::Adapter for Sell {
    fn vendor(&self) -> Vendor {
        Vendor::Sell
    }

    async fn list<'a>(&'a self, query: &ListQuery) -> Result<DealPages<'a>> {
        self.list_pages(query).await
    }

    async fn get(&self, id: &str, with_contacts: bool) -> Result<Deal> {
        let mut deal = self.fetch_deal(id).await?;
        if with_contacts {
            self.add_associated(&mut deal).await?;
        }
        Ok(deal)
    }

    async fn create(&self, input: &DealInput) -> Result<Written> {
        // The primary contact Sell requires is checked before any request, metadata included.
        input::contacts(input, Mode::Create, &mut Plan::default())?;
        let plan = self.plan(input, Mode::Create, None).await?;
        self.tell(&plan.notices);
        let name = input.name.clone().unwrap_or_default();
        let request = request(Method::POST, &["v2", "deals"])
            .json(envelope("deal", Value::Object(plan.data)))
            .idempotent(false)
            .subject(format!("create deal {name:?}"));
        let body = self.env.http.send(request).await?.body;
        let mut deal = self.read_deal(body).await?;
        let mut failures = Vec::new();
        for contact in &plan.extra_contacts {
            match self.post_associated(&deal.id, contact).await {
                Ok(()) => deal.contacts.push(contact.clone()),
                Err(e) => failures.push(Failure {
                    record: format!("association with contact {contact}"),
                    message: e.to_string(),
                }),
            }
        }
        Ok(Written {
            deal,
            failures,
            created: Some(true),
        })
    }

    async fn update(&self, id: &str, input: &DealInput) -> Result<Written> {
        let needs_current = !input.add_tags.is_empty()
            || (input.pipeline.is_none() && input.stage.is_none() && input.status.is_some())
            || (input.lost_reason.is_some() && input.status.is_none() && input.stage.is_none());
        let current = if needs_current {
            Some(self.fetch_deal(id).await?)
        } else {
            None
        };
        let plan = self.plan(input, Mode::Update, current.as_ref()).await?;
        self.tell(&plan.notices);
        if plan.data.is_empty() {
            let deal = match current {
                Some(d) => d,
                None => self.fetch_deal(id).await?,
            };
            return Ok(Written::new(deal));
        }
        Ok(Written::new(self.put_deal(id, plan.data).await?))
    }

    async fn delete(&self, id: &str) -> Result<()> {
        self.env
            .http
            .send(request(Method::DELETE, &["v2", "deals", id]))
            .await
            .map_err(|e| no_such_deal(Vendor::Sell, e, id))?;
        Ok(())
    }

    async fn associate(
        &self,
        id: &str,
        target: &Target,
        options: &AssociateOptions,
    ) -> Result<String> {
        let Target::Contact(contact) = target else {
            return Err(super::unsupported(Vendor::Sell, Op::associate(target)));
        };
        self.associate_contact(id, contact, options).await
    }

    async fn dissociate(&self, id: &str, target: &Target) -> Result<String> {
        let Target::Contact(contact) = target else {
            return Err(super::unsupported(Vendor::Sell, Op::dissociate(target)));
        };
        self.dissociate_contact(id, contact).await
    }

    async fn upsert(&self, matches: &[(String, String)], input: &DealInput) -> Result<Written> {
        self.upsert_by_filters(matches, input, true).await
    }

    async fn pipelines(&self) -> Result<Vec<Pipeline>> {
        let meta = self.meta().await?;
        Ok(meta
            .pipelines
            .iter()
            .map(|p| Pipeline {
                id: p.id.clone(),
                name: p.name.clone(),
                stages: meta
                    .stages_of(&p.id)
                    .into_iter()
                    .map(|s| Stage {
                        id: s.id.clone(),
                        name: s.name.clone(),
                        pipeline_id: p.id.clone(),
                        status: category_status(s.category.as_deref()),
                        probability: s.likelihood.map(rust_decimal::Decimal::from),
                    })
                    .collect(),
            })
            .collect())
    }

    fn unwritable_fields(&self) -> &'static [(&'static str, &'static str)] {
        &[(
            "company",
            "Zendesk Sell takes the company from the primary contact",
        )]
    }

    async fn custom_fields_info(&self) -> Result<Vec<super::CustomFieldInfo>> {
        Ok(meta::field_info(&self.custom_fields().await?))
    }

    async fn users(&self) -> Result<Vec<User>> {
        let meta = self.meta().await?;
        Ok(meta
            .users
            .iter()
            .map(|u| User {
                id: u.id.clone(),
                name: u.name.clone(),
                email: u.email.clone(),
                archived: u.status.as_deref() == Some("inactive"),
            })
            .collect())
    }

    fn bulk(&self) -> &dyn super::Bulk {
        self
    }

    fn reports(&self) -> &dyn super::Reports {
        self
    }
}
