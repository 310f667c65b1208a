"""Providers of the wasm module rules."""

WasmModuleInfo = provider(
    doc = "One module of the package, as everything downstream needs it: its builds, glue, " +
          "types, and the files that test and measure it. Made only by rust_wasm_module.",
    fields = {
        "name": "The module's name in the package (`core`, `neural`, ...).",
        "label": "The Label of the rust_wasm_module target.",
        "crate": "The Label of the module's root rust_library.",
        "opt_level": "The module's optimization level (`Oz`, ...): wasm-opt's, and rustc's match.",
        "gzip_budget": "The most bytes the gzip'd simd128 build may take (the build report enforces it).",
        "builds": "dict: build name (`simd128`, `baseline`) -> struct(name, simd128, features, " +
                  "cdylib, wasm_unoptimized, wasm_names, wasm, js, dts): rustc's .wasm, " +
                  "wasm-bindgen's .wasm, the same with its name section (for the bundle report), " +
                  "the shipped (optimized, stripped) .wasm, the glue, wasm-bindgen's .d.ts; " +
                  "`features` are the wasm features the build may use, by binaryen's names.",
        "types": "The module's precise declarations (types/<name>.d.ts, by dts_enhance).",
        "dts_manifest": "The module's dts_manifest.json (how dts_enhance types its values).",
        "dts_types": "list of Files: the hand-written interfaces the manifest refers to (types.d.ts).",
        "bundled": "list of the WasmModuleInfo of the modules this one re-exports (unified); else [].",
        "node_suite": "The module's Node test script: `node <suite> <glue.js> <module.wasm> --build=<build>`.",
        "node_suite_data": "depset of the files the Node suite reads.",
        "scenarios": "dict: module name -> its cross-engine scenario file (`scenario(m, helpers)`, " +
                     "`memoryCycle(m, i, helpers)`): the module's own, or for a bundling module " +
                     "those of the modules it bundles.",
        "kernels": "dict: module name -> its benchmark kernel file, as `scenarios`.",
        "manifest": "The module's description (<target>.module.json): the fields above as " +
                    "runfiles paths, with each build's file sizes.",
    },
)

WasmModuleListInfo = provider(
    doc = "The package's modules, in package order (wasm_module_list).",
    fields = {
        "modules": "list of WasmModuleInfo.",
        "json": "modules.json: every module's description, for tests and benchmarks.",
    },
)
