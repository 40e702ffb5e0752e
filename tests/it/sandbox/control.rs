use crm::sandbox::{SandboxVendor, ServeArgs};
use reqwest::Method;
use serde_json::json;

use super::serve;
use crate::support::json::strings;
use crate::support::sandbox_api::inspect;

#[tokio::test]
async fn stats_count_requests_and_429s_and_skip_the_fault_layer() {
    let args = ServeArgs {
        rate_limit: Some("2/10s".parse().unwrap()),
        fail_rate: 1.0,
        ..ServeArgs::new(SandboxVendor::Hubspot)
    };
    let (sb, api) = serve(args).await;
    let mut statuses = vec![];
    for _ in 0..3 {
        statuses.push(api.get("/crm/v3/pipelines/deals").await.0);
    }
    assert!(statuses[..2].iter().all(|s| *s >= 500), "{statuses:?}");
    assert_eq!(statuses[2], 429);
    // No token, no limit, no injected failure here.
    let stats = inspect(&sb.url(), "stats").await;
    assert_eq!(stats["requests"], 3);
    assert_eq!(stats["throttled"], 1);
    assert_eq!(stats["failed"], 2);
    assert_eq!(inspect(&sb.url(), "stats").await["requests"], 3);
}

#[tokio::test]
async fn deals_lists_live_deals_for_every_vendor() {
    for (vendor, create, path) in [
        (
            SandboxVendor::Hubspot,
            json!({"properties": {"dealname": "Census", "dealstage": "contractsent"}}),
            "/crm/v3/objects/deals",
        ),
        (
            SandboxVendor::Pipedrive,
            json!({"title": "Census"}),
            "/api/v2/deals",
        ),
        (
            SandboxVendor::Sell,
            json!({"data": {"name": "Census", "contact_id": 300001}}),
            "/v2/deals",
        ),
    ] {
        let (sb, api) = serve(ServeArgs {
            deals: 3,
            ..ServeArgs::new(vendor)
        })
        .await;
        let (status, _) = api.with_body(Method::POST, path, create).await;
        assert!(status < 300, "{vendor:?}: {status}");
        let deals = inspect(&sb.url(), "deals").await;
        let names = strings(&deals, "/name");
        assert_eq!(names.len(), 4, "{vendor:?}: {deals}");
        assert_eq!(names.iter().filter(|n| **n == "Census").count(), 1);
    }
}
