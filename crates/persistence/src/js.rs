//! Reading JavaScript values from Rust (wasm32): the one property lookup the bindings, the Node
//! fs VFS and the IndexedDB layer share.

use wasm_bindgen::JsValue;

/// `object[key]`; `undefined` when `object` has no such property or the lookup throws (a
/// getter, a proxy, or `object` not being an object).
pub fn property(object: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(object, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}
