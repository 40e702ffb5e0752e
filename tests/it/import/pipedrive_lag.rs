//! Pipedrive's search index lags its writes: a key the first search misses is searched again
//! after a pause before crm concludes the deal is not there.

use std::time::{Duration, Instant};

use serde_json::json;

use super::{lines, write};
use crate::support::cli::{crm, run, Home, To};
use crate::support::mock::{query, requests_to};
use crate::support::pipedrive::{account, search_catches_up, TOKEN};

#[tokio::test]
async fn a_key_the_index_does_not_show_yet_is_searched_again_after_a_pause() {
    let server = account().await;
    // The first search comes before the index caught up; the second finds deal 7, read by its
    // id (1 token), not through the list by ids (10).
    search_catches_up(&server, (7, "Acme", "10"), "EXT-7").await;

    let home = Home::new();
    let record = json!({"name": "Acme", "amount": "25", "custom": {"External ID": "EXT-7"}});
    let file = write(home.path(), "in.ndjson", &format!("{record}\n"));
    let mut cmd = crm(&home, To::env("pipedrive", server.uri(), TOKEN), "").command();
    cmd.args([
        "deals",
        "import",
        &file,
        "--upsert-key",
        "External ID",
        "--plan",
    ]);
    let started = Instant::now();
    let out = run(cmd).await;
    out.assert_exit(0);
    assert!(started.elapsed() >= Duration::from_secs(2), "a pause first");
    let result = &lines(&out.stdout)[0];
    assert_eq!(result["action"], "update", "{result}");
    assert_eq!(result["id"], "7");
    assert_eq!(result["diff"]["amount"], json!({"from": "10", "to": "25"}));
    let searches = requests_to(&server, "GET", "/api/v2/deals/search").await;
    assert_eq!(searches.len(), 2);
    let q = query(&searches[1]);
    assert!(q.contains(&("term".into(), "EXT-7".into())), "{q:?}");
    assert!(q.contains(&("exact_match".into(), "true".into())), "{q:?}");
    assert!(
        q.contains(&("fields".into(), "custom_fields".into())),
        "{q:?}"
    );
    assert!(requests_to(&server, "POST", "/api/v2/deals")
        .await
        .is_empty());
}
