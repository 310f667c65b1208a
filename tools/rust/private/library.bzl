"""rust_library: a first-party Rust library (rlib) for the current configuration."""

load("//tools/rust:providers.bzl", "WasmBindingsPackagesInfo")
load("//tools/rust/private:compile.bzl", "CRATE_ATTRS", "crate_name_of", "crate_source", "rustc_compile", "with_extra_features")
load("//tools/rust/private:toolchain.bzl", "TOOLCHAIN_TYPE")

# The Cargo feature that compiles a crate's JS API (its `#[wasm_bindgen]` bindings).
BINDINGS_FEATURE = "bindings"

def _rust_library_impl(ctx):
    toolchain = ctx.toolchains[TOOLCHAIN_TYPE]
    crate_name = crate_name_of(ctx)
    source = crate_source(ctx, "src/lib.rs")
    bindings_packages = ctx.attr._wasm_bindings_packages[WasmBindingsPackagesInfo].packages
    if toolchain.is_wasm and "//" + ctx.label.package in bindings_packages:
        # This crate's JS API is part of the module being built (a bundling module's
        # `bundled_modules`), so its dependents link and export it.
        source = with_extra_features(source, [BINDINGS_FEATURE])
    output = ctx.actions.declare_file("lib{}-{}.rlib".format(crate_name, hash(str(ctx.label)) & 0xffff))
    info = rustc_compile(ctx, toolchain, crate_name, "rlib", source, output)
    return [DefaultInfo(files = depset([output])), info]

rust_library = rule(
    implementation = _rust_library_impl,
    doc = "Compiles a Rust library crate for the target platform's Rust toolchain. For wasm32, " +
          "the crate's `bindings` feature is on when a bundling module bundles its package's " +
          "module (rust_wasm_module's `bundled_modules`).",
    attrs = dict(CRATE_ATTRS, **{
        "_wasm_bindings_packages": attr.label(
            default = "//tools/rust:wasm_bindings_packages",
            providers = [WasmBindingsPackagesInfo],
            doc = "The crates compiled with their JS API in this configuration.",
        ),
    }),
    toolchains = [TOOLCHAIN_TYPE],
)
