//! HubSpot through the real binary against a local mock: pagination, filters, writes, errors,
//! retries, partial failures.

use serde_json::{json, Value};
use wiremock::matchers::{body_partial_json, method, path, query_param};
use wiremock::{Mock, ResponseTemplate};

use crate::support::account::Account;
use crate::support::cli::{crm, run, Home, To};
use crate::support::hubspot::{self, account, deal, TOKEN};
use crate::support::mock::{requests_to, Answers};

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
        .expect(1..)
        .mount(&server)
        .await;
    server.answer("GET", "/crm/v3/objects/deals", json!({ "results": [deal("1", "Alpha", "1000.50")], "paging": {"next": {"after": "2", "link": "x"}} })).await;
    let out = server.crm("deals list --all -o json").await;
    out.assert_exit(0);
    let deals = out.json();
    assert_eq!(deals.as_array().unwrap().len(), 2);
    assert_eq!(deals[0]["amount"], "1000.5");
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

fn search_page(results: Vec<Value>, total: u64, after: Option<&str>) -> Value {
    let mut page = json!({"total": total, "results": results});
    if let Some(a) = after {
        page["paging"] = json!({"next": {"after": a}});
    }
    page
}

#[tokio::test]
async fn filters_go_through_search_with_names_resolved() {
    let server = account().await;
    server
        .answer(
            "POST",
            "/crm/v3/objects/deals/search",
            search_page(vec![deal("7", "Gamma", "5")], 1, None),
        )
        .await;
    let out = server
        .crm(
            "deals list --stage 'Contract Sent' --owner ana@example.com --status open \
            --company 301 --search acme --sort amount:desc --custom Region=EMEA -o ndjson",
        )
        .await;
    out.assert_exit(0);
    assert_eq!(out.stdout.lines().count(), 1);
    let searches = requests_to(&server, "POST", "/crm/v3/objects/deals/search").await;
    assert_eq!(searches.len(), 1);
    let body: Value = serde_json::from_slice(&searches[0].body).unwrap();
    let filters = &body["filterGroups"][0]["filters"];
    let has = |p: &str, v: &str| {
        filters
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["propertyName"] == p && f["value"] == v && f["operator"] == "EQ")
    };
    assert!(has("dealstage", "contractsent"), "{body}");
    assert!(has("hubspot_owner_id", "910901"), "{body}");
    assert!(has("hs_is_closed", "false"), "{body}");
    assert!(has("associations.company", "301"), "{body}");
    assert!(has("region", "EMEA"), "{body}");
    assert_eq!(body["query"], "acme");
    assert_eq!(
        body["sorts"],
        json!([{"propertyName": "amount", "direction": "DESCENDING"}])
    );
    // The default 100, and one more to know whether more deals match (one search page holds 200).
    assert_eq!(body["limit"], 101);
    assert!(body["properties"]
        .as_array()
        .unwrap()
        .contains(&json!("dealname")));
}

#[tokio::test]
async fn search_past_ten_thousand_says_so_and_never_truncates_silently() {
    let server = account().await;
    server
        .answer(
            "POST",
            "/crm/v3/objects/deals/search",
            search_page(vec![deal("1", "A", "1")], 12_345, Some("1")),
        )
        .await;
    let home = Home::new();
    let out = crm(&home, &server, "deals list --status won --limit 1 -o json").await;
    out.assert_exit(0);
    assert!(
        !out.stderr.contains("at most 10000"),
        "a limit under the cap needs no warning: {}",
        out.stderr
    );

    let server = account().await;
    server
        .answer(
            "POST",
            "/crm/v3/objects/deals/search",
            search_page(vec![deal("1", "A", "1")], 12_345, None),
        )
        .await;
    let out = crm(&home, &server, "deals list --status won --all -o ndjson").await;
    out.assert_says("12345 deals match");
    out.assert_says("at most 10000");
}

#[tokio::test]
async fn unknown_names_are_3_with_candidates_and_unknown_properties_2_with_a_suggestion() {
    let server = account().await;
    let home = Home::new();
    let out = crm(&home, &server, "deals list --stage Negotiation").await;
    out.assert_exit(3);
    out.assert_says("no stage named \"Negotiation\"");
    out.assert_says("Sales Pipeline/Contract Sent (id contractsent)");

    let out = crm(&home, &server, "deals create --name X --set regoin=EMEA").await;
    out.assert_exit(2);
    out.assert_says("did you mean \"region\"");
    assert!(requests_to(&server, "POST", "/crm/v3/objects/deals")
        .await
        .is_empty());

    let out = crm(&home, &server, "deals update 5 --owner Zed").await;
    out.assert_exit(3);
    out.assert_says("Ana Lima");
}

#[tokio::test]
async fn create_sends_strings_takes_the_first_stage_and_says_so() {
    let server = account().await;
    Mock::given(method("POST"))
        .and(path("/crm/v3/objects/deals"))
        .and(body_partial_json(json!({"properties": {
            "dealname": "Acme", "amount": "1500.00", "deal_currency_code": "EUR",
            "pipeline": "default", "dealstage": "appointmentscheduled",
            "closedate": "2026-12-31T00:00:00.000Z", "region": "EMEA"
        }})))
        .respond_with(ResponseTemplate::new(201).set_body_json(deal("99", "Acme", "1500.00")))
        .expect(1)
        .mount(&server)
        .await;
    let out = server
        .crm(
            "deals create --name Acme --amount 1500.00 --currency eur --close-date 2026-12-31 \
            --set Region=Europe -o json",
        )
        .await;
    out.assert_exit(0);
    assert_eq!(out.json()["id"], "99");
    out.assert_says("using \"Appointment Scheduled\"");
}

#[tokio::test]
async fn a_failed_association_still_creates_the_deal_and_exits_8() {
    let server = account().await;
    Mock::given(method("POST"))
        .and(path("/crm/v3/objects/deals"))
        .respond_with(ResponseTemplate::new(201).set_body_json(deal("99", "Acme", "1")))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("PUT"))
        .and(path("/crm/v4/objects/deals/99/associations/contacts/201"))
        .and(body_partial_json(json!([{"associationCategory": "HUBSPOT_DEFINED", "associationTypeId": 3}])))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"fromObjectTypeId": "0-3", "fromObjectId": 99, "toObjectTypeId": "0-1", "toObjectId": 201, "labels": []})))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("PUT"))
        .and(path("/crm/v4/objects/deals/99/associations/companies/666"))
        .respond_with(ResponseTemplate::new(400).set_body_json(hubspot::error(
            "VALIDATION_ERROR",
            "Company 666 does not exist",
        )))
        .expect(1)
        .mount(&server)
        .await;
    let out = server
        .crm("deals create --name Acme --stage contractsent --contact 201 --company 666 -o json")
        .await;
    out.assert_exit(8);
    assert_eq!(out.json()["id"], "99");
    out.assert_says("deal 99 was created, but 1 of its associations failed");
    out.assert_says("association with company 666: HubSpot rejected the request (HTTP 400): Company 666 does not exist");
}

#[tokio::test]
async fn a_create_is_never_retried_once_it_may_have_reached_hubspot() {
    let server = account().await;
    Mock::given(method("POST"))
        .and(path("/crm/v3/objects/deals"))
        .respond_with(ResponseTemplate::new(503).set_body_string("upstream"))
        .expect(1)
        .mount(&server)
        .await;
    let out = server
        .crm("deals create --name Once --stage contractsent")
        .await;
    out.assert_exit(7);
    out.assert_says("outcome unknown for create deal \"Once\"");
}

#[tokio::test]
async fn reads_are_retried_after_server_errors() {
    let server = account().await;
    Mock::given(method("GET"))
        .and(path("/crm/v3/objects/deals/5"))
        .respond_with(ResponseTemplate::new(502))
        .up_to_n_times(2)
        .expect(1..)
        .mount(&server)
        .await;
    server
        .answer("GET", "/crm/v3/objects/deals/5", deal("5", "Five", "5.00"))
        .await;
    let out = server.crm("deals get 5 -o json").await;
    out.assert_exit(0);
    assert_eq!(out.json()["name"], "Five");
    assert_eq!(
        requests_to(&server, "GET", "/crm/v3/objects/deals/5")
            .await
            .len(),
        3
    );
}

#[tokio::test]
async fn update_clears_with_empty_strings_and_moves_status_to_the_closing_stage() {
    let server = account().await;
    server
        .answer("GET", "/crm/v3/objects/deals/5", deal("5", "Five", "5.00"))
        .await;
    Mock::given(method("PATCH"))
        .and(path("/crm/v3/objects/deals/5"))
        .and(body_partial_json(json!({"properties": {"closedate": "", "dealstage": "closedlost", "closed_lost_reason": "Budget"}})))
        .respond_with(ResponseTemplate::new(200).set_body_json(deal("5", "Five", "5.00")))
        .expect(1)
        .mount(&server)
        .await;
    let out = server
        .crm("deals update 5 --unset close_date --status lost --lost-reason Budget -o json")
        .await;
    out.assert_exit(0);
    let patch = &requests_to(&server, "PATCH", "/crm/v3/objects/deals/5").await[0];
    let body: Value = serde_json::from_slice(&patch.body).unwrap();
    assert!(body["properties"].get("pipeline").is_none(), "{body}");
}

#[tokio::test]
async fn merge_sends_string_ids_and_prints_the_survivor_hubspot_returns() {
    let server = account().await;
    Mock::given(method("POST"))
        .and(path("/crm/v3/objects/deals/merge"))
        .and(body_partial_json(
            json!({"primaryObjectId": "10", "objectIdToMerge": "11"}),
        ))
        .respond_with(ResponseTemplate::new(200).set_body_json(deal("12", "Merged", "3")))
        .expect(1)
        .mount(&server)
        .await;
    server
        .answer("GET", "/crm/v3/objects/deals/12", deal("12", "Merged", "3"))
        .await;
    let out = server.crm("deals merge --into 10 11 --yes -o json").await;
    out.assert_exit(0);
    assert_eq!(out.json()["id"], "12");
    out.assert_says("the merged deal's id is now 12");
}

#[tokio::test]
async fn delete_keeps_the_deal_in_the_trash_first_and_needs_yes_without_a_terminal() {
    let server = account().await;
    server
        .answer("GET", "/crm/v3/objects/deals/5", deal("5", "Five", "5.00"))
        .await;
    let home = Home::new();
    Mock::given(method("DELETE"))
        .and(path("/crm/v3/objects/deals/5"))
        .respond_with(TrashedFirst(home.data_dir().join("trash.ndjson")))
        .expect(1..)
        .mount(&server)
        .await;
    let out = crm(&home, &server, "deals delete 5").await;
    out.assert_exit(2);
    out.assert_says("--yes");
    assert!(requests_to(&server, "DELETE", "/crm/v3/objects/deals/5")
        .await
        .is_empty());

    let out = crm(&home, &server, "deals delete 5 --yes").await;
    out.assert_exit(0);
    out.assert_says("recycling bin");
    assert_eq!(
        requests_to(&server, "DELETE", "/crm/v3/objects/deals/5")
            .await
            .len(),
        1
    );
    let trash = std::fs::read_to_string(home.data_dir().join("trash.ndjson")).unwrap();
    let line: Value = serde_json::from_str(trash.lines().next().unwrap()).unwrap();
    assert_eq!(line["deal"]["name"], "Five");
    assert_eq!(line["deal"]["contacts"], json!(["201"]));
}

/// Answers the DELETE of deal "Five" with 204 only if the trash already holds it when the
/// DELETE arrives; otherwise HubSpot-style 409, so a trash written after the DELETE fails.
struct TrashedFirst(std::path::PathBuf);

impl wiremock::Respond for TrashedFirst {
    fn respond(&self, _: &wiremock::Request) -> ResponseTemplate {
        let kept = std::fs::read_to_string(&self.0).is_ok_and(|t| t.contains("\"Five\""));
        if kept {
            ResponseTemplate::new(204)
        } else {
            ResponseTemplate::new(409).set_body_json(json!({
                "status": "error", "category": "CONFLICT",
                "message": "test: the DELETE arrived before the deal was in the trash"
            }))
        }
    }
}

/// A trash that cannot be written stops the delete before anything is sent.
#[tokio::test]
async fn nothing_is_deleted_when_the_trash_cannot_be_written() {
    let server = account().await;
    server
        .answer("GET", "/crm/v3/objects/deals/5", deal("5", "Five", "5.00"))
        .await;
    Mock::given(method("DELETE"))
        .and(path("/crm/v3/objects/deals/5"))
        .respond_with(ResponseTemplate::new(204))
        .expect(0)
        .mount(&server)
        .await;
    let home = Home::new();
    // A directory where the trash file should be: it cannot be opened for appending.
    std::fs::create_dir_all(home.data_dir().join("trash.ndjson")).unwrap();
    let out = crm(&home, &server, "deals delete 5 --yes").await;
    out.assert_exit(1);
    out.assert_says("cannot write the trash file");
    out.assert_says("nothing deleted");
    assert!(
        requests_to(&server, "DELETE", "/crm/v3/objects/deals/5")
            .await
            .is_empty(),
        "a DELETE was sent though the deal could not be kept"
    );
}

#[tokio::test]
async fn associate_uses_explicit_v4_types_and_labels() {
    let server = account().await;
    server.answer("GET", "/crm/v4/associations/deals/contacts/labels", json!({"results": [ {"category": "HUBSPOT_DEFINED", "typeId": 3, "label": null}, {"category": "USER_DEFINED", "typeId": 42, "label": "Decision maker"} ]})).await;
    Mock::given(method("PUT"))
        .and(path("/crm/v4/objects/deals/5/associations/contacts/201"))
        .and(body_partial_json(
            json!([{"associationCategory": "USER_DEFINED", "associationTypeId": 42}]),
        ))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({})))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("PUT"))
        .and(path("/crm/v4/objects/deals/5/associations/companies/301"))
        .and(body_partial_json(
            json!([{"associationCategory": "HUBSPOT_DEFINED", "associationTypeId": 5}]),
        ))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({})))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("PUT"))
        .and(path(
            "/crm/v4/objects/deals/5/associations/default/companies/302",
        ))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({})))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .and(path("/crm/v4/objects/deals/5/associations/contacts/201"))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    companies_of(&server, "5", &[("301", true)]).await;
    let home = Home::new();
    for args in [
        vec![
            "deals",
            "associate",
            "5",
            "--contact",
            "201",
            "--label",
            "decision maker",
        ],
        vec!["deals", "associate", "5", "--company", "301", "--primary"],
        vec!["deals", "associate", "5", "--company", "302"],
        vec!["deals", "dissociate", "5", "--contact", "201"],
    ] {
        let out = crm(&home, &server, &args).await;
        assert_eq!(out.code, 0, "{args:?}: {}", out.stderr);
    }
}

#[tokio::test]
async fn follow_is_not_supported_by_hubspot_and_sends_nothing() {
    let server = Account::empty("hubspot").await;
    let home = Home::new();
    for args in [
        vec!["deals", "follow", "5", "--user", "ana"],
        vec!["deals", "unfollow", "5", "--user", "ana"],
        vec!["deals", "followers", "5"],
    ] {
        let out = crm(&home, &server, &args).await;
        out.assert_exit(6);
        out.assert_says("is not supported by HubSpot");
    }
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn bad_input_fails_before_any_request() {
    let server = Account::empty("hubspot").await;
    let home = Home::new();
    let cases: [(&[&str], i32, &str); 5] = [
        (&["deals", "get", "../contacts/1"], 2, "is not a valid id"),
        (&["deals", "get", "1?x=y"], 2, "is not a valid id"),
        (
            &["deals", "create", "--name", "A", "--amount", "12,5"],
            2,
            "--amount 1500.00",
        ),
        (
            &[
                "deals",
                "create",
                "--name",
                "A",
                "--close-date",
                "2026-13-40",
            ],
            2,
            "YYYY-MM-DD",
        ),
        (
            &["deals", "list", "-o", "json", "--fields", "nmae"],
            2,
            "did you mean \"name\"",
        ),
    ];
    for (args, code, text) in cases {
        let out = crm(&home, &server, args).await;
        assert_eq!(out.code, code, "{args:?}: {}", out.stderr);
        assert!(out.stderr.contains(text), "{args:?}: {}", out.stderr);
    }
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn no_token_is_4_naming_crm_token() {
    let home = Home::new();
    let mut cmd = home.crm();
    cmd.args(["deals", "list"]);
    let out = run(cmd).await;
    assert_eq!(out.code, 4);
    out.assert_says("CRM_TOKEN");
}

#[tokio::test]
async fn plain_http_is_refused_except_to_loopback() {
    let home = Home::new();
    let out = crm(
        &home,
        To::env("hubspot", "http://api.hubapi.com", TOKEN),
        &["pipelines", "list"],
    )
    .await;
    out.assert_exit(2);
    out.assert_says("plain http");
}

#[tokio::test]
async fn dry_run_prints_the_request_redacted_and_sends_nothing() {
    let server = account().await;
    let home = Home::new();
    // Warm the metadata cache, so the dry run can resolve names without a request.
    crm(
        &home,
        To::env("hubspot", server.uri(), TOKEN),
        &["stages", "list", "-o", "json"],
    )
    .await
    .assert_exit(0);
    let before = server.received_requests().await.unwrap().len();
    let out = crm(
        &home,
        &server,
        "deals create --name Dry --stage 'Contract Sent' --amount 10 --dry-run",
    )
    .await;
    out.assert_exit(0);
    assert!(
        out.stdout
            .starts_with(&format!("POST {}/crm/v3/objects/deals", server.uri())),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("authorization: Bearer (redacted)"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("\"dealstage\": \"contractsent\""),
        "{}",
        out.stdout
    );
    assert!(!out.stdout.contains(TOKEN) && !out.stderr.contains(TOKEN));
    assert_eq!(
        server.received_requests().await.unwrap().len(),
        before,
        "dry run sent a request"
    );
}

#[tokio::test]
async fn verbose_traces_redact_the_token() {
    let server = account().await;
    server
        .answer("GET", "/crm/v3/objects/deals/5", deal("5", "Five", "5.00"))
        .await;
    let out = server.crm("deals get 5 -v -o json").await;
    out.assert_exit(0);
    out.assert_says("> GET");
    out.assert_says("authorization: Bearer (redacted)");
    assert!(!out.stderr.contains(TOKEN) && !out.stdout.contains(TOKEN));
}

#[tokio::test]
async fn hubspots_rate_limit_headers_are_learned() {
    let server = account().await;
    Mock::given(method("GET"))
        .and(path("/crm/v3/objects/deals"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("X-HubSpot-RateLimit-Max", "2")
                .insert_header("X-HubSpot-RateLimit-Interval-Milliseconds", "1000")
                .set_body_json(
                    json!({"results": [deal("1", "A", "1")], "paging": {"next": {"after": "x"}}}),
                ),
        )
        .expect(1..)
        .mount(&server)
        .await;
    let home = Home::new();
    let cmd = crm(&home, &server, "deals list --limit 4 -o ndjson");
    let started = std::time::Instant::now();
    let out = cmd.await;
    out.assert_exit(0);
    assert_eq!(out.stdout.lines().count(), 4);
    // 3 metadata calls + 4 pages under a learned 2-per-second window: the last page waits >= 1 s.
    assert!(
        started.elapsed() >= std::time::Duration::from_millis(900),
        "the learned limit was ignored"
    );
}

/// `GET /crm/v4/objects/deals/{id}/associations/companies`: each company with its types (5 is
/// the primary company, 341 the unlabeled default).
async fn companies_of(server: &Account, deal: &str, companies: &[(&str, bool)]) {
    let results: Vec<Value> = companies
        .iter()
        .map(|(id, primary)| {
            let mut types =
                vec![json!({"category": "HUBSPOT_DEFINED", "typeId": 341, "label": null})];
            if *primary {
                types.push(json!({"category": "HUBSPOT_DEFINED", "typeId": 5, "label": "Primary"}));
            }
            json!({"toObjectId": id, "associationTypes": types})
        })
        .collect();
    server
        .answer(
            "GET",
            &format!("/crm/v4/objects/deals/{deal}/associations/companies"),
            json!({"results": results}),
        )
        .await;
}

#[tokio::test]
async fn associate_reports_in_words() {
    let server = account().await;
    server
        .answer(
            "PUT",
            "/crm/v4/objects/deals/5/associations/default/companies/302",
            json!({}),
        )
        .await;
    companies_of(&server, "5", &[("301", true)]).await;
    let out = server.crm("deals associate 5 --company 302").await;
    out.assert_exit(0);
    assert_eq!(
        out.stderr.trim(),
        "deal 5 is now associated with company 302; its primary company is still 301 (--replace \
        makes 302 the primary)"
    );
}

/// HubSpot's `company` of a deal is its primary company (type 5): a plain associate of a deal
/// that has none makes the company primary (as HubSpot does with a deal's first company), so
/// `deals get` shows what was just associated.
#[tokio::test]
async fn the_first_company_of_a_deal_becomes_its_primary() {
    let server = account().await;
    Mock::given(method("PUT"))
        .and(path("/crm/v4/objects/deals/6/associations/companies/302"))
        .and(body_partial_json(
            json!([{"associationCategory": "HUBSPOT_DEFINED", "associationTypeId": 5}]),
        ))
        .respond_with(ResponseTemplate::new(201).set_body_json(json!({})))
        .expect(1)
        .mount(&server)
        .await;
    companies_of(&server, "6", &[]).await;
    let out = server.crm("deals associate 6 --company 302").await;
    out.assert_exit(0);
    assert_eq!(
        out.stderr.trim(),
        "deal 6 is now associated with company 302, its primary company"
    );
}

#[tokio::test]
async fn export_streams_every_page_as_ndjson_and_list_says_when_it_stopped_early() {
    let server = account().await;
    Mock::given(method("GET"))
        .and(path("/crm/v3/objects/deals"))
        .and(query_param("after", "2"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"results": [deal("2", "B", "2"), deal("3", "C", "3")]})),
        )
        .expect(1..)
        .mount(&server)
        .await;
    server
        .answer(
            "GET",
            "/crm/v3/objects/deals",
            json!({"results": [deal("1", "A", "1")], "paging": {"next": {"after": "2"}}}),
        )
        .await;
    let home = Home::new();
    let out = crm(&home, &server, "deals export").await;
    out.assert_exit(0);
    let ids: Vec<String> = out
        .stdout
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["id"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(ids, ["1", "2", "3"]);

    let out = crm(&home, &server, "deals list --limit 2 -o json").await;
    assert_eq!(out.json().as_array().unwrap().len(), 2);
}
