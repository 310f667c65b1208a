// End-to-end test of the `forecasting` wasm module's JavaScript API.
//
//   node crates/forecasting/tests/wasm_api.mjs <wasm-bindgen output dir or its .js file>
//
// Exits non-zero on the first failed assertion.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const target = process.argv[2];
if (!target) {
  console.error('usage: node wasm_api.mjs <wasm-bindgen out dir | .js file> [module .wasm]');
  process.exit(2);
}
let jsPath = target;
if (fs.statSync(target).isDirectory()) {
  jsPath = path.join(target, fs.readdirSync(target).find((f) => f.endsWith('.js')));
}
const m = await import(pathToFileURL(path.resolve(jsPath)).href);
if (typeof m.default === 'function') {
  // An explicit .wasm (e.g. the wasm-opt output) may follow the glue.
  const wasmPath = process.argv[3] ?? jsPath.replace(/\.js$/, '_bg.wasm');
  await m.default({ module_or_path: fs.readFileSync(wasmPath) });
}

let passed = 0;
function test(name, fn) {
  try {
    fn();
    passed++;
  } catch (e) {
    console.error(`FAIL ${name}`);
    throw e;
  }
}
function throwsWith(fn, pattern) {
  assert.throws(fn, (e) => {
    assert.ok(e instanceof Error, `expected an Error, got ${e}`);
    assert.match(e.message, pattern);
    return true;
  });
}

const seasonal = Float64Array.from({ length: 72 }, (_, t) =>
  100 + 0.5 * t + [8, 3, -2, -9, -4, 4][t % 6] + ((t * 7919) % 11) * 0.1,
);

test('module interface', () => {
  assert.equal(typeof m.version(), 'string');
  assert.equal(typeof m.memoryUsage(), 'number');
  assert.equal(typeof m.simdEnabled(), 'boolean');
  assert.ok(m.modelKinds().includes('holtWinters'));
});

test('ForecastModel holtWinters fit/predict/params/residuals', () => {
  const model = new m.ForecastModel('holtWinters', { period: 6, seasonal: 'multiplicative' });
  assert.equal(model.kind, 'holtWinters');
  assert.equal(model.isFitted, false);
  throwsWith(() => model.predict(3), /not been fitted/);
  model.fit(seasonal);
  assert.equal(model.isFitted, true);
  const fc = model.predict(12);
  assert.ok(fc instanceof Float64Array && fc.length === 12 && fc.every(Number.isFinite));
  const p = model.params();
  assert.equal(p.kind, 'holtWinters');
  for (const k of ['alpha', 'beta', 'gamma', 'initialLevel', 'initialTrend', 'aic', 'bic']) {
    assert.equal(typeof p[k], 'number', k);
  }
  assert.equal(p.initialSeasonal.length, 6);
  assert.equal(p.phi, undefined);
  const res = model.residuals();
  assert.equal(res.length, seasonal.length);
  const fitted = model.fittedValues();
  assert.ok(Math.abs(fitted[10] + res[10] - seasonal[10]) < 1e-9);
  assert.ok(Math.abs(model.inSampleMse() - p.mse) < 1e-12);
  model.free();
});

test('fixed parameters are used as given', () => {
  const model = new m.ForecastModel('ses');
  model.fit(seasonal, { alpha: 1, initialization: 'known', initialLevel: 5 });
  assert.deepEqual(Array.from(model.predict(2)), [seasonal[71], seasonal[71]]);
  assert.equal(model.params().alpha, 1);
});

test('every kind works with defaults', () => {
  const opts = {
    seasonalNaive: { period: 6 },
    windowAverage: { window: 4 },
    holtWinters: { period: 6 },
    theta: { period: 6 },
    dlinear: { lookback: 12 },
    nlinear: { lookback: 12 },
    mlp: { lookback: 12, hidden: [8] },
  };
  for (const kind of m.modelKinds()) {
    const model = new m.ForecastModel(kind, opts[kind]);
    model.fit(seasonal, kind === 'mlp' ? { epochs: 50 } : undefined);
    const fc = model.predict(7);
    assert.equal(fc.length, 7, kind);
    assert.ok(fc.every(Number.isFinite), kind);
    model.free();
  }
});

test('every documented option is accepted and used', () => {
  const hw = new m.ForecastModel('holtWinters', { period: 6, damped: true, trend: true, seasonal: 'add' });
  hw.fit(seasonal, {
    alpha: 0.5, beta: 0.1, gamma: 0.2, phi: 0.9, initialization: 'known', initialLevel: 100,
    initialTrend: 0.5, initialSeasonal: [8, 3, -2, -9, -4, 4], maxIterations: 50, gridSize: 10, starts: 1,
  });
  const p = hw.params();
  assert.deepEqual([p.alpha, p.beta, p.gamma, p.phi, p.initialLevel, p.initialTrend], [0.5, 0.1, 0.2, 0.9, 100, 0.5]);
  const hw2 = new m.ForecastModel('holtWinters', { period: 6 });
  hw2.fit(seasonal, { maxIterations: 3, gridSize: 0, starts: 1 });
  assert.ok(hw2.params().iterations <= 3);
  const wa = new m.ForecastModel('windowAverage', { window: 3 });
  wa.fit([1, 2, 3, 4]);
  assert.equal(wa.predict(1)[0], 3);
  const ar = new m.ForecastModel('ar', { lags: 3 });
  ar.fit(seasonal);
  assert.equal(ar.params().coefficients.length, 3);
  const th = new m.ForecastModel('theta', {
    period: 6, theta: 3, deseasonalize: true, useTest: false, difference: true, method: 'additive',
  });
  th.fit(seasonal, { alpha: 0.5 });
  assert.equal(th.params().method, 'additive');
  assert.equal(th.params().theta, 3);
  const dl = new m.ForecastModel('dlinear', { lookback: 12, outputLength: 3, kernel: 5 });
  dl.fit(seasonal, { ridge: 0.01 });
  assert.equal(dl.params().outputLength, 3);
  const mlp = new m.ForecastModel('mlp', { lookback: 6, outputLength: 2, hidden: [4, 3] });
  mlp.fit(seasonal, { algorithm: 'adam', epochs: 20, learningRate: 0.05, seed: 7 });
  assert.equal(mlp.params().lookback, 6);
  const cv = m.crossValidate(seasonal, 'naive', {
    horizon: 2, initial: 30, step: 5, maxFolds: 3, window: 'sliding', period: 6,
  });
  assert.equal(cv.folds.length, 3);
  assert.equal(cv.folds[0].trainSize, 30);
  const fc = m.fitPredict(seasonal, 'holtWinters', 4, { model: { period: 6 }, fit: { alpha: 0.3 } });
  assert.equal(fc.length, 4);
  throwsWith(() => m.fitPredict(seasonal, 'naive', 4, { includeParams: true }), /includeParams/);
  throwsWith(() => m.forecastBatch(seasonal, [0, 72], 'naive', 1, { model: { perod: 1 } }), /unknown field `perod`/);
});

test('bad input throws Errors naming the problem', () => {
  throwsWith(() => new m.ForecastModel('arima'), /unknown model kind 'arima'/);
  throwsWith(() => new m.ForecastModel('holtWinters'), /'period'.*required/);
  throwsWith(() => new m.ForecastModel('holtWinters', { period: 12, perod: 3 }), /unknown field `perod`/);
  throwsWith(() => new m.ForecastModel('naive', { lags: 3 }), /'lags'.*does not apply/);
  throwsWith(() => new m.ForecastModel('ar', { lags: -1 }), /'lags'.*non-negative integer/);
  const hw = new m.ForecastModel('holtWinters', { period: 12 });
  throwsWith(() => hw.fit(new Float64Array(0)), /empty/);
  throwsWith(() => hw.fit(seasonal.subarray(0, 23)), /too short.*23.*24/);
  const withNaN = Float64Array.from(seasonal);
  withNaN[5] = NaN;
  throwsWith(() => hw.fit(withNaN), /index 5 is not finite/);
  const mul = new m.ForecastModel('holtWinters', { period: 6, seasonal: 'multiplicative' });
  const negative = Float64Array.from(seasonal);
  negative[3] = -1;
  throwsWith(() => mul.fit(negative), /strictly positive.*index 3/);
  hw.fit(seasonal.subarray(0, 48));
  throwsWith(() => hw.predict(0), /horizon must be at least 1/);
  throwsWith(() => hw.predict(1.5), /horizon/);
  throwsWith(() => hw.predict(-3), /horizon/);
  throwsWith(() => hw.fit(seasonal, { alpha: 2 }), /'alpha'/);
  throwsWith(() => hw.fit(seasonal, { initialization: 'magic' }), /'initialization'/);
  throwsWith(() => m.fitPredict(seasonal, 'nope', 3), /unknown model kind/);
});

test('forecastBatch', () => {
  const a = seasonal.subarray(0, 48);
  const b = seasonal.subarray(10, 72);
  const values = new Float64Array([...a, ...b, 1, 2]);
  const offsets = new Uint32Array([0, 48, 110, 112]);
  const batch = m.forecastBatch(values, offsets, 'holtWinters', 6, {
    model: { period: 6 },
    includeParams: true,
  });
  assert.equal(batch.count, 3);
  assert.equal(batch.horizon, 6);
  assert.equal(batch.failureCount, 1);
  const f = batch.failures();
  assert.equal(f[0].index, 2);
  assert.match(f[0].message, /too short/);
  const all = batch.forecasts();
  assert.equal(all.length, 18);
  assert.ok(all.subarray(12).every(Number.isNaN));
  const single = new m.ForecastModel('holtWinters', { period: 6 });
  single.fit(b);
  assert.deepEqual(Array.from(batch.forecast(1)), Array.from(single.predict(6)));
  const params = batch.params();
  assert.equal(params.length, 3);
  assert.equal(params[2], null);
  assert.equal(typeof params[0].alpha, 'number');
  assert.equal(batch.inSampleMse().length, 3);
  throwsWith(() => batch.forecast(3), /index/);
  throwsWith(
    () => m.forecastBatch(values, new Uint32Array([0, 50, 40, 112]), 'naive', 1),
    /non-decreasing/,
  );
  throwsWith(() => m.forecastBatch(values, new Uint32Array([0, 5]), 'naive', 1), /last offset/);
  throwsWith(() => m.forecastBatch(values, offsets, 'naive', 0), /horizon/);
});

test('metrics', () => {
  const a = [1, 2, 4];
  const p = [2, 2, 1];
  assert.equal(m.mae(a, p), 4 / 3);
  assert.equal(m.mse(a, p), 10 / 3);
  assert.ok(Math.abs(m.rmse(a, p) - Math.sqrt(10 / 3)) < 1e-15);
  assert.ok(Math.abs(m.mape(a, p) - 175 / 3) < 1e-12);
  assert.ok(Math.abs(m.smape(a, p) - (100 * (2 / 3 + 6 / 5)) / 3) < 1e-12);
  assert.ok(Math.abs(m.mase(a, p, [1, 3, 2, 6], 1) - 4 / 7) < 1e-12);
  const all = m.evaluate(a, p, new Float64Array([1, 3, 2, 6]), 1);
  assert.ok(Math.abs(all.mase - 4 / 7) < 1e-12);
  assert.equal(m.evaluate([0, 1], [1, 1]).mape, null);
  throwsWith(() => m.mae([1, 2], [1]), /expected length 2, got 1/);
  throwsWith(() => m.mape([0], [1]), /index 0 is 0/);
  throwsWith(() => m.mase(a, p, [1, 3], 0), /'period'/);
});

test('crossValidate', () => {
  const r = m.crossValidate(seasonal, 'holtWinters', { horizon: 6, initial: 48, step: 6 }, { period: 6 });
  assert.equal(r.folds.length, 4);
  assert.deepEqual(r.folds.map((f) => f.origin), [48, 54, 60, 66]);
  assert.equal(r.folds[0].forecast.length, 6);
  assert.equal(typeof r.mean.mase, 'number');
  assert.equal(r.maeByHorizon.length, 6);
  const naive = m.crossValidate(seasonal, 'naive', { horizon: 6, initial: 48, step: 6 });
  assert.ok(r.mean.mae < naive.mean.mae, 'Holt-Winters beats naive on a seasonal series');
  throwsWith(() => m.crossValidate(seasonal, 'naive', { initial: 10 }), /missing field `horizon`/);
  throwsWith(() => m.crossValidate(seasonal, 'naive', { horizon: 0 }), /horizon/);
  throwsWith(() => m.crossValidate(seasonal, 'naive', undefined), /'cv'/);
});

console.log(`wasm API: ${passed} tests passed`);
