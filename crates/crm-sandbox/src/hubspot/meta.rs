//! HubSpot metadata: pipelines, owners, deal properties, account details.

use axum::extract::{Path, State};
use axum::response::Response;
use serde_json::{json, Value};

use super::{bad, St, Store};
use crate::util::{ok, q, QueryPairs};
use crate::{data, errors};

/// A deal property: name, label, type, fieldType, HubSpot-defined, unique, read-only.
pub(crate) struct Prop {
    pub name: &'static str,
    pub label: &'static str,
    pub kind: &'static str,
    pub field: &'static str,
    pub hubspot: bool,
    pub unique: bool,
    pub read_only: bool,
}

const fn p(
    name: &'static str,
    label: &'static str,
    kind: &'static str,
    field: &'static str,
) -> Prop {
    Prop {
        name,
        label,
        kind,
        field,
        hubspot: true,
        unique: false,
        read_only: false,
    }
}

/// `prop` made read-only.
const fn ro(prop: Prop) -> Prop {
    Prop {
        read_only: true,
        ..prop
    }
}

pub(crate) const PROPS: [Prop; 20] = [
    p("dealname", "Deal Name", "string", "text"),
    p("amount", "Amount", "number", "number"),
    p("deal_currency_code", "Currency", "enumeration", "select"),
    p("pipeline", "Pipeline", "enumeration", "select"),
    p("dealstage", "Deal Stage", "enumeration", "select"),
    p("closedate", "Close Date", "datetime", "date"),
    p("hubspot_owner_id", "Deal owner", "enumeration", "select"),
    p("description", "Deal Description", "string", "textarea"),
    p("dealtype", "Deal Type", "enumeration", "radio"),
    p(
        "closed_lost_reason",
        "Closed Lost Reason",
        "string",
        "textarea",
    ),
    ro(p("createdate", "Create Date", "datetime", "date")),
    ro(p(
        "hs_lastmodifieddate",
        "Last Modified Date",
        "datetime",
        "date",
    )),
    ro(p("hs_object_id", "Record ID", "number", "number")),
    ro(p(
        "hs_is_closed",
        "Is Deal Closed?",
        "bool",
        "booleancheckbox",
    )),
    ro(p(
        "hs_is_closed_won",
        "Is Closed Won",
        "bool",
        "booleancheckbox",
    )),
    ro(p(
        "hs_deal_stage_probability",
        "Deal probability",
        "number",
        "number",
    )),
    // HubSpot's calculated deal property, read-only (`Store::all_properties` computes it).
    ro(p(
        "amount_in_home_currency",
        "Amount in company currency",
        "number",
        "number",
    )),
    ro(p(
        "hs_merged_object_ids",
        "Merged Deal IDs",
        "enumeration",
        "checkbox",
    )),
    Prop {
        name: "region",
        label: "Region",
        kind: "enumeration",
        field: "select",
        hubspot: false,
        unique: false,
        read_only: false,
    },
    Prop {
        name: "external_id",
        label: "External ID",
        kind: "string",
        field: "text",
        hubspot: false,
        unique: true,
        read_only: false,
    },
];

pub(crate) fn property(name: &str) -> Option<&'static Prop> {
    PROPS.iter().find(|p| p.name == name)
}

fn options(store: &Store, name: &str) -> Vec<Value> {
    let opt = |value: String, label: String, order: usize| json!({"label": label, "value": value, "displayOrder": order, "hidden": false, "description": ""});
    match name {
        // An enumeration's options have a label (what HubSpot's UI shows) and an internal value
        // (what the API stores): properties.v3 `Option {label, value, …}`. They differ here, as
        // they usually do in a real account.
        "region" => data::REGIONS
            .iter()
            .enumerate()
            .map(|(i, r)| opt(r.to_string(), region_label(r).to_string(), i))
            .collect(),
        "deal_currency_code" => ["USD", "EUR"]
            .iter()
            .enumerate()
            .map(|(i, c)| opt(c.to_string(), c.to_string(), i))
            .collect(),
        "pipeline" => store
            .pipelines
            .iter()
            .enumerate()
            .map(|(i, p)| opt(p.id.clone(), p.label.clone(), i))
            .collect(),
        "dealstage" => store
            .pipelines
            .iter()
            .flat_map(|p| p.stages.iter())
            .enumerate()
            .map(|(i, s)| opt(s.id.clone(), s.label.clone(), i))
            .collect(),
        "hubspot_owner_id" => store
            .owners
            .iter()
            .enumerate()
            .map(|(i, o)| opt(o.id.to_string(), format!("{} {}", o.first, o.last), i))
            .collect(),
        "dealtype" => vec![
            opt("newbusiness".into(), "New Business".into(), 0),
            opt("existingbusiness".into(), "Existing Business".into(), 1),
        ],
        _ => vec![],
    }
}

fn region_label(value: &str) -> &'static str {
    match value {
        "EMEA" => "Europe",
        "NA" => "North America",
        "APAC" => "Asia Pacific",
        _ => "Latin America",
    }
}

fn render_prop(store: &Store, p: &Prop) -> Value {
    json!({
        "name": p.name,
        "label": p.label,
        "type": p.kind,
        "fieldType": p.field,
        "description": "",
        "groupName": if p.hubspot { "dealinformation" } else { "custom_properties" },
        "options": options(store, p.name),
        "displayOrder": -1,
        "calculated": p.read_only && p.name != "createdate",
        "externalOptions": false,
        "hasUniqueValue": p.unique,
        "hidden": false,
        "hubspotDefined": p.hubspot,
        "modificationMetadata": { "archivable": !p.hubspot, "readOnlyDefinition": p.hubspot, "readOnlyValue": p.read_only },
        "formField": !p.read_only,
        "archived": false,
        "createdAt": "2024-03-01T10:00:00.000Z",
        "updatedAt": "2025-06-01T10:00:00.000Z",
    })
}

pub(crate) async fn properties(State(st): St) -> Response {
    let store = st.lock();
    let results: Vec<Value> = PROPS.iter().map(|p| render_prop(&store, p)).collect();
    ok(json!({ "results": results }))
}

pub(crate) async fn property_one(State(st): St, Path(name): Path<String>) -> Response {
    let store = st.lock();
    match property(&name) {
        Some(p) => ok(render_prop(&store, p)),
        None => errors::not_found(super::V, &format!("property {name} does not exist")),
    }
}

fn render_pipeline(p: &super::Pipeline, order: usize) -> Value {
    let stages: Vec<Value> = p
        .stages
        .iter()
        .enumerate()
        .map(|(i, s)| {
            json!({
                "id": s.id, "label": s.label, "displayOrder": i, "archived": false,
                "metadata": { "isClosed": s.closed.to_string(), "probability": s.probability },
                "createdAt": "2024-01-01T00:00:00.000Z", "updatedAt": "2024-01-01T00:00:00.000Z",
            })
        })
        .collect();
    json!({
        "id": p.id, "label": p.label, "displayOrder": order, "archived": false, "stages": stages,
        "createdAt": "2024-01-01T00:00:00.000Z", "updatedAt": "2024-01-01T00:00:00.000Z",
    })
}

pub(crate) async fn pipelines(State(st): St) -> Response {
    let store = st.lock();
    let results: Vec<Value> = store
        .pipelines
        .iter()
        .enumerate()
        .map(|(i, p)| render_pipeline(p, i))
        .collect();
    ok(json!({ "results": results }))
}

pub(crate) async fn pipeline(State(st): St, Path(id): Path<String>) -> Response {
    let store = st.lock();
    match store.pipelines.iter().enumerate().find(|(_, p)| p.id == id) {
        Some((i, p)) => ok(render_pipeline(p, i)),
        None => errors::not_found(super::V, &format!("Unable to find pipeline {id}")),
    }
}

pub(crate) async fn owners(State(st): St, QueryPairs(pairs): QueryPairs) -> Response {
    let archived = q(&pairs, "archived") == Some("true");
    let limit: usize = match q(&pairs, "limit").map(str::parse).transpose() {
        Ok(l) => l.unwrap_or(100),
        Err(_) => return bad("limit must be a number"),
    };
    if !(1..=500).contains(&limit) {
        return bad("limit must be between 1 and 500");
    }
    let after: usize = q(&pairs, "after").and_then(|a| a.parse().ok()).unwrap_or(0);
    let email = q(&pairs, "email");
    let store = st.lock();
    let all: Vec<&super::Owner> = store
        .owners
        .iter()
        .filter(|o| {
            o.archived == archived && email.is_none_or(|e| e.eq_ignore_ascii_case(&o.email))
        })
        .collect();
    let page: Vec<Value> = all
        .iter()
        .skip(after)
        .take(limit)
        .map(|o| {
            json!({
                "id": o.id.to_string(), "email": o.email, "type": "PERSON",
                "firstName": o.first, "lastName": o.last,
                "userId": o.user_id, "userIdIncludingInactive": o.user_id,
                "createdAt": "2024-02-01T09:00:00.000Z", "updatedAt": "2025-02-01T09:00:00.000Z",
                "archived": o.archived, "teams": [],
            })
        })
        .collect();
    let mut body = json!({ "results": page });
    if after + limit < all.len() {
        let next = (after + limit).to_string();
        body["paging"] = json!({ "next": { "after": next, "link": format!("?after={next}") } });
    }
    ok(body)
}

pub(crate) async fn account(State(st): St) -> Response {
    let store = st.lock();
    ok(json!({
        "portalId": store.portal_id,
        "accountType": "STANDARD",
        "timeZone": "US/Eastern",
        "companyCurrency": "USD",
        "additionalCurrencies": ["EUR"],
        "utcOffset": "-05:00",
        "utcOffsetMilliseconds": -18_000_000,
        "uiDomain": "app.hubspot.com",
        "dataHostingLocation": "na1",
    }))
}
