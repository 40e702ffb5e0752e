//! Pipedrive: API v2 deals, followers, pipelines, stages and deal fields; the
//! v1 endpoints v2 lacks (users, participants, merge), under `/api/v2` and `/api/v1`.

mod deals;
mod demo;
mod extra;
mod history;
mod meta;
mod reports;
mod write;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use axum::http::{Method, StatusCode};
use axum::response::Response;
use axum::routing::{delete, get, put};
use axum::Router;
use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

use super::data::Demo;
use super::db::Persist;
use super::state::{Census, Open, Shared};
use super::table::Table;
use super::util::{dec_number, iso};
use super::{errors, SandboxError, SandboxVendor};

const V: SandboxVendor = SandboxVendor::Pipedrive;

pub(crate) type St = axum::extract::State<Arc<Shared<Store>>>;

#[derive(Serialize, Deserialize, Clone)]
pub(crate) struct Follower {
    pub user_id: u64,
    pub add_time: DateTime<Utc>,
}

#[derive(Serialize, Deserialize, Clone)]
pub(crate) struct Participant {
    pub id: u64,
    pub person_id: u64,
    pub add_time: DateTime<Utc>,
}

#[derive(Serialize, Deserialize, Clone)]
pub(crate) struct Deal {
    pub id: u64,
    pub title: String,
    pub value: Decimal,
    pub currency: String,
    pub owner_id: u64,
    pub creator_id: u64,
    pub person_id: Option<u64>,
    pub org_id: Option<u64>,
    pub pipeline_id: u64,
    pub stage_id: u64,
    pub status: String,
    pub is_deleted: bool,
    pub is_archived: bool,
    pub add_time: DateTime<Utc>,
    pub update_time: DateTime<Utc>,
    pub stage_change_time: Option<DateTime<Utc>>,
    pub won_time: Option<DateTime<Utc>>,
    pub lost_time: Option<DateTime<Utc>>,
    pub close_time: Option<DateTime<Utc>>,
    pub lost_reason: Option<String>,
    pub probability: Option<Decimal>,
    pub expected_close_date: Option<NaiveDate>,
    pub label_ids: Vec<u64>,
    pub custom_fields: BTreeMap<String, Value>,
    pub followers: Vec<Follower>,
    pub participants: Vec<Participant>,
    /// Field changes made through the API, oldest first (`history.rs`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<history::Change>,
}

#[derive(Serialize, Deserialize)]
pub(crate) struct User {
    pub id: u64,
    pub name: String,
    pub email: String,
    pub active: bool,
}

#[derive(Serialize, Deserialize)]
pub(crate) struct Person {
    pub id: u64,
    pub first: String,
    pub last: String,
    pub email: String,
    pub org_id: u64,
}

#[derive(Serialize, Deserialize)]
pub(crate) struct Named {
    pub id: u64,
    pub name: String,
}

#[derive(Serialize, Deserialize)]
pub(crate) struct Stage {
    pub id: u64,
    pub pipeline_id: u64,
    pub name: String,
    pub order_nr: u32,
    pub probability: u32,
    pub kind: String,
}

/// A custom deal field: its 40-character key and its name.
#[derive(Serialize, Deserialize)]
pub(crate) struct CustomField {
    pub key: String,
    pub name: String,
    pub options: Vec<String>,
}

#[derive(Serialize, Deserialize)]
pub(crate) struct Store {
    pub deals: Table<Deal>,
    pub next_deal: u64,
    pub next_participant: u64,
    pub users: Vec<User>,
    pub me: u64,
    pub persons: Vec<Person>,
    pub orgs: Vec<Named>,
    pub pipelines: Vec<Named>,
    pub stages: Vec<Stage>,
    pub labels: Vec<Named>,
    pub custom: Vec<CustomField>,
    pub company_domain: String,
    /// Pipelines whose deal probability is switched off (`is_deal_probability_enabled: false`).
    #[serde(default)]
    pub probability_off: BTreeSet<u64>,
    /// The id of the next recorded field change.
    #[serde(default = "first_change")]
    pub next_change: u64,
}

fn first_change() -> u64 {
    1
}

impl Store {
    /// The v2 deal. Non-nullable fields without a value are left out.
    pub(crate) fn render(&self, d: &Deal, only_custom: Option<&[String]>) -> Value {
        let t = |x: &Option<DateTime<Utc>>| x.map(|t| json!(iso(t)));
        let mut v = json!({
            "id": d.id, "title": d.title, "owner_id": d.owner_id,
            "pipeline_id": d.pipeline_id, "stage_id": d.stage_id,
            "value": dec_number(d.value), "currency": d.currency,
            "add_time": iso(d.add_time), "update_time": iso(d.update_time),
            "is_deleted": d.is_deleted, "is_archived": d.is_archived, "status": d.status,
            "probability": d.probability.map(dec_number), "lost_reason": d.lost_reason,
            "visible_to": 3, "close_time": t(&d.close_time), "label_ids": d.label_ids,
            "origin": "API", "origin_id": null, "channel": null, "channel_id": null,
            "source_lead_id": null, "arr": null, "mrr": null, "acv": null,
        });
        let o = v.as_object_mut().expect("object");
        let mut add = |k: &str, x: Option<Value>| {
            if let Some(x) = x {
                o.insert(k.into(), x);
            }
        };
        add("person_id", d.person_id.map(|x| json!(x)));
        add("org_id", d.org_id.map(|x| json!(x)));
        add("stage_change_time", t(&d.stage_change_time));
        add("won_time", t(&d.won_time));
        add("lost_time", t(&d.lost_time));
        add(
            "expected_close_date",
            d.expected_close_date.map(|x| json!(x.to_string())),
        );
        let custom: Map<String, Value> = self
            .custom
            .iter()
            .filter(|f| only_custom.is_none_or(|keys| keys.contains(&f.key)))
            .map(|f| {
                (
                    f.key.clone(),
                    d.custom_fields.get(&f.key).cloned().unwrap_or(Value::Null),
                )
            })
            .collect();
        o.insert("custom_fields".into(), Value::Object(custom));
        v
    }

    pub(crate) fn live(&self, id: &str) -> Option<u64> {
        let id: u64 = id.trim().parse().ok()?;
        self.deals.contains_key(&id).then_some(id)
    }

    /// The deal with this id (as given in the path), to change.
    pub(crate) fn live_mut(&mut self, id: &str) -> Option<&mut Deal> {
        let id = self.live(id)?;
        self.deals.get_mut(&id)
    }
}

/// The `{success: true, data}` envelope.
pub(crate) fn ok_data(data: Value) -> Response {
    super::util::ok(json!({ "success": true, "data": data }))
}

/// `additional_data` of a list: `next_cursor` only when there is a next page
/// (the specs type it as a non-nullable string).
pub(crate) fn additional(next: Option<String>) -> Value {
    match next {
        Some(c) => json!({ "next_cursor": c }),
        None => json!({}),
    }
}

/// A list page with `additional_data.next_cursor`.
pub(crate) fn ok_page(data: Vec<Value>, next: Option<String>) -> Response {
    super::util::ok(json!({ "success": true, "data": data, "additional_data": additional(next) }))
}

pub(crate) fn bad(message: &str) -> Response {
    errors::bad_request(V, message)
}

pub(crate) fn not_found(what: &str) -> Response {
    errors::error(V, StatusCode::NOT_FOUND, "", what)
}

/// Offsets as opaque cursors.
pub(crate) fn cursor_offset(c: Option<&str>) -> Result<usize, Response> {
    match c {
        None | Some("") => Ok(0),
        Some(c) => c
            .strip_prefix("pd:")
            .and_then(|n| n.parse().ok())
            .ok_or_else(|| bad("Invalid cursor")),
    }
}

pub(crate) fn cursor_for(offset: usize) -> String {
    format!("pd:{offset}")
}

/// The rate-limit token cost of an endpoint (x-token-cost in the specs).
pub(crate) fn token_cost(method: &Method, path: &str) -> u32 {
    let p = path.trim_start_matches("/api").trim_end_matches('/');
    let segs: Vec<&str> = p.split('/').filter(|s| !s.is_empty()).collect();
    let m = method.as_str();
    match (m, segs.as_slice()) {
        ("GET", ["v2", "deals"]) => 10,
        ("GET", ["v2", "deals", "archived" | "search"]) => 20,
        ("POST", ["v2", "deals"]) => 5,
        ("GET", ["v2", "deals", _]) => 1,
        ("PATCH", ["v2", "deals", _]) => 5,
        ("DELETE", ["v2", "deals", _]) => 3,
        ("GET", ["v2", "deals", _, "followers"]) => 10,
        ("POST", ["v2", "deals", _, "followers"]) => 5,
        ("DELETE", ["v2", "deals", _, "followers", _]) => 3,
        ("GET", ["v2", "pipelines" | "stages", ..]) => 5,
        ("GET", ["v2", "dealFields"]) => 10,
        ("GET", ["v1", "users"]) => 20,
        ("GET", ["v1", "users", "me"]) => 2,
        ("GET" | "POST", ["v1", "deals", _, "participants"]) => 10,
        ("DELETE", ["v1", "deals", _, "participants", _]) => 6,
        ("PUT", ["v1", "deals", _, "merge"]) => 40,
        ("PATCH", ["v2", "pipelines", _]) => 5,
        ("GET", ["v1", "deals", "summary"]) => 40,
        ("GET", ["v1", "deals", "summary", "archived"]) => 80,
        ("GET", ["v1", "deals", "timeline"]) => 20,
        ("GET", ["v1", "deals", "timeline", "archived"]) => 40,
        ("GET", ["v1", "deals", _, "changelog"]) => 20,
        ("GET", ["v1", "deals", _, "flow"]) => 40,
        _ => 1,
    }
}

pub(crate) fn app(demo: &Demo, open: &Open) -> Result<(Router, Persist, Census), SandboxError> {
    let (shared, persist) = Shared::open(V, open, || Store::from_demo(demo))?;
    let census = shared.census(live_deals);
    let v2 = Router::new()
        .route("/deals", get(deals::list).post(write::create))
        .route("/deals/archived", get(deals::list_archived))
        .route("/deals/search", get(deals::search))
        .route(
            "/deals/{id}",
            get(deals::get_one)
                .patch(write::update)
                .delete(write::remove),
        )
        .route(
            "/deals/{id}/followers",
            get(extra::followers).post(extra::follow),
        )
        .route("/deals/{id}/followers/{user_id}", delete(extra::unfollow))
        .route("/pipelines", get(meta::pipelines))
        .route(
            "/pipelines/{id}",
            get(meta::pipeline).patch(meta::update_pipeline),
        )
        .route("/stages", get(meta::stages))
        .route("/stages/{id}", get(meta::stage))
        .route("/dealFields", get(meta::deal_fields));
    let v1 = Router::new()
        .route("/users", get(meta::users))
        .route("/users/me", get(meta::me))
        .route(
            "/deals/{id}/participants",
            get(extra::participants).post(extra::add_participant),
        )
        .route(
            "/deals/{id}/participants/{pid}",
            delete(extra::remove_participant),
        )
        .route("/deals/{id}/merge", put(extra::merge))
        .route("/deals/summary", get(reports::summary))
        .route("/deals/summary/archived", get(reports::summary_archived))
        .route("/deals/timeline", get(reports::timeline))
        .route("/deals/timeline/archived", get(reports::timeline_archived))
        .route("/deals/{id}/changelog", get(history::changelog))
        .route("/deals/{id}/flow", get(history::flow));
    // Pipedrive's "Requests" page documents `https://{COMPANYDOMAIN}.pipedrive.com/api/v1/…` and
    // `/api/v2/…` only (https://pipedrive.readme.io/docs/core-api-concepts-requests): a bare
    // `/v1/…` answers 404 there, and so it does here.
    let router = Router::new()
        .nest("/api/v2", v2)
        .nest("/api/v1", v1)
        .fallback(|| async { not_found("Unknown method .") })
        .with_state(shared);
    Ok((router, persist, census))
}

fn live_deals(store: &Store) -> Vec<(String, String)> {
    store
        .deals
        .values()
        .filter(|d| !d.is_deleted)
        .map(|d| (d.id.to_string(), d.title.clone()))
        .collect()
}
