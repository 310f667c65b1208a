"""Analysis tests of a bundling module (as unified): its types merge the bundled modules', and
its tests are theirs."""

load("//tools/testing:analysis.bzl", "analysis_test", "asserts", "begin", "end", "option_values", "single_action", "target_under_test")
load("//tools/wasm:providers.bzl", "WasmModuleInfo")

_FIXTURES = "tools/wasm/tests/fixtures/"

def _bundler_test_impl(ctx):
    env = begin(ctx)
    module = target_under_test(env)[WasmModuleInfo]
    asserts.equals(env, ["a", "b"], [m.name for m in module.bundled], "bundled modules, in order")
    asserts.equals(env, ["a", "b"], sorted(module.scenarios), "scenarios: the bundled modules'")
    asserts.equals(env, ["a", "b"], sorted(module.kernels), "kernels: the bundled modules'")
    for name in ["a", "b"]:
        bundled = [m for m in module.bundled if m.name == name]
        if bundled:
            asserts.equals(env, bundled[0].scenarios[name], module.scenarios.get(name), "scenario of " + name)
            asserts.equals(env, bundled[0].kernels[name], module.kernels.get(name), "kernel of " + name)
    action = single_action(env, "DtsEnhance", "bundler/types/bundler.d.ts")
    if action:
        argv = action.argv
        asserts.equals(env, ["module"], argv[1:2], "dts_enhance command")
        dts = option_values(argv, "--dts")
        asserts.true(env, len(dts) == 1 and dts[0].endswith("bundler/simd128/bindgen/bundler.d.ts"), "declarations: the simd128 build's, got {}".format(dts))
        asserts.equals(env, [_FIXTURES + "dts_manifest.json"], option_values(argv, "--manifest"), "manifest")
        asserts.equals(env, [], option_values(argv, "--types"), "types of the bundling module itself (none)")
        asserts.equals(
            env,
            [_FIXTURES + "dts_manifest.json:" + _FIXTURES + "types.d.ts"] * 2,
            option_values(argv, "--bundle"),
            "one --bundle <manifest>:<types> per bundled module",
        )
        asserts.equals(env, ["1.2.3"], option_values(argv, "--version"), "version")
    return end(env)

bundler_test = analysis_test(
    _bundler_test_impl,
    doc = "A bundling module's types merge the bundled modules' manifests and types; its " +
          "scenarios and kernels are theirs.",
)

def _description_test_impl(ctx):
    env = begin(ctx)
    writes = [a for a in [single_action(env, "FileWrite", "bundler.module_config.json")] if a]
    if writes:
        config = json.decode(writes[0].content)
        description = config["description"]
        asserts.equals(env, "bundler", description["name"], "name")
        asserts.equals(env, "//tools/wasm/tests/fixtures:bundler", description["label"], "label")
        asserts.equals(env, "//tools/wasm/tests/fixtures:bundler_lib", description["crate"], "crate")
        asserts.equals(env, "Os", description["optLevel"], "optLevel")
        asserts.equals(env, 1000, description["gzipBudget"], "gzipBudget")
        asserts.equals(env, ["a", "b"], description["bundles"], "bundles")
        asserts.equals(env, ["baseline", "simd128"], sorted(description["builds"]), "builds")
        for name, build in description["builds"].items():
            asserts.equals(env, name == "simd128", build["simd128"], name + ": simd128")
            asserts.equals(env, name == "simd128", "simd" in build["features"], name + ": simd among features")
            asserts.equals(env, _FIXTURES + "bundler/{}/bundler.wasm".format(name), build["wasm"], name + ": wasm (runfiles path)")
            asserts.equals(env, _FIXTURES + "bundler/{}/bindgen/bundler.js".format(name), build["js"], name + ": js")
            asserts.true(env, config["files"].get(build["wasm"], "").endswith(build["wasm"]), name + ": the wasm is among the files to measure")
        asserts.equals(env, {"a": _FIXTURES + "scenario.mjs", "b": _FIXTURES + "scenario.mjs"}, description["scenarios"], "scenarios")
        asserts.equals(env, _FIXTURES + "bundler/types/bundler.d.ts", description["types"], "types")
        asserts.true(env, config["out"].endswith(_FIXTURES + "bundler.module.json"), "output: <target>.module.json, got {}".format(config["out"]))
    manifest = single_action(env, "WasmModuleManifest", "bundler.module.json")
    if manifest and writes:
        inputs = [f.path for f in manifest.inputs.to_list()]
        for build in ["simd128", "baseline"]:
            asserts.true(env, [p for p in inputs if p.endswith("bundler/{}/bundler.wasm".format(build))], "module.json is written after the {} build's wasm".format(build))
    return end(env)

description_test = analysis_test(
    _description_test_impl,
    doc = "module.json describes the module (both builds, bundles, scenarios, types) with " +
          "runfiles paths, and is written from every build's files.",
)
