"""Analysis tests of the rustc actions of rust_library, rust_binary and rust_test, per platform.

The expected profile values come from tools/rust/private/profile.bzl (the one place that sets
them): these tests check that each configuration's rustc gets its profile, its target and its
target features, not what the profile should be.
"""

load("//tools/rust/private:profile.bzl", "HOST_PROFILE", "WASM_RELEASE_PROFILE")
load("//tools/testing:analysis.bzl", "analysis_test", "asserts", "begin", "end", "flag_values", "single_action")

_BINDINGS = '--cfg=feature="bindings"'

def _check_common(env, argv, crate_type_flag):
    asserts.contains(env, argv, crate_type_flag, "crate type")
    asserts.contains(env, argv, "--edition=2021", "edition")
    asserts.contains(env, argv, '--cfg=feature="extra"', "the crate's own feature")
    asserts.contains(env, argv, "-Cdebuginfo=0", "debug info")

def _host_rlib_test_impl(ctx):
    env = begin(ctx)
    action = single_action(env, "Rustc", ".rlib")
    if action:
        argv = action.argv
        _check_common(env, argv, "--crate-type=rlib")
        asserts.equals(env, ["x86_64-unknown-linux-gnu"], flag_values(argv, "--target="), "target")
        asserts.equals(env, [HOST_PROFILE.opt_level], flag_values(argv, "-Copt-level="), "opt-level")
        asserts.equals(env, [HOST_PROFILE.panic], flag_values(argv, "-Cpanic="), "panic strategy")
        asserts.equals(env, ["{}".format(HOST_PROFILE.codegen_units)], flag_values(argv, "-Ccodegen-units="), "codegen units")
        asserts.equals(env, [], flag_values(argv, "-Clto="), "LTO (never on an rlib)")
        asserts.equals(env, [], flag_values(argv, "--sysroot="), "sysroot (the host's is Debian's)")
        asserts.equals(env, [], flag_values(argv, "-Ctarget-feature="), "target features")
        asserts.not_contains(env, argv, "-Zunstable-options", "unstable options")
        asserts.not_contains(env, argv, _BINDINGS, "bindings feature")
        asserts.not_contains(env, action.env, "RUSTC_BOOTSTRAP", "environment")
        asserts.equals(env, "1.2.3", action.env.get("CARGO_PKG_VERSION"), "CARGO_PKG_VERSION")
        asserts.equals(env, "fixture_lib", action.env.get("CARGO_CRATE_NAME"), "CARGO_CRATE_NAME")
        asserts.equals(env, "fixture-lib", action.env.get("CARGO_PKG_NAME"), "CARGO_PKG_NAME")
        asserts.equals(env, "tools/rust/tests/fixtures", action.env.get("CARGO_MANIFEST_DIR"), "CARGO_MANIFEST_DIR")
    return end(env)

host_rlib_test = analysis_test(
    _host_rlib_test_impl,
    # A wasm module's bindings setting must not reach host code.
    config_settings = {"//tools/rust:wasm_bindings_packages": ["//tools/rust/tests/fixtures"]},
    doc = "A rust_library for the host: Debian's target, the host profile, no wasm flags.",
)

def _check_wasm_rlib(env, argv, action, simd128, sysroot):
    _check_common(env, argv, "--crate-type=rlib")
    asserts.equals(env, ["wasm32-unknown-unknown"], flag_values(argv, "--target="), "target")
    asserts.equals(env, [WASM_RELEASE_PROFILE.panic], flag_values(argv, "-Cpanic="), "panic strategy")
    asserts.contains(env, argv, "-Zunstable-options", "unstable options (for panic=immediate-abort)")
    asserts.equals(env, "1", action.env.get("RUSTC_BOOTSTRAP"), "RUSTC_BOOTSTRAP (for panic=immediate-abort)")
    asserts.equals(env, ["{}".format(WASM_RELEASE_PROFILE.codegen_units)], flag_values(argv, "-Ccodegen-units="), "codegen units")
    asserts.equals(env, [], flag_values(argv, "-Clto="), "LTO (never on an rlib)")
    asserts.equals(env, ["+simd128"] if simd128 else [], flag_values(argv, "-Ctarget-feature="), "target features")
    sysroots = flag_values(argv, "--sysroot=")
    asserts.true(
        env,
        len(sysroots) == 1 and sysroots[0].endswith("/tools/rust/" + sysroot),
        "expected one --sysroot=.../tools/rust/{}, got {}".format(sysroot, sysroots),
    )

def _wasm_simd128_rlib_test_impl(ctx):
    env = begin(ctx)
    action = single_action(env, "Rustc", ".rlib")
    if action:
        _check_wasm_rlib(env, action.argv, action, simd128 = True, sysroot = "sysroot_wasm32_simd128")
        asserts.equals(env, ["s"], flag_values(action.argv, "-Copt-level="), "opt-level (//tools/rust:wasm_opt_level)")
        asserts.not_contains(env, action.argv, _BINDINGS, "bindings feature (its package is not bundled)")
    return end(env)

wasm_simd128_rlib_test = analysis_test(
    _wasm_simd128_rlib_test_impl,
    config_settings = {
        "//command_line_option:platforms": "//platforms:wasm32_simd128",
        "//tools/rust:wasm_opt_level": "s",
    },
    doc = "A rust_library for wasm32 with SIMD128: its toolchain, +simd128, the setting's opt-level.",
)

def _wasm_baseline_rlib_test_impl(ctx):
    env = begin(ctx)
    action = single_action(env, "Rustc", ".rlib")
    if action:
        _check_wasm_rlib(env, action.argv, action, simd128 = False, sysroot = "sysroot_wasm32")
        asserts.equals(env, ["z"], flag_values(action.argv, "-Copt-level="), "opt-level (//tools/rust:wasm_opt_level)")
        asserts.contains(env, action.argv, _BINDINGS, "bindings feature (its package is bundled)")
    return end(env)

wasm_baseline_rlib_test = analysis_test(
    _wasm_baseline_rlib_test_impl,
    config_settings = {
        "//command_line_option:platforms": "//platforms:wasm32",
        "//tools/rust:wasm_opt_level": "z",
        "//tools/rust:wasm_bindings_packages": ["//crates/core", "//tools/rust/tests/fixtures"],
    },
    doc = "A rust_library for baseline wasm32: no SIMD, the setting's opt-level, and its JS API " +
          "when //tools/rust:wasm_bindings_packages names its package.",
)

def _wasm_default_opt_level_test_impl(ctx):
    env = begin(ctx)
    action = single_action(env, "Rustc", ".rlib")
    if action:
        asserts.equals(env, [WASM_RELEASE_PROFILE.opt_level], flag_values(action.argv, "-Copt-level="), "opt-level outside any module")
    return end(env)

wasm_default_opt_level_test = analysis_test(
    _wasm_default_opt_level_test_impl,
    config_settings = {"//command_line_option:platforms": "//platforms:wasm32_simd128"},
    doc = "Outside a module's transition, wasm32 code gets the release profile's opt-level.",
)

def _host_binary_test_impl(ctx):
    env = begin(ctx)
    action = single_action(env, "Rustc", "/bin")
    if action:
        argv = action.argv
        asserts.contains(env, argv, "--crate-type=bin", "crate type")
        asserts.equals(env, ["bin"], flag_values(argv, "--crate-name="), "crate name (the target name)")
        asserts.equals(env, [HOST_PROFILE.opt_level], flag_values(argv, "-Copt-level="), "opt-level")
        asserts.equals(env, [] if HOST_PROFILE.lto == "off" else [HOST_PROFILE.lto], flag_values(argv, "-Clto="), "LTO")
        asserts.equals(env, [], flag_values(argv, "-Clinker="), "linker (the host's default)")
        asserts.true(env, argv[1].endswith("tools/rust/tests/fixtures/src/other.rs"), "crate root {}".format(argv[1]))
    return end(env)

host_binary_test = analysis_test(
    _host_binary_test_impl,
    doc = "A rust_binary for the host: a `bin` with the host profile.",
)

def _unit_test_test_impl(ctx):
    env = begin(ctx)
    action = single_action(env, "Rustc", "/unit_test")
    if action:
        argv = action.argv
        asserts.contains(env, argv, "--test", "test harness")
        asserts.equals(env, [], flag_values(argv, "--crate-type="), "crate type (--test instead)")
        asserts.equals(env, ["unwind"], flag_values(argv, "-Cpanic="), "panic strategy (the harness needs unwinding)")
        asserts.equals(env, ["fixture_lib"], flag_values(argv, "--crate-name="), "crate name (the library's)")
    return end(env)

unit_test_test = analysis_test(
    _unit_test_test_impl,
    doc = "A rust_test of a library: the library's sources as a --test harness that unwinds.",
)
