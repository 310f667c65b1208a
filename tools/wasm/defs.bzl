"""Public API of the wasm packaging rules. Implementations live in private/."""

load("//tools/wasm/private:rust_wasm_bindgen.bzl", _rust_wasm_bindgen = "rust_wasm_bindgen")
load("//tools/wasm/private:wasm_bindgen.bzl", _wasm_bindgen = "wasm_bindgen")
load("//tools/wasm/private:wasm_module_test.bzl", _wasm_module_node_test = "wasm_module_node_test")
load("//tools/wasm/private:wasm_opt.bzl", _wasm_opt = "wasm_opt")
load("//tools/wasm/private:wasm_types.bzl", _wasm_types = "wasm_types")

rust_wasm_bindgen = _rust_wasm_bindgen
wasm_bindgen = _wasm_bindgen
wasm_opt = _wasm_opt
wasm_types = _wasm_types
wasm_module_node_test = _wasm_module_node_test
