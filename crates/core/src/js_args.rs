//! Argument checks shared by every module's JS bindings (wasm32 only).
//!
//! wasm-bindgen's conversions trust the JavaScript caller: `&str`/`String` parameters assume a
//! JS string (anything else makes the instance trap), `Option<bool>` takes any truthy value as
//! `true`. Bindings take such parameters as `JsValue` (typed precisely in the `.d.ts` by
//! `unchecked_param_type` or the crate's dts manifest) and read them with these functions, which
//! return a JS `Error` naming the parameter instead.

use alloc::format;
use alloc::string::String;
use wasm_bindgen::{JsError, JsValue};

/// `typeof value`, with `null` and arrays named as such.
pub fn type_name(value: &JsValue) -> String {
    if value.is_null() {
        "null".into()
    } else if js_sys::Array::is_array(value) {
        "an array".into()
    } else {
        value.js_typeof().as_string().unwrap_or_default()
    }
}

/// The error for an argument of the wrong type: "`what` must be `expected`, got `type`".
pub fn wrong_type(what: &str, expected: &str, value: &JsValue) -> JsError {
    JsError::new(&format!(
        "{what} must be {expected}, got {}",
        type_name(value)
    ))
}

/// Reads a string argument.
pub fn string_arg(what: &str, value: &JsValue) -> Result<String, JsError> {
    value
        .as_string()
        .ok_or_else(|| wrong_type(what, "a string", value))
}

/// [`string_arg`] for an optional parameter: `undefined` or `null` gives `None`.
pub fn opt_string_arg(what: &str, value: &JsValue) -> Result<Option<String>, JsError> {
    // The typed read first: one call into JavaScript for the common case.
    match value.as_string() {
        Some(text) => Ok(Some(text)),
        None if value.is_null_or_undefined() => Ok(None),
        None => Err(wrong_type(what, "a string", value)),
    }
}
