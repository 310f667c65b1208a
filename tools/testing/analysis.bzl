"""Analysis tests: rules whose test is the analysis of another target (Bazel 4.2).

In the style of skylib's `analysistest`, written here for Bazel 4.2.3 (no skylib in this
workspace). An analysis test analyzes its `target_under_test` (in a configuration of its choosing)
and checks what the analysis produced: the target's actions and their arguments, its providers,
or, for expected failures, the error its rule reported. Nothing is built, so a test runs in the
time its analysis takes.

    load("//tools/testing:analysis.bzl", "analysis_test", "asserts", "begin", "end", "target_actions")

    def _impl(ctx):
        env = begin(ctx)
        for action in target_actions(env):
            ...
            asserts.equals(env, expected, actual, "what is compared")
        return end(env)

    my_test = analysis_test(_impl, config_settings = {"//command_line_option:platforms": "//platforms:wasm32"})

What Bazel 4.2 provides, and these helpers use:
- `rule(analysis_test = True)` and its result, `AnalysisTestResultInfo`;
- `analysis_test_transition`: the configuration the target under test is analyzed in (native
  options and Starlark build settings alike);
- `target.actions` in an aspect: the actions a target registered (the `Actions` provider that
  skylib used to read is not given to analysis tests by Bazel 4.2);
- `//command_line_option:allow_analysis_failures`, under which a rule's error (its `fail()`, or an
  attribute error reported during analysis) becomes the target's `AnalysisFailureInfo` instead of
  ending the build.

Fixtures (the targets under test) are tagged `manual`, so `bazel build //...` never builds them and
an expected failure never breaks it; `bazel test //...` runs the tests, which analyze them.
"""

TargetActionsInfo = provider(
    doc = "The actions a target registered (from target_actions_aspect).",
    fields = {"actions": "list of Action objects (mnemonic, argv, content, inputs, outputs, env)."},
)

def _target_actions_aspect_impl(target, _ctx):
    return [TargetActionsInfo(actions = target.actions)]

target_actions_aspect = aspect(
    implementation = _target_actions_aspect_impl,
    doc = "Gives a test the actions of the target it is applied to.",
)

def analysis_test(implementation, attrs = {}, config_settings = {}, expect_failure = False, target_aspects = [], doc = ""):
    """Makes an analysis-test rule. Assign the result to a global of a .bzl file.

    Args:
      implementation: the rule implementation: `begin(ctx)`, checks, `return end(env)`.
      attrs: more attributes of the rule (`target_under_test` is always there).
      config_settings: build settings for the target under test's configuration, as
        analysis_test_transition takes them (`//command_line_option:platforms`, a Starlark
        setting's label, ...).
      expect_failure: whether the target under test is expected to fail analysis; the test then
        reads its error (failure_messages) instead of its actions.
      target_aspects: more aspects to apply to the target under test (e.g. to collect the
        actions of its dependencies).
      doc: the rule's documentation.
    Returns:
      The test rule.
    """
    settings = dict(config_settings)
    if expect_failure:
        settings["//command_line_option:allow_analysis_failures"] = "True"

    all_attrs = dict(attrs)
    all_attrs["target_under_test"] = attr.label(
        mandatory = True,
        cfg = analysis_test_transition(settings = settings),
        aspects = [target_actions_aspect] + target_aspects,
        doc = "The target whose analysis is tested.",
    )
    return rule(
        implementation = implementation,
        attrs = all_attrs,
        analysis_test = True,
        doc = doc,
    )

def begin(ctx):
    """Starts a test: returns the environment the asserts record their failures in."""
    return struct(ctx = ctx, failures = [])

def end(env):
    """Ends a test: returns its providers (pass when no assert failed)."""
    return [AnalysisTestResultInfo(
        success = not env.failures,
        message = "\n".join(["{}: {}".format(env.ctx.label, f) for f in env.failures]),
    )]

def target_under_test(env):
    """The target under test.

    Args:
      env: the test environment.
    Returns:
      The Target (analysis_test_transition makes the attribute a one-item list).
    """
    target = env.ctx.attr.target_under_test
    if type(target) == "list":
        target = target[0]
    return target

def target_actions(env):
    """Every action the target under test registered, in registration order."""
    return target_under_test(env)[TargetActionsInfo].actions

def output_paths(action):
    """The paths of an action's outputs."""
    return [f.path for f in action.outputs.to_list()]

def actions_writing(actions, mnemonic, output_suffix):
    """The actions with `mnemonic` that write a file whose path ends with `output_suffix`."""
    return [
        a
        for a in actions
        if a.mnemonic == mnemonic and [p for p in output_paths(a) if p.endswith(output_suffix)]
    ]

def single_action(env, mnemonic, output_suffix, actions = None):
    """The one `mnemonic` action writing `*output_suffix`, or None (an assert failure) if not one.

    Args:
      env: the test environment.
      mnemonic: the action's mnemonic (`Rustc`, `WasmOpt`, `FileWrite`, ...).
      output_suffix: how the path of one of its outputs ends.
      actions: the actions to look in; default: the target under test's.
    Returns:
      The action, or None.
    """
    if actions == None:
        actions = target_actions(env)
    found = actions_writing(actions, mnemonic, output_suffix)
    if len(found) != 1:
        _record(env, "expected one {} action writing *{}, found {} (actions: {})".format(
            mnemonic,
            output_suffix,
            len(found),
            ", ".join(["{} -> {}".format(a.mnemonic, output_paths(a)) for a in actions]),
        ))
        return None
    return found[0]

def flag_values(argv, prefix):
    """The values of the arguments `<prefix><value>` in argv (e.g. `-Copt-level=`)."""
    return [arg[len(prefix):] for arg in argv if arg.startswith(prefix)]

def option_values(argv, option):
    """The values of a two-argument option (`--feature x --feature y`) in argv."""
    return [argv[i + 1] for i in range(len(argv) - 1) if argv[i] == option]

def failure_messages(env):
    """The errors the target under test's analysis reported (an expect_failure test).

    Args:
      env: the test environment.
    Returns:
      A list of the error messages; [] when the analysis succeeded.
    """
    target = target_under_test(env)
    if AnalysisFailureInfo not in target:
        return []
    return [cause.message for cause in target[AnalysisFailureInfo].causes.to_list()]

def failure_labels(env):
    """The targets whose analysis failed (an expect_failure test).

    Args:
      env: the test environment.
    Returns:
      A list of the Labels of the failing targets: the target under test or its dependencies.
    """
    target = target_under_test(env)
    if AnalysisFailureInfo not in target:
        return []
    return [cause.label for cause in target[AnalysisFailureInfo].causes.to_list()]

def _record(env, message):
    env.failures.append(message)

def _equals(env, expected, actual, what):
    if expected != actual:
        _record(env, "{}: expected {}, got {}".format(what, repr(expected), repr(actual)))

def _true(env, condition, what):
    if not condition:
        _record(env, what)

def _contains(env, collection, item, what):
    if item not in collection:
        _record(env, "{}: {} not in {}".format(what, repr(item), repr(collection)))

def _not_contains(env, collection, item, what):
    if item in collection:
        _record(env, "{}: {} unexpectedly in {}".format(what, repr(item), repr(collection)))

def _failure_contains(env, fragments, failing = None):
    """Asserts that the analysis failed with one error holding every fragment.

    Args:
      env: the test environment (of an expect_failure test).
      fragments: strings the message must contain (what is wrong, the valid values, `Fix:`).
      failing: the label of the target expected to fail; default: the target under test.
    """
    messages = failure_messages(env)
    if not messages:
        _record(env, "expected {} to fail analysis, but it succeeded".format(target_under_test(env).label))
        return
    expected_label = failing or target_under_test(env).label
    if expected_label not in failure_labels(env):
        _record(env, "expected {} to fail, but the failures are of {}: {}".format(
            expected_label,
            failure_labels(env),
            "\n".join(messages),
        ))
        return
    matching = [m for m in messages if not [f for f in fragments if f not in m]]
    if not matching:
        _record(env, "no error holds all of {}; errors:\n{}".format(repr(fragments), "\n".join(messages)))

asserts = struct(
    equals = _equals,
    true = _true,
    contains = _contains,
    not_contains = _not_contains,
    failure_contains = _failure_contains,
    fail = _record,
)
