//! The pieces that need no Prism: routing, reading verdicts, skipping.

use std::net::SocketAddr;

use axum::http::HeaderMap;

use crate::support::router::{Backend, Route, RouteTable};
use crate::support::violations::extract;

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

// ---- skipping ----

/// Runs one contract test of this same binary in a child process, with the
/// spec directory pointing nowhere.
fn run_without_specs(require: &str) -> std::process::Output {
    std::process::Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "contract_harness::mock::hubspot_valid_list_passes",
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
