// Writes build-report.json: per module, wasm and JS sizes (raw / gzip / brotli), wasm size before
// and after wasm-opt, SIMD instruction and export counts; totals; recommendations from the
// design's thresholds. Usage: node bundle_report.mjs <config.json> <out.json>
// and per module the same for its baseline (no SIMD) build. Totals and thresholds count the
// SIMD128 builds (what an engine with SIMD downloads).
// A module bundling others (unified) is compared with the sum of the modules it bundles, and is
// not counted in the totals (its code is theirs).
// config: { binaryen, package, version,
//           modules: [{ name, wasm, wasmBeforeOpt, js, optLevel, simd128, baseline: { wasm, wasmBeforeOpt },
//                       bundledManifests: [dts_manifest.json paths of the modules it bundles] }] }
import fs from 'node:fs';
import zlib from 'node:zlib';
import { wasmStats } from '../../wasm/private/wasm_stats.mjs';

const MB = 1024 * 1024;
// The design's thresholds.
const TOTAL_WASM_SPLIT = 5 * MB;
const UNIFIED_SPLIT = 3 * MB;
const NEURAL_LAZY = 2 * MB;

function sizes(bytes) {
  return {
    raw: bytes.length,
    gzip: zlib.gzipSync(bytes, { level: 9 }).length,
    brotli: zlib.brotliCompressSync(bytes, {
      params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 },
    }).length,
  };
}

function add(total, part) {
  for (const key of Object.keys(part)) total[key] = (total[key] || 0) + part[key];
}

async function bundleReport(config) {
  const report = {
    package: config.package,
    version: config.version,
    modules: {},
    totals: { wasm: {}, js: {}, wasmBeforeOpt: {} },
    recommendations: [],
  };
  for (const module of config.modules) {
    const wasm = fs.readFileSync(module.wasm);
    const before = fs.readFileSync(module.wasmBeforeOpt);
    const stats = await wasmStats(config.binaryen, wasm);
    const entry = {
      optLevel: module.optLevel,
      simd128: module.simd128,
      wasm: sizes(wasm),
      js: sizes(fs.readFileSync(module.js)),
      wasmBeforeOpt: sizes(before),
      wasmOptSaving: Number((1 - wasm.length / before.length).toFixed(4)),
      simdInstructions: stats.simdInstructions,
      exports: stats.exports,
      functions: stats.functions,
    };
    if (module.baseline) {
      const baselineWasm = fs.readFileSync(module.baseline.wasm);
      const baselineBefore = fs.readFileSync(module.baseline.wasmBeforeOpt);
      const baselineStats = await wasmStats(config.binaryen, baselineWasm);
      entry.baseline = {
        wasm: sizes(baselineWasm),
        wasmBeforeOpt: sizes(baselineBefore),
        wasmOptSaving: Number((1 - baselineWasm.length / baselineBefore.length).toFixed(4)),
        simdInstructions: baselineStats.simdInstructions,
        exports: baselineStats.exports,
      };
    }
    const bundled = (module.bundledManifests || [])
      .map((manifest) => JSON.parse(fs.readFileSync(manifest, 'utf8')).module);
    if (bundled.length > 0) entry.bundles = bundled;
    report.modules[module.name] = entry;
    if (bundled.length === 0) {
      add(report.totals.wasm, entry.wasm);
      add(report.totals.js, entry.js);
      add(report.totals.wasmBeforeOpt, entry.wasmBeforeOpt);
    }
  }
  const { modules, totals, recommendations } = report;
  for (const [name, entry] of Object.entries(modules)) {
    if (!entry.bundles) continue;
    const missing = entry.bundles.filter((bundledName) => !modules[bundledName]);
    if (missing.length > 0) {
      throw new Error(`module ${name} bundles ${missing.join(', ')}, which the package does not ship`);
    }
    const sum = {};
    for (const bundledName of entry.bundles) add(sum, modules[bundledName].wasm);
    entry.comparedWithBundledModules = {
      sumOfWasm: sum,
      gzipRatio: Number((entry.wasm.gzip / sum.gzip).toFixed(4)),
      rawRatio: Number((entry.wasm.raw / sum.raw).toFixed(4)),
    };
  }
  if (totals.wasm.raw > TOTAL_WASM_SPLIT) {
    recommendations.push('Total wasm exceeds 5 MB: consider splitting modules further for progressive loading.');
  }
  if (modules.unified && modules.unified.wasm.raw > UNIFIED_SPLIT) {
    recommendations.push('The unified module exceeds 3 MB: prefer the separate modules, or split it.');
  }
  if (modules.neural && modules.neural.wasm.raw > NEURAL_LAZY) {
    recommendations.push('The neural module exceeds 2 MB: load it lazily (load("neural") on first use).');
  }
  return report;
}

const [configPath, outPath] = process.argv.slice(2);
const report = await bundleReport(JSON.parse(fs.readFileSync(configPath, 'utf8')));
fs.writeFileSync(outPath, JSON.stringify(report, null, 2) + '\n');
