//! `crm deals import`'s batch requests through Prism running HubSpot's OpenAPI files: create,
//! update and upsert batches, and the batch read of `--plan`, as HubSpot's spec demands them.

use crate::contract_hubspot::{batch_answer, crm, seeded, upserted};
use crate::support::hubspot::deal;

fn input(home: &crate::support::cli::Home, text: &str) -> String {
    let path = home.path().join("in.ndjson");
    std::fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_string()
}

#[test]
fn batch_create_and_update() {
    let Some((server, home)) = seeded() else {
        return;
    };
    let file = input(
        &home,
        "{\"name\": \"A\", \"amount\": \"10.50\", \"close_date\": \"2026-12-31\"}\n\
         {\"id\": \"123\", \"amount\": \"11\"}\n",
    );
    // The update file's example answers another id: answer deal 123 as updated.
    server.answer(
        "POST",
        "/crm/v3/objects/deals/batch/update",
        200,
        batch_answer(vec![deal("123", "B", "11")]),
    );
    let mut seen = crm(&server, &home, &["deals", "import", &file]);
    seen.sort();
    assert_eq!(
        seen,
        [
            "POST /crm/v3/objects/deals/batch/create",
            "POST /crm/v3/objects/deals/batch/update",
        ]
    );
}

#[test]
fn batch_upsert_and_the_plan_s_batch_read() {
    let Some((server, home)) = seeded() else {
        return;
    };
    let file = input(
        &home,
        "{\"name\": \"A\", \"custom\": {\"external_id\": \"SKU01\"}}\n",
    );
    let args = ["deals", "import", &file, "--upsert-key", "external_id"];
    server.answer(
        "POST",
        "/crm/v3/objects/deals/batch/upsert",
        200,
        batch_answer(vec![upserted()]),
    );
    let seen = crm(&server, &home, &args);
    assert_eq!(seen, ["POST /crm/v3/objects/deals/batch/upsert"]);
    let mut plan = args.to_vec();
    plan.push("--plan");
    let seen = crm(&server, &home, &plan);
    assert_eq!(seen, ["POST /crm/v3/objects/deals/batch/read"]);
}
