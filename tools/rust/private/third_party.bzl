"""Third-party crates: one cargo action per configuration builds all of them."""

load("//tools/rust:providers.bzl", "RustCrateInfo", "WasmOptionalPackagesInfo")
load("//tools/rust/private:compile.bzl", "WASM_OPT_LEVEL_ATTRS", "profile_opt_level")
load("//tools/rust/private:profile.bzl", "WASM_RELEASE_PROFILE")
load("//tools/rust/private:toolchain.bzl", "TOOLCHAIN_TYPE")

CargoCratesInfo = provider(
    doc = "The third-party crates built for one configuration.",
    fields = {
        "argfiles": "dict: package@version -> File holding the crate's `--extern` flag.",
        "dep_dirs": "depset of the directories holding the rlibs and proc-macros.",
        "crate_kind": "\"host\" or \"wasm\": which of the workspace's dependency sets was built.",
        "optional_crates": "dict: package@version -> package name, of the optional wasm32 " +
                           "packages left out of this configuration.",
    },
)

def _cargo_crates_build_impl(ctx):
    toolchain = ctx.toolchains[TOOLCHAIN_TYPE]
    kind = "wasm" if toolchain.is_wasm else "host"
    shim_files = ctx.files.wasm_shim if toolchain.is_wasm else ctx.files.host_shim
    crates = ctx.attr.wasm_crates if toolchain.is_wasm else ctx.attr.host_crates
    left_out = {}
    features = []
    if toolchain.is_wasm:
        wanted = ctx.attr._wasm_optional_packages[WasmOptionalPackagesInfo].packages
        known = ctx.attr.wasm_optional_crates.values()
        for name in wanted:
            if name not in known:
                fail("{}: //tools/rust:wasm_optional_packages names {}, which is not among this repository's `wasm_optional_packages` ({}). Fix: add it to cargo_crates_repository's `wasm_optional_packages` in WORKSPACE.bazel, or do not set it.".format(ctx.label, repr(name), ", ".join(sorted(known)) or "none"))
        left_out = {id: name for id, name in ctx.attr.wasm_optional_crates.items() if name not in wanted}
        crates = {id: crate for id, crate in crates.items() if id not in left_out}
        features = sorted(wanted)
    manifest = [f for f in shim_files if f.basename == "Cargo.toml"][0]
    prefix = ctx.label.name + "_" + kind
    target_deps = ctx.actions.declare_directory(prefix + "/target_deps")
    host_deps = ctx.actions.declare_directory(prefix + "/host_deps")
    argfiles = {}
    args = ctx.actions.args()
    args.add(toolchain.cargo_driver)
    args.add("crates")
    args.add("--cargo", toolchain.cargo)
    args.add("--rustc", toolchain.rustc)
    args.add("--shim", manifest.dirname)
    args.add("--vendor", ctx.attr.vendor_dir)
    args.add("--target", toolchain.target_triple)
    args.add("--opt-level", profile_opt_level(ctx, toolchain))
    args.add("--panic", toolchain.profile.panic)
    for feature in features:
        args.add("--feature", feature)  # an optional package of the shim
    args.add("--out-target-deps", target_deps.path)
    args.add("--out-host-deps", host_deps.path)
    if toolchain.sysroot:
        args.add("--sysroot", toolchain.sysroot.path)
    for feature in toolchain.target_features:
        args.add("--rustflag", "-Ctarget-feature=+" + feature)
    if toolchain.profile.lto != "off":
        args.add("--rustflag", "-Cembed-bitcode=yes")
    if toolchain.c_compiler:
        # Build scripts compiling C (e.g. SQLite for wasm32) use these, with the same target
        # features as the Rust code (`-msimd128`) and the profile's C opt-level (after the
        # cc crate's own, so it wins).
        args.add("--c-compiler", toolchain.c_compiler)
        args.add("--c-archiver", toolchain.c_archiver)
        for feature in toolchain.target_features:
            args.add("--cflag", "-m" + feature)
        args.add("--cflag", "-O" + WASM_RELEASE_PROFILE.c_opt_level)
    for package_id in sorted(crates):
        argfile = ctx.actions.declare_file("{}/externs/{}.args".format(prefix, package_id))
        argfiles[package_id] = argfile
        args.add("--crate", "{}={}={}".format(package_id, crates[package_id], argfile.path))
    ctx.actions.run(
        executable = toolchain.node,
        arguments = [args],
        inputs = depset(shim_files + ctx.files.vendor, transitive = [toolchain.all_files, toolchain.cargo_files, toolchain.c_files]),
        outputs = [target_deps, host_deps] + argfiles.values(),
        env = {"PATH": "/usr/bin:/bin"},
        mnemonic = "CargoCrates",
        progress_message = "Building {} third-party crates for {}{}".format(
            len(crates),
            toolchain.target_triple,
            "+simd128" if toolchain.simd128 else "",
        ),
    )
    return [CargoCratesInfo(
        argfiles = argfiles,
        dep_dirs = depset([target_deps, host_deps]),
        crate_kind = kind,
        optional_crates = left_out,
    )]

cargo_crates_build = rule(
    implementation = _cargo_crates_build_impl,
    doc = "Builds the workspace's third-party crates for the current platform in one cargo run " +
          "(generated into @crates by cargo_crates_repository; not for use in BUILD files).",
    attrs = dict(WASM_OPT_LEVEL_ATTRS, **{
        "host_shim": attr.label_list(allow_files = True, doc = "The shim crate of the host dependency set."),
        "wasm_shim": attr.label_list(allow_files = True, doc = "The shim crate of the wasm dependency set."),
        "vendor": attr.label_list(allow_files = True, doc = "The vendored crate sources."),
        "vendor_dir": attr.string(mandatory = True, doc = "The execroot path of the vendor directory."),
        "host_crates": attr.string_dict(doc = "package@version -> crate name, built for the host."),
        "wasm_crates": attr.string_dict(doc = "package@version -> crate name, built for wasm32."),
        "wasm_optional_crates": attr.string_dict(
            doc = "package@version -> package name: the wasm_crates that are optional in the " +
                  "shim, built only when //tools/rust:wasm_optional_packages names them.",
        ),
        "_wasm_optional_packages": attr.label(
            default = "//tools/rust:wasm_optional_packages",
            providers = [WasmOptionalPackagesInfo],
            doc = "The optional wasm32 packages this configuration builds.",
        ),
    }),
    toolchains = [TOOLCHAIN_TYPE],
)

def _third_party_crate_impl(ctx):
    # Host crates always come from the exec configuration's build, so host tools (built for
    # exec) and native tests (built for the target) share one cargo run.
    toolchain = ctx.toolchains[TOOLCHAIN_TYPE]
    built = (ctx.attr.build if toolchain.is_wasm else ctx.attr.exec_build)[CargoCratesInfo]
    argfile = built.argfiles.get(ctx.attr.package_id)
    if not argfile and ctx.attr.package_id in built.optional_crates:
        # Not built in this configuration. Analysis still succeeds (cargo_manifest_test reads
        # dependency names for the wasm platform); compiling against it fails with this message.
        argfile = ctx.actions.declare_file(ctx.label.name + ".unavailable.args")
        ctx.actions.run_shell(
            outputs = [argfile],
            command = "echo \"$1\" >&2; exit 1",
            arguments = [("{label} is built for wasm32 only inside the wasm modules whose crates " +
                          "depend on it (cargo_crates_repository's `wasm_optional_packages`). Fix: " +
                          "build the crate that uses it through its rust_wasm_module, not " +
                          "directly for a wasm platform.").format(label = ctx.label)],
            mnemonic = "OptionalCrateUnavailable",
        )
    elif not argfile:
        fail(("{label} is not a {kind} dependency of any crate in the Cargo workspace, so it is " +
              "not built for this platform. Fix: declare it in the Cargo.toml of the crate that " +
              "uses it (under the right [target] table), or remove it from the BUILD file's deps.").format(
            label = ctx.label,
            kind = built.crate_kind,
        ))
    return [RustCrateInfo(
        crate_name = ctx.attr.crate_name,
        extern_flag = None,
        argfile = argfile,
        rlib = None,
        transitive_rlibs = depset(),
        transitive_dep_dirs = built.dep_dirs,
        compile_inputs = depset([argfile], transitive = [built.dep_dirs]),
        source = None,
    )]

third_party_crate = rule(
    implementation = _third_party_crate_impl,
    doc = "One third-party crate of @crates, as a dependency of Rust rules.",
    attrs = {
        "crate_name": attr.string(mandatory = True, doc = "The crate's name in Rust code."),
        "package_id": attr.string(mandatory = True, doc = "package@version, as resolved from Cargo.lock."),
        "build": attr.label(mandatory = True, providers = [CargoCratesInfo], doc = "The cargo_crates_build target (used for wasm32)."),
        "exec_build": attr.label(mandatory = True, providers = [CargoCratesInfo], cfg = "exec", doc = "The same target, in the exec configuration (used for the host)."),
    },
    toolchains = [TOOLCHAIN_TYPE],
)
