"""Transitions that build a dependency for a wasm platform (and for one wasm module)."""

# Which member crates need which optional third-party packages: generated from the Cargo
# workspace by the `@crates` cargo_crates_repository (WORKSPACE.bazel), the one these rules use.
load("@crates//:workspace.bzl", "WASM_OPTIONAL_PACKAGES")
load("//tools/rust/private:profile.bzl", "RUSTC_OPT_LEVEL_FOR_WASM_OPT", "WASM_RELEASE_PROFILE")

WASM_OPT_LEVEL_SETTING = "//tools/rust:wasm_opt_level"
WASM_BINDINGS_PACKAGES_SETTING = "//tools/rust:wasm_bindings_packages"
WASM_OPTIONAL_PACKAGES_SETTING = "//tools/rust:wasm_optional_packages"

# The builds every wasm module ships, by name, and the platform each is compiled for: SIMD128 for
# every current engine, and a baseline without SIMD for engines that lack it.
WASM_PLATFORMS = {
    "simd128": "//platforms:wasm32_simd128",
    "baseline": "//platforms:wasm32",
}

def _platform_transition_impl(_settings, attr):
    return {"//command_line_option:platforms": str(attr.platform)}

platform_transition = transition(
    implementation = _platform_transition_impl,
    inputs = [],
    outputs = ["//command_line_option:platforms"],
)

def bindings_packages(bundled_modules):
    """The setting value that compiles the JS API of the crates of `bundled_modules` (Labels).

    A bundled module's crate is the rust_library of the module's own package (the rule that
    bundles checks it through the module's provider), so the package names the crate.
    """
    return sorted(["//" + label.package for label in bundled_modules])

def _wasm_module_transition_impl(_settings, attr):
    # An unknown level is the rule's error to report (rust_wasm_module names the valid levels and
    # its target): a transition's fail() aborts the build without naming either, so here it only
    # needs some valid level to go on with.
    rustc_level = RUSTC_OPT_LEVEL_FOR_WASM_OPT.get(attr.opt_level, WASM_RELEASE_PROFILE.opt_level)
    common = {
        WASM_OPT_LEVEL_SETTING: rustc_level,
        WASM_BINDINGS_PACKAGES_SETTING: bindings_packages(attr.bundled_modules),
        # Keyed by the crate's package: only a module whose crates need an optional third-party
        # package (SQLite) builds it, and modules that need none share configurations.
        WASM_OPTIONAL_PACKAGES_SETTING: WASM_OPTIONAL_PACKAGES.get(attr.crate.package, []),
    }
    return {
        build: dict(common, **{"//command_line_option:platforms": platform})
        for build, platform in WASM_PLATFORMS.items()
    }

# A wasm module's crate and everything under it, once per build of the module (the keys of
# WASM_PLATFORMS: `ctx.split_attr.<attr>[build]`): compiled for that build's platform at the
# module's `opt_level`, with the JS API of the crates of `bundled_modules` (besides the root
# crate's own) and the optional third-party packages the crate needs.
wasm_module_transition = transition(
    implementation = _wasm_module_transition_impl,
    inputs = [],
    outputs = [
        "//command_line_option:platforms",
        WASM_OPT_LEVEL_SETTING,
        WASM_BINDINGS_PACKAGES_SETTING,
        WASM_OPTIONAL_PACKAGES_SETTING,
    ],
)

# Attributes a rule needs to use these transitions.
PLATFORM_TRANSITION_ATTRS = {
    "_allowlist_function_transition": attr.label(
        default = "@bazel_tools//tools/allowlists/function_transition_allowlist",
    ),
}
