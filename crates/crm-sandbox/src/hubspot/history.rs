//! Property history: each value a write gave a deal's property, kept on the deal (so it is saved
//! in the same transaction as the write), and read back with `propertiesWithHistory`.
//!
//! Documents: specs/hubspot/deals.v3.json `GET /crm/v3/objects/0-3/{dealId}` and
//! `GET /crm/v3/objects/0-3`, parameter `propertiesWithHistory` ("A comma separated list of the
//! properties to be returned along with their history of previous values. If any of the
//! specified properties are not present on the requested object(s), they will be ignored"), and
//! schema `ValueWithTimestamp` `{value, timestamp, sourceType, sourceId?, sourceLabel?,
//! updatedByUserId?}`; `BatchReadInputSimplePublicObjectId.propertiesWithHistory` for the
//! batch read. HubSpot's history begins with a property's first value, so a create records
//! every value it sets; each write through the API is `sourceType: "API"`.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

use super::{Deal, Store};
use crate::util::iso_ms;

/// One value a property was given.
#[derive(Serialize, Deserialize, Clone)]
pub(crate) struct Stamp {
    pub value: String,
    pub timestamp: DateTime<Utc>,
    pub source_type: String,
}

/// Records, on `deal`, each property whose value differs between `before` and the deal's
/// properties now (a cleared property records `""`, as HubSpot shows a cleared value).
pub(crate) fn record(deal: &mut Deal, before: &BTreeMap<String, String>, at: DateTime<Utc>) {
    let mut names: Vec<&String> = deal.properties.keys().collect();
    names.extend(before.keys().filter(|k| !deal.properties.contains_key(*k)));
    let changed: Vec<(String, String)> = names
        .into_iter()
        .filter(|name| before.get(*name) != deal.properties.get(*name))
        .map(|name| {
            let value = deal.properties.get(name).cloned().unwrap_or_default();
            (name.clone(), value)
        })
        .collect();
    let created = deal.created_at;
    for (name, value) in changed {
        let stamps = deal.history.entry(name.clone()).or_default();
        // A value the demo data gave, written over for the first time: it is the history's
        // first value, as `render` showed it until now.
        if let Some(old) = before.get(&name).filter(|_| stamps.is_empty()) {
            if !old.is_empty() {
                stamps.push(Stamp {
                    value: old.clone(),
                    timestamp: created,
                    source_type: "IMPORT".into(),
                });
            }
        }
        stamps.push(Stamp {
            value,
            timestamp: at,
            source_type: "API".into(),
        });
    }
}

/// Gives the deal a merge made the history of both merged deals, in the order their values were
/// given, then records the values the merge kept where they are not the latest there.
pub(crate) fn record_merge(
    deal: &mut Deal,
    a: &BTreeMap<String, Vec<Stamp>>,
    b: &BTreeMap<String, Vec<Stamp>>,
    at: DateTime<Utc>,
) {
    let mut all = a.clone();
    for (name, stamps) in b {
        let list = all.entry(name.clone()).or_default();
        list.extend(stamps.iter().cloned());
        list.sort_by_key(|s| s.timestamp);
    }
    let latest: BTreeMap<String, String> = all
        .iter()
        .filter_map(|(name, stamps)| Some((name.clone(), stamps.last()?.value.clone())))
        .filter(|(_, value)| !value.is_empty())
        .collect();
    deal.history = all;
    record(deal, &latest, at);
}

fn rendered(s: &Stamp) -> Value {
    json!({ "value": s.value, "timestamp": iso_ms(s.timestamp), "sourceType": s.source_type })
}

/// `propertiesWithHistory` for the named properties, newest value first. A property written
/// through the API has its recorded values; one the demo data gave and no write has touched has
/// its value since the deal's creation (`sourceType: "IMPORT"`); a calculated one (the stage's
/// probability, `amount_in_home_currency`…) its current value (`"CALCULATED"`). Properties
/// without a value are ignored, as the spec says.
pub(crate) fn render(store: &Store, d: &Deal, names: &[String]) -> Value {
    let now = store.all_properties(d);
    let mut out = Map::new();
    for name in names {
        let values: Vec<Value> = match d.history.get(name) {
            Some(stamps) if !stamps.is_empty() => stamps.iter().rev().map(rendered).collect(),
            _ => match now.get(name) {
                Some(value) => {
                    let (at, source) = if d.properties.contains_key(name) {
                        (d.created_at, "IMPORT")
                    } else {
                        (d.updated_at, "CALCULATED")
                    };
                    vec![rendered(&Stamp {
                        value: value.clone(),
                        timestamp: at,
                        source_type: source.into(),
                    })]
                }
                None => continue,
            },
        };
        out.insert(name.clone(), Value::Array(values));
    }
    Value::Object(out)
}
