"""Public API of this workspace's Node.js rules. Implementations live in private/."""

load("//tools/node/private:node_test.bzl", _node_test = "node_test")

node_test = _node_test
