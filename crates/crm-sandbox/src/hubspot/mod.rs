//! HubSpot: CRM v3 deal objects, v4 associations, pipelines, owners,
//! properties and account details.

mod access;
mod assoc;
mod batch;
mod history;
mod index;
mod meta;
mod objects;
mod search;
mod validate;

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post, put};
use axum::Router;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

use super::data::{Demo, StageKind};
use super::db::Persist;
use super::state::{Census, Open, Shared};
use super::table::Table;
use super::util::{iso_ms, parse_time};
use super::{errors, SandboxError, SandboxVendor};

const V: SandboxVendor = SandboxVendor::Hubspot;

pub(crate) type St = axum::extract::State<Arc<Shared<Store>>>;

#[derive(Serialize, Deserialize, Clone)]
pub(crate) struct Assoc {
    /// `contacts` or `companies`.
    pub to_type: String,
    pub to_id: u64,
    pub types: Vec<u32>,
}

#[derive(Serialize, Deserialize, Clone)]
pub(crate) struct Deal {
    pub id: u64,
    pub properties: BTreeMap<String, String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub archived_at: Option<DateTime<Utc>>,
    pub assoc: Vec<Assoc>,
    /// The values API writes gave each property, oldest first (`history.rs`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub history: BTreeMap<String, Vec<history::Stamp>>,
}

#[derive(Serialize, Deserialize)]
pub(crate) struct Owner {
    pub id: u64,
    pub user_id: u64,
    pub first: String,
    pub last: String,
    pub email: String,
    pub archived: bool,
}

#[derive(Serialize, Deserialize)]
pub(crate) struct Stage {
    pub id: String,
    pub label: String,
    pub probability: String,
    pub closed: bool,
    pub won: bool,
}

#[derive(Serialize, Deserialize)]
pub(crate) struct Pipeline {
    pub id: String,
    pub label: String,
    pub stages: Vec<Stage>,
}

#[derive(Serialize, Deserialize)]
pub(crate) struct Store {
    pub deals: Table<Deal>,
    /// Ids merged away, pointing at the deal that absorbed them.
    pub aliases: BTreeMap<u64, u64>,
    pub next_id: u64,
    pub owners: Vec<Owner>,
    pub pipelines: Vec<Pipeline>,
    pub contacts: Vec<u64>,
    pub companies: Vec<u64>,
    pub portal_id: u64,
    #[serde(skip)]
    pub unique: index::UniqueIndex,
}

pub(crate) const DEFAULT_PROPERTIES: [&str; 8] = [
    "amount",
    "closedate",
    "createdate",
    "dealname",
    "dealstage",
    "hs_lastmodifieddate",
    "hs_object_id",
    "pipeline",
];

impl Store {
    pub(crate) fn from_demo(demo: &Demo) -> Store {
        let owners = demo
            .users
            .iter()
            .enumerate()
            .map(|(i, u)| Owner {
                id: 910_901 + i as u64,
                user_id: 7_001_001 + i as u64,
                first: u.first.into(),
                last: u.last.into(),
                email: u.email.clone(),
                archived: !u.active,
            })
            .collect::<Vec<_>>();
        let pipelines = demo
            .pipelines
            .iter()
            .enumerate()
            .map(|(p, pl)| Pipeline {
                id: if p == 0 {
                    "default".into()
                } else {
                    format!("{}", 75_000_000 + p)
                },
                label: pl.name.into(),
                stages: pl
                    .stages
                    .iter()
                    .enumerate()
                    .map(|(s, st)| Stage {
                        id: if p == 0 {
                            st.slug.into()
                        } else {
                            format!("{}", 75_000_100 + p * 100 + s)
                        },
                        label: st.name.into(),
                        probability: match st.probability {
                            100 => "1.0".into(),
                            0 => "0.0".into(),
                            n => format!("0.{}", n / 10),
                        },
                        closed: st.kind != StageKind::Open,
                        won: st.kind == StageKind::Won,
                    })
                    .collect(),
            })
            .collect::<Vec<_>>();
        let contact_id = |i: usize| 5_101 + i as u64;
        let company_id = |i: usize| 3_101 + i as u64;
        let deals = demo
            .deals
            .iter()
            .enumerate()
            .map(|(i, d)| {
                let id = 9_000_001 + i as u64;
                let mut p = BTreeMap::new();
                p.insert("dealname".into(), d.name.clone());
                if let Some(a) = d.amount {
                    p.insert("amount".into(), a.to_string());
                }
                p.insert("deal_currency_code".into(), d.currency.into());
                p.insert("pipeline".into(), pipelines[d.pipeline].id.clone());
                p.insert(
                    "dealstage".into(),
                    pipelines[d.pipeline].stages[d.stage].id.clone(),
                );
                p.insert("hubspot_owner_id".into(), owners[d.owner].id.to_string());
                if let Some(c) = d.close_date {
                    p.insert("closedate".into(), format!("{c}T00:00:00.000Z"));
                }
                p.insert("region".into(), d.region.into());
                p.insert("external_id".into(), d.external_id.clone());
                let mut assoc: Vec<Assoc> = d
                    .contacts
                    .iter()
                    .map(|&c| Assoc {
                        to_type: "contacts".into(),
                        to_id: contact_id(c),
                        types: vec![3],
                    })
                    .collect();
                assoc.push(Assoc {
                    to_type: "companies".into(),
                    to_id: company_id(d.company),
                    types: vec![341, 5],
                });
                (
                    id,
                    Deal {
                        id,
                        properties: p,
                        created_at: d.created,
                        updated_at: d.updated,
                        archived_at: None,
                        assoc,
                        history: BTreeMap::new(),
                    },
                )
            })
            .collect::<BTreeMap<_, _>>();
        Store {
            next_id: 9_000_001 + demo.deals.len() as u64,
            deals: deals.into(),
            aliases: BTreeMap::new(),
            owners,
            pipelines,
            contacts: (0..demo.contacts.len()).map(contact_id).collect(),
            companies: (0..demo.companies.len()).map(company_id).collect(),
            portal_id: 24_681_357,
            unique: index::UniqueIndex::default(),
        }
    }

    /// The live deal behind `id` (following merges).
    pub(crate) fn resolve(&self, id: &str) -> Option<u64> {
        let id: u64 = id.trim().parse().ok()?;
        let id = self.aliases.get(&id).copied().unwrap_or(id);
        self.deals
            .get(&id)
            .filter(|d| d.archived_at.is_none())
            .map(|d| d.id)
    }

    pub(crate) fn stage(&self, stage_id: &str) -> Option<(&Pipeline, &Stage)> {
        self.pipelines
            .iter()
            .find_map(|p| p.stages.iter().find(|s| s.id == stage_id).map(|s| (p, s)))
    }

    /// Every property of a deal, computed ones included.
    pub(crate) fn all_properties(&self, d: &Deal) -> BTreeMap<String, String> {
        let mut p = d.properties.clone();
        p.insert("hs_object_id".into(), d.id.to_string());
        p.insert("createdate".into(), iso_ms(d.created_at));
        p.insert("hs_lastmodifieddate".into(), iso_ms(d.updated_at));
        if let Some((_, s)) = p.get("dealstage").and_then(|s| self.stage(s)) {
            p.insert("hs_is_closed".into(), s.closed.to_string());
            p.insert("hs_is_closed_won".into(), s.won.to_string());
            p.insert("hs_deal_stage_probability".into(), s.probability.clone());
        }
        if let Some(home) = amount_in_home_currency(&p) {
            p.insert("amount_in_home_currency".into(), home);
        }
        p
    }

    /// The v3 object as [`Store::render`] gives it, with `propertiesWithHistory` for the
    /// properties `with_history` names (when the request named any).
    pub(crate) fn render_with_history(
        &self,
        d: &Deal,
        props: &[String],
        with_history: Option<&[String]>,
    ) -> Value {
        let mut v = self.render(d, props);
        if let Some(names) = with_history {
            v["propertiesWithHistory"] = history::render(self, d, names);
        }
        v
    }

    /// The v3 object with the requested properties (or the default ones).
    pub(crate) fn render(&self, d: &Deal, props: &[String]) -> Value {
        let all = self.all_properties(d);
        let mut out = Map::new();
        let wanted: Vec<&str> = if props.is_empty() {
            DEFAULT_PROPERTIES.to_vec()
        } else {
            props.iter().map(String::as_str).collect()
        };
        for name in wanted {
            match all.get(name) {
                Some(v) => {
                    out.insert(name.into(), json!(v));
                }
                None if meta::property(name).is_some() => {
                    out.insert(name.into(), Value::Null);
                }
                None => {}
            }
        }
        let mut v = json!({
            "id": d.id.to_string(),
            "properties": out,
            "createdAt": iso_ms(d.created_at),
            "updatedAt": iso_ms(d.updated_at),
            "archived": d.archived_at.is_some(),
        });
        if let Some(t) = d.archived_at {
            v["archivedAt"] = json!(iso_ms(t));
        }
        v
    }

    /// v3 `associations` for the requested object types.
    pub(crate) fn render_assoc(&self, d: &Deal, types: &[String]) -> Option<Value> {
        let mut out = Map::new();
        for t in types {
            let Some(t) = assoc::norm_type(t) else {
                continue;
            };
            let results: Vec<Value> = d
                .assoc
                .iter()
                .filter(|a| a.to_type == t)
                .flat_map(|a| {
                    a.types.iter().map(
                        move |ty| json!({"id": a.to_id.to_string(), "type": assoc::type_name(*ty)}),
                    )
                })
                .collect();
            if !results.is_empty() {
                out.insert(t.into(), json!({ "results": results }));
            }
        }
        (!out.is_empty()).then_some(Value::Object(out))
    }
}

/// HubSpot's calculated `amount_in_home_currency`: the amount converted from the deal's
/// `deal_currency_code` into the portal's company currency (account-info `companyCurrency`);
/// a deal without a currency code is in the company currency. The rates are the sandbox's own
/// (`rates.rs`); with no rate for the deal's currency the property has no value.
fn amount_in_home_currency(p: &BTreeMap<String, String>) -> Option<String> {
    let amount: rust_decimal::Decimal = p.get("amount")?.trim().parse().ok()?;
    let currency = p
        .get("deal_currency_code")
        .map_or(crate::rates::HOME, String::as_str);
    let home = crate::rates::convert(amount, currency, crate::rates::HOME)?;
    Some(home.normalize().to_string())
}

/// Milliseconds since the epoch of a date property, or of a filter value.
pub(crate) fn date_ms(s: &str) -> Option<i64> {
    if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) {
        return s.parse().ok();
    }
    parse_time(s).map(|t| t.timestamp_millis())
}

pub(crate) fn bad(message: &str) -> Response {
    errors::bad_request(V, message)
}

pub(crate) fn not_found(id: &str) -> Response {
    errors::error_with(
        V,
        StatusCode::NOT_FOUND,
        "OBJECT_NOT_FOUND",
        &format!("Object not found.  objectId are usually numeric. ({id})"),
        None,
    )
}

pub(crate) fn app(
    demo: &Demo,
    open: &Open,
    args: &super::ServeArgs,
) -> Result<(Router, Persist, Census), SandboxError> {
    let access = access::Access::new(args.scopes.as_deref(), args.search_rate_limit);
    let (shared, persist) = Shared::open(V, open, || Store::from_demo(demo))?;
    let census = shared.census(live_deals);
    let router = Router::new()
        .route(
            "/crm/v3/objects/deals",
            get(objects::list).post(objects::create),
        )
        .route("/crm/v3/objects/deals/search", post(search::search))
        .route("/crm/v3/objects/deals/merge", post(objects::merge))
        .route("/crm/v3/objects/deals/batch/read", post(batch::batch_read))
        .route(
            "/crm/v3/objects/deals/batch/create",
            post(batch::batch_create),
        )
        .route(
            "/crm/v3/objects/deals/batch/update",
            post(batch::batch_update),
        )
        .route(
            "/crm/v3/objects/deals/batch/upsert",
            post(batch::batch_upsert),
        )
        .route(
            "/crm/v3/objects/deals/batch/archive",
            post(batch::batch_archive),
        )
        .route(
            "/crm/v3/objects/deals/{id}",
            get(objects::get_one)
                .patch(objects::update)
                .delete(objects::archive),
        )
        .route(
            "/crm/v4/objects/deals/{id}/associations/{to_type}",
            get(assoc::list),
        )
        .route(
            "/crm/v4/objects/deals/{id}/associations/default/{to_type}/{to_id}",
            put(assoc::put_default),
        )
        .route(
            "/crm/v4/objects/deals/{id}/associations/{to_type}/{to_id}",
            put(assoc::put_labels).delete(assoc::remove),
        )
        .route(
            "/crm/v4/associations/deals/{to_type}/batch/read",
            post(assoc::batch_read),
        )
        .route(
            "/crm/v4/associations/deals/{to_type}/batch/create",
            post(assoc::batch_create),
        )
        .route(
            "/crm/v4/associations/deals/{to_type}/labels",
            get(assoc::labels),
        )
        .route("/crm/v3/pipelines/deals", get(meta::pipelines))
        .route("/crm/v3/pipelines/deals/{id}", get(meta::pipeline))
        .route("/crm/v3/owners", get(meta::owners))
        .route("/crm/v3/owners/", get(meta::owners))
        .route("/crm/v3/properties/deals", get(meta::properties))
        .route("/crm/v3/properties/deals/{name}", get(meta::property_one))
        .route("/account-info/v3/details", get(meta::account))
        .fallback(|| async {
            errors::error(V, StatusCode::NOT_FOUND, "OBJECT_NOT_FOUND", "Unknown path")
        })
        .with_state(shared)
        .layer(axum::middleware::from_fn_with_state(access, access::layer));
    Ok((router, persist, census))
}

fn live_deals(store: &Store) -> Vec<(String, String)> {
    store
        .deals
        .values()
        .filter(|d| d.archived_at.is_none())
        .map(|d| {
            (
                d.id.to_string(),
                d.properties.get("dealname").cloned().unwrap_or_default(),
            )
        })
        .collect()
}
