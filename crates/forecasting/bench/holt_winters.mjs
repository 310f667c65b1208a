// Benchmark: fitted additive Holt-Winters (season 12) + 12-step forecast on 1,000 series of
// length 144, with the `forecasting` wasm module in Node.
//
//   node crates/forecasting/bench/holt_winters.mjs <module> [--count N] [--compare statsmodels_mse.json]
//
// <module> is the built package (`tools/bazel build //npm:package`, then bazel-bin/npm/package:
// the module as it ships, through `load('forecasting')`), or a wasm-bindgen (--target web)
// output directory (or its .js, with `<name>_bg.wasm` next to it) of the crate built with its
// `bindings` feature. compare_statsmodels.sh runs this and statsmodels side by side.
//
// The series are generated deterministically by the same formula as
// holt_winters_statsmodels.py (Park-Miller minimal standard generator; every product is exact
// in a double). `--compare` reads the per-series in-sample MSEs written by
// `holt_winters_statsmodels.py --mse-out FILE` and reports how the module's fits compare.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { pathToFileURL } from 'node:url';

export function makeSeries(k, n = 144) {
  let state = (k * 7919 + 12345) % 2147483647 || 1;
  const rnd = () => {
    state = (state * 48271) % 2147483647;
    return state / 2147483647;
  };
  const level = 100.0 + 5.0 * (k % 17);
  const slope = 0.05 * ((k % 11) - 5);
  const amp = 5.0 + (k % 13);
  const phase = 2.0 * Math.PI * ((k % 12) / 12.0);
  const out = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    const noise = (rnd() + rnd() + rnd() - 1.5) * 2.0;
    out[t] = level + slope * t + amp * Math.sin((2.0 * Math.PI * t) / 12.0 + phase) + noise;
  }
  return out;
}

function parseArgs(argv) {
  const args = { target: null, count: 1000, compare: null };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--count') args.count = Number(argv[++i]);
    else if (argv[i] === '--compare') args.compare = argv[++i];
    else args.target = argv[i];
  }
  if (!args.target || !Number.isInteger(args.count) || args.count < 1) {
    console.error('usage: node holt_winters.mjs <package dir | wasm-bindgen out dir | .js> [--count N] [--compare mse.json]');
    process.exit(2);
  }
  return args;
}

async function loadModule(target) {
  // The built npm package (bazel-bin/npm/package): the module as it ships, through its loader.
  if (fs.existsSync(path.join(target, 'index.js')) && fs.existsSync(path.join(target, 'wasm'))) {
    const { load } = await import(pathToFileURL(path.resolve(target, 'index.js')).href);
    const wasmPath = path.join(target, 'wasm', 'forecasting.wasm');
    return { mod: await load('forecasting'), bytes: fs.readFileSync(wasmPath), wasmPath };
  }
  let jsPath = target;
  if (fs.statSync(target).isDirectory()) {
    const js = fs.readdirSync(target).find((f) => f.endsWith('.js') && !f.endsWith('.d.js'));
    if (!js) throw new Error(`no .js glue file in ${target}`);
    jsPath = path.join(target, js);
  }
  const wasmPath = jsPath.replace(/\.js$/, '_bg.wasm');
  const mod = await import(pathToFileURL(path.resolve(jsPath)).href);
  const bytes = fs.readFileSync(wasmPath);
  if (typeof mod.default === 'function') {
    await mod.default({ module_or_path: bytes });
  }
  return { mod, bytes, wasmPath };
}

const args = parseArgs(process.argv.slice(2));
const { mod, bytes, wasmPath } = await loadModule(args.target);

const n = 144;
const count = args.count;
const series = [];
let checksum = 0;
for (let k = 0; k < count; k++) {
  const y = makeSeries(k, n);
  series.push(y);
  for (const v of y) checksum += v;
}
const values = new Float64Array(count * n);
const offsets = new Uint32Array(count + 1);
series.forEach((y, k) => {
  values.set(y, k * n);
  offsets[k + 1] = (k + 1) * n;
});
const options = { model: { period: 12, seasonal: 'additive', trend: true } };

// Warm-up: V8 first runs wasm code from its baseline compiler (Liftoff) and tiers hot
// functions up to optimised code in the background; fit 100 series untimed first.
const warm = Math.min(100, count);
mod.forecastBatch(values.subarray(0, warm * n), offsets.subarray(0, warm + 1), 'holtWinters', 12, options);

let t0 = process.hrtime.bigint();
const batch = mod.forecastBatch(values, offsets, 'holtWinters', 12, options);
const batchSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
const forecasts = batch.forecasts();
const mse = batch.inSampleMse();
if (batch.failureCount !== 0) {
  throw new Error(`failures: ${JSON.stringify(batch.failures())}`);
}
if (forecasts.length !== count * 12 || !forecasts.every(Number.isFinite)) {
  throw new Error('unexpected forecasts');
}

// The same work through the ForecastModel class, one series at a time.
t0 = process.hrtime.bigint();
for (const y of series) {
  const m = new mod.ForecastModel('holtWinters', options.model);
  m.fit(y);
  m.predict(12);
  m.free();
}
const classSeconds = Number(process.hrtime.bigint() - t0) / 1e9;

const meanMse = mse.reduce((a, b) => a + b, 0) / count;
const gz = zlib.gzipSync(bytes, { level: 9 }).length;
console.log(`series checksum: ${checksum.toFixed(6)}`);
console.log(`wasm module: ${path.basename(wasmPath)} ${bytes.length} bytes, ${gz} bytes gzip -9`);
console.log(`simd: ${typeof mod.simdEnabled === 'function' ? mod.simdEnabled() : 'n/a'}`);
console.log(`forecastBatch: ${count} series in ${batchSeconds.toFixed(3)} s = ${(count / batchSeconds).toFixed(1)} series/s`);
console.log(`ForecastModel loop: ${count} series in ${classSeconds.toFixed(3)} s = ${(count / classSeconds).toFixed(1)} series/s`);
console.log(`mean in-sample MSE: ${meanMse.toFixed(6)}`);

if (args.compare) {
  const ref = JSON.parse(fs.readFileSync(args.compare, 'utf8'));
  const m = Math.min(ref.mse.length, count);
  let worse = 0;
  let worst = 0;
  let better = 0;
  for (let i = 0; i < m; i++) {
    const r = mse[i] / ref.mse[i];
    if (r > 1.05) worse++;
    if (r < 0.999) better++;
    worst = Math.max(worst, r);
  }
  console.log(
    `vs statsmodels on ${m} series: ${worse} with MSE > 1.05x, ${better} with lower MSE, worst ratio ${worst.toFixed(4)}`,
  );
  if (ref.series_per_second) {
    console.log(`speed-up vs statsmodels (forecastBatch): ${((count / batchSeconds) / ref.series_per_second).toFixed(1)}x`);
  }
}
