//! Profile settings that change what commands do: the default pipeline (`deals create`,
//! `stages list`) and the rate-limit tier (`profiles add` refuses unknown tiers).

use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::support::cli::{crm, run_sync, Args, Home, Run, To};
use crate::support::mock::{body, requests_to, Answers};
use crate::support::pipedrive::{deal, fields, ok, page, users, TOKEN};

/// A Pipedrive account with two pipelines: Sales (stages 1, 2) and Renewals (stage 3).
async fn two_pipelines() -> MockServer {
    let server = MockServer::start().await;
    let stage = |id: u64, name: &str, pipeline: u64| {
        json!({"id": id, "order_nr": id, "name": name, "is_deleted": false,
               "deal_probability": 10, "pipeline_id": pipeline, "is_deal_rot_enabled": false,
               "days_to_rotten": null, "add_time": "2024-01-01T00:00:00Z",
               "update_time": "2024-01-01T00:00:00Z"})
    };
    let pipeline = |id: u64, name: &str| {
        json!({"id": id, "name": name, "order_nr": id, "is_deleted": false,
               "is_deal_probability_enabled": true, "add_time": "2024-01-01T00:00:00Z",
               "update_time": "2024-01-01T00:00:00Z"})
    };
    let answers = [
        (
            "GET",
            "/api/v2/pipelines",
            page(json!([pipeline(1, "Sales"), pipeline(2, "Renewals")]), None),
        ),
        (
            "GET",
            "/api/v2/stages",
            page(
                json!([
                    stage(1, "Qualified", 1),
                    stage(2, "Proposal Made", 1),
                    stage(3, "Renewal Due", 2)
                ]),
                None,
            ),
        ),
        ("GET", "/api/v2/dealFields", page(fields(), None)),
        ("GET", "/api/v1/users", ok(users())),
        (
            "GET",
            "/api/v1/users/me",
            ok(json!({"id": 11, "name": "Ana Lima", "company_domain": "acme"})),
        ),
        ("POST", "/api/v2/deals", ok(deal(9, "Acme", "1"))),
    ];
    for (verb, p, answer) in answers {
        Mock::given(method(verb))
            .and(path(p))
            .respond_with(ResponseTemplate::new(200).set_body_json(answer))
            .mount(&server)
            .await;
    }
    server
}

fn add_profile(home: &Home, server: &MockServer, extra: &[&str]) -> Run {
    let mut cmd = home.crm();
    cmd.args(["profiles", "add", "acme", "--vendor", "pipedrive"])
        .args(["--base-url", &server.uri()])
        .args(extra);
    run_sync(cmd)
}

/// `crm ARGS` with the profile in use; CRM_TOKEN stands in for the keyring.
async fn in_profile(home: &Home, args: &(impl Args + ?Sized)) -> Run {
    let args = &args.to_args()[..];
    crm(home, To::Default, args).env("CRM_TOKEN", TOKEN).await
}

#[tokio::test]
async fn deals_create_uses_the_default_pipeline_unless_a_flag_decides() {
    let server = two_pipelines().await;
    let home = Home::new();
    let added = add_profile(&home, &server, &["--default-pipeline", "Renewals"]);
    added.assert_exit(0);

    let out = in_profile(&home, "deals create --name Acme -o json").await;
    out.assert_exit(0);
    out.assert_says("default pipeline \"Renewals\"");
    let posts = requests_to(&server, "POST", "/api/v2/deals").await;
    assert_eq!(body(&posts[0])["pipeline_id"], 2, "{}", body(&posts[0]));

    // A stage decides the pipeline itself: the default is not added beside it.
    let out = in_profile(&home, "deals create --name Acme --stage Qualified").await;
    out.assert_exit(0);
    let posts = requests_to(&server, "POST", "/api/v2/deals").await;
    assert_eq!(body(&posts[1])["stage_id"], 1, "{}", body(&posts[1]));
    assert!(
        body(&posts[1]).get("pipeline_id").is_none(),
        "{}",
        body(&posts[1])
    );

    let out = in_profile(&home, "deals create --name Acme --pipeline Sales").await;
    out.assert_exit(0);
    let posts = requests_to(&server, "POST", "/api/v2/deals").await;
    assert_eq!(body(&posts[2])["pipeline_id"], 1, "{}", body(&posts[2]));
}

#[tokio::test]
async fn stages_list_shows_the_default_pipeline_unless_another_is_named() {
    let server = two_pipelines().await;
    let home = Home::new();
    assert_eq!(
        add_profile(&home, &server, &["--default-pipeline", "Renewals"]).code,
        0
    );
    let names = |out: &Run| -> Vec<String> {
        out.assert_exit(0);
        out.json()
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["name"].as_str().unwrap().to_string())
            .collect()
    };
    let out = in_profile(&home, "stages list -o json").await;
    assert_eq!(names(&out), ["Renewal Due"]);
    let out = in_profile(&home, "stages list --pipeline Sales -o json").await;
    assert_eq!(names(&out), ["Qualified", "Proposal Made"]);

    // Without a default, every pipeline's stages.
    let plain = Home::new();
    assert_eq!(add_profile(&plain, &server, &[]).code, 0);
    let out = in_profile(&plain, "stages list -o json").await;
    assert_eq!(names(&out).len(), 3);
}

#[test]
fn profiles_add_refuses_an_unknown_tier_and_names_the_valid_ones() {
    let home = Home::new();
    let mut cmd = home.crm();
    cmd.args(["profiles", "add", "hub", "--vendor", "hubspot"])
        .args(["--rate-limit-tier", "gold"]);
    let out = run_sync(cmd);
    out.assert_exit(2);
    out.assert_says("\"gold\"");
    out.assert_says("free, starter, professional, enterprise, api-limit-increase");
    assert!(crate::support::creds::config_text(&home).is_none());

    let mut cmd = home.crm();
    cmd.args(["profiles", "add", "sell", "--vendor", "sell"])
        .args(["--rate-limit-tier", "enterprise"]);
    let out = run_sync(cmd);
    out.assert_exit(2);
    out.assert_says("every plan");

    let mut cmd = home.crm();
    cmd.args(["profiles", "add", "pd", "--vendor", "pipedrive"])
        .args(["--rate-limit-tier", "Growth"]);
    assert_eq!(run_sync(cmd).code, 0);
    let text = crate::support::creds::config_text(&home).unwrap();
    assert!(text.contains("rate_limit_tier = \"growth\""), "{text}");
}

/// Pipedrive's Lite tier allows 20 requests per 2 s (its rate-limit page); a list with
/// `--with-contacts` of 20 deals makes 26 (5 metadata calls, the page, a participants call per
/// deal), so the limiter spreads them over more than one window when the server's headers do not
/// say otherwise.
#[tokio::test]
async fn the_tier_sizes_the_limiter() {
    let server = crate::support::pipedrive::account().await;
    let deals: Vec<serde_json::Value> = (1..=20).map(|i| deal(i, "Acme", "10")).collect();
    server
        .answer("GET", "/api/v2/deals", page(json!(deals), None))
        .await;
    crate::support::pipedrive::answer_no_participants(&server).await;
    // A lower bound only: the lite window cannot be spent faster than it refills. That an
    // untiered profile does not wait is a speed figure, for scripts/bench, not a test.
    let lite = Home::new();
    assert_eq!(
        add_profile(&lite, &server, &["--rate-limit-tier", "lite"]).code,
        0
    );
    let started = std::time::Instant::now();
    let out = in_profile(&lite, "deals list --with-contacts -o json").await;
    out.assert_exit(0);
    assert_eq!(out.json().as_array().unwrap().len(), 20);
    let requests = server.received_requests().await.unwrap().len();
    assert!(requests > 20, "{requests} requests");
    let tiered = started.elapsed();
    assert!(
        tiered >= std::time::Duration::from_secs(2),
        "lite, {requests} requests: {tiered:?}"
    );
}

#[tokio::test]
async fn a_hand_edited_unknown_tier_is_reported_before_any_request() {
    let server = MockServer::start().await;
    let home = Home::new();
    assert_eq!(add_profile(&home, &server, &[]).code, 0);
    let config = home.path().join("config").join("config.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    std::fs::write(&config, format!("{text}rate_limit_tier = \"platinum\"\n")).unwrap();
    let out = in_profile(&home, "deals list").await;
    out.assert_exit(2);
    out.assert_says("platinum");
    out.assert_says("config.toml");
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn a_default_pipeline_that_does_not_exist_says_where_it_came_from() {
    let server = two_pipelines().await;
    let home = Home::new();
    assert_eq!(
        add_profile(&home, &server, &["--default-pipeline", "Gone"]).code,
        0
    );
    let out = in_profile(&home, "stages list").await;
    out.assert_exit(3);
    assert!(
        out.stderr.contains("Renewals"),
        "candidates: {}",
        out.stderr
    );
    out.assert_says("default pipeline");
    out.assert_says("config.toml");
}
