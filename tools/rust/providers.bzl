"""Providers of the Rust rules."""

RustCrateInfo = provider(
    doc = "A compiled Rust crate, as its dependents need it.",
    fields = {
        "crate_name": "The crate's name in Rust code (`ruv_core`).",
        "extern_flag": "The `--extern name=path` flag for a first-party crate, or None.",
        "argfile": "For a third-party crate: a rustc argument file with its `--extern` flag, or None.",
        "rlib": "The crate's compiled library (first-party), or None.",
        "transitive_rlibs": "depset of first-party rlibs this crate needs (for `-L dependency`).",
        "transitive_dep_dirs": "depset of directories of third-party rlibs and proc-macros.",
        "compile_inputs": "depset of every file a dependent's rustc needs for this crate.",
        "source": "struct(srcs, crate_root, deps, crate_features, edition, version, compile_data, " +
                  "cargo_package) for first-party crates (tests and cdylibs recompile it), or None.",
    },
)

WasmOptLevelInfo = provider(
    doc = "The value of //tools/rust:wasm_opt_level in a configuration.",
    fields = {
        "opt_level": "rustc -C opt-level for wasm32 code: \"2\", \"3\", \"s\" or \"z\".",
    },
)

WasmOptionalPackagesInfo = provider(
    doc = "The value of //tools/rust:wasm_optional_packages in a configuration.",
    fields = {
        "packages": "Names of the third-party packages (among @crates' `wasm_optional_packages`) " +
                    "built for wasm32 in this configuration.",
    },
)

WasmBindingsPackagesInfo = provider(
    doc = "The value of //tools/rust:wasm_bindings_packages in a configuration.",
    fields = {
        "packages": "Bazel packages (`//crates/core`) whose rust_library is compiled with its " +
                    "`bindings` feature in this configuration: the crates a bundling module " +
                    "(unified) re-exports.",
    },
)
