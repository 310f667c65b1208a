//! JavaScript bindings of the `persistence` module.
use wasm_bindgen::prelude::*;

ruv_core::export_module_interface!();

/// The SQLite version compiled into this module.
#[wasm_bindgen(js_name = sqliteVersion)]
pub fn sqlite_version() -> alloc::string::String {
    crate::sqlite_version()
}
