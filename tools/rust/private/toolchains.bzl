"""The workspace's Rust toolchains: Debian's rustc for the host and for each wasm32 platform."""

load("//tools/rust/private:profile.bzl", "HOST_PROFILE", "WASM_RELEASE_PROFILE")
load("//tools/rust/private:sysroot.bzl", "rust_wasm_sysroot")
load("//tools/rust/private:toolchain.bzl", "rust_toolchain")

_DEBIAN_TOOLS = dict(
    cargo = "@debian_toolchain//:bin/cargo",
    node = "@debian_toolchain//:bin/node",
    rustc = "@debian_toolchain//:bin/rustc",
    rustc_lib = "@debian_toolchain//:rustc_lib",
    toolchain_id = "@debian_toolchain//:toolchain_id.txt",
)

_LINUX_X86_64 = [
    "@platforms//cpu:x86_64",
    "@platforms//os:linux",
]

# name -> (target features, //platforms:simd128_<value>)
WASM_VARIANTS = {
    "wasm32_simd128": (["simd128"], "on"),
    "wasm32": ([], "off"),
}

# No `name`: the targets' names are fixed (`host`, `wasm32_simd128`, `wasm32`, `sysroot_<variant>`):
# WORKSPACE.bazel registers them as //tools/rust:all and the rules' tests name the sysroots.
def rust_toolchains(toolchain_type):  # buildifier: disable=unnamed-macro
    """Declares the host toolchain and one toolchain (with its own sysroot) per wasm variant.

    Args:
      toolchain_type: the label of the Rust toolchain_type.
    """
    profile = HOST_PROFILE
    rust_toolchain(
        name = "host_impl",
        codegen_units = profile.codegen_units,
        lto = profile.lto,
        opt_level = profile.opt_level,
        panic = profile.panic,
        stdlib = "@debian_toolchain//:host_stdlib",
        target_triple = "x86_64-unknown-linux-gnu",
        **_DEBIAN_TOOLS
    )
    native.toolchain(
        name = "host",
        exec_compatible_with = _LINUX_X86_64,
        target_compatible_with = _LINUX_X86_64,
        toolchain = ":host_impl",
        toolchain_type = toolchain_type,
    )

    profile = WASM_RELEASE_PROFILE
    for variant, (features, simd) in WASM_VARIANTS.items():
        rust_wasm_sysroot(
            name = "sysroot_" + variant,
            target_features = features,
            # Built through the toolchain only: as a top-level target of `//...` it would be
            # built a second time, in the target configuration.
            tags = ["manual"],
        )
        rust_toolchain(
            name = variant + "_impl",
            codegen_units = profile.codegen_units,
            linker = "@debian_toolchain//:bin/wasm-ld",
            c_compiler = "@debian_toolchain//:bin/clang",
            c_archiver = "@debian_toolchain//:bin/llvm-ar",
            c_toolchain_id = "@debian_toolchain//:c_toolchain_id.txt",
            lto = profile.lto,
            opt_level = profile.opt_level,
            panic = profile.panic,
            sysroot = ":sysroot_" + variant,
            target_features = features,
            target_triple = "wasm32-unknown-unknown",
            **_DEBIAN_TOOLS
        )
        native.toolchain(
            name = variant,
            exec_compatible_with = _LINUX_X86_64,
            target_compatible_with = [
                "//platforms:cpu_wasm32",
                "//platforms:simd128_" + simd,
            ],
            toolchain = ":" + variant + "_impl",
            toolchain_type = toolchain_type,
        )
