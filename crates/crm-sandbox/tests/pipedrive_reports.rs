//! Pipedrive's v1 deal reports and change records, as a client sees them.
//!
//! Documents: seed 003 "Get deals summary", "Get archived deals summary", "Get deals timeline",
//! "Get archived deals timeline", "List updates about deal field values", "List updates about a
//! deal"; specs/pipedrive/openapi-v1.yaml `/deals/summary`, `/deals/summary/archived`,
//! `/deals/timeline`, `/deals/timeline/archived`, `/deals/{id}/changelog`, `/deals/{id}/flow`.

// A panic is a failed test, with the value that surprised it (as tests/it/main.rs says).
#![allow(clippy::unwrap_used)]

mod support;

use std::str::FromStr;

use crm_sandbox::SandboxVendor;
use rust_decimal::Decimal;
use serde_json::{json, Value};
use support::Sandbox;

/// A JSON number or string as its exact text (serde_json keeps numbers' digits here).
fn text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn number(v: &Value) -> Decimal {
    assert!(v.is_number(), "a JSON number: {v}");
    dec(&text(v))
}

fn create(sb: &Sandbox, body: Value) -> u64 {
    sb.ok("POST", "/api/v2/deals", Some(&body))["data"]["id"]
        .as_u64()
        .unwrap()
}

/// The stage's `deal_probability`, as the sandbox's stages say.
fn stage_probability(sb: &Sandbox, stage: u64) -> Decimal {
    number(&sb.get(&format!("/api/v2/stages/{stage}"))["data"]["deal_probability"])
}

/// A refusal in Pipedrive's error shape.
fn refused(sb: &Sandbox, path: &str, status: u16) {
    let answer = sb.call("GET", path, None);
    assert_eq!(answer.status, status, "{path}: {}", answer.body);
    assert_eq!(answer.body["success"], false, "{path}");
    assert!(answer.body["error"].is_string(), "{path}");
}

#[test]
fn the_summary_sums_exactly_per_currency_and_weighs_by_deal_then_stage_probability() {
    let sb = Sandbox::start(SandboxVendor::Pipedrive);
    let p2 = stage_probability(&sb, 2);
    create(
        &sb,
        json!({"title": "A", "value": 0.10, "currency": "USD", "stage_id": 2, "probability": 50}),
    );
    create(
        &sb,
        json!({"title": "B", "value": 0.20, "currency": "USD", "stage_id": 2}),
    );
    create(
        &sb,
        json!({"title": "C", "value": 10, "currency": "EUR", "stage_id": 2, "probability": 10}),
    );
    create(
        &sb,
        json!({"title": "F", "value": 40, "currency": "USD", "stage_id": 2, "status": "lost"}),
    );
    let archived = create(
        &sb,
        json!({"title": "D", "value": 100, "currency": "GBP", "stage_id": 2}),
    );
    sb.ok(
        "PATCH",
        &format!("/api/v2/deals/{archived}"),
        Some(&json!({"is_archived": true})),
    );
    let deleted = create(
        &sb,
        json!({"title": "E", "value": 1000, "currency": "USD", "stage_id": 2}),
    );
    sb.ok("DELETE", &format!("/api/v2/deals/{deleted}"), None);

    let open = &sb.get("/api/v1/deals/summary?pipeline_id=1&status=open")["data"];
    let usd = &open["values_total"]["USD"];
    assert_eq!(text(&usd["value"]), "0.3", "0.10 + 0.20 exactly: {open}");
    assert_eq!(usd["count"], 2);
    assert_eq!(text(&usd["value_converted"]), "0.3");
    let eur = &open["values_total"]["EUR"];
    assert_eq!(
        (text(&eur["value"]), text(&eur["value_converted"])),
        ("10".into(), "11.1".into()),
        "the sandbox's rate: 1 EUR = 1.11 USD"
    );
    assert_eq!(eur["value_formatted"], "€10");
    assert_eq!(eur["value_converted_formatted"], "US$11.1");
    let weighted_usd = dec("0.10") * dec("50") / dec("100") + dec("0.20") * p2 / dec("100");
    assert_eq!(
        number(&open["weighted_values_total"]["USD"]["value"]),
        weighted_usd,
        "A weighs by its own 50 %, B by its stage's {p2} %"
    );
    assert_eq!(open["weighted_values_total"]["USD"]["count"], 2);
    assert_eq!(
        number(&open["weighted_values_total"]["EUR"]["value"]),
        dec("1")
    );
    assert!(open["weighted_values_total"]["EUR"]["value_formatted"].is_string());
    assert_eq!(open["total_count"], 3);
    assert_eq!(text(&open["total_currency_converted_value"]), "11.4");
    assert_eq!(
        number(&open["total_weighted_currency_converted_value"]),
        weighted_usd + dec("1.11")
    );
    assert_eq!(open["total_currency_converted_value_formatted"], "US$11.4");
    assert!(open["total_weighted_currency_converted_value_formatted"].is_string());

    let every_status = &sb.get("/api/v1/deals/summary?pipeline_id=1")["data"];
    assert_eq!(every_status["total_count"], 4, "the lost deal counts too");
    assert_eq!(text(&every_status["values_total"]["USD"]["value"]), "40.3");
    assert!(
        every_status["values_total"].get("GBP").is_none(),
        "archived deals are not in the summary"
    );

    let archive = &sb.get("/api/v1/deals/summary/archived")["data"];
    assert_eq!(archive["total_count"], 1, "{archive}");
    assert_eq!(text(&archive["values_total"]["GBP"]["value"]), "100");
    assert_eq!(
        text(&archive["values_total"]["GBP"]["value_converted"]),
        "127"
    );

    let me = sb.get("/api/v1/users/me")["data"]["id"].as_u64().unwrap();
    let mine = &sb.get(&format!("/api/v1/deals/summary?user_id={me}&stage_id=2"))["data"];
    assert_eq!(mine["total_count"], 4);
    let nobody = &sb.get("/api/v1/deals/summary?user_id=1")["data"];
    assert_eq!(nobody["total_count"], 0);
    assert_eq!(nobody["values_total"], json!({}));
    assert_eq!(text(&nobody["total_currency_converted_value"]), "0");

    refused(&sb, "/api/v1/deals/summary?status=deleted", 400);
    refused(&sb, "/api/v1/deals/summary?user_id=me", 400);
    refused(&sb, "/api/v1/deals/summary?filter_id=1", 400);
}

#[test]
fn a_pipeline_without_deal_probability_weighs_deals_without_their_own_in_full() {
    let sb = Sandbox::start(SandboxVendor::Pipedrive);
    let pipeline = sb.ok(
        "PATCH",
        "/api/v2/pipelines/2",
        Some(&json!({"is_deal_probability_enabled": false})),
    );
    assert_eq!(pipeline["data"]["is_deal_probability_enabled"], false);
    let stage = sb.get("/api/v2/stages?pipeline_id=2")["data"][0]["id"]
        .as_u64()
        .unwrap();
    create(
        &sb,
        json!({"title": "G", "value": 50, "currency": "USD", "stage_id": stage}),
    );
    create(
        &sb,
        json!({"title": "H", "value": 60, "currency": "USD", "stage_id": stage, "probability": 50}),
    );
    let summary = &sb.get("/api/v1/deals/summary?pipeline_id=2")["data"];
    assert_eq!(text(&summary["values_total"]["USD"]["value"]), "110");
    // H by its own 50 %; G, with no probability of its own or of its stage, in full, as the
    // spec's examples weigh such deals.
    assert_eq!(
        number(&summary["weighted_values_total"]["USD"]["value"]),
        dec("80")
    );
}

fn period(data: &Value, i: usize) -> &Value {
    &data.as_array().expect("data is a list of periods")[i]
}

fn ids(period: &Value) -> Vec<u64> {
    let mut ids: Vec<u64> = period["deals"]
        .as_array()
        .expect("deals")
        .iter()
        .map(|d| d["id"].as_u64().unwrap())
        .collect();
    ids.sort_unstable();
    ids
}

#[test]
fn the_timeline_groups_open_and_won_deals_into_periods_from_the_start_date() {
    let sb = Sandbox::start(SandboxVendor::Pipedrive);
    let p2 = stage_probability(&sb, 2);
    let day = |title: &str, date: &str, value: u32, currency: &str, status: &str| {
        create(
            &sb,
            json!({"title": title, "value": value, "currency": currency, "stage_id": 2,
                   "expected_close_date": date, "status": status}),
        )
    };
    let jan = day("Jan 31", "2024-01-31", 100, "USD", "open");
    let leap = day("Feb 29", "2024-02-29", 200, "EUR", "won");
    let march = day("Mar 1", "2024-03-01", 300, "USD", "open");
    day("lost", "2024-02-15", 400, "USD", "lost");
    let april = day("Apr 1", "2024-04-01", 500, "USD", "open");
    let archived = day("archived", "2024-02-10", 600, "USD", "open");
    sb.ok(
        "PATCH",
        &format!("/api/v2/deals/{archived}"),
        Some(&json!({"is_archived": true})),
    );

    let base = "/api/v1/deals/timeline?field_key=expected_close_date";
    let months = sb.get(&format!(
        "{base}&start_date=2024-01-01&interval=month&amount=3&totals_convert_currency=default_currency"
    ))["data"]
        .clone();
    assert_eq!(months.as_array().map(Vec::len), Some(3), "{months}");
    let edges: Vec<(String, String)> = (0..3)
        .map(|i| {
            let p = period(&months, i);
            (text(&p["period_start"]), text(&p["period_end"]))
        })
        .collect();
    assert_eq!(
        edges,
        [
            ("2024-01-01 00:00:00".into(), "2024-01-31 23:59:59".into()),
            ("2024-02-01 00:00:00".into(), "2024-02-29 23:59:59".into()),
            ("2024-03-01 00:00:00".into(), "2024-03-31 23:59:59".into()),
        ]
    );
    assert_eq!(ids(period(&months, 0)), [jan]);
    assert_eq!(
        ids(period(&months, 1)),
        [leap],
        "Feb 29 is February's; lost and archived deals are not there"
    );
    assert_eq!(ids(period(&months, 2)), [march]);
    let deal = &period(&months, 0)["deals"][0];
    assert_eq!(deal["title"], "Jan 31");
    assert_eq!(deal["expected_close_date"], "2024-01-31");
    assert!(deal["user_id"].is_u64() && deal["value"].is_number());

    let jan_totals = &period(&months, 0)["totals"];
    assert_eq!(jan_totals["count"], 1);
    assert_eq!(text(&jan_totals["values"]["USD"]), "100");
    assert_eq!(
        number(&jan_totals["weighted_values"]["USD"]),
        dec("100") * p2 / dec("100")
    );
    assert_eq!(
        (
            jan_totals["open_count"].clone(),
            jan_totals["won_count"].clone()
        ),
        (json!(1), json!(0))
    );
    assert_eq!(text(&jan_totals["open_values"]["USD"]), "100");
    assert_eq!(jan_totals["won_values"], json!({}));
    let feb_totals = &period(&months, 1)["totals"];
    assert_eq!(feb_totals["won_count"], 1);
    assert_eq!(text(&feb_totals["won_values"]["EUR"]), "200");
    assert_eq!(feb_totals["open_values"], json!({}));
    let feb_converted = &period(&months, 1)["totals_converted"];
    assert_eq!(
        text(&feb_converted["values"]["USD"]),
        "222",
        "200 EUR at 1.11"
    );
    assert_eq!(feb_converted["count"], 1);

    let quarter = sb.get(&format!(
        "{base}&start_date=2024-01-01&interval=quarter&amount=1&exclude_deals=1"
    ))["data"]
        .clone();
    let q1 = period(&quarter, 0);
    assert_eq!(q1["period_end"], "2024-03-31 23:59:59");
    assert!(
        q1.get("deals").is_none(),
        "exclude_deals=1 leaves the deals out"
    );
    assert_eq!(q1["totals"]["count"], 3);
    assert_eq!(text(&q1["totals"]["values"]["USD"]), "400");
    assert!(q1.get("totals_converted").is_none());

    // 2024-02-28 is a Wednesday: the week runs to Tuesday, March 5.
    let week = sb.get(&format!(
        "{base}&start_date=2024-02-28&interval=week&amount=1"
    ))["data"]
        .clone();
    assert_eq!(period(&week, 0)["period_end"], "2024-03-05 23:59:59");
    assert_eq!(ids(period(&week, 0)), [leap, march]);

    let days = sb.get(&format!(
        "{base}&start_date=2024-04-01&interval=day&amount=1"
    ))["data"]
        .clone();
    assert_eq!(ids(period(&days, 0)), [april]);

    let archive = sb.get(
        "/api/v1/deals/timeline/archived?field_key=expected_close_date&start_date=2024-02-01&interval=month&amount=1",
    )["data"]
        .clone();
    assert_eq!(ids(period(&archive, 0)), [archived]);

    for bad in [
        "/api/v1/deals/timeline?start_date=2024-01-01&interval=month&amount=3",
        "/api/v1/deals/timeline?start_date=2024-01-01&interval=year&amount=3&field_key=add_time",
        "/api/v1/deals/timeline?start_date=01/01/2024&interval=month&amount=3&field_key=add_time",
        "/api/v1/deals/timeline?start_date=2024-01-01&interval=month&amount=0&field_key=add_time",
        "/api/v1/deals/timeline?start_date=2024-01-01&interval=month&amount=3&field_key=title",
    ] {
        refused(&sb, bad, 400);
    }
}

#[test]
fn the_timeline_by_add_time_finds_deals_created_today() {
    let sb = Sandbox::start(SandboxVendor::Pipedrive);
    let yesterday = chrono::Utc::now().date_naive().pred_opt().unwrap();
    for title in ["one", "two"] {
        create(&sb, json!({"title": title, "stage_id": 2}));
    }
    let data = sb.get(&format!(
        "/api/v1/deals/timeline?field_key=add_time&start_date={yesterday}&interval=day&amount=3&exclude_deals=1"
    ))["data"]
        .clone();
    let counted: u64 = data
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["totals"]["count"].as_u64().unwrap())
        .sum();
    assert_eq!(counted, 2, "{data}");
}

#[test]
fn the_changelog_lists_each_field_a_write_changed_newest_first_and_pages() {
    let sb = Sandbox::start(SandboxVendor::Pipedrive);
    let me = sb.get("/api/v1/users/me")["data"]["id"].as_u64().unwrap();
    let id = create(
        &sb,
        json!({"title": "My Deel", "value": 0, "currency": "USD", "stage_id": 2}),
    );
    let path = format!("/api/v1/deals/{id}/changelog");
    assert_eq!(
        sb.get(&path)["data"],
        json!([]),
        "a deal's creation is not a change"
    );
    let patch = format!("/api/v2/deals/{id}");
    sb.ok("PATCH", &patch, Some(&json!({"title": "My Deal"})));
    sb.ok(
        "PATCH",
        &patch,
        Some(&json!({"value": 100, "stage_id": 3, "title": "My Deal"})),
    );

    let log = sb.get(&path);
    let entries = log["data"].as_array().unwrap();
    let changes: Vec<(String, Value, Value)> = entries
        .iter()
        .map(|e| {
            (
                text(&e["field_key"]),
                e["old_value"].clone(),
                e["new_value"].clone(),
            )
        })
        .collect();
    assert_eq!(
        changes,
        [
            ("stage_id".into(), json!("2"), json!("3")),
            ("value".into(), json!("0"), json!("100")),
            ("title".into(), json!("My Deel"), json!("My Deal")),
        ],
        "an unchanged title is not a change"
    );
    let first = &entries[0];
    assert_eq!(first["actor_user_id"], me);
    assert_eq!(first["change_source"], "api");
    assert_eq!(first["change_source_user_agent"], "reports-test/1.0");
    assert_eq!(first["is_bulk_update_flag"], false);
    let time = text(&first["time"]);
    assert!(
        chrono::NaiveDateTime::parse_from_str(&time, "%Y-%m-%d %H:%M:%S").is_ok(),
        "{time}"
    );
    assert_eq!(log["additional_data"]["next_cursor"], Value::Null);

    let page = sb.get(&format!("{path}?limit=2"));
    assert_eq!(page["data"].as_array().unwrap().len(), 2);
    let cursor = text(&page["additional_data"]["next_cursor"]);
    let rest = sb.get(&format!("{path}?limit=2&cursor={cursor}"));
    assert_eq!(rest["data"][0]["field_key"], "title");
    assert_eq!(rest["additional_data"]["next_cursor"], Value::Null);

    sb.ok("PATCH", &patch, Some(&json!({"status": "won"})));
    let status = &sb.get(&format!("{path}?limit=1"))["data"][0];
    assert_eq!(
        (
            status["field_key"].clone(),
            status["old_value"].clone(),
            status["new_value"].clone()
        ),
        (json!("status"), json!("open"), json!("won"))
    );

    refused(&sb, "/api/v1/deals/999999/changelog", 404);
    refused(&sb, &format!("{path}?limit=0"), 400);
}

#[test]
fn the_flow_lists_the_same_changes_as_deal_change_items() {
    let sb = Sandbox::start(SandboxVendor::Pipedrive);
    let fields = sb.get("/api/v2/dealFields?limit=500")["data"].clone();
    let custom = fields
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["is_custom_field"] == true && f.get("options").is_none())
        .expect("a custom text field")["field_code"]
        .as_str()
        .unwrap()
        .to_string();
    let id = create(&sb, json!({"title": "Flow", "stage_id": 2}));
    let patch = format!("/api/v2/deals/{id}");
    sb.ok("PATCH", &patch, Some(&json!({"title": "Flow 2"})));
    sb.ok(
        "PATCH",
        &patch,
        Some(&json!({"custom_fields": {custom.clone(): "X-1"}})),
    );

    let path = format!("/api/v1/deals/{id}/flow");
    let flow = sb.get(&path);
    let items = flow["data"].as_array().unwrap();
    assert_eq!(
        items.len(),
        1,
        "custom fields only with all_changes=1: {flow}"
    );
    let item = &items[0];
    assert_eq!(item["object"], "dealChange");
    assert_eq!(item["data"]["field_key"], "title");
    assert_eq!(item["data"]["old_value"], "Flow");
    assert_eq!(item["data"]["new_value"], "Flow 2");
    assert_eq!(item["data"]["item_id"], id);
    assert_eq!(item["data"]["change_source"], "api");
    assert_eq!(item["timestamp"], item["data"]["log_time"]);
    assert_eq!(
        flow["additional_data"],
        json!({"start": 0, "limit": 100, "more_items_in_collection": false})
    );

    let all = sb.get(&format!("{path}?all_changes=1&limit=1"));
    assert_eq!(all["data"][0]["data"]["field_key"], custom.as_str());
    assert_eq!(all["data"][0]["data"]["new_value"], "X-1");
    assert_eq!(all["additional_data"]["more_items_in_collection"], true);
    let next = sb.get(&format!("{path}?all_changes=1&limit=1&start=1"));
    assert_eq!(next["data"][0]["data"]["field_key"], "title");
    assert_eq!(next["additional_data"]["more_items_in_collection"], false);

    assert_eq!(sb.get(&format!("{path}?items=note"))["data"], json!([]));
    refused(&sb, "/api/v1/deals/999999/flow", 404);
}

#[test]
fn demo_deals_past_their_first_stage_show_how_they_got_there() {
    let sb = Sandbox::with_demo(SandboxVendor::Pipedrive, 25);
    let deals = sb.get("/api/v2/deals?limit=100")["data"].clone();
    let first_stages: Vec<u64> = sb.get("/api/v2/stages?limit=100")["data"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["order_nr"] == 1)
        .map(|s| s["id"].as_u64().unwrap())
        .collect();
    let moved = deals
        .as_array()
        .unwrap()
        .iter()
        .find(|d| !first_stages.contains(&d["stage_id"].as_u64().unwrap()))
        .expect("a demo deal past its first stage");
    let log = sb.get(&format!("/api/v1/deals/{}/changelog", moved["id"]));
    let change = &log["data"][0];
    assert_eq!(change["field_key"], "stage_id");
    assert_eq!(change["new_value"], moved["stage_id"].to_string().as_str());
    assert_eq!(change["change_source"], "app");
}
