//! Pipedrive API v2 (deals, followers, pipelines, stages, deal fields), with the v1 endpoints v2
//! lacks (users, participants, merge).

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

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use async_trait::async_trait;
use reqwest::Method;
use serde_json::{json, Value};

use self::wire::UserWire;
use super::error::no_such_deal;
use super::{AdapterEnv, DealPages, Written};
use crate::error::{Error, Result};
use crate::http::{path, Request};
use crate::model::{
    AssociateOptions, Deal, DealInput, ListQuery, Pipeline, Stage, Status, Target, User, Vendor,
};

/// Token costs (`x-token-cost` in Pipedrive's OpenAPI files) of the calls crm makes, counted
/// against the daily budget only.
pub(crate) mod costs {
    pub const LIST: u32 = 10;
    pub const ARCHIVED: u32 = 20;
    pub const SEARCH: u32 = 20;
    pub const GET: u32 = 1;
    pub const CREATE: u32 = 5;
    pub const UPDATE: u32 = 5;
    pub const DELETE: u32 = 3;
    pub const FOLLOWERS: u32 = 10;
    pub const FOLLOW: u32 = 5;
    pub const UNFOLLOW: u32 = 3;
    pub const PIPELINES: u32 = 5;
    pub const STAGES: u32 = 5;
    pub const FIELDS: u32 = 10;
    pub const USERS: u32 = 20;
    pub const PARTICIPANTS: u32 = 10;
    pub const ADD_PARTICIPANT: u32 = 10;
    pub const REMOVE_PARTICIPANT: u32 = 6;
    pub const MERGE: u32 = 40;
    pub const ME: u32 = 2;
    pub const SUMMARY: u32 = 40;
    pub const ARCHIVED_SUMMARY: u32 = 80;
    pub const TIMELINE: u32 = 20;
    pub const ARCHIVED_TIMELINE: u32 = 40;
    pub const CHANGELOG: u32 = 20;
    pub const FLOW: u32 = 40;
}

/// `/api/v2/…` and `/api/v1/…` paths, each segment percent-encoded. Pipedrive documents both
/// prefixes on a company domain (`https://{COMPANYDOMAIN}.pipedrive.com/api/v1/…`, its
/// "Requests" page: https://pipedrive.readme.io/docs/core-api-concepts-requests); a bare
/// `/v1/…` is not served there.
pub(crate) fn v2(segments: &[&str]) -> String {
    let mut all = vec!["api", "v2"];
    all.extend_from_slice(segments);
    path(&all)
}

pub(crate) fn v1(segments: &[&str]) -> String {
    let mut all = vec!["api", "v1"];
    all.extend_from_slice(segments);
    path(&all)
}

pub struct Pipedrive {
    env: AdapterEnv,
    /// Whether this run already reloaded the metadata after a name was not found.
    reloaded: AtomicBool,
    /// Tokens this run has spent, against the daily budget.
    spent: AtomicU64,
    /// Whether this run already said that an import's upserts are not atomic.
    upsert_told: AtomicBool,
}

impl Pipedrive {
    /// Refuses a base URL that already carries an API version: crm adds `/api/v2` and `/api/v1` itself.
    pub fn new(env: AdapterEnv) -> Result<Self> {
        let base = env.http.base_url().path().trim_end_matches('/').to_string();
        if ["/api/v2", "/api/v1", "/v1", "/api", "/v2"]
            .iter()
            .any(|suffix| base.ends_with(suffix))
        {
            return Err(Error::usage_hint(
                format!("the Pipedrive base URL ends with {base:?}: crm adds the API version itself"),
                "give the company domain alone, e.g. CRM_BASE_URL=https://yourcompany.pipedrive.com",
            ));
        }
        error::configure(env.http.limiter());
        Ok(Pipedrive {
            env,
            reloaded: AtomicBool::new(false),
            spent: AtomicU64::new(0),
            upsert_told: AtomicBool::new(false),
        })
    }

    /// Sends a request; `tokens` is its cost against the daily budget, counted, while the burst
    /// windows are charged one request each (see [`error`]).
    pub(crate) async fn send(&self, request: Request, tokens: u32) -> Result<Value> {
        let request = self.charged(request, tokens);
        Ok(self.env.http.send(request).await?.body)
    }

    /// As [`Pipedrive::send`], the answer's text unparsed: for a list page whose cursor is read
    /// off its end ([`wire::tail_cursor`]) so the next page goes out before this one is parsed.
    pub(crate) async fn send_text(&self, request: Request, tokens: u32) -> Result<String> {
        let answer = self
            .env
            .http
            .send_raw(self.charged(request, tokens))
            .await?;
        match answer.error {
            Some(error) => Err(error),
            None => Ok(answer.text),
        }
    }

    /// `request` with its rate-limit charges, its `tokens` counted against the daily budget.
    fn charged(&self, request: Request, tokens: u32) -> Request {
        let charges = error::charges(&request.path);
        let before = self.spent.fetch_add(tokens.into(), Ordering::SeqCst);
        if error::crosses_daily_budget(before, tokens) {
            self.env.notice(&format!(
                "this run has spent {} of Pipedrive's rate-limit tokens, the daily budget of its \
                 smallest plan: Pipedrive may refuse further calls (429) until the budget renews",
                error::DAILY_BUDGET
            ));
        }
        request.charges(charges)
    }

    /// The v2 deal, without participants.
    pub(crate) async fn fetch_wire(&self, id: &str) -> Result<Value> {
        let body = self
            .send(Request::get(v2(&["deals", id])), costs::GET)
            .await
            .map_err(|e| no_such_deal(Vendor::Pipedrive, e, id))?;
        Ok(body.get("data").cloned().unwrap_or(Value::Null))
    }

    pub(crate) async fn fetch_deal(&self, id: &str, with_participants: bool) -> Result<Deal> {
        let wire = self.fetch_wire(id).await?;
        let meta = self.meta().await?;
        let mut deal = convert::to_deal(wire, &meta, self.env.raw)?;
        if with_participants {
            let people = self.participants(id).await?;
            convert::add_contacts(
                &mut deal,
                people.iter().filter_map(convert::participant_person),
            );
        }
        Ok(deal)
    }
}

impl Pipedrive {
    /// The PATCH body of an update's fields (associations are the caller's), names resolved.
    pub(crate) async fn update_body(
        &self,
        id: &str,
        input: &DealInput,
    ) -> Result<serde_json::Map<String, Value>> {
        let current_labels: Vec<String> = if input.add_tags.is_empty() || input.tags.is_some() {
            Vec::new()
        } else {
            self.fetch_wire(id)
                .await?
                .get("label_ids")
                .and_then(Value::as_array)
                .map(|ids| ids.iter().filter_map(wire::id_text).collect())
                .unwrap_or_default()
        };
        self.with_fresh_meta(|m| input::body(input, m, false, &current_labels))
            .await
    }

    pub(crate) async fn patch_deal(
        &self,
        id: &str,
        body: serde_json::Map<String, Value>,
    ) -> Result<()> {
        let request = Request::new(Method::PATCH, v2(&["deals", id]))
            .json(Value::Object(body))
            .idempotent(true);
        self.send(request, costs::UPDATE)
            .await
            .map_err(|e| no_such_deal(Vendor::Pipedrive, e, id))?;
        Ok(())
    }
}

#[async_trait]
impl super::Adapter for Pipedrive {
    fn vendor(&self) -> Vendor {
        Vendor::Pipedrive
    }

    async fn list<'a>(&'a self, query: &ListQuery) -> Result<DealPages<'a>> {
        self.list_pages(query, self.env.raw).await
    }

    /// `GET /api/v2/deals/{id}` still answers a deal deleted less than 30 days ago
    /// (`is_deleted: true`); as on every vendor, that is not found unless `--archived` asks.
    async fn get(&self, id: &str, _with_contacts: bool) -> Result<Deal> {
        let deal = self.fetch_deal(id, true).await?;
        if deal.deleted {
            return Err(Error::NotFound {
                message: format!("Pipedrive deal {id} was deleted"),
                hint: Some(format!(
                    "Pipedrive keeps deleted deals for 30 days: `crm deals get {id} --archived` \
                     shows it"
                )),
            });
        }
        Ok(deal)
    }

    async fn get_including_deleted(&self, id: &str) -> Result<Deal> {
        self.fetch_deal(id, true).await
    }

    async fn create(&self, input: &DealInput) -> Result<Written> {
        if input.name.as_deref().is_none_or(|n| n.trim().is_empty()) {
            return Err(Error::usage_hint(
                "a Pipedrive deal needs a title",
                "pass --name \"…\"",
            ));
        }
        let body = self
            .with_fresh_meta(|m| input::body(input, m, true, &[]))
            .await?;
        let name = input.name.clone().unwrap_or_default();
        let request = Request::new(Method::POST, v2(&["deals"]))
            .json(Value::Object(body))
            .idempotent(false)
            .subject(format!("create deal {name:?}"));
        let answer = self.send(request, costs::CREATE).await?;
        let meta = self.meta().await?;
        let mut deal = convert::to_deal(
            answer.get("data").cloned().unwrap_or(Value::Null),
            &meta,
            self.env.raw,
        )?;
        let extra = input.contacts.get(1..).unwrap_or_default();
        let failures = self.add_participants(&mut deal, extra).await;
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
        let body = self.update_body(id, input).await?;
        if body.is_empty() {
            return Err(Error::usage("nothing to change: give at least one field"));
        }
        self.patch_deal(id, body).await?;
        Ok(Written::new(self.fetch_deal(id, true).await?))
    }

    async fn delete(&self, id: &str) -> Result<()> {
        let request = Request::new(Method::DELETE, v2(&["deals", id]));
        self.send(request, costs::DELETE)
            .await
            .map_err(|e| no_such_deal(Vendor::Pipedrive, e, id))?;
        Ok(())
    }

    /// Pipedrive's merge keeps the `merge_with_id` deal and removes the one in the path.
    async fn merge(&self, keep: &str, other: &str) -> Result<Deal> {
        let request = Request::new(Method::PUT, v1(&["deals", other, "merge"]))
            .json(json!({"merge_with_id": input::int_id(keep)}))
            .idempotent(false)
            .subject(format!("merge of deal {other} into deal {keep}"));
        self.send(request, costs::MERGE).await?;
        // The answer is a v1 deal; the common shape comes from v2.
        self.fetch_deal(keep, true).await
    }

    async fn follow(&self, id: &str, user: &str) -> Result<User> {
        self.add_follower(id, user).await
    }

    async fn unfollow(&self, id: &str, user: &str) -> Result<User> {
        self.remove_follower(id, user).await
    }

    async fn followers(&self, id: &str) -> Result<Vec<User>> {
        self.list_followers(id).await
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
        self.upsert_by_search(matches, input).await
    }

    async fn pipelines(&self) -> Result<Vec<Pipeline>> {
        let meta = self.meta().await?;
        let mut pipelines = meta.pipelines.clone();
        pipelines.sort_by_key(|p| p.order_nr);
        Ok(pipelines
            .into_iter()
            .map(|p| Pipeline {
                stages: meta
                    .stages_of(&p.id)
                    .into_iter()
                    .map(|s| Stage {
                        id: s.id.clone(),
                        name: s.name.clone(),
                        pipeline_id: p.id.clone(),
                        // Pipedrive keeps won/lost on the deal, not in a stage.
                        status: Status::Open,
                        probability: s
                            .deal_probability
                            .as_ref()
                            .and_then(crate::model::decimal_from_json),
                    })
                    .collect(),
                id: p.id,
                name: p.name,
            })
            .collect())
    }

    async fn custom_fields_info(&self) -> Result<Vec<super::CustomFieldInfo>> {
        Ok(meta::field_info(&self.meta().await?))
    }

    async fn users(&self) -> Result<Vec<User>> {
        let meta = self.meta().await?;
        Ok(meta.users.iter().map(to_user).collect())
    }

    fn bulk(&self) -> &dyn super::Bulk {
        self
    }

    fn reports(&self) -> &dyn super::Reports {
        self
    }
}

pub(crate) fn to_user(u: &UserWire) -> User {
    User {
        id: u.id.clone(),
        name: u.name.clone(),
        email: u.email.clone(),
        archived: u.active_flag == Some(false),
    }
}
