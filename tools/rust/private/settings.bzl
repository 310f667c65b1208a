"""Build settings of the Rust rules."""

load("//tools/rust:providers.bzl", "WasmBindingsPackagesInfo", "WasmOptLevelInfo", "WasmOptionalPackagesInfo")

RUSTC_WASM_OPT_LEVELS = ["2", "3", "s", "z"]

def _wasm_opt_level_setting_impl(ctx):
    level = ctx.build_setting_value
    if level not in RUSTC_WASM_OPT_LEVELS:
        fail("{}: rustc opt-level {} is not one of {}. Fix: set it to one of those (rust_wasm_module's transition sets it from the module's `opt_level`).".format(ctx.label, repr(level), ", ".join(RUSTC_WASM_OPT_LEVELS)))
    return [WasmOptLevelInfo(opt_level = level)]

wasm_opt_level_setting = rule(
    implementation = _wasm_opt_level_setting_impl,
    doc = "The rustc opt-level of wasm32 code in this configuration; rust_wasm_module sets it for " +
          "its crate (and everything the crate depends on) from the module's optimization level.",
    build_setting = config.string(flag = False),
)

def _wasm_bindings_packages_setting_impl(ctx):
    for package in ctx.build_setting_value:
        if not package.startswith("//") or ":" in package:
            fail("{}: {} is not a package label. Fix: name packages as //crates/core: a leading //, no target name.".format(ctx.label, repr(package)))
    return [WasmBindingsPackagesInfo(packages = ctx.build_setting_value)]

wasm_bindings_packages_setting = rule(
    implementation = _wasm_bindings_packages_setting_impl,
    doc = "Packages whose rust_library is compiled with its `bindings` feature (its JS API) in " +
          "this configuration, besides a module's root crate. rust_wasm_module sets it from " +
          "`bundled_modules`, so one module (unified) can re-export the APIs of several crates.",
    build_setting = config.string_list(flag = False),
)

def _wasm_optional_packages_setting_impl(ctx):
    return [WasmOptionalPackagesInfo(packages = ctx.build_setting_value)]

wasm_optional_packages_setting = rule(
    implementation = _wasm_optional_packages_setting_impl,
    doc = "Third-party packages that @crates builds for wasm32 only where needed " +
          "(cargo_crates_repository's `wasm_optional_packages`), on in this configuration. " +
          "rust_wasm_module sets it to those its crate depends on, so only that module's " +
          "configurations compile them.",
    build_setting = config.string_list(flag = False),
)
