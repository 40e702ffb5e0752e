//! HubSpot batches, upsert, v4 associations and metadata.

use crm::sandbox::SandboxVendor;
use reqwest::Method;
use serde_json::json;

use super::{primary_companies, serve_default};
use crate::support::json::strings;

const V: SandboxVendor = SandboxVendor::Hubspot;

#[tokio::test]
async fn batches_and_upsert() {
    let (_sb, api) = serve_default(V).await;
    let (status, read) = api
        .with_body(Method::POST, "/crm/v3/objects/deals/batch/read",
            json!({"inputs": [{"id": "9000001"}, {"id": "1"}], "properties": ["dealname"], "propertiesWithHistory": []}))
        .await;
    assert_eq!(status, 207);
    assert_eq!(read["results"].as_array().unwrap().len(), 1);
    assert_eq!(read["errors"][0]["context"]["ids"][0], "1");

    let upsert = json!({"inputs": [
        {"idProperty": "external_id", "id": "EXT-00001", "properties": {"dealname": "Renamed"}},
        {"idProperty": "external_id", "id": "NEW-1", "properties": {"dealname": "Brand new", "dealstage": "contractsent"}}]});
    let (status, up) = api
        .with_body(Method::POST, "/crm/v3/objects/deals/batch/upsert", upsert)
        .await;
    assert_eq!(status, 200, "{up}");
    assert_eq!(up["results"][0]["new"], false);
    assert_eq!(up["results"][0]["id"], "9000001");
    assert_eq!(up["results"][1]["new"], true);
    let (_, got) = api
        .get("/crm/v3/objects/deals/NEW-1?idProperty=external_id&properties=dealname")
        .await;
    assert_eq!(got["properties"]["dealname"], "Brand new");

    let (status, _) = api
        .with_body(
            Method::POST,
            "/crm/v3/objects/deals/batch/upsert",
            json!({"inputs": [{"idProperty": "dealname", "id": "x", "properties": {}}]}),
        )
        .await;
    assert_eq!(status, 400);
    let (status, conflict) = api
        .with_body(
            Method::POST,
            "/crm/v3/objects/deals",
            json!({"properties": {"dealname": "dup", "dealstage": "contractsent", "external_id": "EXT-00002"}}),
        )
        .await;
    assert_eq!(status, 409, "{conflict}");

    let (status, created) = api.with_body(Method::POST, "/crm/v3/objects/deals/batch/create",
        json!({"inputs": [{"properties": {"dealname": "a", "dealstage": "contractsent"}}, {"properties": {"dealname": "b", "dealstage": "closedwon"}}]})).await;
    assert_eq!(status, 201);
    assert_eq!(created["results"].as_array().unwrap().len(), 2);
    let (status, updated) = api
        .with_body(
            Method::POST,
            "/crm/v3/objects/deals/batch/update",
            json!({"inputs": [{"id": "9000003", "properties": {"region": "APAC"}}]}),
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(updated["results"][0]["properties"]["region"], "APAC");
}

#[tokio::test]
async fn v4_associations_and_metadata() {
    let (_sb, api) = serve_default(V).await;
    let (_, labels) = api.get("/crm/v4/associations/deals/companies/labels").await;
    let primary = labels["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["label"] == "Primary")
        .unwrap();
    assert_eq!(primary["typeId"], 5);
    let (status, put) = api
        .with_body(
            Method::PUT,
            "/crm/v4/objects/deals/9000001/associations/companies/3108",
            json!([{"associationCategory": "HUBSPOT_DEFINED", "associationTypeId": 5}]),
        )
        .await;
    assert_eq!(status, 201, "{put}");
    assert_eq!(put["labels"], json!(["Primary"]));
    let (_, primaries) = primary_companies(&api, "9000001").await;
    assert_eq!(primaries.len(), 1, "one primary company");
    assert_eq!(primaries[0]["id"], "3108");
    let (status, _) = api
        .req(
            Method::PUT,
            "/crm/v4/objects/deals/9000001/associations/default/contacts/5115",
        )
        .send()
        .await
        .map(|r| (r.status().as_u16(), ()))
        .unwrap();
    assert_eq!(status, 200);
    let (status, _) = api
        .delete("/crm/v4/objects/deals/9000001/associations/companies/3108")
        .await;
    assert_eq!(status, 204);
    let (_, v4) = api
        .get("/crm/v4/objects/deals/9000001/associations/companies")
        .await;
    assert!(v4["results"]
        .as_array()
        .unwrap()
        .iter()
        .all(|r| r["toObjectId"] != "3108"));
    let (status, _) = api
        .with_body(
            Method::PUT,
            "/crm/v4/objects/deals/9000001/associations/contacts/999",
            json!([{"associationCategory": "HUBSPOT_DEFINED", "associationTypeId": 3}]),
        )
        .await;
    assert_eq!(status, 404);

    let (_, pipelines) = api.get("/crm/v3/pipelines/deals").await;
    let labels = strings(&pipelines["results"][0]["stages"], "/label");
    assert!(
        labels.contains(&"Appointment Scheduled") && labels.contains(&"Closed Lost"),
        "{labels:?}"
    );
    let (_, props) = api.get("/crm/v3/properties/deals").await;
    let region = props["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "region")
        .unwrap();
    assert_eq!(region["hubspotDefined"], false);
    assert_eq!(region["label"], "Region");
    let ext = props["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "external_id")
        .unwrap();
    assert_eq!(ext["hasUniqueValue"], true);
    let (_, active) = api.get("/crm/v3/owners").await;
    let (_, archived) = api.get("/crm/v3/owners?archived=true").await;
    assert_eq!(active["results"].as_array().unwrap().len(), 4);
    assert_eq!(archived["results"][0]["archived"], true);
    let (_, account) = api.get("/account-info/v3/details").await;
    assert!(account["portalId"].is_u64());
}
