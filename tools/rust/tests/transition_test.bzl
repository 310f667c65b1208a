"""Analysis tests of rust_wasm_module's transition: what each build of a module is configured with.

The targets under test are module_configurations fixtures, which apply the transition as a
module with the same attributes would and read the settings back in each build.
"""

load("@crates//:workspace.bzl", "WASM_OPTIONAL_PACKAGES")
load("//tools/rust/private:profile.bzl", "WASM_RELEASE_PROFILE")
load("//tools/rust/tests:module_configurations.bzl", "ModuleConfigurationsInfo")
load("//tools/testing:analysis.bzl", "analysis_test", "asserts", "begin", "end", "target_under_test")

# What each build is: the platform the README and platforms/BUILD.bazel describe, and the Rust
# toolchain it resolves to.
_BUILDS = {
    "simd128": struct(platform = "//platforms:wasm32_simd128", simd128 = True, sysroot = "tools/rust/sysroot_wasm32_simd128"),
    "baseline": struct(platform = "//platforms:wasm32", simd128 = False, sysroot = "tools/rust/sysroot_wasm32"),
}

def _check(env, opt_level, bindings_packages, optional_packages):
    builds = target_under_test(env)[ModuleConfigurationsInfo].builds
    asserts.equals(env, sorted(_BUILDS), sorted(builds), "builds")
    for name, expected in _BUILDS.items():
        build = builds.get(name)
        if not build:
            continue
        what = "{} build: ".format(name)
        asserts.equals(env, Label(expected.platform), build.platform, what + "platform")
        asserts.equals(env, "wasm32-unknown-unknown", build.target_triple, what + "toolchain target")
        asserts.equals(env, expected.simd128, build.simd128, what + "toolchain has simd128")
        asserts.equals(env, expected.sysroot, build.sysroot, what + "toolchain sysroot")
        asserts.equals(env, opt_level, build.opt_level, what + "//tools/rust:wasm_opt_level")
        asserts.equals(env, bindings_packages, build.bindings_packages, what + "//tools/rust:wasm_bindings_packages")
        asserts.equals(env, optional_packages, build.optional_packages, what + "//tools/rust:wasm_optional_packages")

def _opt_level_test_impl(ctx):
    env = begin(ctx)
    _check(env, ctx.attr.rustc_opt_level, [], [])
    return end(env)

opt_level_test = analysis_test(
    _opt_level_test_impl,
    attrs = {"rustc_opt_level": attr.string(mandatory = True, doc = "The rustc opt-level the module's level maps to.")},
    doc = "Both builds, on their platforms, at the rustc opt-level of the module's `opt_level`.",
)

def _bundling_test_impl(ctx):
    env = begin(ctx)
    _check(env, "s", ctx.attr.bindings_packages, [])
    return end(env)

bundling_test = analysis_test(
    _bundling_test_impl,
    attrs = {"bindings_packages": attr.string_list(mandatory = True, doc = "The expected setting.")},
    doc = "A bundling module compiles the JS API of exactly its bundled modules' packages.",
)

def _optional_packages_test_impl(ctx):
    env = begin(ctx)
    package = ctx.attr.crate_package
    expected = WASM_OPTIONAL_PACKAGES.get(package, [])
    if ctx.attr.needs_optional_packages:
        # Otherwise this test would pass without the setting doing anything.
        asserts.true(env, expected, "@crates//:workspace.bzl lists no optional packages for {}".format(package))
    else:
        asserts.equals(env, [], expected, "optional packages of {} in @crates//:workspace.bzl".format(package))
    _check(env, "z", [], expected)
    return end(env)

optional_packages_test = analysis_test(
    _optional_packages_test_impl,
    attrs = {
        "crate_package": attr.string(mandatory = True, doc = "The package of the module's crate."),
        "needs_optional_packages": attr.bool(mandatory = True, doc = "Whether the crate needs optional packages (SQLite)."),
    },
    doc = "A module's builds compile the optional third-party packages its crate needs " +
          "(@crates//:workspace.bzl's WASM_OPTIONAL_PACKAGES), and only those.",
)

def _unknown_opt_level_test_impl(ctx):
    env = begin(ctx)
    _check(env, WASM_RELEASE_PROFILE.opt_level, [], [])
    return end(env)

unknown_opt_level_test = analysis_test(
    _unknown_opt_level_test_impl,
    doc = "An unknown opt_level does not fail the transition (which could not name the target): " +
          "the builds go on at the release profile's level, and rust_wasm_module reports the " +
          "error (//tools/wasm/tests:bad_opt_level_test).",
)
