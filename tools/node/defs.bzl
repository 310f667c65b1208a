"""Public API of this workspace's Node.js rules. Implementations live in private/."""

load("//tools/node/private:node_script.bzl", _node_binary = "node_binary", _node_test = "node_test")

node_binary = _node_binary
node_test = _node_test
