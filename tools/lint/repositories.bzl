"""Public repository rules of the lint tools (call them from WORKSPACE.bazel)."""

load("//tools/lint/private:repositories.bzl", _starlark_files_repository = "starlark_files_repository")

starlark_files_repository = _starlark_files_repository
