"""rust_wasm_sysroot: the Rust standard library for a wasm32 target, built from source."""

load("//tools/rust/private:profile.bzl", "WASM_RELEASE_PROFILE")

def _rust_wasm_sysroot_impl(ctx):
    out = ctx.actions.declare_directory(ctx.label.name)
    args = ctx.actions.args()
    args.add(ctx.file._driver)
    args.add("sysroot")
    args.add("--cargo", ctx.file._cargo)
    args.add("--rustc", ctx.file._rustc)
    args.add("--target", ctx.attr.target_triple)
    args.add("--std-vendor", ctx.file._stdlib_lock.dirname + "/vendor")
    args.add("--opt-level", WASM_RELEASE_PROFILE.opt_level)
    args.add("--panic", WASM_RELEASE_PROFILE.panic)
    args.add("--out", out.path)
    for feature in ctx.attr.target_features:
        args.add("--rustflag", "-Ctarget-feature=+" + feature)

    # Rlibs that will take part in fat LTO must carry LLVM bitcode.
    args.add("--rustflag", "-Cembed-bitcode=yes")
    ctx.actions.run(
        executable = ctx.file._node,
        arguments = [args],
        inputs = depset(
            [ctx.file._driver, ctx.file._cargo, ctx.file._rustc, ctx.file._toolchain_id],
            transitive = [depset(ctx.files._stdlib_src), depset(ctx.files._rustc_lib)],
        ),
        outputs = [out],
        env = {"PATH": "/usr/bin:/bin"},
        mnemonic = "RustSysroot",
        progress_message = "Building the Rust standard library for {} ({})".format(
            ctx.attr.target_triple,
            "+".join(ctx.attr.target_features) or "baseline",
        ),
    )
    return [DefaultInfo(files = depset([out]))]

rust_wasm_sysroot = rule(
    implementation = _rust_wasm_sysroot_impl,
    doc = "Builds std, alloc, core and panic_abort for a wasm32 target with the given target " +
          "features from Debian's rust-web-src (cargo -Zbuild-std), as a cacheable action.",
    attrs = {
        "target_triple": attr.string(default = "wasm32-unknown-unknown", doc = "The target triple."),
        "target_features": attr.string_list(doc = "Target features the library is compiled with (`simd128`)."),
        "_driver": attr.label(default = "//tools/rust/private:cargo_driver.mjs", allow_single_file = True),
        "_node": attr.label(default = "@debian_toolchain//:bin/node", allow_single_file = True, cfg = "exec"),
        "_cargo": attr.label(default = "@debian_toolchain//:bin/cargo", allow_single_file = True, cfg = "exec"),
        "_rustc": attr.label(default = "@debian_toolchain//:bin/rustc", allow_single_file = True, cfg = "exec"),
        "_rustc_lib": attr.label(default = "@debian_toolchain//:rustc_lib", cfg = "exec"),
        "_toolchain_id": attr.label(default = "@debian_toolchain//:toolchain_id.txt", allow_single_file = True),
        "_stdlib_src": attr.label(default = "@debian_toolchain//:stdlib_src"),
        "_stdlib_lock": attr.label(
            default = "@debian_toolchain//:rustlib/src/rust/library/Cargo.lock",
            allow_single_file = True,
        ),
    },
)
