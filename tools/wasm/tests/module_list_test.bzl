"""Analysis tests of wasm_module_list: the package's modules, in order, as modules.json."""

load("//tools/testing:analysis.bzl", "analysis_test", "asserts", "begin", "end", "single_action", "target_under_test")
load("//tools/wasm:providers.bzl", "WasmModuleListInfo")

def _module_list_test_impl(ctx):
    env = begin(ctx)
    info = target_under_test(env)[WasmModuleListInfo]
    asserts.equals(env, ["a", "b", "bundler"], [m.name for m in info.modules], "modules, in package order")
    action = single_action(env, "FileWrite", "fixtures/modules.json")
    if action:
        modules = json.decode(action.content)["modules"]
        asserts.equals(env, ["a", "b", "bundler"], [m["name"] for m in modules], "modules.json: modules, in order")
        asserts.equals(env, [[], [], ["a", "b"]], [m["bundles"] for m in modules], "modules.json: bundles")
        asserts.equals(env, ["Oz", "Oz", "Os"], [m["optLevel"] for m in modules], "modules.json: opt levels")
    runfiles = [f.short_path for f in target_under_test(env)[DefaultInfo].default_runfiles.files.to_list()]
    for name in ["scenario.mjs", "kernel.mjs"]:
        asserts.contains(env, runfiles, "tools/wasm/tests/fixtures/" + name, "runfiles: the modules' " + name)
    return end(env)

module_list_test = analysis_test(
    _module_list_test_impl,
    doc = "wasm_module_list keeps the package order and writes each module's description " +
          "(modules.json), with the scenarios and kernels it names in its runfiles.",
)
