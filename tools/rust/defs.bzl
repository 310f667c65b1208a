"""Public API of this workspace's Rust rules. Implementations live in private/."""

load("//tools/rust/private:binary.bzl", _rust_binary = "rust_binary")
load("//tools/rust/private:cargo_manifest_test.bzl", _cargo_manifest_test = "cargo_manifest_test")
load("//tools/rust/private:library.bzl", _rust_library = "rust_library")
load("//tools/rust/private:sysroot.bzl", _rust_wasm_sysroot = "rust_wasm_sysroot")
load("//tools/rust/private:test.bzl", _rust_test = "rust_test")
load("//tools/rust/private:third_party.bzl", _cargo_crates_build = "cargo_crates_build", _third_party_crate = "third_party_crate")
load("//tools/rust/private:toolchain.bzl", _current_rust_toolchain = "current_rust_toolchain", _rust_toolchain = "rust_toolchain")

rust_binary = _rust_binary
cargo_manifest_test = _cargo_manifest_test
rust_library = _rust_library
rust_test = _rust_test
rust_toolchain = _rust_toolchain
rust_wasm_sysroot = _rust_wasm_sysroot
current_rust_toolchain = _current_rust_toolchain

# Used by the BUILD file that cargo_crates_repository generates.
cargo_crates_build = _cargo_crates_build
third_party_crate = _third_party_crate
