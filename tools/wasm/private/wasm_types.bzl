"""wasm_types: a module's precise TypeScript declarations, made by tools/dts_enhance."""

load("//tools/wasm:providers.bzl", "WasmBindgenModuleInfo")

def _wasm_types_impl(ctx):
    module = ctx.attr.module[WasmBindgenModuleInfo]
    baseline = ctx.attr.baseline[WasmBindgenModuleInfo] if ctx.attr.baseline else None
    if baseline and (baseline.name != module.name or baseline.simd128 or not module.simd128):
        fail("{}: `baseline` must be the non-SIMD build of the SIMD128 module {}".format(ctx.label, module.name))
    out = ctx.actions.declare_file(ctx.label.name + "/types/" + module.name + ".d.ts")
    args = ctx.actions.args()
    args.add("module")
    args.add("--dts", module.dts)
    args.add("--manifest", ctx.file.manifest)
    inputs = [module.dts, ctx.file.manifest]
    if ctx.file.types:
        args.add("--types", ctx.file.types)
        inputs.append(ctx.file.types)
    bundled_manifests = [f for f in ctx.files.bundled_dts if f.extension == "json"]
    for bundled_manifest in bundled_manifests:
        # Each bundled module's manifest, with the types.d.ts next to it (if there is one).
        bundled_types = [
            f
            for f in ctx.files.bundled_dts
            if f.dirname == bundled_manifest.dirname and f.extension == "ts"
        ]
        args.add("--bundle", ":".join([bundled_manifest.path] + [f.path for f in bundled_types]))
    inputs.extend(ctx.files.bundled_dts)
    args.add("--version", ctx.attr.version)
    args.add("--out", out)
    ctx.actions.run(
        executable = ctx.executable._dts_enhance,
        arguments = [args],
        inputs = inputs,
        outputs = [out],
        mnemonic = "DtsEnhance",
        progress_message = "Writing precise TypeScript types for {}".format(module.name),
    )
    return [
        DefaultInfo(files = depset([out, module.wasm, module.js] + ([baseline.wasm] if baseline else []))),
        OutputGroupInfo(
            js = depset([module.js]),
            wasm = depset([module.wasm]),
            wasm_before_opt = depset([module.wasm_before_opt]),
            types = depset([out]),
            baseline_js = depset([baseline.js] if baseline else []),
            baseline_wasm = depset([baseline.wasm] if baseline else []),
        ),
        WasmBindgenModuleInfo(
            name = module.name,
            js = module.js,
            dts = module.dts,
            public_dts = out,
            wasm = module.wasm,
            wasm_before_opt = module.wasm_before_opt,
            simd128 = module.simd128,
            target_features = module.target_features,
            opt_level = module.opt_level,
            baseline = baseline,
            bundled_manifests = bundled_manifests,
        ),
    ]

wasm_types = rule(
    implementation = _wasm_types_impl,
    doc = "Runs tools/dts_enhance on a module's wasm-bindgen declarations: precise types for " +
          "JSON-shaped values from the manifest, module docs, no `any` (an `any` left fails).",
    attrs = {
        "module": attr.label(mandatory = True, providers = [WasmBindgenModuleInfo], doc = "A wasm_bindgen or wasm_opt target."),
        "manifest": attr.label(mandatory = True, allow_single_file = [".json"], doc = "The module's dts_manifest.json."),
        "types": attr.label(allow_single_file = [".d.ts", ".ts"], doc = "Hand-written interfaces the manifest refers to (types.d.ts)."),
        "version": attr.string(mandatory = True, doc = "The package version, written into the docs."),
        "bundled_dts": attr.label_list(
            allow_files = [".json", ".d.ts"],
            doc = "For a module re-exporting other modules (unified): each bundled module's " +
                  "dts_manifest.json and types.d.ts (one pair per directory), merged into this " +
                  "module's types.",
        ),
        "baseline": attr.label(
            providers = [WasmBindgenModuleInfo],
            doc = "The same crate's build without SIMD (a wasm_opt target), shipped next to the " +
                  "SIMD128 build for engines without SIMD.",
        ),
        "_dts_enhance": attr.label(default = "//tools/dts_enhance", executable = True, cfg = "exec"),
    },
)
