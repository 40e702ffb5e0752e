//! The list filters added for issues 3 and 4, through the real binary against local mocks: the
//! exact query or search body each vendor receives, the client-side notices, and exit 6 before
//! any request where a vendor cannot filter.

use serde_json::{json, Value};
use wiremock::MockServer;

use crate::support::account::{self, Account};
use crate::support::cli::{crm, Args, Home, Run, To};
use crate::support::mock::{query, requests_to, Answers};
use crate::support::{hubspot, pipedrive, sell};

/// `crm deals list -o json ARGS` against `server` as `vendor`'s account.
async fn list(vendor: &str, server: &MockServer, args: &(impl Args + ?Sized)) -> Run {
    let args = &args.to_args()[..];
    let to = To::Env {
        vendor,
        base_url: server.uri(),
        token: account::token(vendor),
    };
    crm(
        &Home::new(),
        to,
        &[&["deals", "list", "-o", "json"], args].concat(),
    )
    .await
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// HubSpot's search filters as `(property, operator, value or values)`.
async fn hubspot_filters(server: &MockServer) -> Vec<(String, String, Value)> {
    let searches = requests_to(server, "POST", "/crm/v3/objects/deals/search").await;
    assert_eq!(searches.len(), 1, "one search");
    let body: Value = serde_json::from_slice(&searches[0].body).unwrap();
    body["filterGroups"][0]["filters"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .into_iter()
        .map(|f| {
            let value = f.get("values").or(f.get("value")).cloned().unwrap();
            (
                f["propertyName"].as_str().unwrap().to_string(),
                f["operator"].as_str().unwrap().to_string(),
                value,
            )
        })
        .collect()
}

async fn hubspot_search(deals: Vec<Value>) -> Account {
    let server = hubspot::account().await;
    let total = deals.len();
    server
        .answer(
            "POST",
            "/crm/v3/objects/deals/search",
            json!({"total": total, "results": deals}),
        )
        .await;
    server
}

async fn pipedrive_list(deals: Value) -> Account {
    let server = pipedrive::account().await;
    server
        .answer("GET", "/api/v2/deals", pipedrive::page(deals, None))
        .await;
    server
}

async fn sell_list(deals: Vec<Value>) -> Account {
    let server = sell::account().await;
    server
        .answer("GET", "/v2/deals", sell::collection("deal", deals))
        .await;
    server
}

/// The query of Sell's first list request, without paging.
async fn sell_query(server: &MockServer) -> Vec<(String, String)> {
    let lists = requests_to(server, "GET", "/v2/deals").await;
    query(&lists[0])
        .into_iter()
        .filter(|(k, _)| k != "page" && k != "per_page")
        .collect()
}

#[tokio::test]
async fn updated_until_is_native_on_hubspot_and_pipedrive() {
    let server = hubspot_search(vec![]).await;
    let out = list("hubspot", &server, "--updated-until 2026-11-01").await;
    out.assert_exit(0);
    assert_eq!(
        hubspot_filters(&server).await,
        [(
            "hs_lastmodifieddate".to_string(),
            "LT".to_string(),
            json!("1793491200000")
        )]
    );

    let server = pipedrive_list(json!([])).await;
    let out = list(
        "pipedrive",
        &server,
        "--updated-since 2026-10-01 --updated-until 2026-11-01T12:00:00Z --limit 5",
    )
    .await;
    out.assert_exit(0);
    assert!(
        out.stderr.is_empty(),
        "native: no notice, got {}",
        out.stderr
    );
    let lists = requests_to(&server, "GET", "/api/v2/deals").await;
    assert_eq!(
        query(&lists[0]),
        pairs(&[
            ("updated_since", "2026-10-01T00:00:00Z"),
            ("updated_until", "2026-11-01T12:00:00Z"),
            ("limit", "5"),
        ])
    );
}

#[tokio::test]
async fn updated_until_on_sell_sorts_oldest_first_stops_and_says_so() {
    let server = sell_list(vec![
        sell::deal(1, "Old", json!(1), 12, "2026-09-01T00:00:00Z"),
        sell::deal(2, "New", json!(1), 12, "2026-11-05T00:00:00Z"),
        sell::deal(3, "Newer", json!(1), 12, "2026-11-06T00:00:00Z"),
    ])
    .await;
    let out = list("sell", &server, "--updated-until 2026-11-01 --all").await;
    out.assert_exit(0);
    let ids: Vec<Value> = out
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].clone())
        .collect();
    assert_eq!(ids, [json!("1")]);
    assert_eq!(
        sell_query(&server).await,
        pairs(&[("sort_by", "updated_at")])
    );
    out.assert_says("Zendesk Sell cannot filter by update time");
}

#[tokio::test]
async fn updated_until_before_updated_since_is_a_usage_error() {
    let server = MockServer::start().await;
    let out = list(
        "pipedrive",
        &server,
        "--updated-since 2026-11-01 --updated-until 2026-10-01",
    )
    .await;
    out.assert_exit(2);
    out.assert_says("--updated-until");
    let out = list("hubspot", &server, "--updated-until yesterday").await;
    out.assert_exit(2);
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn status_deleted_is_pipedrives_and_refused_elsewhere_with_what_to_do() {
    let server = pipedrive_list(json!([pipedrive::deal(4, "Gone", "10")])).await;
    let out = list("pipedrive", &server, "--status deleted --limit 5").await;
    out.assert_exit(0);
    assert_eq!(out.json()[0]["id"], "4");
    let lists = requests_to(&server, "GET", "/api/v2/deals").await;
    assert_eq!(
        query(&lists[0]),
        pairs(&[("status", "deleted"), ("limit", "5")])
    );
    let out = list("pipedrive", &server, "--status deleted --search acme").await;
    out.assert_exit(2);
    out.assert_says("without --search");

    let server = MockServer::start().await;
    for (vendor, instead) in [
        ("hubspot", "--archived lists them"),
        ("sell", "permanently"),
    ] {
        let out = list(vendor, &server, "--status deleted").await;
        assert_eq!(out.code, 6, "{vendor}: {}", out.stderr);
        assert!(
            out.stderr.contains("--status deleted is not supported"),
            "{vendor}: {}",
            out.stderr
        );
        assert!(out.stderr.contains(instead), "{vendor}: {}", out.stderr);
    }
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn ids_are_native_everywhere_and_must_be_numbers() {
    let server = hubspot_search(vec![hubspot::deal("7", "Gamma", "5")]).await;
    let out = list("hubspot", &server, "--ids 7,8").await;
    out.assert_exit(0);
    assert_eq!(
        hubspot_filters(&server).await,
        [(
            "hs_object_id".to_string(),
            "IN".to_string(),
            json!(["7", "8"])
        )]
    );

    let server = pipedrive_list(json!([])).await;
    let out = list("pipedrive", &server, "--ids 7,8 --limit 5").await;
    out.assert_exit(0);
    let lists = requests_to(&server, "GET", "/api/v2/deals").await;
    assert_eq!(query(&lists[0]), pairs(&[("ids", "7,8"), ("limit", "5")]));

    let server = sell_list(vec![]).await;
    let out = list("sell", &server, "--ids 7 --ids 8").await;
    out.assert_exit(0);
    assert_eq!(sell_query(&server).await, pairs(&[("ids", "7,8")]));
    assert!(!out.stderr.contains("cannot filter"), "{}", out.stderr);

    let server = MockServer::start().await;
    for vendor in ["hubspot", "pipedrive", "sell"] {
        let out = list(vendor, &server, "--ids 7,../8").await;
        assert_eq!(out.code, 2, "{vendor}: {}", out.stderr);
        out.assert_says("\"../8\"");
    }
    assert!(server.received_requests().await.unwrap().is_empty());
    // No list is answered: the command must stop before asking.
    let server = pipedrive::account().await;
    let many: Vec<String> = (1..=101).map(|i| i.to_string()).collect();
    let out = list("pipedrive", &server, &["--ids", &many.join(",")]).await;
    out.assert_exit(2);
    out.assert_says("at most 100");
    assert!(requests_to(&server, "GET", "/api/v2/deals")
        .await
        .is_empty());
}

#[tokio::test]
async fn name_is_native_on_hubspot_and_sell_and_client_side_on_pipedrive() {
    let server = hubspot_search(vec![]).await;
    let out = list("hubspot", &server, "--name 'Acme renewal'").await;
    out.assert_exit(0);
    assert_eq!(
        hubspot_filters(&server).await,
        [(
            "dealname".to_string(),
            "EQ".to_string(),
            json!("Acme renewal")
        )]
    );

    let server = sell_list(vec![]).await;
    let out = list("sell", &server, "--name 'Acme renewal'").await;
    out.assert_exit(0);
    assert_eq!(
        sell_query(&server).await,
        pairs(&[("name", "Acme renewal")])
    );
    assert!(!out.stderr.contains("cannot filter"), "{}", out.stderr);

    let server = pipedrive_list(json!([
        pipedrive::deal(1, "Acme renewal", "10"),
        pipedrive::deal(2, "Acme renewal 2", "10"),
        pipedrive::deal(3, "acme renewal", "10"),
    ]))
    .await;
    let out = list("pipedrive", &server, "--name 'Acme renewal' --limit 5").await;
    out.assert_exit(0);
    let ids: Vec<Value> = out
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].clone())
        .collect();
    assert_eq!(ids, [json!("1")]);
    out.assert_says("Pipedrive cannot apply some of these filters");
    let lists = requests_to(&server, "GET", "/api/v2/deals").await;
    assert_eq!(
        query(&lists[0]),
        pairs(&[("limit", "500")]),
        "the name is not sent: Pipedrive's list has no such filter"
    );
}

#[tokio::test]
async fn close_date_is_a_day_on_hubspot_sells_own_filter_and_client_side_on_pipedrive() {
    let server = hubspot_search(vec![]).await;
    let out = list("hubspot", &server, "--close-date 2026-11-01").await;
    out.assert_exit(0);
    assert_eq!(
        hubspot_filters(&server).await,
        [
            (
                "closedate".to_string(),
                "GTE".to_string(),
                json!("1793491200000")
            ),
            (
                "closedate".to_string(),
                "LT".to_string(),
                json!("1793577600000")
            ),
        ]
    );

    let server = sell_list(vec![]).await;
    let out = list("sell", &server, "--close-date 2026-12-31").await;
    out.assert_exit(0);
    assert_eq!(
        sell_query(&server).await,
        pairs(&[("estimated_close_date", "2026-12-31")])
    );

    let mut later = pipedrive::deal(2, "Later", "10");
    later["expected_close_date"] = json!("2027-01-15");
    let server = pipedrive_list(json!([pipedrive::deal(1, "Due", "10"), later])).await;
    let out = list("pipedrive", &server, "--close-date 2026-12-31").await;
    out.assert_exit(0);
    let ids: Vec<Value> = out
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].clone())
        .collect();
    assert_eq!(ids, [json!("1")]);
    out.assert_says("Pipedrive cannot apply");

    let server = MockServer::start().await;
    let out = list("sell", &server, "--close-date 31/12/2026").await;
    out.assert_exit(2);
    out.assert_says("YYYY-MM-DD");
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn hot_and_source_are_sells_alone() {
    let server = sell_list(vec![]).await;
    let out = list("sell", &server, "--hot --source 10").await;
    out.assert_exit(0);
    assert_eq!(
        sell_query(&server).await,
        pairs(&[("hot", "true"), ("source_id", "10")])
    );
    let out = list("sell", &server, "--source Website").await;
    out.assert_exit(2);
    out.assert_says("source's");

    let server = MockServer::start().await;
    for vendor in ["hubspot", "pipedrive"] {
        for args in [vec!["--hot"], vec!["--source", "10"]] {
            let out = list(vendor, &server, &args).await;
            assert_eq!(out.code, 6, "{vendor} {args:?}: {}", out.stderr);
            out.assert_says(&format!("deals list {} is not supported", args[0]));
        }
    }
    assert!(server.received_requests().await.unwrap().is_empty());
}
