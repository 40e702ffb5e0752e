//! A Pipedrive account: an API token, the metadata that answers every run (v2 pipelines,
//! stages and deal fields, v1 users), and deals in Pipedrive's own v2 shape.

use serde_json::{json, Value};
use wiremock::matchers::{method, path, path_regex};
use wiremock::{Mock, MockServer, ResponseTemplate};

use super::{fixture, Account};
use crate::support::mock::Answers;

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

/// `GET /api/v2/pipelines`: one pipeline.
pub fn pipelines() -> Value {
    fixture("pipedrive/pipelines.json")
}

/// `GET /api/v2/stages`: two stages of pipeline 1.
pub fn stages() -> Value {
    fixture("pipedrive/stages.json")
}

/// `GET /api/v1/users`: Ana (the token's user) and Bo.
pub fn users() -> Value {
    fixture("pipedrive/users.json")
}

/// `GET /api/v2/dealFields`: labels, a `Region` option field and a text `External ID`.
pub fn fields() -> Value {
    fixture("pipedrive/deal-fields.json")
}

/// A deal as Pipedrive's v2 API returns it. `value` is written into the JSON text as given.
pub fn deal(id: u64, title: &str, value: &str) -> Value {
    let mut deal = fixture("pipedrive/deal.json");
    deal["id"] = json!(id);
    deal["title"] = json!(title);
    deal["value"] = serde_json::from_str(value).expect("a JSON number");
    deal
}

/// Starts an account that answers Pipedrive's metadata endpoints.
pub async fn account() -> Account {
    let account = Account::start("pipedrive", TOKEN).await;
    for (p, data) in [
        ("/api/v2/pipelines", pipelines()),
        ("/api/v2/stages", stages()),
        ("/api/v2/dealFields", fields()),
    ] {
        account.furnish(p, page(data, None)).await;
    }
    account
        .furnish("/api/v1/users/me", ok(fixture("pipedrive/users-me.json")))
        .await;
    account.furnish("/api/v1/users", ok(users())).await;
    account
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

/// Answers every deal's participants (`GET /api/v1/deals/{id}/participants`) with none; the
/// answer must be used.
pub async fn answer_no_participants(server: &MockServer) {
    Mock::given(method("GET"))
        .and(path_regex(r"^/api/v1/deals/[0-9]+/participants$"))
        .respond_with(ResponseTemplate::new(200).set_body_json(participants(&[])))
        .expect(1..)
        .mount(server)
        .await;
}

/// The account with two deals, as the snapshots show them: Alpha (open, 1000.50, readable by
/// id, with a participant) and Beta & Sons, Ltd (won, two labels).
pub async fn with_deals() -> Account {
    let account = account().await;
    let mut second = deal(2, "Beta & Sons, Ltd", "20.10");
    second["status"] = json!("won");
    second["label_ids"] = json!([5, 6]);
    account
        .furnish(
            "/api/v2/deals",
            page(json!([deal(1, "Alpha", "1000.50"), second]), None),
        )
        .await;
    account
        .furnish("/api/v2/deals/1", ok(deal(1, "Alpha", "1000.50")))
        .await;
    account
        .furnish("/api/v1/deals/1/participants", participants(&[(70, 202)]))
        .await;
    account
}

/// `GET /api/v2/deals/search`: one page of deal hits, `(id, title, result_score)` each.
pub fn search_hits(hits: &[(u64, &str, f64)]) -> Value {
    let items: Vec<Value> = hits
        .iter()
        .map(|(id, title, score)| {
            json!({"result_score": score, "item": {"id": id, "type": "deal", "title": title}})
        })
        .collect();
    json!({"success": true, "data": {"items": items}, "additional_data": {}})
}

/// Pipedrive's search index catching up with a write: the first search finds nothing, every
/// later one finds deal `id` named `name`, and a read of it by id answers it with `amount` and
/// `external_id` as its External ID. Each answer must be used.
pub async fn search_catches_up(
    account: &Account,
    (id, name, amount): (u64, &str, &str),
    external_id: &str,
) {
    Mock::given(method("GET"))
        .and(path("/api/v2/deals/search"))
        .respond_with(ResponseTemplate::new(200).set_body_json(search_hits(&[])))
        .up_to_n_times(1)
        .with_priority(1)
        .expect(1..)
        .mount(account)
        .await;
    let hits = search_hits(&[(id, name, 1.0)]);
    account.answer("GET", "/api/v2/deals/search", hits).await;
    let mut found = deal(id, name, amount);
    found["custom_fields"][EXTERNAL_KEY] = json!(external_id);
    let read = format!("/api/v2/deals/{id}");
    account.answer("GET", &read, ok(found)).await;
}
