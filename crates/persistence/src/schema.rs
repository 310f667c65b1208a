//! The store's schema: numbered migrations, applied in order, each in its own transaction.
//!
//! A database records its schema version in `PRAGMA user_version` (and each applied migration
//! in `schema_migrations`), and is marked as a store by `PRAGMA application_id`. Opening a
//! database applies the migrations it lacks; a database from a newer version of this library,
//! or one that is not a store, is refused with an error rather than changed.

use alloc::format;
use alloc::string::String;

use crate::error::Error;
use crate::sqlite::{Connection, Params, Value};

/// `PRAGMA application_id` of store databases: "RUVS" in ASCII.
pub const APPLICATION_ID: i64 = 0x5255_5653;

/// One schema change.
#[derive(Debug, Clone, Copy)]
pub struct Migration {
    /// The schema version after this migration (1, 2, ...).
    pub version: i64,
    /// What it adds.
    pub name: &'static str,
    /// The SQL script.
    pub sql: &'static str,
}

/// Every migration, in order; `MIGRATIONS[i].version == i + 1`.
pub const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        name: "agents, tasks, events, messages and metrics",
        sql: "
CREATE TABLE schema_migrations (
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  applied_at REAL NOT NULL
);
CREATE TABLE agents (
  swarm_id TEXT NOT NULL,
  id TEXT NOT NULL,
  name TEXT NOT NULL,
  role TEXT CHECK (role IN ('researcher','coder','analyst','optimizer','coordinator','tester','reviewer')),
  status TEXT NOT NULL CHECK (status IN ('idle','busy','removed')),
  capabilities TEXT NOT NULL CHECK (json_valid(capabilities)),
  data TEXT CHECK (data IS NULL OR json_valid(data)),
  created_at REAL NOT NULL,
  updated_at REAL NOT NULL,
  PRIMARY KEY (swarm_id, id)
) WITHOUT ROWID;
CREATE INDEX agents_by_status ON agents (swarm_id, status);
CREATE TABLE tasks (
  swarm_id TEXT NOT NULL,
  id TEXT NOT NULL,
  description TEXT NOT NULL,
  priority TEXT NOT NULL CHECK (priority IN ('low','medium','high','critical')),
  status TEXT NOT NULL CHECK (status IN ('pending','ready','assigned','running','completed','failed','cancelled')),
  agent_id TEXT,
  dependencies TEXT NOT NULL CHECK (json_valid(dependencies)),
  result TEXT,
  error TEXT,
  data TEXT CHECK (data IS NULL OR json_valid(data)),
  created_at REAL NOT NULL,
  updated_at REAL NOT NULL,
  PRIMARY KEY (swarm_id, id)
) WITHOUT ROWID;
CREATE INDEX tasks_by_status ON tasks (swarm_id, status, updated_at);
CREATE INDEX tasks_by_agent ON tasks (swarm_id, agent_id);
CREATE TABLE events (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  swarm_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  agent_id TEXT,
  task_id TEXT,
  time REAL NOT NULL,
  data TEXT CHECK (data IS NULL OR json_valid(data))
);
CREATE INDEX events_by_time ON events (swarm_id, time);
CREATE INDEX events_by_kind ON events (swarm_id, kind, time);
CREATE TABLE messages (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  swarm_id TEXT NOT NULL,
  sender TEXT NOT NULL,
  recipient TEXT,
  kind TEXT NOT NULL,
  content TEXT NOT NULL,
  time REAL NOT NULL,
  read_at REAL
);
CREATE INDEX messages_by_recipient ON messages (swarm_id, recipient, time);
CREATE INDEX messages_by_time ON messages (swarm_id, time);
CREATE TABLE metrics (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  swarm_id TEXT NOT NULL,
  name TEXT NOT NULL,
  value REAL NOT NULL,
  agent_id TEXT,
  time REAL NOT NULL,
  tags TEXT CHECK (tags IS NULL OR json_valid(tags))
);
CREATE INDEX metrics_by_name ON metrics (swarm_id, name, time);
",
    },
    Migration {
        version: 2,
        name: "swarm snapshots",
        sql: "
CREATE TABLE snapshots (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  swarm_id TEXT NOT NULL,
  label TEXT,
  bytes BLOB NOT NULL,
  created_at REAL NOT NULL
);
CREATE INDEX snapshots_by_swarm ON snapshots (swarm_id, id);
",
    },
];

/// The schema version this library writes (the last migration's).
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// The schema version of an open database (`PRAGMA user_version`).
pub fn version(conn: &Connection) -> Result<i64, Error> {
    Ok(conn.query_i64("PRAGMA user_version")?)
}

/// Checks that `conn` holds a store (or an empty database) this library can use.
pub fn check(conn: &Connection) -> Result<i64, Error> {
    let app = conn.query_i64("PRAGMA application_id")?;
    let found = version(conn)?;
    if app != APPLICATION_ID {
        let tables = conn.query_i64("SELECT count(*) FROM sqlite_schema")?;
        if app != 0 || tables != 0 {
            return Err(Error::Schema(format!(
                "the database is not a swarm store (application_id {app:#x}, {tables} schema \
                 objects); open an empty or store database"
            )));
        }
    }
    if found > SCHEMA_VERSION {
        return Err(Error::Schema(format!(
            "the database has schema version {found}, newer than this library's \
             {SCHEMA_VERSION}; upgrade the package to open it"
        )));
    }
    Ok(found)
}

/// Applies the migrations the database lacks, up to `target`; returns the version reached.
pub fn migrate_to(conn: &Connection, target: i64, now: f64) -> Result<i64, Error> {
    let mut current = check(conn)?;
    if conn.in_transaction() {
        return Err(Error::Schema(String::from(
            "cannot migrate inside an open transaction",
        )));
    }
    let start = current;
    for migration in MIGRATIONS
        .iter()
        .filter(|m| m.version > start && m.version <= target)
    {
        conn.execute_batch("BEGIN IMMEDIATE")?;
        let applied = apply(conn, migration, now);
        match applied {
            Ok(()) => conn.execute_batch("COMMIT")?,
            Err(e) => {
                // The migration failed: leave the database as it was.
                let _ = conn.execute_batch("ROLLBACK");
                return Err(e);
            }
        }
        current = migration.version;
    }
    Ok(current)
}

/// Applies every pending migration.
pub fn migrate(conn: &Connection, now: f64) -> Result<i64, Error> {
    migrate_to(conn, SCHEMA_VERSION, now)
}

fn apply(conn: &Connection, migration: &Migration, now: f64) -> Result<(), Error> {
    conn.execute_batch(migration.sql)?;
    let stmt = conn.prepare(
        "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?1, ?2, ?3)",
        false,
    )?;
    stmt.bind(
        conn,
        &Params::Positional(alloc::vec![
            Value::Integer(migration.version),
            Value::from(migration.name),
            Value::Real(now),
        ]),
    )?;
    stmt.step(conn)?;
    drop(stmt);
    conn.execute_batch(&format!(
        "PRAGMA application_id = {APPLICATION_ID}; PRAGMA user_version = {};",
        migration.version
    ))?;
    Ok(())
}
