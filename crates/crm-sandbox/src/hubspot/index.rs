//! Live deals by the value of each unique property. Keyed imports look a deal up by its unique
//! property once per record (upsert, batch read, the uniqueness check); scanning every deal for
//! that made a keyed import O(n²) in the sandbox's own work.

use std::collections::{BTreeMap, HashMap};
use std::sync::Mutex;

use super::{meta, Deal};

/// `(property, value) → deal id`, built on first use (a store loaded from a state file starts
/// without it). Entries can be stale — a deal archived, changed or merged away since — so every
/// hit is checked against the deal itself; every write of a deal adds its current values, so a
/// live value is never missing.
#[derive(Default)]
pub(crate) struct UniqueIndex(Mutex<Option<HashMap<(String, String), u64>>>);

pub(crate) fn is_unique(property: &str) -> bool {
    meta::PROPS.iter().any(|p| p.unique && p.name == property)
}

impl UniqueIndex {
    /// The live deal whose unique `property` is `value`.
    pub(crate) fn find(
        &self,
        deals: &BTreeMap<u64, Deal>,
        property: &str,
        value: &str,
    ) -> Option<u64> {
        let mut guard = self.0.lock().expect("index lock");
        let map = guard.get_or_insert_with(|| build(deals));
        let id = map.get(&(property.to_string(), value.to_string()))?;
        deals
            .get(id)
            .filter(|d| {
                d.archived_at.is_none()
                    && d.properties.get(property).map(String::as_str) == Some(value)
            })
            .map(|d| d.id)
    }

    /// Records the unique values of a deal just created, updated or merged.
    pub(crate) fn add(&self, deal: &Deal) {
        if let Some(map) = self.0.lock().expect("index lock").as_mut() {
            insert(map, deal);
        }
    }
}

fn build(deals: &BTreeMap<u64, Deal>) -> HashMap<(String, String), u64> {
    let mut map = HashMap::new();
    for d in deals.values().filter(|d| d.archived_at.is_none()) {
        insert(&mut map, d);
    }
    map
}

fn insert(map: &mut HashMap<(String, String), u64>, deal: &Deal) {
    for p in meta::PROPS.iter().filter(|p| p.unique) {
        if let Some(v) = deal.properties.get(p.name) {
            map.insert((p.name.to_string(), v.clone()), deal.id);
        }
    }
}
