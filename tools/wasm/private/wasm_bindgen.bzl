"""wasm_bindgen: runs wasm-bindgen on a rust_wasm_cdylib module."""

load("//tools/rust:providers.bzl", "WasmModuleInfo")
load("//tools/wasm:providers.bzl", "WasmBindgenModuleInfo")

def _wasm_bindgen_impl(ctx):
    module = ctx.attr.module[WasmModuleInfo]
    js = ctx.actions.declare_file(ctx.label.name + "/" + module.name + ".js")
    dts = ctx.actions.declare_file(ctx.label.name + "/" + module.name + ".d.ts")
    wasm = ctx.actions.declare_file(ctx.label.name + "/" + module.name + "_bg.wasm")
    ctx.actions.run(
        executable = ctx.executable._wasm_bindgen,
        arguments = [
            "--input",
            module.wasm.path,
            "--out-name",
            module.name,
            "--out-js",
            js.path,
            "--out-dts",
            dts.path,
            "--out-wasm",
            wasm.path,
        ],
        inputs = [module.wasm],
        outputs = [js, dts, wasm],
        mnemonic = "WasmBindgen",
        progress_message = "Generating JS bindings for {} ({})".format(module.name, ctx.label),
    )
    return [
        DefaultInfo(files = depset([js, dts, wasm])),
        WasmBindgenModuleInfo(
            name = module.name,
            js = js,
            dts = dts,
            public_dts = None,
            wasm = wasm,
            wasm_before_opt = wasm,
            simd128 = module.simd128,
            target_features = module.target_features,
            opt_level = None,
            baseline = None,
            bundled_manifests = [],
        ),
    ]

wasm_bindgen = rule(
    implementation = _wasm_bindgen_impl,
    doc = "Generates ESM glue (wasm-bindgen's `web` target, for Node and browsers) and " +
          "TypeScript declarations for a wasm module built from Rust.",
    attrs = {
        "module": attr.label(mandatory = True, providers = [WasmModuleInfo], doc = "A rust_wasm_cdylib target."),
        "_wasm_bindgen": attr.label(
            default = "//tools/wasm_bindgen:wasm_bindgen_tool",
            executable = True,
            cfg = "exec",
            doc = "wasm-bindgen, built from the workspace's Cargo.lock.",
        ),
    },
)
