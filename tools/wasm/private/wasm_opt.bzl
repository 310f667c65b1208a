"""wasm_opt: binaryen's optimizer, with feature flags derived from how the module was built."""

load("//tools/wasm:providers.bzl", "WasmBindgenModuleInfo")

# The seed's guidance: Oz for size, O3 for speed, O2 balanced; Os and O4 for completeness.
OPT_LEVELS = ["Oz", "Os", "O2", "O3", "O4"]

def _wasm_opt_impl(ctx):
    module = ctx.attr.module[WasmBindgenModuleInfo]
    out = ctx.actions.declare_file(ctx.label.name + "/" + module.name + ".wasm")
    args = ctx.actions.args()
    args.add(ctx.file._wasm_opt)
    args.add("-" + ctx.attr.level)

    # Exactly the features the module was compiled with: SIMD only for simd128 builds.
    args.add_all(sorted(module.target_features), format_each = "--enable-%s")
    args.add_all(["--strip-debug", "--strip-producers", "--strip-target-features"])
    args.add(module.wasm)
    args.add("-o", out)
    ctx.actions.run(
        executable = ctx.file._node,
        arguments = [args],
        inputs = depset([module.wasm, ctx.file._wasm_opt], transitive = [depset(ctx.files._binaryen)]),
        outputs = [out],
        mnemonic = "WasmOpt",
        progress_message = "Optimizing {} with wasm-opt -{}{}".format(
            module.name,
            ctx.attr.level,
            " (SIMD)" if module.simd128 else "",
        ),
    )
    return [
        DefaultInfo(files = depset([out, module.js, module.dts])),
        WasmBindgenModuleInfo(
            name = module.name,
            js = module.js,
            dts = module.dts,
            public_dts = module.public_dts,
            wasm = out,
            wasm_before_opt = module.wasm,
            simd128 = module.simd128,
            target_features = module.target_features,
            opt_level = ctx.attr.level,
            baseline = None,
            bundled_manifests = [],
        ),
    ]

wasm_opt = rule(
    implementation = _wasm_opt_impl,
    doc = "Optimizes a wasm-bindgen module with binaryen's wasm-opt (npm's binaryen, pinned), " +
          "enabling exactly the wasm features the module was built with and stripping debug " +
          "info, producers and target-features sections.",
    attrs = {
        "module": attr.label(mandatory = True, providers = [WasmBindgenModuleInfo], doc = "A wasm_bindgen target."),
        "level": attr.string(default = "Oz", values = OPT_LEVELS, doc = "Optimization level: Oz (size), O3 (speed), O2 (balanced), Os, O4."),
        "_node": attr.label(default = "@debian_toolchain//:bin/node", allow_single_file = True, cfg = "exec"),
        "_wasm_opt": attr.label(default = "@npm_tools//:node_modules/binaryen/bin/wasm-opt", allow_single_file = True, cfg = "exec"),
        "_binaryen": attr.label(default = "@npm_tools//:binaryen", cfg = "exec"),
    },
)
