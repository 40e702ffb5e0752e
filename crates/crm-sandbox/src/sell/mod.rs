//! Zendesk Sell: REST v2 deals, upsert, associated contacts, pipelines,
//! stages, users and contacts.

mod assoc;
mod deals;
mod meta;
mod write;

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::routing::{delete, get, post};
use axum::Router;
use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use super::data::{numbered, Demo, StageKind};
use super::db::Persist;
use super::state::{Census, Open, Shared};
use super::table::Table;
use super::util::{dec_number, iso, ok, q, query_pairs};
use super::{errors, SandboxError, SandboxVendor};

const V: SandboxVendor = SandboxVendor::Sell;

pub(crate) type St = axum::extract::State<Arc<Shared<Store>>>;

#[derive(Serialize, Deserialize, Clone)]
pub(crate) struct Associated {
    pub contact_id: u64,
    pub role: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Serialize, Deserialize, Clone)]
pub(crate) struct Deal {
    pub id: u64,
    pub name: String,
    pub value: Decimal,
    pub currency: String,
    pub hot: bool,
    pub owner_id: u64,
    pub creator_id: u64,
    pub stage_id: u64,
    pub contact_id: Option<u64>,
    pub organization_id: Option<u64>,
    pub source_id: Option<u64>,
    pub loss_reason_id: Option<u64>,
    pub unqualified_reason_id: Option<u64>,
    pub estimated_close_date: Option<NaiveDate>,
    pub customized_win_likelihood: Option<u64>,
    pub last_stage_change_at: Option<DateTime<Utc>>,
    pub added_at: Option<DateTime<Utc>>,
    pub tags: Vec<String>,
    pub custom_fields: BTreeMap<String, Value>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub associated: Vec<Associated>,
}

#[derive(Serialize, Deserialize)]
pub(crate) struct Stage {
    pub id: u64,
    pub name: String,
    pub category: String,
    pub position: u32,
    pub likelihood: u32,
    pub pipeline_id: u64,
}

#[derive(Serialize, Deserialize)]
pub(crate) struct Named {
    pub id: u64,
    pub name: String,
    pub email: String,
    pub active: bool,
}

#[derive(Serialize, Deserialize)]
pub(crate) struct Contact {
    pub id: u64,
    pub first: String,
    pub last: String,
    pub email: String,
    /// For a person: the organization (itself a contact).
    pub org: Option<u64>,
}

#[derive(Serialize, Deserialize)]
pub(crate) struct Store {
    pub deals: Table<Deal>,
    pub next_id: u64,
    pub users: Vec<Named>,
    pub me: u64,
    pub contacts: Vec<Contact>,
    pub pipelines: Vec<Named>,
    pub stages: Vec<Stage>,
}

/// Custom deal fields the account defines (all filterable).
pub(crate) const CUSTOM_FIELDS: [&str; 2] = ["region", "external_id"];

/// The id of the first demo pipeline, the one that also has an "Unqualified" stage.
const FIRST_PIPELINE: u64 = 1_000_001;

impl Store {
    pub(crate) fn from_demo(demo: &Demo) -> Store {
        let users: Vec<Named> = numbered(&demo.users, 100_001, |id, u| Named {
            id,
            name: u.full_name(),
            email: u.email.clone(),
            active: u.active,
        });
        let mut contacts: Vec<Contact> = numbered(&demo.companies, 200_001, |id, c| Contact {
            id,
            first: String::new(),
            last: c.name.into(),
            email: format!("info@{}", c.domain),
            org: None,
        });
        let orgs = contacts.len();
        contacts.extend(numbered(&demo.contacts, 300_001, |id, c| Contact {
            id,
            first: c.first.into(),
            last: c.last.into(),
            email: c.email.clone(),
            org: Some(200_001 + c.company as u64),
        }));
        let mut stages = vec![];
        let pipelines: Vec<Named> = numbered(&demo.pipelines, FIRST_PIPELINE, |pid, pl| {
            let mut add = |name: &str, category: &str, likelihood: u32| {
                let position = stages
                    .iter()
                    .filter(|s: &&Stage| s.pipeline_id == pid)
                    .count() as u32
                    + 1;
                stages.push(Stage {
                    id: 2_000_001 + stages.len() as u64,
                    name: name.into(),
                    category: category.into(),
                    position,
                    likelihood,
                    pipeline_id: pid,
                });
            };
            for (s, st) in pl.stages.iter().enumerate() {
                let category = match st.kind {
                    StageKind::Won => "won",
                    StageKind::Lost => "lost",
                    StageKind::Open if s == 0 => "incoming",
                    StageKind::Open => "in_progress",
                };
                add(st.name, category, st.probability);
            }
            if pid == FIRST_PIPELINE {
                add("Unqualified", "unqualified", 0);
            }
            Named {
                id: pid,
                name: pl.name.into(),
                email: String::new(),
                active: true,
            }
        });
        let stage_index = |p: usize, s: usize| -> usize {
            (0..p)
                .map(|i| demo.pipelines[i].stages.len() + usize::from(i == 0))
                .sum::<usize>()
                + s
        };
        let deals: BTreeMap<u64, Deal> = demo
            .deals
            .iter()
            .enumerate()
            .map(|(i, d)| {
                let id = 5_000_001 + i as u64;
                let contact = |c: usize| contacts[orgs + c].id;
                let mut custom_fields = BTreeMap::new();
                custom_fields.insert("region".into(), json!(d.region));
                custom_fields.insert("external_id".into(), json!(d.external_id));
                let deal = Deal {
                    id,
                    name: d.name.clone(),
                    value: d.amount.unwrap_or_default(),
                    currency: d.currency.into(),
                    hot: d.tags.contains(&"hot"),
                    owner_id: users[d.owner].id,
                    creator_id: users[0].id,
                    stage_id: stages[stage_index(d.pipeline, d.stage)].id,
                    contact_id: Some(contact(d.contacts[0])),
                    organization_id: Some(contacts[d.company].id),
                    source_id: None,
                    loss_reason_id: None,
                    unqualified_reason_id: None,
                    estimated_close_date: d.close_date,
                    customized_win_likelihood: None,
                    last_stage_change_at: Some(d.updated),
                    added_at: Some(d.created),
                    tags: d.tags.iter().map(|t| t.to_string()).collect(),
                    custom_fields,
                    created_at: d.created,
                    updated_at: d.updated,
                    associated: d
                        .contacts
                        .iter()
                        .map(|&c| Associated {
                            contact_id: contact(c),
                            role: "involved".into(),
                            created_at: d.created,
                            updated_at: d.created,
                        })
                        .collect(),
                };
                (id, deal)
            })
            .collect();
        Store {
            deals: deals.into(),
            next_id: 5_000_001 + demo.deals.len() as u64,
            me: users[0].id,
            users,
            contacts,
            pipelines,
            stages,
        }
    }
}

/// Sell's value rule: an integer when there is no decimal part, else a string with two decimals.
pub(crate) fn value_json(v: Decimal) -> Value {
    if v.fract().is_zero() {
        dec_number(v.trunc())
    } else {
        json!(format!("{:.2}", v))
    }
}

pub(crate) fn render(d: &Deal) -> Value {
    let t = |x: Option<DateTime<Utc>>| x.map(iso);
    json!({
        "id": d.id, "name": d.name, "value": value_json(d.value), "currency": d.currency, "hot": d.hot,
        "owner_id": d.owner_id, "creator_id": d.creator_id, "stage_id": d.stage_id,
        "contact_id": d.contact_id, "organization_id": d.organization_id, "source_id": d.source_id,
        "loss_reason_id": d.loss_reason_id, "unqualified_reason_id": d.unqualified_reason_id,
        "dropbox_email": format!("dropbox@{:08x}.deals.sandbox.invalid", d.id),
        "estimated_close_date": d.estimated_close_date.map(|x| x.to_string()),
        "customized_win_likelihood": d.customized_win_likelihood,
        "last_stage_change_at": t(d.last_stage_change_at), "last_stage_change_by_id": d.owner_id,
        "last_activity_at": iso(d.updated_at), "added_at": t(d.added_at),
        "tags": d.tags, "custom_fields": d.custom_fields,
        "created_at": iso(d.created_at), "updated_at": iso(d.updated_at),
    })
}

/// `{data, meta: {type}}`.
pub(crate) fn one(kind: &str, data: Value) -> Response {
    ok(json!({ "data": data, "meta": { "type": kind } }))
}

/// A list request's query pairs with its page and page size, read once for every Sell list
/// route: a malformed `page` or `per_page` is refused before the handler runs.
pub(crate) struct ListQuery {
    pub pairs: Vec<(String, String)>,
    pub page: usize,
    pub per_page: usize,
}

impl<S: Send + Sync> FromRequestParts<S> for ListQuery {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Response> {
        let pairs = query_pairs(parts.uri.query());
        let (page, per_page) = paging(&pairs)?;
        Ok(ListQuery {
            pairs,
            page,
            per_page,
        })
    }
}

impl ListQuery {
    /// The items of the page asked for.
    pub(crate) fn cut<T>(&self, items: impl IntoIterator<Item = T>) -> impl Iterator<Item = T> {
        items
            .into_iter()
            .skip((self.page - 1) * self.per_page)
            .take(self.per_page)
    }
}

/// The page and page size of a list request.
fn paging(pairs: &[(String, String)]) -> Result<(usize, usize), Response> {
    let num = |key: &str, default: usize| -> Result<usize, Response> {
        match q(pairs, key) {
            None => Ok(default),
            Some(v) => v
                .parse()
                .map_err(|_| bad_param(key, &format!("must be a number, given: {v}"))),
        }
    };
    let (page, per_page) = (num("page", 1)?, num("per_page", 25)?);
    if page == 0 {
        return Err(bad_param("page", "must be greater than 0, given: 0"));
    }
    if !(1..=100).contains(&per_page) {
        return Err(bad_param(
            "per_page",
            &format!("must be between 1 and 100, given: {per_page}"),
        ));
    }
    Ok((page, per_page))
}

pub(crate) fn bad_param(name: &str, why: &str) -> Response {
    errors::error(
        V,
        StatusCode::BAD_REQUEST,
        "invalid_param",
        &format!("The request query parameter '{name}' is malformed, missing, or has an invalid value ({why})"),
    )
}

pub(crate) fn unprocessable(field: &str, code: &str, message: &str) -> Response {
    errors::error_with(
        V,
        StatusCode::UNPROCESSABLE_ENTITY,
        code,
        message,
        Some(&format!("/{field}")),
    )
}

pub(crate) fn not_found() -> Response {
    errors::not_found(V, "Requested resource was not found.")
}

/// One page of a collection with Sell's `meta.links` (pointing back at this server).
pub(crate) fn collection(
    headers: &HeaderMap,
    path: &str,
    kind: &str,
    items: Vec<Value>,
    list: &ListQuery,
) -> Response {
    let total = items.len();
    let items = list.cut(items).collect();
    collection_page(headers, path, kind, items, total, list)
}

/// [`collection`] for a page already cut out of `total` items, so a large list renders only the
/// page it answers.
pub(crate) fn collection_page(
    headers: &HeaderMap,
    path: &str,
    kind: &str,
    items: Vec<Value>,
    total: usize,
    &ListQuery { page, per_page, .. }: &ListQuery,
) -> Response {
    // Behind a proxy, the links go to the host the client addressed.
    let host = headers
        .get("x-forwarded-host")
        .or_else(|| headers.get("host"))
        .and_then(|h| h.to_str().ok())
        .unwrap_or("127.0.0.1");
    let link = |p: usize| format!("http://{host}{path}?page={p}&per_page={per_page}");
    let data: Vec<Value> = items
        .into_iter()
        .map(|d| json!({ "data": d, "meta": { "type": kind, "version": 1 } }))
        .collect();
    let mut links = json!({ "self": link(page), "first_page": link(1) });
    if page > 1 {
        links["prev_page"] = json!(link(page - 1));
    }
    if page * per_page < total {
        links["next_page"] = json!(link(page + 1));
    }
    ok(
        json!({ "items": data, "meta": { "type": "collection", "count": data.len(), "links": links } }),
    )
}

pub(crate) fn app(demo: &Demo, open: &Open) -> Result<(Router, Persist, Census), SandboxError> {
    let (shared, persist) = Shared::open(V, open, || Store::from_demo(demo))?;
    let census = shared.census(live_deals);
    let router = Router::new()
        .route("/v2/deals", get(deals::list).post(deals::create))
        .route("/v2/deals/upsert", post(deals::upsert))
        .route(
            "/v2/deals/{id}",
            get(deals::get_one).put(deals::update).delete(deals::remove),
        )
        .route(
            "/v2/deals/{id}/associated_contacts",
            get(assoc::associated).post(assoc::associate),
        )
        .route(
            "/v2/deals/{id}/associated_contacts/{contact_id}",
            delete(assoc::dissociate),
        )
        .route("/v2/pipelines", get(meta::pipelines))
        .route("/v2/stages", get(meta::stages))
        .route("/v2/users", get(meta::users))
        .route("/v2/users/self", get(meta::me))
        .route("/v2/contacts", get(meta::contacts))
        .route("/v2/deal/custom_fields", get(meta::custom_fields))
        .route("/v2/loss_reasons", get(meta::loss_reasons))
        .fallback(|| async { not_found() })
        .with_state(shared);
    Ok((router, persist, census))
}

fn live_deals(store: &Store) -> Vec<(String, String)> {
    store
        .deals
        .values()
        .map(|d| (d.id.to_string(), d.name.clone()))
        .collect()
}
