//! `crm api`: requests crm does not model, sent through the profile's own client. Through Prism,
//! every request is judged against the vendor's own description; against local servers, the
//! client's rules hold for it too (retries by the method's meaning, no token to another origin).

use std::io::{Read, Write};
use std::net::TcpListener;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::support::cli::{argv, crm, Home, To};
use crate::support::contract::{assert_sent, judged, method_and_path};
use crate::support::ContractServer;

/// `crm ARGS` as `vendor`'s account at the contract server, expecting exit 0; what it sent.
fn sent(server: &ContractServer, (vendor, token): (&str, &str), args: &[&str]) -> Vec<String> {
    let home = Home::new();
    let (out, requests) = judged(server, &home, (vendor, token), args);
    let seen: Vec<String> = method_and_path(&requests);
    assert_eq!(
        out.code, 0,
        "crm {args:?} exited {} after sending {seen:#?}\nstderr: {}",
        out.code, out.stderr
    );
    // A delete may answer 204, with no body.
    if !args.contains(&"DELETE") {
        assert!(
            !out.stdout.trim().is_empty(),
            "crm {args:?} printed no body"
        );
    }
    seen
}

/// One vendor's contract server, the account crm uses there, and each `crm api` line with the
/// request it must send (every request judged against the vendor's own description).
type ApiCase = (
    fn() -> Option<ContractServer>,
    (&'static str, &'static str),
    &'static [(&'static str, &'static str)],
);

/// A GET with query parameters, a POST with `-f` fields, an update and a DELETE on each vendor;
/// Sell updates with PUT: its API has no PATCH.
const API_CASES: &[ApiCase] = &[
    (
        ContractServer::hubspot,
        ("hubspot", "pat-na1-contract-0000"),
        &[
            (
                "api -X GET /crm/v3/objects/deals -f limit=5 -f properties=dealname,amount",
                "GET /crm/v3/objects/deals",
            ),
            (
                "api /crm/v3/objects/deals -f properties[dealname]=Renewal -f properties[amount]=1200",
                "POST /crm/v3/objects/deals",
            ),
            (
                "api -X PATCH /crm/v3/objects/deals/51 -f properties[dealname]=Renamed",
                "PATCH /crm/v3/objects/deals/51",
            ),
            (
                "api -X DELETE /crm/v3/objects/deals/51",
                "DELETE /crm/v3/objects/deals/51",
            ),
        ],
    ),
    (
        ContractServer::pipedrive,
        ("pipedrive", "00112233445566778899aabbccddeeff00112233"),
        &[
            (
                "api -X GET /api/v2/persons -F limit=5 -f sort_by=id",
                "GET /api/v2/persons",
            ),
            ("api /api/v2/persons -f 'name=Ana Lima'", "POST /api/v2/persons"),
            (
                "api -X PATCH /api/v2/persons/7 -f 'name=Ana Souza'",
                "PATCH /api/v2/persons/7",
            ),
            ("api -X DELETE /api/v2/persons/7", "DELETE /api/v2/persons/7"),
        ],
    ),
    (
        ContractServer::sell,
        ("sell", "sell-contract-0000"),
        &[
            (
                "api -X GET /v2/deals -F per_page=5 -F page=1",
                "GET /v2/deals",
            ),
            (
                "api /v2/deals -f data[name]=Website -F data[contact_id]=1",
                "POST /v2/deals",
            ),
            (
                "api -X PUT /v2/deals/123 -f data[name]=Renamed",
                "PUT /v2/deals/123",
            ),
            ("api -X DELETE /v2/deals/123", "DELETE /v2/deals/123"),
        ],
    ),
];

#[test]
fn get_post_update_delete_through_each_vendors_description() {
    for (start, account, lines) in API_CASES {
        let Some(server) = start() else {
            return;
        };
        for (line, request) in *lines {
            let seen = sent(&server, *account, &argv(line));
            assert_sent(&seen, request);
            if request.starts_with("GET ") {
                // The query parameters travel in the URL, as the description asks of a GET.
                let query = server.requests()[0].query.clone().unwrap_or_default();
                let first = argv(line)[5].to_string();
                assert!(query.contains(&first), "{line}: {query}");
            }
        }
    }
}

const TOKEN: &str = "pat-na1-api-0000";

#[tokio::test]
async fn a_refusal_prints_the_vendors_body_and_exits_by_its_class() {
    let server = MockServer::start().await;
    for (id, status) in [("1", 404), ("2", 401), ("3", 403), ("4", 400)] {
        Mock::given(method("GET"))
            .and(path(format!("/crm/v3/objects/contacts/{id}")))
            .respond_with(
                ResponseTemplate::new(status)
                    .set_body_json(json!({"status": "error", "message": format!("no {id}")})),
            )
            .mount(&server)
            .await;
    }
    let home = Home::new();
    for (id, code) in [("1", 3), ("2", 4), ("3", 4), ("4", 5)] {
        let out = crm(
            &home,
            To::env("hubspot", server.uri(), TOKEN),
            &format!("api /crm/v3/objects/contacts/{id}"),
        )
        .await;
        out.assert_exit(code);
        assert_eq!(out.json()["message"], format!("no {id}"), "{}", out.stdout);
        out.assert_says(&format!("no {id}"));
    }
}

#[tokio::test]
async fn a_429_is_waited_out_and_retried() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/crm/v3/objects/contacts"))
        .respond_with(ResponseTemplate::new(429).insert_header("retry-after", "1"))
        .up_to_n_times(1)
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/crm/v3/objects/contacts"))
        .respond_with(ResponseTemplate::new(201).set_body_json(json!({"id": "9"})))
        .expect(1)
        .mount(&server)
        .await;
    let home = Home::new();
    let out = crm(
        &home,
        To::env("hubspot", server.uri(), TOKEN),
        "api /crm/v3/objects/contacts -f properties[email]=ana@example.com",
    )
    .await;
    out.assert_exit(0);
    assert_eq!(out.json()["id"], "9");
}

/// A server that reads each request and closes the connection without answering; counts them.
fn closing_server() -> (String, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let seen = Arc::new(AtomicUsize::new(0));
    let count = seen.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { return };
            let mut buf = [0u8; 4096];
            let mut text = Vec::new();
            while !String::from_utf8_lossy(&text).contains("}") {
                match stream.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => text.extend_from_slice(&buf[..n]),
                }
            }
            count.fetch_add(1, Ordering::SeqCst);
            let _ = stream.flush();
            drop(stream);
        }
    });
    (url, seen)
}

#[tokio::test]
async fn a_post_cut_after_sending_is_outcome_unknown_and_not_sent_twice() {
    let (url, seen) = closing_server();
    let home = Home::new();
    let out = crm(
        &home,
        To::env("hubspot", url, TOKEN),
        "api /crm/v3/objects/contacts -f properties[email]=ana@example.com",
    )
    .env("CRM_RETRY_BASE_MS", "10")
    .await;
    out.assert_exit(7);
    out.assert_says("outcome unknown");
    assert_eq!(seen.load(Ordering::SeqCst), 1, "{}", out.stderr);
}

#[tokio::test]
async fn a_full_url_of_another_host_is_refused_before_sending() {
    let server = MockServer::start().await;
    let other = MockServer::start().await;
    let home = Home::new();
    let out = crm(
        &home,
        To::env("hubspot", server.uri(), TOKEN),
        &format!("api {}/crm/v3/objects/contacts", other.uri()),
    )
    .await;
    out.assert_exit(2);
    out.assert_says("is not the profile's server");
    assert!(other.received_requests().await.unwrap().is_empty());
    assert!(server.received_requests().await.unwrap().is_empty());
    // The profile's own server, spelt in full, is fine.
    Mock::given(method("GET"))
        .and(path("/crm/v3/objects/contacts"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"results": []})))
        .expect(1)
        .mount(&server)
        .await;
    let out = crm(
        &home,
        To::env("hubspot", server.uri(), TOKEN),
        &format!("api {}/crm/v3/objects/contacts?limit=1", server.uri()),
    )
    .await;
    out.assert_exit(0);
}

#[tokio::test]
async fn a_redirect_to_another_server_is_refused_and_gets_no_token() {
    let server = MockServer::start().await;
    let second = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/crm/v3/objects/contacts"))
        .respond_with(
            ResponseTemplate::new(302)
                .insert_header("location", format!("{}/steal", second.uri()).as_str()),
        )
        .mount(&server)
        .await;
    let home = Home::new();
    let out = crm(
        &home,
        To::env("hubspot", server.uri(), TOKEN),
        "api /crm/v3/objects/contacts",
    )
    .await;
    out.assert_exit(2);
    out.assert_says("another origin");
    assert!(second.received_requests().await.unwrap().is_empty());
}

/// `--paginate` on a built-in sandbox: every page's items as JSON lines, in as many requests as
/// pages (the trace shows each), across at least three pages.
fn paginated(profile: &str, args: &str, min_pages: usize) -> Vec<serde_json::Value> {
    let home = Home::new();
    let out = crm(&home, profile, &format!("{args} --paginate -v")).run_sync();
    out.assert_exit(0);
    let requests = out
        .stderr
        .lines()
        .filter(|l| l.starts_with("> GET") || l.starts_with("> POST"))
        .count();
    assert!(
        requests >= min_pages,
        "{requests} requests:\n{}",
        out.stderr
    );
    let items: Vec<serde_json::Value> = out
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let whole = crm(&home, profile, &format!("{args} --paginate --pages")).run_sync();
    whole.assert_exit(0);
    assert_eq!(whole.stdout.lines().count(), requests, "one line a page");
    items
}

#[test]
fn hubspot_lists_and_searches_page_by_their_after_cursor() {
    let items = paginated("sandbox", "api -X GET /crm/v3/objects/deals -F limit=4", 3);
    let ids: std::collections::BTreeSet<String> =
        items.iter().map(|d| d["id"].to_string()).collect();
    assert_eq!(ids.len(), items.len(), "no deal twice");
    assert!(items.len() > 8);
    let found = paginated("sandbox", "api /crm/v3/objects/deals/search -F limit=4", 3);
    assert_eq!(found.len(), items.len());
}

#[test]
fn pipedrive_v2_lists_page_by_their_cursor() {
    let items = paginated(
        "sandbox-pipedrive",
        "api -X GET /api/v2/deals -F limit=4",
        3,
    );
    assert!(items.len() > 8 && items.iter().all(|d| d["title"].is_string()));
}

#[test]
fn sell_lists_follow_their_next_page_link() {
    let items = paginated("sandbox-sell", "api -X GET /v2/deals -F per_page=4", 3);
    assert!(items.len() > 8 && items.iter().all(|d| d["data"]["id"].is_number()));
}

/// Pipedrive's v1 lists page by offset (`start`), while `more_items_in_collection` says so.
#[tokio::test]
async fn pipedrive_v1_lists_page_by_their_next_start() {
    let server = MockServer::start().await;
    for (start, next) in [(None, Some(2)), (Some("2"), Some(4)), (Some("4"), None)] {
        let mut mock = Mock::given(method("GET")).and(path("/api/v1/activities"));
        mock = match start {
            Some(s) => mock.and(wiremock::matchers::query_param("start", s)),
            None => mock.and(wiremock::matchers::query_param_is_missing("start")),
        };
        let begin = start.map_or(0, |s| s.parse().unwrap());
        let pagination = match next {
            Some(n) => {
                json!({"start": begin, "limit": 2, "more_items_in_collection": true, "next_start": n})
            }
            None => json!({"start": begin, "limit": 2, "more_items_in_collection": false}),
        };
        mock.respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "success": true,
            "data": [{"id": begin + 1}, {"id": begin + 2}],
            "additional_data": {"pagination": pagination}
        })))
        .expect(1)
        .mount(&server)
        .await;
    }
    let home = Home::new();
    let out = crm(
        &home,
        To::env(
            "pipedrive",
            server.uri(),
            "00112233445566778899aabbccddeeff00112233",
        ),
        "api -X GET /api/v1/activities -F limit=2 --paginate",
    )
    .await;
    out.assert_exit(0);
    assert_eq!(
        out.stdout,
        "{\"id\":1}\n{\"id\":2}\n{\"id\":3}\n{\"id\":4}\n{\"id\":5}\n{\"id\":6}\n"
    );
}

#[tokio::test]
async fn a_refused_page_prints_its_body_and_ends_with_its_class() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/crm/v3/objects/contacts"))
        .respond_with(ResponseTemplate::new(403).set_body_json(json!({"message": "scope"})))
        .mount(&server)
        .await;
    let home = Home::new();
    let out = crm(
        &home,
        To::env("hubspot", server.uri(), TOKEN),
        "api /crm/v3/objects/contacts --paginate",
    )
    .await;
    out.assert_exit(4);
    assert_eq!(out.json()["message"], "scope");
}

/// `--jq` on a built-in sandbox: list (`-o json` and per line with `-o ndjson`), get and api.
#[test]
fn jq_filters_list_get_and_api_output() {
    let home = Home::new();
    let run = |args: &str| {
        let out = crm(&home, "sandbox", args).run_sync();
        out.assert_exit(0);
        out.stdout
    };
    let names = run("deals list --limit 3 --jq .[].name");
    assert_eq!(names.lines().count(), 3, "{names}");
    assert!(!names.contains('"'), "strings print raw: {names}");
    let ids = run("deals list --limit 3 -o ndjson --jq {id}");
    let lines: Vec<serde_json::Value> = ids
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    let first = lines[0]["id"].as_str().unwrap().to_string();
    assert_eq!(
        run(&format!("deals get {first} --jq .id")),
        format!("{first}\n")
    );
    let count = run("api -X GET /crm/v3/objects/deals -F limit=2 --jq '.results | length'");
    assert_eq!(count, "2\n");
    let paged = run("api -X GET /crm/v3/objects/deals -F limit=2 --paginate --jq .id");
    assert!(paged.lines().count() > 4, "{paged}");
}

#[test]
fn a_bad_jq_expression_is_a_usage_error_before_any_request() {
    let home = Home::new();
    let out = crm(&home, "sandbox", "deals list --jq '.[' -v").run_sync();
    out.assert_exit(2);
    out.assert_says("--jq");
    assert!(!out.stderr.contains("> GET"), "{}", out.stderr);
    let out = crm(&home, "sandbox", "deals list --jq . -o csv").run_sync();
    out.assert_exit(2);
}

#[tokio::test]
async fn input_headers_include_and_dry_run() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(path("/crm/v3/objects/contacts/5"))
        .and(wiremock::matchers::header("x-request-tag", "nightly"))
        .and(wiremock::matchers::body_json(
            json!({"properties": {"a": 1}}),
        ))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": "5"})))
        .expect(2)
        .mount(&server)
        .await;
    let home = Home::new();
    let to = || To::env("hubspot", server.uri(), TOKEN);
    let file = home.path().join("body.json");
    std::fs::write(&file, r#"{"properties": {"a": 1}}"#).unwrap();
    let out = crm(
        &home,
        to(),
        &format!(
            "api -X PUT /crm/v3/objects/contacts/5 --input {} -H 'X-Request-Tag: nightly' -i",
            file.display()
        ),
    )
    .await;
    out.assert_exit(0);
    assert!(out.stdout.starts_with("HTTP 200\n"), "{}", out.stdout);
    assert!(out.stdout.ends_with("{\"id\":\"5\"}\n"), "{}", out.stdout);
    let out = crm(
        &home,
        to(),
        "api -X PUT /crm/v3/objects/contacts/5 --input - -H 'X-Request-Tag: nightly' --silent",
    )
    .stdin(r#"{"properties": {"a": 1}}"#)
    .await;
    out.assert_exit(0);
    assert_eq!(out.stdout, "");
    // The token's header is crm's own.
    let out = crm(
        &home,
        to(),
        "api /crm/v3/objects/contacts/5 -H 'Authorization: Bearer x'",
    )
    .await;
    out.assert_exit(2);
    let out = crm(&home, to(), "api /crm/v3/objects/contacts -f a=b --dry-run").await;
    out.assert_exit(0);
    out.assert_says("POST");
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}
