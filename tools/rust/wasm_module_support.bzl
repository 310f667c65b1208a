"""What rules that make wasm modules (tools/wasm) build on: the Rust rules' wasm pieces.

Not for BUILD files (they load defs.bzl): the cdylib action, the module transition and its
builds, and the wasm profile, re-exported from private/.
"""

load("//tools/rust/private:cdylib.bzl", _compile_wasm_cdylib = "compile_wasm_cdylib", _linked_crates = "linked_crates")
load(
    "//tools/rust/private:profile.bzl",
    _RUSTC_OPT_LEVEL_FOR_WASM_OPT = "RUSTC_OPT_LEVEL_FOR_WASM_OPT",
    _WASM_BASELINE_FEATURES = "WASM_BASELINE_FEATURES",
    _WASM_OPT_LEVELS = "WASM_OPT_LEVELS",
)
load(
    "//tools/rust/private:transition.bzl",
    _PLATFORM_TRANSITION_ATTRS = "PLATFORM_TRANSITION_ATTRS",
    _WASM_PLATFORMS = "WASM_PLATFORMS",
    _wasm_module_transition = "wasm_module_transition",
)

compile_wasm_cdylib = _compile_wasm_cdylib
linked_crates = _linked_crates
RUSTC_OPT_LEVEL_FOR_WASM_OPT = _RUSTC_OPT_LEVEL_FOR_WASM_OPT
WASM_BASELINE_FEATURES = _WASM_BASELINE_FEATURES
WASM_OPT_LEVELS = _WASM_OPT_LEVELS
PLATFORM_TRANSITION_ATTRS = _PLATFORM_TRANSITION_ATTRS
WASM_PLATFORMS = _WASM_PLATFORMS
wasm_module_transition = _wasm_module_transition
