"""Analysis tests of node_test and node_binary: the launcher that runs the script."""

load("//tools/testing:analysis.bzl", "analysis_test", "asserts", "begin", "end", "single_action", "target_under_test")

def _launcher_test_impl(ctx):
    env = begin(ctx)
    target = target_under_test(env)
    action = single_action(env, "FileWrite", "fixtures/{}.sh".format(target.label.name))
    if action:
        asserts.true(env, action.content.startswith("#!/usr/bin/env bash\n"), "a bash script")
        asserts.contains(env, action.content.split("\n"), 'cd "${RUNFILES_DIR}/ruv_swarm_wasm"', "runs from the main repository's runfiles")
        asserts.contains(env, action.content.split("\n"), ctx.attr.exec_line, "the exec line")
    runfiles = [f.short_path for f in target[DefaultInfo].default_runfiles.files.to_list()]
    for path in ctx.attr.runfiles:
        asserts.contains(env, runfiles, path, "runfiles")
    return end(env)

launcher_test = analysis_test(
    _launcher_test_impl,
    attrs = {
        "exec_line": attr.string(mandatory = True, doc = "The launcher's exec line."),
        "runfiles": attr.string_list(doc = "Paths that must be in the runfiles."),
    },
    doc = "The launcher runs node on the entry with the expanded, quoted arguments, then the " +
          "caller's; the runfiles hold node, the entry and the data.",
)
