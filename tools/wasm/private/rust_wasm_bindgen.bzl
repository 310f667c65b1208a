"""rust_wasm_bindgen: a Rust library to an optimized, typed, JS-ready wasm module in one call."""

load("//tools/rust/private:cdylib.bzl", "rust_wasm_cdylib")
load("//tools/wasm/private:wasm_bindgen.bzl", "wasm_bindgen")
load("//tools/wasm/private:wasm_opt.bzl", "wasm_opt")
load("//tools/wasm/private:wasm_types.bzl", "wasm_types")

# The rustc opt-level that goes with each wasm-opt level: one knob per module.
RUSTC_OPT_LEVEL_FOR_WASM_OPT = {
    "Oz": "z",
    "Os": "s",
    "O2": "2",
    "O3": "3",
    "O4": "3",
}

def rust_wasm_bindgen(
        name,
        crate,
        module_name,
        version,
        opt_level = "Oz",
        dts_manifest = "dts_manifest.json",
        dts_types = "types.d.ts",
        crate_features = ["bindings", "module"],
        bundled_crates = [],
        **kwargs):
    """Compiles `crate` for both wasm platforms, runs wasm-bindgen, wasm-opt and dts_enhance.

    Every module ships two builds of the same sources: SIMD128 (//platforms:wasm32_simd128) and
    baseline (//platforms:wasm32), for engines without SIMD; the package's loader picks one.
    Creates, for the SIMD128 build, `<name>_cdylib` (rust_wasm_cdylib), `<name>_bindgen`
    (wasm_bindgen) and `<name>_opt` (wasm_opt); the same with `<name>_baseline_` for the baseline
    build; `<name>_baseline` (the baseline build alone, for tests and benchmarks); and `<name>`
    (wasm_types: the module to ship, both builds, for npm_package).

    Args:
      name: the shippable module's target name.
      crate: the rust_library with the `#[wasm_bindgen]` API.
      module_name: the module's name in the npm package.
      version: the package version (WORKSPACE_VERSION).
      opt_level: Oz (size), O3 (speed), O2 (balanced), Os, O4: wasm-opt's level, and the matching
        rustc opt-level (z, 3, 2, s, 3) for the crate and everything compiled into it.
      dts_manifest: the module's dts_manifest.json.
      dts_types: its hand-written TypeScript interfaces, or None.
      crate_features: Cargo features of the root crate only. By convention `bindings` gates a
        crate's `#[wasm_bindgen]` API, so a crate's dependents never re-export it, and `module`
        exports the module interface (version, memoryUsage, simdEnabled), once per module.
      bundled_crates: for a module that re-exports other modules (unified): their rust_library
        crates, each compiled with its `bindings` feature (not `module`) into this one module.
        Each crate's package must export its `dts_manifest.json` and `types.d.ts`, which are
        merged into this module's types.
      **kwargs: common attributes (visibility, tags) for the targets.
    """
    for variant, platform in [("", "//platforms:wasm32_simd128"), ("_baseline", "//platforms:wasm32")]:
        prefix = name + variant
        rust_wasm_cdylib(
            name = prefix + "_cdylib",
            crate = crate,
            module_name = module_name,
            opt_level = RUSTC_OPT_LEVEL_FOR_WASM_OPT[opt_level],
            platform = platform,
            crate_features = crate_features,
            bindings_crates = bundled_crates,
            **kwargs
        )
        wasm_bindgen(
            name = prefix + "_bindgen",
            module = ":" + prefix + "_cdylib",
            **kwargs
        )
        wasm_opt(
            name = prefix + "_opt",
            module = ":" + prefix + "_bindgen",
            level = opt_level,
            **kwargs
        )
    bundled_dts = []
    for crate_label in bundled_crates:
        package = crate_label.split(":")[0]
        bundled_dts += [package + ":dts_manifest.json", package + ":types.d.ts"]
    wasm_types(
        name = name + "_baseline",
        module = ":" + name + "_baseline_opt",
        manifest = dts_manifest,
        types = dts_types,
        bundled_dts = bundled_dts,
        version = version,
        **kwargs
    )
    wasm_types(
        name = name,
        module = ":" + name + "_opt",
        baseline = ":" + name + "_baseline_opt",
        manifest = dts_manifest,
        types = dts_types,
        bundled_dts = bundled_dts,
        version = version,
        **kwargs
    )
