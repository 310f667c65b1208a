"""The compilation profiles: the one place that sets how wasm modules and host code are built."""

# Release profile of every wasm module (and of the third-party crates linked into them).
# `opt_level` is the default; each module sets its own (rust_wasm_module's `opt_level`).
# A panic in a wasm module can only trap (wasm32-unknown-unknown has nowhere to print it), so
# `immediate-abort` traps at once and drops the panic-formatting code from every module.
#
# `c_opt_level` is clang's for the C code of third-party crates (SQLite in persistence), whatever
# the module's Rust level: SQLite at -Os instead of the module's -O2 made the persistence module
# 19% smaller (gzip 769 -> 624 KB) with the same benchmark figures (crates/persistence/bench:
# inserts 1.35x -> 1.34x sql.js, point reads 3.96x -> 4.04x, one run each).
WASM_RELEASE_PROFILE = struct(
    opt_level = "3",
    c_opt_level = "s",
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

# A module's one optimization knob (rust_wasm_module's `opt_level`) is wasm-opt's level; rustc
# compiles the module's crates at the matching opt-level. The seed's guidance: Oz for size, O3 for
# speed, O2 balanced; Os and O4 for completeness.
RUSTC_OPT_LEVEL_FOR_WASM_OPT = {
    "Oz": "z",
    "Os": "s",
    "O2": "2",
    "O3": "3",
    "O4": "3",
}

WASM_OPT_LEVELS = list(RUSTC_OPT_LEVEL_FOR_WASM_OPT)
