//! The HubSpot sandbox refuses what HubSpot refuses and answers as HubSpot answers, each rule from
//! the document named on its test: otherwise a client defect stays invisible.

use crm::sandbox::{RateLimit, SandboxVendor, ServeArgs};
use reqwest::Method;
use serde_json::{json, Value};

use super::{primary_companies, serve, serve_default};

const V: SandboxVendor = SandboxVendor::Hubspot;

fn ids(results: &Value) -> Vec<String> {
    results
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].as_str().unwrap().to_string())
        .collect()
}

/// Seed 000 (deals guide): "you should include the following properties in your request:
/// dealname, dealstage"; seed 001 (legacy v1): "The dealstage property is required when creating
/// a deal. If the pipeline property is not specified, the default pipeline is assumed."
#[tokio::test]
async fn a_create_without_dealstage_is_a_validation_error() {
    let (_sb, api) = serve_default(V).await;
    for (path, body) in [
        (
            "/crm/v3/objects/deals",
            json!({"properties": {"dealname": "No stage"}}),
        ),
        (
            "/crm/v3/objects/deals/batch/create",
            json!({"inputs": [{"properties": {"dealname": "No stage"}}]}),
        ),
        (
            "/crm/v3/objects/deals/batch/upsert",
            json!({"inputs": [{"idProperty": "external_id", "id": "NEW-9", "properties": {"dealname": "No stage"}}]}),
        ),
    ] {
        let (status, body) = api.with_body(Method::POST, path, body).await;
        assert_eq!(status, 400, "{path}: {body}");
        assert_eq!(body["category"], "VALIDATION_ERROR", "{path}");
        assert!(
            body["message"].as_str().unwrap().contains("dealstage"),
            "{path}: {body}"
        );
    }
    // The pipeline may be left out: the default one is used.
    let (status, created) = api
        .with_body(
            Method::POST,
            "/crm/v3/objects/deals",
            json!({"properties": {"dealname": "Staged", "dealstage": "contractsent"}}),
        )
        .await;
    assert_eq!(status, 201, "{created}");
    assert_eq!(created["properties"]["pipeline"], "default");
    // An update needs no stage: the deal has one.
    let (status, _) = api
        .with_body(
            Method::PATCH,
            "/crm/v3/objects/deals/9000001",
            json!({"properties": {"dealname": "Renamed"}}),
        )
        .await;
    assert_eq!(status, 200);
}

/// HubSpot's search guide, "Search through associations": the pseudo-properties
/// `associations.contact` and `associations.company` find the records associated with one. Search
/// results are `SimplePublicObject`s (deals.v3): no `associations`.
#[tokio::test]
async fn search_finds_deals_by_associated_contact_and_company_and_answers_without_associations() {
    let (_sb, api) = serve_default(V).await;
    let (_, deal) = api
        .get("/crm/v3/objects/deals/9000001?associations=contacts,companies")
        .await;
    let contact = deal["associations"]["contacts"]["results"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let company = deal["associations"]["companies"]["results"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    for (property, id) in [
        ("associations.contact", &contact),
        ("associations.company", &company),
    ] {
        let (status, found) = api
            .with_body(
                Method::POST,
                "/crm/v3/objects/deals/search",
                json!({"filterGroups": [{"filters": [
                    {"propertyName": property, "operator": "EQ", "value": id}
                ]}], "limit": 100}),
            )
            .await;
        assert_eq!(status, 200, "{found}");
        assert!(
            ids(&found["results"]).contains(&"9000001".to_string()),
            "{property}={id}: {found}"
        );
        assert!(
            found["results"]
                .as_array()
                .unwrap()
                .iter()
                .all(|d| d.get("associations").is_none()),
            "search results carry no associations"
        );
    }
    let (_, none) = api
        .with_body(
            Method::POST,
            "/crm/v3/objects/deals/search",
            json!({"filterGroups": [{"filters": [
                {"propertyName": "associations.contact", "operator": "EQ", "value": "999999"}
            ]}]}),
        )
        .await;
    assert_eq!(none["total"], 0);
}

/// deals.v3: batch inputs take an `objectWriteTraceId`; a batch answers `207` with
/// `BatchResponse…WithErrors`, whose `errors[]` are `StandardError`s (`category`, `message`,
/// `context`). An input that carries a trace id stands alone; one that does not sinks its batch,
/// and nothing of a sunk batch is written.
#[tokio::test]
async fn batch_writes_answer_each_traced_input_on_its_own() {
    let (_sb, api) = serve_default(V).await;
    let (status, body) = api
        .with_body(
            Method::POST,
            "/crm/v3/objects/deals/batch/update",
            json!({"inputs": [
                {"id": "9000001", "objectWriteTraceId": "0", "properties": {"amount": "10"}},
                {"id": "9000002", "objectWriteTraceId": "1", "properties": {"amount": "ten"}},
                {"id": "1", "objectWriteTraceId": "2", "properties": {"amount": "12"}}
            ]}),
        )
        .await;
    assert_eq!(status, 207, "{body}");
    assert_eq!(body["results"].as_array().unwrap().len(), 1);
    assert_eq!(body["results"][0]["objectWriteTraceId"], "0");
    let errors = body["errors"].as_array().unwrap();
    let by_trace = |t: &str| {
        errors
            .iter()
            .find(|e| e["context"]["objectWriteTraceId"][0] == t)
            .unwrap_or_else(|| panic!("no error for input {t}: {body}"))
    };
    assert_eq!(by_trace("1")["category"], "VALIDATION_ERROR");
    assert!(by_trace("1")["message"]
        .as_str()
        .unwrap()
        .contains("amount"));
    assert_eq!(by_trace("2")["category"], "OBJECT_NOT_FOUND");
    for e in errors {
        for key in [
            "status", "category", "message", "context", "links", "errors",
        ] {
            assert!(e.get(key).is_some(), "StandardError needs {key}: {e}");
        }
    }

    // Without trace ids the bad input sinks the batch, and the good one is not written either.
    let (status, _) = api
        .with_body(
            Method::POST,
            "/crm/v3/objects/deals/batch/update",
            json!({"inputs": [
                {"id": "9000003", "properties": {"amount": "77"}},
                {"id": "9000004", "properties": {"amount": "ten"}}
            ]}),
        )
        .await;
    assert_eq!(status, 400);
    let (_, third) = api
        .get("/crm/v3/objects/deals/9000003?properties=amount")
        .await;
    assert_ne!(third["properties"]["amount"], "77", "a refused batch wrote");

    let (status, created) = api
        .with_body(
            Method::POST,
            "/crm/v3/objects/deals/batch/create",
            json!({"inputs": [
                {"objectWriteTraceId": "a", "properties": {"dealname": "ok", "dealstage": "contractsent"}},
                {"objectWriteTraceId": "b", "properties": {"dealname": "no stage"}}
            ]}),
        )
        .await;
    assert_eq!(status, 207, "{created}");
    assert_eq!(created["results"][0]["objectWriteTraceId"], "a");
    assert_eq!(
        created["errors"][0]["context"]["objectWriteTraceId"][0],
        "b"
    );
}

/// Batch update and upsert refuse one record twice in one call ("Duplicate IDs found in batch
/// input"): which write would win is undefined.
#[tokio::test]
async fn a_batch_naming_one_record_twice_is_refused() {
    let (_sb, api) = serve_default(V).await;
    let (status, body) = api
        .with_body(
            Method::POST,
            "/crm/v3/objects/deals/batch/upsert",
            json!({"inputs": [
                {"idProperty": "external_id", "id": "EXT-00001", "properties": {"amount": "1"}},
                {"idProperty": "external_id", "id": "EXT-00001", "properties": {"amount": "2"}}
            ]}),
        )
        .await;
    assert_eq!(status, 400, "{body}");
    assert!(body["message"].as_str().unwrap().contains("Duplicate"));
    let (status, _) = api
        .with_body(
            Method::POST,
            "/crm/v3/objects/deals/batch/update",
            json!({"inputs": [
                {"id": "9000001", "properties": {"amount": "1"}},
                {"id": "9000001", "properties": {"amount": "2"}}
            ]}),
        )
        .await;
    assert_eq!(status, 400);
}

/// associations.v4 `POST /crm/v4/associations/{from}/{to}/batch/create`: `201` or `207` with
/// `errors[]`; an association to a record that does not exist is an OBJECT_NOT_FOUND error and
/// the other pairs are created. The first company of a deal becomes its primary (v4 guide: "The
/// first company record associated with a contact, deal, or ticket is automatically set to
/// Primary").
#[tokio::test]
async fn association_batches_report_each_missing_record_and_the_first_company_is_primary() {
    let (_sb, api) = serve_default(V).await;
    let (status, created) = api
        .with_body(
            Method::POST,
            "/crm/v3/objects/deals",
            json!({"properties": {"dealname": "Bare", "dealstage": "contractsent"}}),
        )
        .await;
    assert_eq!(status, 201);
    let deal = created["id"].as_str().unwrap().to_string();
    let pair = |to: &str, type_id: u32| {
        json!({"from": {"id": deal}, "to": {"id": to},
               "types": [{"associationCategory": "HUBSPOT_DEFINED", "associationTypeId": type_id}]})
    };
    let (status, body) = api
        .with_body(
            Method::POST,
            "/crm/v4/associations/deals/contacts/batch/create",
            json!({"inputs": [pair("5101", 3), pair("999999", 3)]}),
        )
        .await;
    assert_eq!(status, 207, "{body}");
    assert_eq!(body["results"][0]["toObjectId"], "5101");
    assert_eq!(body["errors"][0]["category"], "OBJECT_NOT_FOUND");
    assert_eq!(body["errors"][0]["context"]["toObjectId"][0], "999999");

    // Unlabeled (341), yet the deal had no company: it becomes the primary.
    let (status, body) = api
        .with_body(
            Method::POST,
            "/crm/v4/associations/deals/companies/batch/create",
            json!({"inputs": [pair("3102", 341)]}),
        )
        .await;
    assert_eq!(status, 201, "{body}");
    let (_, companies) = api
        .get(&format!(
            "/crm/v4/objects/deals/{deal}/associations/companies"
        ))
        .await;
    let types: Vec<u64> = companies["results"][0]["associationTypes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["typeId"].as_u64().unwrap())
        .collect();
    assert!(types.contains(&5), "{companies}");
    // A second company does not take the primary label unless asked.
    api.with_body(
        Method::POST,
        "/crm/v4/associations/deals/companies/batch/create",
        json!({"inputs": [pair("3103", 341)]}),
    )
    .await;
    let (got, primaries) = primary_companies(&api, &deal).await;
    assert_eq!(primaries.len(), 1, "{got}");
    assert_eq!(primaries[0]["id"], "3102");
}

/// `--scopes`: a token without a scope gets HubSpot's `403 MISSING_SCOPES` (category, and the
/// scope in `errors[].context.requiredGranularScopes`); the scopes are the ones the OpenAPI
/// files declare (crmOwners.v3: `crm.objects.owners.read`).
#[tokio::test]
async fn a_token_without_the_owners_scope_gets_403_missing_scopes() {
    let (_sb, api) = serve(ServeArgs {
        scopes: Some(vec![
            "crm.objects.deals.read".into(),
            "crm.objects.deals.write".into(),
        ]),
        ..ServeArgs::new(V)
    })
    .await;
    let (status, body) = api.get("/crm/v3/owners").await;
    assert_eq!(status, 403, "{body}");
    assert_eq!(body["category"], "MISSING_SCOPES");
    assert_eq!(
        body["errors"][0]["context"]["requiredGranularScopes"],
        json!(["crm.objects.owners.read"])
    );
    assert_eq!(api.get("/crm/v3/objects/deals/9000001").await.0, 200);
    let (_sb, api) = serve(ServeArgs {
        scopes: Some(vec!["crm.objects.owners.read".into()]),
        ..ServeArgs::new(V)
    })
    .await;
    let (status, body) = api.get("/crm/v3/objects/deals/9000001").await;
    assert_eq!(status, 403);
    assert_eq!(
        body["errors"][0]["context"]["requiredGranularScopes"][0],
        "crm.objects.deals.read"
    );
}

/// `--search-rate-limit`: the search endpoints' own limit, beside the account's.
#[tokio::test]
async fn search_has_its_own_rate_limit() {
    let (_sb, api) = serve(ServeArgs {
        search_rate_limit: Some("2/1m".parse::<RateLimit>().unwrap()),
        ..ServeArgs::new(V)
    })
    .await;
    let search = || api.with_body(Method::POST, "/crm/v3/objects/deals/search", json!({}));
    assert_eq!(search().await.0, 200);
    assert_eq!(search().await.0, 200);
    let (status, body) = search().await;
    assert_eq!(status, 429, "{body}");
    assert_eq!(body["category"], "RATE_LIMITS");
    assert_eq!(api.get("/crm/v3/objects/deals").await.0, 200, "only search");
}
