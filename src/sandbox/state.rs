//! The vendor's store in memory, optionally loaded from and saved to a JSON file.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::{SandboxError, SandboxVendor};

/// Saves the store after a write; called by the fault layer.
pub(crate) type Saver = Arc<dyn Fn() -> Result<(), String> + Send + Sync>;

/// The live deals as (id, name), whatever the vendor: what `GET /__sandbox/deals` lists.
pub(crate) type Census = Arc<dyn Fn() -> Vec<(String, String)> + Send + Sync>;

pub(crate) struct Shared<S> {
    inner: Mutex<S>,
    path: Option<PathBuf>,
    vendor: SandboxVendor,
}

#[derive(Serialize, Deserialize)]
struct FileFormat<S> {
    vendor: SandboxVendor,
    store: S,
}

impl<S: Serialize + DeserializeOwned + Send + 'static> Shared<S> {
    /// Loads the store from `path` when that file exists, else builds it with `fresh`.
    pub(crate) fn open(
        vendor: SandboxVendor,
        path: Option<&Path>,
        fresh: impl FnOnce() -> S,
    ) -> Result<Arc<Self>, SandboxError> {
        let err = |p: &Path, message: String| SandboxError::State {
            path: p.to_path_buf(),
            message,
        };
        let store = match path {
            Some(p) if p.exists() => {
                let text = std::fs::read_to_string(p).map_err(|e| err(p, e.to_string()))?;
                let file: FileFormat<S> = serde_json::from_str(&text)
                    .map_err(|e| err(p, format!("not a sandbox state: {e}")))?;
                if file.vendor != vendor {
                    return Err(err(
                        p,
                        format!("holds {} data, not {}", file.vendor.name(), vendor.name()),
                    ));
                }
                file.store
            }
            _ => fresh(),
        };
        let shared = Arc::new(Shared {
            inner: Mutex::new(store),
            path: path.map(Path::to_path_buf),
            vendor,
        });
        if let Some(p) = path {
            shared.save().map_err(|m| err(p, m))?;
        }
        Ok(shared)
    }

    pub(crate) fn lock(&self) -> MutexGuard<'_, S> {
        self.inner
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Writes the store atomically (temporary file + rename); a no-op without `--state`.
    pub(crate) fn save(&self) -> Result<(), String> {
        let Some(path) = &self.path else {
            return Ok(());
        };
        // The store stays locked until the rename: concurrent writes (an import's) would
        // otherwise rename one another's temporary file away.
        let store = self.lock();
        let file = FileFormat {
            vendor: self.vendor,
            store: &*store,
        };
        let text = serde_json::to_string_pretty(&file).map_err(|e| e.to_string())?;
        let tmp = path.with_extension("tmp");
        std::fs::write(&tmp, text).map_err(|e| format!("{}: {e}", tmp.display()))?;
        std::fs::rename(&tmp, path).map_err(|e| format!("{}: {e}", path.display()))
    }

    pub(crate) fn census(self: &Arc<Self>, live: fn(&S) -> Vec<(String, String)>) -> Census {
        let me = Arc::clone(self);
        Arc::new(move || live(&me.lock()))
    }

    pub(crate) fn saver(self: &Arc<Self>) -> Saver {
        let me = Arc::clone(self);
        Arc::new(move || me.save())
    }
}
