"""A module's description as JSON-ready data: what module.json and modules.json hold."""

def describe_module(module):
    """The WasmModuleInfo `module` as a dict of runfiles paths (relative to the runfiles root).

    Args:
      module: a WasmModuleInfo.
    Returns:
      A dict that json.encode turns into the module's entry of module.json / modules.json.
    """
    return {
        "name": module.name,
        "label": str(module.label),
        "crate": str(module.crate),
        "optLevel": module.opt_level,
        "gzipBudget": module.gzip_budget,
        "bundles": [m.name for m in module.bundled],
        "builds": {
            name: {
                "simd128": build.simd128,
                "features": build.features,
                "cdylib": build.cdylib.short_path,
                "wasmUnoptimized": build.wasm_unoptimized.short_path,
                "wasmNames": build.wasm_names.short_path,
                "wasm": build.wasm.short_path,
                "js": build.js.short_path,
            }
            for name, build in module.builds.items()
        },
        "types": module.types.short_path,
        "nodeSuite": module.node_suite.short_path,
        "scenarios": {name: f.short_path for name, f in module.scenarios.items()},
        "kernels": {name: f.short_path for name, f in module.kernels.items()},
    }

def module_runfiles_files(module):
    """Every file a module's description names, for runfiles: builds, types and test files.

    Args:
      module: a WasmModuleInfo.
    Returns:
      A depset of Files: each build's files, the types, and the files of the module's (and its
      bundled modules') Node suites, scenarios and kernels.
    """
    files = [module.types, module.node_suite] + module.scenarios.values() + module.kernels.values()
    for build in module.builds.values():
        files += [build.cdylib, build.wasm_unoptimized, build.wasm_names, build.wasm, build.js]
    return depset(files, transitive = [module.node_suite_data] + [m.node_suite_data for m in module.bundled] + [
        depset([m.node_suite])
        for m in module.bundled
    ])
