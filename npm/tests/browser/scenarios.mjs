// The package's scenario suite: every module's scenario (its crate's tests/scenario.mjs, listed
// by modules.json), run the same way in every engine so the engine tests can require identical
// results. Plain ESM with no Node or DOM imports.
//
// Every input is deterministic and made with exact arithmetic (integers and divisions by powers
// of two), so every engine sees bit-identical inputs; wasm arithmetic is deterministic, so the
// results must be bit-identical too (compared as `encode`d JSON).
//
// `./modules.mjs` is generated next to this file by npm/tests/module_table.mjs from modules.json.
import { modules, scenarios } from './modules.mjs';

/** mulberry32: a small deterministic generator of numbers in [0, 1) (exact: k / 2^32). */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const floats = (n, next, lo = -1, hi = 1) => Float32Array.from({ length: n }, () => lo + (hi - lo) * next());

/** A seasonal series with a trend and noise (period 12), from exact arithmetic only. */
export function series(k, n) {
  const next = rng(1000 + k);
  // One period of a smooth seasonal shape as exact fractions (no Math.sin: engines may differ).
  const shape = [0, 0.5, 0.875, 1, 0.875, 0.5, 0, -0.5, -0.875, -1, -0.875, -0.5];
  const out = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    out[t] = 100 + 5 * (k % 7) + 0.25 * (k % 5 - 2) * t + (4 + (k % 3)) * shape[t % 12] + 2 * (next() - 0.5);
  }
  return out;
}

/** Results as JSON text that keeps every bit: typed arrays as arrays, NaN, infinities and -0
 * as strings, bigints as strings. Class instances (wasm-bindgen handles) are refused. */
export function encode(value) {
  const plain = (v) => {
    if (typeof v === 'number') {
      if (Number.isNaN(v) || !Number.isFinite(v) || Object.is(v, -0)) return `#${String(Object.is(v, -0) ? '-0' : v)}`;
      return v;
    }
    if (typeof v === 'bigint') return `#${v}n`;
    if (v === null || typeof v !== 'object') return v;
    if (ArrayBuffer.isView(v)) return { [v.constructor.name]: Array.from(v, plain) };
    if (Array.isArray(v)) return v.map(plain);
    const proto = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) throw new Error(`cannot encode a ${v.constructor?.name ?? 'class'} instance`);
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
  };
  return JSON.stringify(plain(value));
}

/** The deterministic inputs every scenario and memory cycle gets as `helpers`. */
export const helpers = Object.freeze({ rng, floats, series });

/** Module names the package has that modules.json lacks, and names modules.json has that the package does not. */
export function coverage(moduleNames) {
  const listed = modules.map((m) => m.name);
  return {
    missing: moduleNames.filter((n) => !listed.includes(n)),
    unknown: listed.filter((n) => !moduleNames.includes(n)),
  };
}

/** What modules.json says module `name` bundles ([] for a module of its own). */
export function bundlesOf(name) {
  const entry = modules.find((m) => m.name === name);
  if (!entry) throw new Error(`modules.json has no module ${name}`);
  return entry.bundles;
}

/**
 * Module `name`'s scenario on the loaded module `m`, as encoded JSON. A module bundling others
 * (unified) runs each bundled module's scenario on itself: its results are theirs, by name.
 */
export function runScenario(name, m) {
  const bundles = bundlesOf(name);
  if (bundles.length === 0) return encode(scenarios[name].scenario(m, helpers));
  return encode(Object.fromEntries(bundles.map((b) => [b, runScenario(b, m)])));
}

/** Module `name`'s memory cycle `i` on `m` (a bundling module runs every bundled module's, in its one memory). */
export function runMemoryCycle(name, m, i) {
  const bundles = bundlesOf(name);
  if (bundles.length === 0) return scenarios[name].memoryCycle(m, i, helpers);
  for (const b of bundles) runMemoryCycle(b, m, i);
}

/**
 * Runs everything for one build with the package's API (`pkg`: the '@ruv/swarm-wasm' namespace),
 * loading modules one at a time; `afterLoad(name)` is awaited after each first load (the browser
 * test checks the network log there). Returns plain data; `results` holds the encoded scenario
 * results (compared between engines), the rest is checked by the caller:
 * `bundlesEqualModules[<bundling module>][<bundled module>]` is whether the bundling module
 * computed exactly what the bundled module computes on its own.
 */
export async function runAll(pkg, variant, afterLoad = async () => {}) {
  const { missing, unknown } = coverage(pkg.moduleNames);
  if (missing.length || unknown.length) {
    throw new Error(`modules.json does not match the package: missing ${missing.join(', ') || '-'}; unknown ${unknown.join(', ') || '-'}`);
  }
  pkg.setDefaultVariant(variant);
  const out = { simdSupported: pkg.simdSupported(), modules: {}, results: {}, seed: {}, bundlesEqualModules: {} };
  for (const name of pkg.moduleNames) {
    const m = await pkg.load(name);
    await afterLoad(name);
    const again = await pkg.load(name);
    out.modules[name] = {
      variant: pkg.variantOf(name), simd: m.simdEnabled(), version: m.version(), sameInstance: again === m,
    };
    out.results[name] = runScenario(name, m);
  }
  // A bundling module computes exactly what each bundled module computes on its own.
  for (const name of pkg.moduleNames) {
    const bundles = bundlesOf(name);
    if (bundles.length === 0) continue;
    const parts = JSON.parse(out.results[name]);
    out.bundlesEqualModules[name] = Object.fromEntries(bundles.map((b) => [b, parts[b] === out.results[b]]));
  }
  // The seed's module tests: core greet, neural NeuralNetwork/ActivationFunction, memory growth.
  const core = await pkg.load('core');
  const neural = await pkg.load('neural');
  out.seed.greet = typeof core.greet === 'function' ? core.greet('seed') : null;
  out.seed.neuralApi = [typeof neural.NeuralNetwork, typeof neural.ActivationFunction, neural.ActivationFunction.Sigmoid];
  out.seed.memoryGrowth = {};
  for (const name of pkg.moduleNames) {
    const m = await pkg.load(name);
    const before = m.memoryUsage();
    for (let i = 0; i < 1000; i++) runMemoryCycle(name, m, i);
    out.seed.memoryGrowth[name] = m.memoryUsage() - before;
  }
  return out;
}
