//! HubSpot through the real binary against a local mock: pagination, filters, writes, errors,
//! retries, partial failures.

use serde_json::{json, Value};
use wiremock::matchers::{body_partial_json, method, path, query_param};
use wiremock::{Mock, ResponseTemplate};

use crate::support::cli::{run, Home};
use crate::support::hubspot::{self, account, deal, TOKEN};

async fn requests_to(server: &wiremock::MockServer, verb: &str, p: &str) -> Vec<wiremock::Request> {
    server
        .received_requests()
        .await
        .unwrap_or_default()
        .into_iter()
        .filter(|r| r.method.as_str() == verb && r.url.path() == p)
        .collect()
}

#[tokio::test]
async fn list_follows_the_after_cursor_and_names_properties() {
    let server = account().await;
    Mock::given(method("GET"))
        .and(path("/crm/v3/objects/deals"))
        .and(query_param("after", "2"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"results": [deal("2", "Beta", "20.10")]})),
        )
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/crm/v3/objects/deals"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "results": [deal("1", "Alpha", "1000.50")],
            "paging": {"next": {"after": "2", "link": "x"}}
        })))
        .mount(&server)
        .await;
    let home = Home::new();
    let mut cmd = home.crm_at("hubspot", &server.uri(), TOKEN);
    cmd.args(["deals", "list", "--all", "-o", "json"]);
    let out = run(cmd).await;
    assert_eq!(out.code, 0, "{}", out.stderr);
    let deals = out.json();
    assert_eq!(deals.as_array().unwrap().len(), 2);
    assert_eq!(deals[0]["amount"], "1000.50");
    assert_eq!(
        deals[0]["stage"],
        json!({"id": "contractsent", "name": "Contract Sent"})
    );
    assert_eq!(deals[0]["owner"]["name"], "Ana Lima");
    assert_eq!(deals[0]["custom"], json!({"region": "EMEA"}));
    assert_eq!(deals[0]["contacts"], json!(["201"]));
    assert_eq!(deals[0]["company"], "301");
    assert_eq!(deals[1]["id"], "2");
    let lists = requests_to(&server, "GET", "/crm/v3/objects/deals").await;
    assert_eq!(lists.len(), 2);
    let query: Vec<(String, String)> = lists[0]
        .url
        .query_pairs()
        .map(|(k, v)| (k.into(), v.into()))
        .collect();
    let props = &query.iter().find(|(k, _)| k == "properties").unwrap().1;
    for p in [
        "dealname",
        "amount",
        "dealstage",
        "hubspot_owner_id",
        "closedate",
        "region",
    ] {
        assert!(props.split(',').any(|x| x == p), "{p} missing from {props}");
    }
    assert!(query.contains(&("associations".into(), "contacts,companies".into())));
    for r in lists {
        assert_eq!(
            r.headers.get("authorization").unwrap(),
            &format!("Bearer {TOKEN}")
        );
    }
}
