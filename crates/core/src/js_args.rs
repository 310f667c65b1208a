//! Argument checks shared by every module's JS bindings (wasm32 only).
//!
//! wasm-bindgen's conversions trust the JavaScript caller: `&str`/`String` parameters assume a
//! JS string (anything else makes the instance trap), `Option<bool>` takes any truthy value as
//! `true`. Bindings take such parameters as `JsValue` (typed precisely in the `.d.ts` by
//! `unchecked_param_type` or the crate's dts manifest) and read them with these functions, which
//! return a JS `Error` naming the parameter instead.

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use serde::de::DeserializeOwned;
use wasm_bindgen::{JsCast, JsError, JsValue};

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

/// Fails if `value` is a plain object with an own key not in `fields` (no-op when `fields` is
/// empty, i.e. the target is not a struct, or when `value` is not a plain object: the
/// deserializer reports those). serde-wasm-bindgen only reads a struct's known keys, so without
/// this a misspelt option would be ignored silently.
pub fn reject_unknown_keys(what: &str, fields: &[&str], value: &JsValue) -> Result<(), JsError> {
    if fields.is_empty() || !value.is_object() || js_sys::Array::is_array(value) {
        return Ok(());
    }
    for key in js_sys::Object::keys(value.unchecked_ref::<js_sys::Object>()).iter() {
        let key = key.as_string().unwrap_or_default();
        if !fields.contains(&key.as_str()) {
            let expected: Vec<String> = fields.iter().map(|f| format!("`{f}`")).collect();
            return Err(JsError::new(&format!(
                "invalid {what}: unknown field `{key}`, expected one of {}",
                expected.join(", ")
            )));
        }
    }
    Ok(())
}

/// Reads a JSON-shaped argument into `T`, rejecting unknown keys of a struct first.
pub fn from_js<T: DeserializeOwned>(what: &str, value: JsValue) -> Result<T, JsError> {
    reject_unknown_keys(what, crate::introspect::struct_fields::<T>(), &value)?;
    serde_wasm_bindgen::from_value(value).map_err(|e| JsError::new(&format!("invalid {what}: {e}")))
}
