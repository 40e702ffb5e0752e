//! A vendor's deals by id, remembering which ones requests changed, so that a write saves only
//! those rows. Reads go through `Deref` to the map; every way to change a deal is a method here
//! that notes its id, so a change cannot slip past the state file.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Deref;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

pub(crate) struct Table<V> {
    rows: BTreeMap<u64, V>,
    /// Ids changed since the last [`Table::take_changed`]; `None` when nothing is kept on disk.
    changed: Option<BTreeSet<u64>>,
}

impl<V> Default for Table<V> {
    fn default() -> Self {
        Table {
            rows: BTreeMap::new(),
            changed: None,
        }
    }
}

impl<V> From<BTreeMap<u64, V>> for Table<V> {
    fn from(rows: BTreeMap<u64, V>) -> Self {
        Table {
            rows,
            changed: None,
        }
    }
}

impl<V> Deref for Table<V> {
    type Target = BTreeMap<u64, V>;

    fn deref(&self) -> &Self::Target {
        &self.rows
    }
}

impl<V: Serialize> Serialize for Table<V> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.rows.serialize(s)
    }
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for Table<V> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        BTreeMap::deserialize(d).map(Table::from)
    }
}

impl<V> Table<V> {
    fn note(&mut self, id: u64) {
        if let Some(changed) = &mut self.changed {
            changed.insert(id);
        }
    }

    pub(crate) fn get_mut(&mut self, id: &u64) -> Option<&mut V> {
        if self.rows.contains_key(id) {
            self.note(*id);
        }
        self.rows.get_mut(id)
    }

    pub(crate) fn insert(&mut self, id: u64, value: V) -> Option<V> {
        self.note(id);
        self.rows.insert(id, value)
    }

    pub(crate) fn remove(&mut self, id: &u64) -> Option<V> {
        if self.rows.contains_key(id) {
            self.note(*id);
        }
        self.rows.remove(id)
    }

    /// Starts noting changes (the store is kept in a state file).
    pub(crate) fn track(&mut self) {
        self.changed.get_or_insert_with(BTreeSet::new);
    }

    /// The ids changed since the last call.
    pub(crate) fn take_changed(&mut self) -> Vec<u64> {
        self.changed
            .as_mut()
            .map(|c| std::mem::take(c).into_iter().collect())
            .unwrap_or_default()
    }

    /// Puts a row read from the state file (`None`: the deal is gone), without noting it.
    pub(crate) fn load(&mut self, id: u64, value: Option<V>) {
        match value {
            Some(v) => self.rows.insert(id, v),
            None => self.rows.remove(&id),
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_what_changed_only_when_tracking() {
        let mut t: Table<&str> = BTreeMap::from([(1, "a"), (2, "b")]).into();
        t.insert(3, "c");
        assert!(t.take_changed().is_empty(), "not tracking");
        t.track();
        let _ = t.get(&1);
        assert!(t.take_changed().is_empty(), "a read is no change");
        *t.get_mut(&1).unwrap() = "A";
        t.remove(&2);
        t.remove(&9);
        let _ = t.get_mut(&9);
        t.insert(4, "d");
        assert_eq!(t.take_changed(), [1, 2, 4]);
        assert!(t.take_changed().is_empty());
        t.load(5, Some("e"));
        t.load(1, None);
        assert!(t.take_changed().is_empty(), "loaded rows are not changes");
        assert_eq!(t.keys().copied().collect::<Vec<_>>(), [3, 4, 5]);
    }

    #[test]
    fn serializes_as_the_map() {
        let t: Table<u32> = BTreeMap::from([(7, 1)]).into();
        let text = serde_json::to_string(&t).unwrap();
        assert_eq!(text, r#"{"7":1}"#);
        let back: Table<u32> = serde_json::from_str(&text).unwrap();
        assert_eq!(back[&7], 1);
    }
}
