//! A small safe layer over SQLite's C API: connections, prepared statements, values and errors.
//!
//! The same code runs on SQLite compiled into the wasm module (`sqlite-wasm-rs`) and on the
//! same SQLite version compiled natively (`libsqlite3-sys`, for native builds and tests): both
//! crates expose SQLite's C API under its own names.

use alloc::borrow::ToOwned;
use alloc::ffi::CString;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::ffi::{c_char, c_int, CStr};
use core::fmt;
use core::ptr;

#[cfg(not(target_arch = "wasm32"))]
pub(crate) use libsqlite3_sys as ffi;
#[cfg(target_arch = "wasm32")]
pub(crate) use sqlite_wasm_rs as ffi;

/// One SQL value: SQLite's five storage classes.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `NULL`.
    Null,
    /// A 64-bit signed integer.
    Integer(i64),
    /// A 64-bit float.
    Real(f64),
    /// UTF-8 text.
    Text(String),
    /// Bytes.
    Blob(Vec<u8>),
}

impl From<&str> for Value {
    fn from(text: &str) -> Self {
        Value::Text(text.to_owned())
    }
}

impl From<String> for Value {
    fn from(text: String) -> Self {
        Value::Text(text)
    }
}

impl From<i64> for Value {
    fn from(n: i64) -> Self {
        Value::Integer(n)
    }
}

impl From<f64> for Value {
    fn from(x: f64) -> Self {
        Value::Real(x)
    }
}

impl From<Option<String>> for Value {
    fn from(text: Option<String>) -> Self {
        text.map_or(Value::Null, Value::Text)
    }
}

impl From<Option<&str>> for Value {
    fn from(text: Option<&str>) -> Self {
        text.map_or(Value::Null, Value::from)
    }
}

impl From<Option<f64>> for Value {
    fn from(x: Option<f64>) -> Self {
        x.map_or(Value::Null, Value::Real)
    }
}

/// The parameters of one statement: by position (`?`, `?NNN`, or named parameters in order)
/// or by name (`:name`, `@name`, `$name`, given without the prefix).
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Params {
    /// No parameters.
    #[default]
    None,
    /// `values[i]` binds parameter `i + 1`; the count must equal the statement's.
    Positional(Vec<Value>),
    /// Every named parameter of the statement must be given, and every name must be used.
    Named(Vec<(String, Value)>),
}

/// An error SQLite reported: its (extended) result code and its message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SqlError {
    /// SQLite's extended result code (e.g. 2067 for `SQLITE_CONSTRAINT_UNIQUE`).
    pub code: i32,
    /// SQLite's message (e.g. `UNIQUE constraint failed: agents.swarm_id, agents.id`).
    pub message: String,
}

impl SqlError {
    /// An error with this code and message.
    pub fn new(code: i32, message: impl Into<String>) -> Self {
        SqlError {
            code,
            message: message.into(),
        }
    }

    /// The symbolic name of the result code, e.g. `SQLITE_CONSTRAINT_UNIQUE`.
    pub fn code_name(&self) -> &'static str {
        code_name(self.code)
    }

    /// Whether this is a constraint violation (`SQLITE_CONSTRAINT*`).
    pub fn is_constraint(&self) -> bool {
        self.code & 0xff == ffi::SQLITE_CONSTRAINT
    }
}

impl fmt::Display for SqlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// The symbolic name of a SQLite result code (primary or extended).
pub fn code_name(code: i32) -> &'static str {
    match code {
        0 => "SQLITE_OK",
        1 => "SQLITE_ERROR",
        2 => "SQLITE_INTERNAL",
        3 => "SQLITE_PERM",
        4 => "SQLITE_ABORT",
        5 => "SQLITE_BUSY",
        6 => "SQLITE_LOCKED",
        7 => "SQLITE_NOMEM",
        8 => "SQLITE_READONLY",
        9 => "SQLITE_INTERRUPT",
        10 => "SQLITE_IOERR",
        11 => "SQLITE_CORRUPT",
        12 => "SQLITE_NOTFOUND",
        13 => "SQLITE_FULL",
        14 => "SQLITE_CANTOPEN",
        15 => "SQLITE_PROTOCOL",
        16 => "SQLITE_EMPTY",
        17 => "SQLITE_SCHEMA",
        18 => "SQLITE_TOOBIG",
        19 => "SQLITE_CONSTRAINT",
        20 => "SQLITE_MISMATCH",
        21 => "SQLITE_MISUSE",
        22 => "SQLITE_NOLFS",
        23 => "SQLITE_AUTH",
        24 => "SQLITE_FORMAT",
        25 => "SQLITE_RANGE",
        26 => "SQLITE_NOTADB",
        27 => "SQLITE_NOTICE",
        28 => "SQLITE_WARNING",
        100 => "SQLITE_ROW",
        101 => "SQLITE_DONE",
        257 => "SQLITE_ERROR_MISSING_COLLSEQ",
        513 => "SQLITE_ERROR_RETRY",
        769 => "SQLITE_ERROR_SNAPSHOT",
        266 => "SQLITE_IOERR_READ",
        522 => "SQLITE_IOERR_SHORT_READ",
        778 => "SQLITE_IOERR_WRITE",
        1034 => "SQLITE_IOERR_FSYNC",
        1290 => "SQLITE_IOERR_DIR_FSYNC",
        1546 => "SQLITE_IOERR_TRUNCATE",
        1802 => "SQLITE_IOERR_FSTAT",
        2058 => "SQLITE_IOERR_UNLOCK",
        2314 => "SQLITE_IOERR_RDLOCK",
        2570 => "SQLITE_IOERR_DELETE",
        3082 => "SQLITE_IOERR_NOMEM",
        3338 => "SQLITE_IOERR_ACCESS",
        3594 => "SQLITE_IOERR_CHECKRESERVEDLOCK",
        3850 => "SQLITE_IOERR_LOCK",
        4106 => "SQLITE_IOERR_CLOSE",
        5898 => "SQLITE_IOERR_DELETE_NOENT",
        6922 => "SQLITE_IOERR_GETTEMPPATH",
        7178 => "SQLITE_IOERR_CONVPATH",
        8458 => "SQLITE_IOERR_DATA",
        8714 => "SQLITE_IOERR_CORRUPTFS",
        262 => "SQLITE_LOCKED_SHAREDCACHE",
        517 => "SQLITE_BUSY_SNAPSHOT",
        773 => "SQLITE_BUSY_TIMEOUT",
        270 => "SQLITE_CANTOPEN_NOTEMPDIR",
        526 => "SQLITE_CANTOPEN_ISDIR",
        782 => "SQLITE_CANTOPEN_FULLPATH",
        1038 => "SQLITE_CANTOPEN_CONVPATH",
        1550 => "SQLITE_CANTOPEN_SYMLINK",
        267 => "SQLITE_CORRUPT_VTAB",
        523 => "SQLITE_CORRUPT_SEQUENCE",
        779 => "SQLITE_CORRUPT_INDEX",
        264 => "SQLITE_READONLY_RECOVERY",
        520 => "SQLITE_READONLY_CANTLOCK",
        776 => "SQLITE_READONLY_ROLLBACK",
        1032 => "SQLITE_READONLY_DBMOVED",
        1288 => "SQLITE_READONLY_CANTINIT",
        1544 => "SQLITE_READONLY_DIRECTORY",
        516 => "SQLITE_ABORT_ROLLBACK",
        275 => "SQLITE_CONSTRAINT_CHECK",
        531 => "SQLITE_CONSTRAINT_COMMITHOOK",
        787 => "SQLITE_CONSTRAINT_FOREIGNKEY",
        1043 => "SQLITE_CONSTRAINT_FUNCTION",
        1299 => "SQLITE_CONSTRAINT_NOTNULL",
        1555 => "SQLITE_CONSTRAINT_PRIMARYKEY",
        1811 => "SQLITE_CONSTRAINT_TRIGGER",
        2067 => "SQLITE_CONSTRAINT_UNIQUE",
        2323 => "SQLITE_CONSTRAINT_VTAB",
        2579 => "SQLITE_CONSTRAINT_ROWID",
        2835 => "SQLITE_CONSTRAINT_PINNED",
        3091 => "SQLITE_CONSTRAINT_DATATYPE",
        _ => match code & 0xff {
            c if c != code => code_name(c),
            _ => "SQLITE_UNKNOWN",
        },
    }
}

fn misuse(message: impl Into<String>) -> SqlError {
    SqlError::new(ffi::SQLITE_MISUSE, message)
}

/// Reads a C string SQLite owns (empty for a null pointer).
///
/// # Safety
/// `text` is null or a NUL-terminated string alive for the call.
unsafe fn c_text(text: *const c_char) -> String {
    if text.is_null() {
        return String::new();
    }
    CStr::from_ptr(text).to_string_lossy().into_owned()
}

/// How to open a database.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenMode {
    /// Read and write, creating the file if needed.
    ReadWriteCreate,
    /// Read and write an existing file.
    ReadWrite,
}

/// An open SQLite database connection. Statements prepared on it must be dropped first.
pub struct Connection {
    db: *mut ffi::sqlite3,
    /// Commits so far, counted by a commit hook once [`Connection::count_commits`] installs it
    /// (freed after the connection closes: fields drop after `Drop::drop`).
    commits: Option<alloc::boxed::Box<core::cell::Cell<u64>>>,
}

/// The commit hook of [`Connection::count_commits`]: counts, and lets the commit proceed.
unsafe extern "C" fn count_commit(counter: *mut core::ffi::c_void) -> c_int {
    // SAFETY: `counter` is the connection's boxed Cell, alive as long as the connection.
    if let Some(cell) = unsafe { counter.cast::<core::cell::Cell<u64>>().as_ref() } {
        cell.set(cell.get().wrapping_add(1));
    }
    0
}

impl Connection {
    /// Opens `path` (`:memory:` for a private in-memory database) through the named VFS
    /// (`None`: the default one).
    pub fn open(path: &str, mode: OpenMode, vfs: Option<&str>) -> Result<Connection, SqlError> {
        let c_path = CString::new(path).map_err(|_| misuse("the path contains a NUL character"))?;
        let c_vfs = match vfs {
            Some(name) => {
                Some(CString::new(name).map_err(|_| misuse("the VFS name contains a NUL"))?)
            }
            None => None,
        };
        let mut flags = ffi::SQLITE_OPEN_READWRITE | ffi::SQLITE_OPEN_EXRESCODE;
        if mode == OpenMode::ReadWriteCreate {
            flags |= ffi::SQLITE_OPEN_CREATE;
        }
        let mut db = ptr::null_mut();
        // SAFETY: valid NUL-terminated strings; `db` receives the handle (or null).
        let rc = unsafe {
            ffi::sqlite3_open_v2(
                c_path.as_ptr(),
                &mut db,
                flags,
                c_vfs.as_ref().map_or(ptr::null(), |v| v.as_ptr()),
            )
        };
        if db.is_null() {
            return Err(SqlError::new(rc, "out of memory opening the database"));
        }
        let connection = Connection { db, commits: None };
        if rc != ffi::SQLITE_OK {
            return Err(connection.error(rc));
        }
        // SAFETY: a valid handle.
        unsafe { ffi::sqlite3_extended_result_codes(db, 1) };
        Ok(connection)
    }

    /// Starts counting this connection's commits ([`Connection::commits`]).
    pub fn count_commits(&mut self) {
        let counter = self
            .commits
            .get_or_insert_with(|| alloc::boxed::Box::new(core::cell::Cell::new(0)));
        let pointer: *const core::cell::Cell<u64> = &**counter;
        // SAFETY: a valid handle; the hook's argument lives as long as the connection.
        unsafe {
            ffi::sqlite3_commit_hook(self.db, Some(count_commit), pointer.cast_mut().cast());
        }
    }

    /// How many transactions committed since [`Connection::count_commits`] (0 before).
    pub fn commits(&self) -> u64 {
        self.commits.as_ref().map_or(0, |c| c.get())
    }

    /// The error SQLite holds for this connection after a call returned `rc`.
    pub fn error(&self, rc: c_int) -> SqlError {
        // SAFETY: a valid handle; errmsg returns a string owned by the connection.
        let (code, message) = unsafe {
            let code = ffi::sqlite3_extended_errcode(self.db);
            (code, c_text(ffi::sqlite3_errmsg(self.db)))
        };
        // The connection's error can be stale for a few APIs: trust `rc` when they disagree.
        let code = if code & 0xff == rc & 0xff { code } else { rc };
        let message = if message.is_empty() || message == "not an error" {
            // SAFETY: sqlite3_errstr returns a static string.
            unsafe { c_text(ffi::sqlite3_errstr(code)) }
        } else {
            message
        };
        SqlError::new(code, message)
    }

    fn check(&self, rc: c_int) -> Result<(), SqlError> {
        if rc == ffi::SQLITE_OK {
            Ok(())
        } else {
            Err(self.error(rc))
        }
    }

    /// Runs SQL text holding any number of statements (no parameters, no results).
    pub fn execute_batch(&self, sql: &str) -> Result<(), SqlError> {
        let mut rest = sql;
        while let Some((stmt, tail)) = self.prepare_one(rest, false)? {
            while stmt.step(self)? == Step::Row {}
            rest = rest.get(tail..).unwrap_or("");
        }
        Ok(())
    }

    /// Prepares the first statement of `sql`; returns it and the byte offset of the rest, or
    /// `None` when `sql` holds no statement (only spaces and comments).
    pub fn prepare_one(
        &self,
        sql: &str,
        persistent: bool,
    ) -> Result<Option<(Stmt, usize)>, SqlError> {
        let len = c_int::try_from(sql.len())
            .map_err(|_| SqlError::new(ffi::SQLITE_TOOBIG, "the SQL text is longer than 2 GiB"))?;
        let mut stmt = ptr::null_mut();
        let mut tail: *const c_char = ptr::null();
        let flags = if persistent {
            ffi::SQLITE_PREPARE_PERSISTENT
        } else {
            0
        };
        // SAFETY: `sql` is valid for `len` bytes; SQLite reads no further (nByte is given).
        let rc = unsafe {
            ffi::sqlite3_prepare_v3(
                self.db,
                sql.as_ptr().cast(),
                len,
                flags as _,
                &mut stmt,
                &mut tail,
            )
        };
        self.check(rc)?;
        let consumed = if tail.is_null() {
            sql.len()
        } else {
            (tail as usize)
                .saturating_sub(sql.as_ptr() as usize)
                .min(sql.len())
        };
        if stmt.is_null() {
            return Ok(None);
        }
        Ok(Some((Stmt { raw: stmt }, consumed)))
    }

    /// Prepares exactly one statement: `sql` must hold one, and nothing after it but spaces
    /// and comments.
    pub fn prepare(&self, sql: &str, persistent: bool) -> Result<Stmt, SqlError> {
        let Some((stmt, tail)) = self.prepare_one(sql, persistent)? else {
            return Err(SqlError::new(
                ffi::SQLITE_MISUSE,
                "the SQL text holds no statement",
            ));
        };
        let rest = sql.get(tail..).unwrap_or("");
        if !rest.trim().is_empty() && self.prepare_one(rest, false)?.is_some() {
            return Err(SqlError::new(
                ffi::SQLITE_MISUSE,
                "the SQL text holds more than one statement (use executeBatch for scripts)",
            ));
        }
        Ok(stmt)
    }

    /// Rows changed by the most recent INSERT, UPDATE or DELETE.
    pub fn changes(&self) -> i64 {
        // SAFETY: a valid handle.
        unsafe { ffi::sqlite3_changes64(self.db) }
    }

    /// The rowid of the most recent successful INSERT.
    pub fn last_insert_rowid(&self) -> i64 {
        // SAFETY: a valid handle.
        unsafe { ffi::sqlite3_last_insert_rowid(self.db) }
    }

    /// Whether a transaction is open (SQLite is not in autocommit mode).
    pub fn in_transaction(&self) -> bool {
        // SAFETY: a valid handle.
        unsafe { ffi::sqlite3_get_autocommit(self.db) == 0 }
    }

    /// The whole `main` database as bytes (what its file would hold).
    pub fn serialize(&self) -> Result<Vec<u8>, SqlError> {
        let mut size: i64 = 0;
        // SAFETY: a valid handle; the returned buffer is ours to free with sqlite3_free.
        let data = unsafe { ffi::sqlite3_serialize(self.db, c"main".as_ptr(), &mut size, 0) };
        if data.is_null() {
            // An empty database (no page written yet) serializes to nothing.
            if size == 0 && self.page_count()? == 0 {
                return Ok(Vec::new());
            }
            return Err(SqlError::new(
                ffi::SQLITE_NOMEM,
                "out of memory serializing the database",
            ));
        }
        let len = usize::try_from(size).unwrap_or(0);
        // SAFETY: SQLite wrote `size` bytes at `data`.
        let bytes = unsafe { core::slice::from_raw_parts(data, len) }.to_vec();
        // SAFETY: allocated by SQLite.
        unsafe { ffi::sqlite3_free(data.cast()) };
        Ok(bytes)
    }

    /// Replaces the `main` database with an in-memory copy of `bytes` (the connection must
    /// have been opened on `:memory:`).
    pub fn deserialize(&self, bytes: &[u8]) -> Result<(), SqlError> {
        let size = i64::try_from(bytes.len())
            .map_err(|_| SqlError::new(ffi::SQLITE_TOOBIG, "the database is too large"))?;
        // SAFETY: sqlite3_malloc64 returns a buffer SQLite owns once deserialize takes it.
        unsafe {
            let buffer = ffi::sqlite3_malloc64(bytes.len().max(1) as u64).cast::<u8>();
            if buffer.is_null() {
                return Err(SqlError::new(
                    ffi::SQLITE_NOMEM,
                    "out of memory loading the database",
                ));
            }
            ptr::copy_nonoverlapping(bytes.as_ptr(), buffer, bytes.len());
            let flags = ffi::SQLITE_DESERIALIZE_FREEONCLOSE | ffi::SQLITE_DESERIALIZE_RESIZEABLE;
            let rc =
                ffi::sqlite3_deserialize(self.db, c"main".as_ptr(), buffer, size, size, flags as _);
            // On failure SQLite has freed the buffer (FREEONCLOSE).
            self.check(rc)
        }
    }

    /// Copies the whole `main` database of `source` over this connection's `main` database.
    pub fn restore_from(&self, source: &Connection) -> Result<(), SqlError> {
        // SAFETY: two valid handles; the backup object is finished before returning.
        unsafe {
            let backup =
                ffi::sqlite3_backup_init(self.db, c"main".as_ptr(), source.db, c"main".as_ptr());
            if backup.is_null() {
                return Err(self.error(ffi::sqlite3_errcode(self.db)));
            }
            let step = ffi::sqlite3_backup_step(backup, -1);
            let finish = ffi::sqlite3_backup_finish(backup);
            if step != ffi::SQLITE_DONE {
                return Err(self.error(step));
            }
            self.check(finish)
        }
    }

    /// `PRAGMA page_count`.
    pub fn page_count(&self) -> Result<i64, SqlError> {
        self.query_i64("PRAGMA page_count")
    }

    /// The first column of the first row of `sql` as an integer (0 when there is no row).
    pub fn query_i64(&self, sql: &str) -> Result<i64, SqlError> {
        let stmt = self.prepare(sql, false)?;
        Ok(match stmt.step(self)? {
            Step::Row => stmt.column_i64(0),
            Step::Done => 0,
        })
    }

    /// The first column of every row of `sql`, as text.
    pub fn query_strings(&self, sql: &str) -> Result<Vec<String>, SqlError> {
        let stmt = self.prepare(sql, false)?;
        let mut out = Vec::new();
        while stmt.step(self)? == Step::Row {
            out.push(match stmt.column(0) {
                Value::Text(t) => t,
                Value::Integer(n) => n.to_string(),
                Value::Real(x) => alloc::format!("{x}"),
                Value::Null => String::new(),
                Value::Blob(b) => String::from_utf8_lossy(&b).into_owned(),
            });
        }
        Ok(out)
    }
}

impl Drop for Connection {
    fn drop(&mut self) {
        // SAFETY: the handle is valid; every statement of this connection was dropped before
        // (the store's fields are declared in that order).
        unsafe { ffi::sqlite3_close(self.db) };
    }
}

/// What one step of a statement produced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// A result row is available.
    Row,
    /// The statement finished.
    Done,
}

/// A prepared statement. It must be dropped before its connection.
pub struct Stmt {
    raw: *mut ffi::sqlite3_stmt,
}

impl Stmt {
    /// Runs one step. Errors carry the connection's message.
    pub fn step(&self, conn: &Connection) -> Result<Step, SqlError> {
        // SAFETY: a valid statement.
        match unsafe { ffi::sqlite3_step(self.raw) } {
            ffi::SQLITE_ROW => Ok(Step::Row),
            ffi::SQLITE_DONE => Ok(Step::Done),
            rc => {
                let error = conn.error(rc);
                // SAFETY: a valid statement; reset after an error returns the same error.
                unsafe { ffi::sqlite3_reset(self.raw) };
                Err(error)
            }
        }
    }

    /// Resets the statement for another run and clears its bindings.
    pub fn reset(&self) {
        // SAFETY: a valid statement.
        unsafe {
            ffi::sqlite3_reset(self.raw);
            ffi::sqlite3_clear_bindings(self.raw);
        }
    }

    /// The number of parameters (the largest parameter index).
    pub fn parameter_count(&self) -> usize {
        // SAFETY: a valid statement.
        usize::try_from(unsafe { ffi::sqlite3_bind_parameter_count(self.raw) }).unwrap_or(0)
    }

    /// The name of parameter `index` (1-based) with its prefix, or `None` for `?`/`?NNN`.
    pub fn parameter_name(&self, index: usize) -> Option<String> {
        let index = c_int::try_from(index).ok()?;
        // SAFETY: a valid statement; the name is owned by it.
        let name = unsafe { ffi::sqlite3_bind_parameter_name(self.raw, index) };
        if name.is_null() {
            return None;
        }
        // SAFETY: NUL-terminated.
        let text = unsafe { c_text(name) };
        if text.starts_with('?') {
            None
        } else {
            Some(text)
        }
    }

    /// Binds `params` (see [`Params`]); SQLite copies text and blobs.
    pub fn bind(&self, conn: &Connection, params: &Params) -> Result<(), SqlError> {
        // SAFETY: with copies, nothing borrowed outlives this call.
        unsafe { self.bind_with(conn, params, true) }
    }

    /// [`Stmt::bind`] without copying text and blobs (`SQLITE_STATIC`).
    ///
    /// # Safety
    /// The caller must call [`Stmt::reset`] (which clears the bindings) before `params` is
    /// dropped or changed, and must not step the statement after that without binding again.
    pub(crate) unsafe fn bind_borrowed(
        &self,
        conn: &Connection,
        params: &Params,
    ) -> Result<(), SqlError> {
        self.bind_with(conn, params, false)
    }

    /// # Safety
    /// With `copy` false, as [`Stmt::bind_borrowed`].
    unsafe fn bind_with(
        &self,
        conn: &Connection,
        params: &Params,
        copy: bool,
    ) -> Result<(), SqlError> {
        let count = self.parameter_count();
        match params {
            Params::None if count == 0 => Ok(()),
            Params::None => Err(SqlError::new(
                ffi::SQLITE_RANGE,
                alloc::format!("the statement has {count} parameter(s) and none were given"),
            )),
            Params::Positional(values) => {
                if values.len() != count {
                    return Err(SqlError::new(
                        ffi::SQLITE_RANGE,
                        alloc::format!(
                            "the statement has {count} parameter(s) but {} value(s) were given",
                            values.len()
                        ),
                    ));
                }
                for (i, value) in values.iter().enumerate() {
                    self.bind_one(conn, i + 1, value, copy)?;
                }
                Ok(())
            }
            Params::Named(values) => {
                let mut used = alloc::vec![false; values.len()];
                for index in 1..=count {
                    let Some(name) = self.parameter_name(index) else {
                        return Err(SqlError::new(
                            ffi::SQLITE_RANGE,
                            alloc::format!(
                                "parameter {index} is positional (?): pass an array, not an object"
                            ),
                        ));
                    };
                    let bare = name.get(1..).unwrap_or("");
                    let Some(found) = values.iter().position(|(key, _)| key == bare) else {
                        return Err(SqlError::new(
                            ffi::SQLITE_RANGE,
                            alloc::format!("no value given for parameter {name}"),
                        ));
                    };
                    if let (Some(flag), Some((_, value))) = (used.get_mut(found), values.get(found))
                    {
                        *flag = true;
                        self.bind_one(conn, index, value, copy)?;
                    }
                }
                if let Some(unused) = used.iter().position(|u| !u) {
                    let key = values.get(unused).map_or("", |(k, _)| k.as_str());
                    return Err(SqlError::new(
                        ffi::SQLITE_RANGE,
                        alloc::format!("the statement has no parameter named {key}"),
                    ));
                }
                Ok(())
            }
        }
    }

    /// Binds one value to parameter `index` (1-based); SQLite copies text and blobs.
    pub fn bind_value(
        &self,
        conn: &Connection,
        index: usize,
        value: &Value,
    ) -> Result<(), SqlError> {
        // SAFETY: with copies, nothing borrowed outlives this call.
        unsafe { self.bind_one(conn, index, value, true) }
    }

    /// # Safety
    /// With `copy` false, `value` must outlive the binding, as for [`Stmt::bind_borrowed`].
    unsafe fn bind_one(
        &self,
        conn: &Connection,
        index: usize,
        value: &Value,
        copy: bool,
    ) -> Result<(), SqlError> {
        let i = c_int::try_from(index)
            .map_err(|_| SqlError::new(ffi::SQLITE_RANGE, "parameter index out of range"))?;
        let too_big =
            || SqlError::new(ffi::SQLITE_TOOBIG, "a parameter value is longer than 2 GiB");
        let destructor = if copy {
            ffi::SQLITE_TRANSIENT()
        } else {
            ffi::SQLITE_STATIC()
        };
        // SAFETY: a valid statement; text and blobs are copied (SQLITE_TRANSIENT), or outlive
        // the binding per this function's contract (SQLITE_STATIC).
        let rc = unsafe {
            match value {
                Value::Null => ffi::sqlite3_bind_null(self.raw, i),
                Value::Integer(n) => ffi::sqlite3_bind_int64(self.raw, i, *n),
                Value::Real(x) => ffi::sqlite3_bind_double(self.raw, i, *x),
                Value::Text(t) => ffi::sqlite3_bind_text(
                    self.raw,
                    i,
                    t.as_ptr().cast(),
                    c_int::try_from(t.len()).map_err(|_| too_big())?,
                    destructor,
                ),
                Value::Blob(b) => ffi::sqlite3_bind_blob(
                    self.raw,
                    i,
                    b.as_ptr().cast(),
                    c_int::try_from(b.len()).map_err(|_| too_big())?,
                    destructor,
                ),
            }
        };
        if rc == ffi::SQLITE_OK {
            Ok(())
        } else {
            Err(conn.error(rc))
        }
    }

    /// Binds text to parameter `index` (1-based).
    pub fn bind_text(&self, conn: &Connection, index: usize, text: &str) -> Result<(), SqlError> {
        let i = c_int::try_from(index)
            .map_err(|_| SqlError::new(ffi::SQLITE_RANGE, "parameter index out of range"))?;
        let len = c_int::try_from(text.len()).map_err(|_| {
            SqlError::new(ffi::SQLITE_TOOBIG, "a parameter value is longer than 2 GiB")
        })?;
        // SAFETY: a valid statement; SQLite copies the text.
        let rc = unsafe {
            ffi::sqlite3_bind_text(
                self.raw,
                i,
                text.as_ptr().cast(),
                len,
                ffi::SQLITE_TRANSIENT(),
            )
        };
        if rc == ffi::SQLITE_OK {
            Ok(())
        } else {
            Err(conn.error(rc))
        }
    }

    /// The number of result columns.
    pub fn column_count(&self) -> usize {
        // SAFETY: a valid statement.
        usize::try_from(unsafe { ffi::sqlite3_column_count(self.raw) }).unwrap_or(0)
    }

    /// The name of result column `index` (0-based).
    pub fn column_name(&self, index: usize) -> String {
        let Ok(i) = c_int::try_from(index) else {
            return String::new();
        };
        // SAFETY: a valid statement; the name is owned by it.
        unsafe { c_text(ffi::sqlite3_column_name(self.raw, i)) }
    }

    /// The names of every result column.
    pub fn column_names(&self) -> Vec<String> {
        (0..self.column_count())
            .map(|i| self.column_name(i))
            .collect()
    }

    /// The storage class of column `index` of the current row.
    pub fn column_type(&self, index: usize) -> c_int {
        let Ok(i) = c_int::try_from(index) else {
            return ffi::SQLITE_NULL;
        };
        // SAFETY: a valid statement positioned on a row.
        unsafe { ffi::sqlite3_column_type(self.raw, i) }
    }

    /// Column `index` of the current row as an integer.
    pub fn column_i64(&self, index: usize) -> i64 {
        let Ok(i) = c_int::try_from(index) else {
            return 0;
        };
        // SAFETY: a valid statement positioned on a row.
        unsafe { ffi::sqlite3_column_int64(self.raw, i) }
    }

    /// Column `index` of the current row as a float.
    pub fn column_f64(&self, index: usize) -> f64 {
        let Ok(i) = c_int::try_from(index) else {
            return 0.0;
        };
        // SAFETY: a valid statement positioned on a row.
        unsafe { ffi::sqlite3_column_double(self.raw, i) }
    }

    /// Column `index` of the current row as bytes of text (valid until the next step).
    pub fn column_text_bytes(&self, index: usize) -> &[u8] {
        let Ok(i) = c_int::try_from(index) else {
            return &[];
        };
        // SAFETY: a valid statement positioned on a row; SQLite keeps the text until the
        // statement steps, resets or is finalized, none of which can happen while `self` is
        // borrowed for the returned slice.
        unsafe {
            let text = ffi::sqlite3_column_text(self.raw, i);
            let len = usize::try_from(ffi::sqlite3_column_bytes(self.raw, i)).unwrap_or(0);
            if text.is_null() || len == 0 {
                return &[];
            }
            core::slice::from_raw_parts(text, len)
        }
    }

    /// Column `index` of the current row as a blob (valid until the next step).
    pub fn column_blob(&self, index: usize) -> &[u8] {
        let Ok(i) = c_int::try_from(index) else {
            return &[];
        };
        // SAFETY: as for column_text_bytes.
        unsafe {
            let data = ffi::sqlite3_column_blob(self.raw, i).cast::<u8>();
            let len = usize::try_from(ffi::sqlite3_column_bytes(self.raw, i)).unwrap_or(0);
            if data.is_null() || len == 0 {
                return &[];
            }
            core::slice::from_raw_parts(data, len)
        }
    }

    /// Column `index` of the current row as text (lossy for invalid UTF-8), `None` for NULL.
    pub fn column_opt_text(&self, index: usize) -> Option<String> {
        if self.column_type(index) == ffi::SQLITE_NULL {
            return None;
        }
        Some(String::from_utf8_lossy(self.column_text_bytes(index)).into_owned())
    }

    /// Column `index` of the current row as text (empty for NULL).
    pub fn column_text(&self, index: usize) -> String {
        self.column_opt_text(index).unwrap_or_default()
    }

    /// Column `index` of the current row as a float, `None` for NULL.
    pub fn column_opt_f64(&self, index: usize) -> Option<f64> {
        if self.column_type(index) == ffi::SQLITE_NULL {
            None
        } else {
            Some(self.column_f64(index))
        }
    }

    /// Column `index` of the current row as a [`Value`].
    pub fn column(&self, index: usize) -> Value {
        match self.column_type(index) {
            ffi::SQLITE_INTEGER => Value::Integer(self.column_i64(index)),
            ffi::SQLITE_FLOAT => Value::Real(self.column_f64(index)),
            ffi::SQLITE_TEXT => {
                Value::Text(String::from_utf8_lossy(self.column_text_bytes(index)).into_owned())
            }
            ffi::SQLITE_BLOB => Value::Blob(self.column_blob(index).to_vec()),
            _ => Value::Null,
        }
    }

    /// Whether the statement never writes the database.
    pub fn readonly(&self) -> bool {
        // SAFETY: a valid statement.
        unsafe { ffi::sqlite3_stmt_readonly(self.raw) != 0 }
    }
}

impl Drop for Stmt {
    fn drop(&mut self) {
        // SAFETY: a valid statement, finalized once.
        unsafe { ffi::sqlite3_finalize(self.raw) };
    }
}

/// The linked SQLite library's version, e.g. `3.54.1`.
pub fn library_version() -> String {
    // SAFETY: a static NUL-terminated string.
    unsafe { c_text(ffi::sqlite3_libversion()) }
}
