//! Every HubSpot operation crm performs, sent by the real binary through Prism running HubSpot's
//! own OpenAPI files: a request HubSpot would reject fails here.
//!
//! Prism's answers are schema-shaped but arbitrary, so these tests judge the requests; the
//! metadata crm would normally fetch is seeded into its cache so that name resolution is
//! deterministic (the metadata requests themselves are checked by the first test).

use serde_json::{json, Value};

use crate::support::cli::{Args, Home};
use crate::support::contract::{
    assert_sent, judged_exit, method_and_path, seed_cache, seeded_with,
};
use crate::support::hubspot::{account_details, deal, owners, pipelines, properties};
use crate::support::ContractServer;

/// Scripts readable deal answers (Prism's examples of a single deal and of a page lack the
/// required `id`): deal 512 for get, update and merge, and one-deal pages for list and search.
pub(crate) fn answer_deals(server: &ContractServer) {
    let one = deal("512", "Acme", "1500.00");
    let page = json!({"results": [one.clone()]});
    server.answer("GET", "/crm/v3/objects/deals", 200, page.clone());
    server.answer(
        "POST",
        "/crm/v3/objects/deals/search",
        200,
        json!({"total": 1, "results": [one.clone()]}),
    );
    for (m, p) in [
        ("GET", "/crm/v3/objects/deals/512"),
        ("PATCH", "/crm/v3/objects/deals/512"),
        ("POST", "/crm/v3/objects/deals/merge"),
    ] {
        server.answer(m, p, 200, one.clone());
    }
}

const TOKEN: &str = "pat-na1-contract-0000";

/// Writes HubSpot metadata into the cache crm will read for this server and token.
fn seed_metadata(home: &Home, base_url: &str) {
    let owners: Vec<Value> = [owners(false), owners(true)]
        .iter()
        .flat_map(|o| o["results"].as_array().unwrap().clone())
        .collect();
    seed(
        home,
        base_url,
        vec![
            ("pipelines", pipelines()["results"].clone()),
            ("owners", Value::Array(owners)),
            ("properties", properties()["results"].clone()),
            (
                "labels-contacts",
                json!([{"category": "USER_DEFINED", "typeId": 42, "label": "Decision maker"}]),
            ),
            ("account", account_details("app.hubspot.com")),
        ],
    );
}

/// No OpenAPI file describes `GET /account-info/v3/details` (the portal id behind deals' `url`;
/// tests/it/auth.rs checks that request): its answer is seeded, never asked of Prism.
fn seed_account(home: &Home, base_url: &str) {
    seed(
        home,
        base_url,
        vec![("account", account_details("app.hubspot.com"))],
    );
}

fn seed(home: &Home, base_url: &str, entries: Vec<(&'static str, Value)>) {
    seed_cache(home, ("hubspot", base_url, TOKEN), entries);
}

/// Runs crm against the contract server and expects exit 0; returns the paths it requested
/// (method and path), every request of which Prism has judged against HubSpot's files.
pub(crate) fn sent(
    server: &ContractServer,
    home: &Home,
    args: &(impl Args + ?Sized),
) -> Vec<String> {
    let args = &args.to_args()[..];
    sent_exit(server, home, args, 0)
}

/// [`sent`], expecting exit `code` (see [`judged_exit`]).
pub(crate) fn sent_exit(
    server: &ContractServer,
    home: &Home,
    args: &(impl Args + ?Sized),
    code: i32,
) -> Vec<String> {
    let args = &args.to_args()[..];
    method_and_path(&judged_exit(server, home, ("hubspot", TOKEN), args, code))
}

pub(crate) fn seeded() -> Option<(ContractServer, Home)> {
    let (server, home) = seeded_with(ContractServer::hubspot, seed_metadata)?;
    answer_deals(&server);
    Some((server, home))
}

#[test]
fn metadata_and_the_plain_list() {
    let Some(server) = ContractServer::hubspot() else {
        return;
    };
    answer_deals(&server);
    let home = Home::new();
    seed_account(&home, server.base_url());
    let seen = sent(&server, &home, "deals list --limit 5 -o json");
    for expected in [
        "GET /crm/v3/pipelines/deals",
        "GET /crm/v3/owners",
        "GET /crm/v3/properties/deals",
        "GET /crm/v3/objects/deals",
    ] {
        assert_sent(&seen, expected);
    }
}

#[test]
fn search_with_every_filter_and_a_sort() {
    let Some((server, home)) = seeded() else {
        return;
    };
    let seen = sent(
        &server,
        &home,
        "deals list --pipeline 'Sales Pipeline' --stage 'Contract Sent' \
            --owner ana@example.com --status lost --contact 201 --company 301 \
            --updated-since 2026-11-01 --updated-until 2026-11-30 --ids 512,513 \
            --name 'Acme renewal' --close-date 2026-12-31 --search acme --custom region=EMEA \
            --sort amount:desc --with-contacts --limit 3",
    );
    assert_sent(&seen, "POST /crm/v3/objects/deals/search");
    // Search results carry no associations: one v4 batch read per page and object type.
    assert_sent(&seen, "POST /crm/v4/associations/deals/contacts/batch/read");
    assert_sent(
        &seen,
        "POST /crm/v4/associations/deals/companies/batch/read",
    );
}

#[test]
fn get() {
    let Some((server, home)) = seeded() else {
        return;
    };
    let seen = sent(&server, &home, "deals get 512");
    assert_eq!(seen, ["GET /crm/v3/objects/deals/512"]);
}

#[test]
fn create_with_associations() {
    let Some((server, home)) = seeded() else {
        return;
    };
    let seen = sent(
        &server,
        &home,
        "deals create --name Acme --amount 1500.00 --currency USD --stage 'Contract Sent' \
            --owner 'Ana Lima' --close-date 2026-12-31 --set region=EMEA --contact 201 \
            --company 301",
    );
    // Every request of the command ran and was judged: the create, each association, then the
    // deal read again, since adding associations moves its `updatedAt`.
    assert_eq!(seen[0], "POST /crm/v3/objects/deals");
    assert_eq!(seen.last().unwrap(), "GET /crm/v3/objects/deals/512");
    let mut rest = seen[1..seen.len() - 1].to_vec();
    rest.sort();
    assert_eq!(
        rest,
        [
            "PUT /crm/v4/objects/deals/512/associations/companies/301",
            "PUT /crm/v4/objects/deals/512/associations/contacts/201",
        ]
    );
}

#[test]
fn update_with_unset_and_status() {
    let Some((server, home)) = seeded() else {
        return;
    };
    let seen = sent(
        &server,
        &home,
        "deals update 512 --pipeline default --status lost --lost-reason Budget \
            --unset close_date",
    );
    assert_eq!(
        seen,
        [
            "PATCH /crm/v3/objects/deals/512",
            "GET /crm/v3/objects/deals/512"
        ]
    );
}

/// `deals delete` reads the deal first (for the trash), then deletes it.
#[test]
fn delete() {
    let Some((server, home)) = seeded() else {
        return;
    };
    let seen = sent(&server, &home, "deals delete 512 --yes");
    assert_eq!(
        seen,
        [
            "GET /crm/v3/objects/deals/512",
            "DELETE /crm/v3/objects/deals/512"
        ]
    );
}

#[test]
fn merge() {
    let Some((server, home)) = seeded() else {
        return;
    };
    let seen = sent(&server, &home, "deals merge --into 10 11 --yes");
    assert_eq!(seen[0], "POST /crm/v3/objects/deals/merge", "{seen:#?}");
}

#[test]
fn associate_and_dissociate_with_each_type() {
    let Some((server, home)) = seeded() else {
        return;
    };
    let seen = sent(&server, &home, "deals associate 512 --contact 201");
    assert_sent(
        &seen,
        "PUT /crm/v4/objects/deals/512/associations/contacts/201",
    );
    let seen = sent(
        &server,
        &home,
        "deals associate 512 --company 301 --primary",
    );
    assert_sent(
        &seen,
        "PUT /crm/v4/objects/deals/512/associations/companies/301",
    );
    // A plain associate reads the deal's companies first: the first one becomes the primary.
    let seen = sent(&server, &home, "deals associate 512 --company 302");
    assert_sent(
        &seen,
        "GET /crm/v4/objects/deals/512/associations/companies",
    );
    assert!(
        seen.iter().any(|s| s
            == "PUT /crm/v4/objects/deals/512/associations/default/companies/302"
            || s == "PUT /crm/v4/objects/deals/512/associations/companies/302"),
        "{seen:#?}"
    );
    let seen = sent(
        &server,
        &home,
        "deals associate 512 --company 303 --replace",
    );
    assert_sent(
        &seen,
        "PUT /crm/v4/objects/deals/512/associations/companies/303",
    );
    let seen = sent(
        &server,
        &home,
        "deals associate 512 --contact 202 --label 'Decision maker'",
    );
    assert_sent(
        &seen,
        "PUT /crm/v4/objects/deals/512/associations/contacts/202",
    );
    let seen = sent(&server, &home, "deals dissociate 512 --contact 201");
    assert_sent(
        &seen,
        "DELETE /crm/v4/objects/deals/512/associations/contacts/201",
    );
}

#[test]
fn association_labels_are_read_from_the_labels_api() {
    let Some(server) = ContractServer::hubspot() else {
        return;
    };
    // The labels file's mock answers random labels: script one named as the command asks.
    server.answer(
        "GET",
        "/crm/v4/associations/deals/companies/labels",
        200,
        json!({"results": [{"category": "USER_DEFINED", "typeId": 42, "label": "Anything"}]}),
    );
    let home = Home::new();
    seed_metadata(&home, server.base_url());
    std::fs::remove_dir_all(home.path().join("cache")).unwrap();
    seed_account(&home, server.base_url());
    let seen = sent(
        &server,
        &home,
        "deals associate 512 --company 301 --label Anything",
    );
    assert_eq!(
        seen,
        [
            "GET /crm/v4/associations/deals/companies/labels",
            "PUT /crm/v4/objects/deals/512/associations/companies/301",
        ]
    );
}

/// A batch answer (create, update or upsert) holding `deals`, as the batch schemas describe it.
pub(crate) fn batch_answer(deals: Vec<Value>) -> Value {
    json!({"status": "COMPLETE", "results": deals,
           "startedAt": "2026-01-02T03:04:05Z", "completedAt": "2026-01-02T03:04:06Z"})
}

/// Deal 512 as the upsert on `external_id = SKU01` created it.
pub(crate) fn upserted() -> Value {
    let mut d = deal("512", "Acme", "10");
    d["properties"]["external_id"] = json!("SKU01");
    d["new"] = json!(true);
    d
}

#[test]
fn upsert_on_a_unique_property() {
    let Some((server, home)) = seeded() else {
        return;
    };
    server.answer(
        "POST",
        "/crm/v3/objects/deals/batch/upsert",
        200,
        batch_answer(vec![upserted()]),
    );
    let seen = sent(
        &server,
        &home,
        "deals upsert --match external_id=SKU01 --name Acme --amount 10 --contact 201 \
            --company 301",
    );
    // The key is read first (a new key creates, and a create needs a stage), then the upsert,
    // then the associations, as on create, then the deal is read again to print it.
    assert_eq!(
        seen,
        [
            "POST /crm/v3/objects/deals/batch/read",
            "POST /crm/v3/objects/deals/batch/upsert",
            "PUT /crm/v4/objects/deals/512/associations/contacts/201",
            "PUT /crm/v4/objects/deals/512/associations/companies/301",
            "GET /crm/v3/objects/deals/512",
        ]
    );
}
