//! `crm deals import`'s batch requests through Prism running HubSpot's OpenAPI files: create,
//! update and upsert batches, and the batch read of `--plan`, as HubSpot's spec demands them.

use crate::contract_hubspot::{crm, seeded};
use crate::support::contract::assert_sent;

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
        "{\"name\": \"A\", \"amount\": \"10.50\", \"close_date\": \"2026-12-31\", \"contacts\": [\"201\"]}\n\
         {\"id\": \"123\", \"amount\": \"11\"}\n",
    );
    let seen = crm(&server, &home, &["deals", "import", &file]);
    assert_sent(&seen, "POST /crm/v3/objects/deals/batch/create");
    assert_sent(&seen, "POST /crm/v3/objects/deals/batch/update");
    // The created deals' contacts: one v4 batch create, not a request per association.
    assert_sent(
        &seen,
        "POST /crm/v4/associations/deals/contacts/batch/create",
    );
}

#[test]
fn batch_upsert_and_the_plan_s_batch_read() {
    let Some((server, home)) = seeded() else {
        return;
    };
    let file = input(
        &home,
        "{\"name\": \"A\", \"custom\": {\"external_id\": \"SKU01\"}, \"company\": \"301\"}\n",
    );
    let args = ["deals", "import", &file, "--upsert-key", "external_id"];
    let seen = crm(&server, &home, &args);
    // The record names no stage: its key is read first (new keys get a stage), then upserted.
    // (Prism's example answer names another key, so no association follows here.)
    assert_sent(&seen, "POST /crm/v3/objects/deals/batch/read");
    assert_sent(&seen, "POST /crm/v3/objects/deals/batch/upsert");
    let mut plan = args.to_vec();
    plan.push("--plan");
    let seen = crm(&server, &home, &plan);
    assert_sent(&seen, "POST /crm/v3/objects/deals/batch/read");
}
