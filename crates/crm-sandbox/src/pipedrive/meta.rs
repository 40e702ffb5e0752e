//! Pipedrive pipelines, stages and deal fields (v2), users (v1).

use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::response::Response;
use serde_json::{json, Map, Value};

use super::extra::paged;
use super::{bad, not_found, ok_data, St, Store};
use crate::util::{parse_body, q, query_pairs};

const META_TIME: &str = "2024-01-01T00:00:00Z";

pub(crate) async fn pipelines(State(st): St, RawQuery(raw): RawQuery) -> Response {
    let store = st.lock();
    let items = store
        .pipelines
        .iter()
        .map(|p| render_pipeline(&store, p))
        .collect();
    paged(items, raw.as_deref())
}

fn render_pipeline(store: &Store, p: &super::Named) -> Value {
    let probability = !store.probability_off.contains(&p.id);
    json!({ "id": p.id, "name": p.name, "order_nr": p.id, "is_deleted": false, "is_deal_probability_enabled": probability,
            "add_time": META_TIME, "update_time": META_TIME })
}

pub(crate) async fn pipeline(State(st): St, Path(id): Path<String>) -> Response {
    let store = st.lock();
    match store.pipelines.iter().find(|p| p.id.to_string() == id) {
        Some(p) => ok_data(render_pipeline(&store, p)),
        None => not_found("Pipeline not found"),
    }
}

/// `PATCH /api/v2/pipelines/{id}` (openapi-v2.yaml updatePipeline): `name` and
/// `is_deal_probability_enabled`, the switch behind the weighted values of the deal summary.
pub(crate) async fn update_pipeline(
    State(st): St,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    let input: Map<String, Value> = match parse_body(&body, bad) {
        Ok(v) => v,
        Err(r) => return r,
    };
    let mut store = st.lock();
    let Some(at) = store.pipelines.iter().position(|p| p.id.to_string() == id) else {
        return not_found("Pipeline not found");
    };
    let pipeline_id = store.pipelines[at].id;
    for (key, value) in &input {
        match (key.as_str(), value) {
            ("name", Value::String(name)) if !name.trim().is_empty() => {
                store.pipelines[at].name = name.clone();
            }
            ("is_deal_probability_enabled", Value::Bool(on)) => {
                if *on {
                    store.probability_off.remove(&pipeline_id);
                } else {
                    store.probability_off.insert(pipeline_id);
                }
            }
            ("name", _) => return bad("name must be a non-empty string"),
            ("is_deal_probability_enabled", _) => {
                return bad("is_deal_probability_enabled must be a boolean")
            }
            (other, _) => return bad(&format!("Unknown field {other}")),
        }
    }
    ok_data(render_pipeline(&store, &store.pipelines[at]))
}

fn render_stage(s: &super::Stage) -> Value {
    json!({ "id": s.id, "order_nr": s.order_nr, "name": s.name, "is_deleted": false, "deal_probability": s.probability,
            "pipeline_id": s.pipeline_id, "is_deal_rot_enabled": false, "days_to_rotten": null,
            "add_time": META_TIME, "update_time": META_TIME })
}

pub(crate) async fn stages(State(st): St, RawQuery(raw): RawQuery) -> Response {
    let pairs = query_pairs(raw.as_deref());
    let pipeline = q(&pairs, "pipeline_id").map(str::to_string);
    let store = st.lock();
    let items = store
        .stages
        .iter()
        .filter(|s| {
            pipeline
                .as_ref()
                .is_none_or(|p| s.pipeline_id.to_string() == *p)
        })
        .map(render_stage)
        .collect();
    paged(items, raw.as_deref())
}

pub(crate) async fn stage(State(st): St, Path(id): Path<String>) -> Response {
    let store = st.lock();
    match store.stages.iter().find(|s| s.id.to_string() == id) {
        Some(s) => ok_data(render_stage(s)),
        None => not_found("Stage not found"),
    }
}

pub(crate) async fn deal_fields(State(st): St, RawQuery(raw): RawQuery) -> Response {
    let store = st.lock();
    let field = |code: &str, name: &str, kind: &str, custom: bool, options: Option<Vec<Value>>| {
        let mut v = json!({ "field_code": code, "field_name": name, "field_type": kind, "is_custom_field": custom,
                            "is_optional_response_field": false });
        if let Some(o) = options {
            v["options"] = json!(o);
        }
        v
    };
    let mut items = vec![
        field("title", "Title", "varchar", false, None),
        field("value", "Value", "monetary", false, None),
        field("currency", "Currency", "varchar", false, None),
        field("owner_id", "Owner", "user", false, None),
        field("person_id", "Contact person", "people", false, None),
        field("org_id", "Organization", "org", false, None),
        field("pipeline_id", "Pipeline", "double", false, None),
        field("stage_id", "Stage", "stage", false, None),
        field("status", "Status", "status", false, None),
        field(
            "expected_close_date",
            "Expected close date",
            "date",
            false,
            None,
        ),
        field(
            "label_ids",
            "Label",
            "set",
            false,
            Some(
                store
                    .labels
                    .iter()
                    .map(|l| json!({ "id": l.id, "label": l.name, "color": "blue" }))
                    .collect(),
            ),
        ),
    ];
    for f in &store.custom {
        let options = (!f.options.is_empty()).then(|| {
            f.options
                .iter()
                .enumerate()
                .map(|(i, o)| json!({ "id": i + 1, "label": o }))
                .collect()
        });
        items.push(field(
            &f.key,
            &f.name,
            if options.is_some() { "enum" } else { "varchar" },
            true,
            options,
        ));
    }
    paged(items, raw.as_deref())
}

fn render_user(store: &Store, u: &super::User) -> Value {
    json!({
        "id": u.id, "name": u.name, "default_currency": "USD", "locale": "en_US", "lang": 1, "email": u.email,
        "phone": null, "activated": u.active, "last_login": "2026-01-10 09:00:00", "created": "2024-01-01 00:00:00",
        "modified": "2025-01-01 00:00:00", "has_created_company": u.id == store.me,
        "access": [{ "app": "sales", "admin": u.id == store.me, "permission_set_id": "sandbox-permissions" }],
        "active_flag": u.active, "timezone_name": "Europe/Berlin", "timezone_offset": "+01:00", "role_id": 1,
        "icon_url": null, "is_you": u.id == store.me, "is_deleted": false,
    })
}

pub(crate) async fn users(State(st): St) -> Response {
    let store = st.lock();
    ok_data(Value::Array(
        store.users.iter().map(|u| render_user(&store, u)).collect(),
    ))
}

pub(crate) async fn me(State(st): St) -> Response {
    let store = st.lock();
    let Some(u) = store.users.iter().find(|u| u.id == store.me) else {
        return not_found("User not found");
    };
    let mut v = render_user(&store, u);
    v["company_id"] = json!(5_550_001);
    v["company_name"] = json!("Sandbox Company");
    v["company_domain"] = json!(store.company_domain);
    v["company_country"] = json!("DE");
    v["company_industry"] = json!("Software");
    v["language"] = json!({ "language_code": "en", "country_code": "US" });
    ok_data(v)
}
