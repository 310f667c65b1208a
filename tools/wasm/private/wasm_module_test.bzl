"""wasm_module_node_test: a Node test of one module, run on each of its builds."""

load("//tools/node:defs.bzl", "node_test")

def wasm_module_node_test(name, module, entry, script_args = [], simd_args = [], baseline_args = [], data = [], **kwargs):
    """Runs `node <entry> <glue.js> <module.wasm> <script_args...>` on each build of a module.

    `<name>` tests the shipped SIMD128 module, `<name>_unoptimized` the same module as
    wasm-bindgen wrote it (optimization must not change behaviour), and `<name>_baseline` the
    shipped build without SIMD (what engines without SIMD get).

    Args:
      name: the test's name.
      module: a rust_wasm_bindgen target.
      entry: the test script.
      script_args: more arguments after the two paths, for every build.
      simd_args: arguments after those for the two SIMD128 builds only.
      baseline_args: arguments after those for the baseline build only.
      data: more files the script reads.
      **kwargs: common test attributes (size, tags...).
    """
    for group in ["js", "wasm", "wasm_before_opt", "baseline_js", "baseline_wasm"]:
        native.filegroup(
            name = "{}_{}".format(name, group),
            srcs = [module],
            output_group = group,
            testonly = True,
        )
    builds = [
        (name, "js", "wasm", simd_args),
        (name + "_unoptimized", "js", "wasm_before_opt", simd_args),
        (name + "_baseline", "baseline_js", "baseline_wasm", baseline_args),
    ]
    for test_name, js, wasm, build_args in builds:
        node_test(
            name = test_name,
            entry = entry,
            data = data + [":{}_{}".format(name, js), ":{}_{}".format(name, wasm)],
            script_args = [
                "$(rootpath :{}_{})".format(name, js),
                "$(rootpath :{}_{})".format(name, wasm),
            ] + script_args + build_args,
            **kwargs
        )
