//! The vendor's store in memory, and (with a state file) its rows in SQLite (`db.rs`).
//!
//! A store is a plain struct per vendor whose deals are a [`Table`]; everything else in it (id
//! counters, owners, pipelines…) is a field that serde writes as one row each. A state file in
//! the JSON format of earlier versions is converted once.

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::db::{self, DealRows, Fields, Persist, Rows};
use super::table::Table;
use super::{hubspot, pipedrive, sell, SandboxError, SandboxVendor};

/// The live deals as (id, name), whatever the vendor: what `GET /__sandbox/deals` lists.
pub(crate) type Census = Arc<dyn Fn() -> Vec<(String, String)> + Send + Sync>;

/// A vendor's store, as the state file keeps it.
pub(crate) trait Persisted: Serialize + DeserializeOwned + Send + 'static {
    type Deal: Serialize + DeserializeOwned + Send + 'static;
    /// The serde name of the deals' field; every other field is a row of its own.
    const DEALS: &'static str = "deals";
    fn table(&mut self) -> &mut Table<Self::Deal>;
    /// After rows written by another process were loaded.
    fn reloaded(&mut self) {}
}

impl Persisted for hubspot::Store {
    type Deal = hubspot::Deal;
    fn table(&mut self) -> &mut Table<Self::Deal> {
        &mut self.deals
    }
    /// The unique-value index only knows this process's writes: rebuild it on next use.
    fn reloaded(&mut self) {
        self.unique = Default::default();
    }
}

impl Persisted for pipedrive::Store {
    type Deal = pipedrive::Deal;
    fn table(&mut self) -> &mut Table<Self::Deal> {
        &mut self.deals
    }
}

impl Persisted for sell::Store {
    type Deal = sell::Deal;
    fn table(&mut self) -> &mut Table<Self::Deal> {
        &mut self.deals
    }
}

/// Where a sandbox keeps its state.
#[derive(Default)]
pub(crate) struct Open<'a> {
    /// The SQLite database (`None`: memory only).
    pub path: Option<&'a Path>,
    /// A JSON state of an earlier version, moved into `path` once, then removed.
    pub legacy: Option<&'a Path>,
    /// Back to the demo data.
    pub reset: bool,
}

pub(crate) struct Shared<S> {
    inner: Mutex<S>,
}

/// The state file format of earlier versions: the whole store as one JSON document.
#[derive(Deserialize)]
struct JsonState<S> {
    vendor: SandboxVendor,
    store: S,
}

impl<S: Persisted> Shared<S> {
    /// The store, from the state file when there is one (created from `fresh` when new).
    pub(crate) fn open(
        vendor: SandboxVendor,
        open: &Open,
        fresh: impl FnOnce() -> S,
    ) -> Result<(Arc<Self>, Persist), SandboxError> {
        let Some(path) = open.path else {
            let shared = Arc::new(Shared {
                inner: Mutex::new(fresh()),
            });
            return Ok((shared, Persist::Memory));
        };
        let err = |message: String| SandboxError::State {
            path: path.to_path_buf(),
            message,
        };
        convert_json_in_place::<S>(vendor, path)?;
        let sql = db::connect(path).map_err(err)?;
        let holds = db::vendor(&sql).map_err(err)?;
        match &holds {
            Some(v) if v != vendor.name() && !open.reset => {
                return Err(err(format!("holds {v} data, not {}", vendor.name())))
            }
            _ => {}
        }
        if open.reset || holds.is_none() {
            let legacy = open.legacy.filter(|p| !open.reset && p.exists());
            let store = match legacy {
                Some(json) => read_json::<S>(vendor, json)?,
                None => fresh(),
            };
            let (fields, deals) = to_rows(store).map_err(err)?;
            let wrote =
                db::initialize(&sql, vendor.name(), &fields, &deals, open.reset).map_err(err)?;
            if let Some(json) = open.legacy.filter(|_| wrote) {
                let _ = std::fs::remove_file(json);
            }
        }
        let (seen, fields, deals) = db::load_all(&sql).map_err(err)?;
        let mut store: S = from_rows(&fields, deals).map_err(err)?;
        store.table().track();
        let shared = Arc::new(Shared {
            inner: Mutex::new(store),
        });
        let rows: Arc<dyn Rows> = shared.clone();
        Ok((shared, Persist::db(sql, rows, seen, fields)))
    }

    pub(crate) fn lock(&self) -> MutexGuard<'_, S> {
        self.inner
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub(crate) fn census(self: &Arc<Self>, live: fn(&S) -> Vec<(String, String)>) -> Census {
        let me = Arc::clone(self);
        Arc::new(move || live(&me.lock()))
    }
}

fn json_err(e: serde_json::Error) -> String {
    e.to_string()
}

/// The store's fields but its deals, one JSON text each.
fn fields_of<S: Persisted>(store: &mut S) -> Result<Fields, String> {
    let deals = std::mem::take(store.table());
    let value = serde_json::to_value(&*store);
    *store.table() = deals;
    let Value::Object(map) = value.map_err(json_err)? else {
        return Err("a store is a JSON object".into());
    };
    Ok(map
        .into_iter()
        .filter(|(name, _)| name != S::DEALS)
        .map(|(name, value)| (name, value.to_string()))
        .collect())
}

fn to_rows<S: Persisted>(mut store: S) -> Result<(Fields, DealRows), String> {
    let fields = fields_of(&mut store)?;
    let deals = store
        .table()
        .iter()
        .map(|(id, deal)| Ok((*id, Some(serde_json::to_string(deal).map_err(json_err)?))))
        .collect::<Result<_, String>>()?;
    Ok((fields, deals))
}

fn from_rows<S: Persisted>(fields: &Fields, deals: DealRows) -> Result<S, String> {
    let mut map = Map::new();
    for (name, text) in fields {
        map.insert(name.clone(), serde_json::from_str(text).map_err(json_err)?);
    }
    map.insert(S::DEALS.to_string(), Value::Object(Map::new()));
    let mut store: S = serde_json::from_value(Value::Object(map)).map_err(json_err)?;
    load_deals(&mut store, deals)?;
    Ok(store)
}

fn load_deals<S: Persisted>(store: &mut S, deals: DealRows) -> Result<(), String> {
    for (id, body) in deals {
        let deal = match body {
            Some(text) => Some(serde_json::from_str(&text).map_err(json_err)?),
            None => None,
        };
        store.table().load(id, deal);
    }
    Ok(())
}

impl<S: Persisted> Rows for Shared<S> {
    fn changes(&self) -> Result<(Fields, DealRows), String> {
        let mut store = self.lock();
        let ids = store.table().take_changed();
        let table = store.table();
        let deals = ids
            .into_iter()
            .map(|id| {
                let body = table.get(&id).map(serde_json::to_string).transpose();
                Ok((id, body.map_err(json_err)?))
            })
            .collect::<Result<DealRows, String>>()?;
        Ok((fields_of(&mut *store)?, deals))
    }

    fn load(&self, fields: Option<&Fields>, deals: DealRows, all: bool) -> Result<(), String> {
        let mut store = self.lock();
        match fields {
            Some(fields) if all => {
                let mut fresh: S = from_rows(fields, deals)?;
                fresh.table().track();
                *store = fresh;
            }
            Some(fields) => {
                let mut fresh: S = from_rows(fields, Vec::new())?;
                std::mem::swap(fresh.table(), store.table());
                *store = fresh;
                load_deals(&mut *store, deals)?;
            }
            None => load_deals(&mut *store, deals)?,
        }
        store.reloaded();
        Ok(())
    }
}

/// What a state file starts with: an SQLite database, or the JSON of earlier versions.
fn is_json(path: &Path) -> Result<bool, SandboxError> {
    let mut head = [0u8; 16];
    let n = match File::open(path) {
        Ok(mut f) => f.read(&mut head).map_err(|e| SandboxError::State {
            path: path.to_path_buf(),
            message: e.to_string(),
        })?,
        Err(_) => return Ok(false),
    };
    let head = &head[..n];
    if head.is_empty() || head.starts_with(b"SQLite format 3\0") {
        return Ok(false);
    }
    if head.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{') {
        return Ok(true);
    }
    Err(SandboxError::State {
        path: path.to_path_buf(),
        message: "neither a sandbox database nor the JSON state of earlier versions".into(),
    })
}

/// Reads a JSON state of earlier versions.
fn read_json<S: Persisted>(vendor: SandboxVendor, path: &Path) -> Result<S, SandboxError> {
    let old = |message: String| SandboxError::OldState {
        path: path.to_path_buf(),
        vendor,
        message,
    };
    let text = std::fs::read_to_string(path).map_err(|e| old(e.to_string()))?;
    let state: JsonState<S> =
        serde_json::from_str(&text).map_err(|e| old(format!("not a sandbox state: {e}")))?;
    if state.vendor != vendor {
        return Err(old(format!(
            "holds {} data, not {}",
            state.vendor.name(),
            vendor.name()
        )));
    }
    Ok(state.store)
}

fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// A `--state` file in the JSON format of earlier versions becomes a database in place: built
/// beside it, then renamed over it, under a lock so that concurrent starts convert it once. The
/// JSON stays beside it as `FILE.json-backup`.
fn convert_json_in_place<S: Persisted>(
    vendor: SandboxVendor,
    path: &Path,
) -> Result<(), SandboxError> {
    if !is_json(path)? {
        return Ok(());
    }
    let err = |message: String| SandboxError::State {
        path: path.to_path_buf(),
        message,
    };
    let file = File::open(path).map_err(|e| err(e.to_string()))?;
    file.lock().map_err(|e| err(format!("cannot lock: {e}")))?;
    if !is_json(path)? {
        // Converted by another process while this one waited.
        return Ok(());
    }
    let store = read_json::<S>(vendor, path)?;
    let (fields, deals) = to_rows(store).map_err(err)?;
    let building = sibling(path, &format!(".converting-{}", std::process::id()));
    let _ = std::fs::remove_file(&building);
    {
        let sql = db::connect(&building).map_err(err)?;
        db::initialize(&sql, vendor.name(), &fields, &deals, true).map_err(err)?;
        // Closing the last connection folds the log into the file.
    }
    std::fs::copy(path, sibling(path, ".json-backup")).map_err(|e| err(e.to_string()))?;
    std::fs::rename(&building, path).map_err(|e| err(e.to_string()))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::Demo;

    #[test]
    fn rows_round_trip_every_vendors_store() {
        let demo = Demo::generate(3, 5);
        let (fields, deals) = to_rows(hubspot::Store::from_demo(&demo)).unwrap();
        assert!(fields.contains_key("next_id") && !fields.contains_key("deals"));
        assert_eq!(deals.len(), 5);
        let back: hubspot::Store = from_rows(&fields, deals.clone()).unwrap();
        let (fields2, deals2) = to_rows(back).unwrap();
        assert_eq!((fields, deals), (fields2, deals2));

        let (fields, deals) = to_rows(pipedrive::Store::from_demo(&demo)).unwrap();
        let back: pipedrive::Store = from_rows(&fields, deals.clone()).unwrap();
        assert_eq!(to_rows(back).unwrap(), (fields, deals));

        let (fields, deals) = to_rows(sell::Store::from_demo(&demo)).unwrap();
        let back: sell::Store = from_rows(&fields, deals.clone()).unwrap();
        assert_eq!(to_rows(back).unwrap(), (fields, deals));
    }
}
