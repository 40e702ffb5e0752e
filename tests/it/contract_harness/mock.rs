//! Through `prism mock`: one vendor route set per section.

use serde_json::json;

use super::{assert_violation_mentions, call, BEARER, PIPEDRIVE_TOKEN};
use crate::support::ContractServer;

// ---- HubSpot ----

#[test]
fn hubspot_valid_list_passes() {
    let Some(server) = ContractServer::hubspot() else {
        return;
    };
    let r = call(
        &server,
        "GET",
        "/crm/v3/objects/deals?limit=10",
        Some(BEARER),
        None,
    );
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(r.body["results"].is_array());
    server.assert_no_request_violations();
    let seen = server.requests();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].path, "/crm/v3/objects/deals");
    assert_eq!(seen[0].query.as_deref(), Some("limit=10"));
}

#[test]
fn hubspot_numeric_amount_is_caught() {
    let Some(server) = ContractServer::hubspot() else {
        return;
    };
    let body = json!({"properties": {"dealname": "x", "amount": 1500}});
    let r = call(
        &server,
        "POST",
        "/crm/v3/objects/deals",
        Some(BEARER),
        Some(body),
    );
    assert_eq!(r.status, 422);
    assert_violation_mentions(&server, "properties.amount must be string");
    assert_eq!(server.request_violations()[0].path, "/crm/v3/objects/deals");
}

#[test]
fn hubspot_merge_with_numeric_id_is_caught_and_string_id_passes() {
    let Some(server) = ContractServer::hubspot() else {
        return;
    };
    let bad = json!({"primaryObjectId": 1, "objectIdToMerge": "2"});
    call(
        &server,
        "POST",
        "/crm/v3/objects/deals/merge",
        Some(BEARER),
        Some(bad),
    );
    assert_violation_mentions(&server, "primaryObjectId must be string");

    server.clear();
    let good = json!({"primaryObjectId": "1", "objectIdToMerge": "2"});
    let r = call(
        &server,
        "POST",
        "/crm/v3/objects/deals/merge",
        Some(BEARER),
        Some(good),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    server.assert_no_request_violations();
}

#[test]
fn hubspot_missing_token_is_caught() {
    let Some(server) = ContractServer::hubspot() else {
        return;
    };
    call(&server, "GET", "/crm/v3/objects/deals", None, None);
    assert_violation_mentions(&server, "Invalid security scheme");
}

#[test]
fn hubspot_search_sort_objects_are_excused_by_the_allow_list() {
    let Some(server) = ContractServer::hubspot() else {
        return;
    };
    let body = json!({
        "filterGroups": [],
        "sorts": [{"propertyName": "createdate", "direction": "DESCENDING"}],
        "limit": 10
    });
    let r = call(
        &server,
        "POST",
        "/crm/v3/objects/deals/search",
        Some(BEARER),
        Some(body),
    );
    assert_eq!(
        r.status, 200,
        "the repaired request gets the mock's answer: {}",
        r.body
    );
    server.assert_no_request_violations();
    let allowed = server.allowed_violations();
    assert_eq!(allowed.len(), 1, "{allowed:#?}");
    assert_eq!(allowed[0].id, "hubspot-search-sorts-objects");
    // The CLI's own request is what was recorded, not the repaired copy.
    let sent = server.requests()[0].body_json().unwrap();
    assert_eq!(sent["sorts"][0]["direction"], "DESCENDING");

    // Anything but that exact object shape is still a violation.
    server.clear();
    let body = json!({"sorts": [{"propertyName": "createdate", "order": "down"}]});
    call(
        &server,
        "POST",
        "/crm/v3/objects/deals/search",
        Some(BEARER),
        Some(body),
    );
    assert_violation_mentions(&server, "sorts.0 must be string");
}

#[test]
fn hubspot_other_families_are_routed_to_their_files() {
    let Some(server) = ContractServer::hubspot() else {
        return;
    };
    let calls = [
        (
            "PUT",
            "/crm/v4/objects/deals/1/associations/default/contacts/2",
        ),
        (
            "GET",
            "/crm/v4/objects/deals/1/associations/contacts?limit=100",
        ),
        ("GET", "/crm/v4/associations/deals/contacts/labels"),
        ("GET", "/crm/v3/pipelines/deals"),
        ("GET", "/crm/v3/owners?limit=100"),
        ("GET", "/crm/v3/properties/deals"),
    ];
    for (method, path) in calls {
        let r = call(&server, method, path, Some(BEARER), None);
        assert!(
            (200..300).contains(&r.status),
            "{method} {path}: {} {}",
            r.status,
            r.body
        );
    }
    server.assert_no_request_violations();
    let backends: Vec<String> = server.requests().into_iter().map(|r| r.backend).collect();
    assert!(backends[0].contains("associations.v4"), "{backends:?}");
    assert!(
        backends[2].contains("associationsSchema.v4.rollout50914"),
        "{backends:?}"
    );
    assert!(
        backends[4].contains("mock -d") && backends[4].contains("crmOwners"),
        "{backends:?}"
    );
}

#[test]
fn paths_outside_every_route_are_violations() {
    let Some(server) = ContractServer::hubspot() else {
        return;
    };
    let r = call(
        &server,
        "GET",
        "/account-info/v3/details",
        Some(BEARER),
        None,
    );
    assert_eq!(r.status, 404);
    assert_violation_mentions(&server, "no hubspot route");
    server.clear();
    call(
        &server,
        "GET",
        "/crm/v3/objects/deals/1/nonsense",
        Some(BEARER),
        None,
    );
    assert_violation_mentions(&server, "NO_PATH_MATCHED_ERROR");
}

// ---- Pipedrive ----

#[test]
fn pipedrive_v2_valid_list_passes_and_bad_create_is_caught() {
    let Some(server) = ContractServer::pipedrive() else {
        return;
    };
    let r = call(
        &server,
        "GET",
        "/api/v2/deals?limit=10",
        Some(PIPEDRIVE_TOKEN),
        None,
    );
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.body["success"], true);
    server.assert_no_request_violations();

    server.clear();
    let r = call(
        &server,
        "POST",
        "/api/v2/deals",
        Some(PIPEDRIVE_TOKEN),
        Some(json!({"title": 5})),
    );
    assert_eq!(r.status, 422);
    assert_violation_mentions(&server, "title must be string");
    assert_eq!(server.request_violations()[0].path, "/api/v2/deals");
}

#[test]
fn pipedrive_v1_merge_checked_under_both_prefixes() {
    let Some(server) = ContractServer::pipedrive() else {
        return;
    };
    for prefix in ["/v1", "/api/v1"] {
        server.clear();
        let path = format!("{prefix}/deals/1/merge");
        let good = json!({"merge_with_id": 2});
        let r = call(&server, "PUT", &path, Some(PIPEDRIVE_TOKEN), Some(good));
        assert_eq!(r.status, 200, "{path}: {}", r.body);
        server.assert_no_request_violations();

        server.clear();
        let bad = json!({"merge_with_id": "2"});
        call(&server, "PUT", &path, Some(PIPEDRIVE_TOKEN), Some(bad));
        assert_violation_mentions(&server, "merge_with_id must be integer");
    }
}

#[test]
fn pipedrive_query_token_is_caught() {
    let Some(server) = ContractServer::pipedrive() else {
        return;
    };
    let r = call(&server, "GET", "/api/v2/deals?api_token=secret", None, None);
    assert_eq!(r.status, 401);
    assert_violation_mentions(&server, "UNAUTHORIZED");
}

#[test]
fn pipedrive_comma_lists_are_excused_only_when_every_item_is_allowed() {
    let Some(server) = ContractServer::pipedrive() else {
        return;
    };
    let path = "/api/v2/deals?include_fields=products_count,files_count&limit=5";
    let r = call(&server, "GET", path, Some(PIPEDRIVE_TOKEN), None);
    assert_eq!(r.status, 200, "{}", r.body);
    server.assert_no_request_violations();
    let allowed = server.allowed_violations();
    assert_eq!(allowed.len(), 1, "{allowed:#?}");
    assert_eq!(allowed[0].id, "pipedrive-comma-separated-enum-list");

    server.clear();
    let path = "/api/v2/deals?status=open,won";
    let r = call(&server, "GET", path, Some(PIPEDRIVE_TOKEN), None);
    assert_eq!(r.status, 200, "{}", r.body);
    server.assert_no_request_violations();

    server.clear();
    let path = "/api/v2/deals?include_fields=products_count,bogus_count";
    let r = call(&server, "GET", path, Some(PIPEDRIVE_TOKEN), None);
    assert_eq!(r.status, 422);
    assert_violation_mentions(
        &server,
        "include_fields must be equal to one of the allowed values",
    );
    assert!(server.allowed_violations().is_empty());
}

#[test]
fn runaway_pagination_is_cut_off_and_reported() {
    let Some(server) = ContractServer::sell() else {
        return;
    };
    let max = crate::support::router::MAX_REQUESTS;
    let mut last = 0;
    for page in 1..=max + 1 {
        last = call(
            &server,
            "GET",
            &format!("/v2/deals?page={page}"),
            Some(BEARER),
            None,
        )
        .status;
    }
    assert_eq!(last, 508);
    assert_eq!(server.requests().len(), max + 1);
    assert_violation_mentions(&server, "endless next page");
}

// ---- Zendesk Sell ----

#[test]
fn sell_valid_list_passes_and_unknown_attribute_is_caught() {
    let Some(server) = ContractServer::sell() else {
        return;
    };
    let r = call(
        &server,
        "GET",
        "/v2/deals?page=1&per_page=25",
        Some(BEARER),
        None,
    );
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(r.body["items"].is_array());
    server.assert_no_request_violations();

    server.clear();
    let body = json!({"data": {"name": "x", "contact_id": 1, "bogus": true}});
    call(&server, "POST", "/v2/deals", Some(BEARER), Some(body));
    assert_violation_mentions(&server, "must NOT have additional properties");

    server.clear();
    call(&server, "GET", "/v2/deals?per_page=500", Some(BEARER), None);
    assert_violation_mentions(&server, "per_page must be <= 100");
}
