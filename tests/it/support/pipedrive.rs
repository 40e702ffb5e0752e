//! A Pipedrive account on a wiremock server: metadata that answers every run (v2 pipelines,
//! stages and deal fields, v1 users), and deals in Pipedrive's own v2 shape.

use serde_json::{json, Value};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// An API token: 40 hex characters, so crm sends it in `x-api-token`.
pub const TOKEN: &str = "0a1b2c3d4e5f60718293a4b5c6d7e8f901234567";
pub const REGION_KEY: &str = "dcf558aac1ae4e8c4f849ba5e668430d8df9be12";
pub const EXTERNAL_KEY: &str = "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c";

pub fn ok(data: Value) -> Value {
    json!({"success": true, "data": data})
}

pub fn page(data: Value, next: Option<&str>) -> Value {
    let mut v = json!({"success": true, "data": data, "additional_data": {}});
    if let Some(c) = next {
        v["additional_data"]["next_cursor"] = json!(c);
    }
    v
}

pub fn pipelines() -> Value {
    json!([{"id": 1, "name": "Sales", "order_nr": 1, "is_deleted": false,
            "is_deal_probability_enabled": true, "add_time": "2024-01-01T00:00:00Z",
            "update_time": "2024-01-01T00:00:00Z"}])
}

pub fn stages() -> Value {
    json!([
        {"id": 1, "order_nr": 1, "name": "Qualified", "is_deleted": false, "deal_probability": 10,
         "pipeline_id": 1, "is_deal_rot_enabled": false, "days_to_rotten": null,
         "add_time": "2024-01-01T00:00:00Z", "update_time": "2024-01-01T00:00:00Z"},
        {"id": 2, "order_nr": 2, "name": "Proposal Made", "is_deleted": false, "deal_probability": 60,
         "pipeline_id": 1, "is_deal_rot_enabled": false, "days_to_rotten": null,
         "add_time": "2024-01-01T00:00:00Z", "update_time": "2024-01-01T00:00:00Z"}
    ])
}

pub fn users() -> Value {
    json!([
        {"id": 11, "name": "Ana Lima", "email": "ana@example.com", "active_flag": true, "is_you": true},
        {"id": 12, "name": "Bo Berg", "email": "bo@example.com", "active_flag": true, "is_you": false}
    ])
}

pub fn fields() -> Value {
    json!([
        {"field_code": "title", "field_name": "Title", "field_type": "varchar",
         "is_custom_field": false, "is_optional_response_field": false},
        {"field_code": "label_ids", "field_name": "Label", "field_type": "set",
         "is_custom_field": false, "is_optional_response_field": false,
         "options": [{"id": 5, "label": "Hot", "color": "red"}, {"id": 6, "label": "Warm", "color": "yellow"}]},
        {"field_code": REGION_KEY, "field_name": "Region", "field_type": "enum",
         "is_custom_field": true, "is_optional_response_field": false,
         "options": [{"id": 31, "label": "EMEA"}, {"id": 32, "label": "APAC"}]},
        {"field_code": EXTERNAL_KEY, "field_name": "External ID", "field_type": "varchar",
         "is_custom_field": true, "is_optional_response_field": false}
    ])
}

/// A deal as Pipedrive's v2 API returns it. `value` is written into the JSON text as given.
pub fn deal(id: u64, title: &str, value: &str) -> Value {
    let text = format!(
        r#"{{"id": {id}, "title": {title:?}, "creator_user_id": 11, "owner_id": 11, "value": {value},
            "person_id": 201, "org_id": 301, "stage_id": 2, "pipeline_id": 1, "currency": "EUR",
            "add_time": "2026-01-02T03:04:05Z", "update_time": "2026-02-03T04:05:06Z",
            "stage_change_time": null, "status": "open", "is_archived": false, "is_deleted": false,
            "probability": null, "lost_reason": null, "visible_to": 3, "close_time": null,
            "expected_close_date": "2026-12-31", "label_ids": [5],
            "custom_fields": {{"{REGION_KEY}": 31, "{EXTERNAL_KEY}": null}}}}"#
    );
    serde_json::from_str(&text).expect("deal JSON")
}

/// Starts a server that answers Pipedrive's metadata endpoints.
pub async fn account() -> MockServer {
    let server = MockServer::start().await;
    for (p, data) in [
        ("/api/v2/pipelines", pipelines()),
        ("/api/v2/stages", stages()),
        ("/api/v2/dealFields", fields()),
    ] {
        Mock::given(method("GET"))
            .and(path(p))
            .respond_with(ResponseTemplate::new(200).set_body_json(page(data, None)))
            .mount(&server)
            .await;
    }
    Mock::given(method("GET"))
        .and(path("/api/v1/users/me"))
        .respond_with(ResponseTemplate::new(200).set_body_json(ok(
            json!({"id": 11, "name": "Ana Lima", "company_domain": "acme", "is_you": true}),
        )))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/v1/users"))
        .respond_with(ResponseTemplate::new(200).set_body_json(ok(users())))
        .mount(&server)
        .await;
    server
}

/// Pipedrive's error body.
pub fn error(message: &str) -> Value {
    json!({"success": false, "error": message,
           "error_info": "Please check developers.pipedrive.com for more information about Pipedrive API.",
           "data": null, "additional_data": null})
}

/// One page of participants (v1).
pub fn participants(items: &[(u64, u64)]) -> Value {
    let data: Vec<Value> = items
        .iter()
        .map(|(id, person)| {
            json!({"id": id, "person_id": {"name": "P", "value": person}, "active_flag": true,
                   "related_item_type": "deal", "person": {"id": person, "name": "P"}})
        })
        .collect();
    json!({"success": true, "data": data,
           "additional_data": {"pagination": {"start": 0, "limit": 500, "more_items_in_collection": false}}})
}
