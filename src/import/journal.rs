//! `--journal FILE`: an append-only NDJSON record of what an import has done, so a run that
//! crashed or was killed resumes without writing anything twice.
//!
//! Each record is known by its line and a hash of its text (a record edited since is a new one).
//! A create or an upsert is journalled as `sent` before it goes out and `done` once confirmed; a
//! `sent` without a `done` is a write whose outcome is unknown: a keyless create cannot be checked
//! (the report says a duplicate is possible), an upsert is looked up by its key first. Updates by
//! id are idempotent, so only their `done` is written.

use std::collections::HashMap;
use std::fs::{File, OpenOptions};
use std::io::Write;
use std::sync::Mutex;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum State {
    Sent,
    Done,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Entry {
    pub line: usize,
    pub hash: String,
    pub state: State,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
}

/// What an earlier run did with one record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Earlier {
    /// Written and confirmed: `action` and the deal's id.
    Done { action: String, id: Option<String> },
    /// A create was sent and never confirmed.
    SentUnconfirmed,
}

pub struct Journal {
    file: Option<Mutex<File>>,
    earlier: HashMap<(usize, String), Earlier>,
}

/// The identity of a record's text.
pub fn hash(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    digest.iter().take(12).map(|b| format!("{b:02x}")).collect()
}

impl Journal {
    /// No journal: nothing is remembered.
    pub fn none() -> Journal {
        Journal {
            file: None,
            earlier: HashMap::new(),
        }
    }

    /// Opens (or creates) the journal and reads what earlier runs recorded. A torn last line (the
    /// run was killed mid-write) is ignored: its write was not confirmed.
    pub fn open(path: &str) -> Result<Journal> {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
            Err(e) => return Err(Error::usage(format!("cannot read the journal {path}: {e}"))),
        };
        let mut earlier = HashMap::new();
        for line in text.lines() {
            let Ok(entry) = serde_json::from_str::<Entry>(line) else {
                continue;
            };
            let key = (entry.line, entry.hash);
            match entry.state {
                State::Done => {
                    earlier.insert(
                        key,
                        Earlier::Done {
                            action: entry.action.unwrap_or_default(),
                            id: entry.id,
                        },
                    );
                }
                State::Sent => {
                    earlier.entry(key).or_insert(Earlier::SentUnconfirmed);
                }
            }
        }
        let mut file = OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .map_err(|e| Error::usage(format!("cannot write the journal {path}: {e}")))?;
        // A torn line from a killed run must not swallow the next entry.
        if !text.is_empty() && !text.ends_with('\n') {
            file.write_all(b"\n")?;
        }
        Ok(Journal {
            file: Some(Mutex::new(file)),
            earlier,
        })
    }

    pub fn earlier(&self, line: usize, hash: &str) -> Option<&Earlier> {
        self.earlier.get(&(line, hash.to_string()))
    }

    /// Appends entries and makes them durable before the caller goes on.
    pub fn record(&self, entries: &[Entry]) -> Result<()> {
        let Some(file) = &self.file else {
            return Ok(());
        };
        if entries.is_empty() {
            return Ok(());
        }
        let mut text = String::new();
        for e in entries {
            text.push_str(&serde_json::to_string(e).expect("entries serialise"));
            text.push('\n');
        }
        let mut file = file.lock().expect("journal lock");
        file.write_all(text.as_bytes())
            .and_then(|_| file.sync_data())
            .map_err(|e| Error::internal(format!("cannot write the journal: {e}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resumes_from_done_and_sent_and_survives_a_torn_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j.ndjson");
        let path = path.to_str().unwrap();
        let j = Journal::open(path).unwrap();
        let entry = |line, state, id: Option<&str>| Entry {
            line,
            hash: "h".into(),
            state,
            action: id.map(|_| "created".into()),
            id: id.map(String::from),
        };
        j.record(&[entry(1, State::Sent, None), entry(2, State::Sent, None)])
            .unwrap();
        j.record(&[entry(1, State::Done, Some("7"))]).unwrap();
        drop(j);
        let mut f = OpenOptions::new().append(true).open(path).unwrap();
        f.write_all(b"{\"line\":3,\"ha").unwrap();
        let j = Journal::open(path).unwrap();
        assert_eq!(
            j.earlier(1, "h"),
            Some(&Earlier::Done {
                action: "created".into(),
                id: Some("7".into())
            })
        );
        assert_eq!(j.earlier(2, "h"), Some(&Earlier::SentUnconfirmed));
        assert_eq!(j.earlier(3, "h"), None);
        j.record(&[entry(3, State::Done, Some("9"))]).unwrap();
        drop(j);
        let j = Journal::open(path).unwrap();
        assert!(matches!(j.earlier(3, "h"), Some(Earlier::Done { .. })));
    }
}
