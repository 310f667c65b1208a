"""Analysis tests of rust_wasm_module's actions: rustc, wasm-bindgen and wasm-opt for each build.

The fixtures (//tools/wasm/tests/fixtures) are the module `fixture` at each opt_level. What a
module's build is compiled with is the README's contract: fat LTO, one codegen unit,
`panic=immediate-abort`, rustc's opt-level matching the module's level, SIMD128 only in the
simd128 build; wasm-opt at the module's level with exactly the wasm features the build was
compiled with. The feature list comes from tools/rust/private/profile.bzl (the one place that
sets it; re-exported by tools/rust/wasm_module_support.bzl): the test checks its meaning (the baseline build gets exactly the profile's features,
the simd128 build those and `simd`), not a copy of it.
"""

load("//tools/rust:wasm_module_support.bzl", "WASM_BASELINE_FEATURES")
load("//tools/testing:analysis.bzl", "analysis_test", "asserts", "begin", "end", "flag_values", "option_values", "single_action", "target_under_test")
load("//tools/wasm:providers.bzl", "WasmModuleInfo")

_BUILDS = {
    "simd128": struct(simd128 = True, sysroot = "sysroot_wasm32_simd128"),
    "baseline": struct(simd128 = False, sysroot = "sysroot_wasm32"),
}

def _directory(env, build):
    return "{}/{}".format(target_under_test(env).label.name, build)

def _check_rustc(env, build, expected, rustc_opt_level):
    what = "{} build, rustc: ".format(build)
    action = single_action(env, "Rustc", "{}/rustc/fixture.wasm".format(_directory(env, build)))
    if not action:
        return None
    argv = action.argv
    asserts.contains(env, argv, "--crate-type=cdylib", what + "crate type")
    asserts.equals(env, ["fixture_lib"], flag_values(argv, "--crate-name="), what + "crate name")
    asserts.equals(env, ["wasm32-unknown-unknown"], flag_values(argv, "--target="), what + "target")
    asserts.equals(env, [rustc_opt_level], flag_values(argv, "-Copt-level="), what + "opt-level")
    asserts.equals(env, ["fat"], flag_values(argv, "-Clto="), what + "LTO")
    asserts.equals(env, ["1"], flag_values(argv, "-Ccodegen-units="), what + "codegen units")
    asserts.equals(env, ["immediate-abort"], flag_values(argv, "-Cpanic="), what + "panic strategy")
    asserts.contains(env, argv, "-Zunstable-options", what + "unstable options (for panic=immediate-abort)")
    asserts.equals(env, "1", action.env.get("RUSTC_BOOTSTRAP"), what + "RUSTC_BOOTSTRAP (for panic=immediate-abort)")
    asserts.equals(env, ["+simd128"] if expected.simd128 else [], flag_values(argv, "-Ctarget-feature="), what + "target features")
    sysroots = flag_values(argv, "--sysroot=")
    asserts.true(
        env,
        len(sysroots) == 1 and sysroots[0].endswith("/tools/rust/" + expected.sysroot),
        what + "expected one --sysroot=.../tools/rust/{}, got {}".format(expected.sysroot, sysroots),
    )
    linkers = flag_values(argv, "-Clinker=")
    asserts.true(env, len(linkers) == 1 and linkers[0].endswith("/wasm-ld"), what + "linker wasm-ld, got {}".format(linkers))
    features = [f for f in argv if f.startswith("--cfg=feature=")]
    asserts.equals(env, ['--cfg=feature="bindings"', '--cfg=feature="module"'], features, what + "the root crate's features")
    return action.outputs.to_list()[0]

def _check_wasm_opt(env, build, expected, opt_level, unoptimized, names):
    what = "{} build, wasm-opt: ".format(build)
    output = "{}/fixture.wasm".format(_directory(env, build))
    action = single_action(env, "WasmOpt", output)
    if not action:
        return []
    argv = action.argv

    # node <wasm-opt> -<level> ...
    asserts.true(env, argv[1].endswith("binaryen/bin/wasm-opt"), what + "wasm-opt, got {}".format(argv[1]))
    levels = [a for a in argv if a in ["-Oz", "-Os", "-O2", "-O3", "-O4", "-O", "-O0", "-O1"]]
    asserts.equals(env, ["-" + opt_level], levels, what + "level")
    enabled = flag_values(argv, "--enable-")
    asserts.equals(env, sorted(enabled), enabled, what + "features in sorted order")
    if expected.simd128:
        asserts.contains(env, enabled, "simd", what + "SIMD (the build is compiled with +simd128)")
        asserts.equals(env, sorted(WASM_BASELINE_FEATURES + ["simd"]), sorted(enabled), what + "features: the baseline's and simd")
    else:
        asserts.not_contains(env, enabled, "simd", what + "SIMD (the build has none)")
        asserts.equals(env, sorted(WASM_BASELINE_FEATURES), sorted(enabled), what + "features: the baseline's")
    asserts.equals(env, [], flag_values(argv, "--disable-"), what + "disabled features")
    for flag in ["--strip-debug", "--strip-producers", "--strip-target-features"]:
        asserts.contains(env, argv, flag, what + "strips")
    if unoptimized:
        asserts.contains(env, argv, unoptimized.path, what + "input: wasm-bindgen's module")
    if names:
        # Names in wasm-opt's input renumber types at -Oz: it must get the module without them.
        asserts.not_contains(env, [f.path for f in action.inputs.to_list()], names.path, what + "input: not the module with names")
    asserts.equals(env, [a for a in argv if a.endswith(output)], option_values(argv, "-o"), what + "output")
    return enabled

def _check_wasm_bindgen(env, build, cdylib):
    what = "{} build, wasm-bindgen: ".format(build)
    action = single_action(env, "WasmBindgen", "{}/bindgen/fixture_bg.wasm".format(_directory(env, build)))
    if not action:
        return None
    argv = action.argv
    if cdylib:
        asserts.equals(env, [cdylib.path], option_values(argv, "--input"), what + "input: rustc's module")
    asserts.equals(env, ["fixture"], option_values(argv, "--out-name"), what + "output name")
    outputs = {f.basename: f for f in action.outputs.to_list()}
    names = option_values(argv, "--out-wasm-names")
    asserts.true(
        env,
        len(names) == 1 and names[0].endswith("{}/bindgen/fixture_bg.names.wasm".format(_directory(env, build))),
        what + "the module with its name section (for the bundle report), got {}".format(names),
    )
    return struct(wasm = outputs.get("fixture_bg.wasm"), names = outputs.get("fixture_bg.names.wasm"))

def _module_actions_test_impl(ctx):
    env = begin(ctx)
    module = target_under_test(env)[WasmModuleInfo]
    asserts.equals(env, ctx.attr.opt_level, module.opt_level, "WasmModuleInfo.opt_level")
    asserts.equals(env, sorted(_BUILDS), sorted(module.builds), "WasmModuleInfo.builds")
    for build, expected in _BUILDS.items():
        cdylib = _check_rustc(env, build, expected, ctx.attr.rustc_opt_level)
        bound = _check_wasm_bindgen(env, build, cdylib)
        unoptimized = bound.wasm if bound else None
        names = bound.names if bound else None
        enabled = _check_wasm_opt(env, build, expected, ctx.attr.opt_level, unoptimized, names)
        info = module.builds.get(build)
        if info:
            asserts.equals(env, expected.simd128, info.simd128, "WasmModuleInfo {} build: simd128".format(build))
            asserts.equals(env, sorted(enabled), sorted(info.features), "WasmModuleInfo {} build: features (what wasm-opt was given)".format(build))
            if cdylib:
                asserts.equals(env, cdylib, info.cdylib, "WasmModuleInfo {} build: cdylib".format(build))
            if unoptimized:
                asserts.equals(env, unoptimized, info.wasm_unoptimized, "WasmModuleInfo {} build: wasm_unoptimized".format(build))
            if names:
                asserts.equals(env, names, info.wasm_names, "WasmModuleInfo {} build: wasm_names".format(build))
    return end(env)

module_actions_test = analysis_test(
    _module_actions_test_impl,
    attrs = {
        "opt_level": attr.string(mandatory = True, doc = "The module's opt_level (wasm-opt's level)."),
        "rustc_opt_level": attr.string(mandatory = True, doc = "The rustc opt-level it maps to."),
    },
    doc = "Each build of a module: rustc (the wasm profile, the module's level, SIMD128 only in " +
          "simd128) -> wasm-bindgen -> wasm-opt (the module's level, exactly the build's features).",
)
