//! What Pipedrive users see, pinned: a table, JSON, a dry run, and the error messages with their
//! exit codes. The same commands as HubSpot's snapshots, so the two can be compared.

use crate::support::cli::{crm, session, Home};
use crate::support::mock::Answers;
use crate::support::pipedrive::{self, account, deal, ok};
use crate::support::snapshot::settings;

#[tokio::test]
async fn list_as_table_and_json_and_get() {
    let server = pipedrive::with_deals().await;
    let home = Home::new();
    let table = crm(&home, &server, "deals list -o table").await;
    let json = crm(
        &home,
        &server,
        "deals list -o json --fields id,name,amount,stage,status,tags,custom.Region",
    )
    .await;
    let get = crm(&home, &server, "deals get 1 -o json").await;
    settings(&server).bind(|| {
        insta::assert_snapshot!("list_table", table.transcript());
        insta::assert_snapshot!("list_json_fields", json.transcript());
        insta::assert_snapshot!("get_json", get.transcript());
    });
}

#[tokio::test]
async fn dry_run_merge() {
    let server = account().await;
    let home = Home::new();
    let out = crm(&home, &server, "deals merge --into 10 20 --yes --dry-run").await;
    settings(&server).bind(|| insta::assert_snapshot!("dry_run_merge", out.transcript()));
}

#[tokio::test]
async fn every_error_message_and_exit_code() {
    let server = account().await;
    for (status, p, message) in [
        (401, "/api/v2/deals/401", "unauthorized access"),
        (400, "/api/v2/deals/400", "Invalid deal"),
        (404, "/api/v2/deals/404", "Deal not found"),
    ] {
        server
            .answer_with("GET", p, status, pipedrive::error(message))
            .await;
    }
    server
        .answer("GET", "/api/v2/deals/1", ok(deal(1, "Alpha", "1")))
        .await;
    let home = Home::new();
    let transcript = session(
        &home,
        &server,
        &[
            "deals get 404",
            "deals get 401",
            "deals get 400",
            "deals create --amount 1",
            "deals create --name A --stage Negotiation",
            "deals create --name A --owner Nobody",
            "deals create --name A --set Regoin=EMEA",
            "deals create --name A --set Region=Mars",
            "deals create --name A --tags vip",
            "deals create --name A --status unqualified",
            "deals update 1",
            "deals update 1 --unset name",
            "deals list --sort amount",
            "deals list --search a",
            "deals list --search acme --sort updated_at",
            "deals list --search acme --archived",
            "deals list --custom Regoin=EMEA",
            "deals delete 1",
            "deals associate 1 --company 302",
            "deals associate 1 --contact 2 --label x",
            "deals follow 1 --user nobody",
        ],
    )
    .await;
    settings(&server).bind(|| insta::assert_snapshot!("errors", transcript));
}
