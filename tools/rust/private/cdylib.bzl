"""rust_wasm_cdylib: a Rust library crate compiled into a WebAssembly module for a wasm platform."""

load("//tools/rust:providers.bzl", "RustCrateInfo", "WasmModuleInfo")
load("//tools/rust/private:compile.bzl", "rustc_compile", "with_extra_features")
load("//tools/rust/private:profile.bzl", "WASM_BASELINE_FEATURES")
load("//tools/rust/private:settings.bzl", "RUSTC_WASM_OPT_LEVELS")
load("//tools/rust/private:transition.bzl", "PLATFORM_TRANSITION_ATTRS", "wasm_module_transition")

def _rust_wasm_cdylib_impl(ctx):
    # Attributes behind a transition are lists (one entry per configuration; here, one).
    library = ctx.attr.crate[0][RustCrateInfo]
    toolchain = ctx.attr._toolchain[0][platform_common.ToolchainInfo]
    if not toolchain.is_wasm:
        fail("{}: platform {} does not resolve to a wasm32 Rust toolchain".format(ctx.label, ctx.attr.platform))
    output = ctx.actions.declare_file(ctx.label.name + ".wasm")
    bundled = [str(label) for label in ctx.attr.bindings_crates]
    if str(ctx.attr.crate[0].label) in bundled:
        fail("{}: `bindings_crates` lists the root crate {}; its features come from `crate_features`".format(ctx.label, ctx.attr.crate[0].label))
    linked = library.transitive_rlibs.to_list()
    for bundled_crate in ctx.attr.bindings_crates:
        if bundled_crate[RustCrateInfo].rlib not in linked:
            fail("{}: `bindings_crates` lists {}, which {} does not depend on".format(ctx.label, bundled_crate.label, ctx.attr.crate[0].label))
    source = with_extra_features(library.source, ctx.attr.crate_features)
    rustc_compile(ctx, toolchain, library.crate_name, "cdylib", source, output, opt_level = ctx.attr.opt_level)
    return [
        DefaultInfo(files = depset([output])),
        WasmModuleInfo(
            wasm = output,
            name = ctx.attr.module_name or ctx.label.name,
            simd128 = toolchain.simd128,
            target_features = WASM_BASELINE_FEATURES + (["simd"] if toolchain.simd128 else []),
        ),
    ]

rust_wasm_cdylib = rule(
    implementation = _rust_wasm_cdylib_impl,
    doc = "Compiles the sources of a rust_library as a `cdylib` for `platform` (a wasm32 " +
          "platform), whatever platform the build was asked for, with the wasm release profile " +
          "at `opt_level`.",
    attrs = dict(
        PLATFORM_TRANSITION_ATTRS,
        crate = attr.label(
            mandatory = True,
            providers = [RustCrateInfo],
            cfg = wasm_module_transition,
            doc = "The rust_library to compile; its dependencies are built for `platform`, at " +
                  "`opt_level`, too.",
        ),
        platform = attr.label(
            default = "//platforms:wasm32_simd128",
            doc = "The wasm32 platform to build for: //platforms:wasm32_simd128 or //platforms:wasm32.",
        ),
        opt_level = attr.string(
            default = "3",
            values = RUSTC_WASM_OPT_LEVELS,
            doc = "rustc -C opt-level of the module and of every crate in it (the standard " +
                  "library is built at 3; fat LTO re-optimizes it at this level).",
        ),
        bindings_crates = attr.label_list(
            providers = [RustCrateInfo],
            cfg = wasm_module_transition,
            doc = "rust_library crates under `crate` whose JS API (feature `bindings`) this " +
                  "module also exports: a bundling module (unified) lists the crates it " +
                  "re-exports. Every other crate under `crate` is compiled without it, so a " +
                  "module never re-exports its dependencies' APIs by accident.",
        ),
        module_name = attr.string(doc = "The module's name in the package; default: the target name."),
        crate_features = attr.string_list(
            doc = "Cargo features enabled for this module's root crate only (not for its " +
                  "dependencies), e.g. `bindings`, which compiles a crate's JS bindings.",
        ),
        _toolchain = attr.label(
            default = "//tools/rust:current_toolchain",
            cfg = wasm_module_transition,
            doc = "The Rust toolchain resolved for `platform`.",
        ),
    ),
)
