"""analysis_failure_test: a target's analysis fails with the error its rule promises."""

load("//tools/testing:analysis.bzl", "analysis_test", "asserts", "begin", "end")

def _analysis_failure_test_impl(ctx):
    env = begin(ctx)
    failing = Label(ctx.attr.failing_target) if ctx.attr.failing_target else None
    asserts.failure_contains(env, ctx.attr.messages, failing = failing)
    return end(env)

def analysis_failure_test_rule(config_settings = {}):
    """An analysis_failure_test rule whose target under test is analyzed with `config_settings`.

    Assign the result to a global of a .bzl file (for failures that need, e.g., a wasm platform).
    """
    return analysis_test(
        _analysis_failure_test_impl,
        attrs = {
            "messages": attr.string_list(
                mandatory = True,
                allow_empty = False,
                doc = "What one error message must contain: what is wrong, the valid values, " +
                      "and the fix (`Fix:` ...).",
            ),
            "failing_target": attr.string(
                doc = "The label of the target expected to report the error, when it is a " +
                      "dependency of the target under test; default: the target under test.",
            ),
        },
        config_settings = config_settings,
        expect_failure = True,
        doc = "Passes when the analysis of `target_under_test` fails with an error holding " +
              "every string of `messages`, reported by `failing_target`.",
    )

analysis_failure_test = analysis_failure_test_rule()
