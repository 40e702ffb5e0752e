//! Pipedrive API v2 and the v1 endpoints v2 lacks: every operation crm performs, run by the real
//! binary against the sandbox through Prism's proxy.

use crm::sandbox::SandboxVendor;

use super::Proxied;

/// 40 hex characters: sent as `x-api-token`, the way most users authenticate.
pub(super) const TOKEN: &str = "0123456789abcdef0123456789abcdef01234567";
/// The sandbox's first two users (the first owns the demo deals it follows).
const OWNER: &str = "11000001";
const FOLLOWER: &str = "11000002";

#[test]
fn reads_metadata_lists_and_searches() {
    let Some(p) = Proxied::start(SandboxVendor::Pipedrive) else {
        return;
    };
    let out = p.ok("deals list --all -o ndjson");
    assert_eq!(out.stdout.lines().count(), 30);
    let out = p.ok("--refresh pipelines list -o json");
    assert_eq!(
        out.json().as_array().map(Vec::len),
        Some(2),
        "{}",
        out.stdout
    );
    p.ok("--refresh stages list --pipeline 1");
    let out = p.ok("deals get 3 -o json");
    assert_eq!(out.json()["id"], "3");
    p.ok(&format!("deals list --owner {OWNER} --pipeline 1 --status open --updated-since 2020-01-01 --sort updated_at:desc --with-contacts --limit 5 -o json"));
    let out = p.ok("deals list --search acme -o json");
    assert!(out.json().is_array());
    assert!(p
        .seen()
        .iter()
        .any(|s| s.starts_with("GET /api/v2/deals/search")));
    p.ok("deals list --archived --limit 10");
    p.ok("deals followers 3 -o json");
    let out = p.run("deals get 99999");
    out.assert_exit(3);
}

#[test]
fn writes_every_kind_of_change() {
    let Some(p) = Proxied::start(SandboxVendor::Pipedrive) else {
        return;
    };
    let out = p.ok(&format!("deals create --name 'Contract check' --amount 1500.50 --currency USD --owner {OWNER} --pipeline 1 --stage 2 --contact 1 --close-date 2026-12-31 -o json"));
    let id = out.json()["id"].as_str().unwrap().to_string();
    p.ok(&format!(
        "deals update {id} --status lost --lost-reason Budget --close-date 2027-01-31"
    ));
    p.ok(&format!("deals follow {id} --user {FOLLOWER}"));
    p.ok(&format!("deals unfollow {id} --user {FOLLOWER}"));
    p.ok(&format!("deals associate {id} --contact 16"));
    p.ok(&format!("deals dissociate {id} --contact 16"));
    p.ok(&format!("deals associate {id} --company 2"));
    p.ok("deals upsert --match 'External ID=EXT-00003' --name Upserted");
    let out = p.ok(&format!("deals merge --into 2 {id} --yes -o json"));
    assert_eq!(out.json()["id"], "2");
    p.ok("deals delete 4 --yes");
    assert!(p.seen().iter().any(|s| s == "DELETE /api/v2/deals/4"));
}

#[test]
fn api_paginates_a_v2_list_by_its_cursor() {
    let Some(p) = Proxied::start(SandboxVendor::Pipedrive) else {
        return;
    };
    let deals = p.paginated(
        "api -X GET /api/v2/deals -F limit=4",
        "GET /api/v2/deals",
        |d| d["id"].clone(),
    );
    assert_eq!(deals.len(), 30);
}
