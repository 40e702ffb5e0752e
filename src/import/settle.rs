//! Upserts an earlier run sent and never confirmed (`--journal`): before anything is sent again,
//! each is looked up by its key, so a deal the earlier run created is updated, not created twice.

use std::collections::HashMap;

use serde_json::Value;

use super::execute::Job;
use super::plan::Action;
use crate::adapter::Bulk;
use crate::error::Result;
use crate::model::Deal;

pub const FOUND: &str = "an earlier run sent this upsert and its outcome was unknown: the deal \
     it wrote was found by its key and is updated, not created again";

pub const NOT_FOUND: &str = "an earlier run sent this upsert and its outcome was unknown: no deal \
     has this key, so it is sent again (on Pipedrive, whose search index lags writes, a \
     duplicate is possible if the deal was not yet searchable)";

/// The value of `key` (`id` or a custom field) in a deal.
pub fn key_of(deal: &Deal, key: &str) -> Option<String> {
    if key == "id" {
        return Some(deal.id.clone());
    }
    match deal.custom.get(key)? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Turns each in-doubt upsert (`jobs[i]` for `i` in `in_doubt`) whose deal exists into an update
/// of that deal, and returns a warning for each, by the job's input index.
pub async fn in_doubt_upserts(
    adapter: &dyn Bulk,
    key: &str,
    jobs: &mut [Job],
    in_doubt: &[usize],
) -> Result<HashMap<usize, &'static str>> {
    let values: Vec<String> = in_doubt
        .iter()
        .filter_map(|&i| match &jobs[i].action {
            Action::Upsert(v) => Some(v.clone()),
            _ => None,
        })
        .collect();
    if values.is_empty() {
        return Ok(HashMap::new());
    }
    let found: HashMap<String, String> = adapter
        .read_by_key(key, &values)
        .await?
        .iter()
        .filter_map(|d| key_of(d, key).map(|k| (k, d.id.clone())))
        .collect();
    let mut warnings = HashMap::new();
    for &i in in_doubt {
        let job = &mut jobs[i];
        let Action::Upsert(value) = &job.action else {
            continue;
        };
        match found.get(value) {
            Some(id) => {
                job.action = Action::Update(id.clone());
                warnings.insert(job.index, FOUND);
            }
            None => {
                warnings.insert(job.index, NOT_FOUND);
            }
        }
    }
    Ok(warnings)
}
