// Measurement helpers shared by the benchmark programs (tools/bench/engines_kernels.mjs, which
// also runs in Chromium, and crates/neural/bench/neural_bench.mjs). Plain ESM, no Node or DOM
// imports.

/** mulberry32: a small deterministic generator of numbers in [0, 1). */
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

/** The median of a non-empty list of numbers. */
export function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Calls `step` (which returns how many operations it did) until `ms` passed; operations/s. */
export function rate(step, ms) {
  let ops = 0;
  const start = performance.now();
  let elapsed;
  do {
    ops += step();
    elapsed = performance.now() - start;
  } while (elapsed < ms);
  return (ops * 1000) / elapsed;
}
