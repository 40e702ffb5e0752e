//! HubSpot: every operation crm performs, run by the real binary against the
//! sandbox through Prism's proxy.

use crm::sandbox::SandboxVendor;

use super::Proxied;

pub(super) const TOKEN: &str = "pat-na1-sandbox-contract-0000";

#[test]
fn reads_metadata_lists_and_searches() {
    let Some(p) = Proxied::start(SandboxVendor::Hubspot) else {
        return;
    };
    let out = p.ok("deals list --all -o ndjson");
    assert_eq!(out.stdout.lines().count(), 30);
    let out = p.ok("--refresh pipelines list -o json");
    assert!(out.stdout.contains("Renewals"), "{}", out.stdout);
    p.ok("--refresh stages list --pipeline default");
    let out = p.ok("deals get 9000001 -o json");
    assert_eq!(out.json()["id"], "9000001");
    p.ok("deals list --pipeline 'Sales Pipeline' --status open --owner 910901 --updated-since 2020-01-01 --sort amount:desc --with-contacts --limit 5 -o json");
    assert!(p
        .seen()
        .iter()
        .any(|s| s == "POST /crm/v3/objects/deals/search"));
}

#[test]
fn writes_every_kind_of_change() {
    let Some(p) = Proxied::start(SandboxVendor::Hubspot) else {
        return;
    };
    let out = p.ok("deals create --name 'Contract check' --amount 1500.00 --currency USD --pipeline default --stage contractsent --owner 910901 --close-date 2026-12-31 --set region=EMEA --contact 5101 --company 3101 -o json");
    let id = out.json()["id"].as_str().unwrap().to_string();
    p.ok(&format!(
        "deals update {id} --status lost --unset close_date"
    ));
    p.ok(&format!("deals associate {id} --contact 5102"));
    p.ok(&format!("deals associate {id} --company 3102 --primary"));
    p.ok(&format!("deals associate {id} --company 3103"));
    p.ok(&format!("deals dissociate {id} --contact 5102"));
    p.ok("deals upsert --match external_id=CONTRACT-1 --name Upserted --amount 10 --contact 5103");
    p.ok("deals list --contact 5103 -o json");
    let out = p.ok(&format!("deals merge --into {id} 9000002 --yes -o json"));
    let kept = out.json()["id"].as_str().unwrap().to_string();
    p.ok(&["deals", "delete", &kept, "--yes"]);
    assert!(p
        .seen()
        .iter()
        .any(|s| s == &format!("DELETE /crm/v3/objects/deals/{kept}")));
}

#[test]
fn api_paginates_a_list_by_its_after_cursor() {
    let Some(p) = Proxied::start(SandboxVendor::Hubspot) else {
        return;
    };
    let deals = p.paginated(
        "api -X GET /crm/v3/objects/deals -F limit=4",
        "GET /crm/v3/objects/deals",
        |d| d["id"].clone(),
    );
    assert_eq!(deals.len(), 30);
}
