//! Zendesk Sell core API v2: the requests the adapter sends for each `crm`
//! command, through Prism's proxy to the sandbox.

use crm::sandbox::SandboxVendor;
use serde_json::json;

use super::{Proxied, Raw};

fn client(p: &Proxied) -> Raw<'_> {
    Raw {
        proxied: p,
        auth: ("authorization", "Bearer sandbox-contract-token"),
    }
}

#[test]
fn reads_metadata_lists_and_searches() {
    let Some(p) = Proxied::start(SandboxVendor::Sell) else {
        return;
    };
    let api = client(&p);
    // crm pipelines list / stages list, and name resolution
    for path in [
        "/v2/pipelines",
        "/v2/stages?per_page=100",
        "/v2/users",
        "/v2/users/self",
    ] {
        let (s, body) = api.call("GET", path, None);
        assert_eq!(s, 200, "{path}: {body}");
    }
    let (_, users) = api.call("GET", "/v2/users", None);
    let owner = users["items"][0]["data"]["id"].as_u64().unwrap();
    // crm deals list --all: pages until one comes back short
    let mut seen = 0;
    for page in 1.. {
        let (s, body) = api.call("GET", &format!("/v2/deals?page={page}&per_page=7"), None);
        assert_eq!(s, 200);
        let n = body["items"].as_array().unwrap().len();
        seen += n;
        if n < 7 {
            break;
        }
    }
    assert_eq!(seen, 30);
    let (s, _) = api.call(
        "GET",
        &format!("/v2/deals?per_page=100&owner_id={owner}&sort_by=updated_at:desc"),
        None,
    );
    assert_eq!(s, 200);
    let (s, _) = api.call(
        "GET",
        "/v2/deals?custom_fields%5Bexternal_id%5D=EXT-00004",
        None,
    );
    assert_eq!(s, 200);
    let (_, page) = api.call("GET", "/v2/deals?per_page=1", None);
    let id = page["items"][0]["data"]["id"].as_u64().unwrap();
    let (s, one) = api.call("GET", &format!("/v2/deals/{id}"), None);
    assert_eq!(s, 200, "{one}");
    let (s, _) = api.call("GET", &format!("/v2/deals/{id}/associated_contacts"), None);
    assert_eq!(s, 200);
    let (s, _) = api.call("GET", "/v2/deals/999999", None);
    assert_eq!(s, 404);
}

#[test]
fn writes_every_kind_of_change() {
    let Some(p) = Proxied::start(SandboxVendor::Sell) else {
        return;
    };
    let api = client(&p);
    // crm deals create
    let (s, created) = api.call(
        "POST",
        "/v2/deals",
        Some(json!({"data": {"name": "Contract check", "contact_id": 300002, "value": "1000.50",
                             "currency": "USD", "tags": ["a"], "estimated_close_date": "2026-12-31"}})),
    );
    assert_eq!(s, 200, "{created}");
    let id = created["data"]["id"].as_u64().unwrap();
    // crm deals update
    let (s, _) = api.call(
        "PUT",
        &format!("/v2/deals/{id}"),
        Some(json!({"data": {"value": 2000, "tags": ["c"]}})),
    );
    assert_eq!(s, 200);
    // crm deals associate --contact / dissociate
    let (s, _) = api.call(
        "POST",
        &format!("/v2/deals/{id}/associated_contacts"),
        Some(json!({"data": {"contact_id": 300005, "role": "involved"}})),
    );
    assert_eq!(s, 200);
    let (s, _) = api.call(
        "DELETE",
        &format!("/v2/deals/{id}/associated_contacts/300005"),
        None,
    );
    assert_eq!(s, 204);
    // crm deals upsert --match external_id=…
    let (s, _) = api.call(
        "POST",
        "/v2/deals/upsert?custom_fields%5Bexternal_id%5D=EXT-00002",
        Some(json!({"data": {"name": "Upserted"}})),
    );
    assert_eq!(s, 200);
    // crm deals delete
    let (s, _) = api.call("DELETE", &format!("/v2/deals/{id}"), None);
    assert_eq!(s, 204);
}
