//! HubSpot's reports (and Sell's), through the adapters themselves: the lean list behind
//! `deals summary` and `deals timeline`, the company currency, and `deals history` through
//! `propertiesWithHistory` — first through Prism running HubSpot's own files (every request must
//! be one HubSpot accepts), then against a local account for what crm makes of the answers.
//!
//! What the answers say comes from HubSpot's documents: deals.v3.json (`propertiesWithHistory`,
//! `ValueWithTimestamp`: each property's values, newest first), crmOwners.v3.json (an owner's
//! `userId`), the account information API (`companyCurrency`), and HubSpot's knowledge base
//! ("HubSpot's default deal properties": Amount in company currency, Close date set when a deal
//! moves into a closed-won stage).

use std::sync::Arc;

use futures::TryStreamExt;
use rust_decimal::Decimal;
use serde_json::{json, Value};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crm::adapter::{Adapter, FactNeeds};
use crm::cache::MetaCache;
use crm::error::Error;
use crm::model::{ListQuery, Status, Vendor};
use crm::reports::{Change, Fact};

use crate::support::account::Account;
use crate::support::contract::{method_and_path, run};
use crate::support::hubspot::{self, account_details, owners, pipelines, properties};
use crate::support::mock::{body, query, requests_to, requests_where, Answers};
use crate::support::{sell, ContractServer};

/// The properties a report reads (`Fact`'s), as `deals list` reads them.
const LEAN: [&str; 10] = [
    "amount",
    "closedate",
    "createdate",
    "deal_currency_code",
    "dealstage",
    "hs_deal_stage_probability",
    "hs_is_closed",
    "hs_is_closed_won",
    "hubspot_owner_id",
    "pipeline",
];

/// An adapter of `vendor` at `base`, its metadata cache filled with `seeded` (no retries: a retry
/// would hide a refused request).
async fn adapter_at(vendor: Vendor, base: &str, seeded: Vec<(&str, Value)>) -> Box<dyn Adapter> {
    let cache = Arc::new(MetaCache::in_memory());
    for (name, value) in seeded {
        let _: Value = cache
            .get_or_fetch(name, async move { Ok(value) })
            .await
            .unwrap();
    }
    crate::conformance::adapter_with(vendor, base, "pat-na1-reports-0000", cache).unwrap()
}

/// HubSpot's metadata as the cache keeps it, owners with their user ids (crmOwners.v3 `userId`).
fn metadata() -> Vec<(&'static str, Value)> {
    vec![
        ("pipelines", pipelines()["results"].clone()),
        ("owners", owners_with_user_ids()["results"].clone()),
        ("properties", properties()["results"].clone()),
        ("account", account_details("app.hubspot.com")),
    ]
}

/// `GET /crm/v3/owners`: Ana is user 5001.
fn owners_with_user_ids() -> Value {
    let mut owners = owners(false);
    owners["results"][0]["userId"] = json!(5001);
    owners
}

async fn facts(adapter: &dyn Adapter, query: &ListQuery, needs: FactNeeds) -> Vec<Fact> {
    let pages: Vec<Vec<Fact>> = adapter
        .reports()
        .facts(query, needs)
        .await
        .unwrap()
        .try_collect()
        .await
        .unwrap();
    pages.concat()
}

fn sorted(names: &[Value]) -> Vec<&str> {
    let mut names: Vec<&str> = names.iter().map(|n| n.as_str().unwrap()).collect();
    names.sort_unstable();
    names
}

/// A `ValueWithTimestamp` (deals.v3.json).
fn version(value: &str, at: &str, source: &str, user: Option<i64>) -> Value {
    let mut v = json!({"value": value, "timestamp": at, "sourceType": source});
    if let Some(user) = user {
        v["updatedByUserId"] = json!(user);
    }
    v
}

/// A deal read with `propertiesWithHistory`, each property's values newest first.
fn deal_with_history(history: Value) -> Value {
    let mut deal = hubspot::deal("1", "Alpha", "1000.50");
    deal["propertiesWithHistory"] = history;
    deal
}

// ---- Through Prism: every request the reports send is one HubSpot's files accept. ----

#[test]
fn the_lean_list_and_search_are_requests_hubspot_accepts() {
    let Some(server) = ContractServer::hubspot() else {
        return;
    };
    let one = hubspot::deal("512", "Acme", "1500.00");
    server.answer(
        "GET",
        "/crm/v3/objects/deals",
        200,
        json!({"results": [one.clone()]}),
    );
    server.answer(
        "POST",
        "/crm/v3/objects/deals/search",
        200,
        json!({"total": 1, "results": [one]}),
    );
    let base = server.base_url().to_string();
    let filtered = ListQuery {
        stage: Some("Contract Sent".into()),
        owner: Some("ana@example.com".into()),
        status: Some(Status::Won),
        ..ListQuery::default()
    };
    let needs = FactNeeds {
        won_at: true,
        converted: true,
    };
    let got = run(async move {
        let hubspot = adapter_at(Vendor::Hubspot, &base, metadata()).await;
        let all = facts(hubspot.as_ref(), &ListQuery::default(), needs).await;
        let some = facts(hubspot.as_ref(), &filtered, needs).await;
        (all.len(), some.len())
    });
    assert_eq!(got, (1, 1));
    assert_eq!(
        method_and_path(&server.requests()),
        [
            "GET /crm/v3/objects/deals",
            "POST /crm/v3/objects/deals/search"
        ],
        "no association reads: a report needs none"
    );
    server.assert_no_request_violations();
}

#[test]
fn the_history_read_is_a_request_hubspot_accepts() {
    let Some(server) = ContractServer::hubspot() else {
        return;
    };
    let history =
        json!({"dealstage": [version("closedwon", "2026-03-01T10:00:00Z", "CRM_UI", Some(5001))]});
    server.answer(
        "GET",
        "/crm/v3/objects/deals/512",
        200,
        deal_with_history(history),
    );
    let base = server.base_url().to_string();
    let changes = run(async move {
        let hubspot = adapter_at(Vendor::Hubspot, &base, metadata()).await;
        hubspot.reports().history("512", &[]).await.unwrap()
    });
    assert_eq!(changes.len(), 1, "{changes:?}");
    let seen = server.requests();
    assert_eq!(method_and_path(&seen), ["GET /crm/v3/objects/deals/512"]);
    let asked = seen[0].query.clone().unwrap_or_default();
    assert!(asked.contains("propertiesWithHistory="), "{asked}");
    server.assert_no_request_violations();
}

// ---- Against a local account: what crm asks for, and what it makes of the answers. ----

#[tokio::test]
async fn a_report_asks_only_for_the_properties_it_reads() {
    let account = Account::of("hubspot").await;
    account
        .answer(
            "POST",
            "/crm/v3/objects/deals/search",
            json!({"total": 0, "results": []}),
        )
        .await;
    account
        .answer("GET", "/crm/v3/objects/deals", json!({"results": []}))
        .await;
    let hubspot = adapter_at(Vendor::Hubspot, &account.uri(), metadata()).await;
    let by_stage = ListQuery {
        stage: Some("Contract Sent".into()),
        ..ListQuery::default()
    };
    facts(hubspot.as_ref(), &by_stage, FactNeeds::default()).await;
    let converted = FactNeeds {
        converted: true,
        won_at: true,
    };
    facts(hubspot.as_ref(), &by_stage, converted).await;
    facts(
        hubspot.as_ref(),
        &ListQuery::default(),
        FactNeeds::default(),
    )
    .await;

    let searches = requests_to(&account, "POST", "/crm/v3/objects/deals/search").await;
    let asked: Vec<Value> = searches.iter().map(body).collect();
    assert_eq!(sorted(asked[0]["properties"].as_array().unwrap()), LEAN);
    let mut with_converted = LEAN.to_vec();
    with_converted.push("amount_in_home_currency");
    with_converted.sort_unstable();
    // won_at is a won deal's closedate, already asked for: nothing more.
    assert_eq!(
        sorted(asked[1]["properties"].as_array().unwrap()),
        with_converted
    );
    // The list's own filter reached the search, as in `deals list`.
    assert_eq!(
        asked[0]["filterGroups"][0]["filters"][0],
        json!({"propertyName": "dealstage", "operator": "EQ", "value": "contractsent"})
    );
    let lists = requests_to(&account, "GET", "/crm/v3/objects/deals").await;
    let q = query(&lists[0]);
    let properties: Vec<Value> = q
        .iter()
        .find(|(k, _)| k == "properties")
        .map(|(_, v)| v.split(',').map(|p| json!(p)).collect())
        .unwrap();
    assert_eq!(sorted(&properties), LEAN);
    assert!(
        q.iter().all(|(k, _)| k != "associations"),
        "a report reads no associations: {q:?}"
    );
    let batch = requests_where(&account, |r| r.url.path().starts_with("/crm/v4/")).await;
    assert!(batch.is_empty(), "association reads: {}", batch.len());
}

#[tokio::test]
async fn converted_amounts_the_company_currency_and_when_deals_were_won() {
    let account = Account::of("hubspot").await;
    let mut euros = hubspot::deal("1", "Alpha", "100");
    euros["properties"]["deal_currency_code"] = json!("EUR");
    euros["properties"]["amount_in_home_currency"] = json!("108.50");
    let mut plain = hubspot::deal("2", "Beta", "0.10");
    plain["properties"]
        .as_object_mut()
        .unwrap()
        .remove("deal_currency_code");
    plain["properties"]["amount_in_home_currency"] = json!("0.10");
    plain["properties"]["dealstage"] = json!("closedwon");
    plain["properties"]["hs_is_closed"] = json!("true");
    plain["properties"]["hs_is_closed_won"] = json!("true");
    plain["properties"]["closedate"] = json!("2026-03-04T10:11:12.345Z");
    account
        .answer(
            "GET",
            "/crm/v3/objects/deals",
            json!({"results": [euros, plain]}),
        )
        .await;
    // Only the portal's details are left to read: they say the company currency.
    let mut seeded = metadata();
    seeded.retain(|(name, _)| *name != "account");
    let hubspot = adapter_at(Vendor::Hubspot, &account.uri(), seeded).await;

    let needs = FactNeeds {
        won_at: true,
        converted: true,
    };
    let got = facts(hubspot.as_ref(), &ListQuery::default(), needs).await;
    assert_eq!(got[0].converted, Some(Decimal::new(10850, 2)));
    assert_eq!(got[0].currency.as_deref(), Some("EUR"));
    assert_eq!(got[0].won_at, None, "an open deal was not won");
    assert_eq!(
        got[1].currency.as_deref(),
        Some("USD"),
        "a deal without a currency is in the company currency (account-details companyCurrency)"
    );
    assert_eq!(
        got[1].won_at,
        Some("2026-03-04T10:11:12.345Z".parse().unwrap())
    );
    assert_eq!(
        hubspot.reports().home_currency().await.unwrap().as_deref(),
        Some("USD")
    );
    let without = facts(
        hubspot.as_ref(),
        &ListQuery::default(),
        FactNeeds::default(),
    )
    .await;
    assert_eq!((without[0].converted, without[1].won_at), (None, None));

    // `deals list` shows the deal as HubSpot holds it: no currency.
    let listed: Vec<Vec<crm::model::Deal>> = hubspot
        .list(&ListQuery::default())
        .await
        .unwrap()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(listed[0][1].currency, None);
    // Otherwise the lean list reads each deal as `deals list` does, fact for fact.
    let from_list: Vec<Fact> = listed[0].iter().cloned().map(Fact::from_deal).collect();
    assert_eq!(without[0], from_list[0]);
    let in_home_currency = Fact {
        currency: Some("USD".into()),
        ..from_list[1].clone()
    };
    assert_eq!(without[1], in_home_currency);
    let details = requests_to(&account, "GET", "/account-info/v3/details").await;
    assert_eq!(
        details.len(),
        1,
        "the company currency is read once, then cached"
    );
}

/// The history HubSpot answers for deal 1: stages by id and owners by user id, newest first.
fn documented_history() -> Value {
    json!({
        "dealstage": [
            version("closedwon", "2026-03-01T10:00:00Z", "CRM_UI", Some(5001)),
            version("contractsent", "2026-02-01T10:00:00Z", "API", Some(777)),
            version("appointmentscheduled", "2026-01-01T10:00:00Z", "API", None),
        ],
        "amount": [
            version("1000.50", "2026-02-15T00:00:00Z", "CRM_UI", Some(5001)),
            version("900.00", "2026-01-01T10:00:00Z", "API", None),
        ],
        "hubspot_owner_id": [version("910901", "2026-01-01T10:00:00Z", "API", None)],
        "region": [
            version("APAC", "2026-04-01T00:00:00Z", "CRM_UI", Some(5001)),
            version("EMEA", "2026-01-02T00:00:00Z", "IMPORT", None),
        ],
        "closedate": [version("2026-12-31T00:00:00Z", "2026-01-01T10:00:00Z", "API", None)]
    })
}

fn change(
    time: &str,
    field: &str,
    old: Option<&str>,
    new: &str,
    by: Option<&str>,
    source: &str,
) -> Change {
    Change {
        time: time.parse().unwrap(),
        field: field.into(),
        old: old.map(String::from),
        new: Some(new.into()),
        by: by.map(String::from),
        source: Some(source.into()),
    }
}

#[tokio::test]
async fn history_names_stages_and_people_oldest_first() {
    let account = Account::of("hubspot").await;
    account
        .answer(
            "GET",
            "/crm/v3/objects/deals/1",
            deal_with_history(documented_history()),
        )
        .await;
    let hubspot = adapter_at(Vendor::Hubspot, &account.uri(), metadata()).await;
    let changes = hubspot.reports().history("1", &[]).await.unwrap();
    let t1 = "2026-01-01T10:00:00Z";
    assert_eq!(
        changes,
        [
            // Same moment: in the order of the common fields, then the account's own.
            change(t1, "amount", None, "900", None, "API"),
            change(t1, "stage", None, "Appointment Scheduled", None, "API"),
            change(t1, "owner", None, "Ana Lima", None, "API"),
            change(t1, "close_date", None, "2026-12-31", None, "API"),
            change(
                "2026-01-02T00:00:00Z",
                "custom.region",
                None,
                "EMEA",
                None,
                "IMPORT"
            ),
            change(
                "2026-02-01T10:00:00Z",
                "stage",
                Some("Appointment Scheduled"),
                "Contract Sent",
                Some("777"),
                "API"
            ),
            change(
                "2026-02-15T00:00:00Z",
                "amount",
                Some("900"),
                "1000.5",
                Some("Ana Lima"),
                "CRM_UI"
            ),
            change(
                "2026-03-01T10:00:00Z",
                "stage",
                Some("Contract Sent"),
                "Closed Won",
                Some("Ana Lima"),
                "CRM_UI"
            ),
            change(
                "2026-04-01T00:00:00Z",
                "custom.region",
                Some("EMEA"),
                "APAC",
                Some("Ana Lima"),
                "CRM_UI"
            ),
        ]
    );
    // Every common field's property and the account's own, in one request.
    let asked = requests_to(&account, "GET", "/crm/v3/objects/deals/1").await;
    let q = query(&asked[0]);
    let names = &q
        .iter()
        .find(|(k, _)| k == "propertiesWithHistory")
        .unwrap()
        .1;
    for property in [
        "dealname",
        "amount",
        "deal_currency_code",
        "pipeline",
        "dealstage",
        "hubspot_owner_id",
        "closedate",
        "region",
        "external_id",
    ] {
        assert!(
            names.split(',').any(|n| n == property),
            "{property} in {names}"
        );
    }
}

#[tokio::test]
async fn history_of_chosen_fields_asks_for_those_only() {
    let account = Account::of("hubspot").await;
    account
        .answer(
            "GET",
            "/crm/v3/objects/deals/1",
            deal_with_history(documented_history()),
        )
        .await;
    let hubspot = adapter_at(Vendor::Hubspot, &account.uri(), metadata()).await;
    let fields = ["STAGE".to_string(), "custom.Region".to_string()];
    let changes = hubspot.reports().history("1", &fields).await.unwrap();
    let seen: Vec<&str> = changes.iter().map(|c| c.field.as_str()).collect();
    assert_eq!(
        seen,
        ["stage", "custom.region", "stage", "stage", "custom.region"]
    );
    let asked = requests_to(&account, "GET", "/crm/v3/objects/deals/1").await;
    let q = query(&asked[0]);
    let names = &q
        .iter()
        .find(|(k, _)| k == "propertiesWithHistory")
        .unwrap()
        .1;
    assert_eq!(names, "dealstage,region");
}

#[tokio::test]
async fn an_unknown_field_is_a_usage_error_naming_the_fields_before_any_deal_request() {
    let account = Account::of("hubspot").await;
    let hubspot = adapter_at(Vendor::Hubspot, &account.uri(), metadata()).await;
    let e = hubspot
        .reports()
        .history("1", &["colour".to_string()])
        .await
        .unwrap_err();
    assert_eq!(e.exit_code(), 2, "{e}");
    let hint = e.hint().unwrap();
    for field in ["name", "stage", "owner", "close_date", "custom.region"] {
        assert!(hint.contains(field), "{field} in {hint}");
    }
    let sent = requests_where(&account, |r| r.url.path().starts_with("/crm/v3/objects")).await;
    assert!(sent.is_empty(), "{} deal requests", sent.len());
}

#[tokio::test]
async fn history_of_a_missing_or_deleted_deal_is_not_found() {
    let account = Account::of("hubspot").await;
    account
        .answer_with(
            "GET",
            "/crm/v3/objects/deals/404",
            404,
            hubspot::error("OBJECT_NOT_FOUND", "Object not found"),
        )
        .await;
    let mut archived = deal_with_history(json!({}));
    archived["archived"] = json!(true);
    account
        .answer("GET", "/crm/v3/objects/deals/9", archived)
        .await;
    let hubspot = adapter_at(Vendor::Hubspot, &account.uri(), metadata()).await;
    for id in ["404", "9"] {
        let e = hubspot.reports().history(id, &[]).await.unwrap_err();
        assert!(matches!(e, Error::NotFound { .. }), "{id}: {e:?}");
        assert_eq!(e.exit_code(), 3);
    }
}

#[tokio::test]
async fn sell_keeps_no_history_and_says_so_without_a_request() {
    let server = MockServer::start().await;
    let sell = adapter_at(Vendor::Sell, &server.uri(), Vec::new()).await;
    let e = sell.reports().history("1", &[]).await.unwrap_err();
    assert!(matches!(e, Error::Unsupported { .. }), "{e:?}");
    assert_eq!(e.exit_code(), 6);
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn a_won_sell_deal_was_won_when_it_entered_its_won_stage() {
    let account = Account::of("sell").await;
    let open = sell::deal(1, "Alpha", json!("10"), 12, "2026-11-20T00:00:00Z");
    let mut won = sell::deal(2, "Beta", json!("20"), 13, "2026-11-21T00:00:00Z");
    won["last_stage_change_at"] = json!("2026-05-06T07:08:09Z");
    Mock::given(method("GET"))
        .and(path("/v2/deals"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(sell::collection("deal", vec![open, won])),
        )
        .expect(1..)
        .mount(&account)
        .await;
    let sell = adapter_at(Vendor::Sell, &account.uri(), Vec::new()).await;
    let needs = FactNeeds {
        won_at: true,
        converted: false,
    };
    let got = facts(sell.as_ref(), &ListQuery::default(), needs).await;
    let won_at: Vec<Option<String>> = got
        .iter()
        .map(|f| f.won_at.map(|t| t.to_rfc3339()))
        .collect();
    assert_eq!(won_at, [None, Some("2026-05-06T07:08:09+00:00".into())]);
}
