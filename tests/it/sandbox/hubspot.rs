use std::collections::BTreeSet;

use crm::sandbox::{SandboxVendor, ServeArgs};
use reqwest::Method;
use serde_json::{json, Value};

use super::{serve, serve_default, Api};

const V: SandboxVendor = SandboxVendor::Hubspot;

async fn all_ids(api: &Api, limit: usize) -> Vec<String> {
    let mut ids = vec![];
    let mut after: Option<String> = None;
    loop {
        let mut path = format!("/crm/v3/objects/deals?limit={limit}&properties=dealname,amount");
        if let Some(a) = &after {
            path.push_str(&format!("&after={a}"));
        }
        let (status, body) = api.get(&path).await;
        assert_eq!(status, 200, "{body}");
        for d in body["results"].as_array().unwrap() {
            ids.push(d["id"].as_str().unwrap().to_string());
            let props = d["properties"].as_object().unwrap();
            assert!(
                props.contains_key("dealname") && !props.contains_key("pipeline"),
                "only requested: {props:?}"
            );
        }
        match body.pointer("/paging/next/after").and_then(Value::as_str) {
            Some(a) => after = Some(a.to_string()),
            None => break,
        }
    }
    ids
}

#[tokio::test]
async fn list_pages_cover_every_deal_once() {
    let (_sb, api) = serve(ServeArgs {
        deals: 37,
        ..ServeArgs::new(V)
    })
    .await;
    let ids = all_ids(&api, 10).await;
    assert_eq!(ids.len(), 37);
    assert_eq!(ids.iter().collect::<BTreeSet<_>>().len(), 37);
    let (status, body) = api.get("/crm/v3/objects/deals?limit=101").await;
    assert_eq!(status, 400);
    assert_eq!(body["status"], "error");
    assert_eq!(body["category"], "VALIDATION_ERROR");
    assert!(body["correlationId"].is_string());
}

#[tokio::test]
async fn default_properties_and_associations() {
    let (_sb, api) = serve_default(V).await;
    let (_, body) = api
        .get("/crm/v3/objects/deals?limit=3&associations=contacts,companies")
        .await;
    let d = &body["results"][0];
    let props = d["properties"].as_object().unwrap();
    let keys: BTreeSet<&str> = props.keys().map(String::as_str).collect();
    assert!(
        keys.contains("dealstage") && keys.contains("hs_object_id") && !keys.contains("region"),
        "{keys:?}"
    );
    assert_eq!(
        d["associations"]["contacts"]["results"][0]["type"],
        "deal_to_contact"
    );
    let companies = d["associations"]["companies"]["results"]
        .as_array()
        .unwrap();
    assert!(
        companies.iter().any(|c| c["type"] == "deal_to_company"),
        "{companies:?}"
    );
}

#[tokio::test]
async fn auth_and_not_found() {
    let (sb, api) = serve_default(V).await;
    let resp = reqwest::get(format!("{}/crm/v3/objects/deals", sb.url()))
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 401);
    let body: Value = resp.json().await.unwrap();
    assert_eq!(body["category"], "INVALID_AUTHENTICATION");
    let (status, body) = api.get("/crm/v3/objects/deals/123").await;
    assert_eq!(status, 404);
    assert_eq!(body["category"], "OBJECT_NOT_FOUND");
}

#[tokio::test]
async fn crud_round_trip() {
    let (_sb, api) = serve_default(V).await;
    let (status, created) = api
        .with_body(
            Method::POST,
            "/crm/v3/objects/deals",
            json!({"properties": {"dealname": "Sandbox deal", "amount": "1000.50", "dealstage": "contractsent", "region": "EMEA"},
                   "associations": [{"to": {"id": "5101"}, "types": [{"associationCategory": "HUBSPOT_DEFINED", "associationTypeId": 3}]}]}),
        )
        .await;
    assert_eq!(status, 201, "{created}");
    let id = created["id"].as_str().unwrap().to_string();
    assert_eq!(created["properties"]["amount"], "1000.50");
    assert_eq!(created["properties"]["pipeline"], "default");

    let (status, got) = api.get(&format!("/crm/v3/objects/deals/{id}?properties=amount,region,hs_is_closed&associations=contacts")).await;
    assert_eq!(status, 200);
    assert_eq!(got["properties"]["region"], "EMEA");
    assert_eq!(got["properties"]["hs_is_closed"], "false");
    assert_eq!(got["associations"]["contacts"]["results"][0]["id"], "5101");

    let (status, patched) = api
        .with_body(
            Method::PATCH,
            &format!("/crm/v3/objects/deals/{id}"),
            json!({"properties": {"amount": "", "dealstage": "closedwon"}}),
        )
        .await;
    assert_eq!(status, 200, "{patched}");
    assert_eq!(patched["properties"]["amount"], Value::Null);
    let (_, got) = api
        .get(&format!(
            "/crm/v3/objects/deals/{id}?properties=hs_is_closed_won"
        ))
        .await;
    assert_eq!(got["properties"]["hs_is_closed_won"], "true");

    let (status, bad) = api
        .with_body(
            Method::PATCH,
            &format!("/crm/v3/objects/deals/{id}"),
            json!({"properties": {"nope": "x"}}),
        )
        .await;
    assert_eq!(status, 400);
    assert_eq!(bad["category"], "VALIDATION_ERROR");

    let (status, _) = api.delete(&format!("/crm/v3/objects/deals/{id}")).await;
    assert_eq!(status, 204);
    assert_eq!(api.get(&format!("/crm/v3/objects/deals/{id}")).await.0, 404);
    let (status, archived) = api
        .get(&format!("/crm/v3/objects/deals/{id}?archived=true"))
        .await;
    assert_eq!(status, 200);
    assert_eq!(archived["archived"], true);
}

#[tokio::test]
async fn search_filters_sorts_and_paging() {
    let (_sb, api) = serve(ServeArgs {
        deals: 60,
        ..ServeArgs::new(V)
    })
    .await;
    let search = |body: Value| api.with_body(Method::POST, "/crm/v3/objects/deals/search", body);
    let (status, body) = search(json!({
        "filterGroups": [{"filters": [{"propertyName": "amount", "operator": "GTE", "value": "5000"},
                                      {"propertyName": "pipeline", "operator": "EQ", "value": "default"}]}],
        "sorts": [{"propertyName": "amount", "direction": "DESCENDING"}],
        "properties": ["amount", "pipeline"], "limit": 200
    }))
    .await;
    assert_eq!(status, 200, "{body}");
    let results = body["results"].as_array().unwrap();
    assert_eq!(body["total"].as_u64().unwrap() as usize, results.len());
    assert!(!results.is_empty());
    let amounts: Vec<f64> = results
        .iter()
        .map(|d| d["properties"]["amount"].as_str().unwrap().parse().unwrap())
        .collect();
    assert!(amounts.iter().all(|a| *a >= 5000.0));
    assert!(
        amounts.windows(2).all(|w| w[0] >= w[1]),
        "sorted descending: {amounts:?}"
    );
    assert!(results
        .iter()
        .all(|d| d["properties"]["pipeline"] == "default"));

    // String sorts, IN, HAS_PROPERTY, NOT groups OR-ed, query, paging.
    let (_, all) = search(json!({"limit": 200})).await;
    assert_eq!(all["total"], 60);
    let (_, by_in) = search(json!({"filterGroups": [{"filters": [{"propertyName": "region", "operator": "IN", "values": ["EMEA", "APAC"]}]}],
        "properties": ["region"], "sorts": ["createdate"], "limit": 200})).await;
    assert!(by_in["results"]
        .as_array()
        .unwrap()
        .iter()
        .all(|d| d["properties"]["region"] == "EMEA" || d["properties"]["region"] == "APAC"));
    let (_, with_amount) = search(json!({"filterGroups": [{"filters": [{"propertyName": "amount", "operator": "HAS_PROPERTY"}]}], "limit": 200})).await;
    let (_, without) = search(json!({"filterGroups": [{"filters": [{"propertyName": "amount", "operator": "NOT_HAS_PROPERTY"}]}], "limit": 200})).await;
    assert_eq!(
        with_amount["total"].as_u64().unwrap() + without["total"].as_u64().unwrap(),
        60
    );
    let (_, token) = search(json!({"filterGroups": [{"filters": [{"propertyName": "dealname", "operator": "CONTAINS_TOKEN", "value": "acme"}]}], "properties": ["dealname"], "limit": 200})).await;
    assert!(token["results"]
        .as_array()
        .unwrap()
        .iter()
        .all(|d| d["properties"]["dealname"]
            .as_str()
            .unwrap()
            .contains("Acme")));
    let (_, query) = search(json!({"query": "acme", "limit": 200})).await;
    assert_eq!(query["total"], token["total"]);

    let mut seen = BTreeSet::new();
    let mut after: Option<String> = None;
    loop {
        let mut req = json!({"limit": 7});
        if let Some(a) = &after {
            req["after"] = json!(a);
        }
        let (_, page) = search(req).await;
        for d in page["results"].as_array().unwrap() {
            assert!(seen.insert(d["id"].as_str().unwrap().to_string()));
        }
        match page.pointer("/paging/next/after").and_then(Value::as_str) {
            Some(a) => after = Some(a.to_string()),
            None => break,
        }
    }
    assert_eq!(seen.len(), 60);
    let (status, _) = search(json!({"limit": 201})).await;
    assert_eq!(status, 400);
    let (status, body) = search(json!({"after": "10000"})).await;
    assert_eq!(status, 400, "{body}");
}

#[tokio::test]
async fn merge_gives_a_new_id_and_old_ids_follow() {
    let (_sb, api) = serve_default(V).await;
    let (_, before) = api
        .get("/crm/v3/objects/deals/9000001?properties=dealname")
        .await;
    let (status, merged) = api
        .with_body(
            Method::POST,
            "/crm/v3/objects/deals/merge",
            json!({"primaryObjectId": "9000001", "objectIdToMerge": "9000002"}),
        )
        .await;
    assert_eq!(status, 200, "{merged}");
    let new_id = merged["id"].as_str().unwrap();
    assert_ne!(new_id, "9000001");
    assert_eq!(
        merged["properties"]["dealname"],
        before["properties"]["dealname"]
    );
    let (status, via_old) = api.get("/crm/v3/objects/deals/9000002").await;
    assert_eq!(status, 200);
    assert_eq!(via_old["id"], new_id);
    let ids = all_ids(&api, 100).await;
    assert_eq!(ids.len(), 24);
    assert!(!ids.contains(&"9000001".to_string()));
}

#[tokio::test]
async fn same_seed_same_data_other_seed_other_data() {
    let fetch = |seed: u64| async move {
        let (_sb, api) = serve(ServeArgs {
            seed,
            ..ServeArgs::new(V)
        })
        .await;
        api.get(
            "/crm/v3/objects/deals?limit=100&properties=dealname,amount,dealstage,closedate,region",
        )
        .await
        .1
    };
    let (a, b, c) = (fetch(7).await, fetch(7).await, fetch(8).await);
    assert_eq!(a, b);
    assert_ne!(a["results"], c["results"]);
}

#[tokio::test]
async fn state_survives_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hubspot.json");
    let args = ServeArgs {
        state: Some(path.clone()),
        ..ServeArgs::new(V)
    };
    let (sb, api) = serve(args.clone()).await;
    let (status, created) = api
        .with_body(
            Method::POST,
            "/crm/v3/objects/deals",
            json!({"properties": {"dealname": "Persisted", "dealstage": "contractsent"}}),
        )
        .await;
    assert_eq!(status, 201);
    let id = created["id"].as_str().unwrap().to_string();
    sb.shutdown().await.unwrap();

    let (_sb, api) = serve(args).await;
    let (status, got) = api
        .get(&format!("/crm/v3/objects/deals/{id}?properties=dealname"))
        .await;
    assert_eq!(status, 200);
    assert_eq!(got["properties"]["dealname"], "Persisted");
    let other = ServeArgs {
        state: Some(path),
        ..ServeArgs::new(SandboxVendor::Sell)
    };
    assert!(
        crm::sandbox::spawn(other).await.is_err(),
        "a HubSpot state file is refused for Sell"
    );
}
