"""The rustc action that links a rust_library into a WebAssembly module (a `cdylib`)."""

load("//tools/rust:providers.bzl", "RustCrateInfo")
load("//tools/rust/private:compile.bzl", "rustc_compile", "with_extra_features")

def linked_crates(crate):
    """Labels of the first-party crates linked into a module rooted at `crate` (a Target)."""
    return [rlib.owner for rlib in crate[RustCrateInfo].transitive_rlibs.to_list()]

def compile_wasm_cdylib(ctx, crate, toolchain, crate_features, opt_level, output):
    """Registers the rustc action that compiles `crate`'s sources as a wasm `cdylib`.

    Args:
      ctx: the rule context.
      crate: the rust_library Target, configured for the wasm platform (one split of the
        module's transition).
      toolchain: the Rust ToolchainInfo resolved for that platform.
      crate_features: Cargo features enabled for the root crate only (`bindings`, `module`).
      opt_level: rustc's opt-level for the module (its crates were compiled at the same level,
        set by the module's transition; fat LTO optimizes them all again at this level).
      output: the .wasm File to write.
    """
    if not toolchain.is_wasm:
        fail("{}: the module's platform resolves to the {} Rust toolchain, not a wasm32 one. Fix: check the wasm toolchains registered in WORKSPACE.bazel (//tools/rust:all).".format(ctx.label, toolchain.target_triple))
    library = crate[RustCrateInfo]
    if not library.source:
        fail("{}: `crate` {} is not a first-party rust_library. Fix: point `crate` at the rust_library of this package.".format(ctx.label, crate.label))
    source = with_extra_features(library.source, crate_features)
    rustc_compile(ctx, toolchain, library.crate_name, "cdylib", source, output, opt_level = opt_level)
