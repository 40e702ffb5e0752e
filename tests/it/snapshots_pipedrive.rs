//! Pipedrive's error messages, each with its exit code, pinned (its listings and dry run are in
//! `snapshots.rs`), for the same commands as HubSpot's where they apply, so the two compare.

use crate::support::mock::Answers;
use crate::support::pipedrive::{self, account, deal, ok};
use crate::support::snapshot::settings;

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
    let transcript = server
        .session(&[
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
        ])
        .await;
    settings(&server).bind(|| insta::assert_snapshot!("errors", transcript));
}
