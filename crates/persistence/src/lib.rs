//! ruv-persistence: durable storage for swarm state on real SQLite.
//!
//! A [`Store`] is a SQLite database with a schema for swarm state (agents, tasks, events,
//! messages, metrics and swarm snapshots; versioned, migrated on open) and
//! - a typed API: save/load records, query by swarm, status, agent and time range;
//! - raw SQL for everything else ([`Store::query`], [`Store::execute`],
//!   [`Store::execute_batch`], prepared statements), with parameters by position or name;
//! - transactions ([`Store::begin`]/[`Store::commit`]/[`Store::rollback`] and
//!   [`Store::atomic`], which nests as savepoints);
//! - export/import of the whole database as bytes (a plain SQLite file).
//!
//! SQLite itself is compiled into the crate: for wasm32 by `sqlite-wasm-rs` (SQLite 3.54.1
//! built with clang into the wasm module, so the same store runs in Node and in browsers), and
//! natively by `libsqlite3-sys` (the same SQLite version). Errors carry SQLite's own message and
//! result code ([`SqlError`]).
//!
//! Backends: in memory (the default), a file through SQLite's default VFS (native), and in the
//! wasm module a file in Node through a VFS over Node's synchronous `fs` calls with real
//! `fsync` (`src/nodefs.rs`), OPFS in browser workers (sqlite-wasm-vfs's `sahpool` VFS), or in
//! memory saved whole to IndexedDB after commits (`src/indexeddb.rs`, browsers' main thread).
#![no_std]

extern crate alloc;

// std provides the allocator and panic handler a native cdylib or test binary needs; with
// `bindings` on wasm32, wasm-bindgen links it already.
#[cfg(not(all(target_arch = "wasm32", feature = "bindings")))]
extern crate std;

pub mod error;
#[cfg(all(target_arch = "wasm32", feature = "bindings"))]
mod indexeddb;
#[cfg(target_arch = "wasm32")]
mod js;
#[cfg(target_arch = "wasm32")]
pub mod nodefs;
pub mod records;
pub mod schema;
pub mod sqlite;
pub mod store;

pub use error::Error;
pub use records::*;
pub use sqlite::{Params, SqlError, Value};
pub use store::{BeginMode, JournalMode, Location, OpenOptions, Rows, Store, Synchronous};

/// The SQLite library version compiled into this build (e.g. `3.54.1`).
pub fn sqlite_version() -> alloc::string::String {
    sqlite::library_version()
}

// The JS bindings, compiled only when this crate is the root of its own wasm module (feature
// `bindings`, set by rust_wasm_module), so crates depending on it do not re-export them.
#[cfg(all(target_arch = "wasm32", feature = "bindings"))]
mod wasm;

#[cfg(test)]
mod tests;
