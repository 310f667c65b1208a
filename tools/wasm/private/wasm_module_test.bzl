"""wasm_module_test: a Node script run on one build of a module; wasm_module_node_test: all builds."""

load("//tools/node:launcher.bzl", "write_node_launcher")
load("//tools/wasm:providers.bzl", "WasmModuleInfo")

# What a test can run: each build as shipped, and the simd128 build as wasm-bindgen wrote it
# (before wasm-opt: optimization must not change behaviour).
TESTED_BUILDS = ["simd128", "simd128_unoptimized", "baseline"]

def _wasm_module_test_impl(ctx):
    module = ctx.attr.module[WasmModuleInfo]
    build_name = ctx.attr.build.replace("_unoptimized", "")

    # Every module has every build (rust_wasm_module makes one per WASM_PLATFORMS entry), and
    # `build` is one of TESTED_BUILDS.
    build = module.builds[build_name]
    wasm = build.wasm_unoptimized if ctx.attr.build.endswith("_unoptimized") else build.wasm
    entry = ctx.file.entry or module.node_suite
    args = [build.js.short_path, wasm.short_path, "--build=" + build_name]
    suites = []
    if not ctx.file.entry:
        # A bundling module's own suite runs each bundled module's suite against it.
        for bundled in module.bundled:
            args.append("--suite={}={}".format(bundled.name, bundled.node_suite.short_path))
            suites.append(bundled.node_suite)
    args += [ctx.expand_location(arg, targets = ctx.attr.data) for arg in ctx.attr.script_args]
    node = ctx.file._node
    launcher = write_node_launcher(ctx, node, entry, args)
    runfiles = ctx.runfiles(
        files = [node, entry, build.js, wasm] + suites + ctx.files.data,
        transitive_files = depset(transitive = [module.node_suite_data] + [m.node_suite_data for m in module.bundled]),
    )
    for target in ctx.attr.data:
        runfiles = runfiles.merge(target[DefaultInfo].default_runfiles)
    return [DefaultInfo(executable = launcher, runfiles = runfiles)]

wasm_module_test = rule(
    implementation = _wasm_module_test_impl,
    doc = "Runs `node <entry> <glue.js> <module.wasm> --build=<simd128|baseline> [--suite=...] " +
          "<script_args...>` on one build of a rust_wasm_module; passes when it exits 0.",
    attrs = {
        "module": attr.label(mandatory = True, providers = [WasmModuleInfo], doc = "The rust_wasm_module to test."),
        "build": attr.string(
            default = "simd128",
            values = TESTED_BUILDS,
            doc = "Which build: `simd128` or `baseline` as shipped, or `simd128_unoptimized` " +
                  "(before wasm-opt).",
        ),
        "entry": attr.label(
            allow_single_file = [".mjs", ".js"],
            doc = "The script; default: the module's `node_suite` (then a bundling module's " +
                  "suite also gets `--suite=<name>=<path>` per bundled module).",
        ),
        "script_args": attr.string_list(doc = "More arguments; `$(rootpath ...)` of `data` is expanded."),
        "data": attr.label_list(allow_files = True, doc = "More files the script reads."),
        "_node": attr.label(default = "@debian_toolchain//:bin/node", allow_single_file = True, cfg = "target"),
    },
    test = True,
)

def wasm_module_node_test(name, module, **kwargs):
    """The module's Node suite on each build: `<name>` (simd128), `<name>_unoptimized`, `<name>_baseline`.

    Args:
      name: the simd128 test's name (the others add a suffix).
      module: the rust_wasm_module.
      **kwargs: more wasm_module_test attributes (size, tags, ...).
    """
    for build in TESTED_BUILDS:
        wasm_module_test(
            name = name if build == "simd128" else name + "_" + build.replace("simd128_", ""),
            module = module,
            build = build,
            **kwargs
        )
