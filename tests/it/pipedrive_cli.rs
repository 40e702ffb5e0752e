//! Pipedrive reads through the real binary against a local mock: the exact requests (headers,
//! query) and outputs of list, search, get, pipelines and stages; errors, retries, rate limits and
//! exit codes; and the built-in sandbox end to end. Writes are in `pipedrive_writes`.

use serde_json::{json, Value};
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, ResponseTemplate};

use crate::support::account::Account;
use crate::support::cli::{crm, run, Home, To};
use crate::support::json::strings;
use crate::support::mock::{query, requests_to, Answers};
use crate::support::pipedrive::{self, account, deal, ok, page, participants, search_hits, TOKEN};
use crate::support::sandbox_api::inspect;

#[tokio::test]
async fn list_follows_the_cursor_and_maps_every_field() {
    let server = account().await;
    Mock::given(method("GET"))
        .and(path("/api/v2/deals"))
        .and(query_param("cursor", "c2"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(page(json!([deal(2, "Beta", "12345678901234.56")]), None)),
        )
        .expect(1..)
        .mount(&server)
        .await;
    server
        .answer(
            "GET",
            "/api/v2/deals",
            page(json!([deal(1, "Alpha", "0.1")]), Some("c2")),
        )
        .await;
    let out = server.crm("deals list --all -o json").await;
    out.assert_exit(0);
    let deals = out.json();
    assert_eq!(deals.as_array().unwrap().len(), 2);
    let first = &deals[0];
    assert_eq!(first["id"], "1");
    assert_eq!(first["vendor"], "pipedrive");
    assert_eq!(first["name"], "Alpha");
    assert_eq!(first["amount"], "0.1");
    assert_eq!(first["currency"], "EUR");
    assert_eq!(first["pipeline"], json!({"id": "1", "name": "Sales"}));
    assert_eq!(first["stage"], json!({"id": "2", "name": "Proposal Made"}));
    assert_eq!(first["owner"], json!({"id": "11", "name": "Ana Lima"}));
    assert_eq!(first["status"], "open");
    assert_eq!(first["close_date"], "2026-12-31");
    assert_eq!(first["contacts"], json!(["201"]));
    assert_eq!(first["company"], "301");
    assert_eq!(first["tags"], json!(["Hot"]));
    assert_eq!(first["custom"], json!({"Region": "EMEA"}));
    assert_eq!(first["created_at"], "2026-01-02T03:04:05Z");
    assert_eq!(first["url"], "https://acme.pipedrive.com/deal/1");
    assert_eq!(deals[1]["amount"], "12345678901234.56");

    let lists = requests_to(&server, "GET", "/api/v2/deals").await;
    assert_eq!(lists.len(), 2, "no request per deal");
    let all = server.received_requests().await.unwrap();
    assert!(
        !all.iter().any(|r| r.url.path().contains("participants")),
        "participants only from get or --with-contacts"
    );
    assert_eq!(query(&lists[0]), [("limit".to_string(), "500".to_string())]);
    assert!(query(&lists[1]).contains(&("cursor".into(), "c2".into())));
    for r in server.received_requests().await.unwrap() {
        assert_eq!(r.headers.get("x-api-token").unwrap(), TOKEN);
        assert!(r.headers.get("authorization").is_none());
        assert!(!r.url.as_str().contains(TOKEN), "token in {}", r.url);
    }
    assert!(!out.stderr.contains(TOKEN));
}

#[tokio::test]
async fn filters_go_to_the_list_by_id_and_sort_maps_to_pipedrive_fields() {
    let server = account().await;
    server
        .answer("GET", "/api/v2/deals", page(json!([]), None))
        .await;
    let out = server
        .crm(
            "deals list --pipeline Sales --stage 'Proposal Made' --owner bo@example.com \
            --status won --contact 201 --company 301 --updated-since 2026-11-01 \
            --sort updated_at:desc --limit 20 -o json",
        )
        .await;
    out.assert_exit(0);
    assert_eq!(out.json(), json!([]));
    let r = &requests_to(&server, "GET", "/api/v2/deals").await[0];
    let want: Vec<(String, String)> = [
        ("owner_id", "12"),
        ("person_id", "201"),
        ("org_id", "301"),
        ("pipeline_id", "1"),
        ("stage_id", "2"),
        ("status", "won"),
        ("updated_since", "2026-11-01T00:00:00Z"),
        ("sort_by", "update_time"),
        ("sort_direction", "desc"),
        ("limit", "20"),
    ]
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .into();
    assert_eq!(query(r), want);
}

#[tokio::test]
async fn archived_and_unsupported_sorts() {
    let server = account().await;
    server
        .answer(
            "GET",
            "/api/v2/deals/archived",
            page(json!([deal(3, "Old", "5")]), None),
        )
        .await;
    let out = server.crm("deals list --archived -o json").await;
    out.assert_exit(0);
    assert_eq!(out.json()[0]["id"], "3");

    // Pipedrive's list sorts by id, add_time and update_time only: crm sorts by amount itself,
    // on a whole list; a page of one would be the wrong page, so that is refused (exit 6) before
    // any deal is read.
    let out = server.crm("deals list --sort amount").await;
    out.assert_exit(6);
    out.assert_says("updated_at");
    out.assert_says("--all");
    let reads = server.received_requests().await.unwrap();
    assert!(
        !reads.iter().any(|r| r.url.path() == "/api/v2/deals"),
        "no deal was read"
    );
    let out = server.crm("deals list --sort colour").await;
    out.assert_exit(2);
    let out = server.crm("deals list --stage Nowhere").await;
    out.assert_exit(3);
    out.assert_says("Proposal Made");
}

#[tokio::test]
async fn search_hydrates_reduced_items_and_filters_the_rest_locally() {
    let server = account().await;
    server
        .answer(
            "GET",
            "/api/v2/deals/search",
            search_hits(&[(8, "Acme B", 1.0), (7, "Acme A", 0.9)]),
        )
        .await;
    let mut other = deal(8, "Acme B", "20");
    other["owner_id"] = json!(12);
    server
        .answer(
            "GET",
            "/api/v2/deals",
            page(json!([deal(7, "Acme A", "10"), other]), None),
        )
        .await;
    let out = server
        .crm("deals list --search acme --status open --owner 'Ana Lima' -o json")
        .await;
    out.assert_exit(0);
    let deals = out.json();
    let ids = strings(&deals, "/id");
    assert_eq!(ids, ["7"], "deal 8 belongs to Bo");
    out.assert_says("cannot apply some");
    let search = &requests_to(&server, "GET", "/api/v2/deals/search").await[0];
    let q = query(search);
    assert!(q.contains(&("term".into(), "acme".into())));
    assert!(q.contains(&("status".into(), "open".into())));
    assert!(!q.iter().any(|(k, _)| k == "owner_id"));
    let hydrate = &requests_to(&server, "GET", "/api/v2/deals").await[0];
    assert!(query(hydrate).contains(&("ids".into(), "8,7".into())));
}

#[tokio::test]
async fn get_reads_participants_as_contacts() {
    let server = account().await;
    server
        .answer("GET", "/api/v2/deals/1", ok(deal(1, "Alpha", "1000.50")))
        .await;
    server
        .answer(
            "GET",
            "/api/v1/deals/1/participants",
            participants(&[(70, 201), (71, 202)]),
        )
        .await;
    let out = server.crm("deals get 1 -o json").await;
    out.assert_exit(0);
    assert_eq!(out.json()["contacts"], json!(["201", "202"]));
    assert_eq!(out.json()["amount"], "1000.5");

    let out = server.crm("deals get ../1").await;
    out.assert_exit(2);
}

#[tokio::test]
async fn unknown_custom_field_is_a_usage_error_with_a_suggestion_and_sends_nothing() {
    let server = account().await;
    let out = server.crm("deals update 4 --set Regoin=EMEA").await;
    out.assert_exit(2);
    out.assert_says("did you mean \"Region\"");
    assert!(requests_to(&server, "PATCH", "/api/v2/deals/4")
        .await
        .is_empty());
    let out = server.crm("deals update 4 --lost-reason Budget").await;
    out.assert_exit(2);
    out.assert_says("--status lost");
    let out = server.crm("deals update 4 --amount 12,5").await;
    out.assert_exit(2);
}

#[tokio::test]
async fn pipelines_and_stages_come_from_v2() {
    let server = account().await;
    let out = server.crm("stages list --pipeline Sales -o json").await;
    out.assert_exit(0);
    let stages = out.json();
    assert_eq!(stages[1]["name"], "Proposal Made");
    assert_eq!(stages[1]["probability"], "60");
    let out = server.crm("pipelines list -o json").await;
    out.assert_exit(0);
    assert_eq!(out.json()[0]["name"], "Sales");
}

#[tokio::test]
async fn a_refused_token_gets_a_hint_about_its_kind() {
    let server = Account::empty("pipedrive").await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(401).set_body_json(pipedrive::error("unauthorized access")),
        )
        .expect(1..)
        .mount(&server)
        .await;
    let out = server.crm("deals list").await;
    out.assert_exit(4);
    out.assert_says("x-api-token");
    assert!(!out.stderr.contains(TOKEN));
    let home = Home::new();
    let out = crm(
        &home,
        To::env("pipedrive", server.uri(), "oauth-access-token-xyz"),
        &["deals", "list"],
    )
    .await;
    out.assert_exit(4);
    out.assert_says("OAuth");
    let sent = server.received_requests().await.unwrap();
    let last = sent.last().unwrap();
    assert_eq!(
        last.headers.get("authorization").unwrap(),
        "Bearer oauth-access-token-xyz"
    );
    assert!(last.headers.get("x-api-token").is_none());
}

#[tokio::test]
async fn dry_run_shows_the_token_redacted_in_its_header() {
    let server = account().await;
    let out = server.crm("deals delete 5 --yes --dry-run").await;
    out.assert_exit(0);
    let all = format!("{}{}", out.stdout, out.stderr);
    assert!(all.contains("/api/v2/deals/5"), "{all}");
    assert!(all.contains("x-api-token"), "{all}");
    assert!(!all.contains(TOKEN), "{all}");
}

/// The built-in Pipedrive sandbox, end to end: the emulator and the adapter agree on the wire.
#[tokio::test]
async fn the_builtin_pipedrive_sandbox_works_end_to_end() {
    let home = Home::new();
    let sandbox = |args: &[&str]| {
        let mut cmd = home.crm();
        cmd.args(["--profile", "sandbox-pipedrive"]).args(args);
        cmd
    };
    let out = run(sandbox(&["deals", "list", "-o", "json"])).await;
    out.assert_exit(0);
    let deals = out.json();
    let first = &deals.as_array().unwrap()[0];
    assert_eq!(first["vendor"], "pipedrive");
    assert!(first["stage"]["name"].is_string(), "{first}");
    assert!(first["owner"]["name"].is_string(), "{first}");
    assert!(
        first["custom"]
            .as_object()
            .unwrap()
            .keys()
            .all(|k| k.len() != 40),
        "custom fields by name: {first}"
    );

    let out = run(sandbox(&[
        "deals", "create", "--name", "Keep me", "--amount", "0.1", "-o", "json",
    ]))
    .await;
    out.assert_exit(0);
    let keep = out.json()["id"].as_str().unwrap().to_string();
    assert_eq!(out.json()["amount"], "0.1");
    let out = run(sandbox(&[
        "deals", "create", "--name", "Merge me", "-o", "json",
    ]))
    .await;
    out.assert_exit(0);
    let other = out.json()["id"].as_str().unwrap().to_string();

    let out = run(sandbox(&[
        "deals", "merge", "--into", &keep, &other, "--yes", "-o", "json",
    ]))
    .await;
    out.assert_exit(0);
    assert_eq!(out.json()["id"], keep.as_str());
    assert_eq!(out.json()["name"], "Keep me");
    let out = run(sandbox(&["deals", "get", &other])).await;
    assert_eq!(out.code, 3, "the merged-away deal is gone: {}", out.stderr);
    let out = run(sandbox(&["deals", "get", &keep, "-o", "json"])).await;
    out.assert_exit(0);
}

#[tokio::test]
async fn a_spent_burst_budget_pauses_until_the_reset_pipedrive_announces() {
    let server = Account::empty("pipedrive").await;
    Mock::given(method("GET"))
        .and(path("/api/v2/deals/1"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("x-ratelimit-limit", "80")
                .insert_header("x-ratelimit-remaining", "0")
                .insert_header("x-ratelimit-reset", "1")
                .set_body_json(ok(deal(1, "A", "1"))),
        )
        .expect(1..)
        .mount(&server)
        .await;
    let started = std::time::Instant::now();
    // The metadata calls after the first answer wait for the burst window to reset (they 404 here,
    // which is not what this test judges).
    let _ = server.crm("deals get 1").await;
    let sent = server.received_requests().await.unwrap();
    assert!(sent.len() > 1, "{sent:?}");
    assert!(
        started.elapsed() >= std::time::Duration::from_secs(1),
        "no pause after x-ratelimit-remaining: 0"
    );
}

#[tokio::test]
async fn with_contacts_reads_each_deal_s_participants() {
    let server = account().await;
    server
        .answer(
            "GET",
            "/api/v2/deals",
            page(json!([deal(1, "A", "1"), deal(2, "B", "2")]), None),
        )
        .await;
    server
        .answer(
            "GET",
            "/api/v1/deals/1/participants",
            participants(&[(70, 205)]),
        )
        .await;
    server
        .answer("GET", "/api/v1/deals/2/participants", participants(&[]))
        .await;
    let out = server.crm("deals list --with-contacts -o json").await;
    out.assert_exit(0);
    assert_eq!(out.json()[0]["contacts"], json!(["201", "205"]));
    assert_eq!(out.json()[1]["contacts"], json!(["201"]));
}

/// Pipedrive's burst window counts requests per rolling 2 s, and its `x-ratelimit-*` headers say
/// so (https://pipedrive.readme.io/docs/core-api-concepts-rate-limiting). crm assumes the lowest
/// plan's 20 until the first answer tells the real window, then keeps under it: a cold list
/// (5 metadata calls and the page) against a window of 3 requests draws no 429, and the daily
/// budget (token costs, 52 here) is not a window crm waits for.
#[tokio::test]
async fn crm_learns_the_burst_window_in_requests_and_draws_no_429() {
    use crm::sandbox::{spawn, SandboxVendor, ServeArgs};
    let mut args = ServeArgs::new(SandboxVendor::Pipedrive);
    args.burst = Some("3/2s".parse().unwrap());
    args.rate_limit = Some("30000/24h".parse().unwrap());
    let sandbox = spawn(args).await.expect("sandbox starts");
    let home = Home::new();
    let out = crm(
        &home,
        To::env("pipedrive", sandbox.url(), TOKEN),
        &["-v", "deals", "list", "--limit", "5", "-o", "json"],
    )
    .await;
    out.assert_exit(0);
    assert_eq!(out.json().as_array().unwrap().len(), 5);
    let stats: Value = inspect(&sandbox.url(), "stats").await;
    assert_eq!(stats["requests"], 6, "{stats}");
    assert_eq!(stats["throttled"], 0, "{}", out.stderr);
    out.assert_says("< x-ratelimit-limit: 3");
    assert!(
        !out.stderr.contains("waiting for the rate limit"),
        "stderr is not a terminal: a script is not told\n{}",
        out.stderr
    );
}

#[tokio::test]
async fn a_base_url_with_the_api_version_is_refused_before_any_request() {
    let server = account().await;
    let home = Home::new();
    let out = crm(
        &home,
        To::env("pipedrive", format!("{}/api/v2", server.uri()), TOKEN),
        &["deals", "list"],
    )
    .await;
    out.assert_exit(2);
    out.assert_says("company domain alone");
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn verbose_traces_redact_the_api_token() {
    let server = account().await;
    server
        .answer("GET", "/api/v2/deals", page(json!([]), None))
        .await;
    let out = server.crm("-v deals list -o json").await;
    out.assert_exit(0);
    out.assert_says("x-api-token: (redacted)");
    assert!(!out.stderr.contains(TOKEN), "{}", out.stderr);
}

/// Pipedrive's own archive (`is_archived`, writable on `PATCH /api/v2/deals/{id}` in its v2
/// file) is a live deal put aside: `--archived` lists it with `"archived": true`. A deleted deal
/// (`DELETE` marks it deleted for 30 days) is `"deleted": true` with its real status, and `get`
/// of it is exit 3 unless `--archived` asks.
#[tokio::test]
async fn archived_and_deleted_deals_are_flagged_not_open() {
    use crm::sandbox::{spawn, SandboxVendor, ServeArgs};
    let sandbox = spawn(ServeArgs::new(SandboxVendor::Pipedrive))
        .await
        .expect("sandbox starts");
    let archived = reqwest::Client::new()
        .patch(format!("{}/api/v2/deals/3", sandbox.url()))
        .header("x-api-token", TOKEN)
        .json(&json!({"is_archived": true}))
        .send()
        .await
        .unwrap();
    assert_eq!(archived.status(), 200);
    let home = Home::new();
    let to = || To::Env {
        vendor: "pipedrive",
        base_url: sandbox.url(),
        token: TOKEN,
    };
    let out = crm(&home, to(), "deals list --archived --all -o json").await;
    out.assert_exit(0);
    let listed = out.json();
    let three = listed
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["id"] == "3")
        .expect("the archived deal is listed");
    assert_eq!(three["archived"], true, "{three}");
    assert!(three.get("deleted").is_none(), "{three}");

    let before = crm(&home, to(), "deals get 4 -o json").await.json();
    let out = crm(&home, to(), "deals delete 4 --yes").await;
    out.assert_exit(0);
    let out = crm(&home, to(), "deals get 4 -o json").await;
    assert_eq!(out.code, 3, "{}", out.stdout);
    out.assert_says("--archived");
    let out = crm(&home, to(), "deals get 4 --archived -o json").await;
    out.assert_exit(0);
    let deleted = out.json();
    assert_eq!(deleted["deleted"], true, "{deleted}");
    assert_eq!(deleted["status"], before["status"], "the real status stays");
    let live = crm(&home, to(), "deals get 5 --archived -o json").await;
    live.assert_exit(0);
    assert!(live.json().get("deleted").is_none());
}
