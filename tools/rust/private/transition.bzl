"""The transition that builds a dependency for a given target platform."""

def _platform_transition_impl(settings, attr):
    return {"//command_line_option:platforms": str(attr.platform)}

platform_transition = transition(
    implementation = _platform_transition_impl,
    inputs = [],
    outputs = ["//command_line_option:platforms"],
)

# Attributes a rule needs to use platform_transition on its `crate` attribute.
PLATFORM_TRANSITION_ATTRS = {
    "_allowlist_function_transition": attr.label(
        default = "@bazel_tools//tools/allowlists/function_transition_allowlist",
    ),
}
