// The forecasting module's scenario: run in every engine on every build by the package's engine
// tests (npm/tests/browser/scenarios.mjs), which require bit-identical results everywhere. No
// imports: `helpers` holds the suite's deterministic inputs (rng, floats, series), made with
// exact arithmetic so every engine sees the same bits.

/** Exercises the module's API; returns plain data (compared across engines and builds). */
export function scenario(fc, { series }) {
  const y = series(3, 96);
  const out = { kinds: fc.modelKinds() };
  const options = {
    seasonalNaive: { period: 12 }, windowAverage: { window: 6 }, holtWinters: { period: 12 },
    theta: { period: 12 }, ar: { lags: 3 }, dlinear: { lookback: 24, kernel: 5 }, nlinear: { lookback: 24 },
    mlp: { lookback: 12, hidden: [8] },
  };
  const fitOptions = { mlp: { epochs: 30, seed: 5 } };
  out.forecasts = {};
  for (const kind of fc.modelKinds()) {
    const model = new fc.ForecastModel(kind, options[kind]);
    model.fit(y, fitOptions[kind]);
    out.forecasts[kind] = { predict: model.predict(6), mse: model.inSampleMse(), params: model.params() };
    model.free();
  }
  const many = Array.from({ length: 12 }, (_, k) => series(k, 60));
  const values = new Float64Array(many.reduce((n, s) => n + s.length, 0));
  const offsets = new Uint32Array(many.length + 1);
  many.forEach((s, k) => { values.set(s, offsets[k]); offsets[k + 1] = offsets[k] + s.length; });
  const batch = fc.forecastBatch(values, offsets, 'holtWinters', 4, { model: { period: 12 } });
  out.batch = { forecasts: batch.forecasts(), mse: batch.inSampleMse(), failures: batch.failures() };
  batch.free();
  out.cv = fc.crossValidate(y, 'holt', { initial: 60, horizon: 6, step: 12 });
  out.metrics = fc.evaluate(y.subarray(84), fc.fitPredict(y.subarray(0, 84), 'ses', 12), y.subarray(0, 84), 12);
  return out;
}

/** One create/use/free cycle, run 1000 times by the suite: the wasm memory must grow < 1 MB. */
export function memoryCycle(fc, i, { series }) {
  const model = new fc.ForecastModel('holt');
  model.fit(series(i % 5, 30), { alpha: 0.5, beta: 0.25 });
  model.predict(3);
  model.free();
}
