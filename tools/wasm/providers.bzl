"""Providers of the wasm packaging rules."""

WasmBindgenModuleInfo = provider(
    doc = "A wasm module with its wasm-bindgen glue, ready to ship (or to optimize).",
    fields = {
        "name": "The module's name in the package (`core`, `neural`, ...).",
        "js": "The ESM glue (wasm-bindgen `web` target).",
        "dts": "wasm-bindgen's TypeScript declarations for the glue.",
        "public_dts": "The package's precise declarations (types/<name>.d.ts, by dts_enhance), or None.",
        "wasm": "The module's .wasm (optimized, after wasm_opt).",
        "wasm_before_opt": "The .wasm as wasm-bindgen wrote it (before wasm-opt).",
        "simd128": "Whether the module was compiled with simd128.",
        "target_features": "The wasm features the module may use.",
        "opt_level": "The wasm-opt level applied (`Oz`, ...), or None.",
        "baseline": "The WasmBindgenModuleInfo of the same crate built without SIMD (for engines " +
                    "without it; same name and glue), or None.",
        "bundled_manifests": "For a module re-exporting other modules (unified): the " +
                             "dts_manifest.json Files of the modules it bundles; else empty.",
    },
)
