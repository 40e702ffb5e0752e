//! `crm deals import`'s batch requests through Prism running HubSpot's OpenAPI files: create,
//! update and upsert batches, and the batch read of `--plan`, as HubSpot's spec demands them.

use crate::contract_hubspot::{batch_answer, seeded, sent, upserted};
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
        "{\"name\": \"A\", \"amount\": \"10.50\", \"close_date\": \"2026-12-31\", \"contacts\": [\"201\"]}\n\
         {\"id\": \"123\", \"amount\": \"11\"}\n",
    );
    // The files' examples answer other ids: answer deal 512 as created (with its contact
    // confirmed, in the v4 batch response's shape) and deal 123 as updated.
    server.answer(
        "POST",
        "/crm/v3/objects/deals/batch/create",
        200,
        batch_answer(vec![deal("512", "A", "10.50")]),
    );
    server.answer(
        "POST",
        "/crm/v4/associations/deals/contacts/batch/create",
        200,
        associated(512, "0-1", 201),
    );
    server.answer(
        "POST",
        "/crm/v3/objects/deals/batch/update",
        200,
        batch_answer(vec![deal("123", "B", "11")]),
    );
    let mut seen = sent(&server, &home, &["deals", "import", &file]);
    seen.sort();
    // The created deals' contacts: one v4 batch create, not a request per association.
    assert_eq!(
        seen,
        [
            "POST /crm/v3/objects/deals/batch/create",
            "POST /crm/v3/objects/deals/batch/update",
            "POST /crm/v4/associations/deals/contacts/batch/create",
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
        "{\"name\": \"A\", \"custom\": {\"external_id\": \"SKU01\"}, \"company\": \"301\"}\n",
    );
    let args = ["deals", "import", &file, "--upsert-key", "external_id"];
    server.answer(
        "POST",
        "/crm/v3/objects/deals/batch/upsert",
        200,
        batch_answer(vec![upserted()]),
    );
    server.answer(
        "POST",
        "/crm/v4/associations/deals/companies/batch/create",
        200,
        associated(512, "0-2", 301),
    );
    let seen = sent(&server, &home, &args);
    // The record names no stage: its key is read first (a new key gets a stage), then upserted,
    // then its company added by one v4 batch create.
    assert_eq!(
        seen,
        [
            "POST /crm/v3/objects/deals/batch/read",
            "POST /crm/v3/objects/deals/batch/upsert",
            "POST /crm/v4/associations/deals/companies/batch/create",
        ]
    );
    let mut plan = args.to_vec();
    plan.push("--plan");
    let seen = sent(&server, &home, &plan);
    assert_eq!(seen, ["POST /crm/v3/objects/deals/batch/read"]);
}

/// A v4 batch association answer confirming deal `from` → `to` (`BatchResponseLabelsBetweenObjectPair`).
fn associated(from: u64, to_type: &str, to: u64) -> serde_json::Value {
    serde_json::json!({"status": "COMPLETE",
        "results": [{"fromObjectTypeId": "0-3", "fromObjectId": from,
                     "toObjectTypeId": to_type, "toObjectId": to, "labels": []}],
        "startedAt": "2026-01-02T03:04:05Z", "completedAt": "2026-01-02T03:04:06Z"})
}
