//! Zendesk Sell core API v2: every operation crm performs, run by the real binary against the
//! sandbox through Prism's proxy.

use crm::sandbox::SandboxVendor;

use super::Proxied;
use crate::support::cli::Run;

pub(super) const TOKEN: &str = "sell-sandbox-contract-token";
/// The sandbox's first user and its first person contacts (organizations come first).
const OWNER: &str = "100001";
const CONTACT: &str = "300002";
const OTHER_CONTACT: &str = "300005";

#[test]
fn reads_metadata_lists_and_searches() {
    let Some(p) = Proxied::start(SandboxVendor::Sell) else {
        return;
    };
    let out = p.ok("deals list --all -o ndjson");
    assert_eq!(out.stdout.lines().count(), 30);
    let out = p.ok("--refresh pipelines list -o json");
    assert!(!out.json().as_array().unwrap().is_empty(), "{}", out.stdout);
    p.ok("--refresh stages list");
    let id = out_first_id(&p.ok("deals list --limit 1 -o json"));
    let out = p.ok(&format!("deals get {id} -o json"));
    assert_eq!(out.json()["id"], id.as_str());
    assert!(p
        .seen()
        .iter()
        .any(|s| s.ends_with(&format!("/v2/deals/{id}/associated_contacts"))));
    p.ok(&format!("deals list --owner {OWNER} --status open --sort updated_at:desc --with-contacts --limit 5 -o json"));
    p.ok(&format!("deals list --contact {CONTACT} -o json"));
    let out = p.run("deals get 999999");
    out.assert_exit(3);
}

fn out_first_id(out: &Run) -> String {
    out.json()[0]["id"].as_str().expect("a deal id").to_string()
}

#[test]
fn writes_every_kind_of_change() {
    let Some(p) = Proxied::start(SandboxVendor::Sell) else {
        return;
    };
    let out = p.ok(&format!("deals create --name 'Contract check' --contact {CONTACT} --amount 1000.50 --currency USD --owner {OWNER} --tags a,b --close-date 2026-12-31 -o json"));
    let id = out.json()["id"].as_str().unwrap().to_string();
    p.ok(&format!(
        "deals update {id} --amount 2000 --tag c --set external_id=CONTRACT-1"
    ));
    p.ok(&format!(
        "deals update {id} --status lost --lost-reason 'No budget'"
    ));
    p.ok(&format!("deals associate {id} --contact {OTHER_CONTACT}"));
    p.ok(&format!("deals dissociate {id} --contact {OTHER_CONTACT}"));
    p.ok("deals upsert --match external_id=EXT-00002 --name Upserted");
    p.ok(&format!("deals delete {id} --yes"));
    assert!(p
        .seen()
        .iter()
        .any(|s| s == &format!("DELETE /v2/deals/{id}")));
}

#[test]
fn api_paginates_a_list_by_its_next_page_link() {
    let Some(p) = Proxied::start(SandboxVendor::Sell) else {
        return;
    };
    let deals = p.paginated("api -X GET /v2/deals -F per_page=4", "GET /v2/deals", |d| {
        d["data"]["id"].clone()
    });
    assert_eq!(deals.len(), 30);
}
