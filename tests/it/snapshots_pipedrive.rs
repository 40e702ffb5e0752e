//! What Pipedrive users see, pinned: a table, JSON, a dry run, and the error messages with their
//! exit codes. The same commands as HubSpot's snapshots, so the two can be compared.

use wiremock::matchers::{method, path};
use wiremock::{Mock, ResponseTemplate};

use crate::support::cli::{crm, Home};
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
        Mock::given(method("GET"))
            .and(path(p))
            .respond_with(ResponseTemplate::new(status).set_body_json(pipedrive::error(message)))
            .expect(1..)
            .mount(&server)
            .await;
    }
    server
        .answer("GET", "/api/v2/deals/1", ok(deal(1, "Alpha", "1")))
        .await;
    let home = Home::new();
    let cases: Vec<Vec<&str>> = vec![
        vec!["deals", "get", "404"],
        vec!["deals", "get", "401"],
        vec!["deals", "get", "400"],
        vec!["deals", "create", "--amount", "1"],
        vec!["deals", "create", "--name", "A", "--stage", "Negotiation"],
        vec!["deals", "create", "--name", "A", "--owner", "Nobody"],
        vec!["deals", "create", "--name", "A", "--set", "Regoin=EMEA"],
        vec!["deals", "create", "--name", "A", "--set", "Region=Mars"],
        vec!["deals", "create", "--name", "A", "--tags", "vip"],
        vec!["deals", "create", "--name", "A", "--status", "unqualified"],
        vec!["deals", "update", "1"],
        vec!["deals", "update", "1", "--unset", "name"],
        vec!["deals", "list", "--sort", "amount"],
        vec!["deals", "list", "--search", "a"],
        vec!["deals", "list", "--search", "acme", "--sort", "updated_at"],
        vec!["deals", "list", "--search", "acme", "--archived"],
        vec!["deals", "list", "--custom", "Regoin=EMEA"],
        vec!["deals", "delete", "1"],
        vec!["deals", "associate", "1", "--company", "302"],
        vec!["deals", "associate", "1", "--contact", "2", "--label", "x"],
        vec!["deals", "follow", "1", "--user", "nobody"],
    ];
    let mut transcript = String::new();
    for args in cases {
        let out = crm(&home, &server, &args).await;
        transcript.push_str(&format!("$ crm {}\n{}\n", args.join(" "), out.transcript()));
    }
    settings(&server).bind(|| insta::assert_snapshot!("errors", transcript));
}
