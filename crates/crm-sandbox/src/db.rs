//! The sandbox's state in SQLite (`--state FILE`, and the built-in profiles' state), shared by
//! any number of processes.
//!
//! One row per deal (`deals`: the deal's JSON, `NULL` once it is gone) and one per other field of
//! the vendor's store (`fields`: id counters, owners, pipelines… as JSON), each stamped with the
//! generation that last wrote it; `meta` holds the vendor, the current generation and the
//! generation of the last reset. A write request is one `BEGIN IMMEDIATE` transaction around
//! its handler: load the rows other processes wrote since this one last looked, run the
//! handler, write the rows it changed with the next generation, commit. A read loads what
//! changed and writes nothing. WAL mode lets readers go on while a writer commits; a killed
//! writer leaves no trace but a transaction that never happened.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use rusqlite::{params, Connection, OptionalExtension};
use tokio::sync::{Mutex, OwnedMutexGuard};

/// A field of the store (everything but its deals): name → JSON.
pub(crate) type Fields = BTreeMap<String, String>;
/// Deals by id, as JSON; `None`: the deal is gone.
pub(crate) type DealRows = Vec<(u64, Option<String>)>;

/// How long a write waits for another process's transaction before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(30);
const FORMAT: &str = "1";

/// What the database needs of a store in memory.
pub(crate) trait Rows: Send + Sync {
    /// Every field now, and the deals changed since the last call.
    fn changes(&self) -> Result<(Fields, DealRows), String>;
    /// Loads rows other processes wrote. `fields`: every field, given when one changed. `all`:
    /// `deals` are all the deals there are, and the store is rebuilt from these rows.
    fn load(&self, fields: Option<&Fields>, deals: DealRows, all: bool) -> Result<(), String>;
}

fn sql_err(e: rusqlite::Error) -> String {
    e.to_string()
}

/// Opens (creating when missing) the database at `path`.
pub(crate) fn connect(path: &Path) -> Result<Connection, String> {
    let conn = Connection::open(path).map_err(sql_err)?;
    conn.busy_timeout(BUSY_TIMEOUT).map_err(sql_err)?;
    use_wal(&conn)?;
    // `NORMAL` in WAL mode: a commit survives a killed process; only a power cut may lose the
    // last transactions, never the database.
    conn.pragma_update(None, "synchronous", "NORMAL")
        .map_err(sql_err)?;
    Ok(conn)
}

/// Puts the file in WAL mode, which stays with the file: only the first open of a new file
/// switches it. The switch takes the file whole, and while other processes open it too SQLite
/// may refuse it at once ("database is locked", or the old mode back) rather than run the busy
/// handler; it is tried again until [`BUSY_TIMEOUT`], as any other lock is waited for.
fn use_wal(conn: &Connection) -> Result<(), String> {
    let deadline = std::time::Instant::now() + BUSY_TIMEOUT;
    loop {
        let switched =
            conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get::<_, String>(0));
        let refused = match switched {
            Ok(mode) if mode.eq_ignore_ascii_case("wal") => return Ok(()),
            Ok(mode) => format!("the file stays in {mode} mode"),
            Err(rusqlite::Error::SqliteFailure(e, message))
                if e.code == rusqlite::ErrorCode::DatabaseBusy =>
            {
                message.unwrap_or_else(|| "database is locked".into())
            }
            Err(e) => return Err(sql_err(e)),
        };
        if std::time::Instant::now() >= deadline {
            return Err(refused);
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

fn meta(conn: &Connection, key: &str) -> rusqlite::Result<Option<String>> {
    conn.query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
        .optional()
}

fn meta_number(conn: &Connection, key: &str) -> Result<i64, String> {
    meta(conn, key)
        .map_err(sql_err)?
        .and_then(|v| v.parse().ok())
        .ok_or_else(|| format!("the database has no {key}: not a sandbox state"))
}

fn set_meta(conn: &Connection, key: &str, value: &str) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO meta (key, value) VALUES (?1, ?2) \
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![key, value],
    )
    .map(|_| ())
}

/// The vendor whose state the database holds; `None` while it holds none. Reads only.
pub(crate) fn vendor(conn: &Connection) -> Result<Option<String>, String> {
    let has_meta: bool = conn
        .query_row(
            "SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = 'meta'",
            [],
            |r| r.get(0),
        )
        .map_err(sql_err)?;
    if !has_meta {
        return Ok(None);
    }
    meta(conn, "vendor").map_err(sql_err)
}

/// Writes a whole store (a new state, or a reset) in one transaction, unless — without `force` —
/// another process did so first. Returns whether it wrote.
pub(crate) fn initialize(
    conn: &Connection,
    vendor: &str,
    fields: &Fields,
    deals: &DealRows,
    force: bool,
) -> Result<bool, String> {
    conn.execute_batch("BEGIN IMMEDIATE").map_err(sql_err)?;
    let result = (|| -> rusqlite::Result<bool> {
        conn.execute_batch(
            "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
             CREATE TABLE IF NOT EXISTS fields (
                 name TEXT PRIMARY KEY, value TEXT NOT NULL, gen INTEGER NOT NULL);
             CREATE TABLE IF NOT EXISTS deals (
                 id INTEGER PRIMARY KEY, body TEXT, gen INTEGER NOT NULL);
             CREATE INDEX IF NOT EXISTS deals_gen ON deals (gen);
             CREATE INDEX IF NOT EXISTS fields_gen ON fields (gen);",
        )?;
        if !force && meta(conn, "vendor")?.is_some() {
            return Ok(false);
        }
        let gen = meta(conn, "generation")?
            .and_then(|g| g.parse::<i64>().ok())
            .unwrap_or(0)
            + 1;
        conn.execute("DELETE FROM fields", [])?;
        conn.execute("DELETE FROM deals", [])?;
        let mut put_field =
            conn.prepare("INSERT INTO fields (name, value, gen) VALUES (?1, ?2, ?3)")?;
        for (name, value) in fields {
            put_field.execute(params![name, value, gen])?;
        }
        let mut put_deal = conn.prepare("INSERT INTO deals (id, body, gen) VALUES (?1, ?2, ?3)")?;
        for (id, body) in deals {
            put_deal.execute(params![*id as i64, body, gen])?;
        }
        set_meta(conn, "format", FORMAT)?;
        set_meta(conn, "vendor", vendor)?;
        set_meta(conn, "generation", &gen.to_string())?;
        set_meta(conn, "reset_at", &gen.to_string())?;
        Ok(true)
    })();
    finish(conn, result.map_err(sql_err))
}

/// Commits after `Ok`, rolls back after `Err`.
fn finish<T>(conn: &Connection, result: Result<T, String>) -> Result<T, String> {
    match result {
        Ok(v) => {
            if let Err(e) = conn.execute_batch("COMMIT") {
                let _ = conn.execute_batch("ROLLBACK");
                return Err(sql_err(e));
            }
            Ok(v)
        }
        Err(e) => {
            let _ = conn.execute_batch("ROLLBACK");
            Err(e)
        }
    }
}

fn read_fields(conn: &Connection, since: Option<i64>) -> rusqlite::Result<Fields> {
    let mut stmt = conn.prepare("SELECT name, value FROM fields WHERE gen > ?1")?;
    let rows = stmt.query_map([since.unwrap_or(i64::MIN)], |r| Ok((r.get(0)?, r.get(1)?)))?;
    rows.collect()
}

fn read_deals(conn: &Connection, since: Option<i64>) -> rusqlite::Result<DealRows> {
    let sql = match since {
        Some(_) => "SELECT id, body FROM deals WHERE gen > ?1",
        None => "SELECT id, body FROM deals WHERE body IS NOT NULL AND gen > ?1",
    };
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt.query_map([since.unwrap_or(i64::MIN)], |r| {
        Ok((r.get::<_, i64>(0)? as u64, r.get(1)?))
    })?;
    rows.collect()
}

/// The whole state, read in one transaction: its generation, fields and deals.
pub(crate) fn load_all(conn: &Connection) -> Result<(i64, Fields, DealRows), String> {
    conn.execute_batch("BEGIN").map_err(sql_err)?;
    let result = (|| {
        let gen = meta_number(conn, "generation")?;
        let fields = read_fields(conn, None).map_err(sql_err)?;
        let deals = read_deals(conn, None).map_err(sql_err)?;
        Ok((gen, fields, deals))
    })();
    finish(conn, result)
}

/// The connection of this process, and what its store in memory reflects.
pub(crate) struct Conn {
    sql: Connection,
    rows: Arc<dyn Rows>,
    /// The generation the store in memory reflects.
    seen: i64,
    /// The fields as last read or written.
    fields: Fields,
    /// The store in memory may differ from the database (a write rolled back): reload it all.
    stale: bool,
}

impl Conn {
    fn begin(&mut self, write: bool) -> Result<(), String> {
        if !self.sql.is_autocommit() {
            // A transaction left open by a request that never finished.
            let _ = self.sql.execute_batch("ROLLBACK");
            self.stale = true;
        }
        let begin = if write { "BEGIN IMMEDIATE" } else { "BEGIN" };
        self.sql.execute_batch(begin).map_err(sql_err)?;
        match self.refresh() {
            Ok(()) if write => Ok(()),
            Ok(()) => finish(&self.sql, Ok(())),
            Err(e) => {
                let _ = self.sql.execute_batch("ROLLBACK");
                self.stale = true;
                Err(e)
            }
        }
    }

    /// Loads what other processes committed since this one last looked.
    fn refresh(&mut self) -> Result<(), String> {
        let gen = meta_number(&self.sql, "generation")?;
        if gen == self.seen && !self.stale {
            return Ok(());
        }
        let reset_at = meta_number(&self.sql, "reset_at")?;
        if self.stale || reset_at > self.seen {
            let fields = read_fields(&self.sql, None).map_err(sql_err)?;
            let deals = read_deals(&self.sql, None).map_err(sql_err)?;
            self.rows.load(Some(&fields), deals, true)?;
            self.fields = fields;
        } else {
            let changed = read_fields(&self.sql, Some(self.seen)).map_err(sql_err)?;
            let deals = read_deals(&self.sql, Some(self.seen)).map_err(sql_err)?;
            let any_field = !changed.is_empty();
            self.fields.extend(changed);
            self.rows
                .load(any_field.then_some(&self.fields), deals, false)?;
        }
        self.seen = gen;
        self.stale = false;
        Ok(())
    }

    /// Writes what the handler changed and commits; nothing changed, nothing written.
    fn commit(&mut self) -> Result<(), String> {
        let written = (|| -> Result<Option<(i64, Fields)>, String> {
            let (fields, deals) = self.rows.changes()?;
            let changed: Vec<(&String, &String)> = fields
                .iter()
                .filter(|(name, value)| self.fields.get(*name) != Some(*value))
                .collect();
            if changed.is_empty() && deals.is_empty() {
                return Ok(None);
            }
            let gen = self.seen + 1;
            let sql = &self.sql;
            let mut put_field = sql
                .prepare(
                    "INSERT INTO fields (name, value, gen) VALUES (?1, ?2, ?3) \
                     ON CONFLICT (name) DO UPDATE SET value = excluded.value, gen = excluded.gen",
                )
                .map_err(sql_err)?;
            for (name, value) in changed {
                put_field
                    .execute(params![name, value, gen])
                    .map_err(sql_err)?;
            }
            let mut put_deal = sql
                .prepare(
                    "INSERT INTO deals (id, body, gen) VALUES (?1, ?2, ?3) \
                     ON CONFLICT (id) DO UPDATE SET body = excluded.body, gen = excluded.gen",
                )
                .map_err(sql_err)?;
            for (id, body) in &deals {
                put_deal
                    .execute(params![*id as i64, body, gen])
                    .map_err(sql_err)?;
            }
            set_meta(sql, "generation", &gen.to_string()).map_err(sql_err)?;
            Ok(Some((gen, fields)))
        })();
        match finish(&self.sql, written) {
            Ok(Some((gen, fields))) => {
                self.seen = gen;
                self.fields = fields;
                Ok(())
            }
            Ok(None) => Ok(()),
            Err(e) => {
                self.stale = true;
                Err(e)
            }
        }
    }

    fn abandon(&mut self) {
        if !self.sql.is_autocommit() {
            let _ = self.sql.execute_batch("ROLLBACK");
        }
        self.stale = true;
    }
}

/// Where a sandbox keeps its store: in memory only, or in a database.
pub(crate) enum Persist {
    Memory,
    Db(Arc<Mutex<Conn>>),
}

impl Persist {
    pub(crate) fn db(sql: Connection, rows: Arc<dyn Rows>, seen: i64, fields: Fields) -> Persist {
        Persist::Db(Arc::new(Mutex::new(Conn {
            sql,
            rows,
            seen,
            fields,
            stale: false,
        })))
    }

    pub(crate) fn is_memory(&self) -> bool {
        matches!(self, Persist::Memory)
    }

    /// Brings the store up to date with the database and, for a write, holds its transaction
    /// open until [`Session::finish`]. One request of this process at a time.
    pub(crate) async fn enter(&self, write: bool) -> Result<Session, String> {
        let Persist::Db(conn) = self else {
            return Ok(Session { conn: None, write });
        };
        let guard = conn.clone().lock_owned().await;
        let (guard, result) = tokio::task::spawn_blocking(move || {
            let mut guard = guard;
            let result = guard.begin(write);
            (guard, result)
        })
        .await
        .map_err(|e| format!("sandbox state: {e}"))?;
        result?;
        Ok(Session {
            conn: Some(guard),
            write,
        })
    }
}

/// One request's hold on the database; dropped without [`Session::finish`], its write is
/// rolled back and the store reloaded before the next request.
pub(crate) struct Session {
    conn: Option<OwnedMutexGuard<Conn>>,
    write: bool,
}

impl Session {
    /// Commits what a write changed.
    pub(crate) async fn finish(mut self) -> Result<(), String> {
        let Some(conn) = self.conn.take() else {
            return Ok(());
        };
        if !self.write {
            return Ok(());
        }
        let (_conn, result) = tokio::task::spawn_blocking(move || {
            let mut conn = conn;
            let result = conn.commit();
            (conn, result)
        })
        .await
        .map_err(|e| format!("sandbox state: {e}"))?;
        result
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        if let Some(conn) = &mut self.conn {
            if self.write {
                conn.abandon();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A fresh state file, removed (with its WAL files) when dropped.
    struct Scratch(std::path::PathBuf);

    impl Scratch {
        fn new(name: &str) -> Self {
            let path =
                std::env::temp_dir().join(format!("crm-db-{}-{name}.db", std::process::id()));
            Scratch(path)
        }
    }

    impl Drop for Scratch {
        fn drop(&mut self) {
            for suffix in ["", "-wal", "-shm", "-journal"] {
                let mut path = self.0.clone().into_os_string();
                path.push(suffix);
                let _ = std::fs::remove_file(path);
            }
        }
    }

    /// Four processes opening a new state at once (the README's parallel creates on a fresh
    /// built-in sandbox) failed about one time in forty with "database is locked": switching a
    /// new file to WAL takes it whole, and there SQLite returned at once rather than wait
    /// (sqlite.org/c3ref/busy_handler.html: the busy handler is not invoked where SQLite judges
    /// that waiting could deadlock). Four connections open each of many new files at once;
    /// every open must succeed, in WAL.
    #[test]
    fn connections_opening_a_new_file_at_once_all_get_it_in_wal() {
        for round in 0..300 {
            let file = Scratch::new(&format!("race-{round}"));
            let path = file.0.clone();
            let barrier = Arc::new(std::sync::Barrier::new(4));
            let opens: Vec<_> = (0..4)
                .map(|_| {
                    let (path, barrier) = (path.clone(), barrier.clone());
                    std::thread::spawn(move || {
                        barrier.wait();
                        let conn = connect(&path)?;
                        conn.pragma_query_value(None, "journal_mode", |r| r.get::<_, String>(0))
                            .map_err(sql_err)
                    })
                })
                .collect();
            for open in opens {
                assert_eq!(open.join().unwrap().as_deref(), Ok("wal"), "round {round}");
            }
        }
    }
}
