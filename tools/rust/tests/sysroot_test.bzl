"""Analysis tests of rust_wasm_sysroot: the standard library is built as the wasm code using it.

The targets under test are the toolchains' own sysroots (//tools/rust:sysroot_<variant>).
"""

load("//tools/rust/private:profile.bzl", "WASM_RELEASE_PROFILE")
load("//tools/testing:analysis.bzl", "analysis_test", "asserts", "begin", "end", "option_values", "single_action", "target_under_test")

def _sysroot_test_impl(ctx):
    env = begin(ctx)
    name = target_under_test(env).label.name
    action = single_action(env, "RustSysroot", "tools/rust/" + name)
    if action:
        argv = action.argv
        asserts.equals(env, ["sysroot"], argv[2:3], "cargo driver command")
        asserts.equals(env, ["wasm32-unknown-unknown"], option_values(argv, "--target"), "target")
        asserts.equals(env, [WASM_RELEASE_PROFILE.opt_level], option_values(argv, "--opt-level"), "opt-level (the release profile's)")
        asserts.equals(env, [WASM_RELEASE_PROFILE.panic], option_values(argv, "--panic"), "panic strategy (the modules')")
        rustflags = (["-Ctarget-feature=+simd128"] if ctx.attr.simd128 else []) + ["-Cembed-bitcode=yes"]
        asserts.equals(env, rustflags, option_values(argv, "--rustflag"), "rustflags (the variant's features; bitcode for fat LTO)")
        vendor = option_values(argv, "--std-vendor")
        asserts.true(env, len(vendor) == 1 and vendor[0].endswith("rustlib/src/rust/library/vendor"), "the library's vendored dependencies, got {}".format(vendor))
        asserts.equals(env, {"PATH": "/usr/bin:/bin"}, action.env, "environment")
    return end(env)

sysroot_test = analysis_test(
    _sysroot_test_impl,
    attrs = {"simd128": attr.bool(mandatory = True, doc = "Whether the variant has SIMD128.")},
    doc = "A wasm32 sysroot: the release profile's opt-level and panic strategy, the variant's " +
          "target features, LLVM bitcode in every rlib.",
)
