//! Vendor metadata (pipelines, owners, properties, fields) cached on disk, so routine runs do not
//! spend requests on it. One folder per account; `--refresh` reloads.

use std::collections::HashMap;
use std::future::Future;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, SystemTime};

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::error::Result;

/// How long metadata stays fresh on disk.
const FRESH_FOR: Duration = Duration::from_secs(24 * 3600);

pub struct MetaCache {
    /// `None` disables the disk (tests, or no cache directory on this system).
    dir: Option<PathBuf>,
    /// `--refresh`: ignore what is on disk (once per entry per run).
    refresh: bool,
    /// What this run already loaded or fetched.
    memory: Mutex<HashMap<String, Value>>,
}

impl MetaCache {
    /// A cache for one account. The folder name is a digest of the vendor, base URL and token, so
    /// two accounts never share metadata and the token itself never reaches the disk.
    pub fn new(root: Option<&Path>, account_parts: &[&str], refresh: bool) -> Self {
        let mut digest = Sha256::new();
        for part in account_parts {
            digest.update(part.as_bytes());
            digest.update([0]);
        }
        let key: String = digest
            .finalize()
            .iter()
            .take(8)
            .map(|b| format!("{b:02x}"))
            .collect();
        MetaCache {
            dir: root.map(|r| r.join(key)),
            refresh,
            memory: Mutex::new(HashMap::new()),
        }
    }

    /// A cache that keeps nothing on disk.
    pub fn in_memory() -> Self {
        MetaCache {
            dir: None,
            refresh: false,
            memory: Mutex::new(HashMap::new()),
        }
    }

    fn file(&self, name: &str) -> Option<PathBuf> {
        self.dir.as_ref().map(|d| d.join(format!("{name}.json")))
    }

    fn read_disk(&self, name: &str) -> Option<Value> {
        let file = self.file(name)?;
        let age = std::fs::metadata(&file)
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| SystemTime::now().duration_since(t).ok())?;
        if age > FRESH_FOR {
            return None;
        }
        serde_json::from_slice(&std::fs::read(file).ok()?).ok()
    }

    fn write_disk(&self, name: &str, value: &Value) {
        let (Some(dir), Some(file)) = (&self.dir, self.file(name)) else {
            return;
        };
        // A cache that cannot be written only costs requests next time.
        if std::fs::create_dir_all(dir).is_ok() {
            let tmp = file.with_extension("json.tmp");
            if std::fs::write(&tmp, value.to_string()).is_ok() {
                let _ = std::fs::rename(tmp, file);
            }
        }
    }

    /// Returns the cached entry, or fetches, stores and returns it.
    pub async fn get_or_fetch<T, F>(&self, name: &str, fetch: F) -> Result<T>
    where
        T: Serialize + DeserializeOwned,
        F: Future<Output = Result<T>>,
    {
        if let Some(value) = self.memory.lock().expect("cache lock").get(name).cloned() {
            if let Ok(v) = serde_json::from_value(value) {
                return Ok(v);
            }
        }
        if !self.refresh {
            if let Some(value) = self.read_disk(name) {
                if let Ok(v) = serde_json::from_value::<T>(value.clone()) {
                    self.memory
                        .lock()
                        .expect("cache lock")
                        .insert(name.to_string(), value);
                    return Ok(v);
                }
            }
        }
        let fresh = fetch.await?;
        let value = serde_json::to_value(&fresh).unwrap_or(Value::Null);
        self.write_disk(name, &value);
        self.memory
            .lock()
            .expect("cache lock")
            .insert(name.to_string(), value);
        Ok(fresh)
    }

    /// Drops an entry, so the next lookup asks the vendor (a name missing from stale metadata).
    pub fn forget(&self, name: &str) {
        self.memory.lock().expect("cache lock").remove(name);
        if let Some(file) = self.file(name) {
            let _ = std::fs::remove_file(file);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn fetches_once_then_reads_disk() {
        let dir = tempfile::tempdir().unwrap();
        let cache = MetaCache::new(Some(dir.path()), &["hubspot", "url", "tok"], false);
        let a: Vec<String> = cache
            .get_or_fetch("owners", async { Ok(vec!["x".to_string()]) })
            .await
            .unwrap();
        assert_eq!(a, ["x"]);
        let again = MetaCache::new(Some(dir.path()), &["hubspot", "url", "tok"], false);
        let b: Vec<String> = again
            .get_or_fetch("owners", async { panic!("should come from disk") })
            .await
            .unwrap();
        assert_eq!(b, ["x"]);
        let other = MetaCache::new(Some(dir.path()), &["hubspot", "url", "other"], false);
        let c: Vec<String> = other
            .get_or_fetch("owners", async { Ok(vec!["y".to_string()]) })
            .await
            .unwrap();
        assert_eq!(c, ["y"]);
        let text = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect::<Vec<_>>()
            .join(",");
        assert!(!text.contains("tok"));
    }

    #[tokio::test]
    async fn refresh_ignores_disk() {
        let dir = tempfile::tempdir().unwrap();
        let cache = MetaCache::new(Some(dir.path()), &["a"], false);
        let _: u32 = cache.get_or_fetch("n", async { Ok(1) }).await.unwrap();
        let refreshing = MetaCache::new(Some(dir.path()), &["a"], true);
        let v: u32 = refreshing.get_or_fetch("n", async { Ok(2) }).await.unwrap();
        assert_eq!(v, 2);
    }
}
