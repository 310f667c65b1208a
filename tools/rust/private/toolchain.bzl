"""The Rust toolchain rule, and the rule that exposes the toolchain resolved for a configuration."""

TOOLCHAIN_TYPE = "//tools/rust:toolchain_type"

def _rust_toolchain_impl(ctx):
    sysroot = ctx.file.sysroot
    profile = struct(
        opt_level = ctx.attr.opt_level,
        lto = ctx.attr.lto,
        codegen_units = ctx.attr.codegen_units,
        panic = ctx.attr.panic,
    )
    is_wasm = ctx.attr.target_triple.startswith("wasm32")
    if is_wasm and not sysroot:
        fail("{}: target {} has no `sysroot`. Fix: set `sysroot` to a rust_wasm_sysroot target built for it.".format(ctx.label, ctx.attr.target_triple))
    tool_files = [ctx.file.rustc, ctx.file.toolchain_id] + ctx.files.rustc_lib + ctx.files.stdlib
    if ctx.file.linker:
        tool_files.append(ctx.file.linker)
    if sysroot:
        tool_files.append(sysroot)
    if bool(ctx.file.c_compiler) != bool(ctx.file.c_archiver):
        fail("{}: only one of `c_compiler` and `c_archiver` is set. Fix: set both (clang and llvm-ar for wasm32), or neither.".format(ctx.label))
    c_files = [ctx.file.c_compiler, ctx.file.c_archiver] + ctx.files.c_toolchain_id if ctx.file.c_compiler else []
    return [platform_common.ToolchainInfo(
        rustc = ctx.file.rustc,
        cargo = ctx.file.cargo,
        node = ctx.file.node,
        cargo_driver = ctx.file._cargo_driver,
        linker = ctx.file.linker,
        sysroot = sysroot,
        target_triple = ctx.attr.target_triple,
        target_features = ctx.attr.target_features,
        simd128 = "simd128" in ctx.attr.target_features,
        is_wasm = is_wasm,
        profile = profile,
        all_files = depset(tool_files),
        cargo_files = depset([ctx.file.cargo, ctx.file.node, ctx.file._cargo_driver]),
        c_compiler = ctx.file.c_compiler,
        c_archiver = ctx.file.c_archiver,
        c_files = depset(c_files),
    )]

rust_toolchain = rule(
    implementation = _rust_toolchain_impl,
    doc = "Debian's rustc for one target: triple, target features, sysroot, linker and profile.",
    attrs = {
        "rustc": attr.label(mandatory = True, allow_single_file = True, cfg = "exec", doc = "The rustc executable."),
        "rustc_lib": attr.label(cfg = "exec", doc = "The compiler's shared libraries (inputs of every rustc action)."),
        "cargo": attr.label(mandatory = True, allow_single_file = True, cfg = "exec", doc = "cargo, for third-party crates."),
        "node": attr.label(mandatory = True, allow_single_file = True, cfg = "exec", doc = "Node.js, which runs the cargo driver."),
        "toolchain_id": attr.label(mandatory = True, allow_single_file = True, doc = "A file naming the tool versions; an input of every action."),
        "stdlib": attr.label(doc = "The prebuilt host standard library (host toolchains only)."),
        "sysroot": attr.label(allow_single_file = True, doc = "A rust_wasm_sysroot target (wasm toolchains only)."),
        "linker": attr.label(allow_single_file = True, cfg = "exec", doc = "The linker rustc calls for binaries and cdylibs (wasm-ld for wasm32)."),
        "c_compiler": attr.label(
            allow_single_file = True,
            cfg = "exec",
            doc = "The C compiler third-party build scripts use for this target (cc crate's " +
                  "`CC_<target>`; clang for wasm32). Host toolchains leave it unset: cc's default.",
        ),
        "c_archiver": attr.label(allow_single_file = True, cfg = "exec", doc = "The archiver that goes with `c_compiler` (`AR_<target>`; llvm-ar for wasm32)."),
        "c_toolchain_id": attr.label(allow_single_file = True, doc = "A file naming the C tools' versions; an input of the actions that compile C."),
        "target_triple": attr.string(mandatory = True, doc = "The rustc target triple."),
        "target_features": attr.string_list(doc = "Target features to enable (`simd128`), passed as `-C target-feature=+name`."),
        "opt_level": attr.string(
            mandatory = True,
            values = ["0", "1", "2", "3", "s", "z"],
            doc = "rustc -C opt-level; for wasm32 code, the default of //tools/rust:wasm_opt_level, " +
                  "which each wasm module sets for the crates compiled into it.",
        ),
        "lto": attr.string(mandatory = True, values = ["off", "thin", "fat"], doc = "rustc -C lto for final artifacts (binaries, cdylibs)."),
        "codegen_units": attr.int(mandatory = True, doc = "rustc -C codegen-units."),
        "panic": attr.string(mandatory = True, values = ["abort", "immediate-abort", "unwind"], doc = "rustc -C panic (tests always unwind)."),
        "_cargo_driver": attr.label(default = "//tools/rust/private:cargo_driver.mjs", allow_single_file = True),
    },
)

def _current_rust_toolchain_impl(ctx):
    return [ctx.toolchains[TOOLCHAIN_TYPE]]

current_rust_toolchain = rule(
    implementation = _current_rust_toolchain_impl,
    doc = "The Rust toolchain resolved for this target's platform, as a dependency (used across " +
          "configuration transitions, where a rule needs the toolchain of another platform).",
    toolchains = [TOOLCHAIN_TYPE],
)
