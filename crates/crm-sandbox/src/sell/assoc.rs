//! Sell associated contacts of a deal.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use serde_json::{json, Value};

use super::deals::envelope;
use super::{collection, not_found, one, unprocessable, Associated, ListQuery, St};

fn render_assoc(a: &Associated) -> Value {
    json!({ "contact_id": a.contact_id, "role": a.role, "created_at": crate::util::iso(a.created_at),
            "updated_at": crate::util::iso(a.updated_at) })
}

pub(crate) async fn associated(
    State(st): St,
    headers: HeaderMap,
    Path(id): Path<String>,
    list: ListQuery,
) -> Response {
    let store = st.lock();
    let Some(d) = id.parse::<u64>().ok().and_then(|i| store.deals.get(&i)) else {
        return not_found();
    };
    let items = d.associated.iter().map(render_assoc).collect();
    collection(
        &headers,
        &format!("/v2/deals/{}/associated_contacts", d.id),
        "associated_contact",
        items,
        &list,
    )
}

pub(crate) async fn associate(State(st): St, Path(id): Path<String>, body: Bytes) -> Response {
    let data = match envelope(&body) {
        Ok(d) => d,
        Err(r) => return r,
    };
    let Some(contact) = data.get("contact_id").and_then(Value::as_u64) else {
        return unprocessable("contact_id", "missing", "contact_id is required");
    };
    let role = data.get("role").and_then(Value::as_str).unwrap_or_default();
    if role != "involved" {
        return unprocessable("role", "incorrect_value", "role must be \"involved\"");
    }
    let mut store = st.lock();
    if !store.contacts.iter().any(|c| c.id == contact) {
        return unprocessable("contact_id", "incorrect_value", "no contact has this id");
    }
    let Some(d) = id.parse::<u64>().ok().and_then(|i| store.deals.get_mut(&i)) else {
        return not_found();
    };
    let now = Utc::now();
    let pos = match d.associated.iter().position(|a| a.contact_id == contact) {
        Some(p) => p,
        None => {
            d.associated.push(Associated {
                contact_id: contact,
                role: role.into(),
                created_at: now,
                updated_at: now,
            });
            d.associated.len() - 1
        }
    };
    one("associated_contact", render_assoc(&d.associated[pos]))
}

pub(crate) async fn dissociate(
    State(st): St,
    Path((id, contact)): Path<(String, String)>,
) -> Response {
    let mut store = st.lock();
    let Some(d) = id.parse::<u64>().ok().and_then(|i| store.deals.get_mut(&i)) else {
        return not_found();
    };
    let before = d.associated.len();
    d.associated.retain(|a| a.contact_id.to_string() != contact);
    if d.associated.len() == before {
        return not_found();
    }
    StatusCode::NO_CONTENT.into_response()
}
