//! Vendor metadata (pipelines, owners, properties, fields) cached on disk, so routine runs do not
//! spend requests on it. One folder per account (its rate-limit state lives there too);
//! `--refresh` reloads. Each entry is written to a temporary file of its own, then renamed, so a
//! concurrent run reads the old entry or the new one, never half of one. A folder untouched for
//! [`KEEP_FOR`] is removed when crm next writes metadata, so the directory does not grow without
//! bound.

use std::collections::HashMap;
use std::future::Future;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, SystemTime};

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::error::Result;

/// How long metadata stays fresh on disk.
const FRESH_FOR: Duration = Duration::from_secs(24 * 3600);
/// How long an account's folder is kept after its last use.
pub const KEEP_FOR: Duration = Duration::from_secs(7 * 24 * 3600);
/// How long a temporary file may be left by a writer that died before its rename.
const TEMP_KEPT_FOR: Duration = Duration::from_secs(3600);

/// The folder of one account under the cache directory. Its name is a digest of the parts that
/// name the account (vendor, base URL and token), so two accounts never share it and the token
/// itself never reaches the disk.
pub fn account_dir(root: &Path, account_parts: &[&str]) -> PathBuf {
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
    root.join(key)
}

/// Writes `bytes` to `file` through a temporary file of this writer's own, then a rename.
pub fn write_atomically(file: &Path, bytes: &[u8]) -> std::io::Result<()> {
    static WRITES: AtomicU64 = AtomicU64::new(0);
    let mut name = file.as_os_str().to_owned();
    name.push(format!(
        ".{}.{}.tmp",
        std::process::id(),
        WRITES.fetch_add(1, Ordering::Relaxed)
    ));
    let tmp = PathBuf::from(name);
    let written = std::fs::write(&tmp, bytes).and_then(|()| std::fs::rename(&tmp, file));
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written
}

/// Whether a name is one of the account folders [`account_dir`] makes.
fn is_account_folder(name: &str) -> bool {
    name.len() == 16 && name.bytes().all(|b| b.is_ascii_hexdigit())
}

/// When a folder was last used: the newest modification time of its files (of the folder
/// itself when it has none).
fn last_touched(dir: &Path) -> Option<SystemTime> {
    let newest = std::fs::read_dir(dir)
        .ok()?
        .flatten()
        .filter_map(|entry| entry.metadata().and_then(|m| m.modified()).ok())
        .max();
    newest.or_else(|| std::fs::metadata(dir).and_then(|m| m.modified()).ok())
}

/// Removes the account folders untouched for [`KEEP_FOR`], and temporary files their writers
/// left more than an hour ago. Anything else in the directory is left alone.
pub fn prune(root: &Path, now: SystemTime) {
    let Ok(entries) = std::fs::read_dir(root) else {
        return;
    };
    let age = |t: SystemTime| now.duration_since(t).unwrap_or(Duration::ZERO);
    for entry in entries.flatten() {
        let path = entry.path();
        if !entry.file_name().to_str().is_some_and(is_account_folder) || !path.is_dir() {
            continue;
        }
        match last_touched(&path) {
            Some(t) if age(t) > KEEP_FOR => {
                let _ = std::fs::remove_dir_all(&path);
            }
            _ => {
                for file in std::fs::read_dir(&path).into_iter().flatten().flatten() {
                    let old_temp = file.file_name().to_string_lossy().ends_with(".tmp")
                        && file
                            .metadata()
                            .and_then(|m| m.modified())
                            .is_ok_and(|t| age(t) > TEMP_KEPT_FOR);
                    if old_temp {
                        let _ = std::fs::remove_file(file.path());
                    }
                }
            }
        }
    }
}

pub struct MetaCache {
    /// The cache directory, for pruning; `None` with `dir`.
    root: Option<PathBuf>,
    /// `None` disables the disk (tests, or no cache directory on this system).
    dir: Option<PathBuf>,
    /// `--refresh`: ignore what is on disk (once per entry per run).
    refresh: bool,
    /// What this run already loaded or fetched.
    memory: Mutex<HashMap<String, Value>>,
}

impl MetaCache {
    /// A cache for one account, in its folder under `root` (see [`account_dir`]).
    pub fn new(root: Option<&Path>, account_parts: &[&str], refresh: bool) -> Self {
        MetaCache {
            root: root.map(Path::to_path_buf),
            dir: root.map(|r| account_dir(r, account_parts)),
            refresh,
            memory: Mutex::new(HashMap::new()),
        }
    }

    /// A cache that keeps nothing on disk.
    pub fn in_memory() -> Self {
        MetaCache {
            root: None,
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
            let _ = write_atomically(&file, value.to_string().as_bytes());
        }
        if let Some(root) = &self.root {
            prune(root, SystemTime::now());
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

    /// The owners `cache` holds, fetched with `fetch` when it holds none.
    async fn owners(
        cache: &MetaCache,
        fetch: impl Future<Output = Result<Vec<String>>>,
    ) -> Vec<String> {
        cache.get_or_fetch("owners", fetch).await.unwrap()
    }

    #[tokio::test]
    async fn fetches_once_then_reads_disk() {
        let dir = tempfile::tempdir().unwrap();
        let cache = MetaCache::new(Some(dir.path()), &["hubspot", "url", "tok"], false);
        assert_eq!(owners(&cache, async { Ok(vec!["x".into()]) }).await, ["x"]);
        let again = MetaCache::new(Some(dir.path()), &["hubspot", "url", "tok"], false);
        let from_disk = owners(&again, async { panic!("should come from disk") }).await;
        assert_eq!(from_disk, ["x"]);
        let other = MetaCache::new(Some(dir.path()), &["hubspot", "url", "other"], false);
        assert_eq!(owners(&other, async { Ok(vec!["y".into()]) }).await, ["y"]);
        let text = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect::<Vec<_>>()
            .join(",");
        assert!(!text.contains("tok"));
    }

    /// Writers and readers of one entry at once: a reader finds the old entry or a new one,
    /// never half of one (with one fixed temporary name, writers truncated each other's file).
    #[test]
    fn concurrent_writers_never_leave_half_an_entry() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("owners.json");
        let big = |n: usize| serde_json::to_vec(&vec![n; 50_000]).unwrap();
        write_atomically(&file, &big(0)).unwrap();
        std::thread::scope(|s| {
            for w in 1..=4 {
                let file = &file;
                s.spawn(move || {
                    for _ in 0..20 {
                        write_atomically(file, &big(w)).unwrap();
                    }
                });
            }
            for _ in 0..2 {
                s.spawn(|| {
                    for _ in 0..200 {
                        let bytes = std::fs::read(&file).unwrap();
                        let v: Vec<usize> = serde_json::from_slice(&bytes).expect("whole");
                        assert_eq!(v.len(), 50_000);
                    }
                });
            }
        });
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(left.len(), 1, "no temporary file left");
    }

    #[test]
    fn prune_removes_folders_untouched_for_a_week_and_stale_temporary_files() {
        let root = tempfile::tempdir().unwrap();
        let now = SystemTime::now();
        let set_age = |path: &Path, age: Duration| {
            std::fs::File::options()
                .write(true)
                .open(path)
                .unwrap()
                .set_modified(now - age)
                .unwrap();
        };
        let day = Duration::from_secs(24 * 3600);
        let old = account_dir(root.path(), &["old"]);
        let recent = account_dir(root.path(), &["recent"]);
        for dir in [&old, &recent] {
            std::fs::create_dir_all(dir).unwrap();
            std::fs::write(dir.join("owners.json"), "[]").unwrap();
            std::fs::write(dir.join("limits.json"), "{}").unwrap();
        }
        for f in ["owners.json", "limits.json"] {
            set_age(&old.join(f), 8 * day);
        }
        set_age(&recent.join("owners.json"), 8 * day);
        // A temporary file a killed writer left two hours ago, and one being written now.
        let dead = recent.join("owners.json.123.0.tmp");
        let live = recent.join("owners.json.456.0.tmp");
        std::fs::write(&dead, "[").unwrap();
        std::fs::write(&live, "[").unwrap();
        set_age(&dead, Duration::from_secs(7200));
        // Not one of crm's folders: left alone whatever its age.
        let foreign = root.path().join("notes");
        std::fs::create_dir_all(&foreign).unwrap();
        std::fs::write(foreign.join("x"), "").unwrap();
        set_age(&foreign.join("x"), 100 * day);

        prune(root.path(), now + Duration::from_secs(1));
        assert!(!old.exists(), "untouched for 8 days");
        assert!(
            recent.join("owners.json").exists(),
            "its limits were used today"
        );
        assert!(!dead.exists() && live.exists());
        assert!(foreign.exists());
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
