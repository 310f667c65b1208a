"""Analysis tests of npm_package: what goes into the package, from which build of each module.

The target under test packages the wasm rules' fixture modules (a, b, and bundler, which bundles
them; //tools/wasm/tests/fixtures:modules).
"""

load("//tools/testing:analysis.bzl", "analysis_test", "asserts", "begin", "end", "single_action", "target_under_test")

_MODULES = "tools/wasm/tests/fixtures/"
_FIXTURES = "tools/npm/tests/fixtures/"

def _module_dir(name):
    return {"a": "a/module", "b": "b/module", "bundler": "bundler"}[name]

def _package_config_test_impl(ctx):
    env = begin(ctx)
    action = single_action(env, "FileWrite", "fixtures/package_config.json")
    if action:
        config = json.decode(action.content)
        asserts.equals(env, "1.2.3", config["version"], "version")
        asserts.equals(env, _FIXTURES + "package.json", config["template"], "package.json template")
        asserts.equals(env, _FIXTURES + "README.md", config["readme"], "readme")
        asserts.equals(
            env,
            [
                {"src": _FIXTURES + "src/index.js", "dest": "index.js"},
                {"src": _FIXTURES + "src/lib/util.js", "dest": "lib/util.js"},
            ],
            config["loader"],
            "loader files, relative to `loader_root`",
        )
        asserts.equals(env, ["a", "b", "bundler"], [m["name"] for m in config["modules"]], "modules, in package order")
        for module in config["modules"]:
            name = module["name"]
            directory = _MODULES + _module_dir(name)
            asserts.true(env, module["wasm"].endswith("{}/simd128/{}.wasm".format(directory, name)), "{}: wasm is the simd128 build's, got {}".format(name, module["wasm"]))
            asserts.true(env, module["baselineWasm"].endswith("{}/baseline/{}.wasm".format(directory, name)), "{}: baselineWasm is the baseline build's, got {}".format(name, module["baselineWasm"]))
            asserts.true(env, module["js"].endswith("{}/simd128/bindgen/{}.js".format(directory, name)), "{}: js is the glue, got {}".format(name, module["js"]))
            asserts.true(env, module["dts"].endswith("{}/types/{}.d.ts".format(directory, name)), "{}: dts is the precise types, got {}".format(name, module["dts"]))
        asserts.true(env, config["outDir"].endswith(_FIXTURES + "package"), "outDir: <target>/, got {}".format(config["outDir"]))
        asserts.true(env, config["outTgz"].endswith(_FIXTURES + "package.tgz"), "outTgz: <target>.tgz, got {}".format(config["outTgz"]))
        asserts.true(env, config["indexDts"].endswith(_FIXTURES + "package_types/index.d.ts"), "indexDts, got {}".format(config["indexDts"]))
        asserts.true(env, config["report"].endswith(_FIXTURES + "package_report/build-report.json"), "report, got {}".format(config["report"]))

    pack = single_action(env, "NpmPackage", "fixtures/package.tgz")
    if pack:
        inputs = [f.path for f in pack.inputs.to_list()]
        for name in ["a", "b", "bundler"]:
            for build in ["simd128", "baseline"]:
                suffix = "{}/{}/{}.wasm".format(_module_dir(name), build, name)
                asserts.true(env, [p for p in inputs if p.endswith(suffix)], "the package's inputs hold {}".format(suffix))
        asserts.true(env, [p for p in inputs if p.endswith("package_report/build-report.json")], "the package's inputs hold the build report")

    index = single_action(env, "DtsEnhance", "package_types/index.d.ts")
    if index:
        asserts.equals(env, ["index", "--version", "1.2.3"], index.argv[1:4], "index.d.ts: command and version")
        asserts.equals(env, ["a", "b", "bundler"], index.argv[-3:], "index.d.ts: the modules, in order")

    groups = target_under_test(env)[OutputGroupInfo]
    asserts.equals(env, ["package.tgz"], [f.basename for f in groups.tgz.to_list()], "output group tgz")
    asserts.equals(env, ["build-report.json"], [f.basename for f in groups.report.to_list()], "output group report")
    return end(env)

package_config_test = analysis_test(
    _package_config_test_impl,
    doc = "The package's layout config: every module's shipped builds (simd128 and baseline), " +
          "glue and types, in package order; the loader relative to its root; index.d.ts.",
)

def _report_config_test_impl(ctx):
    env = begin(ctx)
    action = single_action(env, "FileWrite", "package_report/config.json")
    if action:
        config = json.decode(action.content)
        asserts.equals(env, "@fixture/package", config["package"], "package name")
        asserts.equals(env, None, config["sizeBaseline"], "size baseline (none given)")
        modules = {m["name"]: m for m in config["modules"]}
        asserts.equals(env, ["a", "b", "bundler"], [m["name"] for m in config["modules"]], "modules, in order")
        for name, module in modules.items():
            directory = _MODULES + _module_dir(name)
            asserts.equals(env, True, module["simd128"], name + ": the measured build has SIMD")
            asserts.equals(env, 1000, module["gzipBudget"], name + ": gzip budget")
            asserts.true(env, module["wasm"].endswith("{}/simd128/{}.wasm".format(directory, name)), name + ": measured wasm")
            asserts.true(env, module["wasmBeforeOpt"].endswith("{}/simd128/bindgen/{}_bg.wasm".format(directory, name)), name + ": wasm before wasm-opt")
            asserts.true(env, module["wasmCdylib"].endswith("{}/simd128/rustc/{}.wasm".format(directory, name)), name + ": rustc's wasm")
            asserts.true(env, module["wasmNames"].endswith("{}/simd128/bindgen/{}_bg.names.wasm".format(directory, name)), name + ": wasm with names (attribution)")
            asserts.true(env, module["baseline"]["wasm"].endswith("{}/baseline/{}.wasm".format(directory, name)), name + ": baseline wasm")
            asserts.true(env, module["baseline"]["wasmNames"].endswith("{}/baseline/bindgen/{}_bg.names.wasm".format(directory, name)), name + ": baseline wasm with names")
        asserts.equals(env, "Os", modules["bundler"]["optLevel"], "bundler: opt level")
        asserts.equals(env, ["a", "b"], modules["bundler"]["bundles"], "bundler: bundles")
        asserts.equals(env, [_MODULES + "dts_manifest.json"] * 2, modules["bundler"]["bundledManifests"], "bundler: bundled manifests")
        asserts.equals(env, [], modules["a"]["bundles"], "a: bundles")
    return end(env)

report_config_test = analysis_test(
    _report_config_test_impl,
    doc = "The build report measures each module's simd128 build at every stage (rustc, " +
          "wasm-bindgen, wasm-opt), its baseline build, and a bundling module against its parts.",
)
