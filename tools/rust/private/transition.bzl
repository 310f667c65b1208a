"""Transitions that build a dependency for a given target platform (and wasm optimization level)."""

WASM_OPT_LEVEL_SETTING = "//tools/rust:wasm_opt_level"

def _platform_transition_impl(settings, attr):
    return {"//command_line_option:platforms": str(attr.platform)}

platform_transition = transition(
    implementation = _platform_transition_impl,
    inputs = [],
    outputs = ["//command_line_option:platforms"],
)

def _wasm_module_transition_impl(settings, attr):
    return {
        "//command_line_option:platforms": str(attr.platform),
        WASM_OPT_LEVEL_SETTING: attr.opt_level,
    }

# A wasm module's crate and everything under it: compiled for `platform` at `opt_level`.
wasm_module_transition = transition(
    implementation = _wasm_module_transition_impl,
    inputs = [],
    outputs = ["//command_line_option:platforms", WASM_OPT_LEVEL_SETTING],
)

# Attributes a rule needs to use these transitions.
PLATFORM_TRANSITION_ATTRS = {
    "_allowlist_function_transition": attr.label(
        default = "@bazel_tools//tools/allowlists/function_transition_allowlist",
    ),
}
