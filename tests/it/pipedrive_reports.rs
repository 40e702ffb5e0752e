//! Pipedrive's reports through the adapter: its own summary, timeline, changelog and flow
//! answering the examples of Pipedrive's documents (a local mock), the requests each report
//! sends (counted, for the cost rule), and every one of those requests judged by Prism running
//! specs/pipedrive/openapi-v1.yaml.
//!
//! Documents: seeds/003 "Get deals summary", "Get deals timeline", "List updates about deal
//! field values", "List updates about a deal"; openapi-v1 `/deals/summary`, `/deals/timeline`,
//! `/deals/{id}/changelog`, `/deals/{id}/flow` and their examples.

use futures::TryStreamExt;
use serde_json::{json, Value};
use wiremock::matchers::{method, path, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crm::adapter::{Adapter, FactNeeds};
use crm::error::Error;
use crm::model::{ListQuery, Vendor};
use crm::reports::{
    DateField, GroupBy, Interval, Money, Source, SourceChoice, SummaryRequest, TimelineRequest,
};

use crate::conformance::adapter;
use crate::support::account::Account;
use crate::support::contract::run;
use crate::support::mock::{self, requests_to, requests_where, Answers};
use crate::support::pipedrive::{self, ok, page, REGION_KEY};
use crate::support::ContractServer;

/// The example answer of `GET /deals/summary` in openapi-v1.
fn documented_summary() -> Value {
    crate::support::account::fixture("pipedrive/deals-summary.json")
}

/// A summary answer of `total_count` deals, all in EUR worth `value` each.
fn summary_of(total_count: u64, value: u64) -> Value {
    json!({"success": true, "data": {
        "values_total": {"EUR": {"value": total_count * value, "count": total_count}},
        "weighted_values_total": {"EUR": {"value": 0, "count": total_count}},
        "total_count": total_count,
        "total_currency_converted_value": total_count * value,
        "total_weighted_currency_converted_value": 0}})
}

fn summary_request(by: GroupBy, source: SourceChoice) -> SummaryRequest {
    SummaryRequest {
        by,
        in_currency: None,
        source,
    }
}

fn money(count: u64, total: &str, weighted: &str) -> Money {
    Money::counted(count, total.parse().unwrap(), weighted.parse().unwrap())
}

async fn summaries(server: &MockServer) -> Vec<wiremock::Request> {
    requests_to(server, "GET", "/api/v1/deals/summary").await
}

fn the_adapter(server: &MockServer) -> Box<dyn Adapter> {
    adapter(Vendor::Pipedrive, &server.uri()).unwrap()
}

#[tokio::test]
async fn a_summary_by_stage_is_the_total_then_a_call_per_stage() {
    let server = pipedrive::account().await;
    server
        .answer("GET", "/api/v1/deals/summary", documented_summary())
        .await;
    let crm = the_adapter(&server);
    let query = ListQuery {
        owner: Some("Bo Berg".into()),
        ..ListQuery::default()
    };
    let request = summary_request(GroupBy::Stage, SourceChoice::Vendor);
    let summary = crm
        .reports()
        .vendor_summary(&query, &request)
        .await
        .unwrap()
        .expect("Pipedrive's own summary");
    assert_eq!(summary.source, Source::Vendor);
    assert_eq!(summary.total.count, 5);
    assert_eq!(summary.total.sums.money["EUR"], money(2, "10", "10"));
    assert_eq!(summary.total.sums.money["USD"], money(3, "30", "30"));
    let stages: Vec<_> = summary
        .groups
        .iter()
        .map(|g| (g.key.id.as_deref().unwrap(), g.key.label.as_str(), g.count))
        .collect();
    assert_eq!(
        stages,
        [("1", "Qualified", 5), ("2", "Proposal Made", 5)],
        "the account's stages in pipeline order, named"
    );
    let sent: Vec<_> = summaries(&server).await.iter().map(mock::query).collect();
    let pair = |k: &str, v: &str| (k.to_string(), v.to_string());
    assert_eq!(sent.len(), 3);
    assert_eq!(sent[0], [pair("user_id", "12")]);
    assert_eq!(sent[1], [pair("user_id", "12"), pair("stage_id", "1")]);
    assert_eq!(sent[2], [pair("user_id", "12"), pair("stage_id", "2")]);
}

/// `--by currency` is the total's own per-currency figures: one call.
#[tokio::test]
async fn a_summary_by_currency_is_one_call() {
    let server = pipedrive::account().await;
    server
        .answer("GET", "/api/v1/deals/summary", documented_summary())
        .await;
    let crm = the_adapter(&server);
    let request = summary_request(GroupBy::Currency, SourceChoice::Auto);
    let summary = crm
        .reports()
        .vendor_summary(&ListQuery::default(), &request)
        .await
        .unwrap()
        .unwrap();
    let groups: Vec<_> = summary
        .groups
        .iter()
        .map(|g| (g.key.label.as_str(), g.count))
        .collect();
    assert_eq!(groups, [("EUR", 2), ("USD", 3)]);
    assert_eq!(summaries(&server).await.len(), 1);
}

/// An account whose pipeline has `stages` stages, and a summary that says there are
/// `deals` deals in all.
async fn stages_and_deals(stages: u64, deals: u64) -> MockServer {
    let server = MockServer::start().await;
    let pipelines = json!([{"id": 1, "name": "Sales", "order_nr": 1}]);
    let stages: Vec<Value> = (1..=stages)
        .map(
            |id| json!({"id": id, "name": format!("Stage {id}"), "pipeline_id": 1, "order_nr": id}),
        )
        .collect();
    for (p, body) in [
        ("/api/v2/pipelines", page(pipelines, None)),
        ("/api/v2/stages", page(json!(stages), None)),
        ("/api/v2/dealFields", page(pipedrive::fields(), None)),
        ("/api/v1/users", ok(pipedrive::users())),
        (
            "/api/v1/users/me",
            ok(json!({"id": 11, "name": "Ana Lima"})),
        ),
    ] {
        Mock::given(method("GET"))
            .and(path(p))
            .respond_with(ResponseTemplate::new(200).set_body_json(body))
            .mount(&server)
            .await;
    }
    // Each stage holds one deal; the total (no stage_id) says how many there are.
    Mock::given(method("GET"))
        .and(path("/api/v1/deals/summary"))
        .and(query_param_is_missing("stage_id"))
        .respond_with(ResponseTemplate::new(200).set_body_json(summary_of(deals, 10)))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/v1/deals/summary"))
        .respond_with(ResponseTemplate::new(200).set_body_json(summary_of(1, 10)))
        .mount(&server)
        .await;
    server
}

/// Auto asks per group only when `groups × 40` tokens are fewer than `ceil(deals / 500) × 10`
/// (summary 40 tokens, a list page of 500 deals 10: `x-token-cost` in openapi-v1 and v2).
#[tokio::test]
async fn auto_lists_when_listing_costs_fewer_tokens() {
    let auto = summary_request(GroupBy::Stage, SourceChoice::Auto);
    // 30 stages and 900 deals: 1,200 tokens of summaries against 20 of listing.
    let server = stages_and_deals(30, 900).await;
    let crm = the_adapter(&server);
    let answer = crm
        .reports()
        .vendor_summary(&ListQuery::default(), &auto)
        .await
        .unwrap();
    assert!(answer.is_none(), "crm lists");
    assert_eq!(summaries(&server).await.len(), 1, "the total call alone");
    // 3 stages and 10,000 deals: 120 tokens of summaries against 200 of listing.
    let server = stages_and_deals(3, 10_000).await;
    let crm = the_adapter(&server);
    let summary = crm
        .reports()
        .vendor_summary(&ListQuery::default(), &auto)
        .await
        .unwrap()
        .expect("per-stage calls");
    assert_eq!(summaries(&server).await.len(), 4);
    assert_eq!(summary.total.count, 10_000);
    assert_eq!(summary.groups.len(), 3);
    assert!(summary.groups.iter().all(|g| g.count == 1));
    // No deal at all: every stage is an empty group, without asking each.
    let server = stages_and_deals(30, 0).await;
    let crm = the_adapter(&server);
    let summary = crm
        .reports()
        .vendor_summary(&ListQuery::default(), &auto)
        .await
        .unwrap()
        .expect("empty groups");
    assert_eq!(summary.groups.len(), 30);
    assert!(summary.groups.iter().all(|g| g.count == 0));
    assert_eq!(summaries(&server).await.len(), 1);
    // `--via vendor` asks per stage whatever it costs.
    let server = stages_and_deals(30, 900).await;
    let crm = the_adapter(&server);
    let vendor = summary_request(GroupBy::Stage, SourceChoice::Vendor);
    let summary = crm
        .reports()
        .vendor_summary(&ListQuery::default(), &vendor)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(summary.groups.len(), 30);
    assert_eq!(summaries(&server).await.len(), 31);
}

/// A filter Pipedrive's summary lacks: crm lists, or `--via vendor` is told which one.
#[tokio::test]
async fn filters_the_summary_lacks_list_or_are_named() {
    let server = MockServer::start().await;
    let crm = the_adapter(&server);
    let query = ListQuery {
        search: Some("acme".into()),
        ..ListQuery::default()
    };
    let auto = summary_request(GroupBy::Status, SourceChoice::Auto);
    assert!(crm
        .reports()
        .vendor_summary(&query, &auto)
        .await
        .unwrap()
        .is_none());
    let vendor = summary_request(GroupBy::Status, SourceChoice::Vendor);
    let e = crm
        .reports()
        .vendor_summary(&query, &vendor)
        .await
        .unwrap_err();
    assert!(matches!(e, Error::Usage { .. }), "{e:?}");
    assert!(e.to_string().contains("--search"), "{e}");
    let month = summary_request(GroupBy::CloseMonth, SourceChoice::Auto);
    let plain = ListQuery::default();
    let server = pipedrive::account().await;
    let crm = the_adapter(&server);
    assert!(crm
        .reports()
        .vendor_summary(&plain, &month)
        .await
        .unwrap()
        .is_none());
    assert!(summaries(&server).await.is_empty());
}

/// `--in-currency`: Pipedrive's summary converts into the company's default currency only
/// (`default_currency` of `/users/me`); the figures are its converted totals.
#[tokio::test]
async fn converted_totals_in_the_default_currency_only() {
    let server = pipedrive::account().await;
    Mock::given(method("GET"))
        .and(path("/api/v1/users/me"))
        .respond_with(ResponseTemplate::new(200).set_body_json(ok(
            json!({"id": 11, "name": "Ana Lima", "default_currency": "EUR"}),
        )))
        .with_priority(1)
        .mount(&server)
        .await;
    server
        .answer("GET", "/api/v1/deals/summary", documented_summary())
        .await;
    let crm = the_adapter(&server);
    assert_eq!(
        crm.reports().home_currency().await.unwrap().as_deref(),
        Some("EUR")
    );
    let mut request = summary_request(GroupBy::Status, SourceChoice::Auto);
    request.in_currency = Some("USD".into());
    let e = crm
        .reports()
        .vendor_summary(&ListQuery::default(), &request)
        .await
        .unwrap_err();
    assert!(matches!(e, Error::Usage { .. }), "{e:?}");
    assert!(e.to_string().contains("default currency EUR"), "{e}");
    request.in_currency = Some("eur".into());
    let summary = crm
        .reports()
        .vendor_summary(&ListQuery::default(), &request)
        .await
        .unwrap()
        .expect("only the summary converts");
    assert_eq!(summary.in_currency.as_deref(), Some("EUR"));
    assert_eq!(summary.total.sums.converted, Some(money(5, "41.1", "41.1")));
    assert_eq!(
        summary.groups.len(),
        3,
        "open, won, lost, however cheap listing is"
    );
    // A filter the summary lacks: crm lists (and the command drops the conversion, which listed
    // deals cannot give), unless `--via vendor` insists.
    let query = ListQuery {
        name: Some("Acme".into()),
        ..ListQuery::default()
    };
    let listed = crm
        .reports()
        .vendor_summary(&query, &request)
        .await
        .unwrap();
    assert!(listed.is_none());
    assert!(!crm.reports().converts_listed());
    request.source = SourceChoice::Vendor;
    let e = crm
        .reports()
        .vendor_summary(&query, &request)
        .await
        .unwrap_err();
    assert!(e.to_string().contains("--name"), "{e}");
}

#[tokio::test]
async fn the_timeline_is_one_call_with_the_query_s_owner_and_pipeline() {
    let server = pipedrive::account().await;
    // openapi-v1's example period, its deals left out (`exclude_deals=1`).
    let period = json!({
        "period_start": "2019-12-01 00:00:00", "period_end": "2019-12-31 23:59:59",
        "totals": {"count": 2, "values": {"EUR": 100, "USD": 220},
                   "weighted_values": {"EUR": 100, "USD": 2200}, "open_count": 1,
                   "open_values": {"EUR": 100}, "weighted_open_values": {"EUR": 100},
                   "won_count": 1, "won_values": {"USD": 2200}}});
    server
        .answer("GET", "/api/v1/deals/timeline", ok(json!([period])))
        .await;
    let crm = the_adapter(&server);
    let query = ListQuery {
        owner: Some("bo@example.com".into()),
        pipeline: Some("Sales".into()),
        ..ListQuery::default()
    };
    let request = TimelineRequest {
        interval: Interval::Month,
        from: "2019-12-01".parse().unwrap(),
        periods: 1,
        field: DateField::WonAt,
        in_currency: None,
        source: SourceChoice::Auto,
    };
    let timeline = crm
        .reports()
        .vendor_timeline(&query, &request)
        .await
        .unwrap()
        .expect("Pipedrive's own timeline");
    assert_eq!(timeline.periods.len(), 1);
    let p = &timeline.periods[0];
    assert_eq!((p.start, p.end), request.bounds()[0]);
    assert_eq!((p.count, p.open_count, p.won_count), (2, 1, 1));
    assert_eq!(p.sums.money["USD"].total.to_string(), "220");
    assert_eq!(p.sums.money["USD"].weighted.to_string(), "2200");
    let sent = requests_to(&server, "GET", "/api/v1/deals/timeline").await;
    assert_eq!(sent.len(), 1);
    let mut params = mock::query(&sent[0]);
    params.sort();
    let want: Vec<(String, String)> = [
        ("amount", "1"),
        ("exclude_deals", "1"),
        ("field_key", "won_time"),
        ("interval", "month"),
        ("pipeline_id", "1"),
        ("start_date", "2019-12-01"),
        ("user_id", "12"),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    assert_eq!(params, want);
    // The timeline takes no stage: crm sums the listed deals.
    let staged = ListQuery {
        stage: Some("Qualified".into()),
        ..ListQuery::default()
    };
    assert!(crm
        .reports()
        .vendor_timeline(&staged, &request)
        .await
        .unwrap()
        .is_none());
}

/// The facts of listed deals carry `won_time`; a deal of value 0 has an amount of 0 in its
/// currency, as Pipedrive's summary counts it in that currency.
#[tokio::test]
async fn facts_carry_won_time_and_a_zero_value() {
    let server = pipedrive::account().await;
    let mut won = pipedrive::deal(1, "Won", "0");
    won["status"] = json!("won");
    won["won_time"] = json!("2026-03-04T05:06:07Z");
    won["currency"] = json!("EUR");
    server
        .answer("GET", "/api/v2/deals", page(json!([won]), None))
        .await;
    let crm = the_adapter(&server);
    let needs = FactNeeds {
        won_at: true,
        ..FactNeeds::default()
    };
    let pages: Vec<_> = crm
        .reports()
        .facts(&ListQuery::default(), needs)
        .await
        .unwrap()
        .try_collect()
        .await
        .unwrap();
    let fact = &pages[0][0];
    assert_eq!(
        fact.won_at.map(crm::model::time_text).as_deref(),
        Some("2026-03-04T05:06:07Z")
    );
    assert_eq!(fact.amount.map(|a| a.to_string()).as_deref(), Some("0"));
    assert_eq!(fact.currency.as_deref(), Some("EUR"));
    let plain: Vec<_> = crm
        .reports()
        .facts(&ListQuery::default(), FactNeeds::default())
        .await
        .unwrap()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(plain[0][0].won_at, None, "asked only when needed");
}

/// The changelog's own example (newest first), a stage change the flow has and the changelog
/// lacks, one both have, and a custom field.
async fn history_account() -> Account {
    let server = pipedrive::account().await;
    let changelog = json!({"success": true, "data": [
        {"field_key": REGION_KEY, "old_value": null, "new_value": "31", "actor_user_id": 12,
         "time": "2024-02-12 09:20:00", "change_source": "api"},
        {"field_key": "stage_id", "old_value": "1", "new_value": "2", "actor_user_id": 11,
         "time": "2024-02-12 09:15:00", "change_source": "app"},
        {"field_key": "title", "old_value": "My Deel", "new_value": "My Deal",
         "actor_user_id": 26, "time": "2024-02-12 09:14:35", "change_source": "app",
         "change_source_user_agent": "Mozilla/5.0", "is_bulk_update_flag": false},
        {"field_key": "value", "old_value": "0", "new_value": "100", "actor_user_id": 26,
         "time": "2024-02-12 09:10:12", "change_source": "app",
         "change_source_user_agent": "Mozilla/5.0", "is_bulk_update_flag": false}],
        "additional_data": {"next_cursor": null}});
    server
        .answer("GET", "/api/v1/deals/7/changelog", changelog)
        .await;
    let stage = |id: u64, old: u64, new: u64, time: &str| {
        json!({"object": "dealChange", "timestamp": time, "data": {
            "id": id, "item_id": 7, "user_id": 11, "field_key": "stage_id",
            "old_value": old, "new_value": new, "log_time": time, "change_source": "app"}})
    };
    let flow = json!({"success": true, "data": [
        stage(3, 1, 2, "2024-02-12 09:15:00"),
        {"object": "dealChange", "timestamp": "2024-02-12 09:14:35", "data": {"id": 2,
         "user_id": 26, "field_key": "title", "old_value": "My Deel", "new_value": "My Deal",
         "log_time": "2024-02-12 09:14:35"}},
        {"object": "note", "timestamp": "2024-02-12 09:00:00", "data": {"id": 9}},
        stage(1, 2, 1, "2024-02-11 08:00:00")],
        "additional_data": {"pagination": {"start": 0, "limit": 100,
                                           "more_items_in_collection": false}}});
    server.answer("GET", "/api/v1/deals/7/flow", flow).await;
    server
}

#[tokio::test]
async fn history_is_the_changelog_and_the_flow_s_stage_changes_oldest_first() {
    let server = history_account().await;
    let crm = the_adapter(&server);
    let changes = crm.reports().history("7", &[]).await.unwrap();
    let seen: Vec<_> = changes
        .iter()
        .map(|c| {
            format!(
                "{} {} {:?}→{:?} by {:?} via {:?}",
                crm::model::time_text(c.time),
                c.field,
                c.old,
                c.new,
                c.by,
                c.source
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            r#"2024-02-11T08:00:00Z stage Some("Proposal Made")→Some("Qualified") by Some("Ana Lima") via Some("app")"#,
            r#"2024-02-12T09:10:12Z amount Some("0")→Some("100") by Some("26") via Some("app")"#,
            r#"2024-02-12T09:14:35Z name Some("My Deel")→Some("My Deal") by Some("26") via Some("app")"#,
            r#"2024-02-12T09:15:00Z stage Some("Qualified")→Some("Proposal Made") by Some("Ana Lima") via Some("app")"#,
            r#"2024-02-12T09:20:00Z custom.Region None→Some("EMEA") by Some("Bo Berg") via Some("api")"#,
        ]
    );
    let flow = requests_to(&server, "GET", "/api/v1/deals/7/flow").await;
    assert!(mock::query(&flow[0]).contains(&("items".into(), "dealChange".into())));
}

#[tokio::test]
async fn history_of_some_fields_asks_the_flow_only_for_stages() {
    let server = history_account().await;
    let crm = the_adapter(&server);
    let fields = ["custom.region".to_string(), "Name".to_string()];
    let changes = crm.reports().history("7", &fields).await.unwrap();
    let names: Vec<_> = changes.iter().map(|c| c.field.as_str()).collect();
    assert_eq!(names, ["name", "custom.Region"]);
    assert!(requests_to(&server, "GET", "/api/v1/deals/7/flow")
        .await
        .is_empty());
    // The flow is still asked (and its answer used) when stages are.
    let stages = crm
        .reports()
        .history("7", &["stage".to_string()])
        .await
        .unwrap();
    assert_eq!(stages.len(), 2);
}

#[tokio::test]
async fn an_unknown_field_name_lists_the_fields_before_asking_for_changes() {
    let server = pipedrive::account().await;
    let crm = the_adapter(&server);
    let e = crm
        .reports()
        .history("7", &["Regoin".to_string()])
        .await
        .unwrap_err();
    assert!(matches!(e, Error::Usage { .. }), "{e:?}");
    let hint = e.hint().unwrap();
    for name in [
        "stage",
        "owner",
        "close_date",
        "custom.Region",
        "custom.External ID",
    ] {
        assert!(hint.contains(name), "{name} in {hint}");
    }
    let changes = requests_where(&server, |r| r.url.path().starts_with("/api/v1/deals")).await;
    assert!(changes.is_empty());
}

#[tokio::test]
async fn history_of_an_unknown_deal_is_not_found() {
    let server = pipedrive::account().await;
    server
        .answer_with(
            "GET",
            "/api/v1/deals/404/changelog",
            404,
            pipedrive::error("Deal not found"),
        )
        .await;
    let crm = the_adapter(&server);
    let e = crm.reports().history("404", &[]).await.unwrap_err();
    assert!(matches!(e, Error::NotFound { .. }), "{e:?}");
    assert_eq!(e.exit_code(), 3);
}

/// The adapter at `base` with the account's metadata already cached, as a run finds it: Prism's
/// v2 lists announce a next page forever, and the names must resolve the same way every run.
async fn seeded_adapter(base: &str) -> Box<dyn Adapter> {
    use crm::cache::MetaCache;

    let cache = MetaCache::in_memory();
    for (name, value) in [
        ("pipelines", pipedrive::pipelines()),
        ("stages", pipedrive::stages()),
        ("users", pipedrive::users()),
        ("fields", pipedrive::fields()),
        ("company", json!("acme")),
    ] {
        let _: Value = cache.get_or_fetch(name, async { Ok(value) }).await.unwrap();
    }
    crate::conformance::adapter_with(
        Vendor::Pipedrive,
        base,
        pipedrive::TOKEN,
        std::sync::Arc::new(cache),
    )
    .unwrap()
}

/// Every report request, judged by Prism running openapi-v1: a request Pipedrive would reject
/// fails here.
#[test]
fn every_report_request_is_valid_against_pipedrive_s_files() {
    let Some(server) = ContractServer::pipedrive() else {
        return;
    };
    let base = server.base_url().to_string();
    run(async move {
        let crm = seeded_adapter(&base).await;
        let reports = crm.reports();
        let stages = summary_request(GroupBy::Stage, SourceChoice::Vendor);
        let owned = ListQuery {
            status: Some(crm::model::Status::Open),
            ..ListQuery::default()
        };
        reports.vendor_summary(&owned, &stages).await.unwrap();
        let archived = ListQuery {
            archived: true,
            ..ListQuery::default()
        };
        let by_status = summary_request(GroupBy::Status, SourceChoice::Vendor);
        reports.vendor_summary(&archived, &by_status).await.unwrap();
        let mut converted = summary_request(GroupBy::Currency, SourceChoice::Vendor);
        converted.in_currency = Some("EUR".into());
        reports
            .vendor_summary(&ListQuery::default(), &converted)
            .await
            .unwrap();
        let mut timeline = TimelineRequest {
            interval: Interval::Quarter,
            from: "2026-01-01".parse().unwrap(),
            periods: 4,
            field: DateField::CloseDate,
            in_currency: Some("USD".into()),
            source: SourceChoice::Vendor,
        };
        reports
            .vendor_timeline(&ListQuery::default(), &timeline)
            .await
            .unwrap();
        timeline.in_currency = None;
        timeline.field = DateField::CreatedAt;
        reports.vendor_timeline(&archived, &timeline).await.unwrap();
        reports.history("512", &[]).await.unwrap();
    });
    server.assert_no_request_violations();
    let seen: Vec<String> = server
        .requests()
        .iter()
        .map(|r| format!("{} {}", r.method, r.path))
        .collect();
    for expected in [
        "GET /api/v1/deals/summary",
        "GET /api/v1/deals/summary/archived",
        "GET /api/v1/users/me",
        "GET /api/v1/deals/timeline",
        "GET /api/v1/deals/timeline/archived",
        "GET /api/v1/deals/512/changelog",
        "GET /api/v1/deals/512/flow",
    ] {
        assert!(
            seen.iter().any(|s| s == expected),
            "{expected} in {seen:#?}"
        );
    }
}

/// The issue's promise: Pipedrive's own summary and timeline give the same figures as crm
/// summing the listed deals, deal for deal, on the sandbox's demo deals (mixed currencies,
/// every status, stages with and without deals); the timeline from a month's last day, by
/// quarter, over each date field.
#[tokio::test]
async fn native_and_listed_reports_agree_on_the_sandbox() {
    use crm::reports::{Fact, GroupKey, SummaryBuilder, Sums, TimelineBuilder};
    use crm::sandbox::{spawn, SandboxVendor, ServeArgs};

    let mut args = ServeArgs::new(SandboxVendor::Pipedrive);
    args.deals = 300;
    let sandbox = spawn(args).await.unwrap();
    let crm = adapter(Vendor::Pipedrive, &sandbox.url()).unwrap();
    let reports = crm.reports();
    let facts = |query: ListQuery, needs: FactNeeds| async move {
        let pages: Vec<Vec<Fact>> = reports
            .facts(&query, needs)
            .await
            .unwrap()
            .try_collect()
            .await
            .unwrap();
        pages.into_iter().flatten().collect::<Vec<_>>()
    };
    for by in [
        GroupBy::Stage,
        GroupBy::Pipeline,
        GroupBy::Owner,
        GroupBy::Status,
        GroupBy::Currency,
    ] {
        for status in [None, Some(crm::model::Status::Open)] {
            let query = ListQuery {
                status,
                ..ListQuery::default()
            };
            let request = summary_request(by, SourceChoice::Vendor);
            let native = reports
                .vendor_summary(&query, &request)
                .await
                .unwrap()
                .unwrap();
            let keys: Vec<GroupKey> = native.groups.iter().map(|g| g.key.clone()).collect();
            let mut listed = SummaryBuilder::new(&request).with_groups(keys);
            for fact in facts(query, FactNeeds::default()).await {
                listed.add(&fact);
            }
            let listed = listed.finish(Source::List);
            assert_eq!(native.total, listed.total, "{by:?} {status:?}");
            assert_eq!(native.groups, listed.groups, "{by:?} {status:?}");
        }
    }
    // Pipedrive gives no count per currency in a period: totals and weighted totals compare.
    let money = |sums: &Sums| -> Vec<(String, rust_decimal::Decimal, rust_decimal::Decimal)> {
        sums.money
            .iter()
            .map(|(c, m)| (c.clone(), m.total, m.weighted))
            .collect()
    };
    for field in [DateField::CloseDate, DateField::CreatedAt, DateField::WonAt] {
        let request = TimelineRequest {
            interval: Interval::Quarter,
            from: "2019-11-30".parse().unwrap(),
            periods: 40,
            field,
            in_currency: None,
            source: SourceChoice::Vendor,
        };
        let native = reports
            .vendor_timeline(&ListQuery::default(), &request)
            .await
            .unwrap()
            .unwrap();
        let mut listed = TimelineBuilder::new(&request);
        let needs = FactNeeds {
            won_at: true,
            ..FactNeeds::default()
        };
        for fact in facts(ListQuery::default(), needs).await {
            listed.add(&fact);
        }
        let listed = listed.finish(Source::List);
        assert_eq!(native.periods.len(), listed.periods.len());
        for (n, l) in native.periods.iter().zip(&listed.periods) {
            let counts =
                |p: &crm::reports::Period| (p.start, p.end, p.count, p.open_count, p.won_count);
            assert_eq!(counts(n), counts(l), "{field:?}");
            assert_eq!(money(&n.sums), money(&l.sums), "{field:?} from {}", n.start);
        }
        assert!(native.periods.iter().any(|p| p.count > 0), "{field:?}");
    }
}

/// `--in-currency` on the sandbox: converted totals where Pipedrive's summary answers (its default
/// currency), and where it cannot (a close-month grouping), a notice and totals per currency.
#[tokio::test]
async fn in_currency_converts_through_the_summary_else_says_why() {
    use crate::support::cli::{crm, Home};
    let home = Home::new();
    let out = crm(
        &home,
        "sandbox-pipedrive",
        "deals summary --by status --in-currency usd -o json",
    )
    .await;
    out.assert_exit(0);
    let summary = out.json();
    assert_eq!(summary["source"], "vendor", "{summary}");
    assert_eq!(summary["in_currency"], "USD");
    assert!(
        summary["total"]["converted"]["total"].is_string(),
        "{summary}"
    );
    let out = crm(
        &home,
        "sandbox-pipedrive",
        "deals summary --by close-month --in-currency USD -o json",
    )
    .await;
    out.assert_exit(0);
    out.assert_says("totals stay per currency");
    let summary = out.json();
    assert_eq!(summary["source"], "list");
    assert!(summary["total"].get("converted").is_none(), "{summary}");
    assert!(summary["total"]["money"]["EUR"].is_object(), "{summary}");
}
