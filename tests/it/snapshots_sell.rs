//! What Sell users see, pinned: a table, JSON, CSV, a dry run, and the Sell-specific error
//! messages with their exit codes.

use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::support::cli::{run, Home, Run};
use crate::support::sell::{self, account, collection, deal, one, TOKEN};

async fn with_deals() -> MockServer {
    let server = account().await;
    let mut second = deal(
        2,
        "Beta & Sons, Ltd",
        json!("20.10"),
        13,
        "2026-11-21T00:00:00Z",
    );
    second["tags"] = json!([]);
    let deals = vec![
        deal(1, "Alpha", json!("1000.50"), 12, "2026-11-20T00:00:00Z"),
        second,
    ];
    for (p, body) in [
        ("/v2/deals", collection("deal", deals)),
        (
            "/v2/deals/1",
            one(deal(
                1,
                "Alpha",
                json!("1000.50"),
                12,
                "2026-11-20T00:00:00Z",
            )),
        ),
        (
            "/v2/deals/1/associated_contacts",
            collection(
                "associated_contact",
                vec![json!({"contact_id": 9, "role": "involved"})],
            ),
        ),
    ] {
        Mock::given(method("GET"))
            .and(path(p))
            .respond_with(ResponseTemplate::new(200).set_body_json(body))
            .mount(&server)
            .await;
    }
    server
}

async fn crm(home: &Home, server: &MockServer, args: &[&str]) -> Run {
    let mut cmd = home.crm_at("sell", &server.uri(), TOKEN);
    cmd.args(args);
    run(cmd).await
}

fn settings(server: &MockServer) -> insta::Settings {
    let mut s = insta::Settings::clone_current();
    let uri: String = server
        .uri()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_string()
            } else {
                format!("\\{c}")
            }
        })
        .collect();
    s.add_filter(&uri, "http://[server]");
    s.add_filter(r"logref [0-9a-f-]{36}", "logref [id]");
    s
}

#[tokio::test]
async fn sell_list_as_table_json_and_csv_and_get() {
    let server = with_deals().await;
    let home = Home::new();
    let table = crm(&home, &server, &["deals", "list", "-o", "table"]).await;
    let csv = crm(
        &home,
        &server,
        &[
            "deals",
            "list",
            "-o",
            "csv",
            "--fields",
            "id,name,amount,stage,status,owner,close_date,tags",
        ],
    )
    .await;
    let get = crm(&home, &server, &["deals", "get", "1", "-o", "json"]).await;
    settings(&server).bind(|| {
        insta::assert_snapshot!("sell_list_table", table.transcript());
        insta::assert_snapshot!("sell_list_csv", csv.transcript());
        insta::assert_snapshot!("sell_get_json", get.transcript());
    });
}

#[tokio::test]
async fn sell_dry_run_update_shows_the_put() {
    let server = account().await;
    let home = Home::new();
    let out = crm(
        &home,
        &server,
        &[
            "deals",
            "update",
            "5",
            "--name",
            "Dry",
            "--amount",
            "99.9",
            "--tags",
            "a,b",
            "--dry-run",
        ],
    )
    .await;
    settings(&server).bind(|| insta::assert_snapshot!("sell_dry_run_update", out.transcript()));
}

#[tokio::test]
async fn sell_error_messages_and_exit_codes() {
    let server = with_deals().await;
    Mock::given(method("POST"))
        .and(path("/v2/deals/upsert"))
        .respond_with(ResponseTemplate::new(409).set_body_json(sell::error(
            "409 Conflict",
            &[("", "conflict", "multiple records match")],
        )))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/v2/deals"))
        .respond_with(ResponseTemplate::new(422).set_body_json(sell::error(
            "422 Unprocessable Entity",
            &[("/contact_id", "not_found", "contact does not exist")],
        )))
        .mount(&server)
        .await;
    let home = Home::new();
    let cases: Vec<Vec<&str>> = vec![
        vec!["deals", "create", "--name", "A"],
        vec!["deals", "update", "1", "--company", "6"],
        vec![
            "deals",
            "create",
            "--name",
            "A",
            "--contact",
            "5",
            "--amount",
            "1.005",
        ],
        vec!["deals", "create", "--name", "A", "--contact", "404"],
        vec!["deals", "update", "1", "--set", "regoin=EMEA"],
        vec!["deals", "update", "1", "--tag", "x", "--tags", "y"],
        vec!["deals", "update", "1", "--lost-reason", "Too expensive"],
        vec![
            "deals",
            "update",
            "1",
            "--status",
            "lost",
            "--lost-reason",
            "Weather",
        ],
        vec!["deals", "update", "1", "--unset", "owner"],
        vec!["deals", "upsert", "--match", "name=Alpha", "--amount", "5"],
        vec!["deals", "upsert", "--match", "sku=1"],
        vec!["deals", "list", "--search", "acme"],
        vec!["deals", "list", "--sort", "stage"],
        vec!["deals", "list", "--status", "won", "--stage", "Qualified"],
        vec![
            "deals",
            "associate",
            "1",
            "--contact",
            "2",
            "--role",
            "buyer",
        ],
        vec!["deals", "associate", "1", "--contact", "2", "--label", "x"],
        vec!["deals", "associate", "1", "--company", "3"],
        vec!["deals", "merge", "--into", "1", "2"],
        vec!["deals", "delete", "1"],
    ];
    let mut transcript = String::new();
    for args in cases {
        let out = crm(&home, &server, &args).await;
        transcript.push_str(&format!("$ crm {}\n{}\n", args.join(" "), out.transcript()));
    }
    settings(&server).bind(|| insta::assert_snapshot!("sell_errors", transcript));
}
