//! Through `prism proxy` to a local upstream that echoes what it receives.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use serde_json::json;

use super::{assert_violation_mentions, call, BEARER, PIPEDRIVE_TOKEN};
use crate::support::contract::runtime;
use crate::support::ContractServer;

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
