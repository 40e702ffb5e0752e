//! Zendesk Sell through the real binary against a local mock: exact requests and outputs for every
//! verb, the client-side filter notices, errors and exit codes, the trash before a delete.

use std::time::Duration;

use serde_json::{json, Value};
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::support::account::Account;
use crate::support::cli::{crm, Home, To};
use crate::support::json::strings;
use crate::support::mock::{body, query, requests_to, requests_where, Answers};
use crate::support::sandbox_api::inspect;
use crate::support::sell::{self, account, collection, deal, one, TOKEN};

/// Requests other than the metadata reads.
async fn deal_requests(server: &MockServer) -> Vec<String> {
    requests_where(server, |r| r.url.path().starts_with("/v2/deals"))
        .await
        .into_iter()
        .map(|r| format!("{} {}", r.method, r.url.path()))
        .collect()
}

fn page_of(first_id: u64, n: u64) -> Value {
    collection(
        "deal",
        (first_id..first_id + n)
            .map(|i| {
                deal(
                    i,
                    &format!("Deal {i}"),
                    json!(i),
                    12,
                    "2026-11-20T00:00:00Z",
                )
            })
            .collect(),
    )
}

#[tokio::test]
async fn all_reads_pages_concurrently_and_writes_them_in_order() {
    let server = account().await;
    // The first page answers last: the output must still start with it.
    for (page, first, n, delay) in [(1, 1, 100, 400), (2, 101, 100, 0), (3, 201, 5, 0)] {
        Mock::given(method("GET"))
            .and(path("/v2/deals"))
            .and(query_param("page", page.to_string()))
            .respond_with(
                ResponseTemplate::new(200)
                    .set_body_json(page_of(first, n))
                    .set_delay(Duration::from_millis(delay)),
            )
            .expect(1..)
            .mount(&server)
            .await;
    }
    server
        .answer("GET", "/v2/deals", collection("deal", vec![]))
        .await;
    let out = server.crm("deals list --all -o json").await;
    out.assert_exit(0);
    let deals = out.json();
    let ids: Vec<u64> = deals
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].as_str().unwrap().parse().unwrap())
        .collect();
    assert_eq!(ids, (1..=205).collect::<Vec<_>>());
    assert_eq!(deals[0]["vendor"], "sell");
    assert_eq!(deals[0]["amount"], "1");
    assert_eq!(deals[0]["stage"], json!({"id": "12", "name": "Qualified"}));
    assert_eq!(deals[0]["pipeline"], json!({"id": "1", "name": "Sales"}));
    assert_eq!(deals[0]["status"], "open");
    assert_eq!(deals[0]["owner"], json!({"id": "7", "name": "Ana Lima"}));
    assert_eq!(deals[0]["contacts"], json!(["5"]));
    assert_eq!(deals[0]["company"], "6");
    assert_eq!(deals[0]["close_date"], "2026-12-31");
    assert_eq!(deals[0]["tags"], json!(["a", "b"]));
    let lists = requests_to(&server, "GET", "/v2/deals").await;
    let pages: Vec<String> = lists
        .iter()
        .map(|r| query(r).into_iter().find(|(k, _)| k == "page").unwrap().1)
        .collect();
    for p in ["1", "2", "3"] {
        assert!(
            pages.contains(&p.to_string()),
            "page {p} not read: {pages:?}"
        );
    }
    assert!(
        lists.len() <= 4,
        "at most one page read past the short one: {pages:?}"
    );
    for r in &lists {
        assert!(query(r).contains(&("per_page".into(), "100".into())));
        assert_eq!(
            r.headers.get("authorization").unwrap(),
            &format!("Bearer {TOKEN}")
        );
    }
}

#[tokio::test]
async fn sell_filters_go_in_the_query_with_names_resolved() {
    let server = account().await;
    server
        .answer_with("GET", "/v2/deals", 200, page_of(1, 2))
        .await;
    let out = server
        .crm(
            "deals list --owner 'Ana Lima' --stage Qualified --contact 5 --company 6 \
            --custom region=EMEA --sort amount:desc --limit 10 -o json",
        )
        .await;
    out.assert_exit(0);
    assert_eq!(out.json().as_array().unwrap().len(), 2);
    let lists = requests_to(&server, "GET", "/v2/deals").await;
    assert_eq!(lists.len(), 1, "a short page is the last");
    let expected: Vec<(String, String)> = [
        ("page", "1"),
        ("per_page", "10"),
        ("owner_id", "7"),
        ("stage_id", "12"),
        ("contact_id", "5"),
        ("organization_id", "6"),
        ("custom_fields[region]", "EMEA"),
        ("sort_by", "value:desc"),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    assert_eq!(query(&lists[0]), expected);
    assert_eq!(
        out.stderr, "Zendesk Sell matches --contact against each deal's primary contact only\n",
        "native filters need no notice but this reminder"
    );
}

#[tokio::test]
async fn status_is_filtered_by_crm_through_stage_categories_and_says_so() {
    let server = account().await;
    let deals = vec![
        deal(1, "Open", json!(1), 12, "2026-11-20T00:00:00Z"),
        deal(2, "Won", json!("2.50"), 13, "2026-11-20T00:00:00Z"),
        deal(3, "Won too", json!(3), 23, "2026-11-20T00:00:00Z"),
        deal(4, "Lost", json!(4), 24, "2026-11-20T00:00:00Z"),
    ];
    server
        .answer_with("GET", "/v2/deals", 200, collection("deal", deals))
        .await;
    let home = Home::new();
    let out = crm(&home, &server, "deals list --status won -o json").await;
    out.assert_exit(0);
    let got = out.json();
    let ids = strings(&got, "/id");
    assert_eq!(ids, ["2", "3"]);
    assert_eq!(got[0]["amount"], "2.5");
    assert_eq!(got[1]["pipeline"]["name"], "Renewals");
    out.assert_says("Zendesk Sell cannot filter by status won: crm reads the deals and keeps those in stages \"Won\" in Sales (13), \"Won\" in Renewals (23)");
    let lists = requests_to(&server, "GET", "/v2/deals").await;
    assert!(query(&lists[0]).contains(&("per_page".into(), "100".into())));
    assert!(!query(&lists[0]).iter().any(|(k, _)| k == "stage_id"));

    // A pipeline and a status that leave one stage: Sell's own stage filter does it.
    let out = crm(
        &home,
        &server,
        "deals list --status lost --pipeline Renewals -o json",
    )
    .await;
    out.assert_exit(0);
    let lists = requests_to(&server, "GET", "/v2/deals").await;
    assert!(query(&lists[1]).contains(&("stage_id".into(), "24".into())));
}

#[tokio::test]
async fn updated_since_sorts_newest_first_and_stops_at_the_first_older_deal() {
    let server = account().await;
    let mut deals: Vec<Value> = (1..=98)
        .map(|i| deal(i, "New", json!(i), 12, "2026-11-20T00:00:00Z"))
        .collect();
    deals.push(deal(99, "Old", json!(1), 12, "2026-10-01T00:00:00Z"));
    deals.push(deal(100, "Older", json!(1), 12, "2026-09-01T00:00:00Z"));
    server
        .answer_with("GET", "/v2/deals", 200, collection("deal", deals))
        .await;
    let out = server
        .crm("deals list --updated-since 2026-11-01 --all -o json")
        .await;
    out.assert_exit(0);
    assert_eq!(out.json().as_array().unwrap().len(), 98);
    let lists = requests_to(&server, "GET", "/v2/deals").await;
    assert_eq!(
        lists.len(),
        1,
        "the full first page ended in older deals: no second page"
    );
    assert!(query(&lists[0]).contains(&("sort_by".into(), "updated_at:desc".into())));
    out.assert_says("cannot filter by update time");
}

#[tokio::test]
async fn filters_sell_lacks_are_refused_before_any_request() {
    let server = account().await;
    let home = Home::new();
    for args in [
        vec!["deals", "list", "--search", "acme"],
        vec!["deals", "list", "--archived"],
        vec!["deals", "merge", "--into", "1", "2", "--yes"],
        vec!["deals", "follow", "1", "--user", "7"],
        vec!["deals", "associate", "1", "--company", "3"],
        vec!["deals", "dissociate", "1", "--company", "3"],
    ] {
        let out = crm(&home, &server, &args).await;
        assert_eq!(out.code, 6, "{args:?}: {}", out.stderr);
        out.assert_says("not supported by Zendesk Sell");
    }
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn get_adds_the_associated_contacts_after_the_primary_one() {
    let server = account().await;
    server
        .answer_with(
            "GET",
            "/v2/deals/42",
            200,
            one(deal(
                42,
                "Acme",
                json!("1000.50"),
                13,
                "2026-11-20T00:00:00Z",
            )),
        )
        .await;
    let contacts = collection(
        "associated_contact",
        vec![
            json!({"contact_id": 5, "role": "involved"}),
            json!({"contact_id": 9, "role": "involved"}),
        ],
    );
    server
        .answer_with("GET", "/v2/deals/42/associated_contacts", 200, contacts)
        .await;
    let out = server.crm("deals get 42 -o json").await;
    out.assert_exit(0);
    let d = out.json();
    assert_eq!(d["contacts"], json!(["5", "9"]));
    assert_eq!(d["amount"], "1000.5");
    assert_eq!(d["status"], "won");
    assert_eq!(d["custom"], json!({"region": "EMEA"}));
    assert!(
        d.get("url").is_none(),
        "Sell has no documented deal address"
    );
}

#[tokio::test]
async fn create_needs_a_contact_and_sends_sells_shapes() {
    let server = account().await;
    server
        .answer_with(
            "POST",
            "/v2/deals",
            200,
            one(deal(99, "Acme", json!(1500), 12, "2026-11-20T00:00:00Z")),
        )
        .await;
    server
        .answer_with(
            "POST",
            "/v2/deals/99/associated_contacts",
            200,
            json!({"data": {"contact_id": 6, "role": "involved"}}),
        )
        .await;
    let home = Home::new();
    let out = crm(&home, &server, "deals create --name Acme").await;
    assert_eq!(out.code, 2);
    assert!(
        server.received_requests().await.unwrap().is_empty(),
        "not even metadata"
    );
    out.assert_says("needs a primary contact");
    out.assert_says("--contact");
    let out = crm(
        &home,
        &server,
        "deals create --name Acme --contact 5 --amount 10.005",
    )
    .await;
    assert_eq!(out.code, 2);
    out.assert_says("more than two decimals");
    assert!(deal_requests(&server).await.is_empty(), "nothing sent");

    let out = crm(
        &home,
        &server,
        "deals create --name Acme --amount 1500 --currency usd --stage Qualified \
            --owner ana@example.com --close-date 2026-12-31 --contact 5 --contact 6 --tags a,b \
            --set region=EMEA -o json",
    )
    .await;
    out.assert_exit(0);
    let posts = requests_to(&server, "POST", "/v2/deals").await;
    assert_eq!(
        body(&posts[0]),
        json!({"data": {"contact_id": 5, "name": "Acme", "value": "1500.00", "currency": "USD",
                        "owner_id": 7, "estimated_close_date": "2026-12-31", "stage_id": 12,
                        "tags": ["a", "b"], "custom_fields": {"region": "EMEA"}},
               "meta": {"type": "deal"}})
    );
    let assoc = requests_to(&server, "POST", "/v2/deals/99/associated_contacts").await;
    assert_eq!(
        body(&assoc[0]),
        json!({"data": {"contact_id": 6, "role": "involved"}, "meta": {"type": "associated_contact"}})
    );
    assert_eq!(out.json()["contacts"], json!(["5", "6"]));
    assert_eq!(out.json()["amount"], "1500");
}

#[tokio::test]
async fn update_puts_only_the_changed_fields() {
    let server = account().await;
    server
        .answer_with(
            "GET",
            "/v2/deals/5",
            200,
            one(deal(5, "Five", json!(5), 12, "2026-11-20T00:00:00Z")),
        )
        .await;
    server
        .answer_with(
            "PUT",
            "/v2/deals/5",
            200,
            one(deal(5, "Renamed", json!(5), 12, "2026-11-21T00:00:00Z")),
        )
        .await;
    let home = Home::new();
    let out = crm(&home, &server, "deals update 5 --name Renamed -o json").await;
    out.assert_exit(0);
    assert_eq!(out.json()["name"], "Renamed");
    assert_eq!(
        deal_requests(&server).await,
        ["PUT /v2/deals/5"],
        "no read for a plain change"
    );
    let puts = requests_to(&server, "PUT", "/v2/deals/5").await;
    assert_eq!(
        body(&puts[0]),
        json!({"data": {"name": "Renamed"}, "meta": {"type": "deal"}})
    );

    let cases: [(&[&str], Value, &str); 3] = [
        (
            &["--tag", "c"],
            json!({"tags": ["a", "b", "c"]}),
            "tags: this write adds c (Sell replaces the whole set, so it sends a, b, c)",
        ),
        (
            &["--tags", "z"],
            json!({"tags": ["z"]}),
            "tags: this write replaces the deal's tags with z",
        ),
        (
            &["--status", "lost", "--lost-reason", "Too expensive"],
            json!({"stage_id": 14, "loss_reason_id": 91}),
            "",
        ),
    ];
    for (i, (flags, data, notice)) in cases.into_iter().enumerate() {
        let mut args = vec!["deals", "update", "5", "-o", "json"];
        args.extend_from_slice(flags);
        let out = crm(&home, &server, &args).await;
        assert_eq!(out.code, 0, "{flags:?}: {}", out.stderr);
        assert!(out.stderr.contains(notice), "{flags:?}: {}", out.stderr);
        let puts = requests_to(&server, "PUT", "/v2/deals/5").await;
        assert_eq!(
            body(&puts[i + 1]),
            json!({"data": data, "meta": {"type": "deal"}}),
            "{flags:?}"
        );
    }
    assert_eq!(
        requests_to(&server, "GET", "/v2/deals/5").await.len(),
        2,
        "tags and status read the deal first"
    );
}

#[tokio::test]
async fn unknown_custom_fields_and_roles_are_usage_errors() {
    let server = account().await;
    let home = Home::new();
    let out = crm(&home, &server, "deals update 5 --set regoin=EMEA").await;
    out.assert_exit(2);
    out.assert_says("unknown custom field \"regoin\"");
    out.assert_says("region, external_id");
    let out = crm(&home, &server, "deals associate 5 --contact 9 --role boss").await;
    out.assert_exit(2);
    out.assert_says("\"involved\"");
    let out = crm(&home, &server, "deals list --owner Nobody").await;
    out.assert_exit(3);
    out.assert_says("Ana Lima");
    assert!(deal_requests(&server).await.is_empty());
}

#[tokio::test]
async fn associate_and_dissociate_contacts() {
    let server = account().await;
    server
        .answer_with(
            "POST",
            "/v2/deals/5/associated_contacts",
            200,
            json!({"data": {"contact_id": 9, "role": "involved"}}),
        )
        .await;
    server
        .answer_status("DELETE", "/v2/deals/5/associated_contacts/9", 204)
        .await;
    let home = Home::new();
    let out = crm(&home, &server, "deals associate 5 --contact 9").await;
    out.assert_exit(0);
    out.assert_says("deal 5 is now associated with contact 9 (role involved)");
    let posts = requests_to(&server, "POST", "/v2/deals/5/associated_contacts").await;
    assert_eq!(
        body(&posts[0]),
        json!({"data": {"contact_id": 9, "role": "involved"}, "meta": {"type": "associated_contact"}})
    );
    let out = crm(&home, &server, "deals dissociate 5 --contact 9").await;
    out.assert_exit(0);
    assert_eq!(
        requests_to(&server, "DELETE", "/v2/deals/5/associated_contacts/9")
            .await
            .len(),
        1
    );
}

#[tokio::test]
async fn upsert_sends_the_filters_in_the_query_and_does_not_claim_created_or_updated() {
    let server = account().await;
    server
        .answer_with(
            "POST",
            "/v2/deals/upsert",
            200,
            one(deal(
                77,
                "Website Redesign",
                json!(1),
                12,
                "2026-11-20T00:00:00Z",
            )),
        )
        .await;
    let home = Home::new();
    let out = crm(
        &home,
        &server,
        "deals upsert --match external_id=SKU01 --name 'Website Redesign' --contact 5 -o json",
    )
    .await;
    out.assert_exit(0);
    assert_eq!(out.json()["id"], "77");
    out.assert_says("deal 77 created or updated");
    let posts = requests_to(&server, "POST", "/v2/deals/upsert").await;
    assert_eq!(
        query(&posts[0]),
        [(
            "custom_fields[external_id]".to_string(),
            "SKU01".to_string()
        )]
    );
    assert_eq!(
        body(&posts[0]),
        json!({"data": {"contact_id": 5, "name": "Website Redesign", "custom_fields": {"external_id": "SKU01"}},
               "meta": {"type": "deal"}})
    );

    let out = crm(&home, &server, "deals upsert --match sku=1 --name X").await;
    out.assert_exit(2);
    out.assert_says("external_id");
}

#[tokio::test]
async fn several_matches_are_a_409_and_exit_5() {
    let server = account().await;
    sell::answer_upsert_conflict(&server).await;
    let out = server
        .crm("deals upsert --match name=Acme --amount 5")
        .await;
    out.assert_exit(5);
    out.assert_says("several deals match name=Acme");
    out.assert_says("no --contact");
    let posts = requests_to(&server, "POST", "/v2/deals/upsert").await;
    assert_eq!(posts.len(), 1);
    assert_eq!(query(&posts[0]), [("name".to_string(), "Acme".to_string())]);
}

#[tokio::test]
async fn delete_is_permanent_says_so_and_keeps_the_deal_with_its_contacts_first() {
    let server = account().await;
    server
        .answer_with(
            "GET",
            "/v2/deals/5",
            200,
            one(deal(5, "Five", json!("5.50"), 12, "2026-11-20T00:00:00Z")),
        )
        .await;
    server
        .answer_with(
            "GET",
            "/v2/deals/5/associated_contacts",
            200,
            collection(
                "associated_contact",
                vec![json!({"contact_id": 9, "role": "involved"})],
            ),
        )
        .await;
    Mock::given(method("DELETE"))
        .and(path("/v2/deals/5"))
        .respond_with(ResponseTemplate::new(404).set_body_json(sell::error(
            "404 Not Found",
            &[("", "not_found", "Not Found")],
        )))
        .up_to_n_times(1)
        .expect(1..)
        .mount(&server)
        .await;
    server.answer_status("DELETE", "/v2/deals/5", 204).await;
    let home = Home::new();
    let out = crm(&home, &server, "deals delete 5").await;
    out.assert_exit(2);
    out.assert_says("--yes");
    assert!(deal_requests(&server).await.is_empty());

    // The first delete fails: the deal was already in the trash, with its contacts.
    let out = crm(&home, &server, "deals delete 5 --yes").await;
    out.assert_exit(3);
    let trash = std::fs::read_to_string(home.data_dir().join("trash.ndjson")).unwrap();
    let line: Value = serde_json::from_str(trash.lines().next().unwrap()).unwrap();
    assert_eq!(line["deal"]["id"], "5");
    assert_eq!(line["deal"]["contacts"], json!(["5", "9"]));
    assert_eq!(line["deal"]["amount"], "5.5");

    let out = crm(&home, &server, "deals delete 5 --yes").await;
    out.assert_exit(0);
    out.assert_says("deleted deal \"Five\" (5): Zendesk Sell deletes deals permanently (it cannot be undone) and removes their associated contacts with them.");
    assert_eq!(
        deal_requests(&server).await,
        [
            "GET /v2/deals/5",
            "GET /v2/deals/5/associated_contacts",
            "DELETE /v2/deals/5",
            "GET /v2/deals/5",
            "GET /v2/deals/5/associated_contacts",
            "DELETE /v2/deals/5",
        ]
    );
}

#[tokio::test]
async fn sell_errors_carry_every_field_and_the_token_never_shows() {
    let server = account().await;
    sell::answer_error(
        &server,
        "POST",
        "/v2/deals",
        "422 Unprocessable Entity",
        &[
            ("/name", "blank", "can't be blank"),
            ("/value", "invalid", "is not a number"),
        ],
    )
    .await;
    sell::answer_error(
        &server,
        "GET",
        "/v2/deals/1",
        "401 Unauthorized",
        &[("", "unauthorized", "Unauthorized")],
    )
    .await;
    let home = Home::new();
    let out = crm(&home, &server, "-v deals create --name A --contact 5").await;
    out.assert_exit(5);
    out.assert_says(
        "name: can't be blank [blank]; value: is not a number [invalid] (logref logref-1234)",
    );
    assert!(!out.stderr.contains("SECRETTOKEN") && !out.stdout.contains("SECRETTOKEN"));
    let out = crm(&home, &server, "deals get 1").await;
    out.assert_exit(4);
}

#[tokio::test]
async fn pipelines_list_shows_stages_in_order_with_their_status() {
    let server = account().await;
    let out = server.crm("pipelines list -o json").await;
    out.assert_exit(0);
    let p = out.json();
    assert_eq!(p[0]["name"], "Sales");
    let stages: Vec<(&str, &str)> = p[0]["stages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["name"].as_str().unwrap(), s["status"].as_str().unwrap()))
        .collect();
    assert_eq!(
        stages,
        [
            ("Incoming", "open"),
            ("Qualified", "open"),
            ("Won", "won"),
            ("Lost", "lost"),
            ("Unqualified", "unqualified")
        ]
    );
}

#[tokio::test]
async fn a_stage_made_since_the_cache_was_filled_resolves_after_one_reload() {
    let server = Account::empty("sell").await;
    let mut newer = sell::stages();
    newer.push(json!({"id": 16, "name": "Negotiation", "category": "in_progress", "position": 6, "pipeline_id": 1}));
    Mock::given(method("GET"))
        .and(path("/v2/stages"))
        .respond_with(ResponseTemplate::new(200).set_body_json(collection("stage", sell::stages())))
        .up_to_n_times(1)
        .expect(1..)
        .mount(&server)
        .await;
    server
        .answer_with("GET", "/v2/stages", 200, collection("stage", newer))
        .await;
    server
        .answer_with(
            "GET",
            "/v2/pipelines",
            200,
            collection("pipeline", sell::pipelines()),
        )
        .await;
    server
        .answer_with("GET", "/v2/users", 200, collection("user", sell::users()))
        .await;
    server
        .answer_with(
            "PUT",
            "/v2/deals/5",
            200,
            one(deal(5, "Five", json!(5), 16, "2026-11-20T00:00:00Z")),
        )
        .await;
    let out = server
        .crm("deals update 5 --stage Negotiation -o json")
        .await;
    out.assert_exit(0);
    assert_eq!(out.json()["stage"]["name"], "Negotiation");
    let puts = requests_to(&server, "PUT", "/v2/deals/5").await;
    assert_eq!(
        body(&puts[0]),
        json!({"data": {"stage_id": 16}, "meta": {"type": "deal"}})
    );
    assert_eq!(requests_to(&server, "GET", "/v2/stages").await.len(), 2);
}

#[tokio::test]
async fn a_deal_from_the_trash_can_be_created_again() {
    let server = account().await;
    server
        .answer_with(
            "POST",
            "/v2/deals",
            200,
            one(deal(100, "Five", json!("5.50"), 12, "2026-11-20T00:00:00Z")),
        )
        .await;
    server
        .answer_with(
            "POST",
            "/v2/deals/100/associated_contacts",
            200,
            json!({"data": {"contact_id": 9, "role": "involved"}}),
        )
        .await;
    let home = Home::new();
    // The `deal` of a trash line, as `crm deals get 5 -o json` wrote it.
    let trashed = json!({
        "id": "5", "vendor": "sell", "name": "Five", "amount": "5.50", "currency": "USD",
        "pipeline": {"id": "1", "name": "Sales"}, "stage": {"id": "12", "name": "Qualified"},
        "status": "open", "owner": {"id": "7", "name": "Ana Lima"}, "close_date": "2026-12-31",
        "probability": null, "contacts": ["5", "9"], "company": "6", "tags": ["a"],
        "custom": {"region": "EMEA"}, "created_at": "2026-01-02T03:04:05Z", "updated_at": "2026-11-20T00:00:00Z"
    });
    let file = home.path().join("deal.json");
    std::fs::write(&file, trashed.to_string()).unwrap();
    let out = crm(
        &home,
        &server,
        &[
            "deals",
            "create",
            "--from",
            file.to_str().unwrap(),
            "-o",
            "json",
        ],
    )
    .await;
    out.assert_exit(0);
    out.assert_says("company 6 is not sent");
    let posts = requests_to(&server, "POST", "/v2/deals").await;
    assert_eq!(
        body(&posts[0]),
        json!({"data": {"contact_id": 5, "name": "Five", "value": "5.50", "currency": "USD", "owner_id": 7,
                        "estimated_close_date": "2026-12-31", "stage_id": 12, "tags": ["a"],
                        "custom_fields": {"region": "EMEA"}},
               "meta": {"type": "deal"}})
    );
    let assoc = requests_to(&server, "POST", "/v2/deals/100/associated_contacts").await;
    assert_eq!(
        body(&assoc[0])["data"],
        json!({"contact_id": 9, "role": "involved"})
    );
}

/// Sell gives no page count (seed 004: `page`, `per_page` up to 100): a short page is the last
/// one. `--all` reads ahead to keep the pages coming, but at most one request goes past the end,
/// whatever the round trip: 250 deals are 3 pages, so at most 4 page requests.
#[tokio::test]
async fn all_reads_at_most_one_page_past_the_end() {
    use crm::sandbox::{spawn, SandboxVendor, ServeArgs};
    let sandbox = spawn(ServeArgs {
        deals: 250,
        latency_ms: 50,
        ..ServeArgs::new(SandboxVendor::Sell)
    })
    .await
    .expect("sandbox starts");
    let requests = || async {
        let stats: Value = inspect(&sandbox.url(), "stats").await;
        stats["requests"].as_u64().unwrap()
    };
    let home = Home::new();
    let list = || {
        let to = To::env("sell", sandbox.url(), TOKEN);
        crm(&home, to, "deals list --all -o ndjson")
    };
    // The first run fills the metadata cache; the second asks for deal pages only.
    assert_eq!(list().await.code, 0);
    let before = requests().await;
    let out = list().await;
    out.assert_exit(0);
    assert_eq!(out.stdout.lines().count(), 250);
    let pages = requests().await - before;
    assert!(
        (3..=4).contains(&pages),
        "{pages} page requests for 3 pages of deals"
    );
}
