use std::collections::BTreeSet;

use crm::sandbox::{SandboxVendor, ServeArgs};
use reqwest::Method;
use serde_json::{json, Value};

use super::{serve, serve_default};
use crate::support::json::strings;

const V: SandboxVendor = SandboxVendor::Sell;

#[tokio::test]
async fn pages_cover_every_deal_once_and_sorts_apply() {
    let (_sb, api) = serve(ServeArgs {
        deals: 53,
        ..ServeArgs::new(V)
    })
    .await;
    let mut seen = BTreeSet::new();
    let mut page = 1;
    loop {
        let (status, body) = api.get(&format!("/v2/deals?page={page}&per_page=10")).await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(body["meta"]["type"], "collection");
        let items = body["items"].as_array().unwrap();
        assert_eq!(
            body["meta"]["count"].as_u64().unwrap() as usize,
            items.len()
        );
        if items.is_empty() {
            break;
        }
        for i in items {
            assert_eq!(i["meta"]["type"], "deal");
            assert!(seen.insert(i["data"]["id"].as_u64().unwrap()));
            let v = &i["data"]["value"];
            assert!(
                v.is_u64()
                    || v.as_str()
                        .is_some_and(|s| s.split_once('.').is_some_and(|(_, f)| f.len() == 2)),
                "{v}"
            );
        }
        page += 1;
    }
    assert_eq!(seen.len(), 53);
    let (_, sorted) = api.get("/v2/deals?per_page=100&sort_by=name:desc").await;
    let names: Vec<String> = sorted["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["data"]["name"].as_str().unwrap().to_lowercase())
        .collect();
    assert!(names.windows(2).all(|w| w[0] >= w[1]));
    let (status, err) = api.get("/v2/deals?per_page=200").await;
    assert_eq!(status, 400);
    assert_eq!(err["errors"][0]["error"]["code"], "invalid_param");
    assert_eq!(err["meta"]["http_status"], "400 Bad Request");
}

#[tokio::test]
async fn filters_crud_and_errors() {
    let (sb, api) = serve_default(V).await;
    let (_, all) = api.get("/v2/deals?per_page=100").await;
    let first = &all["items"][0]["data"];
    let owner = first["owner_id"].as_u64().unwrap();
    let (_, mine) = api
        .get(&format!("/v2/deals?per_page=100&owner_id={owner}"))
        .await;
    let expected = all["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["data"]["owner_id"] == owner)
        .count();
    assert_eq!(mine["items"].as_array().unwrap().len(), expected);
    let (_, by_custom) = api
        .get("/v2/deals?custom_fields%5Bexternal_id%5D=EXT-00004")
        .await;
    assert_eq!(by_custom["items"].as_array().unwrap().len(), 1);

    let (status, missing) = api
        .with_body(
            Method::POST,
            "/v2/deals",
            json!({"data": {"name": "No contact"}}),
        )
        .await;
    assert_eq!(status, 422);
    assert_eq!(missing["errors"][0]["error"]["field"], "/contact_id");
    let (status, unknown) = api
        .with_body(
            Method::POST,
            "/v2/deals",
            json!({"data": {"name": "x", "contact_id": 300001, "bogus": 1}}),
        )
        .await;
    assert_eq!(status, 422);
    assert_eq!(unknown["errors"][0]["error"]["code"], "unknown");

    let (status, created) = api
        .with_body(Method::POST, "/v2/deals", json!({"data": {"name": "Sell deal", "contact_id": 300002, "value": "1000.50", "tags": ["a", "b"]}, "meta": {"type": "deal"}}))
        .await;
    assert_eq!(status, 200, "{created}");
    assert_eq!(created["data"]["value"], "1000.50");
    assert_eq!(created["data"]["organization_id"], 200002);
    let id = created["data"]["id"].as_u64().unwrap();
    let (status, updated) = api
        .with_body(
            Method::PUT,
            &format!("/v2/deals/{id}"),
            json!({"data": {"value": 2000, "tags": ["c"]}}),
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(updated["data"]["value"], 2000);
    assert_eq!(
        updated["data"]["tags"],
        json!(["c"]),
        "tags replace the whole set"
    );
    assert_eq!(updated["data"]["name"], "Sell deal");
    assert_eq!(
        api.with_body(
            Method::PUT,
            &format!("/v2/deals/{id}"),
            json!({"data": {"value": "1.005"}})
        )
        .await
        .0,
        422
    );

    let (status, assoc) = api
        .with_body(
            Method::POST,
            &format!("/v2/deals/{id}/associated_contacts"),
            json!({"data": {"contact_id": 300005, "role": "involved"}}),
        )
        .await;
    assert_eq!(status, 200, "{assoc}");
    let (_, list) = api
        .get(&format!("/v2/deals/{id}/associated_contacts"))
        .await;
    assert!(list["items"]
        .as_array()
        .unwrap()
        .iter()
        .any(|i| i["data"]["contact_id"] == 300005));
    assert_eq!(
        api.delete(&format!("/v2/deals/{id}/associated_contacts/300005"))
            .await
            .0,
        204
    );
    let (_, list) = api
        .get(&format!("/v2/deals/{id}/associated_contacts"))
        .await;
    assert!(list["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|i| i["data"]["contact_id"] != 300005));

    assert_eq!(api.delete(&format!("/v2/deals/{id}")).await.0, 204);
    let (status, nf) = api.get(&format!("/v2/deals/{id}")).await;
    assert_eq!(status, 404);
    assert_eq!(nf["errors"][0]["error"]["code"], "not_found");
    assert!(nf["meta"]["logref"].is_string());
    let resp = reqwest::get(format!("{}/v2/deals", sb.url()))
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 401);
}

#[tokio::test]
async fn upsert_updates_one_creates_none_and_refuses_many() {
    let (_sb, api) = serve_default(V).await;
    let (status, up) = api
        .with_body(
            Method::POST,
            "/v2/deals/upsert?custom_fields%5Bexternal_id%5D=EXT-00002",
            json!({"data": {"name": "Upserted"}}),
        )
        .await;
    assert_eq!(status, 200, "{up}");
    assert_eq!(up["data"]["id"], 5000002);
    assert_eq!(up["data"]["name"], "Upserted");
    let (status, created) = api
        .with_body(
            Method::POST,
            "/v2/deals/upsert?custom_fields%5Bexternal_id%5D=NEW-9",
            json!({"data": {"name": "Fresh", "contact_id": 300001}}),
        )
        .await;
    assert_eq!(status, 200, "{created}");
    assert_eq!(created["data"]["custom_fields"]["external_id"], "NEW-9");
    assert_eq!(
        api.with_body(
            Method::POST,
            "/v2/deals/upsert?custom_fields%5Bexternal_id%5D=NEW-10",
            json!({"data": {"name": "No contact"}})
        )
        .await
        .0,
        422
    );
    let (status, conflict) = api
        .with_body(
            Method::POST,
            "/v2/deals/upsert?currency=USD&hot=false",
            json!({"data": {"name": "x"}}),
        )
        .await;
    assert_eq!(status, 409, "{conflict}");
    assert_eq!(
        api.with_body(
            Method::POST,
            "/v2/deals/upsert",
            json!({"data": {"name": "x"}})
        )
        .await
        .0,
        400
    );
}

#[tokio::test]
async fn metadata() {
    let (_sb, api) = serve_default(V).await;
    let (_, stages) = api.get("/v2/stages?per_page=100").await;
    let cats: BTreeSet<&str> = strings(&stages["items"], "/data/category")
        .into_iter()
        .collect();
    for c in ["incoming", "in_progress", "won", "lost", "unqualified"] {
        assert!(cats.contains(c), "{cats:?}");
    }
    let (_, pipelines) = api.get("/v2/pipelines").await;
    assert_eq!(pipelines["items"].as_array().unwrap().len(), 2);
    let (_, me) = api.get("/v2/users/self").await;
    assert_eq!(me["meta"]["type"], "user");
    let (_, users) = api.get("/v2/users").await;
    assert!(users["items"]
        .as_array()
        .unwrap()
        .iter()
        .any(|u| u["data"]["id"] == me["data"]["id"]));
    let (_, contacts) = api
        .get("/v2/contacts?per_page=100&is_organization=false")
        .await;
    assert!(contacts["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|c| c["data"]["is_organization"] == false));
    let _: Value = contacts;
}

#[tokio::test]
async fn same_seed_same_deals() {
    let fetch = |seed: u64| async move {
        let (_sb, api) = serve(ServeArgs {
            seed,
            deals: 30,
            ..ServeArgs::new(V)
        })
        .await;
        let (_, body) = api.get("/v2/deals?per_page=100").await;
        body["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| {
                let mut d = i["data"].clone();
                d.as_object_mut().unwrap().remove("dropbox_email");
                d
            })
            .collect::<Vec<Value>>()
    };
    let (a, b, c) = (fetch(42).await, fetch(42).await, fetch(43).await);
    assert_eq!(a.len(), 30);
    assert_eq!(a, b);
    assert_ne!(a, c);
}
