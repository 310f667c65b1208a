"""The wasm-bindgen action: ESM glue and TypeScript declarations for a Rust wasm module."""

# The attributes run_wasm_bindgen reads.
WASM_BINDGEN_ATTRS = {
    "_wasm_bindgen": attr.label(
        default = "//tools/wasm_bindgen:wasm_bindgen_tool",
        executable = True,
        cfg = "exec",
        doc = "wasm-bindgen, built from the workspace's Cargo.lock.",
    ),
}

def run_wasm_bindgen(ctx, wasm, name, directory):
    """Registers a wasm-bindgen run (`web` target: ESM glue for Node and browsers).

    Args:
      ctx: the rule context (with WASM_BINDGEN_ATTRS).
      wasm: the rustc-built .wasm File.
      name: the module's name (the glue's file name).
      directory: the directory (under the rule's package) for the outputs.
    Returns:
      struct(js, dts, wasm, wasm_names): the glue, its declarations, the module wasm-bindgen
      rewrote, and the same module with its `name` section (function names: for the bundle
      report's attribution, never shipped; wasm-opt gets the nameless one, because names in its
      input renumber types at -Oz).
    """
    js = ctx.actions.declare_file("{}/{}.js".format(directory, name))
    dts = ctx.actions.declare_file("{}/{}.d.ts".format(directory, name))
    out = ctx.actions.declare_file("{}/{}_bg.wasm".format(directory, name))
    names = ctx.actions.declare_file("{}/{}_bg.names.wasm".format(directory, name))
    ctx.actions.run(
        executable = ctx.executable._wasm_bindgen,
        arguments = [
            "--input",
            wasm.path,
            "--out-name",
            name,
            "--out-js",
            js.path,
            "--out-dts",
            dts.path,
            "--out-wasm",
            out.path,
            "--out-wasm-names",
            names.path,
        ],
        inputs = [wasm],
        outputs = [js, dts, out, names],
        mnemonic = "WasmBindgen",
        progress_message = "Generating JS bindings for {} ({})".format(name, directory),
    )
    return struct(js = js, dts = dts, wasm = out, wasm_names = names)
