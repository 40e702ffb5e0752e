//! What users see, pinned: a table, JSON, CSV, a dry run, and every error message with its exit
//! code. A change to any of them shows up in review as a snapshot diff.

use wiremock::matchers::{method, path};
use wiremock::{Mock, ResponseTemplate};

use crate::support::cli::{crm, run, Home};
use crate::support::hubspot::{self, account, deal};
use crate::support::mock::Answers;
use crate::support::snapshot::settings;

#[tokio::test]
async fn list_as_table_json_and_csv() {
    let server = hubspot::with_deals().await;
    let home = Home::new();
    let table = crm(&home, &server, "deals list -o table").await;
    let json = crm(
        &home,
        &server,
        "deals list -o json --fields id,name,amount,stage,status,custom.region",
    )
    .await;
    let csv = crm(
        &home,
        &server,
        "deals list -o csv --fields id,name,amount,stage,owner,close_date",
    )
    .await;
    let get = crm(&home, &server, "deals get 1 -o json").await;
    settings(&server).bind(|| {
        insta::assert_snapshot!("list_table", table.transcript());
        insta::assert_snapshot!("list_json_fields", json.transcript());
        insta::assert_snapshot!("list_csv", csv.transcript());
        insta::assert_snapshot!("get_json", get.transcript());
    });
}

#[tokio::test]
async fn dry_run_listing() {
    let server = account().await;
    let home = Home::new();
    assert_eq!(crm(&home, &server, "pipelines list").await.code, 0);
    let out = crm(
        &home,
        &server,
        "deals create --name Dry --amount 99.90 --stage 'Contract Sent' --owner 'Ana Lima' \
            --dry-run",
    )
    .await;
    settings(&server).bind(|| insta::assert_snapshot!("dry_run_create", out.transcript()));
}

#[tokio::test]
async fn every_error_message_and_exit_code() {
    let server = account().await;
    for (status, category, message) in [
        (
            401,
            "INVALID_AUTHENTICATION",
            "Authentication credentials not found.",
        ),
        (400, "VALIDATION_ERROR", "Property values were not valid"),
    ] {
        let p = if status == 401 {
            "/crm/v3/objects/deals/401"
        } else {
            "/crm/v3/objects/deals/400"
        };
        Mock::given(method("GET"))
            .and(path(p))
            .respond_with(
                ResponseTemplate::new(status).set_body_json(hubspot::error(category, message)),
            )
            .expect(1..)
            .mount(&server)
            .await;
    }
    Mock::given(method("DELETE"))
        .and(path("/crm/v3/objects/deals/500"))
        .respond_with(ResponseTemplate::new(500))
        .expect(1..)
        .mount(&server)
        .await;
    server
        .answer(
            "GET",
            "/crm/v3/objects/deals/500",
            deal("500", "Five hundred", "1"),
        )
        .await;
    let home = Home::new();
    let cases: Vec<Vec<&str>> = vec![
        vec!["deals", "get", "404"],
        vec!["deals", "get", "401"],
        vec!["deals", "get", "400"],
        vec!["deals", "get", "../contacts/1"],
        vec!["deals", "create", "--name", "A", "--amount", "12,5"],
        vec![
            "deals",
            "create",
            "--name",
            "A",
            "--close-date",
            "2026-13-40",
        ],
        vec!["deals", "create", "--amount", "1"],
        vec!["deals", "create", "--name", "A", "--stage", "Negotiation"],
        vec!["deals", "create", "--name", "A", "--set", "regoin=EMEA"],
        vec!["deals", "create", "--name", "A", "--set", "region=Mars"],
        vec!["deals", "create", "--name", "A", "--tags", "vip"],
        vec!["deals", "update", "1"],
        vec![
            "deals",
            "update",
            "1",
            "--stage",
            "closedwon",
            "--status",
            "won",
        ],
        vec!["deals", "list", "--fields", "nmae"],
        vec!["deals", "list", "--sort", "stage"],
        vec!["deals", "list", "--status", "won", "--archived"],
        vec!["deals", "list", "--custom", "region"],
        vec!["deals", "delete", "1"],
        vec!["deals", "delete", "500", "--yes"],
        vec!["deals", "merge", "--into", "1", "1"],
        vec!["deals", "follow", "1", "--user", "ana"],
        vec![
            "deals",
            "associate",
            "1",
            "--contact",
            "2",
            "--role",
            "buyer",
        ],
        vec!["stages", "list", "--pipeline", "Renewals"],
    ];
    let mut transcript = String::new();
    for args in cases {
        let out = crm(&home, &server, &args).await;
        transcript.push_str(&format!("$ crm {}\n{}\n", args.join(" "), out.transcript()));
    }
    let no_token = run({
        let mut c = home.crm();
        c.args(["deals", "list"]);
        c
    })
    .await;
    transcript.push_str(&format!(
        "$ crm deals list   (no CRM_TOKEN)\n{}\n",
        no_token.transcript()
    ));
    settings(&server).bind(|| insta::assert_snapshot!("errors", transcript));
}
