// The statsmodels reference grid (testdata/reference.txt, written by testdata/make_reference.py)
// against the `forecasting` wasm module, through its JavaScript API: the same cases and the same
// tolerances as the native tests/statsmodels_reference.rs.
//
//   node crates/forecasting/tests/reference_grid.mjs <glue .js> <module .wasm> [--build=<build>] <reference.txt>
//
// * Nothing estimated (fixed smoothing parameters with known or heuristic initial states, AR,
//   Theta with statsmodels' alpha): fitted values, forecasts, SSE and information criteria
//   within 1e-9 relative of statsmodels'.
// * Something estimated: our SSE at most statsmodels' x 1.0001 (or zero to rounding where
//   statsmodels fits exactly), and the same smoothing parameters (within 1e-3) where both fits
//   reach the same minimum.
// * Series statsmodels refuses as too short for an initialisation are refused here too.
//
// Holt-Winters forecasts at h = k m come from statsmodels' state-space ETSModel (the newest
// seasonal factor, as the textbook and the crate; statsmodels 0.15's holtwinters reads the one of
// a season earlier there, issue #9538), never from a formula of ours (see the native test).
// Prints the worst deviation per model family; exits non-zero listing every failed check.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

// wasm_module_test passes the build's name (--build=...) after the two paths; the grid is the same
// for every build.
const [jsPath, wasmPath, referencePath, ...extra] = process.argv.slice(2).filter((a) => !a.startsWith('--build='));
if (!jsPath || !wasmPath || !referencePath || extra.length > 0) {
  console.error('usage: node reference_grid.mjs <glue .js> <module .wasm> <reference.txt>');
  process.exit(2);
}
const m = await import(pathToFileURL(path.resolve(jsPath)).href);
await m.default({ module_or_path: fs.readFileSync(wasmPath) });

const EXACT_TOL = 1e-9;
const SSE_RATIO = 1.0001;
const SAME_MINIMUM = 1e-6;
const PARAM_TOL = 1e-3;

/** A number as Python's `repr` writes it (`inf`, `-inf` and `nan` included). */
function toNumber(token) {
  const special = { inf: Infinity, '-inf': -Infinity, nan: NaN };
  return token in special ? special[token] : Number(token);
}

/** Parses the reference file: series, cases (attribute -> tokens) and refused grid cases. */
function parseReference(text) {
  const series = new Map();
  const cases = [];
  const skipped = [];
  let current = null;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const [key, ...tokens] = line.split(/\s+/);
    if (key === 'series' && current === null) {
      const values = Float64Array.from(tokens.slice(2), toNumber);
      if (values.length !== Number(tokens[1])) throw new Error(`series ${tokens[0]}: length`);
      series.set(tokens[0], values);
    } else if (key === 'skipped' && current === null) {
      const [id, name, trend, damped, seasonal, period, initialization, ...reason] = tokens;
      skipped.push({
        id, series: name, trend, damped: damped === '1', seasonal, period: Number(period),
        initialization, reason: reason.join(' '),
      });
    } else if (key === 'case') {
      current = { id: tokens[0], attrs: new Map() };
    } else if (key === 'end') {
      cases.push(current);
      current = null;
    } else {
      if (current === null) throw new Error(`attribute ${key} outside a case`);
      current.attrs.set(key, tokens);
    }
  }
  return { series, cases, skipped };
}

const { series, cases, skipped } = parseReference(fs.readFileSync(referencePath, 'utf8'));
const s = (c, key) => {
  const v = c.attrs.get(key);
  if (!v || v.length === 0) throw new Error(`case ${c.id}: missing attribute ${key}`);
  return v[0];
};
const num = (c, key) => toNumber(s(c, key));
const vec = (c, key) => c.attrs.get(key).map(toNumber);
const has = (c, key) => c.attrs.has(key);

const failures = [];
/** Largest |a - b| / max(|b|, 1) over the arrays (relative for these series' magnitudes). */
function maxRel(ours, theirs) {
  if (ours.length !== theirs.length) return Infinity;
  let worst = 0;
  for (let i = 0; i < ours.length; i++) {
    const d = Math.abs(ours[i] - theirs[i]) / Math.max(Math.abs(theirs[i]), 1);
    worst = Math.max(worst, Number.isNaN(d) ? Infinity : d);
  }
  return worst;
}
function close(id, what, ours, theirs, tol) {
  const d = maxRel(Array.from(ours), Array.from(theirs));
  if (d > tol) failures.push(`${id}: ${what} differs from statsmodels by ${d} (relative)`);
  return d;
}
function check(ok, message) {
  if (!ok) failures.push(message());
}

/** Per-family worst deviations for the printed summary. */
const stats = new Map();
function family(name) {
  if (!stats.has(name)) {
    stats.set(name, {
      exact: 0, worstFitted: 0, worstForecast: 0, kperiod: 0, worstKperiod: 0, holtwintersGap: 0,
      sse: 0, maxRatio: -Infinity,
      minRatio: Infinity, params: 0, worstParam: 0,
    });
  }
  return stats.get(name);
}
function etsFamily(trend, damped, seasonal) {
  if (seasonal === 'none') return trend ? (damped ? 'Holt damped' : 'Holt') : 'SES';
  const t = !trend ? 'no trend' : damped ? 'damped trend' : 'additive trend';
  return `Holt-Winters ${seasonal === 'add' ? 'additive' : 'multiplicative'}, ${t}`;
}

/** An SSE this small is an exact fit (R^2 within 1e-9 of 1), where ratios mean nothing. */
function exactFitSse(y) {
  const mean = y.reduce((a, v) => a + v, 0) / y.length;
  return 1e-9 * y.reduce((a, v) => a + (v - mean) ** 2, 0);
}

/** Whether a fitted case's minimum can be unique: n - 1 predictions (the first depends only on
 * the initial states) must pin down the free parameters. */
function identifiable(c, n) {
  const trend = s(c, 'trend') === 'add';
  const m = num(c, 'period');
  let free = 1 + Number(trend) + Number(m > 0) + Number(s(c, 'damped') === '1');
  if (s(c, 'initialization') === 'estimated') free += 1 + Number(trend) + m;
  return n > free + 1;
}

/** The module's model and fit options for an exponential smoothing case. */
function etsOptions(c) {
  const trend = s(c, 'trend') === 'add';
  const damped = s(c, 'damped') === '1';
  const seasonal = s(c, 'seasonal');
  const kind = s(c, 'model');
  let model = {};
  if (kind === 'holt') model = { damped };
  if (kind === 'holtWinters') {
    model = {
      period: num(c, 'period'),
      seasonal: seasonal === 'add' ? 'additive' : 'multiplicative',
      trend,
      damped,
    };
  }
  const fit = { initialization: s(c, 'initialization') };
  if (s(c, 'params') === 'fixed') {
    for (const key of ['alpha', 'beta', 'gamma', 'phi']) {
      if (has(c, key)) fit[key] = num(c, key);
    }
  }
  if (fit.initialization === 'known') {
    fit.initialLevel = num(c, 'initial_level');
    if (has(c, 'initial_trend')) fit.initialTrend = num(c, 'initial_trend');
    if (has(c, 'initial_seasonal')) fit.initialSeasonal = vec(c, 'initial_seasonal');
  }
  return { kind, model, fit, trend, damped, seasonal };
}

let etsCount = 0;
for (const c of cases.filter((c) => s(c, 'kind') === 'ets')) {
  etsCount++;
  const id = c.id;
  const y = series.get(s(c, 'series'));
  const { kind, model: modelOptions, fit: fitOptions, trend, damped, seasonal } = etsOptions(c);
  const st = family(etsFamily(trend, damped, seasonal));
  const model = new m.ForecastModel(kind, modelOptions);
  try {
    model.fit(y, fitOptions);
  } catch (e) {
    failures.push(`${id}: ${e.message}`);
    model.free();
    continue;
  }
  const h = num(c, 'horizon');
  const fc = model.predict(h);
  const p = model.params();
  const smSse = num(c, 'sse');
  if (s(c, 'compare') === 'exact') {
    st.exact++;
    st.worstFitted = Math.max(st.worstFitted, close(id, 'fitted', model.fittedValues(), vec(c, 'fitted'), EXACT_TOL));
    const reference = vec(c, 'forecast');
    st.worstForecast = Math.max(st.worstForecast, close(id, 'forecast', fc, reference, EXACT_TOL));
    if (seasonal !== 'none') {
      // The h = k m values: ETSModel's (the witness case: the seasonal naive forecast, the data).
      const source = s(c, 'forecast_kperiod_source');
      const peer = source === 'ets_model' || source === 'ets_model_final_states';
      check(peer || (id === 'witness_seasonal_naive' && source === 'seasonal_naive'),
        () => `${id}: the h = k m forecasts come from \`${source}\`, not from ETSModel`);
      if (peer) {
        const period = num(c, 'period');
        const everySeason = (v) => Array.from(v).filter((_, k) => (k + 1) % period === 0);
        const theirs = everySeason(reference);
        st.kperiod++;
        st.worstKperiod = Math.max(st.worstKperiod, maxRel(everySeason(fc), theirs));
        st.holtwintersGap = Math.max(st.holtwintersGap, maxRel(vec(c, 'sm_forecast_kperiod'), theirs));
      }
    }
    close(id, 'sse', [p.sse], [smSse], EXACT_TOL);
    close(id, 'aic', [p.aic], [num(c, 'aic')], EXACT_TOL);
    close(id, 'bic', [p.bic], [num(c, 'bic')], EXACT_TOL);
    const aicc = num(c, 'aicc');
    if (Number.isFinite(aicc)) close(id, 'aicc', [p.aicc], [aicc], EXACT_TOL);
    else check(p.aicc === aicc, () => `${id}: aicc ${p.aicc}, statsmodels ${aicc}`);
  } else {
    let own = 0;
    const fitted = model.fittedValues();
    for (let i = 0; i < y.length; i++) own += (y[i] - fitted[i]) ** 2;
    close(id, 'own sse', [p.sse], [own], 1e-12);
    const exactFit = exactFitSse(y);
    const ratio = Math.max(p.sse, exactFit) / Math.max(smSse, exactFit);
    st.sse++;
    st.maxRatio = Math.max(st.maxRatio, ratio);
    st.minRatio = Math.min(st.minRatio, ratio);
    check(p.sse <= smSse * SSE_RATIO + exactFit,
      () => `${id}: our in-sample SSE ${p.sse} is above statsmodels' ${smSse} x ${SSE_RATIO}`);
    check(fc.every(Number.isFinite), () => `${id}: forecasts ${Array.from(fc)}`);
    if (s(c, 'params') === 'fitted' && Math.abs(ratio - 1) <= SAME_MINIMUM && smSse > exactFit
      && identifiable(c, y.length)) {
      const pairs = [[p.alpha, num(c, 'sm_alpha')]];
      if (trend) pairs.push([p.beta, num(c, 'sm_beta')]);
      if (seasonal !== 'none') pairs.push([p.gamma, num(c, 'sm_gamma')]);
      if (damped) pairs.push([p.phi, num(c, 'sm_phi')]);
      const dev = Math.max(...pairs.map(([a, b]) => Math.abs(a - b)));
      st.params++;
      st.worstParam = Math.max(st.worstParam, dev);
      check(dev <= PARAM_TOL, () => `${id}: same minimum as statsmodels but parameters ${JSON.stringify(pairs)}`);
    }
  }
  model.free();
}

// Refused by statsmodels (too short for the initialisation): refused here too.
for (const { id, series: name, trend, damped, seasonal, period, initialization, reason } of skipped) {
  const kind = seasonal !== 'none' ? 'holtWinters' : trend === 'none' ? 'ses' : 'holt';
  const modelOptions = kind === 'holtWinters'
    ? { period, seasonal: seasonal === 'add' ? 'additive' : 'multiplicative', trend: trend !== 'none', damped }
    : kind === 'holt' ? { damped } : {};
  const model = new m.ForecastModel(kind, modelOptions);
  try {
    model.fit(series.get(name), { initialization });
    failures.push(`${id}: statsmodels refuses it (${reason}) but the module fitted it`);
  } catch (e) {
    check(/too short/.test(e.message), () => `${id}: expected a too-short error, got ${e.message}`);
  }
  model.free();
}

// The witness case, again through the module's own seasonal naive method: with alpha = 0,
// gamma = 1 and a zero level, Holt-Winters is the seasonal naive method at every horizon,
// h = 4, 8, 12 included (where statsmodels 0.15 repeats the observation of one season earlier).
{
  const c = cases.find((c) => c.id === 'witness_seasonal_naive');
  const y = series.get(s(c, 'series'));
  const { kind, model: modelOptions, fit: fitOptions } = etsOptions(c);
  const hw = new m.ForecastModel(kind, modelOptions);
  hw.fit(y, fitOptions);
  const naive = new m.ForecastModel('seasonalNaive', { period: 4 });
  naive.fit(y);
  const h = num(c, 'horizon');
  check(maxRel(Array.from(hw.predict(h)), Array.from(naive.predict(h))) === 0,
    () => 'witness_seasonal_naive: Holt-Winters and the seasonal naive forecasts differ');
  hw.free();
  naive.free();
}

// AR(p): deterministic least squares.
let arCount = 0;
let arWorst = 0;
for (const c of cases.filter((c) => s(c, 'kind') === 'ar')) {
  arCount++;
  const id = c.id;
  const lags = num(c, 'lags');
  const model = new m.ForecastModel('ar', { lags });
  model.fit(series.get(s(c, 'series')));
  const p = model.params();
  arWorst = Math.max(arWorst,
    close(id, 'forecast', model.predict(num(c, 'horizon')), vec(c, 'forecast'), EXACT_TOL),
    close(id, 'params', [p.intercept, ...p.coefficients], vec(c, 'params'), EXACT_TOL),
    close(id, 'fitted', model.fittedValues().subarray(lags), vec(c, 'fitted'), EXACT_TOL));
  check(model.fittedValues().subarray(0, lags).every(Number.isNaN), () => `${id}: fitted before lag ${lags}`);
  close(id, 'mse', [p.mse], [num(c, 'mse')], EXACT_TOL);
  model.free();
}

// Theta: statsmodels' alpha (then everything is determined), and a fitted alpha (the SES
// stage's in-sample MSE at most statsmodels' x 1.0001, measured by the module's own SES with
// that alpha on the deseasonalised series).
let thetaCount = 0;
let thetaWorst = 0;
let thetaRatio = 0;
for (const c of cases.filter((c) => s(c, 'kind') === 'theta')) {
  thetaCount++;
  const id = c.id;
  const y = series.get(s(c, 'series'));
  const period = num(c, 'period');
  const options = {
    period,
    deseasonalize: s(c, 'deseasonalize') === '1',
    useTest: s(c, 'use_test') === '1',
    difference: s(c, 'difference') === '1',
    method: s(c, 'method'),
    theta: num(c, 'theta'),
  };
  const fixed = new m.ForecastModel('theta', options);
  fixed.fit(y, { alpha: num(c, 'sm_alpha') });
  const p = fixed.params();
  const seasonal = s(c, 'has_seasonality') === '1';
  check(p.seasonalFactors.length > 0 === seasonal, () => `${id}: seasonality test`);
  if (seasonal) {
    close(id, 'seasonal', p.seasonalFactors, vec(c, 'seasonal'), EXACT_TOL);
    const smMethod = s(c, 'sm_method') === 'add' ? 'additive' : 'multiplicative';
    check(p.method === smMethod, () => `${id}: method ${p.method}, statsmodels ${smMethod}`);
  }
  close(id, 'b0', [p.b0], [num(c, 'sm_b0')], EXACT_TOL);
  thetaWorst = Math.max(thetaWorst, close(id, 'forecast', fixed.predict(num(c, 'horizon')), vec(c, 'forecast'), EXACT_TOL));
  fixed.free();

  const fitted = new m.ForecastModel('theta', options);
  fitted.fit(y);
  const q = fitted.params();
  const factors = q.seasonalFactors;
  const deseasonalized = y.map((v, t) => factors.length === 0 ? v
    : q.method === 'multiplicative' ? v / factors[t % period] : v - factors[t % period]);
  const ses = new m.ForecastModel('ses');
  ses.fit(deseasonalized, { alpha: q.alpha, initialization: 'known', initialLevel: deseasonalized[0] });
  const ratio = ses.inSampleMse() / num(c, 'mse');
  thetaRatio = Math.max(thetaRatio, ratio);
  check(ratio <= SSE_RATIO, () => `${id}: SES stage mse ratio ${ratio}`);
  ses.free();
  fitted.free();
}

console.log('exponential smoothing, worst deviation per family');
console.log(`  ${'family'.padEnd(44)} exact  fitted dev  forecast dev  h=km   h=km dev   hw #9538  sse  max SSE ratio-1  min SSE ratio-1  params  param dev`);
for (const [name, st] of [...stats.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
  console.log(`  ${name.padEnd(44)} ${String(st.exact).padStart(5)} ${st.worstFitted.toExponential(2).padStart(11)} ${st.worstForecast.toExponential(2).padStart(13)} ${String(st.kperiod).padStart(5)} ${st.worstKperiod.toExponential(2).padStart(10)} ${st.holtwintersGap.toExponential(2).padStart(10)} ${String(st.sse).padStart(4)} ${(st.maxRatio - 1).toExponential(2).padStart(16)} ${(st.minRatio - 1).toExponential(2).padStart(16)} ${String(st.params).padStart(7)} ${st.worstParam.toExponential(2).padStart(10)}`);
}
console.log(`${skipped.length} grid cases refused by statsmodels and by the module`);
console.log(`AR: ${arCount} cases, worst relative deviation ${arWorst.toExponential(2)}`);
console.log(`Theta: ${thetaCount} cases, worst forecast deviation ${thetaWorst.toExponential(2)}, worst SES mse ratio ${thetaRatio.toFixed(8)}`);
if (etsCount < 400 || arCount < 15 || thetaCount < 12) {
  failures.push(`the reference file has too few cases (${etsCount} ets, ${arCount} ar, ${thetaCount} theta)`);
}
if (failures.length > 0) {
  console.error(`${failures.length} check(s) failed:\n${failures.join('\n')}`);
  process.exit(1);
}
console.log(`reference grid: ${etsCount + arCount + thetaCount} cases passed`);
