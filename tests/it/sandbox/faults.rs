use std::time::{Duration, Instant};

use crm::sandbox::{RateLimit, SandboxVendor, ServeArgs};
use reqwest::Method;
use serde_json::{json, Value};

use super::serve;

fn limited(vendor: SandboxVendor, spec: &str) -> ServeArgs {
    ServeArgs {
        rate_limit: Some(spec.parse::<RateLimit>().unwrap()),
        ..ServeArgs::new(vendor)
    }
}

#[tokio::test]
async fn hubspot_rate_limit_answers_429_with_its_headers() {
    let (_sb, api) = serve(limited(SandboxVendor::Hubspot, "3/10s")).await;
    for left in [2, 1, 0] {
        let resp = api
            .req(Method::GET, "/crm/v3/pipelines/deals")
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status().as_u16(), 200);
        assert_eq!(
            resp.headers()["x-hubspot-ratelimit-remaining"],
            left.to_string().as_str()
        );
        assert_eq!(resp.headers()["x-hubspot-ratelimit-max"], "3");
    }
    let resp = api
        .req(Method::GET, "/crm/v3/pipelines/deals")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 429);
    let h = resp.headers().clone();
    let retry: u64 = h["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=10).contains(&retry), "{retry}");
    assert_eq!(h["x-hubspot-ratelimit-interval-milliseconds"], "10000");
    assert_eq!(h["x-hubspot-ratelimit-remaining"], "0");
    let body: Value = resp.json().await.unwrap();
    assert_eq!(body["category"], "RATE_LIMITS");
}

#[tokio::test]
async fn pipedrive_rate_limit_counts_token_costs_and_window_resets() {
    let (_sb, api) = serve(limited(SandboxVendor::Pipedrive, "25/1s")).await;
    let first = api.req(Method::GET, "/api/v2/deals").send().await.unwrap();
    assert_eq!(
        first.headers()["x-ratelimit-remaining"],
        "15",
        "GET /deals costs 10 tokens"
    );
    assert_eq!(first.headers()["x-ratelimit-limit"], "25");
    assert_eq!(
        api.req(Method::GET, "/api/v2/deals")
            .send()
            .await
            .unwrap()
            .status()
            .as_u16(),
        200
    );
    let third = api.req(Method::GET, "/api/v2/deals").send().await.unwrap();
    assert_eq!(third.status().as_u16(), 429);
    assert!(
        third.headers().contains_key("retry-after")
            && third.headers().contains_key("x-ratelimit-reset")
    );
    let body: Value = third.json().await.unwrap();
    assert_eq!(body["success"], false);
    tokio::time::sleep(Duration::from_millis(1100)).await;
    assert_eq!(
        api.req(Method::GET, "/api/v2/deals")
            .send()
            .await
            .unwrap()
            .status()
            .as_u16(),
        200
    );
}

/// The burst window's headers and refusal over HTTP. A window of an hour keeps the test free of
/// the clock; that the window rolls (frees the oldest charge, not all at once) is a unit test
/// of the window itself, on instants it is given (`src/sandbox/faults.rs`).
#[tokio::test]
async fn pipedrive_burst_is_a_window_beside_the_daily_budget() {
    // Pipedrive's burst window counts requests ("20 requests per 2 seconds per api_token" on its
    // lowest plan) and x-ratelimit-limit / -remaining describe it in requests, whatever each
    // endpoint's token cost (https://pipedrive.readme.io/docs/core-api-concepts-rate-limiting).
    let (_sb, api) = serve(ServeArgs {
        burst: Some("3/1h".parse().unwrap()),
        ..limited(SandboxVendor::Pipedrive, "1000/24h")
    })
    .await;
    let status = |r: &reqwest::Response| r.status().as_u16();
    let first = api.req(Method::GET, "/api/v2/deals").send().await.unwrap();
    assert_eq!(status(&first), 200);
    assert_eq!(
        first.headers()["x-ratelimit-limit"],
        "3",
        "the burst window"
    );
    assert_eq!(
        first.headers()["x-ratelimit-remaining"],
        "2",
        "one request, although GET /deals costs 10 tokens"
    );
    for _ in 0..2 {
        assert_eq!(
            status(&api.req(Method::GET, "/api/v2/deals").send().await.unwrap()),
            200
        );
    }
    let refused = api.req(Method::GET, "/api/v2/deals").send().await.unwrap();
    assert_eq!(status(&refused), 429);
    // When the first charge leaves the hour's window: at most an hour away.
    let retry: u64 = refused.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=3600).contains(&retry), "{retry}");
}

#[tokio::test]
async fn sell_rate_limit_headers() {
    let (_sb, api) = serve(limited(SandboxVendor::Sell, "1/1m")).await;
    assert_eq!(
        api.req(Method::GET, "/v2/deals")
            .send()
            .await
            .unwrap()
            .status()
            .as_u16(),
        200
    );
    let resp = api.req(Method::GET, "/v2/deals").send().await.unwrap();
    assert_eq!(resp.status().as_u16(), 429);
    assert_eq!(resp.headers()["x-ratelimit-limit"], "1");
    let body: Value = resp.json().await.unwrap();
    assert_eq!(body["errors"][0]["error"]["code"], "rate_limit_exceeded");
}

#[tokio::test]
async fn fail_rate_gives_5xx_and_some_writes_happen_anyway() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state.json");
    let args = ServeArgs {
        fail_rate: 1.0,
        state: Some(state.clone()),
        ..ServeArgs::new(SandboxVendor::Hubspot)
    };
    let (sb, api) = serve(args).await;
    let (status, body) = api.get("/crm/v3/objects/deals").await;
    assert!([500, 502, 503].contains(&status), "{status}");
    assert_eq!(body["status"], "error");
    for i in 0..30 {
        let (status, _) = api
            .with_body(
                Method::POST,
                "/crm/v3/objects/deals",
                json!({"properties": {"dealname": format!("w{i}"), "dealstage": "contractsent"}}),
            )
            .await;
        assert!(status >= 500);
    }
    sb.shutdown().await.unwrap();
    let (_sb, api) = serve(ServeArgs {
        state: Some(state),
        ..ServeArgs::new(SandboxVendor::Hubspot)
    })
    .await;
    let (_, all) = api
        .with_body(
            Method::POST,
            "/crm/v3/objects/deals/search",
            json!({"limit": 1}),
        )
        .await;
    let applied = all["total"].as_u64().unwrap() - 25;
    assert!(
        (3..=27).contains(&applied),
        "about half of the failed writes were applied: {applied}"
    );
}

#[tokio::test]
async fn reset_rate_drops_the_connection_mid_body() {
    let (_sb, api) = serve(ServeArgs {
        reset_rate: 1.0,
        ..ServeArgs::new(SandboxVendor::Pipedrive)
    })
    .await;
    let resp = api
        .req(Method::GET, "/api/v2/deals")
        .send()
        .await
        .expect("headers arrive");
    assert_eq!(resp.status().as_u16(), 200);
    assert!(resp.bytes().await.is_err(), "the body is cut off");
}

#[tokio::test]
async fn truncate_rate_cuts_the_json() {
    let (_sb, api) = serve(ServeArgs {
        truncate_rate: 1.0,
        ..ServeArgs::new(SandboxVendor::Sell)
    })
    .await;
    let resp = api.req(Method::GET, "/v2/deals").send().await.unwrap();
    assert_eq!(resp.status().as_u16(), 200);
    let text = resp.text().await.expect("a complete (short) body");
    assert!(text.starts_with("{\"items\""));
    assert!(serde_json::from_str::<Value>(&text).is_err());
}

#[tokio::test]
async fn slow_body_and_latency_take_time() {
    let (_sb, api) = serve(ServeArgs {
        slow_body_ms: 40,
        latency_ms: 100,
        ..ServeArgs::new(SandboxVendor::Hubspot)
    })
    .await;
    let t = Instant::now();
    let (status, body) = api.get("/crm/v3/objects/deals?limit=100").await;
    assert_eq!(status, 200);
    assert_eq!(body["results"].as_array().unwrap().len(), 25);
    assert!(
        t.elapsed() >= Duration::from_millis(100 + 10 * 40),
        "{:?}",
        t.elapsed()
    );
}

#[test]
fn rate_limit_parses() {
    let rl: RateLimit = "100/10s".parse().unwrap();
    assert_eq!((rl.max, rl.window), (100, Duration::from_secs(10)));
    assert_eq!(
        "5/500ms".parse::<RateLimit>().unwrap().window,
        Duration::from_millis(500)
    );
    assert_eq!(
        "40/2m".parse::<RateLimit>().unwrap().window,
        Duration::from_secs(120)
    );
    assert!("abc".parse::<RateLimit>().is_err());
    assert!("0/1s".parse::<RateLimit>().is_err());
}
