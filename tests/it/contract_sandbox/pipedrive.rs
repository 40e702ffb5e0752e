//! Pipedrive API v2 and the v1 endpoints v2 lacks: the requests the adapter
//! sends for each `crm` command, through Prism's proxy to the sandbox.

use crm::sandbox::SandboxVendor;
use serde_json::{json, Value};

use super::{Proxied, Raw};

fn client(p: &Proxied) -> Raw<'_> {
    Raw {
        proxied: p,
        auth: ("x-api-token", "sandbox-contract-token"),
    }
}

/// `crm pipelines list`, `crm stages list`, and the metadata behind name resolution.
fn metadata(api: &Raw) -> Vec<u64> {
    let (s, pipelines) = api.call("GET", "/api/v2/pipelines", None);
    assert_eq!(
        (s, pipelines["data"].as_array().map(Vec::len)),
        (200, Some(2))
    );
    let (s, _) = api.call("GET", "/api/v2/stages?pipeline_id=1&limit=500", None);
    assert_eq!(s, 200);
    let (s, _) = api.call("GET", "/api/v2/dealFields?limit=500", None);
    assert_eq!(s, 200);
    let (s, me) = api.call("GET", "/v1/users/me", None);
    assert_eq!(s, 200);
    assert!(me["data"]["company_domain"].is_string(), "{me}");
    let (s, users) = api.call("GET", "/v1/users", None);
    assert_eq!(s, 200);
    users["data"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|u| u["id"].as_u64())
        .collect()
}

/// `crm deals list --all`: cursor pages until `next_cursor` is null.
fn list_all(api: &Raw, query: &str) -> Vec<Value> {
    let mut out = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let path = match &cursor {
            Some(c) => format!("/api/v2/deals?{query}&cursor={c}"),
            None => format!("/api/v2/deals?{query}"),
        };
        let (s, page) = api.call("GET", &path, None);
        assert_eq!(s, 200, "{page}");
        out.extend(page["data"].as_array().unwrap().iter().cloned());
        match page["additional_data"]["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_string()),
            None => return out,
        }
    }
}

#[test]
fn reads_metadata_lists_and_searches() {
    let Some(p) = Proxied::start(SandboxVendor::Pipedrive) else {
        return;
    };
    let api = client(&p);
    let owner = metadata(&api)[0];
    assert_eq!(list_all(&api, "limit=7").len(), 30);
    list_all(
        &api,
        &format!("limit=500&owner_id={owner}&pipeline_id=1&status=open&sort_by=update_time&sort_direction=desc&updated_since=2020-01-01T00:00:00Z"),
    );
    let (s, one) = api.call("GET", "/api/v2/deals/3", None);
    assert_eq!((s, one["data"]["id"].as_u64()), (200, Some(3)));
    let (s, _) = api.call("GET", "/api/v2/deals?ids=3,5,7", None);
    assert_eq!(s, 200);
    let (s, found) = api.call(
        "GET",
        "/api/v2/deals/search?term=EXT-00003&exact_match=true&fields=custom_fields",
        None,
    );
    assert_eq!(s, 200, "{found}");
    let (s, _) = api.call("GET", "/api/v2/deals/search?term=acme", None);
    assert_eq!(s, 200);
    let (s, _) = api.call("GET", "/api/v2/deals/archived?limit=10", None);
    assert_eq!(s, 200);
    let (s, _) = api.call("GET", "/api/v2/deals/3/followers", None);
    assert_eq!(s, 200);
    let (s, _) = api.call("GET", "/v1/deals/3/participants", None);
    assert_eq!(s, 200);
    let (s, _) = api.call("GET", "/api/v2/deals/99999", None);
    assert_eq!(s, 404);
}

#[test]
fn writes_every_kind_of_change() {
    let Some(p) = Proxied::start(SandboxVendor::Pipedrive) else {
        return;
    };
    let api = client(&p);
    let users = metadata(&api);
    // The owner follows their deal from the start: follow with someone else.
    let (user, follower) = (users[0], users[1]);
    // crm deals create
    let (s, created) = api.call(
        "POST",
        "/api/v2/deals",
        Some(
            json!({"title": "Contract check", "value": 1500.5, "currency": "USD",
                    "owner_id": user, "pipeline_id": 1, "stage_id": 2, "person_id": 1,
                    "expected_close_date": "2026-12-31"}),
        ),
    );
    assert_eq!(s, 200, "{created}");
    let id = created["data"]["id"].as_u64().unwrap();
    // crm deals update
    let (s, _) = api.call(
        "PATCH",
        &format!("/api/v2/deals/{id}"),
        Some(
            json!({"status": "lost", "lost_reason": "Budget", "expected_close_date": "2027-01-31"}),
        ),
    );
    assert_eq!(s, 200);
    // crm deals follow / followers / unfollow
    let (s, _) = api.call(
        "POST",
        &format!("/api/v2/deals/{id}/followers"),
        Some(json!({"user_id": follower})),
    );
    assert_eq!(s, 201);
    let (s, _) = api.call(
        "DELETE",
        &format!("/api/v2/deals/{id}/followers/{follower}"),
        None,
    );
    assert_eq!(s, 200);
    // crm deals associate --contact / dissociate
    let (s, added) = api.call(
        "POST",
        &format!("/v1/deals/{id}/participants"),
        Some(json!({"person_id": 16})),
    );
    assert!(matches!(s, 200 | 201), "{added}");
    let pid = added["data"]["id"].as_u64().unwrap();
    let (s, _) = api.call(
        "DELETE",
        &format!("/v1/deals/{id}/participants/{pid}"),
        None,
    );
    assert_eq!(s, 200);
    // crm deals merge --into 2 ID
    let (s, _) = api.call(
        "PUT",
        &format!("/v1/deals/{id}/merge"),
        Some(json!({"merge_with_id": 2})),
    );
    assert_eq!(s, 200);
    // crm deals delete
    let (s, _) = api.call("DELETE", "/api/v2/deals/4", None);
    assert_eq!(s, 200);
}
