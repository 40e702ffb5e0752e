//! A Zendesk Sell account on a wiremock server: metadata that answers every run, and deals in
//! Sell's own envelope.

use serde_json::{json, Value};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

pub const TOKEN: &str = "sell-test-token-0000-SECRETTOKEN";

/// A collection answer: `{items: [{data, meta}], meta: {type, count, links}}`.
pub fn collection(kind: &str, items: Vec<Value>) -> Value {
    let count = items.len();
    json!({
        "items": items.into_iter().map(|d| json!({"data": d, "meta": {"type": kind}})).collect::<Vec<_>>(),
        "meta": {"type": "collection", "count": count, "links": {"self": "http://api.getbase.com/v2/x"}}
    })
}

pub fn pipelines() -> Vec<Value> {
    vec![
        json!({"id": 1, "name": "Sales", "disabled": false}),
        json!({"id": 2, "name": "Renewals", "disabled": false}),
    ]
}

pub fn stages() -> Vec<Value> {
    let s = |id: u64, name: &str, category: &str, position: u64, pipeline: u64| {
        json!({"id": id, "name": name, "category": category, "position": position,
               "likelihood": position * 10, "active": true, "pipeline_id": pipeline})
    };
    vec![
        s(11, "Incoming", "incoming", 1, 1),
        s(12, "Qualified", "in_progress", 2, 1),
        s(13, "Won", "won", 3, 1),
        s(14, "Lost", "lost", 4, 1),
        s(15, "Unqualified", "unqualified", 5, 1),
        s(21, "Due", "incoming", 1, 2),
        s(23, "Won", "won", 2, 2),
        s(24, "Lost", "lost", 3, 2),
    ]
}

pub fn users() -> Vec<Value> {
    vec![json!({"id": 7, "name": "Ana Lima", "email": "ana@example.com", "status": "active"})]
}

pub fn custom_fields() -> Vec<Value> {
    vec![
        json!({"id": 501, "name": "region", "type": "string"}),
        json!({"id": 502, "name": "external_id", "type": "string"}),
    ]
}

pub fn loss_reasons() -> Vec<Value> {
    vec![json!({"id": 91, "name": "Too expensive"})]
}

/// A deal's `data` as Sell returns it.
pub fn deal(id: u64, name: &str, value: Value, stage: u64, updated: &str) -> Value {
    json!({
        "id": id, "creator_id": 7, "owner_id": 7, "name": name, "value": value, "currency": "USD",
        "hot": false, "stage_id": stage, "last_stage_change_at": "2026-01-02T03:04:05Z",
        "source_id": null, "loss_reason_id": null, "unqualified_reason_id": null,
        "dropbox_email": "dropbox@x.deals.futuresimple.com", "contact_id": 5, "organization_id": 6,
        "estimated_close_date": "2026-12-31", "customized_win_likelihood": null,
        "tags": ["a", "b"], "custom_fields": {"region": "EMEA"},
        "created_at": "2026-01-02T03:04:05Z", "updated_at": updated
    })
}

pub fn one(data: Value) -> Value {
    json!({"data": data, "meta": {"type": "deal"}})
}

/// Starts a server that answers Sell's metadata endpoints.
pub async fn account() -> MockServer {
    let server = MockServer::start().await;
    let endpoints = [
        ("/v2/pipelines", "pipeline", pipelines()),
        ("/v2/stages", "stage", stages()),
        ("/v2/users", "user", users()),
        ("/v2/deal/custom_fields", "custom_field", custom_fields()),
        ("/v2/loss_reasons", "loss_reason", loss_reasons()),
    ];
    for (p, kind, items) in endpoints {
        Mock::given(method("GET"))
            .and(path(p))
            .respond_with(ResponseTemplate::new(200).set_body_json(collection(kind, items)))
            .mount(&server)
            .await;
    }
    server
}

/// Sell's error envelope with one entry per `(field, code, message)`.
pub fn error(status: &str, errors: &[(&str, &str, &str)]) -> Value {
    json!({
        "errors": errors.iter().map(|(field, code, message)| json!({
            "error": {"resource": "deal", "field": field, "code": code, "message": message},
            "meta": {"type": "error"}
        })).collect::<Vec<_>>(),
        "meta": {"type": "errors", "http_status": status, "logref": "logref-1234"}
    })
}
