//! The HubSpot sandbox finds deals by a unique property through an index: a value a deal gave
//! up, or that an archived deal holds, is free again; the value a deal holds now is taken.

use crm::sandbox::SandboxVendor;
use serde_json::{json, Value};

use super::sandbox;

async fn call(verb: reqwest::Method, url: String, body: Option<Value>) -> (u16, Value) {
    let mut req = reqwest::Client::new()
        .request(verb, url)
        .bearer_auth("sandbox-token");
    if let Some(b) = body {
        req = req.json(&b);
    }
    let res = req.send().await.unwrap();
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or(Value::Null))
}

#[tokio::test]
async fn a_unique_value_follows_its_deal_through_updates_and_archiving() {
    let sb = sandbox(SandboxVendor::Hubspot, 3, |_| {}).await;
    let deals = format!("{}/crm/v3/objects/deals", sb.url());
    let create = |key: &str| json!({"properties": {"dealname": key, "dealstage": "contractsent", "external_id": key}});
    let by_key = |key: &str| format!("{deals}/{key}?idProperty=external_id");
    use reqwest::Method;

    let (status, first) = call(Method::POST, deals.clone(), Some(create("IX-1"))).await;
    assert_eq!(status, 201, "{first}");
    let id = first["id"].as_str().unwrap().to_string();
    let (status, _) = call(Method::POST, deals.clone(), Some(create("IX-1"))).await;
    assert_eq!(status, 409, "IX-1 is taken");

    // The deal moves to IX-2: IX-1 is free, IX-2 is taken and finds it.
    let (status, _) = call(
        Method::PATCH,
        format!("{deals}/{id}"),
        Some(json!({"properties": {"external_id": "IX-2"}})),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(call(Method::GET, by_key("IX-1"), None).await.0, 404);
    let (status, found) = call(Method::GET, by_key("IX-2"), None).await;
    assert_eq!((status, found["id"].as_str()), (200, Some(id.as_str())));
    let (status, _) = call(Method::POST, deals.clone(), Some(create("IX-2"))).await;
    assert_eq!(status, 409, "IX-2 is taken");
    let (status, second) = call(Method::POST, deals.clone(), Some(create("IX-1"))).await;
    assert_eq!(status, 201, "IX-1 is free again: {second}");

    // Archived, the deal gives its value up.
    let (status, _) = call(Method::DELETE, format!("{deals}/{id}"), None).await;
    assert_eq!(status, 204);
    assert_eq!(call(Method::GET, by_key("IX-2"), None).await.0, 404);
    let (status, third) = call(Method::POST, deals.clone(), Some(create("IX-2"))).await;
    assert_eq!(status, 201, "{third}");
    let (_, found) = call(Method::GET, by_key("IX-2"), None).await;
    assert_eq!(found["id"], third["id"]);
}
