"""Transitions that build a dependency for a given target platform (and wasm optimization level)."""

# Which member crates need which optional third-party packages: generated from the Cargo
# workspace by the `@crates` cargo_crates_repository (WORKSPACE.bazel), the one these rules use.
load("@crates//:workspace.bzl", "WASM_OPTIONAL_PACKAGES")

WASM_OPT_LEVEL_SETTING = "//tools/rust:wasm_opt_level"
WASM_BINDINGS_CRATES_SETTING = "//tools/rust:wasm_bindings_crates"
WASM_OPTIONAL_PACKAGES_SETTING = "//tools/rust:wasm_optional_packages"

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
        # Keyed by the crate's package: only a module whose crates need an optional third-party
        # package (SQLite) builds it, and modules that need none share configurations.
        WASM_OPTIONAL_PACKAGES_SETTING: WASM_OPTIONAL_PACKAGES.get(attr.crate.package, []),
    }

# A wasm module's crate and everything under it: compiled for `platform` at `opt_level`, with the
# JS API of `bindings_crates` (besides the root crate's own) and the optional third-party
# packages the crate needs.
wasm_module_transition = transition(
    implementation = _wasm_module_transition_impl,
    inputs = [],
    outputs = [
        "//command_line_option:platforms",
        WASM_OPT_LEVEL_SETTING,
        WASM_BINDINGS_CRATES_SETTING,
        WASM_OPTIONAL_PACKAGES_SETTING,
    ],
)

# Attributes a rule needs to use these transitions.
PLATFORM_TRANSITION_ATTRS = {
    "_allowlist_function_transition": attr.label(
        default = "@bazel_tools//tools/allowlists/function_transition_allowlist",
    ),
}
