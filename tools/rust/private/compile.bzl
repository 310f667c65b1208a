"""The one rustc action every Rust rule here uses."""

load("//tools/rust:providers.bzl", "RustCrateInfo", "WasmOptLevelInfo")

def _dirname(file):
    return file.dirname

def _path(file):
    return file.path

def crate_source(ctx, default_root):
    """The compile description of a first-party crate from a rule's attributes.

    Args:
      ctx: the rule context (with CRATE_ATTRS).
      default_root: the crate root's path in the package when `crate_root` is not set, or None
        when `crate_root` is required (integration tests).
    Returns:
      A struct describing how to compile the crate.
    """
    crate_root = ctx.file.crate_root
    if not crate_root and not default_root:
        fail("{}: no `crate_root`. Fix: set `crate_root` to the crate's root file (one of `srcs`).".format(ctx.label))
    if not crate_root:
        wanted = "/".join([p for p in [ctx.label.package, default_root] if p])
        roots = [f for f in ctx.files.srcs if f.short_path.endswith(wanted)]
        if not roots:
            fail("{}: no {} among `srcs`, and no `crate_root`. Fix: add {} to `srcs`, or set `crate_root` to the crate's root file.".format(ctx.label, wanted, wanted))
        crate_root = roots[0]
    if crate_root not in ctx.files.srcs:
        fail("{}: crate_root {} is not one of `srcs`. Fix: add it to `srcs`.".format(ctx.label, crate_root.short_path))
    return struct(
        srcs = ctx.files.srcs,
        crate_root = crate_root,
        deps = [dep[RustCrateInfo] for dep in ctx.attr.deps],
        crate_features = ctx.attr.crate_features,
        edition = ctx.attr.edition,
        version = ctx.attr.version,
        compile_data = ctx.files.compile_data,
        cargo_package = ctx.attr.cargo_package or crate_name_of(ctx).replace("_", "-"),
    )

def with_extra_features(source, features):
    """A crate_source() struct with `features` enabled in addition to its own."""
    return struct(
        srcs = source.srcs,
        crate_root = source.crate_root,
        deps = source.deps,
        crate_features = source.crate_features + [f for f in features if f not in source.crate_features],
        edition = source.edition,
        version = source.version,
        compile_data = source.compile_data,
        cargo_package = source.cargo_package,
    )

def crate_name_of(ctx):
    return ctx.attr.crate_name or ctx.label.name.replace("-", "_")

def profile_opt_level(ctx, toolchain):
    """rustc's opt-level for a rule with WASM_OPT_LEVEL_ATTRS: the module's, for wasm32 code.

    Toolchains are configured apart from their users (in Bazel 4, in the host configuration), so
    the level a wasm module asks for reaches its crates through this setting, not the toolchain.
    """
    if toolchain.is_wasm:
        return ctx.attr._wasm_opt_level[WasmOptLevelInfo].opt_level
    return toolchain.profile.opt_level

def rustc_compile(ctx, toolchain, crate_name, crate_type, source, output, extra_deps = [], opt_level = None):
    """Registers one rustc action.

    Args:
      ctx: the rule context.
      toolchain: the Rust ToolchainInfo to compile with.
      crate_name: the crate's name in Rust code.
      crate_type: "rlib", "cdylib", "bin" or "test" (a `--test` harness binary).
      source: a crate_source() struct.
      output: the File to write.
      extra_deps: more RustCrateInfo (a test's dev-dependencies).
      opt_level: rustc's opt-level; default: profile_opt_level().
    Returns:
      The RustCrateInfo of the result (meaningful for rlibs).
    """
    deps = source.deps + extra_deps
    profile = toolchain.profile
    args = ctx.actions.args()
    args.add(source.crate_root)
    args.add("--crate-name=" + crate_name)
    if crate_type == "test":
        args.add("--test")
    else:
        args.add("--crate-type=" + crate_type)
    args.add("--edition=" + source.edition)
    args.add("--target=" + toolchain.target_triple)
    if toolchain.sysroot:
        args.add("--sysroot=" + toolchain.sysroot.path)
    args.add("-Copt-level=" + (opt_level or profile_opt_level(ctx, toolchain)))
    args.add("-Ccodegen-units={}".format(profile.codegen_units))
    panic = "unwind" if crate_type == "test" else profile.panic
    if panic == "immediate-abort":
        args.add("-Zunstable-options")
    args.add("-Cpanic=" + panic)
    if crate_type in ("cdylib", "bin") and profile.lto != "off":
        args.add("-Clto=" + profile.lto)
    args.add("-Cdebuginfo=0")
    args.add("-Cmetadata={}".format(hash(str(ctx.label)) & 0xffffffff))
    for feature in toolchain.target_features:
        args.add("-Ctarget-feature=+" + feature)
    if toolchain.linker and crate_type in ("cdylib", "bin"):
        args.add("-Clinker=" + toolchain.linker.path)
    for feature in source.crate_features:
        args.add('--cfg=feature="{}"'.format(feature))
    for dep in deps:
        if dep.extern_flag:
            args.add(dep.extern_flag)
        else:
            args.add(dep.argfile, format = "@%s")
    transitive_rlibs = depset(transitive = [d.transitive_rlibs for d in deps])
    dep_dirs = depset(transitive = [d.transitive_dep_dirs for d in deps])
    args.add_all(transitive_rlibs, map_each = _dirname, format_each = "-Ldependency=%s", uniquify = True)
    args.add_all(dep_dirs, map_each = _path, format_each = "-Ldependency=%s", uniquify = True, expand_directories = False)
    args.add("-o", output)

    version = source.version.split("-")[0].split(".")
    if len(version) != 3:
        fail("{}: version {} is not MAJOR.MINOR.PATCH. Fix: set `version` to WORKSPACE_VERSION from @crates//:workspace.bzl (or another MAJOR.MINOR.PATCH version).".format(ctx.label, repr(source.version)))
    package_dir = "/".join([p for p in [ctx.label.workspace_root, ctx.label.package] if p])
    env = {
        "PATH": "/usr/bin:/bin",
        # What cargo would set; proc macros such as #[wasm_bindgen] read some of them.
        "CARGO_MANIFEST_DIR": package_dir or ".",
        "CARGO_PKG_NAME": source.cargo_package,
        "CARGO_CRATE_NAME": crate_name,
        "CARGO_PKG_VERSION": source.version,
        "CARGO_PKG_VERSION_MAJOR": version[0],
        "CARGO_PKG_VERSION_MINOR": version[1],
        "CARGO_PKG_VERSION_PATCH": version[2],
    }
    if panic == "immediate-abort":
        # An unstable panic strategy of Debian's stable rustc.
        env["RUSTC_BOOTSTRAP"] = "1"
    ctx.actions.run(
        executable = toolchain.rustc,
        arguments = [args],
        inputs = depset(
            source.srcs + source.compile_data,
            transitive = [toolchain.all_files] + [d.compile_inputs for d in deps],
        ),
        outputs = [output],
        env = env,
        mnemonic = "Rustc",
        progress_message = "Compiling Rust {} {} ({})".format(crate_type, ctx.label, toolchain.target_triple + (
            "+simd128" if toolchain.simd128 else ""
        )),
    )
    rlibs = depset([output], transitive = [transitive_rlibs]) if crate_type == "rlib" else transitive_rlibs
    return RustCrateInfo(
        crate_name = crate_name,
        extern_flag = "--extern={}={}".format(crate_name, output.path),
        argfile = None,
        rlib = output,
        transitive_rlibs = rlibs,
        transitive_dep_dirs = dep_dirs,
        compile_inputs = depset([output], transitive = [d.compile_inputs for d in deps]),
        source = source,
    )

# The attribute profile_opt_level() reads.
WASM_OPT_LEVEL_ATTRS = {
    "_wasm_opt_level": attr.label(
        default = "//tools/rust:wasm_opt_level",
        providers = [WasmOptLevelInfo],
        doc = "rustc's opt-level for wasm32 code in this configuration.",
    ),
}

# Attributes shared by the rules that compile first-party sources.
CRATE_ATTRS = dict(WASM_OPT_LEVEL_ATTRS, **{
    "srcs": attr.label_list(allow_files = [".rs"], doc = "The crate's Rust sources."),
    "crate_root": attr.label(allow_single_file = [".rs"], doc = "The crate root among `srcs` (default: src/lib.rs or src/main.rs)."),
    "crate_name": attr.string(doc = "The crate's name in Rust code; default: the target name with `-` as `_`."),
    "cargo_package": attr.string(doc = "The Cargo package name; default: crate_name with `_` as `-`."),
    "deps": attr.label_list(providers = [RustCrateInfo], doc = "Crates this crate uses: rust_library targets and `@crates//:<package>` labels."),
    "crate_features": attr.string_list(doc = "Cargo features enabled for this crate (`--cfg feature=\"...\"`)."),
    "edition": attr.string(default = "2021", values = ["2015", "2018", "2021", "2024"], doc = "The Rust edition."),
    "version": attr.string(default = "0.0.0", doc = "The crate version (CARGO_PKG_VERSION); pass WORKSPACE_VERSION from @crates//:workspace.bzl."),
    "compile_data": attr.label_list(allow_files = True, doc = "Files read at compile time (`include_str!`, `include_bytes!`)."),
})
