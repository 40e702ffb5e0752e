//! HubSpot's property history and `amount_in_home_currency`, as a client sees them.
//!
//! Documents: specs/hubspot/deals.v3.json `GET /crm/v3/objects/0-3/{dealId}` and
//! `GET /crm/v3/objects/0-3` (parameter `propertiesWithHistory`, schema `ValueWithTimestamp`),
//! `POST /crm/v3/objects/0-3/batch/read` (`propertiesWithHistory`), `POST .../search`; the
//! sandbox's account-info (`companyCurrency: "USD"`).

// A panic is a failed test, with the value that surprised it (as tests/it/main.rs says).
#![allow(clippy::unwrap_used)]

mod support;

use crm_sandbox::SandboxVendor;
use serde_json::{json, Value};
use support::Sandbox;

fn create(sb: &Sandbox, properties: Value) -> String {
    let body = json!({ "properties": properties });
    sb.ok("POST", "/crm/v3/objects/deals", Some(&body))["id"]
        .as_str()
        .unwrap()
        .to_string()
}

fn values(history: &Value) -> Vec<String> {
    history
        .as_array()
        .expect("a list of ValueWithTimestamp")
        .iter()
        .map(|v| v["value"].as_str().expect("values are strings").to_string())
        .collect()
}

#[test]
fn history_after_a_patch_shows_both_values_newest_first() {
    let sb = Sandbox::start(SandboxVendor::Hubspot);
    let id = create(
        &sb,
        json!({"dealname": "History", "dealstage": "appointmentscheduled", "amount": "100",
               "deal_currency_code": "EUR"}),
    );
    let path = format!("/crm/v3/objects/deals/{id}");
    sb.ok(
        "PATCH",
        &path,
        Some(&json!({"properties": {"amount": "150", "dealname": "History"}})),
    );

    let deal = sb.get(&format!(
        "{path}?propertiesWithHistory=amount,dealname,no_such_property"
    ));
    let history = &deal["propertiesWithHistory"];
    assert_eq!(values(&history["amount"]), ["150", "100"]);
    assert_eq!(
        values(&history["dealname"]),
        ["History"],
        "writing the same value again is no new value"
    );
    assert!(history.get("no_such_property").is_none(), "ignored");
    let newest = &history["amount"][0];
    assert_eq!(newest["sourceType"], "API");
    let at = |v: &Value| {
        chrono::DateTime::parse_from_rfc3339(v["timestamp"].as_str().unwrap()).expect("ISO 8601")
    };
    assert!(at(newest) >= at(&history["amount"][1]));
    assert_eq!(
        deal["properties"]["amount"], "150",
        "the default properties still come"
    );

    let list = sb.get("/crm/v3/objects/deals?propertiesWithHistory=amount");
    let listed = &list["results"][0];
    assert_eq!(listed["id"], id.as_str());
    assert_eq!(
        values(&listed["propertiesWithHistory"]["amount"]),
        ["150", "100"]
    );

    let read = sb.ok(
        "POST",
        "/crm/v3/objects/deals/batch/read",
        Some(&json!({"inputs": [{"id": id}], "properties": ["amount"],
                     "propertiesWithHistory": ["amount"]})),
    );
    assert_eq!(
        values(&read["results"][0]["propertiesWithHistory"]["amount"]),
        ["150", "100"]
    );

    let plain = sb.get(&path);
    assert!(plain.get("propertiesWithHistory").is_none());
}

#[test]
fn amount_in_home_currency_converts_into_the_company_currency_and_is_read_only() {
    let sb = Sandbox::start(SandboxVendor::Hubspot);
    let euros = create(
        &sb,
        json!({"dealname": "Euros", "dealstage": "appointmentscheduled", "amount": "100",
               "deal_currency_code": "EUR"}),
    );
    let plain = create(
        &sb,
        json!({"dealname": "No currency", "dealstage": "appointmentscheduled", "amount": "0.10"}),
    );
    let home = |id: &str| {
        sb.get(&format!(
            "/crm/v3/objects/deals/{id}?properties=amount,amount_in_home_currency"
        ))["properties"]["amount_in_home_currency"]
            .clone()
    };
    assert_eq!(home(&euros), "111", "the sandbox's rate: 1 EUR = 1.11 USD");
    assert_eq!(
        home(&plain),
        "0.1",
        "a deal without a currency is in the company currency"
    );

    let property = sb.get("/crm/v3/properties/deals/amount_in_home_currency");
    assert_eq!(property["type"], "number");
    assert_eq!(property["calculated"], true);
    assert_eq!(property["modificationMetadata"]["readOnlyValue"], true);

    for (method, path, body) in [
        (
            "PATCH",
            format!("/crm/v3/objects/deals/{euros}"),
            json!({"properties": {"amount_in_home_currency": "5"}}),
        ),
        (
            "POST",
            "/crm/v3/objects/deals".to_string(),
            json!({"properties": {"dealname": "x", "dealstage": "appointmentscheduled",
                                  "amount_in_home_currency": "5"}}),
        ),
    ] {
        let answer = sb.call(method, &path, Some(&body));
        assert_eq!(answer.status, 400, "{method} {path}: {}", answer.body);
        assert_eq!(answer.body["category"], "VALIDATION_ERROR");
    }
    assert_eq!(home(&euros), "111");
}

#[test]
fn a_search_naming_its_properties_answers_those() {
    let sb = Sandbox::start(SandboxVendor::Hubspot);
    create(
        &sb,
        json!({"dealname": "Searched", "dealstage": "qualifiedtobuy", "amount": "20",
               "deal_currency_code": "EUR", "closedate": "2024-06-30"}),
    );
    let asked = [
        "amount",
        "deal_currency_code",
        "dealstage",
        "pipeline",
        "hubspot_owner_id",
        "closedate",
        "hs_deal_stage_probability",
        "amount_in_home_currency",
    ];
    let found = sb.ok(
        "POST",
        "/crm/v3/objects/deals/search",
        Some(&json!({"properties": asked, "limit": 100})),
    );
    let properties = found["results"][0]["properties"]
        .as_object()
        .unwrap()
        .clone();
    // HubSpot adds its own hs_object_id, createdate and hs_lastmodifieddate to a search's
    // properties; nothing else.
    let extra = ["hs_object_id", "createdate", "hs_lastmodifieddate"];
    for name in properties.keys() {
        assert!(
            asked.contains(&name.as_str()) || extra.contains(&name.as_str()),
            "{name} was not asked"
        );
    }
    assert_eq!(properties["amount_in_home_currency"], "22.2");
    assert_eq!(properties["dealstage"], "qualifiedtobuy");
    assert!(properties["hs_deal_stage_probability"].is_string());
    assert!(properties.contains_key("hubspot_owner_id"));
}
