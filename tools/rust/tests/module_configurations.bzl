"""module_configurations: what rust_wasm_module's transition sets, read back per build (a fixture).

The rule has the attributes the transition reads (`crate`, `opt_level`, `bundled_modules`) and
one attribute under the transition itself, whose targets are the settings and the Rust toolchain:
each split reads them in its configuration, so the test sees exactly what a module's crate sees.
"""

load("//tools/rust:providers.bzl", "WasmBindingsPackagesInfo", "WasmOptLevelInfo", "WasmOptionalPackagesInfo")
load("//tools/rust/private:transition.bzl", "PLATFORM_TRANSITION_ATTRS", "wasm_module_transition")

ModuleConfigurationsInfo = provider(
    doc = "The configuration of each build of a module, as its crate sees it.",
    fields = {
        "builds": "dict: build name -> struct(platform, opt_level, bindings_packages, " +
                  "optional_packages, target_triple, simd128, sysroot)",
    },
)

def _platform_impl(ctx):
    return [ModuleConfigurationsInfo(builds = {"": struct(platform = ctx.fragments.platform.platform)})]

current_platform = rule(
    implementation = _platform_impl,
    doc = "The target platform of the configuration (a fixture).",
    fragments = ["platform"],
)

def _module_configurations_impl(ctx):
    builds = {}
    for build, (platform, opt_level, bindings, optional, toolchain) in ctx.split_attr._configured.items():
        info = toolchain[platform_common.ToolchainInfo]
        builds[build] = struct(
            platform = platform[ModuleConfigurationsInfo].builds[""].platform,
            opt_level = opt_level[WasmOptLevelInfo].opt_level,
            bindings_packages = bindings[WasmBindingsPackagesInfo].packages,
            optional_packages = optional[WasmOptionalPackagesInfo].packages,
            target_triple = info.target_triple,
            simd128 = info.simd128,
            sysroot = info.sysroot.short_path if info.sysroot else None,
        )
    return [ModuleConfigurationsInfo(builds = builds)]

module_configurations = rule(
    implementation = _module_configurations_impl,
    doc = "Applies rust_wasm_module's transition as a module with these attributes would, and " +
          "reports each build's settings, platform and resolved Rust toolchain.",
    attrs = dict(
        PLATFORM_TRANSITION_ATTRS,
        crate = attr.label(mandatory = True, allow_files = True, doc = "As rust_wasm_module's `crate` (the transition reads its package)."),
        opt_level = attr.string(default = "Oz", doc = "As rust_wasm_module's `opt_level`."),
        bundled_modules = attr.label_list(allow_files = True, doc = "As rust_wasm_module's `bundled_modules` (any targets: the transition reads their packages)."),
        _configured = attr.label_list(
            cfg = wasm_module_transition,
            doc = "Read in each build's configuration: the platform, the three settings the " +
                  "transition sets, and the Rust toolchain resolved there (in this order).",
            default = [
                "//tools/rust/tests/fixtures:current_platform",
                "//tools/rust:wasm_opt_level",
                "//tools/rust:wasm_bindings_packages",
                "//tools/rust:wasm_optional_packages",
                "//tools/rust:current_toolchain",
            ],
        ),
    ),
)
