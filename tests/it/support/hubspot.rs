//! A HubSpot account on a wiremock server: metadata that answers every run, and deal payloads
//! in HubSpot's own shape.

use serde_json::{json, Value};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

pub const TOKEN: &str = "pat-na1-test-0000-SECRETTOKEN";

pub fn pipelines() -> Value {
    json!({"results": [{
        "id": "default", "label": "Sales Pipeline", "displayOrder": 0, "archived": false,
        "createdAt": "2024-01-01T00:00:00Z", "updatedAt": "2024-01-01T00:00:00Z",
        "stages": [
            {"id": "appointmentscheduled", "label": "Appointment Scheduled", "displayOrder": 0,
             "metadata": {"isClosed": "false", "probability": "0.2"}, "archived": false,
             "createdAt": "2024-01-01T00:00:00Z", "updatedAt": "2024-01-01T00:00:00Z"},
            {"id": "contractsent", "label": "Contract Sent", "displayOrder": 4,
             "metadata": {"isClosed": "false", "probability": "0.9"}, "archived": false,
             "createdAt": "2024-01-01T00:00:00Z", "updatedAt": "2024-01-01T00:00:00Z"},
            {"id": "closedwon", "label": "Closed Won", "displayOrder": 5,
             "metadata": {"isClosed": "true", "probability": "1.0"}, "archived": false,
             "createdAt": "2024-01-01T00:00:00Z", "updatedAt": "2024-01-01T00:00:00Z"},
            {"id": "closedlost", "label": "Closed Lost", "displayOrder": 6,
             "metadata": {"isClosed": "true", "probability": "0.0"}, "archived": false,
             "createdAt": "2024-01-01T00:00:00Z", "updatedAt": "2024-01-01T00:00:00Z"}
        ]
    }]})
}

pub fn owners(archived: bool) -> Value {
    if archived {
        json!({"results": [{"id": "910902", "email": "bo@example.com", "firstName": "Bo", "lastName": "Berg", "archived": true}]})
    } else {
        json!({"results": [{"id": "910901", "email": "ana@example.com", "firstName": "Ana", "lastName": "Lima", "archived": false}]})
    }
}

pub fn properties() -> Value {
    json!({"results": [
        {"name": "dealname", "label": "Deal Name", "type": "string", "fieldType": "text", "groupName": "dealinformation", "hubspotDefined": true},
        {"name": "amount", "label": "Amount", "type": "number", "fieldType": "number", "groupName": "dealinformation", "hubspotDefined": true},
        {"name": "closedate", "label": "Close Date", "type": "datetime", "fieldType": "date", "groupName": "dealinformation", "hubspotDefined": true},
        {"name": "region", "label": "Region", "type": "enumeration", "fieldType": "select", "groupName": "dealinformation",
         "options": [{"label": "Europe", "value": "EMEA", "displayOrder": 0, "hidden": false}]},
        {"name": "external_id", "label": "External ID", "type": "string", "fieldType": "text", "groupName": "dealinformation", "hasUniqueValue": true}
    ]})
}

/// A deal as HubSpot returns it.
pub fn deal(id: &str, name: &str, amount: &str) -> Value {
    json!({
        "id": id,
        "properties": {
            "dealname": name, "amount": amount, "deal_currency_code": "USD",
            "pipeline": "default", "dealstage": "contractsent", "hubspot_owner_id": "910901",
            "closedate": "2026-12-31T00:00:00Z", "hs_is_closed": "false", "hs_is_closed_won": "false",
            "createdate": "2026-01-02T03:04:05Z", "hs_lastmodifieddate": "2026-02-03T04:05:06Z",
            "region": "EMEA"
        },
        "associations": {"contacts": {"results": [{"id": "201", "type": "deal_to_contact"}]},
                          "companies": {"results": [{"id": "301", "type": "deal_to_company"}]}},
        "createdAt": "2026-01-02T03:04:05Z", "updatedAt": "2026-02-03T04:05:06Z", "archived": false
    })
}

/// Starts a server that answers HubSpot's metadata endpoints.
pub async fn account() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/crm/v3/pipelines/deals"))
        .respond_with(ResponseTemplate::new(200).set_body_json(pipelines()))
        .mount(&server)
        .await;
    for archived in [false, true] {
        Mock::given(method("GET"))
            .and(path("/crm/v3/owners"))
            .and(wiremock::matchers::query_param(
                "archived",
                archived.to_string(),
            ))
            .respond_with(ResponseTemplate::new(200).set_body_json(owners(archived)))
            .mount(&server)
            .await;
    }
    Mock::given(method("GET"))
        .and(path("/crm/v3/properties/deals"))
        .respond_with(ResponseTemplate::new(200).set_body_json(properties()))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/account-info/v3/details"))
        .respond_with(ResponseTemplate::new(200).set_body_json(account_details("app.hubspot.com")))
        .mount(&server)
        .await;
    // Search pages carry no associations: crm reads them in batch. By default a deal has none;
    // a test mounts its own answer (the default yields to it: lower priority).
    for to in ["contacts", "companies"] {
        Mock::given(method("POST"))
            .and(path(format!("/crm/v4/associations/deals/{to}/batch/read")))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({
                "status": "COMPLETE", "results": [],
                "startedAt": "2026-01-02T03:04:05Z", "completedAt": "2026-01-02T03:04:05Z"
            })))
            .with_priority(10)
            .mount(&server)
            .await;
    }
    server
}

/// `GET /account-info/v3/details`, as HubSpot's account information API documents it.
pub fn account_details(ui_domain: &str) -> Value {
    json!({
        "portalId": 62515, "accountType": "STANDARD", "timeZone": "US/Eastern",
        "companyCurrency": "USD", "additionalCurrencies": [], "utcOffset": "-05:00",
        "utcOffsetMilliseconds": -18000000, "uiDomain": ui_domain,
        "dataHostingLocation": if ui_domain.contains("eu1") { "eu1" } else { "na1" }
    })
}

/// HubSpot's error body.
pub fn error(category: &str, message: &str) -> Value {
    json!({"status": "error", "message": message, "correlationId": "aeb5f871-7f07-4993-9211-075dc63e7cbf", "category": category})
}
