//! Self-test of the contract harness: known-valid requests pass, known-invalid
//! ones are caught, the allow-list excuses exactly the vendor files' defects,
//! and proxy mode forwards with the paths the upstream expects.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use axum::http::HeaderMap;
use serde_json::{json, Value};

use crate::support::contract::{run, runtime};
use crate::support::router::{Backend, Route, RouteTable};
use crate::support::violations::extract;
use crate::support::ContractServer;

const BEARER: (&str, &str) = ("authorization", "Bearer test-token");
const PIPEDRIVE_TOKEN: (&str, &str) = ("x-api-token", "test-token");

struct Reply {
    status: u16,
    body: Value,
}

/// Sends one request through the router, as the CLI would.
fn call(
    server: &ContractServer,
    method: &str,
    path: &str,
    auth: Option<(&str, &str)>,
    body: Option<Value>,
) -> Reply {
    let url = server.url(path);
    let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
    let auth = auth.map(|(k, v)| (k.to_string(), v.to_string()));
    run(async move {
        let mut req = reqwest::Client::new().request(method, url);
        if let Some((k, v)) = auth {
            req = req.header(k, v);
        }
        if let Some(b) = body {
            req = req.json(&b);
        }
        let resp = req.send().await.expect("router reachable");
        let status = resp.status().as_u16();
        let bytes = resp.bytes().await.unwrap();
        Reply {
            status,
            body: serde_json::from_slice(&bytes).unwrap_or(Value::Null),
        }
    })
}

fn assert_violation_mentions(server: &ContractServer, needle: &str) {
    let found = server.request_violations();
    assert!(
        found.iter().any(|v| v.message.contains(needle)),
        "expected a request violation mentioning {needle:?}, got {found:#?}"
    );
}

// ---- pieces that need no Prism ----

#[test]
fn routes_strip_pipedrive_prefixes_and_match_wildcards() {
    let backend = |n: u16| Backend {
        label: format!("b{n}"),
        addr: SocketAddr::from(([127, 0, 0, 1], n)),
    };
    let table = RouteTable {
        vendor: "test",
        mock: true,
        routes: vec![
            Route {
                prefix: "/crm/v4/associations/*/*/labels",
                strip: false,
                backend: 0,
            },
            Route {
                prefix: "/crm/v4",
                strip: false,
                backend: 1,
            },
            Route {
                prefix: "/api/v2",
                strip: true,
                backend: 2,
            },
        ],
        backends: vec![backend(1), backend(2), backend(3)],
    };
    let hit = |p: &str| table.resolve(p).map(|(b, path)| (b.label.clone(), path));
    assert_eq!(
        hit("/crm/v4/associations/deals/contacts/labels"),
        Some((
            "b1".into(),
            "/crm/v4/associations/deals/contacts/labels".into()
        ))
    );
    assert_eq!(
        hit("/crm/v4/associations/deals/contacts/batch/read"),
        Some((
            "b2".into(),
            "/crm/v4/associations/deals/contacts/batch/read".into()
        ))
    );
    assert_eq!(
        hit("/api/v2/deals/7"),
        Some(("b3".into(), "/deals/7".into()))
    );
    assert_eq!(hit("/api/v2"), Some(("b3".into(), "/".into())));
    assert_eq!(hit("/api/v22/deals"), None);
    assert_eq!(hit("/v1/deals"), None);
}

#[test]
fn verdicts_are_read_from_header_problem_body_and_bare_status() {
    let mut headers = HeaderMap::new();
    headers.insert(
        "sl-violations",
        concat!(
            r#"[{"location":["request","body","x"],"severity":"Error","code":"type","message":"bad x"},"#,
            r#"{"location":["response","body"],"severity":"Error","code":"type","message":"bad"}]"#
        )
        .parse()
        .unwrap(),
    );
    let found = extract(axum::http::StatusCode::OK, &headers, b"{}", true);
    assert_eq!(found.len(), 2);
    assert!(found[0].is_request() && !found[1].is_request());

    let mut problem = HeaderMap::new();
    problem.insert("content-type", "application/problem+json".parse().unwrap());
    let body = br#"{"type":"https://stoplight.io/prism/errors#UNPROCESSABLE_ENTITY","validation":[{"location":["query","limit"],"severity":"Error","code":"type","message":"must be integer"}]}"#;
    let found = extract(
        axum::http::StatusCode::UNPROCESSABLE_ENTITY,
        &problem,
        body,
        true,
    );
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].location, ["request", "query", "limit"]);

    // A bare 4xx counts in mock mode only: upstream errors are real answers in proxy mode.
    let bare = extract(
        axum::http::StatusCode::NOT_FOUND,
        &HeaderMap::new(),
        b"",
        true,
    );
    assert_eq!(bare.len(), 1);
    assert!(extract(
        axum::http::StatusCode::NOT_FOUND,
        &HeaderMap::new(),
        b"",
        false
    )
    .is_empty());
}

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

// ---- proxy mode ----

/// A stand-in upstream that records each path (with query) and answers
/// `{"success": true, "data": [], "echo": PATH}`.
struct Echo {
    addr: SocketAddr,
    seen: Arc<Mutex<Vec<String>>>,
}

fn echo_upstream() -> Echo {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = seen.clone();
    let app = axum::Router::new().fallback(move |req: axum::extract::Request| {
        let log = log.clone();
        async move {
            let uri = req.uri().to_string();
            log.lock().unwrap().push(format!("{} {uri}", req.method()));
            axum::Json(json!({"success": true, "data": [], "echo": uri}))
        }
    });
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let addr = listener.local_addr().unwrap();
    runtime().spawn(async move {
        let listener = tokio::net::TcpListener::from_std(listener).unwrap();
        axum::serve(listener, app).await.unwrap();
    });
    Echo { addr, seen }
}

#[test]
fn proxy_pipedrive_keeps_the_version_prefix_upstream_and_reports_both_sides() {
    let echo = echo_upstream();
    let Some(server) = ContractServer::pipedrive_proxy(echo.addr) else {
        return;
    };

    let r = call(
        &server,
        "GET",
        "/api/v2/deals?limit=5",
        Some(PIPEDRIVE_TOKEN),
        None,
    );
    assert_eq!(r.status, 200);
    assert_eq!(r.body["echo"], "/api/v2/deals?limit=5");
    call(
        &server,
        "PUT",
        "/v1/deals/1/merge",
        Some(PIPEDRIVE_TOKEN),
        Some(json!({"merge_with_id": 2})),
    );
    call(
        &server,
        "PUT",
        "/api/v1/deals/1/merge",
        Some(PIPEDRIVE_TOKEN),
        Some(json!({"merge_with_id": 2})),
    );
    assert_eq!(
        *echo.seen.lock().unwrap(),
        [
            "GET /api/v2/deals?limit=5",
            "PUT /v1/deals/1/merge",
            "PUT /api/v1/deals/1/merge"
        ]
    );
    server.assert_no_request_violations();

    // An invalid request is still forwarded, and reported.
    server.clear();
    call(
        &server,
        "GET",
        "/api/v2/deals?limit=abc",
        Some(PIPEDRIVE_TOKEN),
        None,
    );
    assert_violation_mentions(&server, "limit must be integer");
    assert_eq!(
        echo.seen.lock().unwrap().last().unwrap(),
        "GET /api/v2/deals?limit=abc"
    );

    // The upstream answering a list where the file wants an object breaks the response side.
    server.clear();
    let r = call(
        &server,
        "GET",
        "/api/v2/deals/5",
        Some(PIPEDRIVE_TOKEN),
        None,
    );
    assert_eq!(r.status, 200);
    server.assert_no_request_violations();
    let resp = server.response_violations();
    assert!(
        resp.iter()
            .any(|v| v.message.contains("data must be object")),
        "{resp:#?}"
    );

    // A path the file lacks is forwarded with a warning, which counts.
    server.clear();
    call(
        &server,
        "GET",
        "/api/v2/nonsense",
        Some(PIPEDRIVE_TOKEN),
        None,
    );
    assert_violation_mentions(&server, "Selected route not found");
}

#[test]
fn proxy_hubspot_and_sell_forward_paths_unchanged() {
    let echo = echo_upstream();
    let Some(hubspot) = ContractServer::hubspot_proxy(echo.addr) else {
        return;
    };
    call(
        &hubspot,
        "GET",
        "/crm/v3/objects/deals?limit=10",
        Some(BEARER),
        None,
    );
    let body = json!({"properties": {"amount": 1500}});
    call(
        &hubspot,
        "POST",
        "/crm/v3/objects/deals",
        Some(BEARER),
        Some(body),
    );
    assert_violation_mentions(&hubspot, "properties.amount must be string");
    drop(hubspot);

    let Some(sell) = ContractServer::sell_proxy(echo.addr) else {
        return;
    };
    call(&sell, "GET", "/v2/deals?per_page=25", Some(BEARER), None);
    sell.assert_no_request_violations();
    assert!(
        !sell.response_violations().is_empty(),
        "the echo body is no Sell collection"
    );
    assert_eq!(
        *echo.seen.lock().unwrap(),
        [
            "GET /crm/v3/objects/deals?limit=10",
            "POST /crm/v3/objects/deals",
            "GET /v2/deals?per_page=25"
        ]
    );
}

// ---- skipping ----

/// Runs one contract test of this same binary in a child process, with the
/// spec directory pointing nowhere.
fn run_without_specs(require: &str) -> std::process::Output {
    std::process::Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "contract_harness::hubspot_valid_list_passes",
            "--test-threads=1",
        ])
        .env("CRM_SPECS_DIR", "/nonexistent/crm-specs")
        .env("CRM_REQUIRE_CONTRACT", require)
        .output()
        .unwrap()
}

#[test]
fn missing_specs_skip_loudly_unless_required() {
    let skipped = run_without_specs("0");
    let stderr = String::from_utf8_lossy(&skipped.stderr);
    assert!(skipped.status.success(), "{stderr}");
    assert!(stderr.contains("CONTRACT TESTS SKIPPED"), "{stderr}");
    assert!(stderr.contains("/nonexistent/crm-specs"), "{stderr}");

    let required = run_without_specs("1");
    let stdout = String::from_utf8_lossy(&required.stdout);
    assert!(!required.status.success());
    assert!(stdout.contains("CRM_REQUIRE_CONTRACT=1"), "{stdout}");
}
