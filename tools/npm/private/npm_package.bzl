"""npm_package: the npm package directory and its `npm pack` tarball."""

load("//tools/wasm:providers.bzl", "WasmModuleListInfo")

def _npm_package_impl(ctx):
    modules = ctx.attr.modules[WasmModuleListInfo].modules
    names = [m.name for m in modules]

    index_dts = ctx.actions.declare_file(ctx.label.name + "_types/index.d.ts")
    ctx.actions.run(
        executable = ctx.executable._dts_enhance,
        arguments = ["index", "--version", ctx.attr.version, "--out", index_dts.path] + names,
        outputs = [index_dts],
        mnemonic = "DtsEnhance",
        progress_message = "Writing the package's index.d.ts",
    )

    report = ctx.actions.declare_file(ctx.label.name + "_report/build-report.json")
    report_config = ctx.actions.declare_file(ctx.label.name + "_report/config.json")
    ctx.actions.write(report_config, json.encode({
        "sizeBaseline": ctx.file.size_baseline.path if ctx.file.size_baseline else None,
        "binaryen": ctx.file._binaryen_main.path,
        "package": ctx.attr.package_name,
        "version": ctx.attr.version,
        "modules": [struct(
            name = m.name,
            wasm = m.builds["simd128"].wasm.path,
            wasmBeforeOpt = m.builds["simd128"].wasm_unoptimized.path,
            wasmNames = m.builds["simd128"].wasm_names.path,
            wasmCdylib = m.builds["simd128"].cdylib.path,
            js = m.builds["simd128"].js.path,
            optLevel = m.opt_level,
            simd128 = m.builds["simd128"].simd128,
            gzipBudget = m.gzip_budget,
            baseline = struct(
                wasm = m.builds["baseline"].wasm.path,
                wasmBeforeOpt = m.builds["baseline"].wasm_unoptimized.path,
                wasmNames = m.builds["baseline"].wasm_names.path,
                wasmCdylib = m.builds["baseline"].cdylib.path,
            ),
            bundles = [b.name for b in m.bundled],
            bundledManifests = [b.dts_manifest.path for b in m.bundled],
        ) for m in modules],
    }))
    module_files = []
    for m in modules:
        module_files.append(m.types)
        for build in m.builds.values():
            module_files.extend([build.wasm, build.wasm_unoptimized, build.wasm_names, build.cdylib, build.js])
        module_files.extend([b.dts_manifest for b in m.bundled])
    ctx.actions.run(
        executable = ctx.file._node,
        arguments = [ctx.file._bundle_report.path, report_config.path, report.path],
        inputs = depset(
            [report_config, ctx.file._bundle_report, ctx.file._wasm_stats, ctx.file._binaryen_main] + module_files +
            ctx.files.size_baseline,
            transitive = [depset(ctx.files._binaryen), depset(ctx.files._report_lib)],
        ),
        outputs = [report],
        mnemonic = "BundleReport",
        progress_message = "Measuring the package's modules (build-report.json)",
    )

    package_dir = ctx.actions.declare_directory(ctx.label.name)
    tgz = ctx.actions.declare_file(ctx.label.name + ".tgz")
    loader_root = ctx.label.package + "/" + ctx.attr.loader_root if ctx.attr.loader_root else ctx.label.package
    loader = []
    for f in ctx.files.loader:
        if not f.short_path.startswith(loader_root + "/"):
            fail("{}: loader file {} is not under {}/ (`loader_root`). Fix: move it under {}/, or set `loader_root` to a directory that holds every loader file.".format(ctx.label, f.short_path, loader_root, loader_root))
        loader.append(struct(src = f.path, dest = f.short_path[len(loader_root) + 1:]))
    config = ctx.actions.declare_file(ctx.label.name + "_config.json")
    ctx.actions.write(config, json.encode(struct(
        template = ctx.file.package_json.path,
        readme = ctx.file.readme.path,
        loader = loader,
        modules = [struct(
            name = m.name,
            wasm = m.builds["simd128"].wasm.path,
            js = m.builds["simd128"].js.path,
            dts = m.types.path,
            baselineWasm = m.builds["baseline"].wasm.path,
        ) for m in modules],
        indexDts = index_dts.path,
        report = report.path,
        version = ctx.attr.version,
        outDir = package_dir.path,
        outTgz = tgz.path,
        npm = ctx.file._npm.path,
    )))
    ctx.actions.run(
        executable = ctx.file._node,
        arguments = [ctx.file._assemble.path, config.path],
        inputs = [config, ctx.file._assemble, ctx.file._npm, ctx.file.package_json, ctx.file.readme, index_dts, report] +
                 ctx.files.loader + module_files,
        outputs = [package_dir, tgz],
        env = {"PATH": "/usr/bin:/bin"},
        mnemonic = "NpmPackage",
        progress_message = "Assembling and packing {} {}".format(ctx.attr.package_name, ctx.attr.version),
    )
    return [
        DefaultInfo(files = depset([tgz, package_dir])),
        OutputGroupInfo(
            tgz = depset([tgz]),
            report = depset([report]),
            package_dir = depset([package_dir]),
        ),
    ]

npm_package = rule(
    implementation = _npm_package_impl,
    doc = "Assembles the npm package (wasm/, types/, index.js loader, one subpath entry per " +
          "module, build-report.json, package.json with an exports map) and packs it (.tgz).",
    attrs = {
        "modules": attr.label(
            mandatory = True,
            providers = [WasmModuleListInfo],
            doc = "The package's modules (a wasm_module_list of rust_wasm_module targets), in " +
                  "package order; each ships its simd128 and baseline builds.",
        ),
        "package_json": attr.label(mandatory = True, allow_single_file = [".json"], doc = "package.json fields that do not depend on the build (name, description, license, engines...)."),
        "package_name": attr.string(mandatory = True, doc = "The package's npm name (must equal package_json's)."),
        "version": attr.string(mandatory = True, doc = "The package version (WORKSPACE_VERSION)."),
        "readme": attr.label(mandatory = True, allow_single_file = True, doc = "The package's README.md."),
        "loader": attr.label_list(allow_files = [".js"], doc = "The loader's JS files, placed relative to `loader_root`."),
        "loader_root": attr.string(default = "src", doc = "The directory (in this package) the loader files are relative to."),
        "_assemble": attr.label(default = "//tools/npm/private:assemble_package.mjs", allow_single_file = True),
        "_bundle_report": attr.label(default = "//tools/npm/private:bundle_report.mjs", allow_single_file = True),
        "_wasm_stats": attr.label(default = "//tools/wasm/private:wasm_stats.mjs", allow_single_file = True),
        "_report_lib": attr.label(default = "//tools/report:report_lib"),
        "size_baseline": attr.label(
            allow_single_file = [".json"],
            doc = "An earlier build-report.json, committed: a module over its `gzip_budget` is " +
                  "explained by the groups (crates, C code, glue, data) that grew since it.",
        ),
        "_dts_enhance": attr.label(default = "//tools/dts_enhance", executable = True, cfg = "exec"),
        "_node": attr.label(default = "@debian_toolchain//:bin/node", allow_single_file = True, cfg = "exec"),
        "_npm": attr.label(default = "@debian_toolchain//:bin/npm", allow_single_file = True, cfg = "exec"),
        "_binaryen": attr.label(default = "@npm_tools//:binaryen", cfg = "exec"),
        "_binaryen_main": attr.label(default = "@npm_tools//:node_modules/binaryen/index.js", allow_single_file = True, cfg = "exec"),
    },
)
