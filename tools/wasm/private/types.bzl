"""The dts_enhance action: a module's precise TypeScript declarations."""

# The attributes run_dts_enhance reads.
DTS_ENHANCE_ATTRS = {
    "_dts_enhance": attr.label(default = "//tools/dts_enhance", executable = True, cfg = "exec"),
}

def run_dts_enhance(ctx, name, dts, manifest, types, bundled, version, output):
    """Registers tools/dts_enhance on wasm-bindgen's declarations of one module.

    It replaces every `any` with the type the manifest names (an `any` left fails the action)
    and adds the module's docs.

    Args:
      ctx: the rule context (with DTS_ENHANCE_ATTRS).
      name: the module's name.
      dts: wasm-bindgen's .d.ts File.
      manifest: the module's dts_manifest.json File.
      types: Files with the hand-written interfaces the manifest refers to (types.d.ts), or [].
      bundled: for a module that re-exports others, one struct(manifest, types) per bundled
        module (types a list, as above), merged into this module's types; else [].
      version: the package version, written into the docs.
      output: the .d.ts File to write.
    """
    args = ctx.actions.args()
    args.add("module")
    args.add("--dts", dts)
    args.add("--manifest", manifest)
    args.add_all(types, before_each = "--types")
    inputs = [dts, manifest] + types
    for part in bundled:
        args.add("--bundle", ":".join([part.manifest.path] + [f.path for f in part.types]))
        inputs += [part.manifest] + part.types
    args.add("--version", version)
    args.add("--out", output)
    ctx.actions.run(
        executable = ctx.executable._dts_enhance,
        arguments = [args],
        inputs = inputs,
        outputs = [output],
        mnemonic = "DtsEnhance",
        progress_message = "Writing precise TypeScript types for {}".format(name),
    )
