//! A HubSpot account: a private-app token, the metadata every run reads, and deals in HubSpot's
//! own shape.

use serde_json::{json, Value};
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, ResponseTemplate};

use super::{fixture, Account};

pub const TOKEN: &str = "pat-na1-test-0000-SECRETTOKEN";

/// `GET /crm/v3/pipelines/deals`: one pipeline, four stages.
pub fn pipelines() -> Value {
    fixture("hubspot/pipelines.json")
}

/// `GET /crm/v3/owners?archived=…`: Ana is active, Bo archived.
pub fn owners(archived: bool) -> Value {
    fixture(if archived {
        "hubspot/owners-archived.json"
    } else {
        "hubspot/owners.json"
    })
}

/// `GET /crm/v3/properties/deals`, with a `region` option and a unique `external_id`.
pub fn properties() -> Value {
    fixture("hubspot/properties.json")
}

/// A deal as HubSpot returns it.
pub fn deal(id: &str, name: &str, amount: &str) -> Value {
    let mut deal = fixture("hubspot/deal.json");
    deal["id"] = json!(id);
    deal["properties"]["dealname"] = json!(name);
    deal["properties"]["amount"] = json!(amount);
    deal
}

/// Starts an account that answers HubSpot's metadata endpoints.
pub async fn account() -> Account {
    let account = Account::start("hubspot", TOKEN).await;
    account
        .furnish("/crm/v3/pipelines/deals", pipelines())
        .await;
    for archived in [false, true] {
        Mock::given(method("GET"))
            .and(path("/crm/v3/owners"))
            .and(query_param("archived", archived.to_string()))
            .respond_with(ResponseTemplate::new(200).set_body_json(owners(archived)))
            .mount(&account)
            .await;
    }
    account
        .furnish("/crm/v3/properties/deals", properties())
        .await;
    account
        .furnish(
            "/account-info/v3/details",
            account_details("app.hubspot.com"),
        )
        .await;
    // Search pages carry no associations: crm reads them in batch. By default a deal has none;
    // a test mounts its own answer (the default yields to it: lower priority).
    for to in ["contacts", "companies"] {
        Mock::given(method("POST"))
            .and(path(format!("/crm/v4/associations/deals/{to}/batch/read")))
            .respond_with(
                ResponseTemplate::new(200).set_body_json(fixture("hubspot/associations-none.json")),
            )
            .with_priority(10)
            .mount(&account)
            .await;
    }
    account
}

/// `GET /account-info/v3/details`, as HubSpot's account information API documents it.
pub fn account_details(ui_domain: &str) -> Value {
    let mut details = fixture("hubspot/account-details.json");
    details["uiDomain"] = json!(ui_domain);
    if ui_domain.contains("eu1") {
        details["dataHostingLocation"] = json!("eu1");
    }
    details
}

/// HubSpot's error body.
pub fn error(category: &str, message: &str) -> Value {
    json!({"status": "error", "message": message, "correlationId": "aeb5f871-7f07-4993-9211-075dc63e7cbf", "category": category})
}

/// The account with two deals, as the snapshots show them: Alpha (open, 1000.50, readable by
/// id) and Beta & Sons, Ltd (won, 20.10).
pub async fn with_deals() -> Account {
    let account = account().await;
    let mut second = deal("2", "Beta & Sons, Ltd", "20.10");
    second["properties"]["dealstage"] = json!("closedwon");
    second["properties"]["hs_is_closed"] = json!("true");
    second["properties"]["hs_is_closed_won"] = json!("true");
    account
        .furnish(
            "/crm/v3/objects/deals",
            json!({"results": [deal("1", "Alpha", "1000.50"), second]}),
        )
        .await;
    account
        .furnish("/crm/v3/objects/deals/1", deal("1", "Alpha", "1000.50"))
        .await;
    account
}
