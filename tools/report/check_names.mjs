// Checks, on every module of a built package, what attribution relies on:
//   1. wasm-opt on the named module (the wasm-bindgen tool's --out-wasm-names output) without its
//      name section gives the shipped module byte for byte: the names change nothing shipped;
//   2. whether `wasm-opt -g` on the named module, minus its name section, is the shipped module
//      (then attribution could be exact on the module as shipped today);
//   3. whether it equals `wasm-opt --strip-debug` on the named module (then exact attribution
//      works if the shipped module is made from the named module).
// Prints one line per build with the sizes and the three verdicts; exits 1 if check 1 fails.
// Usage (after `tools/bazel build //npm:package`):
//   node tools/report/check_names.mjs bazel-bin/npm/package_report/config.json <node_modules/binaryen/bin/wasm-opt> [--keep <dir>]
//   --keep: also writes each build's `wasm-opt -g` output there (<module>[.baseline].names.wasm)
//   and a copy of the config that names them as `wasmOptNames` (config.json), for an exact report.
// The config's paths are relative to the execroot: run from the workspace (bazel-bin's parent).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseWasm, withoutNameSection } from './wasm_binary.mjs';

// The features every module is compiled with (tools/rust/private/profile.bzl's
// WASM_BASELINE_FEATURES), plus simd for SIMD128 builds: what the wasm_opt rule enables.
const BASELINE_FEATURES = ['bulk-memory', 'multivalue', 'mutable-globals', 'nontrapping-float-to-int', 'reference-types', 'sign-ext'];

const [configPath, wasmOpt, flag, keepDir] = process.argv.slice(2);
if (!configPath || !wasmOpt || (flag && (flag !== '--keep' || !keepDir))) {
  console.error('usage: node check_names.mjs <package_report/config.json> <wasm-opt> [--keep <dir>]');
  process.exit(2);
}
const config = JSON.parse(fs.readFileSync(configPath, 'utf8'));
// Config paths start with bazel-out/...: resolve them against the execroot bazel-bin points into.
const execroot = path.resolve(fs.realpathSync(path.dirname(configPath)), '../../../../..');
// External repositories (external/npm_tools/...) live in the output base, two levels up.
const outputBase = path.resolve(execroot, '../..');
const resolve = (p) => (path.isAbsolute(p) ? p : path.join(p.startsWith('external/') ? outputBase : execroot, p));
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'check-names-'));

function wasmOptRun(level, simd, args, input, output) {
  const features = [...BASELINE_FEATURES, ...(simd ? ['simd'] : [])].map((f) => `--enable-${f}`);
  const run = spawnSync(process.execPath, [wasmOpt, `-${level}`, ...features, ...args, input, '-o', output], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`wasm-opt failed on ${input}: ${run.stderr}`);
  return fs.readFileSync(output);
}

let failures = 0;
for (const module of config.modules) {
  for (const [label, build, simd] of [[module.name, module, module.simd128], [`${module.name} (baseline)`, module.baseline, false]]) {
    const shipped = fs.readFileSync(resolve(build.wasm));
    const namedPath = resolve(build.wasmNames ?? build.wasmBeforeOpt);
    const named = fs.readFileSync(namedPath);
    const parsed = parseWasm(named);
    if (!parsed.hasNameSection) {
      console.log(`${label}: no module with a name section (config wasmNames)`);
      failures++;
      continue;
    }
    const unnamed = path.join(tmp, 'unnamed.wasm');
    fs.writeFileSync(unnamed, withoutNameSection(named, parsed));
    const strip = ['--strip-debug', '--strip-producers', '--strip-target-features'];
    const fromUnnamed = wasmOptRun(module.optLevel, simd, strip, unnamed, path.join(tmp, 'a.wasm'));
    const fromNamed = wasmOptRun(module.optLevel, simd, strip, namedPath, path.join(tmp, 'b.wasm'));
    const keptNames = wasmOptRun(module.optLevel, simd, ['-g', '--strip-producers', '--strip-target-features'], namedPath, path.join(tmp, 'c.wasm'));
    const keptMinusNames = Buffer.from(withoutNameSection(keptNames));
    if (keepDir) {
      const kept = path.resolve(keepDir, `${module.name}${build === module ? '' : '.baseline'}.names.wasm`);
      fs.mkdirSync(keepDir, { recursive: true });
      fs.writeFileSync(kept, keptNames);
      build.wasmOptNames = kept;
    }
    const verdict = (a, b) => (Buffer.compare(a, b) === 0 ? 'identical' : `DIFFERS (${a.length} B)`);
    if (Buffer.compare(fromUnnamed, shipped) !== 0) failures++;
    console.log(`${label.padEnd(24)} -${module.optLevel}  shipped ${shipped.length} B; names ${named.length - withoutNameSection(named, parsed).length} B; ` +
      `1. unnamed -> shipped: ${verdict(fromUnnamed, shipped)}; 2. -g minus names vs shipped: ${verdict(keptMinusNames, shipped)}; ` +
      `3. -g minus names vs named --strip-debug: ${verdict(keptMinusNames, fromNamed)}`);
  }
}
fs.rmSync(tmp, { recursive: true, force: true });
if (keepDir) {
  // Every path absolute, so that bundle_report.mjs can run on the copy from anywhere.
  const absolute = (b) => ({
    ...b, wasm: resolve(b.wasm), wasmBeforeOpt: resolve(b.wasmBeforeOpt),
    ...(b.wasmNames ? { wasmNames: resolve(b.wasmNames) } : {}), ...(b.js ? { js: resolve(b.js) } : {}),
  });
  const copy = {
    ...config,
    binaryen: resolve(config.binaryen),
    modules: config.modules.map((m) => ({
      ...absolute(m), baseline: absolute(m.baseline), bundledManifests: m.bundledManifests.map(resolve),
    })),
  };
  fs.writeFileSync(path.join(keepDir, 'config.json'), JSON.stringify(copy, null, 2));
}
process.exit(failures > 0 ? 1 : 0);
