"""node_test and node_binary: run a Node.js script (Debian's node) with its data files."""

load("//tools/node/private:launcher.bzl", "write_node_launcher")

def _node_script_impl(ctx):
    node = ctx.file._node
    args = [ctx.expand_location(arg, targets = ctx.attr.data) for arg in ctx.attr.script_args]
    launcher = write_node_launcher(ctx, node, ctx.file.entry, args)
    runfiles = ctx.runfiles(files = [node, ctx.file.entry] + ctx.files.data)
    for target in ctx.attr.data:
        runfiles = runfiles.merge(target[DefaultInfo].default_runfiles)
    return [DefaultInfo(executable = launcher, runfiles = runfiles)]

_ATTRS = {
    "entry": attr.label(mandatory = True, allow_single_file = [".mjs", ".js"], doc = "The script."),
    "data": attr.label_list(allow_files = True, doc = "Files and targets the script reads (with their runfiles)."),
    "script_args": attr.string_list(doc = "Arguments for the script; `$(rootpath ...)` of `data` is expanded."),
    "_node": attr.label(default = "@debian_toolchain//:bin/node", allow_single_file = True, cfg = "target"),
}

node_test = rule(
    implementation = _node_script_impl,
    doc = "Runs `entry` with Node.js as a test; it passes when the script exits 0.",
    attrs = _ATTRS,
    test = True,
)

node_binary = rule(
    implementation = _node_script_impl,
    doc = "Runs `entry` with Node.js under `bazel run` (from the runfiles root; " +
          "BUILD_WORKING_DIRECTORY is the caller's directory).",
    attrs = _ATTRS,
    executable = True,
)
