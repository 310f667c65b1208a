"""rust_test: a crate's unit tests (or an integration test) as a native test binary."""

load("//tools/rust:providers.bzl", "RustCrateInfo")
load("//tools/rust/private:compile.bzl", "CRATE_ATTRS", "crate_name_of", "crate_source", "rustc_compile")
load("//tools/rust/private:toolchain.bzl", "TOOLCHAIN_TYPE")

def _rust_test_impl(ctx):
    toolchain = ctx.toolchains[TOOLCHAIN_TYPE]
    if ctx.attr.crate:
        if ctx.files.srcs:
            fail("{}: `crate` and `srcs` are both set. Fix: give `crate` for the unit tests of a library, or `srcs` for an integration test, not both.".format(ctx.label))
        library = ctx.attr.crate[RustCrateInfo]
        source = library.source
        crate_name = library.crate_name
        dev_deps = [dep[RustCrateInfo] for dep in ctx.attr.deps]
    else:
        source = crate_source(ctx, None)
        crate_name = crate_name_of(ctx)
        dev_deps = []
    output = ctx.actions.declare_file(ctx.label.name)
    rustc_compile(ctx, toolchain, crate_name, "test", source, output, extra_deps = dev_deps)
    return [DefaultInfo(
        executable = output,
        runfiles = ctx.runfiles(files = ctx.files.data),
    )]

rust_test = rule(
    implementation = _rust_test_impl,
    doc = "Builds a Rust test harness binary: the unit tests of `crate`, or the integration " +
          "test in `srcs` (with `deps` such as the library under test). Runs natively.",
    attrs = dict(
        CRATE_ATTRS,
        crate = attr.label(providers = [RustCrateInfo], doc = "A rust_library whose unit tests (its `#[cfg(test)]` code) to run; `deps` then lists its dev-dependencies."),
        data = attr.label_list(allow_files = True, doc = "Files the tests read at run time."),
    ),
    test = True,
    toolchains = [TOOLCHAIN_TYPE],
)
