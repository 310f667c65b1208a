// The kernels of tools/bench/engines.mjs, run unchanged in Node and in Chromium (plain ESM, no
// Node or DOM imports). `measure` times both builds of every module in one engine, side by side.
// `./modules.mjs` is the module table (npm/tests/module_table.mjs) that engines.mjs writes next
// to this file from modules.json: every module's kernels come from its crate's bench/kernel.mjs.

import { median, rate, rng } from './measure.mjs';
import { kernels, modules } from './modules.mjs';

const floats = (n, next, lo = -1, hi = 1) => Float32Array.from({ length: n }, () => lo + (hi - lo) * next());

/** The deterministic input generators every kernel's `setup` gets as `helpers`. */
const helpers = Object.freeze({ rng, floats });

/**
 * Each module's kernels (its crate's bench/kernel.mjs, listed by modules.json): a module bundling
 * others (unified) runs the kernels of the modules it bundles.
 */
export const KERNELS = Object.fromEntries(modules.map(({ name, bundles }) => [name, bundles.length === 0
  ? kernels[name]
  : bundles.flatMap((b) => kernels[b].map((kernel) => ({ ...kernel, name: `${b}: ${kernel.name}` })))]));

/**
 * Measures every module in this engine. `prepare(name, variant)` imports a fresh instance of the
 * module's glue and returns `{ glue, init }`, `init()` instantiating that build into it; `init`
 * alone is timed as the instantiate figure (median of `instantiations`, builds alternating). Then each kernel runs on
 * both builds for `rounds` timed rounds after one untimed warm-up round, the builds alternating
 * and their order flipping every round. Returns plain data: per module, instantiate medians and
 * per kernel the per-round ops/s of each build.
 */
export async function measure(moduleNames, prepare, { rounds = 7, ms = 300, instantiations = 7 } = {}) {
  const variants = ['simd128', 'baseline'];
  const out = {};
  for (const name of moduleNames) {
    const times = { simd128: [], baseline: [] };
    const instances = {};
    for (let i = 0; i < instantiations; i++) {
      for (const variant of i % 2 ? [...variants].reverse() : variants) {
        const { glue, init } = await prepare(name, variant);
        const start = performance.now();
        await init();
        times[variant].push(performance.now() - start);
        instances[variant] = glue;
      }
    }
    const entry = {
      instantiateMs: { simd128: median(times.simd128), baseline: median(times.baseline) },
      simdEnabled: { simd128: instances.simd128.simdEnabled(), baseline: instances.baseline.simdEnabled() },
      kernels: [],
    };
    for (const kernel of KERNELS[name] ?? []) {
      const steps = Object.fromEntries(variants.map((v) => [v, kernel.setup(instances[v], helpers)]));
      const results = { simd128: [], baseline: [] };
      for (let r = -1; r < rounds; r++) {
        for (const variant of r % 2 ? [...variants].reverse() : variants) {
          const value = rate(steps[variant], ms);
          if (r >= 0) results[variant].push(value);
        }
      }
      entry.kernels.push({ name: kernel.name, opsPerSecond: results });
    }
    out[name] = entry;
  }
  return out;
}
