"""wasm_module_list: the package's modules, in order, and modules.json describing them."""

load("//tools/wasm:providers.bzl", "WasmModuleInfo", "WasmModuleListInfo")
load("//tools/wasm/private:describe.bzl", "describe_module")

def _wasm_module_list_impl(ctx):
    modules = [target[WasmModuleInfo] for target in ctx.attr.modules]
    seen = {}
    for target, module in zip(ctx.attr.modules, modules):
        if module.name in seen:
            fail("{}: modules {} and {} are both named {}. Fix: give one another `module_name`.".format(ctx.label, seen[module.name], target.label, module.name))
        seen[module.name] = target.label
    for module in modules:
        for bundled in module.bundled:
            if bundled.name not in seen:
                fail("{}: module {} bundles {}, which is not in `modules`. Fix: list {} too.".format(ctx.label, module.name, bundled.name, bundled.label))
    out = ctx.actions.declare_file(ctx.label.name + ".json")
    ctx.actions.write(out, json.encode_indent({"modules": [describe_module(m) for m in modules]}, indent = "  ") + "\n")

    # The tests and benchmarks that read modules.json load the scenarios and kernels it names.
    test_files = depset(transitive = [depset(m.scenarios.values() + m.kernels.values()) for m in modules])
    return [
        DefaultInfo(files = depset([out]), runfiles = ctx.runfiles(transitive_files = depset([out], transitive = [test_files]))),
        WasmModuleListInfo(modules = modules, json = out),
    ]

wasm_module_list = rule(
    implementation = _wasm_module_list_impl,
    doc = "The package's modules in package order: the one list that npm_package ships and " +
          "that tests and benchmarks read (as <name>.json: each module's description, see " +
          "rust_wasm_module), with the scenario and kernel files in its runfiles.",
    attrs = {
        "modules": attr.label_list(
            mandatory = True,
            allow_empty = False,
            providers = [WasmModuleInfo],
            doc = "rust_wasm_module targets, in package order.",
        ),
    },
)
