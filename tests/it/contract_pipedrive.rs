//! Every Pipedrive operation crm performs, sent by the real binary through Prism running
//! Pipedrive's own OpenAPI files (v2 under `/api/v2`, v1 under `/api/v1`): a request Pipedrive would
//! reject fails here.
//!
//! Prism's answers are schema-shaped but arbitrary, so these tests judge the requests; the
//! metadata crm would normally fetch is seeded into its cache so that names resolve the same way
//! every run (the metadata requests themselves are checked by the first test).

use serde_json::Value;

use crate::support::cli::{Args, Home};
use crate::support::contract::{
    assert_each_sends, assert_sent, judged_exit, method_and_path, seed_cache, seeded_with, Commands,
};
use crate::support::pipedrive::{fields, pipelines, stages, users};
use crate::support::ContractServer;

/// An API token, so requests carry `x-api-token` as the files' `api_key` scheme says.
const TOKEN: &str = "00112233445566778899aabbccddeeff00112233";

fn seed_metadata(home: &Home, base_url: &str) {
    let entries = vec![
        ("pipelines", pipelines()),
        ("stages", stages()),
        ("users", users()),
        ("fields", fields_with_a_set()),
        ("company", Value::String("acme".into())),
    ];
    seed_cache(home, ("pipedrive", base_url, TOKEN), entries);
}

/// The 40-character key of a multiple-option (`set`) custom field.
const CHANNELS_KEY: &str = "a3ac4e9e4c2b9d1f7c4b9f0b5d6e7f8a9b0c1d2e";

/// The account's deal fields, with a multiple-option custom field besides the others.
fn fields_with_a_set() -> Value {
    let mut all = fields();
    all.as_array_mut().unwrap().push(serde_json::json!({
        "field_code": CHANNELS_KEY, "field_name": "Channels", "field_type": "set",
        "is_custom_field": true, "is_optional_response_field": false,
        "options": [{"id": 41, "label": "Web"}, {"id": 42, "label": "Phone"}]
    }));
    all
}

/// Runs crm against the contract server and expects exit 0; returns what it requested (method
/// and path), every request of which Prism has judged against Pipedrive's files.
fn sent(server: &ContractServer, home: &Home, args: &(impl Args + ?Sized)) -> Vec<String> {
    let args = &args.to_args()[..];
    sent_exit(server, home, args, 0)
}

/// [`sent`], expecting exit `code` (see [`judged_exit`]); every request carries the token.
fn sent_exit(
    server: &ContractServer,
    home: &Home,
    args: &(impl Args + ?Sized),
    code: i32,
) -> Vec<String> {
    let args = &args.to_args()[..];
    let requests = judged_exit(server, home, ("pipedrive", TOKEN), args, code);
    for r in &requests {
        assert_eq!(
            r.header("x-api-token"),
            Some(TOKEN),
            "{} {}",
            r.method,
            r.path
        );
    }
    method_and_path(&requests)
}

fn seeded() -> Option<(ContractServer, Home)> {
    seeded_with(ContractServer::pipedrive, seed_metadata)
}

#[test]
fn metadata_and_the_plain_list() {
    let Some(server) = ContractServer::pipedrive() else {
        return;
    };
    let home = Home::new();
    let seen = sent(&server, &home, "deals list --limit 5 -o json");
    for expected in [
        "GET /api/v2/pipelines",
        "GET /api/v2/stages",
        "GET /api/v1/users",
        "GET /api/v1/users/me",
        "GET /api/v2/dealFields",
        "GET /api/v2/deals",
    ] {
        assert_sent(&seen, expected);
    }
}

/// Each group of commands on a fresh seeded account, with the requests each must send.
const SENDS: &[Commands] = &[
    // A list with every filter and a sort, the archive and the deleted.
    &[
        (
            "deals list --pipeline Sales --stage 'Proposal Made' --owner ana@example.com \
                --status lost --contact 201 --company 301 --updated-since 2026-11-01 \
                --updated-until 2026-11-30 --ids 512,513 --custom Region=EMEA \
                --sort created_at:desc --with-contacts --limit 3",
            &["GET /api/v2/deals"],
        ),
        (
            "deals list --archived --limit 3",
            &["GET /api/v2/deals/archived"],
        ),
        (
            "deals list --status deleted --limit 3",
            &["GET /api/v2/deals"],
        ),
    ],
    // A search, then the deals it found read.
    &[(
        "deals list --search acme --contact 201 --company 301 --status open --limit 3",
        &["GET /api/v2/deals/search", "GET /api/v2/deals"],
    )],
    // A get, with the deal's participants.
    &[(
        "deals get 512",
        &[
            "GET /api/v2/deals/512",
            "GET /api/v1/deals/512/participants",
        ],
    )],
    // A create with every field.
    &[(
        "deals create --name Acme --amount 1500.50 --currency EUR --pipeline Sales \
            --stage 'Proposal Made' --owner 'Ana Lima' --close-date 2026-12-31 --contact 201 \
            --company 301 --tags Hot --set Region=EMEA --set 'External ID=SKU-1'",
        &["POST /api/v2/deals"],
    )],
    &[("deals delete 512 --yes", &["DELETE /api/v2/deals/512"])],
    &[(
        "deals merge --into 10 11 --yes",
        &["PUT /api/v1/deals/11/merge", "GET /api/v2/deals/10"],
    )],
    &[
        (
            "deals follow 512 --user 'Bo Berg'",
            &["POST /api/v2/deals/512/followers"],
        ),
        (
            "deals unfollow 512 --user 'Bo Berg'",
            &["DELETE /api/v2/deals/512/followers/12"],
        ),
        ("deals followers 512", &["GET /api/v2/deals/512/followers"]),
    ],
    // An upsert searches by the exact key.
    &[(
        "deals upsert --match name=Acme --amount 10",
        &["GET /api/v2/deals/search"],
    )],
];

#[test]
fn each_command_sends_what_pipedrive_accepts() {
    assert_each_sends(SENDS, seeded, sent, assert_sent);
}

#[test]
fn update_with_status_lost_and_unset() {
    let Some((server, home)) = seeded() else {
        return;
    };
    let seen = sent(
        &server,
        &home,
        "deals update 512 --status lost --lost-reason Budget --tags Warm --unset 'External ID'",
    );
    assert_sent(&seen, "PATCH /api/v2/deals/512");
    // The v2 PATCH schema has no null for expected_close_date: crm refuses rather than send one.
    let seen = sent_exit(&server, &home, "deals update 512 --unset close_date", 6);
    assert!(seen.is_empty(), "{seen:#?}");
}

/// Pipedrive's v2 file on `custom_fields`: "To clear a custom field value, set it to `null`. For
/// multi-option fields (field type `set`), use `null` to clear the selection — sending an empty
/// array `[]` is not supported and will result in a validation error." The schema itself allows
/// any value, so Prism passes either: the body says which was sent.
#[test]
fn clearing_a_multiple_option_field_sends_null() {
    let Some((server, home)) = seeded() else {
        return;
    };
    let seen = sent(&server, &home, "deals update 512 --set Channels=");
    assert_sent(&seen, "PATCH /api/v2/deals/512");
    let patch = server
        .requests()
        .into_iter()
        .find(|r| r.method == "PATCH")
        .and_then(|r| r.body_json())
        .expect("a JSON body");
    assert_eq!(
        patch["custom_fields"],
        serde_json::json!({ CHANNELS_KEY: null }),
        "{patch}"
    );
    let seen = sent(&server, &home, "deals update 512 --set Channels=Web;Phone");
    assert_sent(&seen, "PATCH /api/v2/deals/512");
}

#[test]
fn associate_and_dissociate() {
    let Some((server, home)) = seeded() else {
        return;
    };
    let seen = sent(&server, &home, "deals associate 512 --contact 201");
    assert_sent(&seen, "POST /api/v1/deals/512/participants");
    let seen = sent(
        &server,
        &home,
        "deals associate 512 --contact 201 --primary",
    );
    assert_sent(&seen, "PATCH /api/v2/deals/512");
    let seen = sent(
        &server,
        &home,
        "deals associate 512 --company 301 --replace",
    );
    assert_sent(&seen, "PATCH /api/v2/deals/512");
    // Prism's example deal has person 1 and its example participant is person 1598.
    let seen = sent(&server, &home, "deals dissociate 512 --contact 1598");
    assert_sent(&seen, "GET /api/v1/deals/512/participants");
    assert!(
        seen.iter()
            .any(|s| s.starts_with("DELETE /api/v1/deals/512/participants/")),
        "{seen:#?}"
    );
    // Person 1 is the deal's person_id, which the v2 PATCH schema cannot empty (no null):
    // refused after the reads, before any write; the organization likewise, before any request.
    let seen = sent_exit(&server, &home, "deals dissociate 512 --contact 1", 6);
    assert!(seen.iter().all(|s| s.starts_with("GET ")), "{seen:#?}");
    let seen = sent_exit(&server, &home, "deals dissociate 512 --company 1", 6);
    assert!(seen.is_empty(), "{seen:#?}");
}

#[test]
fn pipelines_and_stages_unseeded() {
    let Some(server) = ContractServer::pipedrive() else {
        return;
    };
    let home = Home::new();
    let seen = sent(&server, &home, "stages list");
    assert_sent(&seen, "GET /api/v2/pipelines");
    assert_sent(&seen, "GET /api/v2/stages");
}

/// The built-in sandbox behind `prism proxy`: the CLI's requests and the emulator's answers are
/// both judged against Pipedrive's files, so the sandbox cannot drift from the real API unseen.
#[test]
fn the_sandbox_answers_as_the_specs_say() {
    use crm::sandbox::{spawn, SandboxVendor, ServeArgs};
    if crate::support::prism::Toolchain::for_contract_tests().is_none() {
        return;
    }
    let sandbox = crate::support::contract::run(async {
        spawn(ServeArgs::new(SandboxVendor::Pipedrive))
            .await
            .expect("sandbox starts")
    });
    let Some(server) = ContractServer::pipedrive_proxy(sandbox.addr) else {
        return;
    };
    let home = Home::new();
    let steps: [&[&str]; 9] = [
        &["deals", "list", "--limit", "3"],
        &["deals", "list", "--search", "Umbrella", "--limit", "3"],
        &["deals", "get", "1"],
        &[
            "deals",
            "update",
            "1",
            "--status",
            "lost",
            "--lost-reason",
            "Budget",
            "--set",
            "Region=EMEA",
        ],
        &["deals", "follow", "1", "--user", "Ada Lovelace"],
        &["deals", "followers", "1"],
        &["deals", "associate", "1", "--contact", "3"],
        &["deals", "dissociate", "1", "--contact", "3"],
        &["deals", "merge", "--into", "1", "2", "--yes"],
    ];
    for args in steps {
        let seen = sent(&server, &home, args);
        assert!(!seen.is_empty(), "{args:?} sent nothing");
        // Exceptions live in the allow-list only (e.g. `prism proxy`'s warning on a PATCH 200).
        let requests = server.requests();
        let status_of = |v: &crate::support::violations::Violation| {
            requests
                .iter()
                .find(|r| r.method == v.method && r.path == v.path)
                .map_or(0, |r| r.status)
        };
        let responses: Vec<_> = server
            .response_violations()
            .into_iter()
            .filter(|v| {
                crate::support::allow_list::find_response("pipedrive", status_of(v), v).is_none()
            })
            .collect();
        assert!(
            responses.is_empty(),
            "the sandbox answered {args:?} outside Pipedrive's spec:\n{responses:#?}"
        );
    }
}
