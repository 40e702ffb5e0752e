//! What Sell users see, pinned: a table, JSON, CSV, a dry run, and the Sell-specific error
//! messages with their exit codes.

use crate::support::cli::{crm, Home};
use crate::support::mock::Answers;
use crate::support::sell::{self, account};
use crate::support::snapshot::settings;

#[tokio::test]
async fn sell_list_as_table_json_and_csv_and_get() {
    let server = sell::with_deals().await;
    let home = Home::new();
    let table = crm(&home, &server, "deals list -o table").await;
    let csv = crm(
        &home,
        &server,
        "deals list -o csv --fields id,name,amount,stage,status,owner,close_date,tags",
    )
    .await;
    let get = crm(&home, &server, "deals get 1 -o json").await;
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
        "deals update 5 --name Dry --amount 99.9 --tags a,b --dry-run",
    )
    .await;
    settings(&server).bind(|| insta::assert_snapshot!("sell_dry_run_update", out.transcript()));
}

#[tokio::test]
async fn sell_error_messages_and_exit_codes() {
    let server = sell::with_deals().await;
    server
        .answer_with(
            "POST",
            "/v2/deals/upsert",
            409,
            sell::error(
                "409 Conflict",
                &[("", "conflict", "multiple records match")],
            ),
        )
        .await;
    server
        .answer_with(
            "POST",
            "/v2/deals",
            422,
            sell::error(
                "422 Unprocessable Entity",
                &[("/contact_id", "not_found", "contact does not exist")],
            ),
        )
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
