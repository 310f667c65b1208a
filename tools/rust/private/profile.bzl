"""The compilation profiles: the one place that sets how wasm modules and host code are built."""

# Release profile of every wasm module (and of the third-party crates linked into them).
# `opt_level` is the default; each module sets its own (rust_wasm_cdylib's `opt_level`).
# A panic in a wasm module can only trap (wasm32-unknown-unknown has nowhere to print it), so
# `immediate-abort` traps at once and drops the panic-formatting code from every module.
WASM_RELEASE_PROFILE = struct(
    opt_level = "3",
    lto = "fat",
    codegen_units = 1,
    panic = "immediate-abort",
)

# Host tools and native tests: optimized, unwinding (the test harness needs it), no LTO.
HOST_PROFILE = struct(
    opt_level = "2",
    lto = "off",
    codegen_units = 16,
    panic = "unwind",
)

# WebAssembly features rustc 1.96 enables by default for wasm32-unknown-unknown (LLVM 22's
# "generic" CPU), by binaryen's names; wasm-opt must be told every one the module may use.
# simd128 builds add "simd".
WASM_BASELINE_FEATURES = [
    "bulk-memory",
    "multivalue",
    "mutable-globals",
    "nontrapping-float-to-int",
    "reference-types",
    "sign-ext",
]
