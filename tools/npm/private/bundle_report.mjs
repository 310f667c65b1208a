// Writes build-report.json (its schema: tools/report/build-report.schema.json): per module, wasm
// and JS sizes (raw / gzip / brotli), wasm size before and after wasm-opt, SIMD instruction and
// export counts, the attribution of its bytes (crates, C code, wasm-bindgen glue, data; see
// tools/report/attribution.mjs), its gzip budget; totals; recommendations derived from all that.
// Fails (exit 1, nothing written) when a module exceeds its gzip budget.
// Usage: node bundle_report.mjs <config.json> <out.json>
//
// Totals and thresholds count the SIMD128 builds (what an engine with SIMD downloads). A module
// bundling others (unified) is compared with the sum of the modules it bundles, and is not
// counted in the totals (its code is theirs).
//
// config: { binaryen, package, version, sizeBaseline?: <an earlier build-report.json>,
//           modules: [{ name, wasm, wasmBeforeOpt, wasmOptNames?, wasmNames?, js, optLevel, simd128,
//                       gzipBudget?, baseline: { wasm, wasmBeforeOpt, wasmOptNames?, wasmNames? },
//                       bundledManifests: [dts_manifest.json paths of the modules it bundles] }] }
//   wasmOptNames: wasm-opt's output kept with its name section (wasm-opt -g), which without it is
//     the shipped `wasm` byte for byte: attribution is then exact (tools/report/attribution.mjs).
//   wasmNames: the module before wasm-opt with its name section, if wasmBeforeOpt lacks it;
//     default wasmBeforeOpt (wasm-bindgen's output keeps it: tools/wasm_bindgen). Sizes before
//     optimization are measured without the name section.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { wasmStats } from '../../wasm/private/wasm_stats.mjs';
import { attributeModule, hasFunctionNames } from '../../report/attribution.mjs';
import { parseWasm, withoutNameSection } from '../../report/wasm_binary.mjs';
import { budgetFailures } from '../../report/budgets.mjs';
import { recommendations } from '../../report/recommendations.mjs';

/** Version of the report's format (build-report.schema.json); 2 added attribution and budgets. */
const SCHEMA_VERSION = 2;

/** Our crates: every first-party crate's `crate_name` starts with `ruv_` (the crates' BUILD.bazel files). */
const ourCrates = (crate) => crate.startsWith('ruv_');

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

/** Sizes, statistics and attribution of one build (SIMD128 or baseline) of a module. */
async function measureBuild(binaryen, name, build) {
  const wasm = fs.readFileSync(build.wasm);
  const beforeFile = fs.readFileSync(build.wasmBeforeOpt);
  const beforeParsed = parseWasm(beforeFile);
  // The name section serves attribution only (wasm-opt's --strip-debug drops it): sizes before
  // optimization are without it, as they were before the section was kept.
  const before = withoutNameSection(beforeFile, beforeParsed);
  const stats = await wasmStats(binaryen, wasm);
  const shipped = sizes(wasm);
  const beforeNamedPath = build.wasmNames ?? build.wasmBeforeOpt;
  const beforeNamed = beforeNamedPath === build.wasmBeforeOpt ? beforeFile : fs.readFileSync(beforeNamedPath);
  const beforeHasNames = beforeNamedPath === build.wasmBeforeOpt
    ? hasFunctionNames(beforeParsed) : hasFunctionNames(parseWasm(beforeNamed));
  const files = [build.wasmOptNames, beforeHasNames ? beforeNamedPath : null].filter(Boolean);
  return {
    wasm: shipped,
    wasmBeforeOpt: sizes(before),
    wasmOptSaving: Number((1 - wasm.length / before.length).toFixed(4)),
    simdInstructions: stats.simdInstructions,
    exports: stats.exports,
    functions: stats.functions,
    attribution: attributeModule({
      optimizedNamed: build.wasmOptNames ? fs.readFileSync(build.wasmOptNames) : null,
      beforeOptNamed: beforeHasNames ? beforeNamed : null,
      shippedBytes: wasm,
      shippedGzip: shipped.gzip,
      ourCrates,
      source: `${name}: ${files.map((f) => path.basename(f)).join(' and ') || path.basename(build.wasmBeforeOpt)}`,
    }),
  };
}

/** Checks what the config declares before measuring anything. */
function checkConfig(config) {
  for (const module of config.modules) {
    const budget = module.gzipBudget;
    if (budget !== undefined && budget !== null && (!Number.isInteger(budget) || budget <= 0)) {
      throw new Error(`module ${module.name}: gzipBudget must be a positive integer (bytes), got ${JSON.stringify(budget)}`);
    }
  }
}

async function bundleReport(config) {
  checkConfig(config);
  const report = {
    schemaVersion: SCHEMA_VERSION,
    package: config.package,
    version: config.version,
    modules: {},
    totals: { wasm: {}, js: {}, wasmBeforeOpt: {} },
    recommendations: [],
  };
  for (const module of config.modules) {
    const main = await measureBuild(config.binaryen, module.name, module);
    const entry = {
      optLevel: module.optLevel,
      simd128: module.simd128,
      wasm: main.wasm,
      js: sizes(fs.readFileSync(module.js)),
      wasmBeforeOpt: main.wasmBeforeOpt,
      wasmOptSaving: main.wasmOptSaving,
      simdInstructions: main.simdInstructions,
      exports: main.exports,
      functions: main.functions,
    };
    if (module.gzipBudget !== undefined && module.gzipBudget !== null) entry.gzipBudget = module.gzipBudget;
    if (module.baseline) {
      entry.baseline = await measureBuild(config.binaryen, `${module.name} (baseline)`, module.baseline);
    }
    entry.attribution = main.attribution;
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
  const { modules } = report;
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
  report.recommendations = recommendations(report);
  return report;
}

/**
 * JSON indented by two spaces, except that each entry of an attribution's `groups` and
 * `topFunctions` takes one line: the report stays readable (one group a line) at about half the
 * size it has fully indented (it ships in the package).
 */
function formatJson(value, indent = '', key = '') {
  if (Array.isArray(value) && (key === 'groups' || key === 'topFunctions')) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((item) => `${indent}  ${JSON.stringify(item)}`).join(',\n')}\n${indent}]`;
  }
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((item) => inner + formatJson(item, inner)).join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${formatJson(v, inner, k)}`).join(',\n')}\n${indent}}`;
}

const [configPath, outPath] = process.argv.slice(2);
if (!configPath || !outPath) {
  console.error('usage: node bundle_report.mjs <config.json> <out.json>');
  process.exit(2);
}
const config = JSON.parse(fs.readFileSync(configPath, 'utf8'));
let report;
try {
  report = await bundleReport(config);
} catch (error) {
  // A message that names the fix, not a stack trace.
  console.error(`bundle_report: ${error.message}`);
  process.exit(1);
}
const baseline = config.sizeBaseline
  ? { path: config.sizeBaseline, report: JSON.parse(fs.readFileSync(config.sizeBaseline, 'utf8')) }
  : null;
const failures = budgetFailures(report, baseline);
if (failures.length > 0) {
  console.error(`Size budget exceeded (${failures.length}):\n\n${failures.join('\n\n')}`);
  process.exit(1);
}
fs.writeFileSync(outPath, formatJson(report) + '\n');
