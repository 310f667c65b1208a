"""Analysis tests of wasm_module_test: which build's files its launcher runs the script on."""

load("//tools/testing:analysis.bzl", "analysis_test", "asserts", "begin", "end", "single_action", "target_under_test")

_FIXTURES = "tools/wasm/tests/fixtures/"

def _launcher_line(env, name):
    action = single_action(env, "FileWrite", "{}.sh".format(name))
    if not action:
        return ""
    lines = [line for line in action.content.split("\n") if line.startswith("exec ")]
    asserts.equals(env, 1, len(lines), "exec lines in the launcher")
    return lines[0] if lines else ""

def _bundler_baseline_test_impl(ctx):
    env = begin(ctx)
    line = _launcher_line(env, "bundler_baseline_test")
    expected = " ".join([
        "'{}bundler/baseline/bindgen/bundler.js'".format(_FIXTURES),
        "'{}bundler/baseline/bundler.wasm'".format(_FIXTURES),
        "'--build=baseline'",
        "'--suite=a={}suite.mjs'".format(_FIXTURES),
        "'--suite=b={}suite.mjs'".format(_FIXTURES),
        "'--types'",
        "'{}types.d.ts'".format(_FIXTURES),
    ])
    asserts.true(env, (_FIXTURES + "suite.mjs " + expected + ' "$@"') in line, "launcher runs the suite on the baseline build with each bundled suite; got: " + line)
    runfiles = [f.short_path for f in target_under_test(env)[DefaultInfo].default_runfiles.files.to_list()]
    for path in ["bundler/baseline/bundler.wasm", "bundler/baseline/bindgen/bundler.js", "suite.mjs", "types.d.ts"]:
        asserts.contains(env, runfiles, _FIXTURES + path, "runfiles")
    asserts.not_contains(env, runfiles, _FIXTURES + "bundler/simd128/bundler.wasm", "runfiles (only the tested build)")
    return end(env)

bundler_baseline_test = analysis_test(
    _bundler_baseline_test_impl,
    doc = "The baseline build of a bundling module, with the bundled modules' suites and the " +
          "test's own arguments.",
)

def _unoptimized_test_impl(ctx):
    env = begin(ctx)
    line = _launcher_line(env, "module_unoptimized_test")
    expected = " ".join([
        _FIXTURES + "scenario.mjs",
        "'{}module_Oz/simd128/bindgen/fixture.js'".format(_FIXTURES),
        "'{}module_Oz/simd128/bindgen/fixture_bg.wasm'".format(_FIXTURES),
        "'--build=simd128'",
    ])
    asserts.true(env, (expected + ' "$@"') in line, "launcher runs `entry` on wasm-bindgen's simd128 module; got: " + line)
    return end(env)

unoptimized_test = analysis_test(
    _unoptimized_test_impl,
    doc = "`simd128_unoptimized` runs the script on the simd128 build before wasm-opt.",
)
