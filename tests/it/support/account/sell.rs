//! A Zendesk Sell account: a token, the metadata that answers every run, and deals in
//! Sell's own envelope.

use serde_json::{json, Value};

use super::super::mock::Answers;
use super::{fixture, Account};

pub const TOKEN: &str = "sell-test-token-0000-SECRETTOKEN";

/// A collection answer: `{items: [{data, meta}], meta: {type, count, links}}`.
pub fn collection(kind: &str, items: Vec<Value>) -> Value {
    let count = items.len();
    json!({
        "items": items.into_iter().map(|d| json!({"data": d, "meta": {"type": kind}})).collect::<Vec<_>>(),
        "meta": {"type": "collection", "count": count, "links": {"self": "http://api.getbase.com/v2/x"}}
    })
}

/// `GET /v2/pipelines`: Sales and Renewals.
pub fn pipelines() -> Vec<Value> {
    items("sell/pipelines.json")
}

/// `GET /v2/stages`: the stages of both pipelines, one of each category in Sales.
pub fn stages() -> Vec<Value> {
    items("sell/stages.json")
}

/// `GET /v2/users`: Ana.
pub fn users() -> Vec<Value> {
    items("sell/users.json")
}

/// `GET /v2/deal/custom_fields`: `region` and `external_id`.
pub fn custom_fields() -> Vec<Value> {
    items("sell/custom-fields.json")
}

/// `GET /v2/loss_reasons`.
pub fn loss_reasons() -> Vec<Value> {
    items("sell/loss-reasons.json")
}

fn items(name: &str) -> Vec<Value> {
    match fixture(name) {
        Value::Array(items) => items,
        other => panic!("fixture {name} is not a list: {other}"),
    }
}

/// A deal's `data` as Sell returns it.
pub fn deal(id: u64, name: &str, value: Value, stage: u64, updated: &str) -> Value {
    let mut deal = fixture("sell/deal.json");
    deal["id"] = json!(id);
    deal["name"] = json!(name);
    deal["value"] = value;
    deal["stage_id"] = json!(stage);
    deal["updated_at"] = json!(updated);
    deal
}

pub fn one(data: Value) -> Value {
    json!({"data": data, "meta": {"type": "deal"}})
}

/// Starts an account that answers Sell's metadata endpoints.
pub async fn account() -> Account {
    let account = Account::start("sell", TOKEN).await;
    let endpoints = [
        ("/v2/pipelines", "pipeline", pipelines()),
        ("/v2/stages", "stage", stages()),
        ("/v2/users", "user", users()),
        ("/v2/deal/custom_fields", "custom_field", custom_fields()),
        ("/v2/loss_reasons", "loss_reason", loss_reasons()),
    ];
    for (p, kind, items) in endpoints {
        account.furnish(p, collection(kind, items)).await;
    }
    account
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

/// Answers `verb p` with Sell's error envelope for `status` (its code and reason, as
/// "409 Conflict"), one entry per `(field, code, message)`.
pub async fn answer_error(
    account: &Account,
    verb: &str,
    p: &str,
    status: &str,
    errors: &[(&str, &str, &str)],
) {
    let code = status
        .split(' ')
        .next()
        .and_then(|code| code.parse().ok())
        .unwrap_or_else(|| panic!("a status such as \"409 Conflict\", not {status:?}"));
    account
        .answer_with(verb, p, code, error(status, errors))
        .await;
}

/// Answers every upsert with Sell's 409 for a match on several deals.
pub async fn answer_upsert_conflict(account: &Account) {
    let errors = [("", "conflict", "multiple records match")];
    answer_error(account, "POST", "/v2/deals/upsert", "409 Conflict", &errors).await;
}

/// The account with two deals, as the snapshots show them: Alpha (1000.50, readable by id, with
/// an associated contact) and Beta & Sons, Ltd (won, no tags).
pub async fn with_deals() -> Account {
    let account = account().await;
    let mut second = deal(
        2,
        "Beta & Sons, Ltd",
        json!("20.10"),
        13,
        "2026-11-21T00:00:00Z",
    );
    second["tags"] = json!([]);
    let deals = vec![
        deal(1, "Alpha", json!("1000.50"), 12, "2026-11-20T00:00:00Z"),
        second,
    ];
    for (p, body) in [
        ("/v2/deals", collection("deal", deals)),
        (
            "/v2/deals/1",
            one(deal(
                1,
                "Alpha",
                json!("1000.50"),
                12,
                "2026-11-20T00:00:00Z",
            )),
        ),
        (
            "/v2/deals/1/associated_contacts",
            collection(
                "associated_contact",
                vec![json!({"contact_id": 9, "role": "involved"})],
            ),
        ),
    ] {
        account.furnish(p, body).await;
    }
    account
}
