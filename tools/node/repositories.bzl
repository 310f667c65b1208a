"""Public repository rules for Node tools (call them from WORKSPACE.bazel)."""

load("//tools/node/private:repositories.bzl", _npm_tools_repository = "npm_tools_repository")

npm_tools_repository = _npm_tools_repository
