"""Analysis tests of the crates compiled into a module: each build's configuration reaches them.

An aspect follows the module's `crate` and every rust_library under it, in each build's
configuration, and collects their rustc actions: the rlibs a module links are compiled at the
module's level, for the build's platform, with their JS API (`bindings`) exactly when a bundling
module bundles their package.
"""

load("//tools/testing:analysis.bzl", "analysis_test", "asserts", "begin", "end", "flag_values", "output_paths", "target_under_test")

CrateActionsInfo = provider(
    doc = "The rustc actions of the crates under a module (crate_actions_aspect).",
    fields = {"actions": "list of struct(label, action)."},
)

def _crate_actions_aspect_impl(target, ctx):
    found = [struct(label = target.label, action = a) for a in target.actions if a.mnemonic == "Rustc"]
    for attribute in ["crate", "deps"]:
        for dep in getattr(ctx.rule.attr, attribute, None) or []:
            if CrateActionsInfo in dep:
                found += dep[CrateActionsInfo].actions
    return [CrateActionsInfo(actions = found)]

crate_actions_aspect = aspect(
    implementation = _crate_actions_aspect_impl,
    attr_aspects = ["crate", "deps"],
    doc = "Collects the rustc actions of a module's crates, in the module's configurations.",
)

def _module_crates_test_impl(ctx):
    env = begin(ctx)
    rlibs = [
        c
        for c in target_under_test(env)[CrateActionsInfo].actions
        if [p for p in output_paths(c.action) if p.endswith(".rlib")]
    ]

    # One rlib per crate and build, told apart by the build's toolchain (its sysroot).
    by_build = {"simd128": {}, "baseline": {}}
    for c in rlibs:
        sysroot = flag_values(c.action.argv, "--sysroot=")
        build = "simd128" if sysroot and sysroot[0].endswith("sysroot_wasm32_simd128") else "baseline"
        asserts.true(env, str(c.label) not in by_build[build], "{} compiled twice in the {} build".format(c.label, build))
        by_build[build][str(c.label)] = c.action.argv
    crates = sorted([str(Label(c)) for c in ctx.attr.crates])
    bundled = sorted([str(Label(c)) for c in ctx.attr.bundled_crates])
    for build, argvs in by_build.items():
        what = "{} build: ".format(build)
        asserts.equals(env, crates, sorted(argvs), what + "crates compiled")
        for label, argv in argvs.items():
            what = "{} build, {}: ".format(build, label)
            asserts.equals(env, ["wasm32-unknown-unknown"], flag_values(argv, "--target="), what + "target")
            asserts.equals(env, [ctx.attr.rustc_opt_level], flag_values(argv, "-Copt-level="), what + "opt-level (the module's)")
            asserts.equals(env, ["+simd128"] if build == "simd128" else [], flag_values(argv, "-Ctarget-feature="), what + "target features")
            features = [f for f in argv if f.startswith("--cfg=feature=")]
            expected = ['--cfg=feature="bindings"'] if label in bundled else []
            asserts.equals(env, expected, features, what + "features (bindings only for bundled crates)")
    return end(env)

module_crates_test = analysis_test(
    _module_crates_test_impl,
    attrs = {
        "crates": attr.string_list(mandatory = True, doc = "Labels of every first-party crate of the module."),
        "bundled_crates": attr.string_list(doc = "Labels of the crates whose JS API is bundled."),
        "rustc_opt_level": attr.string(mandatory = True, doc = "The module's rustc opt-level."),
    },
    target_aspects = [crate_actions_aspect],
    doc = "The crates under a module, in each build: its opt-level, the build's platform, and " +
          "the bundled crates' JS API.",
)
