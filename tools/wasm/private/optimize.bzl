"""The wasm-opt action: binaryen's optimizer, with exactly the module's wasm features."""

# The attributes run_wasm_opt reads.
WASM_OPT_ATTRS = {
    "_node": attr.label(default = "@debian_toolchain//:bin/node", allow_single_file = True, cfg = "exec"),
    "_wasm_opt": attr.label(default = "@npm_tools//:node_modules/binaryen/bin/wasm-opt", allow_single_file = True, cfg = "exec"),
    "_binaryen": attr.label(default = "@npm_tools//:binaryen", cfg = "exec"),
}

def run_wasm_opt(ctx, wasm, level, features, output, description):
    """Registers a wasm-opt run (npm's binaryen, pinned) that also strips debug information.

    Args:
      ctx: the rule context (with WASM_OPT_ATTRS).
      wasm: the .wasm File to optimize (wasm-bindgen's output).
      level: the optimization level: "Oz", "Os", "O2", "O3" or "O4".
      features: the wasm features the module was compiled with, by binaryen's names
        (`--enable-<name>`): wasm-opt may use exactly these, so SIMD only in simd128 builds.
      output: the .wasm File to write.
      description: what the progress message calls the module.
    """
    args = ctx.actions.args()
    args.add(ctx.file._wasm_opt)
    args.add("-" + level)
    args.add_all(sorted(features), format_each = "--enable-%s")
    args.add_all(["--strip-debug", "--strip-producers", "--strip-target-features"])
    args.add(wasm)
    args.add("-o", output)
    ctx.actions.run(
        executable = ctx.file._node,
        arguments = [args],
        inputs = depset([wasm, ctx.file._wasm_opt], transitive = [depset(ctx.files._binaryen)]),
        outputs = [output],
        mnemonic = "WasmOpt",
        progress_message = "Optimizing {} with wasm-opt -{}".format(description, level),
    )
