//! Semantic choices checked against the vendors' own documents, not against crm's adapter, the
//! sandbox or the fixtures (which could all be wrong the same way): the expected requests are
//! read from, or written from, the vendor's words.
//!
//! The seeds are found beside the specs (`$CRM_SPECS_DIR/../seeds`, default `../shared/seeds`);
//! absent, these tests are skipped with a notice, except under `CRM_REQUIRE_CONTRACT=1`.

use std::collections::BTreeSet;
use std::path::PathBuf;

use serde_json::{json, Value};
use wiremock::matchers::{method, path_regex};
use wiremock::{Mock, ResponseTemplate};

use crate::support::cli::{crm, run, Home, To};
use crate::support::mock::{requests_to, requests_where, Answers};

/// The seed file whose name starts with `prefix` (e.g. `000_`).
fn seed(prefix: &str) -> Option<String> {
    let specs = std::env::var("CRM_SPECS_DIR").unwrap_or_else(|_| "../shared/specs".into());
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join(specs)
        .join("../seeds");
    let found = std::fs::read_dir(&dir).ok().and_then(|entries| {
        entries
            .flatten()
            .map(|e| e.path())
            .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))
    });
    match found {
        Some(file) => Some(std::fs::read_to_string(file).expect("seed readable")),
        None => {
            assert!(
                std::env::var("CRM_REQUIRE_CONTRACT").as_deref() != Ok("1"),
                "no seed {prefix}* under {} and CRM_REQUIRE_CONTRACT=1",
                dir.display()
            );
            eprintln!("SKIPPED: no seed {prefix}* under {}", dir.display());
            None
        }
    }
}

/// The JSON of the `///Example request body` line of `text` that contains `marker`.
fn example_body(text: &str, marker: &str) -> Value {
    let line = text
        .lines()
        .find(|l| l.starts_with("///Example request body") && l.contains(marker))
        .unwrap_or_else(|| panic!("no example request body with {marker:?}"));
    let json = &line[line.find('{').expect("a JSON body")..];
    serde_json::from_str(json).expect("the example is JSON")
}

/// HubSpot's default association types from deals, as HubSpot's "Associations v4" guide lists
/// them under "HubSpot defined association types" (deal to contact 3, deal to company
/// (Primary) 5); seed 000 points to that list ("Default association types are listed here").
fn hubspot_object_of_type(type_id: i64) -> &'static str {
    match type_id {
        3 => "contacts",
        5 => "companies",
        other => panic!("association type {other} is not in the document's table"),
    }
}

/// Seed 000 associates a new deal "with an existing contact and company": its example body's
/// associations (ids, categories, type ids) must be what crm asks HubSpot for when told the
/// same thing on the command line.
#[tokio::test]
async fn hubspot_create_with_associations_matches_seed_000() {
    let Some(text) = seed("000_") else {
        return;
    };
    let example = example_body(&text, "\"associations\"");
    let mut wanted: BTreeSet<(String, String, String, i64)> = BTreeSet::new();
    let (mut contacts, mut companies) = (Vec::new(), Vec::new());
    for a in example["associations"].as_array().expect("associations") {
        let id = a["to"]["id"].to_string().trim_matches('"').to_string();
        for t in a["types"].as_array().expect("types") {
            let type_id = t["associationTypeId"].as_i64().unwrap();
            let object = hubspot_object_of_type(type_id);
            match object {
                "contacts" => contacts.push(id.clone()),
                _ => companies.push(id.clone()),
            }
            let category = t["associationCategory"].as_str().unwrap().to_string();
            wanted.insert((object.into(), id.clone(), category, type_id));
        }
    }
    assert_eq!(
        (contacts.len(), companies.len()),
        (1, 1),
        "the seed's example: one contact and one company"
    );
    let props = &example["properties"];

    let server = crate::support::hubspot::account().await;
    server
        .answer_with(
            "POST",
            "/crm/v3/objects/deals",
            201,
            crate::support::hubspot::deal("512", "New deal", "1500.00"),
        )
        .await;
    Mock::given(method("PUT"))
        .and(path_regex(r"^/crm/v4/objects/deals/512/associations/"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "fromObjectTypeId": "0-3", "fromObjectId": 512,
            "toObjectTypeId": "0-1", "toObjectId": 1, "labels": []
        })))
        .expect(1..)
        .mount(&server)
        .await;
    let home = Home::new();
    let mut cmd = crm(
        &home,
        To::env("hubspot", server.uri(), "pat-na1-anchor-0000"),
        "",
    )
    .command();
    cmd.args(["deals", "create", "-o", "json"])
        .args(["--name", props["dealname"].as_str().unwrap()])
        .args(["--amount", props["amount"].as_str().unwrap()])
        .args(["--pipeline", props["pipeline"].as_str().unwrap()])
        .args(["--stage", props["dealstage"].as_str().unwrap()])
        .args(["--owner", props["hubspot_owner_id"].as_str().unwrap()])
        .args(["--contact", &contacts[0], "--company", &companies[0]]);
    let out = run(cmd).await;
    out.assert_exit(0);

    // What crm asked for: associations in the create body, or one v4 PUT per association.
    let mut sent: BTreeSet<(String, String, String, i64)> = BTreeSet::new();
    for r in server.received_requests().await.unwrap() {
        let body: Value = serde_json::from_slice(&r.body).unwrap_or(Value::Null);
        let segs: Vec<&str> = r.url.path().trim_matches('/').split('/').collect();
        match (r.method.as_str(), segs.as_slice()) {
            ("POST", ["crm", "v3", "objects", "deals"]) => {
                for (k, v) in props.as_object().unwrap() {
                    if k != "closedate" {
                        assert_eq!(&body["properties"][k], v, "property {k}");
                    }
                }
                for a in body["associations"].as_array().into_iter().flatten() {
                    let id = a["to"]["id"].to_string().trim_matches('"').to_string();
                    for t in a["types"].as_array().unwrap() {
                        let type_id = t["associationTypeId"].as_i64().unwrap();
                        let category = t["associationCategory"].as_str().unwrap().to_string();
                        sent.insert((
                            hubspot_object_of_type(type_id).into(),
                            id.clone(),
                            category,
                            type_id,
                        ));
                    }
                }
            }
            ("PUT", ["crm", "v4", "objects", "deals", "512", "associations", object, id]) => {
                for t in body.as_array().expect("a list of types") {
                    sent.insert((
                        object.to_string(),
                        id.to_string(),
                        t["associationCategory"].as_str().unwrap().to_string(),
                        t["associationTypeId"].as_i64().unwrap(),
                    ));
                }
            }
            _ => {}
        }
    }
    assert_eq!(
        sent, wanted,
        "crm's associations against seed 000's example"
    );
}

/// Pipedrive's merge, from its documents:
/// - seed 003 ("Merge two deals"): `PUT /v1/deals/{id}/merge`, body `merge_with_id`, "The ID of
///   the deal that the deal will be merged with";
/// - its tutorial "Merging two deals" (pipedrive.readme.io/docs/merging-two-deals): "The ID of
///   Deal you want to be merged with will give value to the merge_with_id parameter. This Deal
///   will have priority over the other Deal and its data will be kept. The ID of the Deal that
///   will be merged will be added to the target URL. This Deal will be removed".
///
/// So `crm deals merge --into KEEP OTHER` (KEEP survives) must send OTHER in the path and KEEP
/// as `merge_with_id`.
#[tokio::test]
async fn pipedrive_merge_direction_follows_the_merge_tutorial() {
    let Some(reference) = seed("003_") else {
        return;
    };
    for words in [
        "/v1/deals/{id}/merge",
        "merge\\_with\\_id",
        "The ID of the deal that the deal will be merged with",
    ] {
        assert!(
            reference.contains(words),
            "seed 003 no longer says {words:?}"
        );
    }
    let (keep, other) = (10u64, 20u64);
    // Written from the tutorial: the removed deal in the URL, the kept one in merge_with_id.
    let expected_path_end = format!("/v1/deals/{other}/merge");
    let expected_body = json!({ "merge_with_id": keep });

    let server = crate::support::pipedrive::account().await;
    Mock::given(method("PUT"))
        .and(path_regex(r"/v1/deals/\d+/merge$"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(crate::support::pipedrive::ok(
                json!({"id": keep, "title": "Keep", "user_id": 11, "merge_what_id": other}),
            )),
        )
        .expect(1..)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path_regex(r"/deals/\d+$"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(crate::support::pipedrive::ok(
                crate::support::pipedrive::deal(keep, "Keep", "5"),
            )),
        )
        .expect(1..)
        .mount(&server)
        .await;
    crate::support::pipedrive::answer_no_participants(&server).await;
    let home = Home::new();
    let mut cmd = crm(
        &home,
        To::env("pipedrive", server.uri(), crate::support::pipedrive::TOKEN),
        "",
    )
    .command();
    cmd.args([
        "deals",
        "merge",
        "--into",
        &keep.to_string(),
        &other.to_string(),
    ])
    .args(["--yes", "-o", "json"]);
    let out = run(cmd).await;
    out.assert_exit(0);
    assert_eq!(out.json()["id"], keep.to_string(), "the kept deal is shown");
    let merges = requests_where(&server, |r| r.method.as_str() == "PUT").await;
    assert_eq!(merges.len(), 1, "one merge");
    assert!(
        merges[0].url.path().ends_with(&expected_path_end),
        "the removed deal goes in the URL: {}",
        merges[0].url.path()
    );
    let body: Value = serde_json::from_slice(&merges[0].body).unwrap();
    assert_eq!(body, expected_body, "the kept deal is merge_with_id");
}

/// HubSpot's merge, from its deals file (`hubspot/deals.v3.json`, `PublicMergeInput`):
/// `primaryObjectId` is "The ID of the object that will remain after the merge" and
/// `objectIdToMerge` "The ID of the object that will be merged into the primary object". So
/// `crm deals merge --into KEEP OTHER` must send KEEP as `primaryObjectId`.
#[tokio::test]
async fn hubspot_merge_direction_follows_the_deals_file() {
    let specs = std::env::var("CRM_SPECS_DIR").unwrap_or_else(|_| "../shared/specs".into());
    let file = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join(specs)
        .join("hubspot/deals.v3.json");
    let Ok(text) = std::fs::read_to_string(&file) else {
        assert!(
            std::env::var("CRM_REQUIRE_CONTRACT").as_deref() != Ok("1"),
            "no {} and CRM_REQUIRE_CONTRACT=1",
            file.display()
        );
        eprintln!("SKIPPED: no {}", file.display());
        return;
    };
    let spec: Value = serde_json::from_str(&text).unwrap();
    let input = &spec["components"]["schemas"]["PublicMergeInput"]["properties"];
    // The field whose description says it remains is the one that must carry KEEP.
    let (kept_field, merged_field) = {
        let remains = |f: &str| {
            input[f]["description"]
                .as_str()
                .unwrap_or_default()
                .contains("will remain after the merge")
        };
        match (remains("primaryObjectId"), remains("objectIdToMerge")) {
            (true, false) => ("primaryObjectId", "objectIdToMerge"),
            (false, true) => ("objectIdToMerge", "primaryObjectId"),
            other => panic!("the file no longer says which id remains: {other:?} in {input}"),
        }
    };

    let server = crate::support::hubspot::account().await;
    // After the merge crm reads the deal that remains; deal 11 is never read.
    server
        .answer(
            "GET",
            "/crm/v3/objects/deals/10",
            crate::support::hubspot::deal("10", "Deal", "5"),
        )
        .await;
    server
        .answer(
            "POST",
            "/crm/v3/objects/deals/merge",
            crate::support::hubspot::deal("10", "Keep", "5"),
        )
        .await;
    let home = Home::new();
    let out = crm(
        &home,
        To::env("hubspot", server.uri(), "pat-na1-anchor-0000"),
        &[
            "deals", "merge", "--into", "10", "11", "--yes", "-o", "json",
        ],
    )
    .await;
    out.assert_exit(0);
    let merges = requests_to(&server, "POST", "/crm/v3/objects/deals/merge").await;
    assert_eq!(merges.len(), 1);
    let body: Value = serde_json::from_slice(&merges[0].body).unwrap();
    assert_eq!(body[kept_field], "10", "{body}");
    assert_eq!(body[merged_field], "11", "{body}");
}
