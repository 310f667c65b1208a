"""wasm_module_node_test: a Node test of one module, run on its optimized and unoptimized builds."""

load("//tools/node:defs.bzl", "node_test")

def wasm_module_node_test(name, module, entry, script_args = [], data = [], **kwargs):
    """Runs `node <entry> <glue.js> <module.wasm> <script_args...>` twice.

    `<name>` tests the shipped (wasm-opt) module and `<name>_unoptimized` the module as
    wasm-bindgen wrote it: optimization must not change behaviour.

    Args:
      name: the test's name.
      module: a rust_wasm_bindgen target.
      entry: the test script.
      script_args: more arguments after the two paths.
      data: more files the script reads.
      **kwargs: common test attributes (size, tags...).
    """
    for group in ["js", "wasm", "wasm_before_opt"]:
        native.filegroup(
            name = "{}_{}".format(name, group),
            srcs = [module],
            output_group = group,
            testonly = True,
        )
    for test_name, wasm in [(name, "wasm"), (name + "_unoptimized", "wasm_before_opt")]:
        node_test(
            name = test_name,
            entry = entry,
            data = data + [":{}_js".format(name), ":{}_{}".format(name, wasm)],
            script_args = [
                "$(rootpath :{}_js)".format(name),
                "$(rootpath :{}_{})".format(name, wasm),
            ] + script_args,
            **kwargs
        )
