"""rust_library: a first-party Rust library (rlib) for the current configuration."""

load("//tools/rust/private:compile.bzl", "CRATE_ATTRS", "crate_name_of", "crate_source", "rustc_compile")
load("//tools/rust/private:toolchain.bzl", "TOOLCHAIN_TYPE")

def _rust_library_impl(ctx):
    toolchain = ctx.toolchains[TOOLCHAIN_TYPE]
    crate_name = crate_name_of(ctx)
    output = ctx.actions.declare_file("lib{}-{}.rlib".format(crate_name, hash(str(ctx.label)) & 0xffff))
    info = rustc_compile(ctx, toolchain, crate_name, "rlib", crate_source(ctx, "src/lib.rs"), output)
    return [DefaultInfo(files = depset([output])), info]

rust_library = rule(
    implementation = _rust_library_impl,
    doc = "Compiles a Rust library crate for the target platform's Rust toolchain.",
    attrs = CRATE_ATTRS,
    toolchains = [TOOLCHAIN_TYPE],
)
