"""Transitions that build a dependency for a given target platform (and wasm optimization level)."""

WASM_OPT_LEVEL_SETTING = "//tools/rust:wasm_opt_level"
WASM_BINDINGS_CRATES_SETTING = "//tools/rust:wasm_bindings_crates"

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
        WASM_BINDINGS_CRATES_SETTING: sorted([str(label) for label in attr.bindings_crates]),
    }

# A wasm module's crate and everything under it: compiled for `platform` at `opt_level`, with the
# JS API of `bindings_crates` (besides the root crate's own).
wasm_module_transition = transition(
    implementation = _wasm_module_transition_impl,
    inputs = [],
    outputs = ["//command_line_option:platforms", WASM_OPT_LEVEL_SETTING, WASM_BINDINGS_CRATES_SETTING],
)

# Attributes a rule needs to use these transitions.
PLATFORM_TRANSITION_ATTRS = {
    "_allowlist_function_transition": attr.label(
        default = "@bazel_tools//tools/allowlists/function_transition_allowlist",
    ),
}
