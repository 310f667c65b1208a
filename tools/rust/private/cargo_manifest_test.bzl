"""cargo_manifest_test: fails when a crate's Bazel deps and its Cargo.toml deps disagree."""

load("//tools/node:defs.bzl", "node_test")
load("//tools/rust:providers.bzl", "RustCrateInfo")
load("//tools/rust/private:transition.bzl", "PLATFORM_TRANSITION_ATTRS", "platform_transition")

def _declared(info):
    return sorted([dep.crate_name for dep in info.source.deps])

def _cargo_declared_deps_impl(ctx):
    host = ctx.attr.crate[RustCrateInfo]
    wasm = ctx.attr.crate_for_platform[0][RustCrateInfo]
    if not host.source:
        fail("{}: `crate` {} is not a first-party rust_library. Fix: point `crate` at a rust_library of this workspace (third-party crates have no Cargo.toml here to check).".format(ctx.label, ctx.attr.crate.label))
    out = ctx.actions.declare_file(ctx.label.name + ".json")
    ctx.actions.write(out, json.encode({
        "label": str(ctx.attr.crate.label),
        "package": host.source.cargo_package,
        "version": host.source.version,
        "manifest": ctx.file.manifest.short_path,
        "build_file": ctx.attr.crate.label.package + "/BUILD.bazel",
        "deps": {"host": _declared(host), "wasm": _declared(wasm)},
        "dev_deps": sorted([d[RustCrateInfo].crate_name for d in ctx.attr.dev_deps]),
        "crate_features": sorted(host.source.crate_features + ctx.attr.module_features),
    }))
    return [DefaultInfo(files = depset([out]))]

cargo_declared_deps = rule(
    implementation = _cargo_declared_deps_impl,
    doc = "Writes the crate names a rust_library depends on, for the host and for `platform`.",
    attrs = dict(
        PLATFORM_TRANSITION_ATTRS,
        crate = attr.label(mandatory = True, providers = [RustCrateInfo], doc = "The rust_library to check."),
        crate_for_platform = attr.label(
            mandatory = True,
            providers = [RustCrateInfo],
            cfg = platform_transition,
            doc = "The same rust_library, configured for `platform`.",
        ),
        dev_deps = attr.label_list(providers = [RustCrateInfo], doc = "The crate's test-only dependencies (its rust_test's deps)."),
        manifest = attr.label(mandatory = True, allow_single_file = ["Cargo.toml"], doc = "The crate's Cargo.toml."),
        module_features = attr.string_list(doc = "Features its wasm module enables (rust_wasm_module's crate_features)."),
        platform = attr.label(default = "//platforms:wasm32_simd128", doc = "The wasm platform whose deps to compare."),
    ),
)

def cargo_manifest_test(name, crate, manifest = "Cargo.toml", dev_deps = [], module_features = [], **kwargs):
    """Tests that a crate's BUILD deps and features agree with its Cargo.toml.

    `crate`'s deps (host and wasm32) and dev_deps must equal its Cargo.toml's, and every feature
    it is built with must be declared there.

    Args:
      name: the test's name.
      crate: the rust_library.
      manifest: its Cargo.toml.
      dev_deps: the deps of its rust_test (Cargo's [dev-dependencies]).
      module_features: features its wasm module enables (its rust_wasm_module's
        `crate_features`, e.g. `bindings` and `module`); [] for a crate without a module.
      **kwargs: common test attributes.
    """
    cargo_declared_deps(
        name = name + "_declared",
        crate = crate,
        crate_for_platform = crate,
        dev_deps = dev_deps,
        manifest = manifest,
        module_features = module_features,
        testonly = True,
    )
    node_test(
        name = name,
        entry = Label("//tools/rust/private:cargo_manifest_check.mjs"),
        data = [
            ":" + name + "_declared",
            "@crates//:metadata.json",
        ],
        script_args = [
            "$(rootpath :{}_declared)".format(name),
            "$(rootpath @crates//:metadata.json)",
        ],
        **kwargs
    )
