// The forecasting module through the installed package: forecasts of known series checked
// against values computed here, metrics, batches, cross-validation, bad input for every export,
// memory.
import assert from 'node:assert/strict';
import test from 'node:test';
import { checkTable, INIT_EXPORTS, memoryGrowth } from './bad_input.mjs';
import { subject } from './subject.mjs';

const { ns: fc, direct, own, label } = await subject('forecasting');
const { BatchForecast, ForecastModel } = fc;

const Y = [3, 5, 4, 6, 8, 7, 9, 11, 10, 12];
const SEASONAL = [10, 14, 8, 12, 11, 15, 9, 13, 12, 16, 10, 14];

const closeAll = (actual, expected, tolerance, what) => {
  assert.equal(actual.length, expected.length, `${what}: length`);
  expected.forEach((e, i) => {
    const a = actual[i];
    if (Number.isNaN(e)) assert.ok(Number.isNaN(a), `${what}[${i}]: ${a} is not NaN`);
    else assert.ok(Math.abs(a - e) <= tolerance * Math.max(1, Math.abs(e)), `${what}[${i}]: ${a}, expected ${e}`);
  });
};
const mean = (v) => v.reduce((s, x) => s + x, 0) / v.length;

test('forecasting: load() and the subpath export are the same instance', () => {
  for (const name of Object.keys(fc)) {
    if (!INIT_EXPORTS.includes(name)) assert.equal(direct[name], fc[name], name);
  }
  // A forecast through the subpath import.
  assert.deepEqual(Array.from(direct.fitPredict(Y, 'naive', 2)), [12, 12]);
});

test('forecasting: model kinds', () => {
  assert.deepEqual(fc.modelKinds(), ['naive', 'seasonalNaive', 'mean', 'drift', 'windowAverage', 'ses',
    'holt', 'holtWinters', 'ar', 'theta', 'dlinear', 'nlinear', 'mlp']);
  for (const kind of fc.modelKinds()) {
    const options = { seasonalNaive: { period: 4 }, holtWinters: { period: 4 }, windowAverage: { window: 3 } }[kind];
    const m = new ForecastModel(kind, options);
    assert.equal(m.kind, kind);
    assert.equal(m.isFitted, false);
    m.free();
  }
  assert.equal(new ForecastModel('Holt-Winters', { period: 2 }).kind, 'holtWinters');
});

test('forecasting: baselines', () => {
  const n = Y.length;
  closeAll(fc.fitPredict(Y, 'naive', 3), [12, 12, 12], 0, 'naive');
  closeAll(fc.fitPredict(SEASONAL, 'seasonalNaive', 6, { model: { period: 4 } }),
    [1, 2, 3, 4, 5, 6].map((h) => SEASONAL[SEASONAL.length - 4 + ((h - 1) % 4)]), 0, 'seasonalNaive');
  closeAll(fc.fitPredict(Y, 'mean', 2), [mean(Y), mean(Y)], 1e-12, 'mean');
  const slope = (Y[n - 1] - Y[0]) / (n - 1);
  closeAll(fc.fitPredict(Y, 'drift', 3), [1, 2, 3].map((h) => Y[n - 1] + h * slope), 1e-12, 'drift');
  closeAll(fc.fitPredict(Y, 'windowAverage', 2, { model: { window: 3 } }),
    [mean(Y.slice(-3)), mean(Y.slice(-3))], 1e-12, 'windowAverage');
  const naive = new ForecastModel('naive');
  naive.fit(new Float64Array(Y));
  assert.equal(naive.isFitted, true);
  closeAll(naive.fittedValues(), [NaN, ...Y.slice(0, -1)], 0, 'naive fitted values');
  closeAll(naive.residuals(), [NaN, ...Y.slice(1).map((y, t) => y - Y[t])], 0, 'naive residuals');
  const mse = mean(Y.slice(1).map((y, t) => (y - Y[t]) ** 2));
  assert.equal(naive.inSampleMse(), mse);
  assert.deepEqual(naive.params(), { kind: 'naive', nobs: n, mse });
  naive.free();
});

test('forecasting: exponential smoothing with given parameters follows the recursions', () => {
  // SES: l_t = a y_t + (1 - a) l_{t-1}; every forecast is l_n.
  const ses = new ForecastModel('ses');
  ses.fit(Y, { alpha: 0.3, initialization: 'known', initialLevel: 3 });
  let level = 3;
  const fitted = [];
  for (const y of Y) {
    fitted.push(level);
    level = 0.3 * y + 0.7 * level;
  }
  closeAll(ses.predict(3), [level, level, level], 1e-12, 'SES forecast');
  closeAll(ses.fittedValues(), fitted, 1e-12, 'SES fitted values');
  const p = ses.params();
  assert.equal(p.alpha, 0.3);
  assert.equal(p.initialLevel, 3);
  closeAll([p.sse], [Y.reduce((s, y, t) => s + (y - fitted[t]) ** 2, 0)], 1e-12, 'SES SSE');

  // Holt: l_t = a y_t + (1 - a)(l + b); b_t = B (l_t - l) + (1 - B) b; forecast l + h b.
  const holt = new ForecastModel('holt');
  holt.fit(Y, { alpha: 0.5, beta: 0.2, initialization: 'known', initialLevel: 2, initialTrend: 1 });
  let [l, b] = [2, 1];
  for (const y of Y) {
    const prev = l;
    l = 0.5 * y + 0.5 * (l + b);
    b = 0.2 * (l - prev) + 0.8 * b;
  }
  closeAll(holt.predict(3), [1, 2, 3].map((h) => l + h * b), 1e-12, 'Holt forecast');

  // Damped Holt: the trend is damped by phi each step.
  const damped = new ForecastModel('holt', { damped: true });
  damped.fit(Y, { alpha: 0.5, beta: 0.2, phi: 0.9, initialization: 'known', initialLevel: 2, initialTrend: 1 });
  [l, b] = [2, 1];
  for (const y of Y) {
    const prev = l;
    l = 0.5 * y + 0.5 * (l + 0.9 * b);
    b = 0.2 * (l - prev) + 0.8 * 0.9 * b;
  }
  const dampedSum = (h) => Array.from({ length: h }, (_, i) => 0.9 ** (i + 1)).reduce((s, x) => s + x, 0);
  closeAll(damped.predict(4), [1, 2, 3, 4].map((h) => l + dampedSum(h) * b), 1e-12, 'damped Holt forecast');

  // Additive Holt-Winters (statsmodels' recursions).
  const hw = new ForecastModel('holtWinters', { period: 4 });
  const [a, B, g] = [0.4, 0.1, 0.3];
  hw.fit(SEASONAL, { alpha: a, beta: B, gamma: g, initialization: 'known', initialLevel: 11, initialTrend: 0.2, initialSeasonal: [-1, 3, -3, 1] });
  [l, b] = [11, 0.2];
  const season = [-1, 3, -3, 1];
  SEASONAL.forEach((y, t) => {
    const [pl, pb, ps] = [l, b, season[t]];
    l = a * (y - ps) + (1 - a) * (pl + pb);
    b = B * (l - pl) + (1 - B) * pb;
    season.push(g * (y - pl - pb) + (1 - g) * ps);
  });
  const n = SEASONAL.length;
  closeAll(hw.predict(6), [1, 2, 3, 4, 5, 6].map((h) => l + h * b + season[n + ((h - 1) % 4)]), 1e-12, 'Holt-Winters forecast');
  assert.deepEqual(hw.params().initialSeasonal, [-1, 3, -3, 1]);

  // Fitted parameters lie in their bounds and beat the given ones on SSE.
  const fitted2 = new ForecastModel('ses');
  fitted2.fit(Y);
  const q = fitted2.params();
  assert.ok(q.alpha >= 0 && q.alpha <= 1);
  assert.ok(q.sse <= p.sse, `estimated SSE ${q.sse} vs given ${p.sse}`);
  for (const m of [ses, holt, damped, hw, fitted2]) m.free();
});

test('forecasting: AR(1) by least squares', () => {
  const series = [];
  let v = 2;
  for (let i = 0; i < 30; i++) {
    series.push(v);
    v = 0.5 + 0.8 * v + (i % 3 === 0 ? 0.1 : -0.05);
  }
  // Ordinary least squares of y_t on (1, y_{t-1}), computed here.
  const x = series.slice(0, -1);
  const y = series.slice(1);
  const [mx, my] = [mean(x), mean(y)];
  const phi = x.reduce((s, xi, i) => s + (xi - mx) * (y[i] - my), 0) / x.reduce((s, xi) => s + (xi - mx) ** 2, 0);
  const c = my - phi * mx;
  const model = new ForecastModel('ar', { lags: 1 });
  model.fit(series);
  const p = model.params();
  closeAll([p.intercept, ...p.coefficients], [c, phi], 1e-9, 'AR coefficients');
  let last = series.at(-1);
  const expected = [1, 2, 3].map(() => (last = c + phi * last));
  closeAll(model.predict(3), expected, 1e-9, 'AR forecast');
  closeAll(fc.fitPredict(series, 'ar', 3, { model: { lags: 1 } }), expected, 1e-9, 'fitPredict');
  model.free();
});

test('forecasting: Theta, linear and MLP forecasters', () => {
  // Theta(2): b0 is the OLS slope, and forecast - b0/2 (h - 1 + 1/a - (1-a)^n / a) is the flat SES forecast.
  const theta = new ForecastModel('theta', { deseasonalize: false });
  theta.fit(Y);
  const p = theta.params();
  const t = Y.map((_, i) => i);
  const slope = t.reduce((s, ti, i) => s + (ti - mean(t)) * (Y[i] - mean(Y)), 0) / t.reduce((s, ti) => s + (ti - mean(t)) ** 2, 0);
  closeAll([p.b0], [slope], 1e-9, 'theta b0');
  assert.equal(p.theta, 2);
  const f = theta.predict(4);
  const a = p.alpha;
  const flat = Array.from(f, (v, i) => v - 0.5 * p.b0 * (i + 1 - 1 + 1 / a - (1 - a) ** Y.length / a));
  closeAll(flat, flat.map(() => flat[0]), 1e-9, 'the SES part of the theta forecast');
  theta.free();

  // A straight line: NLinear extrapolates it exactly, DLinear closely.
  const line = Array.from({ length: 60 }, (_, i) => 2 * i + 1);
  const next = [121, 123, 125];
  closeAll(fc.fitPredict(line, 'nlinear', 3, { model: { lookback: 8 } }), next, 1e-6, 'nlinear');
  closeAll(fc.fitPredict(line, 'dlinear', 3, { model: { lookback: 8, kernel: 5 } }), next, 1e-3, 'dlinear');

  // A sine wave: the MLP (built on the neural module) learns it.
  const sine = Array.from({ length: 120 }, (_, i) => Math.sin((2 * Math.PI * i) / 12));
  const mlp = new ForecastModel('mlp', { lookback: 12, hidden: [8] });
  mlp.fit(sine, { seed: 1 });
  const forecast = mlp.predict(4);
  [0, 1, 2, 3].forEach((h) => assert.ok(Math.abs(forecast[h] - Math.sin((2 * Math.PI * (120 + h)) / 12)) < 0.05, `mlp step ${h}: ${forecast[h]}`));
  assert.ok(mlp.params().trainMse < 1e-3);
  mlp.free();
});

test('forecasting: metrics computed here', () => {
  const actual = [3, -2, 5, 4];
  const predicted = [2.5, -1, 5, 6];
  const insample = [1, 4, 2, 7, 3];
  const err = actual.map((a, i) => a - predicted[i]);
  const mae = mean(err.map(Math.abs));
  const mse = mean(err.map((e) => e * e));
  const mape = 100 * mean(err.map((e, i) => Math.abs(e / actual[i])));
  const smape = 100 * mean(err.map((e, i) => (2 * Math.abs(e)) / (Math.abs(actual[i]) + Math.abs(predicted[i]))));
  const scale = mean(insample.slice(1).map((v, i) => Math.abs(v - insample[i])));
  const scale2 = mean(insample.slice(2).map((v, i) => Math.abs(v - insample[i])));
  closeAll([fc.mae(actual, predicted)], [mae], 1e-12, 'mae');
  closeAll([fc.mse(actual, predicted)], [mse], 1e-12, 'mse');
  closeAll([fc.rmse(new Float64Array(actual), new Float64Array(predicted))], [Math.sqrt(mse)], 1e-12, 'rmse');
  closeAll([fc.mape(actual, predicted)], [mape], 1e-12, 'mape');
  closeAll([fc.smape(actual, predicted)], [smape], 1e-12, 'smape');
  closeAll([fc.mase(actual, predicted, insample, 1)], [mae / scale], 1e-12, 'mase');
  closeAll([fc.mase(actual, predicted, insample, 2)], [mae / scale2], 1e-12, 'seasonal mase');
  const all = fc.evaluate(actual, predicted, insample, 2);
  closeAll([all.mae, all.mse, all.rmse, all.mape, all.smape, all.mase],
    [mae, mse, Math.sqrt(mse), mape, smape, mae / scale2], 1e-12, 'evaluate');
  const partial = fc.evaluate([0, 1], [1, 1]);
  assert.equal(partial.mape, null, 'MAPE is undefined with a zero actual value');
  assert.equal(partial.mase, null, 'MASE needs the training series');
  assert.equal(partial.mae, 0.5);
});

test('forecasting: forecastBatch matches one fit per series and reports failures', () => {
  const series = [[1, 2, 3, 5, 4], [5, 5, 6, 5, 7, 8], [7]];
  const offsets = [0];
  for (const s of series) offsets.push(offsets.at(-1) + s.length);
  const options = { fit: { alpha: 0.5, beta: 0.3 } };
  const batch = fc.forecastBatch(series.flat(), new Uint32Array(offsets), 'holt', 3, { ...options, includeParams: true });
  assert.ok(batch instanceof BatchForecast);
  assert.equal(batch.count, 3);
  assert.equal(batch.horizon, 3);
  assert.equal(batch.failureCount, 1);
  const failures = batch.failures();
  assert.equal(failures.length, 1);
  assert.equal(failures[0].index, 2);
  assert.match(failures[0].message, /too short/);
  for (const i of [0, 1]) {
    const single = fc.fitPredict(series[i], 'holt', 3, options);
    closeAll(batch.forecast(i), Array.from(single), 1e-12, `series ${i}`);
    closeAll(batch.forecasts().subarray(3 * i, 3 * i + 3), Array.from(single), 1e-12, `row ${i}`);
    const m = new ForecastModel('holt');
    m.fit(series[i], options.fit);
    closeAll([batch.inSampleMse()[i]], [m.inSampleMse()], 1e-12, `in-sample MSE ${i}`);
    assert.deepEqual(batch.params()[i], m.params());
    m.free();
  }
  closeAll(batch.forecast(2), [NaN, NaN, NaN], 0, 'the failed series');
  assert.equal(batch.params()[2], null);
  batch.free();
  // A non-finite value fails its series only.
  const withNaN = fc.forecastBatch([1, 2, 3, 1, NaN, 3], [0, 3, 6], 'naive', 1);
  assert.deepEqual(withNaN.failures().map((f) => f.index), [1]);
  assert.match(withNaN.failures()[0].message, /finite/);
  assert.deepEqual(Array.from(withNaN.forecast(0)), [3]);
  withNaN.free();
  const plain = fc.forecastBatch([1, 2, 3, 4], [0, 2, 4], 'naive', 2);
  assert.equal(plain.params(), null, 'no params unless includeParams');
  assert.deepEqual(Array.from(plain.forecasts()), [2, 2, 4, 4]);
  plain.free();
});

test('forecasting: crossValidate computes every fold', () => {
  const result = fc.crossValidate(Y, 'naive', { horizon: 2, initial: 6 });
  assert.deepEqual(result.folds.map((f) => f.origin), [6, 7, 8]);
  for (const fold of result.folds) {
    assert.equal(fold.trainSize, fold.origin);
    assert.deepEqual(fold.forecast, [Y[fold.origin - 1], Y[fold.origin - 1]]);
    assert.deepEqual(fold.actual, Y.slice(fold.origin, fold.origin + 2));
    closeAll([fold.metrics.mae], [mean(fold.actual.map((a) => Math.abs(a - Y[fold.origin - 1])))], 1e-12, 'fold mae');
  }
  closeAll([result.mean.mae], [mean(result.folds.map((f) => f.metrics.mae))], 1e-12, 'mean mae');
  closeAll(result.maeByHorizon, [0, 1].map((h) => mean(result.folds.map((f) => Math.abs(f.actual[h] - f.forecast[h])))), 1e-12, 'maeByHorizon');
  const sliding = fc.crossValidate(Y, 'mean', { horizon: 1, initial: 4, window: 'sliding', maxFolds: 2 });
  assert.deepEqual(sliding.folds.map((f) => f.origin), [8, 9]);
  for (const fold of sliding.folds) {
    assert.equal(fold.trainSize, 4);
    closeAll(fold.forecast, [mean(Y.slice(fold.origin - 4, fold.origin))], 1e-12, 'sliding fold');
  }
});

// ----------------------------------------------------------------------------------------------
// Bad input
// ----------------------------------------------------------------------------------------------

const sanity = () => {
  assert.equal(fc.mae([1, 2], [2, 4]), 1.5);
  assert.deepEqual(Array.from(fc.fitPredict([1, 2, 3], 'naive', 2)), [3, 3]);
  const m = new ForecastModel('drift');
  m.fit([1, 2, 3]);
  assert.deepEqual(Array.from(m.predict(2)), [4, 5]);
  m.free();
};

const model = new ForecastModel('ses');
model.fit(Y);
const unfitted = new ForecastModel('naive');
const freedModel = new ForecastModel('naive');
freedModel.free();
const batch = fc.forecastBatch([1, 2, 3, 4], [0, 2, 4], 'naive', 2);
const freedBatch = fc.forecastBatch([1, 2], [0, 2], 'naive', 1);
freedBatch.free();
const foreign = (cls, name) => () => Reflect.apply(Object.getOwnPropertyDescriptor(cls.prototype, name).get, {}, []);
const freed = (label, call) => [`${label} on a freed object`, call, /null pointer/];

const metricCases = (name) => [
  ['different lengths', () => fc[name]([1, 2], [1]), /length/],
  ['empty series', () => fc[name]([], [])],
  ['a NaN actual value', () => fc[name]([NaN], [1]), /finite/],
  ['an infinite prediction', () => fc[name]([1], [Infinity]), /finite/],
  ['a string', () => fc[name]('ab', [1, 2]), /finite/],
  ['null', () => fc[name](null, [1])],
];

const table = {
  modelKinds: { noInput: 'takes no arguments', call: () => fc.modelKinds('ar'), check: (v) => assert.equal(v.length, 13) },
  version: { noInput: 'takes no arguments', call: () => fc.version({}), check: (v) => assert.match(v, /^\d+\.\d+\.\d+/) },
  memoryUsage: { noInput: 'takes no arguments', call: () => fc.memoryUsage(1), check: (v) => assert.ok(v >= 65536) },
  simdEnabled: { noInput: 'takes no arguments', call: () => fc.simdEnabled(null), check: (v) => assert.equal(v, true) },
  mae: { bad: metricCases('mae') },
  mse: { bad: metricCases('mse') },
  rmse: { bad: metricCases('rmse') },
  smape: { bad: metricCases('smape') },
  mape: { bad: [...metricCases('mape'), ['a zero actual value', () => fc.mape([0, 1], [1, 1]), /0|zero/]] },
  mase: { bad: [
    ['different lengths', () => fc.mase([1, 2], [1], [1, 2, 3], 1), /length/],
    ['a NaN actual value', () => fc.mase([NaN], [1], [1, 2, 3], 1), /finite/],
    ['a too-short training series', () => fc.mase([1], [1], [1], 1), /too short/],
    ['a constant training series', () => fc.mase([1], [2], [5, 5, 5], 1)],
    ['period 0', () => fc.mase([1], [1], [1, 2, 3], 0), /period/],
    ['a NaN period', () => fc.mase([1], [1], [1, 2, 3], NaN), /period/],
    ['a fractional period', () => fc.mase([1], [1], [1, 2, 3], 1.5), /period/],
    ['a NaN training value', () => fc.mase([1], [1], [1, NaN, 3], 1), /finite/],
  ] },
  evaluate: { bad: [
    ['different lengths', () => fc.evaluate([1, 2], [1]), /length/],
    ['a NaN prediction', () => fc.evaluate([1], [NaN]), /finite/],
    ['a NaN period', () => fc.evaluate([1], [1], [1, 2, 3], NaN), /period/],
    ['a training series that is a string', () => fc.evaluate([1], [1], 'x'), /finite/],
    ['a too-short training series', () => fc.evaluate([1], [1], [1]), /too short/],
    ['empty series', () => fc.evaluate([], [])],
  ] },
  fitPredict: { bad: [
    ['an unknown kind', () => fc.fitPredict(Y, 'arima', 2), /unknown model kind/],
    ['a numeric kind', () => fc.fitPredict(Y, 3, 2), /kind must be a string/],
    ['an undefined kind', () => fc.fitPredict(Y, undefined, 2), /kind must be a string/],
    ['horizon 0', () => fc.fitPredict(Y, 'naive', 0), /horizon/],
    ['a NaN horizon', () => fc.fitPredict(Y, 'naive', NaN), /horizon/],
    ['a fractional horizon', () => fc.fitPredict(Y, 'naive', 1.5), /horizon/],
    ['a huge horizon', () => fc.fitPredict(Y, 'naive', 1e9), /horizon/],
    ['a NaN value', () => fc.fitPredict([1, NaN, 3], 'naive', 1), /finite/],
    ['an empty series', () => fc.fitPredict([], 'naive', 1), /empty/],
    ['a series too short for the model', () => fc.fitPredict([1, 2], 'holtWinters', 1, { model: { period: 4 } }), /too short/],
    ['an option of another model', () => fc.fitPredict(Y, 'naive', 1, { model: { period: 4 } }), /period/],
    ['an unknown option', () => fc.fitPredict(Y, 'naive', 1, { modle: {} }), /unknown field `modle`/],
    ['an unknown fit option', () => fc.fitPredict(Y, 'ses', 1, { fit: { alfa: 0.5 } }), /unknown field `alfa`/],
    ['alpha above 1', () => fc.fitPredict(Y, 'ses', 1, { fit: { alpha: 1.5 } }), /alpha/],
    ['includeParams', () => fc.fitPredict(Y, 'naive', 1, { includeParams: true }), /includeParams/],
    ['options as a string', () => fc.fitPredict(Y, 'naive', 1, 'fast')],
    ['lags too large for the series', () => fc.fitPredict(Y, 'ar', 1, { model: { lags: 1e9 } }), /too short/],
    ['an MLP with too many weights', () => fc.fitPredict(Y, 'mlp', 1, { model: { lookback: 2, hidden: [1e6, 1e6] } }), /hidden/],
  ] },
  forecastBatch: { bad: [
    ['offsets past the end', () => fc.forecastBatch([1, 2], [0, 5], 'naive', 1), /offsets/],
    ['decreasing offsets', () => fc.forecastBatch([1, 2, 3], [0, 2, 1, 3], 'naive', 1), /offsets/],
    ['a NaN offset', () => fc.forecastBatch([1, 2], [0, NaN, 2], 'naive', 1), /offsets/],
    ['a negative offset', () => fc.forecastBatch([1, 2], [0, -1, 2], 'naive', 1), /offsets/],
    ['a fractional offset', () => fc.forecastBatch([1, 2], [0, 1.5, 2], 'naive', 1), /offsets/],
    ['offsets as a string', () => fc.forecastBatch([1, 2], '02', 'naive', 1), /offsets/],
    ['no offsets', () => fc.forecastBatch([1, 2], [], 'naive', 1), /offsets/],
    ['an unknown kind', () => fc.forecastBatch([1, 2], [0, 2], 'prophet', 1), /unknown model kind/],
    ['a kind that is not a string', () => fc.forecastBatch([1, 2], [0, 2], {}, 1), /kind must be a string/],
    ['horizon -1', () => fc.forecastBatch([1, 2], [0, 2], 'naive', -1), /horizon/],
    ['values as null', () => fc.forecastBatch(null, [0, 2], 'naive', 1)],
    ['an unknown option', () => fc.forecastBatch([1, 2], [0, 2], 'naive', 1, { include: true }), /unknown field `include`/],
  ] },
  crossValidate: { bad: [
    ['no cv options', () => fc.crossValidate(Y, 'naive'), /cv|horizon/],
    ['horizon 0', () => fc.crossValidate(Y, 'naive', { horizon: 0 }), /horizon/],
    ['a huge horizon', () => fc.crossValidate(Y, 'naive', { horizon: 1e9 }), /horizon/],
    ['maxFolds 0', () => fc.crossValidate(Y, 'naive', { horizon: 1, maxFolds: 0 }), /maxFolds/],
    ['an unknown window', () => fc.crossValidate(Y, 'naive', { horizon: 1, window: 'rolling' }), /rolling/],
    ['an unknown cv option', () => fc.crossValidate(Y, 'naive', { horizon: 1, folds: 3 }), /unknown field `folds`/],
    ['an unknown kind', () => fc.crossValidate(Y, 'lstm', { horizon: 1 }), /unknown model kind/],
    ['a kind that is not a string', () => fc.crossValidate(Y, null, { horizon: 1 }), /kind must be a string/],
    ['a bad model option', () => fc.crossValidate(Y, 'windowAverage', { horizon: 1 }, { window: 0 }), /window/],
    ['a bad fit option', () => fc.crossValidate(Y, 'ses', { horizon: 1 }, null, { alpha: -1 }), /alpha/],
    ['a NaN value', () => fc.crossValidate([1, 2, NaN, 4], 'naive', { horizon: 1 }), /finite/],
    ['a series too short for one fold', () => fc.crossValidate([1, 2], 'naive', { horizon: 5 })],
  ] },

  ForecastModel: { bad: [
    ['an unknown kind', () => new ForecastModel('arima'), /unknown model kind 'arima'/],
    ['a numeric kind', () => new ForecastModel(42), /kind must be a string/],
    ['no kind', () => new ForecastModel(), /kind must be a string/],
    ['an option of another kind', () => new ForecastModel('naive', { window: 3 }), /window/],
    ['an unknown option', () => new ForecastModel('ses', { damp: true }), /unknown field `damp`/],
    ['seasonalNaive without a period', () => new ForecastModel('seasonalNaive'), /period/],
    ['a negative period', () => new ForecastModel('seasonalNaive', { period: -2 })],
    ['a fractional window', () => new ForecastModel('windowAverage', { window: 2.5 })],
    ['an even dlinear kernel', () => new ForecastModel('dlinear', { kernel: 4 }), /kernel/],
    ['a lookback of 0', () => new ForecastModel('dlinear', { lookback: 0 }), /lookback/],
    ['a fractional lookback', () => new ForecastModel('mlp', { lookback: 2.5 }), /lookback/],
    ['options as a number', () => new ForecastModel('naive', 5)],
  ] },
  'ForecastModel#kind': { bad: [freed('kind', () => freedModel.kind), ['on a foreign object', foreign(ForecastModel, 'kind')]] },
  'ForecastModel#isFitted': { bad: [freed('isFitted', () => freedModel.isFitted), ['on a foreign object', foreign(ForecastModel, 'isFitted')]] },
  'ForecastModel#fit': { bad: [
    ['a NaN value', () => model.fit([1, NaN, 3]), /finite/],
    ['an empty series', () => model.fit([]), /empty/],
    ['a number', () => model.fit(42), /empty/],
    ['null', () => model.fit(null)],
    ['alpha above 1', () => model.fit(Y, { alpha: 2 }), /alpha/],
    ['an option of another kind', () => model.fit(Y, { gamma: 0.5 }), /gamma/],
    ['an unknown option', () => model.fit(Y, { alpa: 0.5 }), /unknown field `alpa`/],
    ['known initialization without a level', () => model.fit(Y, { initialization: 'known' }), /initial/],
    ['an unknown initialization', () => model.fit(Y, { initialization: 'guess' }), /guess/],
    freed('fit', () => freedModel.fit(Y)),
  ] },
  'ForecastModel#predict': { bad: [
    ['an unfitted model', () => unfitted.predict(2), /fit/],
    ['horizon 0', () => model.predict(0), /horizon/],
    ['a NaN horizon', () => model.predict(NaN), /horizon/],
    ['a string horizon', () => model.predict('two'), /horizon/],
    ['a horizon above the limit', () => model.predict(1e7), /horizon/],
    freed('predict', () => freedModel.predict(1)),
  ] },
  'ForecastModel#params': { bad: [['an unfitted model', () => unfitted.params(), /fit/], freed('params', () => freedModel.params())] },
  'ForecastModel#residuals': { bad: [['an unfitted model', () => unfitted.residuals(), /fit/], freed('residuals', () => freedModel.residuals())] },
  'ForecastModel#fittedValues': { bad: [['an unfitted model', () => unfitted.fittedValues(), /fit/], freed('fittedValues', () => freedModel.fittedValues())] },
  'ForecastModel#inSampleMse': { bad: [['an unfitted model', () => unfitted.inSampleMse(), /fit/], freed('inSampleMse', () => freedModel.inSampleMse())] },
  'ForecastModel#free': { bad: [freed('free', () => freedModel.free())] },
  'ForecastModel#[Symbol.dispose]': { bad: [freed('dispose', () => freedModel[Symbol.dispose]())] },

  // wasm-bindgen emits no constructor for a class without one in Rust: `new BatchForecast()`
  // makes an empty shell (the .d.ts declares the constructor private); using it throws.
  BatchForecast: { bad: [
    ['a shell made with new', () => new BatchForecast().forecasts(), /null pointer/],
    ['a shell made with new, count', () => new BatchForecast().count, /null pointer/],
  ] },
  'BatchForecast#count': { bad: [freed('count', () => freedBatch.count), ['on a foreign object', foreign(BatchForecast, 'count')]] },
  'BatchForecast#horizon': { bad: [freed('horizon', () => freedBatch.horizon), ['on a foreign object', foreign(BatchForecast, 'horizon')]] },
  'BatchForecast#failureCount': { bad: [freed('failureCount', () => freedBatch.failureCount), ['on a foreign object', foreign(BatchForecast, 'failureCount')]] },
  'BatchForecast#forecasts': { bad: [freed('forecasts', () => freedBatch.forecasts())] },
  'BatchForecast#forecast': { bad: [
    ['an index past the end', () => batch.forecast(2), /index/],
    ['-1', () => batch.forecast(-1), /index/],
    ['NaN', () => batch.forecast(NaN), /index/],
    ['0.5', () => batch.forecast(0.5), /index/],
    ['a string', () => batch.forecast('first'), /index/],
    freed('forecast', () => freedBatch.forecast(0)),
  ] },
  'BatchForecast#inSampleMse': { bad: [freed('inSampleMse', () => freedBatch.inSampleMse())] },
  'BatchForecast#failures': { bad: [freed('failures', () => freedBatch.failures())] },
  'BatchForecast#params': { bad: [freed('params', () => freedBatch.params())] },
  'BatchForecast#free': { bad: [freed('free', () => freedBatch.free())] },
  'BatchForecast#[Symbol.dispose]': { bad: [freed('dispose', () => freedBatch[Symbol.dispose]())] },
};

checkTable(test, label, fc, table, sanity, own);

test('forecasting: a failed fit leaves the model unfitted; a refit works', () => {
  const m = new ForecastModel('ses');
  m.fit(Y, { alpha: 0.3, initialization: 'known', initialLevel: 3 });
  const before = Array.from(m.predict(2));
  for (const bad of [() => m.fit([1, NaN]), () => m.fit(Y, { alpha: 7 })]) {
    assert.throws(bad);
    assert.equal(m.isFitted, false);
    assert.throws(() => m.predict(2), /fit/);
    m.fit(Y, { alpha: 0.3, initialization: 'known', initialLevel: 3 });
    assert.deepEqual(Array.from(m.predict(2)), before);
  }
  m.free();
});

test('forecasting: size limits of the linear models are checked when fitting', () => {
  // The constructor accepts the structure; fit() rejects a lookback above the limit.
  const m = new ForecastModel('dlinear', { lookback: 1e9 });
  assert.throws(() => m.fit(Y), (e) => e instanceof Error && /lookback/.test(e.message));
  assert.equal(m.isFitted, false);
  m.free();
});

test('forecasting: memory grows by less than 1 MB over 1000 create/use/free cycles', () => {
  const series = Array.from({ length: 48 }, (_, i) => 10 + Math.sin(i / 2) + i / 10);
  const growth = memoryGrowth(fc, (i) => {
    const m = new ForecastModel(i % 2 ? 'holt' : 'ar', i % 2 ? null : { lags: 2 });
    m.fit(series, i % 2 ? { alpha: 0.5, beta: 0.1 } : null);
    m.predict(12);
    m.params();
    m.residuals();
    const b = fc.forecastBatch(series, [0, 24, 48], 'naive', 3, { includeParams: true });
    b.forecasts();
    b.params();
    fc.evaluate(series.slice(0, 5), series.slice(5, 10), series.slice(10), 1);
    fc.fitPredict(series, 'drift', 4);
    try { m.fit([NaN]); } catch { /* the error path too */ }
    m.free();
    b.free();
  });
  assert.ok(growth < 1024 * 1024, `grew by ${growth} bytes`);
});
