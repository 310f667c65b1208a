"""Expected-failure test rules of the wasm rules that need a configuration of their own."""

load("//tools/testing:failure_test.bzl", "analysis_failure_test_rule")

# A wasm32 toolchain that compiles for the host, registered ahead of the real ones.
host_toolchain_for_wasm_failure_test = analysis_failure_test_rule({
    "//command_line_option:extra_toolchains": ["//tools/wasm/tests/fixtures:host_triple_for_wasm32"],
})
