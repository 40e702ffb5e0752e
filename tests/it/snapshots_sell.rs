//! Sell's error messages, each with its exit code, pinned (its listings and dry run are in
//! `snapshots.rs`).

use crate::support::sell;
use crate::support::snapshot::settings;

#[tokio::test]
async fn sell_error_messages_and_exit_codes() {
    let server = sell::with_deals().await;
    sell::answer_upsert_conflict(&server).await;
    sell::answer_error(
        &server,
        "POST",
        "/v2/deals",
        "422 Unprocessable Entity",
        &[("/contact_id", "not_found", "contact does not exist")],
    )
    .await;
    let transcript = server
        .session(&[
            "deals create --name A",
            "deals update 1 --company 6",
            "deals create --name A --contact 5 --amount 1.005",
            "deals create --name A --contact 404",
            "deals update 1 --set regoin=EMEA",
            "deals update 1 --tag x --tags y",
            "deals update 1 --lost-reason 'Too expensive'",
            "deals update 1 --status lost --lost-reason Weather",
            "deals update 1 --unset owner",
            "deals upsert --match name=Alpha --amount 5",
            "deals upsert --match sku=1",
            "deals list --search acme",
            "deals list --sort stage",
            "deals list --status won --stage Qualified",
            "deals associate 1 --contact 2 --role buyer",
            "deals associate 1 --contact 2 --label x",
            "deals associate 1 --company 3",
            "deals merge --into 1 2",
            "deals delete 1",
        ])
        .await;
    settings(&server).bind(|| insta::assert_snapshot!("sell_errors", transcript));
}
