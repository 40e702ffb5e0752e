//! Pipedrive writes through the real binary against a local mock: the exact bodies of create,
//! update, delete, merge, followers, participants, organizations and upsert.

use serde_json::json;
use wiremock::matchers::{body_json, method, path};
use wiremock::{Mock, ResponseTemplate};

use crate::support::cli::{crm, Home};
use crate::support::mock::{body, query, requests_to, Answers};
use crate::support::pipedrive::{
    self, account, deal, ok, page, participants, search_hits, EXTERNAL_KEY, REGION_KEY,
};

#[tokio::test]
async fn create_sends_ids_hash_keys_and_an_exact_number() {
    let server = account().await;
    server
        .answer("POST", "/api/v2/deals", ok(deal(9, "Acme", "1500.10")))
        .await;
    server
        .answer(
            "POST",
            "/api/v1/deals/9/participants",
            ok(json!({"id": 90})),
        )
        .await;
    let out = server
        .crm(
            "deals create --name Acme --amount 1500.10 --currency usd --stage 'Proposal Made' \
            --owner 'Bo Berg' --close-date 2026-12-31 --contact 201 --contact 202 --company 301 \
            --tags Hot,Warm --set Region=APAC --set 'External ID=SKU-1' -o json",
        )
        .await;
    out.assert_exit(0);
    assert_eq!(out.json()["id"], "9");
    assert_eq!(out.json()["contacts"], json!(["201", "202"]));
    let post = &requests_to(&server, "POST", "/api/v2/deals").await[0];
    let mut sent = body(post);
    // json! would write 1500.10 through f64; the text check below holds the digits.
    sent.as_object_mut().unwrap().remove("value");
    assert_eq!(
        sent,
        json!({
            "title": "Acme", "currency": "USD", "owner_id": 12,
            "expected_close_date": "2026-12-31", "stage_id": 2, "person_id": 201, "org_id": 301,
            "label_ids": [5, 6],
            "custom_fields": {REGION_KEY: 32, EXTERNAL_KEY: "SKU-1"}
        })
    );
    assert!(
        String::from_utf8_lossy(&post.body).contains("\"value\":1500.10"),
        "the amount's digits are sent as typed"
    );
    let added = requests_to(&server, "POST", "/api/v1/deals/9/participants").await;
    assert_eq!(added.len(), 1);
    assert_eq!(body(&added[0]), json!({"person_id": 202}));
}

#[tokio::test]
async fn a_failed_participant_after_create_is_a_partial_success() {
    let server = account().await;
    server
        .answer("POST", "/api/v2/deals", ok(deal(9, "Acme", "1")))
        .await;
    server
        .answer_with(
            "POST",
            "/api/v1/deals/9/participants",
            400,
            pipedrive::error("Person not found"),
        )
        .await;
    let out = server
        .crm("deals create --name Acme --contact 201 --contact 999 -o json")
        .await;
    out.assert_exit(8);
    assert_eq!(out.json()["id"], "9");
    out.assert_says("999");
    out.assert_says("Person not found");
}

#[tokio::test]
async fn update_marks_lost_with_a_reason_and_clears_by_name() {
    let server = account().await;
    server
        .answer("PATCH", "/api/v2/deals/4", ok(deal(4, "D", "1")))
        .await;
    server
        .answer("GET", "/api/v2/deals/4", ok(deal(4, "D", "1")))
        .await;
    server
        .answer("GET", "/api/v1/deals/4/participants", participants(&[]))
        .await;
    let out = server
        .crm(
            "deals update 4 --status lost --lost-reason Budget --tag Warm --unset 'External ID' \
            -o json",
        )
        .await;
    out.assert_exit(0);
    let patch = &requests_to(&server, "PATCH", "/api/v2/deals/4").await[0];
    assert_eq!(
        body(patch),
        json!({"status": "lost", "lost_reason": "Budget", "label_ids": [5, 6],
               "custom_fields": {EXTERNAL_KEY: null}})
    );
    // Seed 002 documents null for custom fields only; the v2 schema types
    // expected_close_date as a non-nullable date: crm refuses to clear it, sending nothing.
    let out = server.crm("deals update 4 --unset close_date").await;
    out.assert_exit(6);
    out.assert_says("--close-date");
    assert_eq!(
        requests_to(&server, "PATCH", "/api/v2/deals/4").await.len(),
        1
    );
}

#[tokio::test]
async fn delete_says_thirty_days_and_keeps_the_deal_in_the_trash() {
    let server = account().await;
    server
        .answer("GET", "/api/v2/deals/5", ok(deal(5, "Gone", "1")))
        .await;
    server
        .answer("GET", "/api/v1/deals/5/participants", participants(&[]))
        .await;
    server
        .answer("DELETE", "/api/v2/deals/5", ok(json!({"id": 5})))
        .await;
    let home = Home::new();
    let out = crm(&home, &server, "deals delete 5 --yes").await;
    out.assert_exit(0);
    out.assert_says("30 days");
    assert_eq!(
        requests_to(&server, "DELETE", "/api/v2/deals/5")
            .await
            .len(),
        1
    );
    let trash = std::fs::read_to_string(home.data_dir().join("trash.ndjson")).unwrap();
    assert!(trash.contains("\"Gone\""));

    let out = server.crm("deals delete 5").await;
    assert_eq!(out.code, 2, "no terminal and no --yes: {}", out.stderr);
}

#[tokio::test]
async fn merge_keeps_the_into_deal_and_removes_the_other() {
    let server = account().await;
    server
        .answer(
            "PUT",
            "/api/v1/deals/20/merge",
            ok(json!({"id": 10, "title": "Keep", "user_id": 11, "merge_what_id": 20})),
        )
        .await;
    server
        .answer("GET", "/api/v2/deals/10", ok(deal(10, "Keep", "5")))
        .await;
    server
        .answer("GET", "/api/v1/deals/10/participants", participants(&[]))
        .await;
    let out = server.crm("deals merge --into 10 20 --yes -o json").await;
    out.assert_exit(0);
    assert_eq!(out.json()["id"], "10");
    let merge = requests_to(&server, "PUT", "/api/v1/deals/20/merge").await;
    assert_eq!(merge.len(), 1, "the deal in the path is the one removed");
    assert_eq!(body(&merge[0]), json!({"merge_with_id": 10}));
    assert!(requests_to(&server, "PUT", "/api/v1/deals/10/merge")
        .await
        .is_empty());
}

#[tokio::test]
async fn a_merge_whose_answer_is_lost_is_not_retried_and_says_outcome_unknown() {
    let server = account().await;
    server
        .answer_status("PUT", "/api/v1/deals/20/merge", 503)
        .await;
    let out = server.crm("deals merge --into 10 20 --yes").await;
    out.assert_exit(7);
    out.assert_says("outcome unknown");
    assert_eq!(
        requests_to(&server, "PUT", "/api/v1/deals/20/merge")
            .await
            .len(),
        1
    );
}

#[tokio::test]
async fn followers_by_user_name() {
    let server = account().await;
    Mock::given(method("POST"))
        .and(path("/api/v2/deals/3/followers"))
        .and(body_json(json!({"user_id": 12})))
        .respond_with(ResponseTemplate::new(200).set_body_json(ok(json!({"user_id": 12}))))
        .expect(1..)
        .mount(&server)
        .await;
    server
        .answer(
            "DELETE",
            "/api/v2/deals/3/followers/12",
            ok(json!({"user_id": 12})),
        )
        .await;
    server
        .answer(
            "GET",
            "/api/v2/deals/3/followers",
            page(
                json!([{"user_id": 11, "add_time": "2026-01-01T00:00:00Z"},
                     {"user_id": 12, "add_time": "2026-01-01T00:00:00Z"}]),
                None,
            ),
        )
        .await;
    let out = server.crm("deals follow 3 --user bo@example.com").await;
    out.assert_exit(0);
    out.assert_says("Bo Berg now follows deal 3");
    let out = server.crm("deals unfollow 3 --user 'Bo Berg'").await;
    out.assert_exit(0);
    assert_eq!(
        requests_to(&server, "DELETE", "/api/v2/deals/3/followers/12")
            .await
            .len(),
        1
    );
    let out = server.crm("deals followers 3 -o json").await;
    out.assert_exit(0);
    assert_eq!(
        out.json(),
        json!([{"id": "11", "name": "Ana Lima", "email": "ana@example.com", "archived": false},
               {"id": "12", "name": "Bo Berg", "email": "bo@example.com", "archived": false}])
    );
    let out = server.crm("deals follow 3 --user Nobody").await;
    out.assert_exit(3);
}

#[tokio::test]
async fn contacts_are_participants_or_the_primary_person() {
    let server = account().await;
    server
        .answer(
            "POST",
            "/api/v1/deals/1/participants",
            ok(json!({"id": 80})),
        )
        .await;
    server
        .answer("PATCH", "/api/v2/deals/1", ok(deal(1, "A", "1")))
        .await;
    let out = server.crm("deals associate 1 --contact 202").await;
    out.assert_exit(0);
    let added = requests_to(&server, "POST", "/api/v1/deals/1/participants").await;
    assert_eq!(body(&added[0]), json!({"person_id": 202}));
    let out = server
        .crm("deals associate 1 --contact 203 --primary")
        .await;
    out.assert_exit(0);
    let patch = &requests_to(&server, "PATCH", "/api/v2/deals/1").await[0];
    assert_eq!(body(patch), json!({"person_id": 203}));
    let out = server.crm("deals associate 1 --contact 203 --role x").await;
    out.assert_exit(2);
}

#[tokio::test]
async fn dissociate_looks_up_the_participant_id() {
    let server = account().await;
    server
        .answer("GET", "/api/v2/deals/1", ok(deal(1, "A", "1")))
        .await;
    server
        .answer(
            "GET",
            "/api/v1/deals/1/participants",
            participants(&[(70, 201), (77, 202)]),
        )
        .await;
    server
        .answer(
            "DELETE",
            "/api/v1/deals/1/participants/77",
            ok(json!({"id": 77})),
        )
        .await;
    let out = server.crm("deals dissociate 1 --contact 202").await;
    out.assert_exit(0);
    assert_eq!(
        requests_to(&server, "DELETE", "/api/v1/deals/1/participants/77")
            .await
            .len(),
        1
    );
    assert!(requests_to(&server, "PATCH", "/api/v2/deals/1")
        .await
        .is_empty());
    let out = server.crm("deals dissociate 1 --contact 999").await;
    out.assert_exit(3);
    // 201 is the deal's person_id (and participant 70): person_id cannot be emptied through
    // API v2 (non-nullable in its PATCH schema), so nothing is written, not even the participant.
    let out = server.crm("deals dissociate 1 --contact 201").await;
    out.assert_exit(6);
    out.assert_says("--primary");
    assert!(
        requests_to(&server, "DELETE", "/v1/deals/1/participants/70")
            .await
            .is_empty()
    );
    assert!(requests_to(&server, "PATCH", "/api/v2/deals/1")
        .await
        .is_empty());
}

#[tokio::test]
async fn a_deal_has_one_organization_and_replacing_it_is_explicit() {
    let server = account().await;
    server
        .answer("GET", "/api/v2/deals/1", ok(deal(1, "A", "1")))
        .await;
    server
        .answer("PATCH", "/api/v2/deals/1", ok(deal(1, "A", "1")))
        .await;
    let out = server.crm("deals associate 1 --company 302").await;
    out.assert_exit(2);
    out.assert_says("--replace");
    out.assert_says("301");
    assert!(requests_to(&server, "PATCH", "/api/v2/deals/1")
        .await
        .is_empty());
    let out = server
        .crm("deals associate 1 --company 302 --replace")
        .await;
    out.assert_exit(0);
    let patch = &requests_to(&server, "PATCH", "/api/v2/deals/1").await[0];
    assert_eq!(body(patch), json!({"org_id": 302}));
    // org_id is a non-nullable integer in the v2 PATCH schema and Pipedrive documents no other
    // way to empty it: dissociating the company is refused before any request.
    let before = server.received_requests().await.unwrap().len();
    let out = server.crm("deals dissociate 1 --company 301").await;
    out.assert_exit(6);
    out.assert_says("--replace");
    assert_eq!(server.received_requests().await.unwrap().len(), before);
}

#[tokio::test]
async fn upsert_searches_exactly_then_creates_and_says_it_is_not_atomic() {
    let server = account().await;
    server
        .answer("GET", "/api/v2/deals/search", search_hits(&[]))
        .await;
    server
        .answer("POST", "/api/v2/deals", ok(deal(12, "Acme", "7")))
        .await;
    let out = server
        .crm("deals upsert --match 'External ID=SKU-9' --name Acme -o json")
        .await;
    out.assert_exit(0);
    out.assert_says("not atomic");
    out.assert_says("deal 12 created");
    let search = &requests_to(&server, "GET", "/api/v2/deals/search").await[0];
    let q = query(search);
    assert!(q.contains(&("term".into(), "SKU-9".into())));
    assert!(q.contains(&("exact_match".into(), "true".into())));
    assert!(q.contains(&("fields".into(), "custom_fields".into())));
    let post = &requests_to(&server, "POST", "/api/v2/deals").await[0];
    assert_eq!(
        body(post),
        json!({"title": "Acme", "custom_fields": {EXTERNAL_KEY: "SKU-9"}})
    );
}

#[tokio::test]
async fn upsert_updates_the_one_exact_match() {
    let server = account().await;
    server
        .answer(
            "GET",
            "/api/v2/deals/search",
            json!({"success": true, "data": {"items": [{"result_score": 1, "item": {"id": 4}}]}}),
        )
        .await;
    server
        .answer(
            "GET",
            "/api/v2/deals",
            page(json!([deal(4, "Acme", "1")]), None),
        )
        .await;
    server
        .answer("PATCH", "/api/v2/deals/4", ok(deal(4, "Acme", "9")))
        .await;
    server
        .answer("GET", "/api/v2/deals/4", ok(deal(4, "Acme", "9")))
        .await;
    server
        .answer("GET", "/api/v1/deals/4/participants", participants(&[]))
        .await;
    let out = server
        .crm("deals upsert --match name=Acme --amount 9 -o json")
        .await;
    out.assert_exit(0);
    out.assert_says("deal 4 updated");
    let patch = &requests_to(&server, "PATCH", "/api/v2/deals/4").await[0];
    assert_eq!(body(patch), json!({"value": 9}));
}
