//! Sell pipelines, stages, users and contacts.

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use serde_json::{json, Value};

use super::{collection, not_found, one, ListQuery, Named, St, Store};
use crate::util::{q, q_list};

/// The `ids` filter of Sell's list routes: a comma-separated list of ids; absent keeps every item.
struct Ids(Vec<String>);

impl Ids {
    fn of(list: &ListQuery) -> Ids {
        Ids(q_list(&list.pairs, "ids"))
    }

    fn keep(&self, id: u64) -> bool {
        self.0.is_empty() || self.0.contains(&id.to_string())
    }
}

const META_TIME: &str = "2024-01-01T00:00:00Z";

pub(crate) async fn pipelines(State(st): St, headers: HeaderMap, list: ListQuery) -> Response {
    let ids = Ids::of(&list);
    let store = st.lock();
    let items = store
        .pipelines
        .iter()
        .filter(|p| ids.keep(p.id))
        .map(|p| json!({ "id": p.id, "name": p.name, "disabled": false, "created_at": META_TIME, "updated_at": META_TIME }))
        .collect();
    collection(&headers, "/v2/pipelines", "pipeline", items, &list)
}

pub(crate) async fn stages(State(st): St, headers: HeaderMap, list: ListQuery) -> Response {
    let ids = Ids::of(&list);
    let pipeline = q(&list.pairs, "pipeline_id");
    let store = st.lock();
    let items = store
        .stages
        .iter()
        .filter(|s| ids.keep(s.id))
        .filter(|s| pipeline.is_none_or(|p| s.pipeline_id.to_string() == p))
        .map(|s| {
            json!({ "id": s.id, "name": s.name, "category": s.category, "position": s.position, "likelihood": s.likelihood,
                    "active": true, "pipeline_id": s.pipeline_id, "created_at": META_TIME, "updated_at": META_TIME })
        })
        .collect();
    collection(&headers, "/v2/stages", "stage", items, &list)
}

fn render_user(store: &Store, u: &Named) -> Value {
    json!({ "id": u.id, "name": u.name, "email": u.email, "role": if u.id == store.me { "admin" } else { "user" },
            "status": if u.active { "active" } else { "inactive" }, "created_at": META_TIME, "updated_at": META_TIME })
}

pub(crate) async fn users(State(st): St, headers: HeaderMap, list: ListQuery) -> Response {
    let ids = Ids::of(&list);
    let status = q(&list.pairs, "status");
    let store = st.lock();
    let items = store
        .users
        .iter()
        .filter(|u| ids.keep(u.id))
        .map(|u| render_user(&store, u))
        .filter(|u| status.is_none_or(|s| u["status"] == s))
        .collect();
    collection(&headers, "/v2/users", "user", items, &list)
}

pub(crate) async fn me(State(st): St) -> Response {
    let store = st.lock();
    match store.users.iter().find(|u| u.id == store.me) {
        Some(u) => one("user", render_user(&store, u)),
        None => not_found(),
    }
}

pub(crate) async fn contacts(State(st): St, headers: HeaderMap, list: ListQuery) -> Response {
    let ids = Ids::of(&list);
    let is_org = q(&list.pairs, "is_organization").map(|v| v == "true");
    let store = st.lock();
    let items = store
        .contacts
        .iter()
        .filter(|c| ids.keep(c.id))
        .filter(|c| is_org.is_none_or(|o| c.org.is_none() == o))
        .map(|c| {
            let name = if c.first.is_empty() { c.last.clone() } else { format!("{} {}", c.first, c.last) };
            json!({ "id": c.id, "name": name, "first_name": (!c.first.is_empty()).then_some(&c.first), "last_name": c.last,
                    "is_organization": c.org.is_none(), "contact_id": c.org, "email": c.email,
                    "owner_id": store.me, "creator_id": store.me, "tags": [], "custom_fields": {},
                    "created_at": META_TIME, "updated_at": META_TIME })
        })
        .collect();
    collection(&headers, "/v2/contacts", "contact", items, &list)
}

/// The account's loss reasons (`GET /v2/loss_reasons`).
pub(crate) const LOSS_REASONS: [(u64, &str); 3] = [
    (4_000_001, "Too expensive"),
    (4_000_002, "Went with a competitor"),
    (4_000_003, "No budget"),
];

/// `GET /v2/loss_reasons` (Zendesk's "Loss Reasons" reference: id, creator_id, name, times;
/// page and per_page up to 100; https://developer.zendesk.com/api-reference/sales-crm/resources/loss-reasons/).
pub(crate) async fn loss_reasons(headers: HeaderMap, list: ListQuery) -> Response {
    let items = LOSS_REASONS
        .iter()
        .map(|(id, name)| json!({ "id": id, "name": name, "creator_id": 100_001, "created_at": META_TIME, "updated_at": META_TIME }))
        .collect();
    collection(&headers, "/v2/loss_reasons", "loss_reason", items, &list)
}

/// The deal custom fields (`GET /v2/deal/custom_fields`), all filterable text fields. Zendesk's
/// "Custom Fields" reference documents `GET /v2/:resource_type/custom_fields` and its JSON
/// format (`id`, `name`, `type`, `choices` for list types, times)
/// (https://developer.zendesk.com/api-reference/sales-crm/resources/custom-fields/).
pub(crate) async fn custom_fields(headers: HeaderMap, list: ListQuery) -> Response {
    let items = super::CUSTOM_FIELDS
        .iter()
        .enumerate()
        .map(|(i, name)| json!({ "id": 3_000_001 + i as u64, "name": name, "type": "string", "created_at": META_TIME, "updated_at": META_TIME }))
        .collect();
    collection(
        &headers,
        "/v2/deal/custom_fields",
        "custom_field",
        items,
        &list,
    )
}
