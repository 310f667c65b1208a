//! Native tests of the store on the same SQLite version the wasm module embeds.

mod raw_sql;
mod schema;
mod transfer;
mod typed;

extern crate std;

use crate::store::{Location, OpenOptions, Store};
use alloc::string::String;

/// A fixed clock: typed-API default times are deterministic in tests.
pub(crate) fn clock() -> f64 {
    1_000.0
}

pub(crate) fn memory() -> Store {
    match Store::open_with_clock(Location::Memory, OpenOptions::default(), clock) {
        Ok(store) => store,
        Err(e) => panic!("opening a memory store failed: {e}"),
    }
}

/// An idle agent with nothing but its id (saved at the store's clock).
pub(crate) fn idle_agent(id: &str) -> crate::AgentInput {
    crate::AgentInput {
        id: id.into(),
        name: None,
        role: None,
        status: ruv_core::AgentStatus::Idle,
        capabilities: alloc::vec![],
        data: None,
        time: None,
    }
}

/// A fresh path in the system's temporary directory (removed with its journal files on drop).
pub(crate) struct TempPath(pub String);

impl TempPath {
    pub(crate) fn new(name: &str) -> Self {
        use std::sync::atomic::{AtomicU32, Ordering};
        static NEXT: AtomicU32 = AtomicU32::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let dir = std::env::temp_dir();
        let path = dir.join(alloc::format!(
            "ruv-persistence-{}-{n}-{name}.db",
            std::process::id()
        ));
        let path = TempPath(path.to_string_lossy().into_owned());
        path.cleanup();
        path
    }

    pub(crate) fn location(&self) -> Location {
        Location::File {
            path: self.0.clone(),
            vfs: None,
        }
    }

    fn cleanup(&self) {
        for suffix in ["", "-journal", "-wal", "-shm"] {
            let _ = std::fs::remove_file(alloc::format!("{}{suffix}", self.0));
        }
    }
}

impl Drop for TempPath {
    fn drop(&mut self) {
        self.cleanup();
    }
}

#[test]
fn links_sqlite_3_54() {
    assert_eq!(crate::sqlite_version(), "3.54.1");
}
