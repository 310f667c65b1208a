// Checks, on every module of a built package, what attribution relies on:
//   1. the name section wasm-bindgen's output keeps changes nothing wasm-opt ships: wasm-opt on
//      the module without it gives the shipped module byte for byte;
//   2. `wasm-opt -g` (names kept through optimization) gives the shipped module plus a name
//      section, so attribution of the shipped module can be exact (config `wasmOptNames`).
// Prints one line per build with the sizes and both verdicts; exits 1 if any differs.
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
    const named = fs.readFileSync(resolve(build.wasmBeforeOpt));
    const parsed = parseWasm(named);
    if (!parsed.hasNameSection) {
      console.log(`${label}: wasm-bindgen's output has no name section`);
      failures++;
      continue;
    }
    const unnamed = path.join(tmp, 'unnamed.wasm');
    fs.writeFileSync(unnamed, withoutNameSection(named, parsed));
    const strip = ['--strip-debug', '--strip-producers', '--strip-target-features'];
    const withoutNames = wasmOptRun(module.optLevel, simd, strip, unnamed, path.join(tmp, 'a.wasm'));
    const keptNames = wasmOptRun(module.optLevel, simd, ['-g', '--strip-producers', '--strip-target-features'], resolve(build.wasmBeforeOpt), path.join(tmp, 'b.wasm'));
    if (keepDir) {
      const kept = path.resolve(keepDir, `${module.name}${build === module ? '' : '.baseline'}.names.wasm`);
      fs.mkdirSync(keepDir, { recursive: true });
      fs.writeFileSync(kept, keptNames);
      build.wasmOptNames = kept;
    }
    const same1 = Buffer.compare(withoutNames, shipped) === 0;
    const same2 = Buffer.compare(Buffer.from(withoutNameSection(keptNames)), shipped) === 0;
    if (!same1 || !same2) failures++;
    console.log(`${label.padEnd(24)} -${module.optLevel}  shipped ${shipped.length} B; name section ${named.length - withoutNameSection(named, parsed).length} B; ` +
      `optimized without names: ${same1 ? 'identical' : `DIFFERS (${withoutNames.length} B)`}; ` +
      `-g minus its names: ${same2 ? 'identical' : `DIFFERS (${withoutNameSection(keptNames).length} B)`}`);
  }
}
fs.rmSync(tmp, { recursive: true, force: true });
if (keepDir) {
  // Every path absolute, so that bundle_report.mjs can run on the copy from anywhere.
  const absolute = (b) => ({ ...b, wasm: resolve(b.wasm), wasmBeforeOpt: resolve(b.wasmBeforeOpt), ...(b.js ? { js: resolve(b.js) } : {}) });
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
