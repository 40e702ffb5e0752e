use std::collections::BTreeSet;

use crm::sandbox::{SandboxVendor, ServeArgs};
use reqwest::Method;
use serde_json::{json, Value};

use super::{serve, serve_default, start_default, Api};

const V: SandboxVendor = SandboxVendor::Pipedrive;

async fn collect(api: &Api, path: &str) -> Vec<Value> {
    let mut out = vec![];
    let mut cursor: Option<String> = None;
    loop {
        let sep = if path.contains('?') { '&' } else { '?' };
        let url = match &cursor {
            Some(c) => format!("{path}{sep}cursor={c}"),
            None => path.to_string(),
        };
        let (status, body) = api.get(&url).await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(body["success"], true);
        out.extend(body["data"].as_array().unwrap().iter().cloned());
        match body["additional_data"]["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_string()),
            None => break,
        }
    }
    out
}

#[tokio::test]
async fn cursor_pages_cover_every_deal_once_and_filters_apply() {
    let (_sb, api) = serve(ServeArgs {
        deals: 41,
        ..ServeArgs::new(V)
    })
    .await;
    let all = collect(&api, "/api/v2/deals?limit=6").await;
    assert_eq!(all.len(), 41);
    assert_eq!(
        all.iter()
            .map(|d| d["id"].as_u64().unwrap())
            .collect::<BTreeSet<_>>()
            .len(),
        41
    );
    assert!(
        all.iter().all(|d| d["value"].is_number()),
        "value is a JSON number"
    );

    let owner = all[0]["owner_id"].as_u64().unwrap();
    let mine = collect(
        &api,
        &format!("/api/v2/deals?owner_id={owner}&status=open&pipeline_id=1"),
    )
    .await;
    assert!(
        !mine.is_empty()
            || all.iter().all(|d| !(d["owner_id"] == owner
                && d["status"] == "open"
                && d["pipeline_id"] == 1))
    );
    assert!(mine
        .iter()
        .all(|d| d["owner_id"] == owner && d["status"] == "open" && d["pipeline_id"] == 1));
    let expected = all
        .iter()
        .filter(|d| d["owner_id"] == owner && d["status"] == "open" && d["pipeline_id"] == 1)
        .count();
    assert_eq!(mine.len(), expected);

    let sorted = collect(
        &api,
        "/api/v2/deals?sort_by=update_time&sort_direction=desc&limit=500",
    )
    .await;
    let times: Vec<&str> = sorted
        .iter()
        .map(|d| d["update_time"].as_str().unwrap())
        .collect();
    assert!(times.windows(2).all(|w| w[0] >= w[1]));
    let since = times[10];
    let recent = collect(&api, &format!("/api/v2/deals?updated_since={since}")).await;
    assert!(recent
        .iter()
        .all(|d| d["update_time"].as_str().unwrap() >= since));
    assert!(recent.len() >= 11);

    let by_ids = collect(&api, "/api/v2/deals?ids=3,5,7").await;
    assert_eq!(
        by_ids
            .iter()
            .map(|d| d["id"].as_u64().unwrap())
            .collect::<Vec<_>>(),
        vec![3, 5, 7]
    );
    assert_eq!(api.get("/api/v2/deals?limit=501").await.0, 400);
    let (status, err) = api.get("/api/v2/deals?sort_by=title").await;
    assert_eq!(status, 400);
    assert_eq!(err["success"], false);
    assert!(err["error"].is_string());
}

#[tokio::test]
async fn crud_round_trip_with_custom_fields() {
    let (_sb, api) = serve_default(V).await;
    let (_, fields) = api.get("/api/v2/dealFields").await;
    let region = fields["data"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["field_name"] == "Region")
        .unwrap();
    let key = region["field_code"].as_str().unwrap().to_string();
    assert_eq!(key.len(), 40);
    assert_eq!(region["is_custom_field"], true);

    let (status, created) = api
        .with_body(Method::POST, "/api/v2/deals", json!({"title": "New deal", "value": 1234.56, "currency": "EUR",
            "stage_id": 9, "person_id": 2, "custom_fields": {key.clone(): "APAC"}, "expected_close_date": "2026-12-31"}))
        .await;
    assert_eq!(status, 200, "{created}");
    let d = &created["data"];
    let id = d["id"].as_u64().unwrap();
    assert_eq!(d["value"].to_string(), "1234.56");
    assert_eq!(d["pipeline_id"], 2, "the stage's pipeline");
    assert_eq!(d["custom_fields"][&key], "APAC");

    let (status, patched) = api
        .with_body(
            Method::PATCH,
            &format!("/api/v2/deals/{id}"),
            json!({"status": "won", "value": 99}),
        )
        .await;
    assert_eq!(status, 200, "{patched}");
    assert_eq!(patched["data"]["status"], "won");
    assert!(patched["data"]["won_time"].is_string());
    // The v2 PATCH schema types these as non-nullable (openapi-v2.yaml): null is refused.
    for field in ["person_id", "org_id", "expected_close_date"] {
        let (status, refused) = api
            .with_body(
                Method::PATCH,
                &format!("/api/v2/deals/{id}"),
                json!({ field: null }),
            )
            .await;
        assert_eq!(status, 400, "{field}: {refused}");
    }

    assert_eq!(
        api.with_body(Method::POST, "/api/v2/deals", json!({"value": 1}))
            .await
            .0,
        400
    );
    assert_eq!(
        api.with_body(
            Method::POST,
            "/api/v2/deals",
            json!({"title": "x", "value": "12"})
        )
        .await
        .0,
        400
    );

    let (status, del) = api.delete(&format!("/api/v2/deals/{id}")).await;
    assert_eq!(status, 200);
    assert_eq!(del["data"]["id"], id);
    let (_, got) = api.get(&format!("/api/v2/deals/{id}")).await;
    assert_eq!(got["data"]["is_deleted"], true);
    let listed = collect(&api, "/api/v2/deals?limit=500").await;
    assert!(listed.iter().all(|d| d["id"] != id));
    let deleted = collect(&api, "/api/v2/deals?status=deleted").await;
    assert!(deleted.iter().any(|d| d["id"] == id));
    let (status, nf) = api.get("/api/v2/deals/99999").await;
    assert_eq!(status, 404);
    assert_eq!(nf["success"], false);
}

#[tokio::test]
async fn auth_by_token_header_or_bearer() {
    let sb = start_default(V).await;
    let http = reqwest::Client::new();
    let url = format!("{}/api/v2/deals", sb.url());
    let none = http.get(&url).send().await.unwrap();
    assert_eq!(none.status().as_u16(), 401);
    let body: Value = none.json().await.unwrap();
    assert_eq!(body["success"], false);
    assert_eq!(
        http.get(format!("{url}?api_token=x"))
            .send()
            .await
            .unwrap()
            .status()
            .as_u16(),
        401
    );
    assert_eq!(
        http.get(&url)
            .bearer_auth("t")
            .send()
            .await
            .unwrap()
            .status()
            .as_u16(),
        200
    );
    assert_eq!(
        http.get(&url)
            .header("x-api-token", "t")
            .send()
            .await
            .unwrap()
            .status()
            .as_u16(),
        200
    );
}

#[tokio::test]
async fn merge_keeps_merge_with_id_and_removes_the_path_deal() {
    let (_sb, api) = serve_default(V).await;
    let (_, keep_before) = api.get("/api/v2/deals/2").await;
    let (status, merged) = api
        .with_body(
            Method::PUT,
            "/api/v1/deals/1/merge",
            json!({"merge_with_id": 2}),
        )
        .await;
    assert_eq!(status, 200, "{merged}");
    assert_eq!(merged["data"]["id"], 2);
    assert_eq!(merged["data"]["merge_what_id"], 1);
    assert_eq!(
        api.get("/api/v2/deals/1").await.0,
        404,
        "the path deal is gone"
    );
    let (status, keep) = api.get("/api/v2/deals/2").await;
    assert_eq!(status, 200);
    assert_eq!(keep["data"]["title"], keep_before["data"]["title"]);
    assert_eq!(
        api.with_body(
            Method::PUT,
            "/api/v1/deals/1/merge",
            json!({"merge_with_id": 2})
        )
        .await
        .0,
        404
    );
}

#[tokio::test]
async fn search_followers_participants_and_metadata() {
    let (_sb, api) = serve_default(V).await;
    let (status, found) = api.get("/api/v2/deals/search?term=acme").await;
    assert_eq!(status, 200, "{found}");
    let items = found["data"]["items"].as_array().unwrap();
    assert!(!items.is_empty());
    assert!(items.iter().all(|i| i["item"]["title"]
        .as_str()
        .unwrap()
        .to_lowercase()
        .contains("acme")));
    let (_, exact) = api
        .get("/api/v2/deals/search?term=EXT-00003&exact_match=true&fields=custom_fields")
        .await;
    assert_eq!(exact["data"]["items"].as_array().unwrap().len(), 1);
    assert_eq!(exact["data"]["items"][0]["item"]["id"], 3);
    assert_eq!(api.get("/api/v2/deals/search?term=a").await.0, 400);

    let (_, users) = api.get("/api/v1/users").await;
    let user = users["data"][2]["id"].as_u64().unwrap();
    let (status, f) = api
        .with_body(
            Method::POST,
            "/api/v2/deals/4/followers",
            json!({"user_id": user}),
        )
        .await;
    assert_eq!(status, 201, "{f}");
    assert_eq!(
        api.with_body(
            Method::POST,
            "/api/v2/deals/4/followers",
            json!({"user_id": user})
        )
        .await
        .0,
        400
    );
    let followers = collect(&api, "/api/v2/deals/4/followers").await;
    assert!(followers.iter().any(|f| f["user_id"] == user));
    assert_eq!(
        api.delete(&format!("/api/v2/deals/4/followers/{user}"))
            .await
            .0,
        200
    );
    let followers = collect(&api, "/api/v2/deals/4/followers").await;
    assert!(followers.iter().all(|f| f["user_id"] != user));

    let (status, added) = api
        .with_body(
            Method::POST,
            "/api/v1/deals/4/participants",
            json!({"person_id": 16}),
        )
        .await;
    assert_eq!(status, 200, "{added}");
    let pid = added["data"]["id"].as_u64().unwrap();
    let (_, list) = api.get("/api/v1/deals/4/participants").await;
    assert!(list["data"]
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p["id"] == pid && p["person"]["id"] == 16));
    assert_eq!(
        api.delete(&format!("/api/v1/deals/4/participants/{pid}"))
            .await
            .0,
        200
    );
    let (_, list) = api.get("/api/v1/deals/4/participants").await;
    assert!(list["data"]
        .as_array()
        .unwrap()
        .iter()
        .all(|p| p["id"] != pid));

    let (_, me) = api.get("/api/v1/users/me").await;
    assert_eq!(me["data"]["is_you"], true);
    assert!(me["data"]["company_domain"].is_string());
    let stages = collect(&api, "/api/v2/stages?pipeline_id=1").await;
    let names: Vec<&str> = stages.iter().map(|s| s["name"].as_str().unwrap()).collect();
    assert_eq!(names.first(), Some(&"Appointment Scheduled"));
    assert!(names.contains(&"Closed Won"));
    assert_eq!(collect(&api, "/api/v2/pipelines").await.len(), 2);
}

/// Pipedrive's "Requests" page (https://pipedrive.readme.io/docs/core-api-concepts-requests)
/// documents `https://{COMPANYDOMAIN}.pipedrive.com/api/v1/…` and `/api/v2/…`: a company domain
/// answers nothing under a bare `/v1`, so neither does the sandbox.
#[tokio::test]
async fn only_the_documented_api_prefixes_answer() {
    let (_sb, api) = serve_default(V).await;
    for path in ["/v1/users", "/v1/users/me", "/v1/deals/1/participants"] {
        assert_eq!(api.get(path).await.0, 404, "{path}");
        let documented = format!("/api{path}");
        assert_eq!(api.get(&documented).await.0, 200, "{documented}");
    }
    let (status, _) = api
        .with_body(
            Method::PUT,
            "/v1/deals/1/merge",
            json!({"merge_with_id": 2}),
        )
        .await;
    assert_eq!(status, 404);
}
