"""Analysis tests of the third-party crates' cargo action, per configuration, and of their labels.

The target under test is a small cargo_crates_build fixture (//tools/rust/tests/fixtures:
`serde` for both platforms, `sqlite` optional for wasm32, `tool` for the host only), analyzed in
the configurations a build uses: the host, and wasm32 with and without SIMD128 and optional
packages.
"""

load("//tools/rust:providers.bzl", "RustCrateInfo")
load("//tools/rust/private:profile.bzl", "HOST_PROFILE", "WASM_RELEASE_PROFILE")
load("//tools/testing:analysis.bzl", "analysis_test", "asserts", "begin", "end", "option_values", "single_action", "target_under_test")

def _crate_ids(argv):
    return sorted([value.split("=")[0] for value in option_values(argv, "--crate")])

def _host_crates_test_impl(ctx):
    env = begin(ctx)
    action = single_action(env, "CargoCrates", "crates_build_host/target_deps")
    if action:
        argv = action.argv
        asserts.equals(env, ["x86_64-unknown-linux-gnu"], option_values(argv, "--target"), "target")
        asserts.equals(env, [HOST_PROFILE.opt_level], option_values(argv, "--opt-level"), "opt-level")
        asserts.equals(env, [HOST_PROFILE.panic], option_values(argv, "--panic"), "panic strategy")
        asserts.equals(env, [], option_values(argv, "--sysroot"), "sysroot (the host's is Debian's)")
        asserts.equals(env, [], option_values(argv, "--rustflag"), "rustflags (no target features, no bitcode without LTO)")
        asserts.equals(env, [], option_values(argv, "--c-compiler"), "C compiler (cc's default for the host)")
        asserts.equals(env, [], option_values(argv, "--feature"), "optional packages")
        asserts.equals(env, ["serde@1.0.0", "tool@3.0.0"], _crate_ids(argv), "crates built")
        asserts.true(env, option_values(argv, "--shim")[0].endswith("fixtures/shim/host"), "the host shim: {}".format(option_values(argv, "--shim")))
    return end(env)

host_crates_test = analysis_test(
    _host_crates_test_impl,
    doc = "For the host: every host crate, Debian's target, the host profile, no wasm flags.",
)

def _check_wasm(env, argv, simd128, optional):
    asserts.equals(env, ["wasm32-unknown-unknown"], option_values(argv, "--target"), "target")
    asserts.equals(env, [WASM_RELEASE_PROFILE.panic], option_values(argv, "--panic"), "panic strategy")
    sysroot = "sysroot_wasm32_simd128" if simd128 else "sysroot_wasm32"
    sysroots = option_values(argv, "--sysroot")
    asserts.true(env, len(sysroots) == 1 and sysroots[0].endswith("/tools/rust/" + sysroot), "expected --sysroot .../{}, got {}".format(sysroot, sysroots))
    rustflags = (["-Ctarget-feature=+simd128"] if simd128 else []) + ["-Cembed-bitcode=yes"]
    asserts.equals(env, rustflags, option_values(argv, "--rustflag"), "rustflags (target features; bitcode for the modules' fat LTO)")
    asserts.equals(env, 1, len(option_values(argv, "--c-compiler")), "C compiler (clang for wasm32)")
    asserts.equals(env, 1, len(option_values(argv, "--c-archiver")), "C archiver")
    cflags = (["-msimd128"] if simd128 else []) + ["-O" + WASM_RELEASE_PROFILE.c_opt_level]
    asserts.equals(env, cflags, option_values(argv, "--cflag"), "C flags (the Rust code's target features, the profile's C level)")
    asserts.equals(env, optional, option_values(argv, "--feature"), "optional packages")
    asserts.equals(env, sorted(["serde@1.0.0"] + ["{}@2.0.0".format(p) for p in optional]), _crate_ids(argv), "crates built")
    asserts.true(env, option_values(argv, "--shim")[0].endswith("fixtures/shim/wasm"), "the wasm shim: {}".format(option_values(argv, "--shim")))

def _wasm_simd128_crates_test_impl(ctx):
    env = begin(ctx)
    action = single_action(env, "CargoCrates", "crates_build_wasm/target_deps")
    if action:
        _check_wasm(env, action.argv, simd128 = True, optional = [])
        asserts.equals(env, ["s"], option_values(action.argv, "--opt-level"), "opt-level (//tools/rust:wasm_opt_level)")
    return end(env)

wasm_simd128_crates_test = analysis_test(
    _wasm_simd128_crates_test_impl,
    config_settings = {
        "//command_line_option:platforms": "//platforms:wasm32_simd128",
        "//tools/rust:wasm_opt_level": "s",
    },
    doc = "For wasm32 with SIMD128: +simd128 for Rust and C, the module's opt-level, no " +
          "optional package unless the configuration asks.",
)

def _wasm_baseline_optional_crates_test_impl(ctx):
    env = begin(ctx)
    action = single_action(env, "CargoCrates", "crates_build_wasm/target_deps")
    if action:
        _check_wasm(env, action.argv, simd128 = False, optional = ["sqlite"])
        asserts.equals(env, ["z"], option_values(action.argv, "--opt-level"), "opt-level (//tools/rust:wasm_opt_level)")
    return end(env)

wasm_baseline_optional_crates_test = analysis_test(
    _wasm_baseline_optional_crates_test_impl,
    config_settings = {
        "//command_line_option:platforms": "//platforms:wasm32",
        "//tools/rust:wasm_opt_level": "z",
        "//tools/rust:wasm_optional_packages": ["sqlite"],
    },
    doc = "For baseline wasm32 with an optional package on: no SIMD flags; the package is a " +
          "cargo feature and one of the crates built.",
)

def _optional_crate_unavailable_test_impl(ctx):
    env = begin(ctx)
    action = single_action(env, "OptionalCrateUnavailable", "sqlite.unavailable.args")
    if action:
        message = " ".join(action.argv)
        for fragment in ["is built for wasm32 only inside the wasm modules", "Fix: build the crate that uses it through its rust_wasm_module"]:
            asserts.true(env, fragment in message, "the action's message lacks {}: {}".format(repr(fragment), message))
    argfile = target_under_test(env)[RustCrateInfo].argfile
    asserts.equals(env, "sqlite.unavailable.args", argfile.basename, "the crate's argument file")
    return end(env)

optional_crate_unavailable_test = analysis_test(
    _optional_crate_unavailable_test_impl,
    config_settings = {"//command_line_option:platforms": "//platforms:wasm32_simd128"},
    doc = "An optional package's label outside the modules that build it analyzes (so " +
          "cargo_manifest_test can read it), and compiling against it fails with the fix.",
)

def _host_crate_test_impl(ctx):
    env = begin(ctx)
    info = target_under_test(env)[RustCrateInfo]
    asserts.equals(env, "tool", info.crate_name, "crate name")
    asserts.true(
        env,
        info.argfile.path.endswith("crates_build_host/externs/tool@3.0.0.args"),
        "the host build's argument file, got {}".format(info.argfile.path),
    )
    asserts.true(env, "-exec-" in info.argfile.path, "host crates come from the exec configuration's build: {}".format(info.argfile.path))
    return end(env)

host_crate_test = analysis_test(
    _host_crate_test_impl,
    doc = "A host crate's label takes its argument file from the exec configuration's cargo " +
          "build, so host tools and native tests share one cargo run.",
)
