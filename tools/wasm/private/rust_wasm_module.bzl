"""rust_wasm_module: a Rust library as one module of the package, every build of it, one target."""

load("//tools/rust:providers.bzl", "RustCrateInfo")
load(
    "//tools/rust:wasm_module_support.bzl",
    "PLATFORM_TRANSITION_ATTRS",
    "RUSTC_OPT_LEVEL_FOR_WASM_OPT",
    "WASM_BASELINE_FEATURES",
    "WASM_OPT_LEVELS",
    "WASM_PLATFORMS",
    "compile_wasm_cdylib",
    "linked_crates",
    "wasm_module_transition",
)
load("//tools/wasm:providers.bzl", "WasmModuleInfo")
load("//tools/wasm/private:bindgen.bzl", "WASM_BINDGEN_ATTRS", "run_wasm_bindgen")
load("//tools/wasm/private:describe.bzl", "describe_module", "module_runfiles_files")
load("//tools/wasm/private:optimize.bzl", "WASM_OPT_ATTRS", "run_wasm_opt")
load("//tools/wasm/private:types.bzl", "DTS_ENHANCE_ATTRS", "run_dts_enhance")

def _check_attributes(ctx, bundled):
    if ctx.attr.opt_level not in WASM_OPT_LEVELS:
        fail("{}: opt_level {} is not one of {}. Fix: pick one of those: Oz for size, O3 for speed, O2 balanced.".format(ctx.label, repr(ctx.attr.opt_level), ", ".join(WASM_OPT_LEVELS)))
    if ctx.attr.gzip_budget <= 0:
        fail("{}: gzip_budget must be a positive number of bytes, not {}. Fix: set it a little above the module's gzip size in `bazel run //npm:report`.".format(ctx.label, ctx.attr.gzip_budget))
    if bundled:
        if ctx.attr.scenario or ctx.attr.kernel:
            fail("{}: a module with `bundled_modules` runs the scenarios and kernels of the modules it bundles. Fix: remove `scenario` and `kernel`.".format(ctx.label))
    elif not ctx.attr.scenario or not ctx.attr.kernel:
        fail("{}: every module needs a `scenario` (run in every engine) and a `kernel` (benchmarked in every engine). Fix: add both (see crates/core/tests/scenario.mjs and crates/core/bench/kernel.mjs).".format(ctx.label))
    for target in ctx.attr.bundled_modules:
        module = target[WasmModuleInfo]
        if module.bundled:
            fail("{}: bundled module {} bundles modules itself. Fix: bundle the modules it bundles directly.".format(ctx.label, target.label))
        if module.crate.package != target.label.package or module.crate.workspace_name != target.label.workspace_name:
            # The transition names a bundled crate by its module's package (it sees labels only).
            fail("{}: bundled module {} is not in the package of its crate {}. Fix: declare the rust_wasm_module next to its rust_library.".format(ctx.label, target.label, module.crate))

def _compile_build(ctx, name, build, bundled):
    """Registers rustc, wasm-bindgen and wasm-opt for one build; returns its struct."""
    crate = ctx.split_attr.crate[build]
    toolchain = ctx.split_attr._toolchain[build][platform_common.ToolchainInfo]
    linked = linked_crates(crate)
    for module in bundled:
        if module.crate not in linked:
            fail("{}: `bundled_modules` lists module {}, but its crate {} is not a dependency of {}. Fix: add it to the crate's deps and Cargo.toml.".format(ctx.label, module.name, module.crate, ctx.attr.crate[0].label))
    directory = "{}/{}".format(ctx.label.name, build)
    cdylib = ctx.actions.declare_file("{}/rustc/{}.wasm".format(directory, name))
    compile_wasm_cdylib(ctx, crate, toolchain, ctx.attr.crate_features, RUSTC_OPT_LEVEL_FOR_WASM_OPT[ctx.attr.opt_level], cdylib)
    bound = run_wasm_bindgen(ctx, cdylib, name, directory + "/bindgen")
    features = WASM_BASELINE_FEATURES + (["simd"] if toolchain.simd128 else [])
    shipped = ctx.actions.declare_file("{}/{}.wasm".format(directory, name))
    run_wasm_opt(ctx, bound.wasm, ctx.attr.opt_level, features, shipped, "{} ({} build)".format(name, build))
    return struct(
        name = build,
        simd128 = toolchain.simd128,
        features = features,
        cdylib = cdylib,
        wasm_unoptimized = bound.wasm,
        wasm_names = bound.wasm_names,
        wasm = shipped,
        js = bound.js,
        dts = bound.dts,
    )

def _rust_wasm_module_impl(ctx):
    name = ctx.attr.module_name or ctx.label.name
    bundled = [target[WasmModuleInfo] for target in ctx.attr.bundled_modules]
    _check_attributes(ctx, bundled)
    builds = {build: _compile_build(ctx, name, build, bundled) for build in WASM_PLATFORMS}

    types = ctx.actions.declare_file("{}/types/{}.d.ts".format(ctx.label.name, name))
    run_dts_enhance(
        ctx,
        name = name,
        dts = builds["simd128"].dts,
        manifest = ctx.file.dts_manifest,
        types = ctx.files.dts_types,
        bundled = [struct(manifest = m.dts_manifest, types = m.dts_types) for m in bundled],
        version = ctx.attr.version,
        output = types,
    )
    if bundled:
        scenarios = {m.name: m.scenarios[m.name] for m in bundled}
        kernels = {m.name: m.kernels[m.name] for m in bundled}
    else:
        scenarios = {name: ctx.file.scenario}
        kernels = {name: ctx.file.kernel}

    manifest = ctx.actions.declare_file(ctx.label.name + ".module.json")

    # Attributes with a split transition are lists (one entry per build); each holds the same label.
    info = WasmModuleInfo(
        name = name,
        label = ctx.label,
        crate = ctx.attr.crate[0].label,
        opt_level = ctx.attr.opt_level,
        gzip_budget = ctx.attr.gzip_budget,
        builds = builds,
        types = types,
        dts_manifest = ctx.file.dts_manifest,
        dts_types = ctx.files.dts_types,
        bundled = bundled,
        node_suite = ctx.file.node_suite,
        node_suite_data = depset(ctx.files.node_suite_data),
        scenarios = scenarios,
        kernels = kernels,
        manifest = manifest,
    )

    # module.json is written once every build exists (its action reads them all), so building
    # this target builds the whole module.
    files = module_runfiles_files(info)
    config = ctx.actions.declare_file(ctx.label.name + ".module_config.json")
    ctx.actions.write(config, json.encode({
        "description": describe_module(info),
        "files": {f.short_path: f.path for f in files.to_list()},
        "declarations": {build: b.dts.path for build, b in builds.items()},
        "out": manifest.path,
    }))
    ctx.actions.run(
        executable = ctx.file._node,
        arguments = [ctx.file._module_manifest.path, config.path],
        inputs = depset([config, ctx.file._module_manifest] + [b.dts for b in builds.values()], transitive = [files]),
        outputs = [manifest],
        mnemonic = "WasmModuleManifest",
        progress_message = "Describing module {} (module.json)".format(name),
    )
    return [
        DefaultInfo(files = depset([manifest]), runfiles = ctx.runfiles(transitive_files = depset([manifest], transitive = [files]))),
        info,
    ]

rust_wasm_module = rule(
    implementation = _rust_wasm_module_impl,
    doc = "One module of the package from a rust_library: every build of it (simd128 for " +
          "engines with SIMD, baseline for those without), each compiled by rustc for its " +
          "platform, bound by wasm-bindgen (one ESM glue for Node and browsers) and optimized by " +
          "wasm-opt; the precise TypeScript types (dts_enhance); and the files that test and " +
          "measure it. Its output is <name>.module.json, describing all of that; its provider " +
          "(WasmModuleInfo) is what npm_package, tests and benchmarks take.",
    attrs = dict(
        PLATFORM_TRANSITION_ATTRS.items() + WASM_BINDGEN_ATTRS.items() + WASM_OPT_ATTRS.items() + DTS_ENHANCE_ATTRS.items(),
        crate = attr.label(
            mandatory = True,
            providers = [RustCrateInfo],
            cfg = wasm_module_transition,
            doc = "The rust_library whose `#[wasm_bindgen]` API the module exports. It and " +
                  "everything it depends on are compiled once per build, for that build's " +
                  "platform, at `opt_level`.",
        ),
        module_name = attr.string(doc = "The module's name in the package (`load('<name>')`); default: the target name."),
        version = attr.string(mandatory = True, doc = "The package version (WORKSPACE_VERSION from @crates//:workspace.bzl), written into the types."),
        # Checked by the implementation, not by `values`: Bazel checks `values` while loading
        # the BUILD file, where no test can observe the message; the implementation's error is an
        # analysis error, which //tools/wasm/tests asserts names the valid levels.
        opt_level = attr.string(
            default = "Oz",
            doc = "The module's one optimization knob, one of `Oz`, `Os`, `O2`, `O3`, `O4`: " +
                  "wasm-opt's level, and rustc's matching opt-level (Oz->z, Os->s, O2->2, O3->3, " +
                  "O4->3) for the module's crates. Oz for size, O3 for speed, O2 balanced.",
        ),
        crate_features = attr.string_list(
            default = ["bindings", "module"],
            doc = "Cargo features of the root crate only. By convention `bindings` gates a " +
                  "crate's `#[wasm_bindgen]` API (so its dependents never re-export it) and " +
                  "`module` exports the module interface (version, memoryUsage, simdEnabled), " +
                  "once per module.",
        ),
        bundled_modules = attr.label_list(
            providers = [WasmModuleInfo],
            doc = "For a module that re-exports others in one instance (unified): the modules " +
                  "it bundles. Each one's crate (the rust_library of its package, a dependency " +
                  "of `crate`) is compiled with its `bindings` feature into this module; their " +
                  "types are merged into this module's, and their Node suites, scenarios and " +
                  "kernels are this module's.",
        ),
        dts_manifest = attr.label(
            mandatory = True,
            allow_single_file = [".json"],
            doc = "How dts_enhance types the module's JSON-shaped values (its dts_manifest.json).",
        ),
        dts_types = attr.label_list(
            allow_files = [".d.ts", ".ts"],
            doc = "The hand-written interfaces the manifest refers to (its types.d.ts), if any.",
        ),
        node_suite = attr.label(
            mandatory = True,
            allow_single_file = [".mjs", ".js"],
            doc = "The module's Node test script, run by wasm_module_node_test on each build as " +
                  "`node <suite> <glue.js> <module.wasm> --build=<simd128|baseline>` (a bundling " +
                  "module's suite also gets `--suite=<name>=<path>` per bundled module).",
        ),
        node_suite_data = attr.label_list(allow_files = True, doc = "Files the Node suite reads."),
        scenario = attr.label(
            allow_single_file = [".mjs"],
            doc = "The module's scenario, run in every engine on every build (results must be " +
                  "bit-identical): an ES module exporting `scenario(m, helpers)` and " +
                  "`memoryCycle(m, i, helpers)`, with no imports. Not for bundling modules.",
        ),
        kernel = attr.label(
            allow_single_file = [".mjs"],
            doc = "The module's benchmark kernels (//tools/bench:engines), an ES module exporting " +
                  "`kernels`: [{ name, setup(m, helpers) -> step() -> operations }], with no " +
                  "imports. Not for bundling modules.",
        ),
        gzip_budget = attr.int(
            mandatory = True,
            doc = "The most bytes the module's gzip'd simd128 build may take; the package's " +
                  "build report fails the build above it.",
        ),
        _toolchain = attr.label(
            default = "//tools/rust:current_toolchain",
            cfg = wasm_module_transition,
            doc = "The Rust toolchain resolved for each build's platform.",
        ),
        _module_manifest = attr.label(default = "//tools/wasm/private:module_manifest.mjs", allow_single_file = True),
    ),
)
