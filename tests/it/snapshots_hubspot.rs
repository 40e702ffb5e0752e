//! HubSpot's error messages, each with its exit code, pinned (its listings and dry run are in
//! `snapshots.rs`). A change to any of them shows up in review as a snapshot diff.

use crate::support::cli::{crm, session, Home, To};
use crate::support::hubspot::{self, account, deal};
use crate::support::mock::Answers;
use crate::support::snapshot::settings;

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
        let p = format!("/crm/v3/objects/deals/{status}");
        let body = hubspot::error(category, message);
        server.answer_with("GET", &p, status, body).await;
    }
    server
        .answer_status("DELETE", "/crm/v3/objects/deals/500", 500)
        .await;
    server
        .answer(
            "GET",
            "/crm/v3/objects/deals/500",
            deal("500", "Five hundred", "1"),
        )
        .await;
    let home = Home::new();
    let mut transcript = session(
        &home,
        &server,
        &[
            "deals get 404",
            "deals get 401",
            "deals get 400",
            "deals get ../contacts/1",
            "deals create --name A --amount 12,5",
            "deals create --name A --close-date 2026-13-40",
            "deals create --amount 1",
            "deals create --name A --stage Negotiation",
            "deals create --name A --set regoin=EMEA",
            "deals create --name A --set region=Mars",
            "deals create --name A --tags vip",
            "deals update 1",
            "deals update 1 --stage closedwon --status won",
            "deals list --fields nmae",
            "deals list --sort stage",
            "deals list --status won --archived",
            "deals list --custom region",
            "deals delete 1",
            "deals delete 500 --yes",
            "deals merge --into 1 1",
            "deals follow 1 --user ana",
            "deals associate 1 --contact 2 --role buyer",
            "stages list --pipeline Renewals",
        ],
    )
    .await;
    let no_token = crm(&home, To::Default, "deals list").await;
    transcript.push_str(&format!(
        "$ crm deals list   (no CRM_TOKEN)\n{}\n",
        no_token.transcript()
    ));
    settings(&server).bind(|| insta::assert_snapshot!("errors", transcript));
}
