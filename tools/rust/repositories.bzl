"""Public repository rules of this workspace's Rust rules (call them from WORKSPACE.bazel)."""

load(
    "//tools/rust/private:repositories.bzl",
    _cargo_crates_repository = "cargo_crates_repository",
    _debian_toolchain_repository = "debian_toolchain_repository",
)

cargo_crates_repository = _cargo_crates_repository
debian_toolchain_repository = _debian_toolchain_repository
