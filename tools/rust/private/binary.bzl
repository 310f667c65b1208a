"""rust_binary: a Rust program, typically a host tool run by other actions."""

load("//tools/rust/private:compile.bzl", "CRATE_ATTRS", "crate_name_of", "crate_source", "rustc_compile")
load("//tools/rust/private:toolchain.bzl", "TOOLCHAIN_TYPE")

def _rust_binary_impl(ctx):
    toolchain = ctx.toolchains[TOOLCHAIN_TYPE]
    output = ctx.actions.declare_file(ctx.label.name + (".wasm" if toolchain.is_wasm else ""))
    rustc_compile(ctx, toolchain, crate_name_of(ctx), "bin", crate_source(ctx, "src/main.rs"), output)
    return [DefaultInfo(
        files = depset([output]),
        executable = output,
        runfiles = ctx.runfiles(files = ctx.files.data),
    )]

rust_binary = rule(
    implementation = _rust_binary_impl,
    doc = "Compiles a Rust binary crate (a host tool when built for the host platform).",
    attrs = dict(CRATE_ATTRS, data = attr.label_list(allow_files = True, doc = "Files the program reads at run time.")),
    executable = True,
    toolchains = [TOOLCHAIN_TYPE],
)
