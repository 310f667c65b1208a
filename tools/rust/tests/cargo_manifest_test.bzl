"""Analysis tests of cargo_manifest_test's declared-deps file: what it compares with Cargo.toml."""

load("//tools/testing:analysis.bzl", "analysis_test", "asserts", "begin", "end", "single_action")

def _declared_deps_test_impl(ctx):
    env = begin(ctx)
    action = single_action(env, "FileWrite", "fixtures/declared_deps.json")
    if action:
        declared = json.decode(action.content)
        asserts.equals(env, "//tools/rust/tests/fixtures:lib_with_platform_deps", declared["label"], "label")
        asserts.equals(env, "fixture-platform-deps", declared["package"], "Cargo package")
        asserts.equals(env, "1.2.3", declared["version"], "version")
        asserts.equals(env, "tools/rust/tests/fixtures/shim/host/Cargo.toml", declared["manifest"], "manifest")
        asserts.equals(env, "tools/rust/tests/fixtures/BUILD.bazel", declared["build_file"], "BUILD file")
        asserts.equals(env, ["fixture_lib", "host_dep"], declared["deps"]["host"], "deps for the host")
        asserts.equals(env, ["fixture_lib", "wasm_dep"], declared["deps"]["wasm"], "deps for wasm32 (the crate configured for the wasm platform)")
        asserts.equals(env, ["dev_dep"], declared["dev_deps"], "dev-dependencies")
        asserts.equals(env, ["bindings", "extra", "module"], declared["crate_features"], "features: the crate's and its module's")
    return end(env)

declared_deps_test = analysis_test(
    _declared_deps_test_impl,
    doc = "cargo_manifest_test reads a crate's deps for the host and for the wasm platform " +
          "(a select on //platforms:is_wasm32), its dev-dependencies and every feature it is " +
          "built with.",
)
