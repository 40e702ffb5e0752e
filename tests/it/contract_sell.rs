//! Every Zendesk Sell operation crm performs, sent by the real binary through Prism running the
//! Sell description in `CRM_SPECS_DIR` (ours, derived from the docs): a request that breaks it
//! fails here.
//!
//! Prism's answers are the file's examples, so these tests judge the requests; the metadata crm
//! would normally fetch is seeded into its cache so that name resolution is deterministic (the
//! metadata requests themselves are checked by the first test). The file describes no custom
//! fields or loss reasons endpoint: those lists are always seeded.

use serde_json::{json, Value};

use crate::support::cli::{Args, Home};
use crate::support::contract::{assert_each_sends, judged_exit, seed_cache, seeded_with, Commands};
use crate::support::sell::{custom_fields, loss_reasons, pipelines, stages, users};
use crate::support::ContractServer;

const TOKEN: &str = "sell-contract-0000";

/// Writes Sell metadata into the cache crm will read for this server and token.
fn seed_metadata(home: &Home, base_url: &str, with_meta: bool) {
    let mut entries = vec![
        ("custom_fields", Value::Array(custom_fields())),
        ("loss_reasons", Value::Array(loss_reasons())),
    ];
    if with_meta {
        // Stage 6386894 is the one in the file's deal examples.
        let mut s = stages();
        s.push(json!({"id": 6386894, "name": "Proposal", "category": "in_progress", "position": 9, "pipeline_id": 1}));
        entries.push(("pipelines", Value::Array(pipelines())));
        entries.push(("stages", Value::Array(s)));
        entries.push(("users", Value::Array(users())));
    }
    seed_cache(home, ("sell", base_url, TOKEN), entries);
}

/// Runs crm against the contract server and expects exit 0; returns what it requested (method,
/// path and query).
fn sent(server: &ContractServer, home: &Home, args: &(impl Args + ?Sized)) -> Vec<String> {
    let args = &args.to_args()[..];
    judged_exit(server, home, ("sell", TOKEN), args, 0)
        .iter()
        .map(|r| match &r.query {
            Some(q) => format!("{} {}?{q}", r.method, r.path),
            None => format!("{} {}", r.method, r.path),
        })
        .collect()
}

fn seeded() -> Option<(ContractServer, Home)> {
    seeded_with(ContractServer::sell, |home, base_url| {
        seed_metadata(home, base_url, true)
    })
}

fn assert_sent(seen: &[String], expected: &str) {
    assert!(
        seen.iter()
            .any(|s| s == expected || s.starts_with(&format!("{expected}?"))),
        "expected {expected}, crm sent {seen:#?}"
    );
}

#[test]
fn metadata_and_the_plain_list() {
    let Some(server) = ContractServer::sell() else {
        return;
    };
    let home = Home::new();
    seed_metadata(&home, server.base_url(), false);
    let seen = sent(&server, &home, "deals list --limit 5 -o json");
    for expected in [
        "GET /v2/pipelines?page=1&per_page=100",
        "GET /v2/stages?page=1&per_page=100",
        "GET /v2/users?page=1&per_page=100",
        "GET /v2/deals?page=1&per_page=5",
    ] {
        assert_sent(&seen, expected);
    }
}

/// Each group of commands on a fresh seeded account, with the requests each must send (a
/// request named without its query matches it with any).
const SENDS: &[Commands] = &[
    // A list with every filter Sell takes and a sort.
    &[(
        "deals list --owner ana@example.com --stage Qualified --pipeline Sales --contact 5 \
            --company 6 --custom external_id=SKU01 --sort close_date:desc --with-contacts \
            --limit 3",
        &["GET /v2/deals", "GET /v2/deals/51753911/associated_contacts"],
    )],
    // Filters Sell lacks, applied by crm to every page.
    &[(
        "deals list --status won --updated-since 2026-11-01 --all",
        &["GET /v2/deals?page=1&per_page=100&sort_by=updated_at%3Adesc"],
    )],
    // Sell's own filters.
    &[(
        "deals list --ids 1,2 --name 'Website Redesign' --close-date 2026-12-31 --hot \
            --source 10 --limit 3",
        &["GET /v2/deals?page=1&per_page=3&ids=1%2C2&name=Website+Redesign&estimated_close_date=2026-12-31&hot=true&source_id=10"],
    )],
    // A get, with the deal's contacts.
    &[(
        "deals get 123",
        &["GET /v2/deals/123", "GET /v2/deals/123/associated_contacts"],
    )],
    // A create with every field.
    &[(
        "deals create --name Acme --amount 1500.50 --currency USD --stage Qualified \
            --pipeline Sales --owner 'Ana Lima' --close-date 2026-12-31 --contact 5 --contact 6 \
            --tags a,b --set region=EMEA",
        &["POST /v2/deals", "POST /v2/deals/123/associated_contacts"],
    )],
    // Updates of fields, tags, the status, and unsets.
    &[
        (
            "deals update 123 --name Renamed --amount 7 --owner 7 --contact 9",
            &["PUT /v2/deals/123"],
        ),
        (
            "deals update 123 --tag vip --set external_id=SKU02",
            &["PUT /v2/deals/123"],
        ),
        (
            "deals update 123 --pipeline Sales --status lost --lost-reason 'Too expensive'",
            &["PUT /v2/deals/123"],
        ),
        (
            "deals update 123 --unset close_date --unset region --tags ''",
            &["PUT /v2/deals/123"],
        ),
    ],
    // An upsert matches by query filters.
    &[(
        "deals upsert --match external_id=SKU01 --match 'owner=Ana Lima' \
            --name 'Website Redesign' --contact 5 --amount 1000.50",
        &["POST /v2/deals/upsert?custom_fields%5Bexternal_id%5D=SKU01&owner_id=7"],
    )],
    &[
        (
            "deals associate 123 --contact 9",
            &["POST /v2/deals/123/associated_contacts"],
        ),
        ("deals associate 123 --contact 9 --primary", &["PUT /v2/deals/123"]),
        (
            "deals dissociate 123 --contact 9",
            &["DELETE /v2/deals/123/associated_contacts/9"],
        ),
    ],
];

#[test]
fn each_command_sends_what_sell_accepts() {
    assert_each_sends(SENDS, seeded, sent, assert_sent);
}

#[test]
fn delete_reads_the_deal_and_its_contacts_first() {
    let Some((server, home)) = seeded() else {
        return;
    };
    let seen = sent(&server, &home, "deals delete 123 --yes");
    assert_eq!(
        seen.iter()
            .map(|s| s.split('?').next().unwrap())
            .collect::<Vec<_>>(),
        [
            "GET /v2/deals/123",
            "GET /v2/deals/123/associated_contacts",
            "DELETE /v2/deals/123"
        ]
    );
}

#[test]
fn pipelines_and_stages() {
    let Some(server) = ContractServer::sell() else {
        return;
    };
    let home = Home::new();
    let seen = sent(&server, &home, "pipelines list");
    assert_sent(&seen, "GET /v2/pipelines");
    assert_sent(&seen, "GET /v2/stages");
}
