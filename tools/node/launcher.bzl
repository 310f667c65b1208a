"""What rules that run Node scripts from their runfiles (tools/wasm) build on: the launcher.

Not for BUILD files (they load defs.bzl); re-exported from private/.
"""

load("//tools/node/private:launcher.bzl", _write_node_launcher = "write_node_launcher")

write_node_launcher = _write_node_launcher
