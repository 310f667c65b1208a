//! JavaScript bindings of the `persistence` module: the `Store` and `Statement` classes.
//!
//! Every method validates its arguments and reports problems as a thrown `Error` with a
//! message; SQLite's errors keep SQLite's message and add `code` (e.g.
//! `"SQLITE_CONSTRAINT_UNIQUE"`) and `sqliteCode` (the extended result code). Nothing here
//! panics on bad input.

extern crate std;

use alloc::format;
use alloc::rc::{Rc, Weak};
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::cell::{Cell, RefCell};
use core::fmt::Write as _;

use js_sys::{Array, Object, Reflect, Uint8Array};
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use ruv_core::js_args::{from_js, reject_unknown_keys, string_arg, type_name, wrong_type};

use crate::indexeddb::{self, Idb, Lock};
use crate::js::property;
use crate::nodefs::{self, NodeFs};
use crate::records::*;
use crate::sqlite::{ffi, Params, Stmt, Value};
use crate::store::{BeginMode, JournalMode, Location, OpenOptions, Synchronous};
use crate::Error;

// Once per wasm module: by the crate that is the module's root (feature `module`).
#[cfg(feature = "module")]
ruv_core::export_module_interface!();

/// The SQLite version compiled into this module (e.g. `"3.54.1"`).
#[wasm_bindgen(js_name = sqliteVersion)]
pub fn sqlite_version() -> String {
    crate::sqlite_version()
}

/// The schema version stores of this module write (databases are migrated to it on open).
#[wasm_bindgen(js_name = schemaVersion)]
pub fn schema_version() -> f64 {
    crate::schema::SCHEMA_VERSION as f64
}

// ----- errors -----

fn error_value(message: &str, sql: Option<&crate::SqlError>) -> JsValue {
    let error = js_sys::Error::new(message);
    if let Some(sql) = sql {
        let _ = Reflect::set(&error, &"code".into(), &JsValue::from_str(sql.code_name()));
        let _ = Reflect::set(
            &error,
            &"sqliteCode".into(),
            &JsValue::from_f64(f64::from(sql.code)),
        );
    }
    error.into()
}

/// A store error as a JavaScript `Error` (with `code`/`sqliteCode` for SQLite's errors, and
/// Node's message appended to file errors).
fn js_error(e: Error) -> JsValue {
    let mut message = e.to_string();
    if let Error::Sql(sql) = &e {
        // I/O, disk full and cannot-open errors: SQLite's message is generic; say why.
        if matches!(sql.code & 0xff, 10 | 13 | 14) {
            if let Some(detail) = nodefs::take_last_error() {
                let _ = write!(message, " ({detail})");
            }
        }
    }
    error_value(&message, e.sql())
}

fn input_error(message: String) -> Failure {
    Failure(error_value(&message, None))
}

impl From<JsError> for Failure {
    fn from(e: JsError) -> Self {
        Failure(e.into())
    }
}

/// An error on its way to JavaScript.
struct Failure(JsValue);

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        Failure(js_error(e))
    }
}

impl From<Failure> for JsValue {
    fn from(f: Failure) -> Self {
        f.0
    }
}

type Res<T> = Result<T, Failure>;

// ----- reading arguments -----

/// Whether JSON text contains `null` (`JSON.stringify` writes NaN, Infinity and `undefined`
/// array entries as `null`, which would read as "absent").
fn has_null(text: &str) -> bool {
    text.as_bytes().windows(4).any(|w| w == b"null")
}

fn js_message(e: &JsValue) -> String {
    Reflect::get(e, &"message".into())
        .ok()
        .and_then(|m| m.as_string())
        .unwrap_or_else(|| String::from("it cannot be converted to JSON"))
}

/// Reads a JSON-shaped argument (a record, a query, a list of them) into `T`: through
/// `JSON.stringify` and serde_json (one crossing), or, when the text holds `null`, field by
/// field (which rejects NaN and other non-JSON values). Unknown fields are errors.
fn read_json<T: DeserializeOwned>(what: &str, value: &JsValue) -> Res<T> {
    let text = js_sys::JSON::stringify(value)
        .map_err(|e| input_error(format!("invalid {what}: {}", js_message(&e))))?;
    match text.as_string() {
        Some(text) if !has_null(&text) => {
            serde_json::from_str(&text).map_err(|e| input_error(format!("invalid {what}: {e}")))
        }
        Some(_) => Ok(from_js(what, value.clone())?),
        None => Err(wrong_type(what, "an object", value).into()),
    }
}

/// [`read_json`] for an optional argument: `undefined` or `null` give the default.
fn read_opt_json<T: DeserializeOwned + Default>(what: &str, value: &JsValue) -> Res<T> {
    if value.is_null_or_undefined() {
        Ok(T::default())
    } else {
        read_json(what, value)
    }
}

/// Reads a list argument: it must be an array.
fn read_list<T: DeserializeOwned>(what: &str, value: &JsValue) -> Res<Vec<T>> {
    if !Array::is_array(value) {
        return Err(wrong_type(what, "an array", value).into());
    }
    read_json(what, value)
}

/// A stored row id (positive integer JavaScript represents exactly).
fn id_arg(what: &str, value: &JsValue) -> Res<i64> {
    match value.as_f64() {
        Some(n) if n.fract() == 0.0 && (1.0..=9_007_199_254_740_991.0).contains(&n) => Ok(n as i64),
        Some(n) => Err(input_error(format!(
            "invalid {what}: {n} is not a positive integer"
        ))),
        None => Err(wrong_type(what, "a number", value).into()),
    }
}

fn opt_id_arg(what: &str, value: &JsValue) -> Res<Option<i64>> {
    if value.is_null_or_undefined() {
        Ok(None)
    } else {
        id_arg(what, value).map(Some)
    }
}

fn opt_time_arg(what: &str, value: &JsValue) -> Res<Option<f64>> {
    match value.as_f64() {
        Some(t) if t.is_finite() => Ok(Some(t)),
        Some(t) => Err(input_error(format!(
            "invalid {what}: {t} is not a finite number"
        ))),
        None if value.is_null_or_undefined() => Ok(None),
        None => Err(wrong_type(what, "a number", value).into()),
    }
}

fn opt_string(what: &str, value: &JsValue) -> Res<Option<String>> {
    Ok(ruv_core::js_args::opt_string_arg(what, value)?)
}

/// A JavaScript number as a SQL value: integral numbers bind as INTEGER, others as REAL.
fn number_value(n: f64) -> Value {
    if n.fract() == 0.0 && n.abs() < 9.223_372_036_854_776e18 {
        Value::Integer(n as i64)
    } else {
        Value::Real(n)
    }
}

/// One SQL parameter value from JavaScript.
fn sql_value(what: &dyn Fn() -> String, v: &JsValue) -> Res<Value> {
    if v.is_null_or_undefined() {
        return Ok(Value::Null);
    }
    if let Some(n) = v.as_f64() {
        return Ok(number_value(n));
    }
    if let Some(s) = v.as_string() {
        return Ok(Value::Text(s));
    }
    if let Some(b) = v.as_bool() {
        return Ok(Value::Integer(i64::from(b)));
    }
    if v.is_bigint() {
        return i64::try_from(v.clone()).map(Value::Integer).map_err(|_| {
            input_error(format!(
                "invalid {}: the bigint is outside the 64-bit integer range",
                what()
            ))
        });
    }
    if let Some(bytes) = v.dyn_ref::<Uint8Array>() {
        return Ok(Value::Blob(bytes.to_vec()));
    }
    Err(input_error(format!(
        "invalid {}: expected a number, bigint, string, boolean, Uint8Array or null, got {}",
        what(),
        type_name(v)
    )))
}

/// SQL parameters: `undefined`/`null` (none), an array (by position) or a plain object (by
/// name, without the `:`/`@`/`$` prefix). Arrays are read value by value (a few calls into
/// JavaScript per value: cheaper than a JSON round trip for the short lists statements take).
fn sql_params(value: &JsValue) -> Res<Params> {
    if Array::is_array(value) {
        let array: &Array = value.unchecked_ref();
        let length = array.length();
        let mut values = Vec::with_capacity(length as usize);
        for i in 0..length {
            values.push(sql_value(&|| format!("params[{i}]"), &array.get(i))?);
        }
        return Ok(Params::Positional(values));
    }
    if value.is_null_or_undefined() {
        return Ok(Params::None);
    }
    if !value.is_object() || value.is_instance_of::<Uint8Array>() || value.is_function() {
        return Err(
            wrong_type("params", "an array or an object of parameter values", value).into(),
        );
    }
    let mut values = Vec::new();
    for entry in Object::entries(value.unchecked_ref::<Object>()).iter() {
        let pair: Array = entry.unchecked_into();
        let key = pair.get(0).as_string().unwrap_or_default();
        let value = sql_value(&|| format!("params.{key}"), &pair.get(1))?;
        values.push((key, value));
    }
    Ok(Params::Named(values))
}

// ----- writing results -----

/// `JSON.parse` of JSON text this module wrote.
fn parse_json(json: &str) -> Res<JsValue> {
    js_sys::JSON::parse(json)
        .map_err(|_| input_error(String::from("internal: JSON output did not parse")))
}

/// A serializable value as a JavaScript value (through JSON text: one crossing).
fn to_js<T: Serialize + ?Sized>(value: &T) -> Res<JsValue> {
    let json = serde_json::to_string(value).map_err(|e| input_error(format!("internal: {e}")))?;
    parse_json(&json)
}

fn opt_to_js<T: Serialize>(value: Option<T>) -> Res<JsValue> {
    match value {
        Some(v) => to_js(&v),
        None => Ok(JsValue::UNDEFINED),
    }
}

const MAX_SAFE_INTEGER: i64 = 9_007_199_254_740_991;

// Property stores on objects this module just made: they cannot throw, so no exception
// wrapper, and the named setters take plain numbers (several times cheaper than `Reflect.set`
// on boxed values, which matters for `Statement.run` called per row).
#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(extends = Object)]
    type RunResultObject;
    #[wasm_bindgen(method, setter = changes)]
    fn set_changes(this: &RunResultObject, value: f64);
    #[wasm_bindgen(method, setter = lastInsertRowid)]
    fn set_last_insert_rowid(this: &RunResultObject, value: f64);
    #[wasm_bindgen(extends = Object)]
    type RowObject;
    #[wasm_bindgen(method, indexing_setter)]
    fn set_property(this: &RowObject, key: &JsValue, value: &JsValue);
}

/// A `RunResult` object.
fn run_result(run: &RunResult) -> JsValue {
    let object: RunResultObject = Object::new().unchecked_into();
    object.set_changes(run.changes as f64);
    object.set_last_insert_rowid(run.last_insert_rowid as f64);
    object.into()
}

fn push_json_string(out: &mut String, text: &str) {
    out.push('"');
    let mut plain = 0;
    for (i, b) in text.bytes().enumerate() {
        let escape = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0..=0x1f => "",
            _ => continue,
        };
        out.push_str(text.get(plain..i).unwrap_or(""));
        if escape.is_empty() {
            let _ = write!(out, "\\u{b:04x}");
        } else {
            out.push_str(escape);
        }
        plain = i + 1;
    }
    out.push_str(text.get(plain..).unwrap_or(""));
    out.push('"');
}

/// One value as JavaScript: INTEGER as a number (a bigint beyond 2^53), REAL as a number,
/// TEXT as a string, BLOB as a Uint8Array, NULL as null.
fn value_to_js(value: &Value) -> JsValue {
    match value {
        Value::Null => JsValue::NULL,
        Value::Integer(n) if (-MAX_SAFE_INTEGER..=MAX_SAFE_INTEGER).contains(n) => {
            JsValue::from_f64(*n as f64)
        }
        Value::Integer(n) => JsValue::from(*n),
        Value::Real(x) => JsValue::from_f64(*x),
        Value::Text(t) => JsValue::from_str(t),
        Value::Blob(b) => Uint8Array::from(b.as_slice()).into(),
    }
}

/// Column `i` of the current row as JavaScript (see [`value_to_js`]).
fn column_to_js(stmt: &Stmt, i: usize) -> JsValue {
    match stmt.column_type(i) {
        ffi::SQLITE_INTEGER => {
            let n = stmt.column_i64(i);
            if (-MAX_SAFE_INTEGER..=MAX_SAFE_INTEGER).contains(&n) {
                JsValue::from_f64(n as f64)
            } else {
                JsValue::from(n)
            }
        }
        ffi::SQLITE_FLOAT => JsValue::from_f64(stmt.column_f64(i)),
        ffi::SQLITE_TEXT => JsValue::from_str(&String::from_utf8_lossy(stmt.column_text_bytes(i))),
        ffi::SQLITE_BLOB => Uint8Array::from(stmt.column_blob(i)).into(),
        _ => JsValue::NULL,
    }
}

/// The current row as an object keyed by `names` (one JavaScript call per column: for single
/// rows, cheaper than a JSON round trip).
fn row_object(stmt: &Stmt, names: &[JsValue]) -> JsValue {
    let object: RowObject = Object::new().unchecked_into();
    for (i, name) in names.iter().enumerate() {
        object.set_property(name, &column_to_js(stmt, i));
    }
    object.into()
}

/// Result rows on their way to JavaScript: written as JSON text straight from SQLite's columns
/// (one `JSON.parse` for all of them), until a value JSON cannot carry exactly (a BLOB, an
/// integer beyond 2^53, a non-finite float) appears; from there on rows are kept as values and
/// become objects one by one.
struct RowSink {
    /// `"name":` of every column, JSON-escaped.
    keys: Vec<String>,
    names: Vec<String>,
    as_objects: bool,
    json: String,
    json_rows: usize,
    rest: Vec<Vec<Value>>,
}

impl RowSink {
    fn new(names: &[String], as_objects: bool) -> Self {
        let keys = names
            .iter()
            .map(|n| {
                let mut key = String::new();
                push_json_string(&mut key, n);
                key.push(':');
                key
            })
            .collect();
        RowSink {
            keys,
            names: names.to_vec(),
            as_objects,
            json: String::from("["),
            json_rows: 0,
            rest: Vec::new(),
        }
    }

    fn json_safe(stmt: &Stmt, columns: usize) -> bool {
        (0..columns).all(|i| match stmt.column_type(i) {
            ffi::SQLITE_INTEGER => {
                (-MAX_SAFE_INTEGER..=MAX_SAFE_INTEGER).contains(&stmt.column_i64(i))
            }
            ffi::SQLITE_FLOAT => stmt.column_f64(i).is_finite(),
            ffi::SQLITE_BLOB => false,
            _ => true,
        })
    }

    fn push(&mut self, stmt: &Stmt) {
        let columns = self.keys.len();
        if !self.rest.is_empty() || !Self::json_safe(stmt, columns) {
            self.rest
                .push((0..columns).map(|i| stmt.column(i)).collect());
            return;
        }
        if self.json_rows > 0 {
            self.json.push(',');
        }
        self.json_rows += 1;
        self.json.push(if self.as_objects { '{' } else { '[' });
        for (i, key) in self.keys.iter().enumerate() {
            if i > 0 {
                self.json.push(',');
            }
            if self.as_objects {
                self.json.push_str(key);
            }
            match stmt.column_type(i) {
                ffi::SQLITE_INTEGER => {
                    let _ = write!(self.json, "{}", stmt.column_i64(i));
                }
                ffi::SQLITE_FLOAT => {
                    let _ = write!(self.json, "{:?}", stmt.column_f64(i));
                }
                ffi::SQLITE_TEXT => {
                    let text = String::from_utf8_lossy(stmt.column_text_bytes(i));
                    push_json_string(&mut self.json, &text);
                }
                _ => self.json.push_str("null"),
            }
        }
        self.json.push(if self.as_objects { '}' } else { ']' });
    }

    fn rows(&self) -> usize {
        self.json_rows + self.rest.len()
    }

    /// All rows, as an array.
    fn finish(mut self) -> Res<JsValue> {
        if self.rows() == 0 {
            return Ok(Array::new().into());
        }
        self.json.push(']');
        let out: Array = parse_json(&self.json)?.unchecked_into();
        if !self.rest.is_empty() {
            let names: Vec<JsValue> = self.names.iter().map(|c| JsValue::from_str(c)).collect();
            for row in &self.rest {
                out.push(&self.row_value(&names, row));
            }
        }
        Ok(out.into())
    }

    /// The first row, or `undefined`.
    fn finish_first(self) -> Res<JsValue> {
        if self.json_rows > 0 {
            // `[{...}` without the closing bracket: parse the row alone.
            return parse_json(self.json.get(1..).unwrap_or("null"));
        }
        let Some(row) = self.rest.first() else {
            return Ok(JsValue::UNDEFINED);
        };
        let names: Vec<JsValue> = self.names.iter().map(|c| JsValue::from_str(c)).collect();
        Ok(self.row_value(&names, row))
    }

    fn row_value(&self, names: &[JsValue], row: &[Value]) -> JsValue {
        if self.as_objects {
            let object: RowObject = Object::new().unchecked_into();
            for (name, value) in names.iter().zip(row) {
                object.set_property(name, &value_to_js(value));
            }
            object.into()
        } else {
            row.iter().map(value_to_js).collect::<Array>().into()
        }
    }
}

// ----- the store -----

/// Which storage a store uses.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Backend {
    Memory,
    File,
    Opfs,
    IndexedDb,
}

/// The SQLite name of the OPFS VFS this module installs, one per pool directory
/// (`ruv-opfs-sahpool:<directory>`): a VFS serves exactly one directory.
const OPFS_VFS: &str = "ruv-opfs-sahpool";
/// Its default directory in the origin private file system.
const OPFS_DIRECTORY: &str = ".ruv-swarm-wasm";

/// `options.name` (a database name) and `options.directory` (default [`OPFS_DIRECTORY`]) of
/// the OPFS functions.
fn opfs_name_and_directory(options: &JsValue) -> Result<(String, String), JsValue> {
    let name = string_arg("options.name", &property(options, "name"))?;
    if name.is_empty() || name.contains('\0') || name == ":memory:" || name.starts_with("file:") {
        return Err(input_error(format!(
            "invalid options.name: '{name}' is not a database name"
        ))
        .into());
    }
    let directory =
        option_string(options, "directory")?.unwrap_or_else(|| String::from(OPFS_DIRECTORY));
    Ok((name, directory))
}

/// The Web Lock of IndexedDB store `name` (`None` where there are no Web Locks); an Error
/// with `busy` when another store holds it.
async fn take_lock(
    name: &str,
    busy: String,
) -> Result<Option<(js_sys::Function, js_sys::Promise)>, JsValue> {
    match indexeddb::lock(name).await.map_err(|e| input_error(e).0)? {
        Lock::Held(release, released) => Ok(Some((release, released))),
        Lock::Unsupported => Ok(None),
        Lock::Busy => Err(input_error(busy).0),
    }
}

/// `options.name` of the IndexedDB functions (their only option).
fn indexed_db_name(options: &JsValue) -> Result<String, JsValue> {
    if !options.is_object() || Array::is_array(options) {
        return Err(wrong_type("options", "an object", options).into());
    }
    reject_unknown_keys("options", &["name"], options)?;
    let name = string_arg("options.name", &property(options, "name"))?;
    if name.is_empty() {
        return Err(input_error(String::from("invalid options.name: it is empty")).into());
    }
    Ok(name)
}

/// The error of an OPFS pool that cannot be used.
fn opfs_unavailable(directory: &str, error: &dyn core::fmt::Display) -> JsValue {
    input_error(format!(
        "OPFS is not available: {error} (pool directory '{directory}'; a directory is used by \
         one worker at a time)"
    ))
    .0
}

/// The OPFS pool of `directory` (installed on first use in this worker) and its VFS name.
async fn opfs_pool(
    directory: &str,
) -> Result<(sqlite_wasm_vfs::sahpool::OpfsSAHPoolUtil, String), JsValue> {
    use sqlite_wasm_vfs::sahpool::{install, OpfsSAHPoolCfgBuilder};
    let vfs = format!("{OPFS_VFS}:{directory}");
    let config = OpfsSAHPoolCfgBuilder::new()
        .vfs_name(&vfs)
        .directory(directory)
        .build();
    let pool = install::<sqlite_wasm_rs::WasmOsCallback>(&config, false)
        .await
        .map_err(|e| opfs_unavailable(directory, &e))?;
    Ok((pool, vfs))
}

struct Shared {
    store: RefCell<Option<crate::Store>>,
    backend: Backend,
    path: Option<String>,
    /// IndexedDB stores: where their commits are saved.
    mirror: Option<Mirror>,
    /// This value's own Rc, for the saves it schedules.
    this: Weak<Shared>,
}

/// The IndexedDB copy of a store kept in memory: after each call that committed, a save of
/// the whole database is scheduled (once per burst of calls: a microtask), and saves run one
/// after the other, so the copy always holds a committed state, the latest once they finish.
struct Mirror {
    idb: Idb,
    name: String,
    /// `change_count()` of the store when it was last exported for saving.
    saved: Cell<u64>,
    /// A save is scheduled and has not run yet.
    scheduled: Cell<bool>,
    /// Settles when every save so far has finished; never rejects.
    tail: RefCell<js_sys::Promise>,
    /// The first failed save's message, reported by the next `flush()`.
    error: Rc<RefCell<Option<String>>>,
    /// Releases the store's Web Lock (after the last save), and settles once it is released.
    release: RefCell<Option<(js_sys::Function, js_sys::Promise)>>,
}

impl Mirror {
    /// Exports the store and queues its save, if it changed since the last export and no
    /// transaction is open (the commit that ends one schedules a save again).
    fn save(&self, store: &mut crate::Store) {
        let count = store.change_count();
        if count == self.saved.get() || store.in_transaction() {
            return;
        }
        match store.export_bytes() {
            Ok(bytes) => {
                self.saved.set(count);
                self.queue(Uint8Array::from(bytes.as_slice()));
            }
            Err(e) => {
                self.error.borrow_mut().get_or_insert(e.to_string());
            }
        }
    }

    /// Saves `bytes` after every earlier save.
    fn queue(&self, bytes: Uint8Array) {
        let previous = self.tail.borrow().clone();
        let idb = self.idb.clone();
        let name = self.name.clone();
        let error = self.error.clone();
        let next = js_sys::futures::future_to_promise(async move {
            let _ = js_sys::futures::JsFuture::from(previous).await;
            if let Err(e) = idb.save(&name, Some(&bytes)).await {
                error
                    .borrow_mut()
                    .get_or_insert(format!("saving '{name}' to IndexedDB failed: {e}"));
            }
            Ok(JsValue::UNDEFINED)
        });
        *self.tail.borrow_mut() = next;
    }

    /// Settles after every save so far; rejects with the first failure since the last call.
    fn flushed(&self) -> js_sys::Promise {
        let tail = self.tail.borrow().clone();
        let error = self.error.clone();
        js_sys::futures::future_to_promise(async move {
            let _ = js_sys::futures::JsFuture::from(tail).await;
            match error.borrow_mut().take() {
                Some(message) => Err(error_value(&message, None)),
                None => Ok(JsValue::UNDEFINED),
            }
        })
    }

    /// Releases the Web Lock once every save has finished.
    fn release_after_saves(&self) {
        let Some((release, released)) = self.release.borrow_mut().take() else {
            return;
        };
        // `flush()` waits for this too: once it settles, the name can be opened again.
        let tail = self.tail.borrow().clone();
        let next = js_sys::futures::future_to_promise(async move {
            let _ = js_sys::futures::JsFuture::from(tail).await;
            indexeddb::release(&release, &released).await;
            Ok(JsValue::UNDEFINED)
        });
        indexeddb::closing(&self.name, &next);
        *self.tail.borrow_mut() = next;
    }
}

impl Shared {
    fn with<R>(&self, f: impl FnOnce(&mut crate::Store) -> Result<R, Error>) -> Res<R> {
        let Ok(mut slot) = self.store.try_borrow_mut() else {
            return Err(input_error(String::from(
                "the store is busy (a re-entrant call)",
            )));
        };
        let Some(store) = slot.as_mut() else {
            return Err(Error::Closed("store").into());
        };
        let _ = nodefs::take_last_error();
        let result = f(store);
        if let Some(mirror) = &self.mirror {
            if !mirror.scheduled.get() && store.change_count() != mirror.saved.get() {
                mirror.scheduled.set(true);
                let this = self.this.clone();
                js_sys::futures::spawn_local(async move {
                    if let Some(shared) = this.upgrade() {
                        shared.save_mirror();
                    }
                });
            }
        }
        Ok(result?)
    }

    /// Runs a scheduled save of an IndexedDB store (if it is still open and not in a call).
    fn save_mirror(&self) {
        let Some(mirror) = &self.mirror else {
            return;
        };
        mirror.scheduled.set(false);
        if let Ok(mut slot) = self.store.try_borrow_mut() {
            if let Some(store) = slot.as_mut() {
                mirror.save(store);
            }
        }
    }

    fn close(&self) -> Res<()> {
        let Ok(mut slot) = self.store.try_borrow_mut() else {
            return Err(input_error(String::from(
                "the store is busy (a re-entrant call)",
            )));
        };
        if let (Some(mirror), Some(store)) = (&self.mirror, slot.as_mut()) {
            // The last commits are saved, then the lock released; an open transaction is
            // rolled back by closing, as in any store.
            mirror.save(store);
        }
        // Dropping finalizes every statement, then closes the database (and its files).
        drop(slot.take());
        if let Some(mirror) = &self.mirror {
            mirror.release_after_saves();
        }
        if let (Backend::File, Some(path)) = (self.backend, &self.path) {
            nodefs::detach(path);
        }
        Ok(())
    }
}

impl Drop for Shared {
    fn drop(&mut self) {
        let _ = self.close();
    }
}

/// A SQLite database holding swarm state: agents, tasks, events, messages, metrics and swarm
/// snapshots (typed API), anything else through SQL, with transactions. Open it with
/// `new Store()` (in memory) or `new Store({ path, fs })` (a file, in Node).
#[wasm_bindgen]
pub struct Store {
    shared: Rc<Shared>,
}

fn option_string(options: &JsValue, key: &str) -> Res<Option<String>> {
    let value = property(options, key);
    opt_string(&format!("options.{key}"), &value)
}

#[wasm_bindgen]
impl Store {
    /// Opens a store: in memory when `options.path` is absent, else the database file at
    /// `options.path` through `options.fs` (Node's `fs` module), created if needed, with
    /// `journalMode` (`"wal"`, the default, or `"delete"`) and `synchronous` (`"full"`, the
    /// default: every commit is fsynced; `"normal"`; `"off"`). Pending schema migrations are
    /// applied; a file that is not a store, or is corrupt, is an error.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_optional_param_type = "StoreOptions | null")] options: JsValue,
    ) -> Result<Store, JsValue> {
        Ok(Self::open_impl(&options)?)
    }

    fn open_impl(options: &JsValue) -> Res<Store> {
        if !options.is_null_or_undefined() {
            if !options.is_object() || Array::is_array(options) {
                return Err(wrong_type("options", "an object", options).into());
            }
            reject_unknown_keys(
                "options",
                &["path", "fs", "journalMode", "synchronous"],
                options,
            )?;
        }
        let get = |key: &str| -> Res<Option<String>> {
            if options.is_null_or_undefined() {
                Ok(None)
            } else {
                option_string(options, key)
            }
        };
        let path = get("path")?;
        let mut open = OpenOptions::default();
        if let Some(mode) = get("journalMode")? {
            open.journal = JournalMode::parse(&mode).ok_or_else(|| {
                input_error(format!(
                    "invalid options.journalMode: '{mode}' is not one of wal, delete"
                ))
            })?;
        }
        if let Some(mode) = get("synchronous")? {
            open.synchronous = Synchronous::parse(&mode).ok_or_else(|| {
                input_error(format!(
                    "invalid options.synchronous: '{mode}' is not one of full, normal, off"
                ))
            })?;
        }
        let fs = if options.is_null_or_undefined() {
            JsValue::UNDEFINED
        } else {
            property(options, "fs")
        };
        let Some(path) = path else {
            if !fs.is_undefined() {
                return Err(input_error(String::from(
                    "invalid options: `fs` is for file stores; give `path` too",
                )));
            }
            let store = crate::Store::open(Location::Memory, open)?;
            return Ok(Self::wrap(store, Backend::Memory, None));
        };
        if fs.is_null_or_undefined() {
            return Err(input_error(String::from(
                "invalid options: a file store needs `fs`, Node's fs module (import fs from 'node:fs')",
            )));
        }
        if path.is_empty() || path.contains('\0') || path == ":memory:" || path.starts_with("file:")
        {
            return Err(input_error(format!(
                "invalid options.path: '{path}' is not a file path"
            )));
        }
        let fs = NodeFs::new(fs).map_err(input_error)?;
        nodefs::attach(&path, Rc::new(fs)).map_err(input_error)?;
        let location = Location::File {
            path: path.clone(),
            vfs: Some(String::from(nodefs::VFS_NAME)),
        };
        match crate::Store::open(location, open) {
            Ok(store) => Ok(Self::wrap(store, Backend::File, Some(path))),
            Err(e) => {
                let error = js_error(e);
                nodefs::detach(&path);
                Err(Failure(error))
            }
        }
    }

    /// Opens a store in the browser's origin private file system (OPFS), for a dedicated
    /// Worker: `name` is the database's name in a pool of OPFS files under `directory`
    /// (default `.ruv-swarm-wasm`), through SQLite's `opfs-sahpool` VFS (sync access handles).
    /// `journalMode` defaults to `"delete"`, `synchronous` to `"full"`. A worker may keep
    /// stores in several directories; a directory is used by one worker at a time. Bad options
    /// throw; the promise rejects where OPFS is not available (Node, a browser's main thread)
    /// or when another worker holds the directory.
    #[wasm_bindgen(js_name = openOpfs, unchecked_return_type = "Promise<Store>")]
    pub fn open_opfs(
        #[wasm_bindgen(unchecked_param_type = "OpfsStoreOptions")] options: JsValue,
    ) -> Result<js_sys::Promise, JsValue> {
        if !options.is_object() || Array::is_array(&options) {
            return Err(wrong_type("options", "an object", &options).into());
        }
        reject_unknown_keys(
            "options",
            &["name", "directory", "journalMode", "synchronous"],
            &options,
        )?;
        let (name, directory) = opfs_name_and_directory(&options)?;
        let mut open = OpenOptions {
            journal: JournalMode::Delete,
            ..OpenOptions::default()
        };
        if let Some(mode) = option_string(&options, "journalMode")? {
            open.journal = JournalMode::parse(&mode).ok_or_else(|| {
                input_error(format!(
                    "invalid options.journalMode: '{mode}' is not one of wal, delete"
                ))
            })?;
        }
        if let Some(mode) = option_string(&options, "synchronous")? {
            open.synchronous = Synchronous::parse(&mode).ok_or_else(|| {
                input_error(format!(
                    "invalid options.synchronous: '{mode}' is not one of full, normal, off"
                ))
            })?;
        }
        Ok(js_sys::futures::future_to_promise(async move {
            use sqlite_wasm_rs::vfs::VfsFilesManager;
            let (pool, vfs) = opfs_pool(&directory).await?;
            // The pool holds a fixed number of files (6 at first): keep room for this database
            // and its journal or WAL, so opening more stores grows it instead of failing.
            let used = pool.len().map_err(|e| opfs_unavailable(&directory, &e))?;
            pool.ensure_capacity(used + 2)
                .await
                .map_err(|e| opfs_unavailable(&directory, &e))?;
            let location = Location::File {
                path: name.clone(),
                vfs: Some(vfs),
            };
            let store = crate::Store::open(location, open).map_err(js_error)?;
            Ok(JsValue::from(Self::wrap(store, Backend::Opfs, Some(name))))
        }))
    }

    /// Deletes an OPFS database (and any journal or WAL it left) from its pool, for a
    /// dedicated Worker; resolves to whether the database existed. Rejects while a store has
    /// it open, and where OPFS is not available.
    #[wasm_bindgen(js_name = deleteOpfs, unchecked_return_type = "Promise<boolean>")]
    pub fn delete_opfs(
        #[wasm_bindgen(unchecked_param_type = "OpfsDatabase")] options: JsValue,
    ) -> Result<js_sys::Promise, JsValue> {
        if !options.is_object() || Array::is_array(&options) {
            return Err(wrong_type("options", "an object", &options).into());
        }
        reject_unknown_keys("options", &["name", "directory"], &options)?;
        let (name, directory) = opfs_name_and_directory(&options)?;
        Ok(js_sys::futures::future_to_promise(async move {
            use sqlite_wasm_rs::vfs::VfsFilesManager;
            let (pool, _) = opfs_pool(&directory).await?;
            let remove = |file: &str| {
                pool.remove(file).map_err(|e| {
                    input_error(format!("cannot delete OPFS database '{name}': {e}")).0
                })
            };
            // The database first: it fails while the database is open, leaving everything.
            let existed = remove(&name)?;
            for suffix in ["-journal", "-wal", "-shm"] {
                remove(&format!("{name}{suffix}"))?;
            }
            Ok(JsValue::from_bool(existed))
        }))
    }

    fn wrap(store: crate::Store, backend: Backend, path: Option<String>) -> Store {
        Self::wrap_mirrored(store, backend, path, None)
    }

    fn wrap_mirrored(
        store: crate::Store,
        backend: Backend,
        path: Option<String>,
        mirror: Option<Mirror>,
    ) -> Store {
        Store {
            shared: Rc::new_cyclic(|this| Shared {
                store: RefCell::new(Some(store)),
                backend,
                path,
                mirror,
                this: this.clone(),
            }),
        }
    }

    /// Opens a store kept in memory and saved to IndexedDB (a browser's main thread or a
    /// worker): `name` is its key in the IndexedDB database `ruv-swarm-wasm`. After calls that
    /// commit, the whole database is saved in one IndexedDB transaction (strict durability),
    /// so the saved copy is always a committed state; `await store.flush()` waits for it. A
    /// Web Lock keeps other stores (in any tab) from opening `name` until this one is closed.
    /// For databases of up to some tens of MB: each save writes the whole database.
    #[wasm_bindgen(js_name = openIndexedDb, unchecked_return_type = "Promise<Store>")]
    pub fn open_indexed_db(
        #[wasm_bindgen(unchecked_param_type = "IndexedDbStoreOptions")] options: JsValue,
    ) -> Result<js_sys::Promise, JsValue> {
        let name = indexed_db_name(&options)?;
        Ok(js_sys::futures::future_to_promise(async move {
            let busy = format!(
                "the IndexedDB store '{name}' is open in another store (in this or another tab); close it first"
            );
            let release = take_lock(&name, busy).await?;
            let opened = Self::open_mirrored(&name).await;
            if opened.is_err() {
                if let Some((release, released)) = &release {
                    indexeddb::release(release, released).await;
                }
            }
            let (store, idb, saved) = opened?;
            let mirror = Mirror {
                idb,
                name: name.clone(),
                saved: Cell::new(saved),
                scheduled: Cell::new(false),
                tail: RefCell::new(js_sys::Promise::resolve(&JsValue::UNDEFINED)),
                error: Rc::new(RefCell::new(None)),
                release: RefCell::new(release),
            };
            Ok(JsValue::from(Self::wrap_mirrored(
                store,
                Backend::IndexedDb,
                Some(name),
                Some(mirror),
            )))
        }))
    }

    /// The store saved as `name` (or a new one) and how many changes are already saved.
    async fn open_mirrored(name: &str) -> Result<(crate::Store, Idb, u64), JsValue> {
        let idb = Idb::open().await.map_err(|e| input_error(e).0)?;
        let saved = idb.load(name).await.map_err(|e| input_error(e).0)?;
        let mut store =
            crate::Store::open(Location::Memory, OpenOptions::default()).map_err(js_error)?;
        if let Some(bytes) = &saved {
            store.import_bytes(&bytes.to_vec()).map_err(|e| {
                input_error(format!(
                    "the IndexedDB store '{name}' cannot be opened: {e}"
                ))
                .0
            })?;
        }
        store.count_changes();
        // What is saved now: a loaded database as it is (one import), a new one nothing yet
        // (it is saved at its first commit).
        let saved = store.change_count();
        Ok((store, idb, saved))
    }

    /// Deletes the IndexedDB store `name`; resolves to whether it existed. Rejects while a
    /// store has it open.
    #[wasm_bindgen(js_name = deleteIndexedDb, unchecked_return_type = "Promise<boolean>")]
    pub fn delete_indexed_db(
        #[wasm_bindgen(unchecked_param_type = "IndexedDbStoreOptions")] options: JsValue,
    ) -> Result<js_sys::Promise, JsValue> {
        let name = indexed_db_name(&options)?;
        Ok(js_sys::futures::future_to_promise(async move {
            let busy = format!("cannot delete the IndexedDB store '{name}': a store has it open");
            let release = take_lock(&name, busy).await?;
            let deleted = async {
                let idb = Idb::open().await?;
                let existed = idb.load(&name).await?.is_some();
                idb.save(&name, None).await?;
                Ok::<bool, String>(existed)
            }
            .await;
            if let Some((release, released)) = &release {
                indexeddb::release(release, released).await;
            }
            Ok(JsValue::from_bool(deleted.map_err(|e| input_error(e).0)?))
        }))
    }

    /// Resolves once the store's committed changes are saved where they are kept: at once for
    /// memory and file stores (file stores save at each commit), after the pending IndexedDB
    /// saves for IndexedDB stores (rejecting if one failed). Also after `close()`.
    #[wasm_bindgen(unchecked_return_type = "Promise<void>")]
    pub fn flush(&self) -> js_sys::Promise {
        let Some(mirror) = &self.shared.mirror else {
            return js_sys::Promise::resolve(&JsValue::UNDEFINED);
        };
        self.shared.save_mirror();
        mirror.flushed()
    }

    fn with<R>(&self, f: impl FnOnce(&mut crate::Store) -> Result<R, Error>) -> Res<R> {
        self.shared.with(f)
    }

    /// Closes the store: finalizes its statements and closes the database. Later calls throw;
    /// closing twice is allowed.
    pub fn close(&self) -> Result<(), JsValue> {
        Ok(self.shared.close()?)
    }

    /// Whether the store is open.
    #[wasm_bindgen(getter, js_name = isOpen)]
    pub fn is_open(&self) -> bool {
        self.shared
            .store
            .try_borrow()
            .map(|s| s.is_some())
            .unwrap_or(true)
    }

    /// Where the database lives: `"memory"`, `"file"` (Node) or `"opfs"` (browsers).
    #[wasm_bindgen(getter, unchecked_return_type = "StoreBackend")]
    pub fn backend(&self) -> String {
        String::from(match self.shared.backend {
            Backend::Memory => "memory",
            Backend::File => "file",
            Backend::Opfs => "opfs",
            Backend::IndexedDb => "indexeddb",
        })
    }

    /// The database file's path (file stores) or name (OPFS and IndexedDB stores).
    #[wasm_bindgen(getter)]
    pub fn path(&self) -> Option<String> {
        self.shared.path.clone()
    }

    /// The database's schema version.
    #[wasm_bindgen(getter, js_name = schemaVersion)]
    pub fn schema_version(&self) -> Result<f64, JsValue> {
        Ok(self.with(|s| s.schema_version())? as f64)
    }

    /// Whether a transaction is open.
    #[wasm_bindgen(getter, js_name = inTransaction)]
    pub fn in_transaction(&self) -> Result<bool, JsValue> {
        Ok(self.with(|s| Ok(s.in_transaction()))?)
    }

    // ----- raw SQL -----

    /// Runs one SQL statement and returns its rows as objects keyed by column name. `params`
    /// binds by position (an array) or by name (an object, for `:name`, `@name`, `$name`).
    #[wasm_bindgen(unchecked_return_type = "SqlRow[]")]
    pub fn query(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] sql: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "SqlParams | null")] params: JsValue,
    ) -> Result<JsValue, JsValue> {
        let sql = string_arg("sql", &sql)?;
        let params = sql_params(&params)?;
        let mut sink = None;
        self.with(|s| {
            s.query_with(&sql, &params, usize::MAX, |names, stmt| {
                sink.get_or_insert_with(|| RowSink::new(names, true))
                    .push(stmt);
                Ok(())
            })
        })?;
        Ok(match sink {
            Some(sink) => sink.finish()?,
            None => Array::new().into(),
        })
    }

    /// Runs one SQL statement and returns its first row (`undefined` when there is none).
    #[wasm_bindgen(unchecked_return_type = "SqlRow | undefined")]
    pub fn get(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] sql: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "SqlParams | null")] params: JsValue,
    ) -> Result<JsValue, JsValue> {
        let sql = string_arg("sql", &sql)?;
        let params = sql_params(&params)?;
        let mut sink = None;
        self.with(|s| {
            s.query_with(&sql, &params, 1, |names, stmt| {
                sink.get_or_insert_with(|| RowSink::new(names, true))
                    .push(stmt);
                Ok(())
            })
        })?;
        Ok(match sink {
            Some(sink) => sink.finish_first()?,
            None => JsValue::UNDEFINED,
        })
    }

    /// Runs one SQL statement (an INSERT, UPDATE, DELETE, CREATE...) and reports its changes.
    #[wasm_bindgen(unchecked_return_type = "RunResult")]
    pub fn execute(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] sql: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "SqlParams | null")] params: JsValue,
    ) -> Result<JsValue, JsValue> {
        let sql = string_arg("sql", &sql)?;
        let params = sql_params(&params)?;
        let run = self.with(|s| s.execute(&sql, &params))?;
        Ok(run_result(&run))
    }

    /// Runs one SQL statement once per parameter set, atomically (all or nothing).
    #[wasm_bindgen(js_name = executeMany, unchecked_return_type = "RunResult")]
    pub fn execute_many(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] sql: JsValue,
        #[wasm_bindgen(js_name = paramSets, unchecked_param_type = "SqlParams[]")]
        param_sets: JsValue,
    ) -> Result<JsValue, JsValue> {
        let sql = string_arg("sql", &sql)?;
        let Some(list) = param_sets.dyn_ref::<Array>() else {
            return Err(wrong_type("paramSets", "an array", &param_sets).into());
        };
        let mut sets = Vec::with_capacity(list.length() as usize);
        for item in list.iter() {
            sets.push(sql_params(&item)?);
        }
        let run = self.with(|s| s.execute_many(&sql, &sets))?;
        Ok(run_result(&run))
    }

    /// Runs SQL text holding any number of statements (a script: no parameters, no results).
    #[wasm_bindgen(js_name = executeBatch)]
    pub fn execute_batch(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] sql: JsValue,
    ) -> Result<(), JsValue> {
        let sql = string_arg("sql", &sql)?;
        Ok(self.with(|s| s.execute_batch(&sql))?)
    }

    /// Prepares one SQL statement for repeated use (as `new Statement(store, sql)`).
    pub fn prepare(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] sql: JsValue,
    ) -> Result<Statement, JsValue> {
        Statement::new(self, sql)
    }

    // ----- transactions -----

    /// Starts a transaction: `"deferred"` (the default), `"immediate"` or `"exclusive"`.
    pub fn begin(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "BeginMode | null")] mode: JsValue,
    ) -> Result<(), JsValue> {
        let mode = match opt_string("mode", &mode)? {
            None => BeginMode::Deferred,
            Some(name) => BeginMode::parse(&name).ok_or_else(|| {
                input_error(format!(
                    "invalid mode: '{name}' is not one of deferred, immediate, exclusive"
                ))
            })?,
        };
        Ok(self.with(|s| s.begin(mode))?)
    }

    /// Commits the open transaction.
    pub fn commit(&self) -> Result<(), JsValue> {
        Ok(self.with(|s| s.commit())?)
    }

    /// Rolls the open transaction back.
    pub fn rollback(&self) -> Result<(), JsValue> {
        Ok(self.with(|s| s.rollback())?)
    }

    /// Runs `fn` in a transaction (a savepoint inside an open one) and returns its result:
    /// committed when it returns, rolled back when it throws (the error is rethrown). `fn`
    /// must be synchronous.
    #[wasm_bindgen(skip_typescript)]
    pub fn transaction(&self, f: JsValue) -> Result<JsValue, JsValue> {
        let Some(f) = f.dyn_ref::<js_sys::Function>() else {
            return Err(wrong_type("fn", "a function", &f).into());
        };
        let savepoint = self.with(|s| s.enter_atomic())?;
        let result = f.call0(&JsValue::UNDEFINED);
        let thenable = result.as_ref().is_ok_and(|v| {
            v.is_object() && Reflect::get(v, &"then".into()).is_ok_and(|t| t.is_function())
        });
        let ok = result.is_ok() && !thenable;
        self.with(|s| s.exit_atomic(savepoint.as_deref(), ok))?;
        if thenable {
            return Err(input_error(String::from(
                "the transaction function returned a promise: it must be synchronous (the transaction was rolled back)",
            ))
            .0);
        }
        result
    }

    // ----- agents -----

    /// Saves an agent of a swarm (insert, or update keeping its creation time); returns it as
    /// stored.
    #[wasm_bindgen(js_name = saveAgent, unchecked_return_type = "AgentRecord")]
    pub fn save_agent(
        &self,
        #[wasm_bindgen(js_name = swarmId, unchecked_param_type = "string")] swarm_id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "AgentInput")] agent: JsValue,
    ) -> Result<JsValue, JsValue> {
        let swarm_id = string_arg("swarmId", &swarm_id)?;
        let agent: AgentInput = read_json("agent", &agent)?;
        let saved = self.with(|s| s.save_agent(&swarm_id, &agent))?;
        Ok(to_js(&saved)?)
    }

    /// Saves several agents atomically; returns how many.
    #[wasm_bindgen(js_name = saveAgents)]
    pub fn save_agents(
        &self,
        #[wasm_bindgen(js_name = swarmId, unchecked_param_type = "string")] swarm_id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "AgentInput[]")] agents: JsValue,
    ) -> Result<f64, JsValue> {
        let swarm_id = string_arg("swarmId", &swarm_id)?;
        let agents: Vec<AgentInput> = read_list("agents", &agents)?;
        Ok(self.with(|s| s.save_agents(&swarm_id, &agents))? as f64)
    }

    /// One agent, or `undefined`.
    #[wasm_bindgen(js_name = getAgent, unchecked_return_type = "AgentRecord | undefined")]
    pub fn get_agent(
        &self,
        #[wasm_bindgen(js_name = swarmId, unchecked_param_type = "string")] swarm_id: JsValue,
        #[wasm_bindgen(js_name = agentId, unchecked_param_type = "string")] agent_id: JsValue,
    ) -> Result<JsValue, JsValue> {
        let swarm_id = string_arg("swarmId", &swarm_id)?;
        let agent_id = string_arg("agentId", &agent_id)?;
        Ok(opt_to_js(
            self.with(|s| s.get_agent(&swarm_id, &agent_id))?,
        )?)
    }

    /// A swarm's agents by id, optionally only those with one status.
    #[wasm_bindgen(js_name = listAgents, unchecked_return_type = "AgentRecord[]")]
    pub fn list_agents(
        &self,
        #[wasm_bindgen(js_name = swarmId, unchecked_param_type = "string")] swarm_id: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "AgentQuery | null")] query: JsValue,
    ) -> Result<JsValue, JsValue> {
        let swarm_id = string_arg("swarmId", &swarm_id)?;
        let query: AgentQuery = read_opt_json("query", &query)?;
        Ok(to_js(&self.with(|s| s.list_agents(&swarm_id, &query))?)?)
    }

    /// Deletes an agent; returns whether it was stored.
    #[wasm_bindgen(js_name = deleteAgent)]
    pub fn delete_agent(
        &self,
        #[wasm_bindgen(js_name = swarmId, unchecked_param_type = "string")] swarm_id: JsValue,
        #[wasm_bindgen(js_name = agentId, unchecked_param_type = "string")] agent_id: JsValue,
    ) -> Result<bool, JsValue> {
        let swarm_id = string_arg("swarmId", &swarm_id)?;
        let agent_id = string_arg("agentId", &agent_id)?;
        Ok(self.with(|s| s.delete_agent(&swarm_id, &agent_id))?)
    }

    // ----- tasks -----

    /// Saves a task of a swarm (insert, or update keeping its creation time); returns it as
    /// stored.
    #[wasm_bindgen(js_name = saveTask, unchecked_return_type = "TaskRecord")]
    pub fn save_task(
        &self,
        #[wasm_bindgen(js_name = swarmId, unchecked_param_type = "string")] swarm_id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "TaskInput")] task: JsValue,
    ) -> Result<JsValue, JsValue> {
        let swarm_id = string_arg("swarmId", &swarm_id)?;
        let task: TaskInput = read_json("task", &task)?;
        Ok(to_js(&self.with(|s| s.save_task(&swarm_id, &task))?)?)
    }

    /// Saves several tasks atomically; returns how many.
    #[wasm_bindgen(js_name = saveTasks)]
    pub fn save_tasks(
        &self,
        #[wasm_bindgen(js_name = swarmId, unchecked_param_type = "string")] swarm_id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "TaskInput[]")] tasks: JsValue,
    ) -> Result<f64, JsValue> {
        let swarm_id = string_arg("swarmId", &swarm_id)?;
        let tasks: Vec<TaskInput> = read_list("tasks", &tasks)?;
        Ok(self.with(|s| s.save_tasks(&swarm_id, &tasks))? as f64)
    }

    /// One task, or `undefined`.
    #[wasm_bindgen(js_name = getTask, unchecked_return_type = "TaskRecord | undefined")]
    pub fn get_task(
        &self,
        #[wasm_bindgen(js_name = swarmId, unchecked_param_type = "string")] swarm_id: JsValue,
        #[wasm_bindgen(js_name = taskId, unchecked_param_type = "string")] task_id: JsValue,
    ) -> Result<JsValue, JsValue> {
        let swarm_id = string_arg("swarmId", &swarm_id)?;
        let task_id = string_arg("taskId", &task_id)?;
        Ok(opt_to_js(self.with(|s| s.get_task(&swarm_id, &task_id))?)?)
    }

    /// A swarm's tasks in order of last change, filtered by status, agent and time range.
    #[wasm_bindgen(js_name = listTasks, unchecked_return_type = "TaskRecord[]")]
    pub fn list_tasks(
        &self,
        #[wasm_bindgen(js_name = swarmId, unchecked_param_type = "string")] swarm_id: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "TaskQuery | null")] query: JsValue,
    ) -> Result<JsValue, JsValue> {
        let swarm_id = string_arg("swarmId", &swarm_id)?;
        let query: TaskQuery = read_opt_json("query", &query)?;
        Ok(to_js(&self.with(|s| s.list_tasks(&swarm_id, &query))?)?)
    }

    /// Deletes a task; returns whether it was stored.
    #[wasm_bindgen(js_name = deleteTask)]
    pub fn delete_task(
        &self,
        #[wasm_bindgen(js_name = swarmId, unchecked_param_type = "string")] swarm_id: JsValue,
        #[wasm_bindgen(js_name = taskId, unchecked_param_type = "string")] task_id: JsValue,
    ) -> Result<bool, JsValue> {
        let swarm_id = string_arg("swarmId", &swarm_id)?;
        let task_id = string_arg("taskId", &task_id)?;
        Ok(self.with(|s| s.delete_task(&swarm_id, &task_id))?)
    }

    // ----- events -----

    /// Appends an event to a swarm's log; returns its sequence number.
    #[wasm_bindgen(js_name = appendEvent)]
    pub fn append_event(
        &self,
        #[wasm_bindgen(js_name = swarmId, unchecked_param_type = "string")] swarm_id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "EventInput")] event: JsValue,
    ) -> Result<f64, JsValue> {
        let swarm_id = string_arg("swarmId", &swarm_id)?;
        let event: EventInput = read_json("event", &event)?;
        let seqs = self.with(|s| s.append_events(&swarm_id, core::slice::from_ref(&event)))?;
        Ok(seqs.first().copied().unwrap_or(0) as f64)
    }

    /// Appends events atomically; returns their sequence numbers.
    #[wasm_bindgen(js_name = appendEvents, unchecked_return_type = "number[]")]
    pub fn append_events(
        &self,
        #[wasm_bindgen(js_name = swarmId, unchecked_param_type = "string")] swarm_id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "EventInput[]")] events: JsValue,
    ) -> Result<JsValue, JsValue> {
        let swarm_id = string_arg("swarmId", &swarm_id)?;
        let events: Vec<EventInput> = read_list("events", &events)?;
        Ok(to_js(&self.with(|s| s.append_events(&swarm_id, &events))?)?)
    }

    /// A swarm's events in time order, filtered by time range, kinds, agent, task and
    /// sequence number.
    #[wasm_bindgen(js_name = queryEvents, unchecked_return_type = "EventRecord[]")]
    pub fn query_events(
        &self,
        #[wasm_bindgen(js_name = swarmId, unchecked_param_type = "string")] swarm_id: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "EventQuery | null")] query: JsValue,
    ) -> Result<JsValue, JsValue> {
        let swarm_id = string_arg("swarmId", &swarm_id)?;
        let query: EventQuery = read_opt_json("query", &query)?;
        Ok(to_js(&self.with(|s| s.query_events(&swarm_id, &query))?)?)
    }

    // ----- messages -----

    /// Stores a message between agents of a swarm; returns its id.
    #[wasm_bindgen(js_name = sendMessage)]
    pub fn send_message(
        &self,
        #[wasm_bindgen(js_name = swarmId, unchecked_param_type = "string")] swarm_id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "MessageInput")] message: JsValue,
    ) -> Result<f64, JsValue> {
        let swarm_id = string_arg("swarmId", &swarm_id)?;
        let message: MessageInput = read_json("message", &message)?;
        Ok(self.with(|s| s.send_message(&swarm_id, &message))? as f64)
    }

    /// A swarm's messages in time order, filtered by recipient, sender, read state and time.
    #[wasm_bindgen(js_name = queryMessages, unchecked_return_type = "MessageRecord[]")]
    pub fn query_messages(
        &self,
        #[wasm_bindgen(js_name = swarmId, unchecked_param_type = "string")] swarm_id: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "MessageQuery | null")] query: JsValue,
    ) -> Result<JsValue, JsValue> {
        let swarm_id = string_arg("swarmId", &swarm_id)?;
        let query: MessageQuery = read_opt_json("query", &query)?;
        Ok(to_js(&self.with(|s| s.query_messages(&swarm_id, &query))?)?)
    }

    /// Marks messages read (at `time`, default now); returns how many were unread.
    #[wasm_bindgen(js_name = markMessagesRead)]
    pub fn mark_messages_read(
        &self,
        #[wasm_bindgen(js_name = swarmId, unchecked_param_type = "string")] swarm_id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "number[]")] ids: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "number | null")] time: JsValue,
    ) -> Result<f64, JsValue> {
        let swarm_id = string_arg("swarmId", &swarm_id)?;
        let Some(list) = ids.dyn_ref::<Array>() else {
            return Err(wrong_type("ids", "an array", &ids).into());
        };
        let mut parsed = Vec::with_capacity(list.length() as usize);
        for (i, id) in list.iter().enumerate() {
            parsed.push(id_arg(&format!("ids[{i}]"), &id)?);
        }
        let time = opt_time_arg("time", &time)?;
        Ok(self.with(|s| s.mark_messages_read(&swarm_id, &parsed, time))? as f64)
    }

    // ----- metrics -----

    /// Records one measurement.
    #[wasm_bindgen(js_name = recordMetric)]
    pub fn record_metric(
        &self,
        #[wasm_bindgen(js_name = swarmId, unchecked_param_type = "string")] swarm_id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "MetricInput")] metric: JsValue,
    ) -> Result<(), JsValue> {
        let swarm_id = string_arg("swarmId", &swarm_id)?;
        let metric: MetricInput = read_json("metric", &metric)?;
        self.with(|s| s.record_metrics(&swarm_id, core::slice::from_ref(&metric)))?;
        Ok(())
    }

    /// Records measurements atomically; returns how many.
    #[wasm_bindgen(js_name = recordMetrics)]
    pub fn record_metrics(
        &self,
        #[wasm_bindgen(js_name = swarmId, unchecked_param_type = "string")] swarm_id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "MetricInput[]")] metrics: JsValue,
    ) -> Result<f64, JsValue> {
        let swarm_id = string_arg("swarmId", &swarm_id)?;
        let metrics: Vec<MetricInput> = read_list("metrics", &metrics)?;
        Ok(self.with(|s| s.record_metrics(&swarm_id, &metrics))? as f64)
    }

    /// A swarm's measurements in time order, filtered by name, agent and time range.
    #[wasm_bindgen(js_name = queryMetrics, unchecked_return_type = "MetricRecord[]")]
    pub fn query_metrics(
        &self,
        #[wasm_bindgen(js_name = swarmId, unchecked_param_type = "string")] swarm_id: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "MetricQuery | null")] query: JsValue,
    ) -> Result<JsValue, JsValue> {
        let swarm_id = string_arg("swarmId", &swarm_id)?;
        let query: MetricQuery = read_opt_json("query", &query)?;
        Ok(to_js(&self.with(|s| s.query_metrics(&swarm_id, &query))?)?)
    }

    /// Count, sum, min, max and mean of one metric (filtered by agent and time range).
    #[wasm_bindgen(js_name = summarizeMetric, unchecked_return_type = "MetricSummary")]
    pub fn summarize_metric(
        &self,
        #[wasm_bindgen(js_name = swarmId, unchecked_param_type = "string")] swarm_id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] name: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "MetricQuery | null")] query: JsValue,
    ) -> Result<JsValue, JsValue> {
        let swarm_id = string_arg("swarmId", &swarm_id)?;
        let name = string_arg("name", &name)?;
        let query: MetricQuery = read_opt_json("query", &query)?;
        Ok(to_js(
            &self.with(|s| s.summarize_metric(&swarm_id, &name, &query))?,
        )?)
    }

    // ----- swarm snapshots -----

    /// Stores a swarm snapshot (the bytes of the swarm module's `snapshot(swarmId)`); returns
    /// its id.
    #[wasm_bindgen(js_name = saveSnapshot)]
    pub fn save_snapshot(
        &self,
        #[wasm_bindgen(js_name = swarmId, unchecked_param_type = "string")] swarm_id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Uint8Array")] bytes: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "string | null")] label: JsValue,
    ) -> Result<f64, JsValue> {
        let swarm_id = string_arg("swarmId", &swarm_id)?;
        let Some(bytes) = bytes.dyn_ref::<Uint8Array>() else {
            return Err(wrong_type("bytes", "a Uint8Array", &bytes).into());
        };
        let bytes = bytes.to_vec();
        let label = opt_string("label", &label)?;
        Ok(self.with(|s| s.save_snapshot(&swarm_id, &bytes, label.as_deref(), None))? as f64)
    }

    /// The bytes of a swarm's snapshot `id`, or of its latest one; `undefined` if none (give
    /// them to the swarm module's `restore`).
    #[wasm_bindgen(js_name = loadSnapshot, unchecked_return_type = "Uint8Array | undefined")]
    pub fn load_snapshot(
        &self,
        #[wasm_bindgen(js_name = swarmId, unchecked_param_type = "string")] swarm_id: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "number | null")] id: JsValue,
    ) -> Result<JsValue, JsValue> {
        let swarm_id = string_arg("swarmId", &swarm_id)?;
        let id = opt_id_arg("id", &id)?;
        Ok(match self.with(|s| s.load_snapshot(&swarm_id, id))? {
            Some(bytes) => Uint8Array::from(bytes.as_slice()).into(),
            None => JsValue::UNDEFINED,
        })
    }

    /// A swarm's snapshots (without their bytes), oldest first.
    #[wasm_bindgen(js_name = listSnapshots, unchecked_return_type = "SnapshotInfo[]")]
    pub fn list_snapshots(
        &self,
        #[wasm_bindgen(js_name = swarmId, unchecked_param_type = "string")] swarm_id: JsValue,
    ) -> Result<JsValue, JsValue> {
        let swarm_id = string_arg("swarmId", &swarm_id)?;
        Ok(to_js(&self.with(|s| s.list_snapshots(&swarm_id))?)?)
    }

    /// Deletes a snapshot; returns whether it was stored.
    #[wasm_bindgen(js_name = deleteSnapshot)]
    pub fn delete_snapshot(
        &self,
        #[wasm_bindgen(js_name = swarmId, unchecked_param_type = "string")] swarm_id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "number")] id: JsValue,
    ) -> Result<bool, JsValue> {
        let swarm_id = string_arg("swarmId", &swarm_id)?;
        let id = id_arg("id", &id)?;
        Ok(self.with(|s| s.delete_snapshot(&swarm_id, id))?)
    }

    // ----- swarms and the database -----

    /// Ids of the swarms with anything stored, sorted.
    #[wasm_bindgen(js_name = listSwarms, unchecked_return_type = "string[]")]
    pub fn list_swarms(&self) -> Result<JsValue, JsValue> {
        Ok(to_js(&self.with(|s| s.list_swarms())?)?)
    }

    /// Deletes everything stored for a swarm, atomically; returns the number of rows deleted.
    #[wasm_bindgen(js_name = deleteSwarm)]
    pub fn delete_swarm(
        &self,
        #[wasm_bindgen(js_name = swarmId, unchecked_param_type = "string")] swarm_id: JsValue,
    ) -> Result<f64, JsValue> {
        let swarm_id = string_arg("swarmId", &swarm_id)?;
        Ok(self.with(|s| s.delete_swarm(&swarm_id))? as f64)
    }

    /// Facts about the database: sizes, journal mode, row counts.
    #[wasm_bindgen(unchecked_return_type = "StoreStats")]
    pub fn stats(&self) -> Result<JsValue, JsValue> {
        Ok(to_js(&self.with(|s| s.stats())?)?)
    }

    /// SQLite's integrity check: `[]` when the database is sound, else the problems found.
    #[wasm_bindgen(js_name = checkIntegrity, unchecked_return_type = "string[]")]
    pub fn check_integrity(&self) -> Result<JsValue, JsValue> {
        Ok(to_js(&self.with(|s| s.check_integrity())?)?)
    }

    /// The whole database as bytes: a SQLite database file any SQLite opens.
    #[wasm_bindgen(js_name = exportBytes)]
    pub fn export_bytes(&self) -> Result<Vec<u8>, JsValue> {
        Ok(self.with(|s| s.export_bytes())?)
    }

    /// Replaces the whole database with `bytes` (from `exportBytes`): checked first (integrity,
    /// schema), so on error nothing changes; older schemas are migrated.
    #[wasm_bindgen(js_name = importBytes)]
    pub fn import_bytes(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Uint8Array")] bytes: JsValue,
    ) -> Result<(), JsValue> {
        let Some(bytes) = bytes.dyn_ref::<Uint8Array>() else {
            return Err(wrong_type("bytes", "a Uint8Array", &bytes).into());
        };
        let bytes = bytes.to_vec();
        Ok(self.with(|s| s.import_bytes(&bytes))?)
    }
}

/// A prepared SQL statement of a store, for repeated use. Finalize it (or let it be
/// garbage-collected) when done; closing the store finalizes it too.
#[wasm_bindgen]
pub struct Statement {
    shared: Rc<Shared>,
    handle: Option<u32>,
    sql: String,
    columns: Vec<String>,
    /// The column names as JavaScript strings, made once.
    names: Vec<JsValue>,
    readonly: bool,
}

impl Statement {
    fn run_rows(&self, params: &JsValue, max_rows: usize, as_objects: bool) -> Res<RowSink> {
        let params = sql_params(params)?;
        let handle = self.handle.ok_or(Error::Closed("statement"))?;
        let mut sink = RowSink::new(&self.columns, as_objects);
        self.shared.with(|s| {
            s.run_prepared(handle, &params, |stmt| {
                sink.push(stmt);
                Ok(sink.rows() < max_rows)
            })
        })?;
        Ok(sink)
    }
}

#[wasm_bindgen]
impl Statement {
    /// Prepares one SQL statement of `store` for repeated use.
    #[wasm_bindgen(constructor)]
    pub fn new(
        store: &Store,
        #[wasm_bindgen(unchecked_param_type = "string")] sql: JsValue,
    ) -> Result<Statement, JsValue> {
        let sql = string_arg("sql", &sql)?;
        let handle = store.with(|s| s.prepare(&sql))?;
        let (columns, readonly) = store.with(|s| s.prepared_info(handle))?;
        Ok(Statement {
            shared: store.shared.clone(),
            handle: Some(handle),
            sql,
            names: columns.iter().map(|c| JsValue::from_str(c)).collect(),
            columns,
            readonly,
        })
    }

    /// Runs the statement to completion and reports its changes.
    #[wasm_bindgen(unchecked_return_type = "RunResult")]
    pub fn run(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "SqlParams | null")] params: JsValue,
    ) -> Result<JsValue, JsValue> {
        let params = sql_params(&params)?;
        let handle = self
            .handle
            .ok_or(Error::Closed("statement"))
            .map_err(Failure::from)?;
        let run = self
            .shared
            .with(|s| s.run_prepared(handle, &params, |_| Ok(true)))?;
        Ok(run_result(&run))
    }

    /// The first row (`undefined` when there is none).
    #[wasm_bindgen(unchecked_return_type = "SqlRow | undefined")]
    pub fn get(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "SqlParams | null")] params: JsValue,
    ) -> Result<JsValue, JsValue> {
        let params = sql_params(&params)?;
        let handle = self
            .handle
            .ok_or(Error::Closed("statement"))
            .map_err(Failure::from)?;
        let mut row = JsValue::UNDEFINED;
        self.shared.with(|s| {
            s.run_prepared(handle, &params, |stmt| {
                row = row_object(stmt, &self.names);
                Ok(false)
            })
        })?;
        Ok(row)
    }

    /// Every row, as objects keyed by column name.
    #[wasm_bindgen(unchecked_return_type = "SqlRow[]")]
    pub fn all(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "SqlParams | null")] params: JsValue,
    ) -> Result<JsValue, JsValue> {
        Ok(self.run_rows(&params, usize::MAX, true)?.finish()?)
    }

    /// Every row, as arrays of values in column order (for duplicate column names).
    #[wasm_bindgen(unchecked_return_type = "SqlValue[][]")]
    pub fn values(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "SqlParams | null")] params: JsValue,
    ) -> Result<JsValue, JsValue> {
        Ok(self.run_rows(&params, usize::MAX, false)?.finish()?)
    }

    /// The result column names.
    #[wasm_bindgen(getter, unchecked_return_type = "string[]")]
    pub fn columns(&self) -> JsValue {
        self.columns
            .iter()
            .map(|c| JsValue::from_str(c))
            .collect::<Array>()
            .into()
    }

    /// The SQL text.
    #[wasm_bindgen(getter)]
    pub fn sql(&self) -> String {
        self.sql.clone()
    }

    /// Whether the statement only reads.
    #[wasm_bindgen(getter)]
    pub fn readonly(&self) -> bool {
        self.readonly
    }

    /// Releases the statement; later runs throw. Finalizing twice is allowed.
    pub fn finalize(&mut self) {
        if let Some(handle) = self.handle.take() {
            if let Ok(mut slot) = self.shared.store.try_borrow_mut() {
                if let Some(store) = slot.as_mut() {
                    store.finalize(handle);
                }
            }
        }
    }
}

impl Drop for Statement {
    fn drop(&mut self) {
        self.finalize();
    }
}
