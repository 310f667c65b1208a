"""Expected-failure test rules of the Rust rules that need a wasm32 configuration."""

load("//tools/testing:failure_test.bzl", "analysis_failure_test_rule")

wasm_failure_test = analysis_failure_test_rule({
    "//command_line_option:platforms": "//platforms:wasm32_simd128",
})

unknown_optional_package_failure_test = analysis_failure_test_rule({
    "//command_line_option:platforms": "//platforms:wasm32_simd128",
    "//tools/rust:wasm_optional_packages": ["sqlite", "not-a-package"],
})
