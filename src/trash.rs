//! The local trash: each deleted deal's last JSON, appended before the delete is sent.

use std::fs::{self, OpenOptions};
use std::io::Write;
use std::path::PathBuf;

use serde_json::json;

use crate::env::EnvVars;
use crate::error::{Error, Result};
use crate::model::Deal;

pub struct Trash {
    file: PathBuf,
}

impl Trash {
    /// Opens the trash file under the data directory; a delete without a trash is refused.
    pub fn open(env: &EnvVars) -> Result<Trash> {
        let dir = env.data_dir().ok_or_else(|| {
            Error::internal("no data directory for the trash file: set CRM_DATA_DIR")
        })?;
        fs::create_dir_all(&dir).map_err(|e| {
            Error::internal(format!(
                "cannot create {}: {e}; nothing deleted",
                dir.display()
            ))
        })?;
        Ok(Trash {
            file: dir.join("trash.ndjson"),
        })
    }

    pub fn path(&self) -> &PathBuf {
        &self.file
    }

    /// Appends the deal; fails (and so stops the delete) when the line cannot be written.
    pub fn keep(&self, deal: &Deal) -> Result<()> {
        use chrono::Timelike;
        let now = chrono::Utc::now();
        let line = json!({
            // crm's own time, whole seconds, in the form every other time is written.
            "deleted_at": crate::model::time_text(now.with_nanosecond(0).unwrap_or(now)),
            "deal": deal,
        });
        let mut options = OpenOptions::new();
        options.create(true).append(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut file = options.open(&self.file).map_err(|e| {
            Error::internal(format!(
                "cannot write the trash file {}: {e}; nothing deleted",
                self.file.display()
            ))
        })?;
        writeln!(file, "{line}")
            .and_then(|_| file.sync_data())
            .map_err(|e| {
                Error::internal(format!(
                    "cannot write the trash file {}: {e}; nothing deleted",
                    self.file.display()
                ))
            })
    }
}
