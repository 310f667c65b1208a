"""Public API of the wasm module rules. Implementations live in private/."""

load("//tools/wasm/private:rust_wasm_module.bzl", _rust_wasm_module = "rust_wasm_module")
load("//tools/wasm/private:wasm_module_list.bzl", _wasm_module_list = "wasm_module_list")
load("//tools/wasm/private:wasm_module_test.bzl", _wasm_module_node_test = "wasm_module_node_test", _wasm_module_test = "wasm_module_test")

rust_wasm_module = _rust_wasm_module
wasm_module_list = _wasm_module_list
wasm_module_test = _wasm_module_test
wasm_module_node_test = _wasm_module_node_test
