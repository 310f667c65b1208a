// The two builds every module ships (simd128 and baseline): the loader's choice, forcing either,
// and the same results from both. Each build runs in its own Node process (a module has one
// instance per process).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import test from 'node:test';
import { load, moduleNames, setDefaultVariant, simdSupported, variantOf, variants } from '@ruv/swarm-wasm';

// Loads every module as `variant` and computes with each build-sensitive kernel.
const PROBE = `
import { load, moduleNames, setDefaultVariant, variantOf } from '@ruv/swarm-wasm';
const variant = process.argv[1];
setDefaultVariant(variant);
const out = { modules: {} };
for (const name of moduleNames) {
  const m = await load(name);
  out.modules[name] = { variant: variantOf(name), simd: m.simdEnabled() };
}
const neural = await load('neural');
const net = new neural.NeuralNetwork([16, 12, 5]);
const weights = new Float32Array(net.getWeights().length);
for (let i = 0; i < weights.length; i++) weights[i] = Math.sin(i * 0.37) * 0.5;
net.setWeights(weights);
const input = Float32Array.from({ length: 16 }, (_, i) => Math.cos(i * 0.11));
out.neural = Array.from(net.run(input));
net.free();
const forecasting = await load('forecasting');
const series = Float64Array.from({ length: 48 }, (_, t) => 50 + 0.3 * t + 4 * Math.sin((2 * Math.PI * t) / 12));
out.forecast = Array.from(forecasting.fitPredict(series, 'holtWinters', 6, { model: { period: 12, seasonal: 'additive', trend: true } }));
console.log(JSON.stringify(out));
`;

function probe(variant) {
  const stdout = execFileSync(process.execPath, ['--input-type=module', '-e', PROBE, variant], { encoding: 'utf8' });
  return JSON.parse(stdout);
}

test('auto (the default) picks simd128 exactly where the engine validates SIMD', async () => {
  assert.deepEqual([...variants], ['simd128', 'baseline']);
  const core = await load('core');
  const expected = simdSupported() ? 'simd128' : 'baseline';
  assert.equal(variantOf('core'), expected);
  assert.equal(core.simdEnabled(), expected === 'simd128');
  assert.equal(variantOf('swarm'), undefined, 'a module not loaded has no variant');
});

test('either build can be forced, and both compute the same results', () => {
  const simd = probe('simd128');
  const baseline = probe('baseline');
  for (const name of moduleNames) {
    assert.deepEqual(simd.modules[name], { variant: 'simd128', simd: true }, name);
    assert.deepEqual(baseline.modules[name], { variant: 'baseline', simd: false }, name);
  }
  assert.equal(simd.neural.length, 5);
  simd.neural.forEach((value, i) => {
    assert.ok(Math.abs(value - baseline.neural[i]) <= 1e-6 * Math.max(1, Math.abs(value)), `neural output ${i}`);
  });
  assert.equal(simd.forecast.length, 6);
  simd.forecast.forEach((value, i) => {
    assert.ok(Number.isFinite(value));
    assert.ok(Math.abs(value - baseline.forecast[i]) <= 1e-9 * Math.abs(value), `forecast ${i}`);
  });
});

test('a subpath import follows setDefaultVariant', () => {
  const stdout = execFileSync(process.execPath, ['--input-type=module', '-e', `
    import { setDefaultVariant, variantOf } from '@ruv/swarm-wasm';
    setDefaultVariant('baseline');
    const neural = await import('@ruv/swarm-wasm/neural');
    console.log(JSON.stringify([variantOf('neural'), neural.simdEnabled()]));
  `], { encoding: 'utf8' });
  assert.deepEqual(JSON.parse(stdout), ['baseline', false]);
});

test('bad variant choices are errors, and a loaded module keeps its build', async () => {
  assert.throws(() => setDefaultVariant('fast'), /Unknown variant "fast"/);
  await assert.rejects(load('core', { variant: 'wasm64' }), /Unknown variant "wasm64"/);
  await assert.rejects(load('core', 5), /options must be an object/);
  const loaded = variantOf('core');
  const other = loaded === 'simd128' ? 'baseline' : 'simd128';
  await assert.rejects(load('core', { variant: other }), /already loaded as its/);
  assert.equal(variantOf('core'), loaded);
  assert.equal(await load('core', { variant: 'auto' }), await load('core'));
});
