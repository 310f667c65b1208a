//! The store: a SQLite database holding swarm state, with a typed API for agents, tasks,
//! events, messages, metrics and swarm snapshots, raw SQL, and transactions.

use alloc::collections::BTreeMap;
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec;
use alloc::vec::Vec;

use ruv_core::validate::{
    validate_id, validate_text, MAX_DESCRIPTION_LEN, MAX_ERROR_LEN, MAX_NAME_LEN, MAX_RESULT_LEN,
};
use ruv_core::{AgentRole, AgentStatus, TaskPriority, TaskStatus};

use crate::error::Error;
use crate::records::*;
use crate::schema;
use crate::sqlite::{Connection, OpenMode, Params, SqlError, Step, Stmt, Value};

/// Longest name of an event kind, message kind or metric, in bytes.
pub const MAX_KIND_LEN: usize = 128;
/// Longest message content, in bytes.
pub const MAX_CONTENT_LEN: usize = 1 << 20;
/// Prepared statements kept for reuse by SQL text.
const STATEMENT_CACHE: usize = 48;

/// How SQLite keeps a file database consistent (`PRAGMA journal_mode`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum JournalMode {
    /// Write-ahead log (with exclusive locking: one store per file): one fsync per commit.
    #[default]
    Wal,
    /// Rollback journal, deleted at commit.
    Delete,
}

impl JournalMode {
    /// The name JavaScript uses.
    pub fn as_str(self) -> &'static str {
        match self {
            JournalMode::Wal => "wal",
            JournalMode::Delete => "delete",
        }
    }

    /// Parses a name.
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "wal" => Some(JournalMode::Wal),
            "delete" => Some(JournalMode::Delete),
            _ => None,
        }
    }
}

/// When SQLite waits for the disk (`PRAGMA synchronous`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Synchronous {
    /// fsync at every commit: a committed transaction survives a crash or power loss.
    #[default]
    Full,
    /// fsync at checkpoints only (WAL): survives a process crash; the last commits may be
    /// lost on power loss.
    Normal,
    /// Never fsync: for scratch data.
    Off,
}

impl Synchronous {
    /// The name JavaScript uses.
    pub fn as_str(self) -> &'static str {
        match self {
            Synchronous::Full => "full",
            Synchronous::Normal => "normal",
            Synchronous::Off => "off",
        }
    }

    /// Parses a name.
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "full" => Some(Synchronous::Full),
            "normal" => Some(Synchronous::Normal),
            "off" => Some(Synchronous::Off),
            _ => None,
        }
    }
}

/// Where a store keeps its database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// A private in-memory database.
    Memory,
    /// A database file, through a SQLite VFS (`None`: SQLite's default one).
    File {
        /// The file's path (or name, for VFSes with a flat namespace).
        path: String,
        /// The VFS to open it with.
        vfs: Option<String>,
    },
}

/// Options for opening a store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct OpenOptions {
    /// Journal mode of file databases.
    pub journal: JournalMode,
    /// Durability of file databases.
    pub synchronous: Synchronous,
}

/// How `begin` starts a transaction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum BeginMode {
    /// Takes locks when first needed.
    #[default]
    Deferred,
    /// Takes the write lock at once.
    Immediate,
    /// Takes an exclusive lock at once.
    Exclusive,
}

impl BeginMode {
    /// Parses a name (`deferred`, `immediate`, `exclusive`).
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "deferred" => Some(BeginMode::Deferred),
            "immediate" => Some(BeginMode::Immediate),
            "exclusive" => Some(BeginMode::Exclusive),
            _ => None,
        }
    }
}

/// The current time in milliseconds since 1970.
pub fn now_ms() -> f64 {
    #[cfg(target_arch = "wasm32")]
    {
        js_sys::Date::now()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        extern crate std;
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0.0, |d| d.as_secs_f64() * 1000.0)
    }
}

/// Prepared statements by SQL text, least recently used dropped first.
#[derive(Default)]
struct StatementCache {
    entries: BTreeMap<String, (Stmt, u64)>,
    tick: u64,
}

impl StatementCache {
    fn get(&mut self, conn: &Connection, sql: &str) -> Result<&Stmt, SqlError> {
        self.tick += 1;
        let tick = self.tick;
        if !self.entries.contains_key(sql) {
            let stmt = conn.prepare(sql, true)?;
            if self.entries.len() >= STATEMENT_CACHE {
                let oldest = self
                    .entries
                    .iter()
                    .min_by_key(|(_, (_, used))| *used)
                    .map(|(key, _)| key.clone());
                if let Some(key) = oldest {
                    self.entries.remove(&key);
                }
            }
            self.entries.insert(sql.to_string(), (stmt, tick));
        }
        match self.entries.get_mut(sql) {
            Some((stmt, used)) => {
                *used = tick;
                Ok(stmt)
            }
            None => Err(SqlError::new(1, "internal: statement cache miss")),
        }
    }

    fn clear(&mut self) {
        self.entries.clear();
    }
}

/// Statements handed out to callers ([`Store::prepare`]), by handle.
#[derive(Default)]
struct Prepared {
    slots: BTreeMap<u32, Stmt>,
    next: u32,
}

/// A SQLite database holding swarm state.
///
/// Fields are dropped in declaration order: every statement before the connection.
pub struct Store {
    cache: StatementCache,
    prepared: Prepared,
    conn: Connection,
    location: Location,
    options: OpenOptions,
    clock: fn() -> f64,
    savepoints: u32,
    /// Whole-database imports so far (they replace the database without a commit).
    imports: u64,
}

/// A statement's result rows.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Rows {
    /// Column names.
    pub columns: Vec<String>,
    /// One vector of values per row, in column order.
    pub rows: Vec<Vec<Value>>,
}

fn json_text(value: &Option<serde_json::Value>) -> Value {
    match value {
        None | Some(serde_json::Value::Null) => Value::Null,
        Some(v) => Value::Text(v.to_string()),
    }
}

fn parse_json(stmt: &Stmt, index: usize) -> Option<serde_json::Value> {
    let text = stmt.column_opt_text(index)?;
    serde_json::from_str(&text).ok()
}

fn string_list(stmt: &Stmt, index: usize) -> Vec<String> {
    serde_json::from_slice(stmt.column_text_bytes(index)).unwrap_or_default()
}

fn check_time(field: &str, time: Option<f64>) -> Result<(), Error> {
    if let Some(t) = time {
        if !t.is_finite() {
            return Err(Error::invalid(
                field,
                format!("is {t}; it must be a finite number"),
            ));
        }
    }
    Ok(())
}

fn check_kind(field: &str, text: &str) -> Result<(), Error> {
    if text.is_empty() {
        return Err(Error::invalid(field, "must not be empty"));
    }
    validate_text(field, text, MAX_KIND_LEN, false)?;
    Ok(())
}

fn check_opt_id(field: &str, id: &Option<String>) -> Result<(), Error> {
    if let Some(id) = id {
        validate_id(field, id)?;
    }
    Ok(())
}

fn limit_clause(
    sql: &mut String,
    params: &mut Vec<Value>,
    limit: Option<u32>,
    offset: Option<u32>,
) {
    if limit.is_some() || offset.is_some() {
        sql.push_str(" LIMIT ? OFFSET ?");
        params.push(Value::Integer(limit.map_or(-1, i64::from)));
        params.push(Value::Integer(offset.map_or(0, i64::from)));
    }
}

fn time_range(
    sql: &mut String,
    params: &mut Vec<Value>,
    column: &str,
    since: Option<f64>,
    until: Option<f64>,
) -> Result<(), Error> {
    check_time("since", since)?;
    check_time("until", until)?;
    if let Some(t) = since {
        sql.push_str(&format!(" AND {column} >= ?"));
        params.push(Value::Real(t));
    }
    if let Some(t) = until {
        sql.push_str(&format!(" AND {column} < ?"));
        params.push(Value::Real(t));
    }
    Ok(())
}

const AGENT_COLUMNS: &str =
    "swarm_id, id, name, role, status, capabilities, data, created_at, updated_at";
const TASK_COLUMNS: &str = "swarm_id, id, description, priority, status, agent_id, dependencies, result, error, data, created_at, updated_at";
const EVENT_COLUMNS: &str = "seq, swarm_id, kind, agent_id, task_id, time, data";
const MESSAGE_COLUMNS: &str = "id, swarm_id, sender, recipient, kind, content, time, read_at";
const METRIC_COLUMNS: &str = "id, swarm_id, name, value, agent_id, time, tags";

fn agent_row(stmt: &Stmt) -> Result<AgentRecord, Error> {
    let status = stmt.column_text(4);
    Ok(AgentRecord {
        swarm_id: stmt.column_text(0),
        id: stmt.column_text(1),
        name: stmt.column_text(2),
        role: stmt.column_opt_text(3).and_then(|r| AgentRole::parse(&r)),
        status: AgentStatus::parse(&status)
            .ok_or_else(|| Error::Schema(format!("stored agent status '{status}' is unknown")))?,
        capabilities: string_list(stmt, 5),
        data: parse_json(stmt, 6),
        created_at: stmt.column_f64(7),
        updated_at: stmt.column_f64(8),
    })
}

fn task_row(stmt: &Stmt) -> Result<TaskRecord, Error> {
    let priority = stmt.column_text(3);
    let status = stmt.column_text(4);
    Ok(TaskRecord {
        swarm_id: stmt.column_text(0),
        id: stmt.column_text(1),
        description: stmt.column_text(2),
        priority: TaskPriority::parse(&priority).ok_or_else(|| {
            Error::Schema(format!("stored task priority '{priority}' is unknown"))
        })?,
        status: TaskStatus::parse(&status)
            .ok_or_else(|| Error::Schema(format!("stored task status '{status}' is unknown")))?,
        agent_id: stmt.column_opt_text(5),
        dependencies: string_list(stmt, 6),
        result: stmt.column_opt_text(7),
        error: stmt.column_opt_text(8),
        data: parse_json(stmt, 9),
        created_at: stmt.column_f64(10),
        updated_at: stmt.column_f64(11),
    })
}

fn event_row(stmt: &Stmt) -> Result<EventRecord, Error> {
    Ok(EventRecord {
        seq: stmt.column_i64(0),
        swarm_id: stmt.column_text(1),
        kind: stmt.column_text(2),
        agent_id: stmt.column_opt_text(3),
        task_id: stmt.column_opt_text(4),
        time: stmt.column_f64(5),
        data: parse_json(stmt, 6),
    })
}

fn message_row(stmt: &Stmt) -> Result<MessageRecord, Error> {
    Ok(MessageRecord {
        id: stmt.column_i64(0),
        swarm_id: stmt.column_text(1),
        from: stmt.column_text(2),
        to: stmt.column_opt_text(3),
        kind: stmt.column_text(4),
        content: stmt.column_text(5),
        time: stmt.column_f64(6),
        read_at: stmt.column_opt_f64(7),
    })
}

fn metric_row(stmt: &Stmt) -> Result<MetricRecord, Error> {
    Ok(MetricRecord {
        id: stmt.column_i64(0),
        swarm_id: stmt.column_text(1),
        name: stmt.column_text(2),
        value: stmt.column_f64(3),
        agent_id: stmt.column_opt_text(4),
        time: stmt.column_f64(5),
        tags: stmt
            .column_opt_text(6)
            .and_then(|t| serde_json::from_str(&t).ok()),
    })
}

impl Store {
    /// Opens (creating if needed) a store at `location`, applying pending schema migrations.
    pub fn open(location: Location, options: OpenOptions) -> Result<Store, Error> {
        Self::open_with_clock(location, options, now_ms)
    }

    /// [`Store::open`] with the clock used for default times.
    pub fn open_with_clock(
        location: Location,
        options: OpenOptions,
        clock: fn() -> f64,
    ) -> Result<Store, Error> {
        let conn = match &location {
            Location::Memory => Connection::open(":memory:", OpenMode::ReadWriteCreate, None)?,
            Location::File { path, vfs } => {
                if path.is_empty() || path == ":memory:" || path.starts_with("file:") {
                    return Err(Error::invalid(
                        "path",
                        format!("'{path}' is not a file path"),
                    ));
                }
                Connection::open(path, OpenMode::ReadWriteCreate, vfs.as_deref())?
            }
        };
        let mut store = Store {
            cache: StatementCache::default(),
            prepared: Prepared::default(),
            conn,
            location,
            options,
            clock,
            savepoints: 0,
            imports: 0,
        };
        store.configure()?;
        schema::migrate(&store.conn, (store.clock)())?;
        Ok(store)
    }

    /// Applies the journal and durability settings of file databases, and checks the file
    /// is a readable SQLite database at all.
    fn configure(&mut self) -> Result<(), Error> {
        if let Location::File { .. } = self.location {
            let journal = self.options.journal;
            // Exclusive locking: one store per file. It lets WAL run without shared memory,
            // and keeps the lock (and the page cache) between transactions in both modes; the
            // rollback journal is then kept and invalidated at commit instead of deleted.
            let pragmas = match journal {
                JournalMode::Wal => "PRAGMA locking_mode = EXCLUSIVE; PRAGMA journal_mode = WAL;",
                JournalMode::Delete => {
                    "PRAGMA locking_mode = EXCLUSIVE; PRAGMA journal_mode = DELETE;"
                }
            };
            self.conn.execute_batch(pragmas)?;
            let mode = self.conn.query_strings("PRAGMA journal_mode")?;
            if mode.first().map(String::as_str) != Some(journal.as_str()) {
                return Err(Error::Schema(format!(
                    "SQLite did not switch the database to journal mode {} (it is {})",
                    journal.as_str(),
                    mode.first().map_or("unknown", String::as_str)
                )));
            }
            self.conn.execute_batch(&format!(
                "PRAGMA synchronous = {};",
                self.options.synchronous.as_str()
            ))?;
        }
        // Reading the schema detects files that are not SQLite databases.
        self.conn.query_i64("SELECT count(*) FROM sqlite_schema")?;
        Ok(())
    }

    /// Where the store keeps its database.
    pub fn location(&self) -> &Location {
        &self.location
    }

    /// The options it was opened with.
    pub fn options(&self) -> OpenOptions {
        self.options
    }

    /// The database's schema version.
    pub fn schema_version(&self) -> Result<i64, Error> {
        schema::version(&self.conn)
    }

    /// The underlying connection (for checks and tests).
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    fn now(&self, time: Option<f64>) -> f64 {
        time.unwrap_or_else(|| (self.clock)())
    }

    // ----- raw SQL -----

    fn run_cached<R>(
        &mut self,
        sql: &str,
        params: &Params,
        f: impl FnOnce(&Connection, &Stmt) -> Result<R, Error>,
    ) -> Result<R, Error> {
        let conn = &self.conn;
        let stmt = self.cache.get(conn, sql)?;
        // SAFETY: the statement is reset (its bindings cleared) below, while `params` lives.
        let result = unsafe { stmt.bind_borrowed(conn, params) }
            .map_err(Error::from)
            .and_then(|()| f(conn, stmt));
        stmt.reset();
        result
    }

    fn exec(&mut self, sql: &str, params: &[Value]) -> Result<RunResult, Error> {
        let params = Params::Positional(params.to_vec());
        self.execute(sql, &params)
    }

    fn collect<T>(
        &mut self,
        sql: &str,
        params: Vec<Value>,
        row: fn(&Stmt) -> Result<T, Error>,
    ) -> Result<Vec<T>, Error> {
        self.run_cached(sql, &Params::Positional(params), |conn, stmt| {
            let mut out = Vec::new();
            while stmt.step(conn)? == Step::Row {
                out.push(row(stmt)?);
            }
            Ok(out)
        })
    }

    /// Runs one statement and returns its rows.
    pub fn query(&mut self, sql: &str, params: &Params) -> Result<Rows, Error> {
        self.query_limited(sql, params, usize::MAX)
    }

    /// Runs one statement and returns at most `max_rows` of its rows (SQLite applies a write
    /// with a RETURNING clause in full at its first step, so stopping early loses no change).
    pub fn query_limited(
        &mut self,
        sql: &str,
        params: &Params,
        max_rows: usize,
    ) -> Result<Rows, Error> {
        self.run_cached(sql, params, |conn, stmt| {
            let columns = stmt.column_names();
            let mut rows = Vec::new();
            while rows.len() < max_rows && stmt.step(conn)? == Step::Row {
                rows.push((0..columns.len()).map(|i| stmt.column(i)).collect());
            }
            Ok(Rows { columns, rows })
        })
    }

    /// Runs one statement, giving `visit` the column names and the statement on each of its
    /// first `max_rows` result rows (for callers that read columns themselves).
    pub fn query_with(
        &mut self,
        sql: &str,
        params: &Params,
        max_rows: usize,
        mut visit: impl FnMut(&[String], &Stmt) -> Result<(), Error>,
    ) -> Result<(), Error> {
        self.run_cached(sql, params, |conn, stmt| {
            let columns = stmt.column_names();
            let mut rows = 0;
            while rows < max_rows && stmt.step(conn)? == Step::Row {
                visit(&columns, stmt)?;
                rows += 1;
            }
            Ok(())
        })
    }

    /// Runs one statement to completion (rows are discarded) and reports its changes.
    pub fn execute(&mut self, sql: &str, params: &Params) -> Result<RunResult, Error> {
        self.run_cached(sql, params, |conn, stmt| {
            while stmt.step(conn)? == Step::Row {}
            Ok(RunResult {
                changes: conn.changes(),
                last_insert_rowid: conn.last_insert_rowid(),
            })
        })
    }

    /// Runs one statement once per parameter set, atomically: all or none.
    pub fn execute_many(&mut self, sql: &str, sets: &[Params]) -> Result<RunResult, Error> {
        self.atomic(|store| {
            let mut changes = 0;
            for params in sets {
                changes += store.execute(sql, params)?.changes;
            }
            Ok(RunResult {
                changes,
                last_insert_rowid: store.conn.last_insert_rowid(),
            })
        })
    }

    /// Runs SQL text holding any number of statements, without parameters.
    pub fn execute_batch(&mut self, sql: &str) -> Result<(), Error> {
        self.conn.execute_batch(sql)?;
        Ok(())
    }

    // ----- prepared statements handed to callers -----

    /// Prepares a statement kept until [`Store::finalize`]; returns its handle.
    pub fn prepare(&mut self, sql: &str) -> Result<u32, Error> {
        let stmt = self.conn.prepare(sql, true)?;
        let handle = self.prepared.next;
        self.prepared.next = self.prepared.next.wrapping_add(1);
        self.prepared.slots.insert(handle, stmt);
        Ok(handle)
    }

    /// Finalizes a statement from [`Store::prepare`] (no-op for an unknown handle).
    pub fn finalize(&mut self, handle: u32) {
        self.prepared.slots.remove(&handle);
    }

    /// Runs a statement from [`Store::prepare`]: binds `params`, gives `visit` each row,
    /// resets it. Returns what it changed.
    pub fn run_prepared(
        &mut self,
        handle: u32,
        params: &Params,
        mut visit: impl FnMut(&Stmt) -> Result<bool, Error>,
    ) -> Result<RunResult, Error> {
        let conn = &self.conn;
        let stmt = self
            .prepared
            .slots
            .get(&handle)
            .ok_or(Error::Closed("statement"))?;
        // SAFETY: the statement is reset (its bindings cleared) below, while `params` lives.
        let result = unsafe { stmt.bind_borrowed(conn, params) }
            .map_err(Error::from)
            .and_then(|()| {
                while stmt.step(conn)? == Step::Row {
                    if !visit(stmt)? {
                        break;
                    }
                }
                Ok(RunResult {
                    changes: conn.changes(),
                    last_insert_rowid: conn.last_insert_rowid(),
                })
            });
        stmt.reset();
        result
    }

    /// The column names and SQL text of a statement from [`Store::prepare`].
    pub fn prepared_info(&self, handle: u32) -> Result<(Vec<String>, bool), Error> {
        let stmt = self
            .prepared
            .slots
            .get(&handle)
            .ok_or(Error::Closed("statement"))?;
        Ok((stmt.column_names(), stmt.readonly()))
    }

    // ----- transactions -----

    /// Whether a transaction is open.
    pub fn in_transaction(&self) -> bool {
        self.conn.in_transaction()
    }

    /// Starts a transaction.
    pub fn begin(&mut self, mode: BeginMode) -> Result<(), Error> {
        if self.in_transaction() {
            return Err(Error::Transaction(String::from(
                "a transaction is already open; commit or roll it back first",
            )));
        }
        self.conn.execute_batch(match mode {
            BeginMode::Deferred => "BEGIN DEFERRED",
            BeginMode::Immediate => "BEGIN IMMEDIATE",
            BeginMode::Exclusive => "BEGIN EXCLUSIVE",
        })?;
        Ok(())
    }

    /// Commits the open transaction.
    pub fn commit(&mut self) -> Result<(), Error> {
        if !self.in_transaction() {
            return Err(Error::Transaction(String::from("no transaction is open")));
        }
        if let Err(e) = self.conn.execute_batch("COMMIT") {
            // A failed commit (e.g. an I/O error) must not leave a half-open transaction.
            if self.in_transaction() {
                let _ = self.conn.execute_batch("ROLLBACK");
            }
            return Err(e.into());
        }
        Ok(())
    }

    /// Rolls the open transaction back.
    pub fn rollback(&mut self) -> Result<(), Error> {
        if !self.in_transaction() {
            return Err(Error::Transaction(String::from("no transaction is open")));
        }
        self.conn.execute_batch("ROLLBACK")?;
        Ok(())
    }

    /// Starts an atomic unit: a transaction, or a savepoint inside an open one. Returns the
    /// savepoint's name when it is one.
    pub fn enter_atomic(&mut self) -> Result<Option<String>, Error> {
        if self.in_transaction() {
            self.savepoints = self.savepoints.wrapping_add(1);
            let name = format!("ruv_sp_{}", self.savepoints);
            self.conn.execute_batch(&format!("SAVEPOINT {name}"))?;
            Ok(Some(name))
        } else {
            self.conn.execute_batch("BEGIN IMMEDIATE")?;
            Ok(None)
        }
    }

    /// Ends an atomic unit started by [`Store::enter_atomic`]: commits it when `ok`, else
    /// rolls it back.
    pub fn exit_atomic(&mut self, savepoint: Option<&str>, ok: bool) -> Result<(), Error> {
        match (savepoint, ok) {
            (None, true) => self.commit(),
            (None, false) => {
                // SQLite may have rolled back already (e.g. after an I/O error).
                if self.in_transaction() {
                    self.conn.execute_batch("ROLLBACK")?;
                }
                Ok(())
            }
            (Some(name), true) => {
                self.conn
                    .execute_batch(&format!("RELEASE {name}"))
                    .map_err(|e| {
                        Error::Transaction(format!(
                            "the transaction ended inside its function ({e})"
                        ))
                    })
            }
            (Some(name), false) => {
                if self.in_transaction() {
                    // Fails only when the caller ended the transaction inside the unit.
                    let _ = self
                        .conn
                        .execute_batch(&format!("ROLLBACK TO {name}; RELEASE {name}"));
                }
                Ok(())
            }
        }
    }

    /// Runs `f` atomically: in a transaction, or in a savepoint when one is open. On error
    /// nothing `f` did is kept.
    pub fn atomic<R>(
        &mut self,
        f: impl FnOnce(&mut Store) -> Result<R, Error>,
    ) -> Result<R, Error> {
        let savepoint = self.enter_atomic()?;
        match f(self) {
            Ok(value) => {
                self.exit_atomic(savepoint.as_deref(), true)?;
                Ok(value)
            }
            Err(e) => {
                self.exit_atomic(savepoint.as_deref(), false)?;
                Err(e)
            }
        }
    }

    // ----- agents -----

    fn check_agent(agent: &AgentInput) -> Result<Vec<String>, Error> {
        validate_id("agent.id", &agent.id)?;
        if let Some(name) = &agent.name {
            validate_text("agent.name", name, MAX_NAME_LEN, false)?;
        }
        check_time("agent.time", agent.time)?;
        Ok(ruv_core::validate::normalize_capabilities(
            "agent.capabilities",
            agent.capabilities.clone(),
        )?)
    }

    /// Saves an agent (insert, or update keeping its creation time); returns it as stored.
    pub fn save_agent(&mut self, swarm_id: &str, agent: &AgentInput) -> Result<AgentRecord, Error> {
        validate_id("swarmId", swarm_id)?;
        let capabilities = Self::check_agent(agent)?;
        let now = self.now(agent.time);
        let params = [
            Value::from(swarm_id),
            Value::from(agent.id.as_str()),
            Value::from(agent.name.as_deref().unwrap_or("")),
            Value::from(agent.role.map(AgentRole::as_str)),
            Value::from(agent.status.as_str()),
            Value::Text(
                serde_json::to_string(&capabilities).unwrap_or_else(|_| String::from("[]")),
            ),
            json_text(&agent.data),
            Value::Real(now),
        ];
        let sql = format!(
            "INSERT INTO agents ({AGENT_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8) \
             ON CONFLICT (swarm_id, id) DO UPDATE SET name = excluded.name, role = excluded.role, \
             status = excluded.status, capabilities = excluded.capabilities, data = excluded.data, \
             updated_at = excluded.updated_at RETURNING {AGENT_COLUMNS}"
        );
        let mut rows = self.collect(&sql, params.to_vec(), agent_row)?;
        rows.pop()
            .ok_or_else(|| Error::Schema(String::from("the agent was not saved")))
    }

    /// Saves several agents atomically; returns how many.
    pub fn save_agents(&mut self, swarm_id: &str, agents: &[AgentInput]) -> Result<usize, Error> {
        validate_id("swarmId", swarm_id)?;
        self.atomic(|store| {
            for agent in agents {
                store.save_agent(swarm_id, agent)?;
            }
            Ok(agents.len())
        })
    }

    /// One agent, if stored.
    pub fn get_agent(&mut self, swarm_id: &str, id: &str) -> Result<Option<AgentRecord>, Error> {
        validate_id("swarmId", swarm_id)?;
        validate_id("agentId", id)?;
        let sql = format!("SELECT {AGENT_COLUMNS} FROM agents WHERE swarm_id = ?1 AND id = ?2");
        Ok(self
            .collect(
                &sql,
                vec![Value::from(swarm_id), Value::from(id)],
                agent_row,
            )?
            .pop())
    }

    /// A swarm's agents, by id.
    pub fn list_agents(
        &mut self,
        swarm_id: &str,
        query: &AgentQuery,
    ) -> Result<Vec<AgentRecord>, Error> {
        validate_id("swarmId", swarm_id)?;
        let mut sql = format!("SELECT {AGENT_COLUMNS} FROM agents WHERE swarm_id = ?");
        let mut params = vec![Value::from(swarm_id)];
        if let Some(status) = query.status {
            sql.push_str(" AND status = ?");
            params.push(Value::from(status.as_str()));
        }
        sql.push_str(" ORDER BY id");
        limit_clause(&mut sql, &mut params, query.limit, query.offset);
        self.collect(&sql, params, agent_row)
    }

    /// Deletes an agent; returns whether it existed.
    pub fn delete_agent(&mut self, swarm_id: &str, id: &str) -> Result<bool, Error> {
        validate_id("swarmId", swarm_id)?;
        validate_id("agentId", id)?;
        Ok(self
            .exec(
                "DELETE FROM agents WHERE swarm_id = ?1 AND id = ?2",
                &[Value::from(swarm_id), Value::from(id)],
            )?
            .changes
            > 0)
    }

    // ----- tasks -----

    fn check_task(task: &TaskInput) -> Result<(), Error> {
        validate_id("task.id", &task.id)?;
        if let Some(d) = &task.description {
            validate_text("task.description", d, MAX_DESCRIPTION_LEN, true)?;
        }
        check_opt_id("task.agentId", &task.agent_id)?;
        if task.dependencies.len() > ruv_core::validate::MAX_DEPENDENCIES {
            return Err(Error::invalid(
                "task.dependencies",
                format!(
                    "lists {} tasks; the limit is {}",
                    task.dependencies.len(),
                    ruv_core::validate::MAX_DEPENDENCIES
                ),
            ));
        }
        for (i, dep) in task.dependencies.iter().enumerate() {
            if validate_id("", dep).is_err() {
                validate_id(&format!("task.dependencies[{i}]"), dep)?;
            }
        }
        if let Some(r) = &task.result {
            validate_text("task.result", r, MAX_RESULT_LEN, true)?;
        }
        if let Some(e) = &task.error {
            validate_text("task.error", e, MAX_ERROR_LEN, true)?;
        }
        check_time("task.time", task.time)
    }

    /// Saves a task (insert, or update keeping its creation time); returns it as stored.
    pub fn save_task(&mut self, swarm_id: &str, task: &TaskInput) -> Result<TaskRecord, Error> {
        validate_id("swarmId", swarm_id)?;
        Self::check_task(task)?;
        let now = self.now(task.time);
        let params = vec![
            Value::from(swarm_id),
            Value::from(task.id.as_str()),
            Value::from(task.description.as_deref().unwrap_or("")),
            Value::from(task.priority.unwrap_or_default().as_str()),
            Value::from(task.status.as_str()),
            Value::from(task.agent_id.as_deref()),
            Value::Text(
                serde_json::to_string(&task.dependencies).unwrap_or_else(|_| String::from("[]")),
            ),
            Value::from(task.result.as_deref()),
            Value::from(task.error.as_deref()),
            json_text(&task.data),
            Value::Real(now),
        ];
        let sql = format!(
            "INSERT INTO tasks ({TASK_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11) \
             ON CONFLICT (swarm_id, id) DO UPDATE SET description = excluded.description, \
             priority = excluded.priority, status = excluded.status, agent_id = excluded.agent_id, \
             dependencies = excluded.dependencies, result = excluded.result, error = excluded.error, \
             data = excluded.data, updated_at = excluded.updated_at RETURNING {TASK_COLUMNS}"
        );
        let mut rows = self.collect(&sql, params, task_row)?;
        rows.pop()
            .ok_or_else(|| Error::Schema(String::from("the task was not saved")))
    }

    /// Saves several tasks atomically; returns how many.
    pub fn save_tasks(&mut self, swarm_id: &str, tasks: &[TaskInput]) -> Result<usize, Error> {
        validate_id("swarmId", swarm_id)?;
        self.atomic(|store| {
            for task in tasks {
                store.save_task(swarm_id, task)?;
            }
            Ok(tasks.len())
        })
    }

    /// One task, if stored.
    pub fn get_task(&mut self, swarm_id: &str, id: &str) -> Result<Option<TaskRecord>, Error> {
        validate_id("swarmId", swarm_id)?;
        validate_id("taskId", id)?;
        let sql = format!("SELECT {TASK_COLUMNS} FROM tasks WHERE swarm_id = ?1 AND id = ?2");
        Ok(self
            .collect(&sql, vec![Value::from(swarm_id), Value::from(id)], task_row)?
            .pop())
    }

    /// A swarm's tasks matching `query`, in order of last change.
    pub fn list_tasks(
        &mut self,
        swarm_id: &str,
        query: &TaskQuery,
    ) -> Result<Vec<TaskRecord>, Error> {
        validate_id("swarmId", swarm_id)?;
        check_opt_id("agentId", &query.agent_id)?;
        let mut sql = format!("SELECT {TASK_COLUMNS} FROM tasks WHERE swarm_id = ?");
        let mut params = vec![Value::from(swarm_id)];
        if let Some(status) = query.status {
            sql.push_str(" AND status = ?");
            params.push(Value::from(status.as_str()));
        }
        if let Some(agent) = &query.agent_id {
            sql.push_str(" AND agent_id = ?");
            params.push(Value::from(agent.as_str()));
        }
        time_range(
            &mut sql,
            &mut params,
            "updated_at",
            query.since,
            query.until,
        )?;
        sql.push_str(" ORDER BY updated_at, id");
        limit_clause(&mut sql, &mut params, query.limit, query.offset);
        self.collect(&sql, params, task_row)
    }

    /// Deletes a task; returns whether it existed.
    pub fn delete_task(&mut self, swarm_id: &str, id: &str) -> Result<bool, Error> {
        validate_id("swarmId", swarm_id)?;
        validate_id("taskId", id)?;
        Ok(self
            .exec(
                "DELETE FROM tasks WHERE swarm_id = ?1 AND id = ?2",
                &[Value::from(swarm_id), Value::from(id)],
            )?
            .changes
            > 0)
    }

    // ----- events -----

    /// Appends events atomically; returns their sequence numbers.
    pub fn append_events(
        &mut self,
        swarm_id: &str,
        events: &[EventInput],
    ) -> Result<Vec<i64>, Error> {
        validate_id("swarmId", swarm_id)?;
        for (i, e) in events.iter().enumerate() {
            let field = |name: &str| format!("events[{i}].{name}");
            check_kind(&field("kind"), &e.kind)?;
            check_opt_id(&field("agentId"), &e.agent_id)?;
            check_opt_id(&field("taskId"), &e.task_id)?;
            check_time(&field("time"), e.time)?;
        }
        self.atomic(|store| {
            let mut seqs = Vec::with_capacity(events.len());
            for e in events {
                let params = [
                    Value::from(swarm_id),
                    Value::from(e.kind.as_str()),
                    Value::from(e.agent_id.as_deref()),
                    Value::from(e.task_id.as_deref()),
                    Value::Real(store.now(e.time)),
                    json_text(&e.data),
                ];
                let run = store.exec(
                    "INSERT INTO events (swarm_id, kind, agent_id, task_id, time, data) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    &params,
                )?;
                seqs.push(run.last_insert_rowid);
            }
            Ok(seqs)
        })
    }

    /// A swarm's events matching `query`, in time order.
    pub fn query_events(
        &mut self,
        swarm_id: &str,
        query: &EventQuery,
    ) -> Result<Vec<EventRecord>, Error> {
        validate_id("swarmId", swarm_id)?;
        check_opt_id("agentId", &query.agent_id)?;
        check_opt_id("taskId", &query.task_id)?;
        let mut sql = format!("SELECT {EVENT_COLUMNS} FROM events WHERE swarm_id = ?");
        let mut params = vec![Value::from(swarm_id)];
        time_range(&mut sql, &mut params, "time", query.since, query.until)?;
        if let Some(seq) = query.after_seq {
            sql.push_str(" AND seq > ?");
            params.push(Value::Integer(seq));
        }
        if let Some(kinds) = &query.kinds {
            for (i, kind) in kinds.iter().enumerate() {
                check_kind(&format!("kinds[{i}]"), kind)?;
            }
            sql.push_str(" AND kind IN (SELECT value FROM json_each(?))");
            params.push(Value::Text(
                serde_json::to_string(kinds).unwrap_or_else(|_| String::from("[]")),
            ));
        }
        if let Some(agent) = &query.agent_id {
            sql.push_str(" AND agent_id = ?");
            params.push(Value::from(agent.as_str()));
        }
        if let Some(task) = &query.task_id {
            sql.push_str(" AND task_id = ?");
            params.push(Value::from(task.as_str()));
        }
        sql.push_str(" ORDER BY time, seq");
        limit_clause(&mut sql, &mut params, query.limit, None);
        self.collect(&sql, params, event_row)
    }

    // ----- messages -----

    /// Stores a message; returns its id.
    pub fn send_message(&mut self, swarm_id: &str, message: &MessageInput) -> Result<i64, Error> {
        validate_id("swarmId", swarm_id)?;
        validate_id("message.from", &message.from)?;
        check_opt_id("message.to", &message.to)?;
        if let Some(kind) = &message.kind {
            check_kind("message.kind", kind)?;
        }
        validate_text("message.content", &message.content, MAX_CONTENT_LEN, true)?;
        check_time("message.time", message.time)?;
        let params = [
            Value::from(swarm_id),
            Value::from(message.from.as_str()),
            Value::from(message.to.as_deref()),
            Value::from(message.kind.as_deref().unwrap_or("message")),
            Value::from(message.content.as_str()),
            Value::Real(self.now(message.time)),
        ];
        let run = self.exec(
            "INSERT INTO messages (swarm_id, sender, recipient, kind, content, time) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            &params,
        )?;
        Ok(run.last_insert_rowid)
    }

    /// A swarm's messages matching `query`, in time order.
    pub fn query_messages(
        &mut self,
        swarm_id: &str,
        query: &MessageQuery,
    ) -> Result<Vec<MessageRecord>, Error> {
        validate_id("swarmId", swarm_id)?;
        check_opt_id("to", &query.to)?;
        check_opt_id("from", &query.from)?;
        let mut sql = format!("SELECT {MESSAGE_COLUMNS} FROM messages WHERE swarm_id = ?");
        let mut params = vec![Value::from(swarm_id)];
        if let Some(to) = &query.to {
            sql.push_str(" AND recipient = ?");
            params.push(Value::from(to.as_str()));
        }
        if let Some(from) = &query.from {
            sql.push_str(" AND sender = ?");
            params.push(Value::from(from.as_str()));
        }
        if query.unread_only == Some(true) {
            sql.push_str(" AND read_at IS NULL");
        }
        time_range(&mut sql, &mut params, "time", query.since, query.until)?;
        sql.push_str(" ORDER BY time, id");
        limit_clause(&mut sql, &mut params, query.limit, None);
        self.collect(&sql, params, message_row)
    }

    /// Marks messages of a swarm read (those not read yet); returns how many changed.
    pub fn mark_messages_read(
        &mut self,
        swarm_id: &str,
        ids: &[i64],
        time: Option<f64>,
    ) -> Result<i64, Error> {
        validate_id("swarmId", swarm_id)?;
        check_time("time", time)?;
        let at = self.now(time);
        let ids = serde_json::to_string(ids).unwrap_or_else(|_| String::from("[]"));
        Ok(self
            .exec(
                "UPDATE messages SET read_at = ?1 WHERE swarm_id = ?2 AND read_at IS NULL AND id IN (SELECT value FROM json_each(?3))",
                &[Value::Real(at), Value::from(swarm_id), Value::Text(ids)],
            )?
            .changes)
    }

    // ----- metrics -----

    /// Records measurements atomically; returns how many.
    pub fn record_metrics(
        &mut self,
        swarm_id: &str,
        metrics: &[MetricInput],
    ) -> Result<usize, Error> {
        validate_id("swarmId", swarm_id)?;
        for (i, m) in metrics.iter().enumerate() {
            let field = |name: &str| format!("metrics[{i}].{name}");
            check_kind(&field("name"), &m.name)?;
            if !m.value.is_finite() {
                return Err(Error::invalid(
                    &field("value"),
                    format!("is {}; it must be a finite number", m.value),
                ));
            }
            check_opt_id(&field("agentId"), &m.agent_id)?;
            check_time(&field("time"), m.time)?;
            if let Some(tags) = &m.tags {
                for (key, value) in tags {
                    check_kind(&field("tags"), key)?;
                    validate_text(&field("tags"), value, MAX_NAME_LEN, false)?;
                }
            }
        }
        self.atomic(|store| {
            for m in metrics {
                let tags = match &m.tags {
                    Some(tags) => Value::Text(serde_json::to_string(tags).unwrap_or_else(|_| String::from("{}"))),
                    None => Value::Null,
                };
                let params = [
                    Value::from(swarm_id),
                    Value::from(m.name.as_str()),
                    Value::Real(m.value),
                    Value::from(m.agent_id.as_deref()),
                    Value::Real(store.now(m.time)),
                    tags,
                ];
                store.exec(
                    "INSERT INTO metrics (swarm_id, name, value, agent_id, time, tags) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    &params,
                )?;
            }
            Ok(metrics.len())
        })
    }

    fn metric_filter(swarm_id: &str, query: &MetricQuery) -> Result<(String, Vec<Value>), Error> {
        validate_id("swarmId", swarm_id)?;
        check_opt_id("agentId", &query.agent_id)?;
        let mut sql = String::from(" FROM metrics WHERE swarm_id = ?");
        let mut params = vec![Value::from(swarm_id)];
        if let Some(name) = &query.name {
            check_kind("name", name)?;
            sql.push_str(" AND name = ?");
            params.push(Value::from(name.as_str()));
        }
        if let Some(agent) = &query.agent_id {
            sql.push_str(" AND agent_id = ?");
            params.push(Value::from(agent.as_str()));
        }
        time_range(&mut sql, &mut params, "time", query.since, query.until)?;
        Ok((sql, params))
    }

    /// A swarm's measurements matching `query`, in time order.
    pub fn query_metrics(
        &mut self,
        swarm_id: &str,
        query: &MetricQuery,
    ) -> Result<Vec<MetricRecord>, Error> {
        let (filter, mut params) = Self::metric_filter(swarm_id, query)?;
        let mut sql = format!("SELECT {METRIC_COLUMNS}{filter} ORDER BY time, id");
        limit_clause(&mut sql, &mut params, query.limit, None);
        self.collect(&sql, params, metric_row)
    }

    /// Count, sum, min, max and mean of one metric over the measurements matching `query`.
    pub fn summarize_metric(
        &mut self,
        swarm_id: &str,
        name: &str,
        query: &MetricQuery,
    ) -> Result<MetricSummary, Error> {
        check_kind("name", name)?;
        let query = MetricQuery {
            name: Some(name.to_string()),
            limit: None,
            ..query.clone()
        };
        let (filter, params) = Self::metric_filter(swarm_id, &query)?;
        let sql =
            format!("SELECT count(*), total(value), min(value), max(value), avg(value){filter}");
        let mut rows = self.collect(&sql, params, |stmt| {
            Ok((
                stmt.column_i64(0),
                stmt.column_f64(1),
                stmt.column_opt_f64(2),
                stmt.column_opt_f64(3),
                stmt.column_opt_f64(4),
            ))
        })?;
        let (count, sum, min, max, mean) = rows.pop().unwrap_or((0, 0.0, None, None, None));
        Ok(MetricSummary {
            name: name.to_string(),
            count,
            sum,
            min,
            max,
            mean,
        })
    }

    // ----- swarm snapshots -----

    /// Stores a swarm snapshot (the bytes of the swarm module's `snapshot()`); returns its id.
    pub fn save_snapshot(
        &mut self,
        swarm_id: &str,
        bytes: &[u8],
        label: Option<&str>,
        time: Option<f64>,
    ) -> Result<i64, Error> {
        validate_id("swarmId", swarm_id)?;
        if bytes.is_empty() {
            return Err(Error::invalid("bytes", "the snapshot is empty"));
        }
        if let Some(label) = label {
            validate_text("label", label, MAX_NAME_LEN, false)?;
        }
        check_time("time", time)?;
        let params = [
            Value::from(swarm_id),
            Value::from(label),
            Value::Blob(bytes.to_vec()),
            Value::Real(self.now(time)),
        ];
        Ok(self
            .exec("INSERT INTO snapshots (swarm_id, label, bytes, created_at) VALUES (?1, ?2, ?3, ?4)", &params)?
            .last_insert_rowid)
    }

    /// The bytes of a swarm's snapshot `id`, or of its latest one when `id` is `None`.
    pub fn load_snapshot(
        &mut self,
        swarm_id: &str,
        id: Option<i64>,
    ) -> Result<Option<Vec<u8>>, Error> {
        validate_id("swarmId", swarm_id)?;
        let (sql, params) = match id {
            Some(id) => (
                "SELECT bytes FROM snapshots WHERE swarm_id = ?1 AND id = ?2",
                vec![Value::from(swarm_id), Value::Integer(id)],
            ),
            None => (
                "SELECT bytes FROM snapshots WHERE swarm_id = ?1 ORDER BY id DESC LIMIT 1",
                vec![Value::from(swarm_id)],
            ),
        };
        Ok(self
            .collect(sql, params, |stmt| Ok(stmt.column_blob(0).to_vec()))?
            .pop())
    }

    /// A swarm's snapshots (without their bytes), oldest first.
    pub fn list_snapshots(&mut self, swarm_id: &str) -> Result<Vec<SnapshotInfo>, Error> {
        validate_id("swarmId", swarm_id)?;
        self.collect(
            "SELECT id, swarm_id, label, length(bytes), created_at FROM snapshots WHERE swarm_id = ?1 ORDER BY id",
            vec![Value::from(swarm_id)],
            |stmt| {
                Ok(SnapshotInfo {
                    id: stmt.column_i64(0),
                    swarm_id: stmt.column_text(1),
                    label: stmt.column_opt_text(2),
                    size: stmt.column_i64(3),
                    created_at: stmt.column_f64(4),
                })
            },
        )
    }

    /// Deletes a snapshot; returns whether it existed.
    pub fn delete_snapshot(&mut self, swarm_id: &str, id: i64) -> Result<bool, Error> {
        validate_id("swarmId", swarm_id)?;
        Ok(self
            .exec(
                "DELETE FROM snapshots WHERE swarm_id = ?1 AND id = ?2",
                &[Value::from(swarm_id), Value::Integer(id)],
            )?
            .changes
            > 0)
    }

    // ----- swarms -----

    /// Ids of the swarms with anything stored, sorted.
    pub fn list_swarms(&mut self) -> Result<Vec<String>, Error> {
        self.collect(
            "SELECT swarm_id FROM agents UNION SELECT swarm_id FROM tasks UNION SELECT swarm_id FROM events \
             UNION SELECT swarm_id FROM messages UNION SELECT swarm_id FROM metrics \
             UNION SELECT swarm_id FROM snapshots ORDER BY 1",
            Vec::new(),
            |stmt| Ok(stmt.column_text(0)),
        )
    }

    /// Deletes everything stored for a swarm, atomically; returns the number of rows deleted.
    pub fn delete_swarm(&mut self, swarm_id: &str) -> Result<i64, Error> {
        validate_id("swarmId", swarm_id)?;
        self.atomic(|store| {
            let mut deleted = 0;
            for table in [
                "agents",
                "tasks",
                "events",
                "messages",
                "metrics",
                "snapshots",
            ] {
                deleted += store
                    .exec(
                        &format!("DELETE FROM {table} WHERE swarm_id = ?1"),
                        &[Value::from(swarm_id)],
                    )?
                    .changes;
            }
            Ok(deleted)
        })
    }

    // ----- the database as a whole -----

    /// Facts about the database.
    pub fn stats(&mut self) -> Result<StoreStats, Error> {
        let count = |store: &Store, table: &str| {
            store
                .conn
                .query_i64(&format!("SELECT count(*) FROM {table}"))
        };
        let page_size = self.conn.query_i64("PRAGMA page_size")?;
        let page_count = self.conn.page_count()?;
        Ok(StoreStats {
            schema_version: self.schema_version()?,
            page_size,
            page_count,
            freelist_count: self.conn.query_i64("PRAGMA freelist_count")?,
            size_bytes: page_size.saturating_mul(page_count),
            journal_mode: self
                .conn
                .query_strings("PRAGMA journal_mode")?
                .pop()
                .unwrap_or_default(),
            agents: count(self, "agents")?,
            tasks: count(self, "tasks")?,
            events: count(self, "events")?,
            messages: count(self, "messages")?,
            metrics: count(self, "metrics")?,
            snapshots: count(self, "snapshots")?,
        })
    }

    /// SQLite's integrity check: an empty list when the database is sound, else the problems.
    pub fn check_integrity(&mut self) -> Result<Vec<String>, Error> {
        let found = self.conn.query_strings("PRAGMA integrity_check")?;
        Ok(
            if found.len() == 1 && found.first().map(String::as_str) == Some("ok") {
                Vec::new()
            } else {
                found
            },
        )
    }

    /// The whole database as bytes (a SQLite database file, readable by any SQLite).
    pub fn export_bytes(&mut self) -> Result<Vec<u8>, Error> {
        if self.in_transaction() {
            return Err(Error::Transaction(String::from(
                "cannot export inside an open transaction",
            )));
        }
        let mut bytes = self.conn.serialize()?;
        // A WAL database's header says so (bytes 18 and 19 = 2); the copy is a plain database
        // file, so mark it as one (1), as SQLite's own backups are.
        for b in bytes.iter_mut().skip(18).take(2) {
            if *b == 2 {
                *b = 1;
            }
        }
        Ok(bytes)
    }

    /// Replaces the whole database with `bytes` (from [`Store::export_bytes`], or any SQLite
    /// file holding a store). The bytes are checked first (SQLite's integrity check, the
    /// schema); on error nothing changes. Older schemas are migrated.
    pub fn import_bytes(&mut self, bytes: &[u8]) -> Result<(), Error> {
        if self.in_transaction() {
            return Err(Error::Transaction(String::from(
                "cannot import inside an open transaction",
            )));
        }
        if bytes.len() < 100 || !bytes.starts_with(b"SQLite format 3\0") {
            return Err(Error::invalid(
                "bytes",
                "not a SQLite database (no SQLite header)",
            ));
        }
        let staging = Connection::open(":memory:", OpenMode::ReadWriteCreate, None)?;
        let mut copy = bytes.to_vec();
        for b in copy.iter_mut().skip(18).take(2) {
            if *b == 2 {
                *b = 1;
            }
        }
        staging.deserialize(&copy)?;
        let problems = staging.query_strings("PRAGMA integrity_check")?;
        if problems.first().map(String::as_str) != Some("ok") {
            return Err(Error::Sql(SqlError::new(
                11,
                format!("the database is corrupt: {}", problems.join("; ")),
            )));
        }
        schema::check(&staging)?;
        self.cache.clear();
        match self.location {
            Location::Memory => self.conn.deserialize(&copy)?,
            Location::File { .. } => {
                // A backup cannot change the page size of a WAL database: copy in rollback
                // mode, then switch back.
                let wal = self.options.journal == JournalMode::Wal;
                if wal {
                    self.conn.execute_batch("PRAGMA journal_mode = DELETE")?;
                }
                let copied = self.conn.restore_from(&staging);
                if wal {
                    self.conn.execute_batch("PRAGMA journal_mode = WAL")?;
                }
                copied?;
            }
        }
        schema::migrate(&self.conn, (self.clock)())?;
        self.imports += 1;
        Ok(())
    }

    /// Starts counting the changes that [`Store::change_count`] reports.
    pub fn count_changes(&mut self) {
        self.conn.count_commits();
    }

    /// How many times the database changed since [`Store::count_changes`]: committed
    /// transactions and whole-database imports. A store mirrored elsewhere (IndexedDB) saves
    /// when this moves.
    pub fn change_count(&self) -> u64 {
        self.conn.commits() + self.imports
    }
}
