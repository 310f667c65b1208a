#!/usr/bin/env python3
"""Regenerate the statsmodels reference grid of the forecasting crate (`reference.txt`).

Usage, from anywhere (statsmodels and its dependencies pinned in ../bench/requirements.txt):

    python3 -m venv /tmp/sm && /tmp/sm/bin/pip install -r crates/forecasting/bench/requirements.txt
    /tmp/sm/bin/python crates/forecasting/testdata/make_reference.py

With `--study PATH [--seed S] [--count N]` it writes fitted cases on N other generated series
instead, for the optimiser study (bench/optimizer_study.sh), which is not committed.

It writes `reference.txt` next to this script; the crate's tests read that committed file (no
Python, no network): natively (`tests/statsmodels_reference.rs`) and through the wasm module in
Node (`tests/reference_grid.mjs`). The output is deterministic: the series come from a fixed
integer generator (below) and from datasets shipped inside statsmodels, statsmodels' optimiser
is deterministic, and numbers are written with Python's shortest round-trip `repr`. Running the
script twice gives the same file byte for byte.

The grid
--------
* Exponential smoothing (statsmodels' `ExponentialSmoothing`): trend none / additive / additive
  damped x seasonal none / additive / multiplicative x initialisation known / heuristic /
  estimated, on the series that suit the model (seasonal models: every seasonal series;
  non-seasonal models: one series of each kind, NONSEASONAL_SERIES), each with
    - fixed smoothing parameters (`params fixed`): with known or heuristic initial states
      nothing is estimated, so the fitted values and forecasts are exact (`compare exact`);
      with `estimated` the initial states are estimated by least squares for the given
      smoothing parameters (`compare sse`);
    - fitted smoothing parameters (`params fitted`, `compare sse`).
  SES is the (none, none) model and Holt the (additive[, damped], none) one.
* Theta (statsmodels' `ThetaModel`), with and without deseasonalisation.
* AR(p) with an intercept (statsmodels' `AutoReg`) for several p.

Series kinds: trending (monthly and quarterly), multiplicative seasonality, a level shift
(synthetic and the Nile), short series at each model's minimum length, and monthly CO2.

Cases statsmodels itself cannot fit are left out, with the reason, in `skipped` lines.

Forecasts: statsmodels issue #9538 and ETSModel
-----------------------------------------------
statsmodels <= 0.15's `holtwinters.ExponentialSmoothing` forecasts Holt-Winters at horizons
h = k*m (k = 1, 2, ...) with the seasonal factor of one season earlier, s_{T-m}, instead of the
textbook s_T (Hyndman & Athanasopoulos, FPP: y_{T+h|T} = l_T + (phi + ... + phi^h) b_T (+/*)
s_{T+h-m(k+1)}, k = floor((h-1)/m)): its `_predict` overwrites the last fitted seasonal state
s[nobs+m-1] with s[nobs-1] when it rolls the seasons forward (statsmodels issue #9538, fixed
upstream by PR #10230, not in 0.15; R's forecast package reads s_T there, like the textbook).

The h = k*m values therefore come from a second statsmodels implementation that reads s_T:
the state-space ETS model `statsmodels.tsa.exponential_smoothing.ets.ETSModel` (forecast =
its `simulate` with zero errors from the last state). Conventions, checked here case by case:
its `initial_seasonal` with known states is in time order like holtwinters' (the first factor
is the first observation's); its `smoothing_trend` is the error-correction beta = alpha beta*,
where holtwinters' is FPP's beta* of b_t = beta* (l_t - l_{t-1}) + (1 - beta*) phi b_{t-1};
alpha, gamma and phi (damping in the forecast sum phi + ... + phi^h) mean the same; its point
values do not depend on the error type (additive and multiplicative error are both run and
must agree exactly); its heuristic initialisation is holtwinters' (the same function).

* Additive seasonality, nothing estimated (`forecast_kperiod_source ets_model`): ETSModel runs
  the model on the series with the same parameters and initial states. Its fitted values equal
  holtwinters' (to 5e-16 relative), and so do its forecasts at every horizon but h = k*m (to
  2e-15 relative); at h = k*m they differ by up to 2e-2 relative (issue #9538).
* Multiplicative seasonality, and every case with estimated parameters or states
  (`ets_model_final_states`): ETSModel cannot express holtwinters' multiplicative model. Its
  smoother updates the factor as s_t = gamma* y_t / l_t + (1 - gamma*) s_{t-m}, gamma* = gamma /
  (1 - alpha) (the classical Holt-Winters form), holtwinters (FPP's form, and the crate's) as
  s_t = gamma y_t / (l_{t-1} + phi b_{t-1}) + (1 - gamma) s_{t-m}: a different model, not a
  reparametrisation (fitted values 2e-3 relative apart on this grid, up to 0.27 absolute). So
  ETSModel's forecast recursion is started from holtwinters' final states (l_T, b_T, s_{T-m+1}
  .. s_T). For the additive cases above this gives ETSModel's own forecast to 1e-12 (checked).
* `textbook`: ETSModel divides by alpha and by 1 - alpha (beta* = beta / alpha, gamma* = gamma /
  (1 - alpha)) and yields NaN at alpha = 0 or 1: for a fitted alpha at a bound (none in this
  grid) the h = k*m values are FPP's formula from holtwinters' final states, checked to equal
  holtwinters' forecast except at h = k*m, where holtwinters' equals it with s_{T-m}. Such
  cases are compared by SSE only, never exactly (the tests refuse `textbook` for exact cases).
* `witness_seasonal_naive` (alpha = 0, gamma = 1, zero level: Holt-Winters is the seasonal naive
  method, whose forecast at h = m is the last observation y_T; statsmodels 0.15 returns
  y_{T-m}) is beyond ETSModel (alpha = 0): its reference is the seasonal naive forecast, the data
  (`seasonal_naive`).

At every other horizon `forecast` is holtwinters' own `forecast()`; ETSModel must agree with it
there to 1e-12 (of the largest forecast), and with FPP's formula from holtwinters' final states
at every horizon. `sm_forecast_kperiod` keeps holtwinters' own values at h = m, 2m, 3m. The
script prints the measured ETSModel-holtwinters differences per family.

File format (parsed by the tests): one item per line, whitespace-separated tokens, `#` starts a
comment line.

    series <name> <n> <v0> ... <v(n-1)>     a series
    skipped <case id> <series> <trend> <damped> <seasonal> <period> <initialization> <reason...>
                                            a grid case statsmodels cannot fit
    case <id>                               starts a case
    <key> <token> ...                       an attribute (settings or statsmodels' output)
    end                                     ends the case

Exponential smoothing attributes: kind ets; model ses|holt|holtWinters (the crate's kind name);
series; trend none|add; damped 0|1; seasonal none|add|mul; period (0 without a season);
initialization known|heuristic|estimated; params fixed|fitted; compare exact|sse; the fixed
alpha/beta/gamma/phi; initial_level/initial_trend/initial_seasonal with known states; horizon
(three seasons of the data, at least 12 steps); fitted (statsmodels' in-sample one-step
predictions); forecast (see above); forecast_kperiod_source ets_model|ets_model_final_states|
textbook|seasonal_naive (seasonal models: where the h = k*m values come from, see above);
sm_forecast_kperiod (holtwinters' own forecasts at h = m, 2m, 3m); sse; aic; aicc; bic;
sm_alpha/sm_beta/sm_gamma/sm_phi and sm_initial_level/sm_initial_trend/sm_initial_seasonal
(statsmodels' parameters).
"""

import argparse
import math
import os
import platform
import warnings

import numpy as np
import pandas as pd
import scipy
import statsmodels
import statsmodels.api as sm
from statsmodels.tsa.ar_model import AutoReg
from statsmodels.tsa.exponential_smoothing.ets import ETSModel
from statsmodels.tsa.forecasting.theta import ThetaModel
from statsmodels.tsa.holtwinters import ExponentialSmoothing

warnings.simplefilter("ignore")

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "reference.txt")


def fmt(values):
    return " ".join(repr(float(v)) for v in np.atleast_1d(np.asarray(values, dtype=float)))


class Lcg:
    """Park-Miller minimal standard generator: the same numbers on every platform and numpy."""

    def __init__(self, seed):
        self.state = seed % 2147483647 or 1

    def uniform(self):
        self.state = (self.state * 48271) % 2147483647
        return self.state / 2147483647.0

    def noise(self):
        """Approximately standard normal (Irwin-Hall sum of 12 uniforms, minus 6)."""
        return sum(self.uniform() for _ in range(12)) - 6.0


def synthetic(seed, n, period, level, slope, season, noise, *, multiplicative=False,
              shift_at=None, shift=0.0):
    rng = Lcg(seed)
    out = []
    for t in range(n):
        lvl = level + slope * t + (shift if shift_at is not None and t >= shift_at else 0.0)
        s = season[t % period]
        if multiplicative:
            out.append(lvl * s * (1.0 + noise * rng.noise()))
        else:
            out.append(lvl + s + noise * rng.noise())
    return np.array(out)


def monthly_shape(amplitude):
    return [amplitude * math.sin(2.0 * math.pi * (j + 0.5) / 12.0) for j in range(12)]


def load_series():
    """name -> (values, season length of the data)."""
    trend_m12 = synthetic(11, 72, 12, 90.0, 0.25, monthly_shape(6.0), 1.2)
    trend_m4 = synthetic(12, 40, 4, 90.0, 0.4, [5.0, -2.0, 3.0, -6.0], 1.0)
    mul_m12 = synthetic(13, 72, 12, 60.0, 0.8, [1.0 + v / 40.0 for v in monthly_shape(6.0)],
                        0.01, multiplicative=True)
    shift_m12 = synthetic(14, 72, 12, 90.0, 0.0, monthly_shape(5.0), 1.0, shift_at=42,
                          shift=15.0)
    short_src = synthetic(15, 24, 12, 90.0, 0.3, monthly_shape(6.0), 1.0)
    short_m4_src = synthetic(16, 14, 4, 50.0, 0.5, [4.0, -1.0, 2.0, -5.0], 0.8)
    co2 = sm.datasets.co2.load_pandas().data["co2"]
    co2 = co2.resample("MS").mean().ffill()["1990-01-01":"1997-12-01"].to_numpy()
    nile = sm.datasets.nile.load_pandas().data["volume"].to_numpy()
    return {
        # trending, additive season (monthly and quarterly)
        "trend_m12": (trend_m12, 12),
        "trend_m4": (trend_m4, 4),
        # multiplicative seasonality: the seasonal swing grows with the level
        "mul_m12": (mul_m12, 12),
        # a level shift of +15 at t = 42 in a seasonal series; the Nile (shift around 1899)
        "shift_m12": (shift_m12, 12),
        "nile": (nile, 1),
        # monthly Mauna Loa CO2 (weekly data averaged per month), 1990-1997
        "co2": (co2, 12),
        # short series at the models' minimum lengths: 2 m (seasonal, simple initialisation),
        # max(2 m, 10 + 2 (m // 2)) (seasonal heuristic: 24 for m = 12, 14 for m = 4),
        # 10 (non-seasonal heuristic), 2 (non-seasonal, simple or known), m + 2 (known states)
        "short24_m12": (short_src, 12),
        "short14_m4": (short_m4_src, 4),
        "short8_m4": (short_m4_src[:8], 4),
        "short6_m4": (short_m4_src[:6], 4),
        "short10": (short_src[:10], 1),
        "short2": (short_src[:2], 1),
    }


def seasonal_series(data):
    return [name for name, (_, m) in data.items() if m > 1]


# Series of the non-seasonal models: each kind once (the seasonal short series are shorter
# versions of the same data and add nothing for models without a season).
NONSEASONAL_SERIES = ("trend_m12", "trend_m4", "mul_m12", "shift_m12", "nile", "short10",
                      "short2")


# Fixed smoothing parameters of the `params fixed` cases (the values, and a second set
# for the quarterly and short series so that both kinds of value are exercised).
FIXED = {
    "default": {"alpha": 0.3, "beta": 0.05, "gamma": 0.2, "phi": 0.9},
    "other": {"alpha": 0.55, "beta": 0.15, "gamma": 0.3, "phi": 0.85},
}


def fixed_params(series):
    return FIXED["other" if series in ("trend_m4", "short14_m4", "short8_m4", "short6_m4",
                                       "short10", "short2") else "default"]


def known_states(y, trend, seasonal, m):
    """Plausible initial states that differ from every statsmodels initialisation: the simple
    ones, rounded, with the level moved by 1 and the trend by 0.05."""
    if seasonal:
        k = min(m, len(y))
        level = float(np.mean(y[:k]))
        slope = float((y[k - 1] - y[0]) / max(k - 1, 1)) / 2.0
        if seasonal == "add":
            seas = [round(float(v - level), 2) for v in y[:m]] if len(y) >= m else None
        else:
            seas = [round(float(v / level), 4) for v in y[:m]] if len(y) >= m else None
        if seas is None:
            seas = [0.0] * m if seasonal == "add" else [1.0] * m
    else:
        level = float(y[0])
        slope = float(y[1] - y[0]) if len(y) > 1 else 0.0
        seas = None
    out = {"level": round(level + 1.0, 1)}
    if trend:
        out["trend"] = round(slope + 0.05, 3)
    if seasonal:
        out["seasonal"] = seas
    return out


def model_name(trend, seasonal):
    if seasonal:
        return "holtWinters"
    return "holt" if trend else "ses"


def min_len(trend, seasonal, m, init):
    """statsmodels 0.15's minimum series length for a model and initialisation (checked below
    against what statsmodels accepts and refuses)."""
    if init == "heuristic":
        return max(2 * m, 10 + 2 * (m // 2)) if seasonal else 10
    if init == "known":
        return 2
    return 2 * m if seasonal else 2


def textbook_forecast(level, trend_state, seasons, phi, damped, seasonal, m, h, *, lag=0):
    """FPP's forecast from final states; `lag=m` uses s_{T-m} at h = k m (statsmodels 0.15)."""
    out = []
    damp_sum = 0.0
    for k in range(1, h + 1):
        damp_sum += phi**k if damped else 1.0
        base = level + damp_sum * trend_state
        if seasonal:
            idx = (k - 1) % m
            s = seasons[-m + idx] if not (lag and k % m == 0) else seasons[-m - lag + idx]
            base = base + s if seasonal == "add" else base * s
        out.append(base)
    return np.array(out)


# Agreement required between two statsmodels computations of the same values (relative to the
# largest forecast): ETSModel and holtwinters agree to 3e-15 relative on this grid (measured).
PEER_TOL = 1e-12


def ets_model_params(alpha, beta, gamma, phi, trend, damped):
    """ETSModel's parameter vector for holtwinters' smoothing parameters. holtwinters' trend
    equation is b_t = beta (l_t - l_{t-1}) + (1 - beta) phi b_{t-1} (FPP's beta*); ETSModel's
    `smoothing_trend` is the error-correction form's beta = alpha beta* (its smoother divides
    by alpha again). alpha, gamma and phi mean the same in both."""
    params = [alpha]
    if trend:
        params.append(alpha * beta)
    params.append(gamma)
    if damped:
        params.append(phi)
    return params


def ets_model_run(y, *, trend, damped, seasonal, m, init, known, params, h):
    """ETSModel (statsmodels' state-space ETS, `statsmodels.tsa.exponential_smoothing.ets`) on
    the series itself, parameters fixed (`smooth`), initial states known (`initial_seasonal` in
    time order, as holtwinters: the first factor is the first observation's) or from its own
    heuristic. Returns (fitted values, forecast, results). The additive- and the multiplicative-
    error model are both run: their point recursions are the same, so they must agree exactly."""
    runs = []
    for error in ("add", "mul"):
        kwargs = dict(error=error, trend=trend, damped_trend=damped, seasonal=seasonal,
                      seasonal_periods=m, initialization_method=init)
        if init == "known":
            kwargs["initial_level"] = known["level"]
            if trend:
                kwargs["initial_trend"] = known["trend"]
            kwargs["initial_seasonal"] = known["seasonal"]
        res = ETSModel(y, **kwargs).smooth(params)
        runs.append((np.asarray(res.fittedvalues), np.asarray(res.forecast(h)), res))
    (fit_a, fc_a, res_a), (fit_m, fc_m, _) = runs
    assert np.array_equal(fit_a, fit_m) and np.array_equal(fc_a, fc_m)
    return fit_a, fc_a, res_a


def ets_model_from_states(y, *, trend, damped, seasonal, m, level, trend_state, seasons, params,
                          h):
    """ETSModel's forecast from given final states: the model is started from them
    (`initialization_method='known'`, `seasons` = the last m factors s_{T-m+1} .. s_T in time
    order) and `simulate(h, anchor='start')` with zero errors is its forecast recursion (what
    its `forecast` runs from the last state); the series only fills the model's data slot."""
    kwargs = dict(error="add", trend=trend, damped_trend=damped, seasonal=seasonal,
                  seasonal_periods=m, initialization_method="known", initial_level=level,
                  initial_seasonal=list(seasons))
    if trend:
        kwargs["initial_trend"] = trend_state
    res = ETSModel(y, **kwargs).smooth(params)
    return np.asarray(res.simulate(h, anchor="start", random_errors=np.zeros((h, 1)))).ravel()


def family_name(trend, damped, seasonal):
    t = "damped trend" if damped else ("additive trend" if trend else "no trend")
    return f"Holt-Winters {'additive' if seasonal == 'add' else 'multiplicative'}, {t}"


# Per family: the measured differences between ETSModel and holtwinters (printed by `main`).
PEER_STATS = {}


def peer_stat(family, key, value):
    stats = PEER_STATS.setdefault(family, {})
    stats[key] = max(stats.get(key, 0.0), value)


def seasonal_forecast_reference(cid, y, res, sm_fc, textbook, *, trend, damped, seasonal, m,
                                init, known, alpha, beta, gamma, phi, exact):
    """The reference forecast of a Holt-Winters case and where its h = k m values come from
    (`ets_model`, `ets_model_final_states` or `textbook`: see "Forecasts" at the top): holtwinters'
    own forecast at every other horizon, ETSModel's at h = k m. Returns (forecast, source)."""
    h = len(sm_fc)
    scale = max(1.0, float(np.max(np.abs(sm_fc))))
    periodic = np.array([(k + 1) % m == 0 for k in range(h)])
    family = family_name(trend, damped, seasonal)
    if not 0.0 < alpha < 1.0:
        return np.where(periodic, textbook, sm_fc), "textbook"
    params = ets_model_params(alpha, beta, gamma, phi, trend, damped)
    seasons = np.concatenate([np.asarray(res.params["initial_seasons"]), np.asarray(res.season)])
    from_states = ets_model_from_states(
        y, trend=trend, damped=damped, seasonal=seasonal, m=m,
        level=float(np.asarray(res.level)[-1]),
        trend_state=float(np.asarray(res.trend)[-1]) if trend else 0.0, seasons=seasons[-m:],
        params=params, h=h)
    source = "ets_model_final_states"
    ets_fc = from_states
    if exact:
        ets_fitted, ets_full, ets_res = ets_model_run(
            y, trend=trend, damped=damped, seasonal=seasonal, m=m, init=init, known=known,
            params=params, h=h)
        if init == "heuristic":
            # ETSModel's heuristic is holtwinters' (the same statsmodels function; holtwinters
            # reports a damped model's initial trend 1 ulp off).
            p = res.params
            ours = [ets_res.initial_level] + ([ets_res.initial_trend] if trend else [])
            theirs = [p["initial_level"]] + ([p["initial_trend"]] if trend else [])
            assert np.allclose(ours + list(ets_res.initial_seasonal),
                               theirs + list(p["initial_seasons"]), rtol=1e-14, atol=1e-14), cid
        fitted_dev = float(np.max(np.abs(ets_fitted - np.asarray(res.fittedvalues)))) / scale
        peer_stat(family, "ETSModel's own smoothing: fitted vs holtwinters", fitted_dev)
        if seasonal == "add":
            assert fitted_dev <= PEER_TOL, (cid, fitted_dev)
            # Started from holtwinters' final states or run on the series: the same forecast.
            assert np.max(np.abs(from_states - ets_full)) <= PEER_TOL * scale, cid
            source = "ets_model"
            ets_fc = ets_full
        # Multiplicative season: a different seasonal update ("Forecasts" at the top): measured,
        # not used.
    # ETSModel agrees with holtwinters at every horizon but h = k m, and with the textbook
    # formula from holtwinters' states everywhere.
    off = float(np.max(np.abs(ets_fc - sm_fc)[~periodic])) / scale
    assert off <= PEER_TOL, (cid, off)
    assert np.max(np.abs(ets_fc - textbook)) <= PEER_TOL * scale, cid
    peer_stat(family, "ETSModel vs holtwinters forecast, h != k m", off)
    if exact:
        gap = np.abs(ets_fc - sm_fc)[periodic] / np.maximum(np.abs(ets_fc[periodic]), 1.0)
        peer_stat(family, "ETSModel vs holtwinters forecast, h = k m (issue #9538)",
                  float(np.max(gap)))
    return np.where(periodic, ets_fc, sm_fc), source


def ets_case(w, cid, series, y, period, *, trend, damped, seasonal, m, init, fixed):
    kwargs = dict(trend=trend, damped_trend=damped, seasonal=seasonal,
                  seasonal_periods=m if seasonal else None, initialization_method=init)
    known = None
    if init == "known":
        known = known_states(y, trend, seasonal, m)
        kwargs["initial_level"] = known["level"]
        if trend:
            kwargs["initial_trend"] = known["trend"]
        if seasonal:
            kwargs["initial_seasonal"] = known["seasonal"]
    fx = fixed_params(series) if fixed else None
    try:
        mod = ExponentialSmoothing(y, **kwargs)
        if fx is not None:
            args = dict(smoothing_level=fx["alpha"],
                        smoothing_trend=fx["beta"] if trend else None,
                        smoothing_seasonal=fx["gamma"] if seasonal else None,
                        damping_trend=fx["phi"] if damped else None)
            # With known or heuristic states nothing is left to estimate; with 'estimated'
            # the initial states are fitted for the given smoothing parameters.
            res = mod.fit(**args, optimized=(init == "estimated"))
        else:
            res = mod.fit()
    except ValueError as e:
        # statsmodels refuses the series: too short for the initialisation. The crate must
        # refuse it too (the tests check), so the minimum lengths are the same.
        assert len(y) < min_len(trend, seasonal, m, init), (cid, e)
        w.write(f"skipped {cid} {series} {trend or 'none'} {int(damped)} {seasonal or 'none'} "
                f"{m if seasonal else 0} {init} statsmodels: {' '.join(str(e).split())}\n")
        return
    assert len(y) >= min_len(trend, seasonal, m, init), cid
    p = res.params
    phi = float(p["damping_trend"]) if damped else 1.0
    h = 3 * max(period, 4)
    sm_fc = np.asarray(res.forecast(h))
    lvl = float(np.asarray(res.level)[-1])
    b = float(np.asarray(res.trend)[-1]) if trend else 0.0
    seasons = (np.concatenate([np.asarray(p["initial_seasons"]), np.asarray(res.season)])
               if seasonal else None)
    fc = textbook_forecast(lvl, b, seasons, phi, damped, seasonal, m, h)
    fc_lagged = textbook_forecast(lvl, b, seasons, phi, damped, seasonal, m, h, lag=m)
    scale = max(1.0, float(np.max(np.abs(sm_fc))))
    for k in range(h):
        periodic = seasonal and (k + 1) % m == 0
        # statsmodels' own forecast is the textbook one except at h = k m, where it is the
        # textbook formula with s_{T-m} (issue #9538): both checked, so nothing else differs.
        expect = fc_lagged[k] if periodic else fc[k]
        assert abs(sm_fc[k] - expect) <= 1e-12 * scale, (cid, k, sm_fc[k], expect)
    fitted = np.asarray(res.fittedvalues)
    exact = fixed and init != "estimated"
    if seasonal:
        reference, source = seasonal_forecast_reference(
            cid, y, res, sm_fc, fc, trend=trend, damped=damped, seasonal=seasonal, m=m,
            init=init, known=known, alpha=float(p["smoothing_level"]),
            beta=float(p["smoothing_trend"]) if trend else 0.0,
            gamma=float(p["smoothing_seasonal"]), phi=phi, exact=exact)
    else:
        reference, source = sm_fc, None
    w.write(f"case {cid}\nkind ets\nmodel {model_name(trend, seasonal)}\nseries {series}\n")
    w.write(f"trend {trend or 'none'}\ndamped {int(damped)}\nseasonal {seasonal or 'none'}\n")
    w.write(f"period {m if seasonal else 0}\ninitialization {init}\n")
    w.write(f"params {'fixed' if fixed else 'fitted'}\ncompare {'exact' if exact else 'sse'}\n")
    if fx is not None:
        w.write(f"alpha {fmt(fx['alpha'])}\n")
        if trend:
            w.write(f"beta {fmt(fx['beta'])}\n")
        if seasonal:
            w.write(f"gamma {fmt(fx['gamma'])}\n")
        if damped:
            w.write(f"phi {fmt(fx['phi'])}\n")
    if known is not None:
        w.write(f"initial_level {fmt(known['level'])}\n")
        if trend:
            w.write(f"initial_trend {fmt(known['trend'])}\n")
        if seasonal:
            w.write(f"initial_seasonal {fmt(known['seasonal'])}\n")
    w.write(f"horizon {h}\nfitted {fmt(fitted)}\nforecast {fmt(reference)}\n")
    if seasonal:
        w.write(f"forecast_kperiod_source {source}\n")
        w.write(f"sm_forecast_kperiod {fmt(sm_fc[m - 1::m])}\n")
    w.write(f"sse {fmt(res.sse)}\naic {fmt(res.aic)}\naicc {fmt(res.aicc)}\nbic {fmt(res.bic)}\n")
    w.write(f"sm_alpha {fmt(p['smoothing_level'])}\n")
    if trend:
        w.write(f"sm_beta {fmt(p['smoothing_trend'])}\n")
    if seasonal:
        w.write(f"sm_gamma {fmt(p['smoothing_seasonal'])}\n")
    if damped:
        w.write(f"sm_phi {fmt(p['damping_trend'])}\n")
    w.write(f"sm_initial_level {fmt(p['initial_level'])}\n")
    if trend:
        w.write(f"sm_initial_trend {fmt(p['initial_trend'])}\n")
    if seasonal:
        w.write(f"sm_initial_seasonal {fmt(p['initial_seasons'])}\n")
    w.write("end\n")


def print_peer_stats():
    """The measured differences between ETSModel and holtwinters, per family (largest
    |difference| / max(|value|, 1) over the cases; h = k m only where nothing is estimated)."""
    print("ETSModel vs holtwinters, worst relative difference per family:")
    for family in sorted(PEER_STATS):
        for key, value in sorted(PEER_STATS[family].items()):
            print(f"  {family:42} {key:58} {value:.2e}")


def witness_case(w, data):
    """alpha = 0, gamma = 1, level 0, no trend: additive Holt-Winters is the seasonal naive
    method (s_t = y_t), whose forecast at h = m is y_T. statsmodels 0.15 gives y_{T-m}."""
    y, m = data["trend_m4"]
    season0 = list(map(float, y[:m]))
    mod = ExponentialSmoothing(y, seasonal="add", seasonal_periods=m,
                               initialization_method="known", initial_level=0.0,
                               initial_seasonal=season0)
    res = mod.fit(smoothing_level=0.0, smoothing_seasonal=1.0, optimized=False)
    h = 3 * m
    sm_fc = np.asarray(res.forecast(h))
    naive = np.array([y[len(y) - m + (k % m)] for k in range(h)])
    for k in range(h):
        # statsmodels agrees with the seasonal naive forecast except at h = k m ...
        if (k + 1) % m:
            assert sm_fc[k] == naive[k], (k, sm_fc[k], naive[k])
        else:  # ... where it repeats the observation of one season earlier.
            assert sm_fc[k] == y[len(y) - 2 * m + (k % m)], (k, sm_fc[k])
    w.write("case witness_seasonal_naive\nkind ets\nmodel holtWinters\nseries trend_m4\n")
    w.write("trend none\ndamped 0\nseasonal add\nperiod 4\ninitialization known\n")
    w.write("params fixed\ncompare exact\nalpha 0.0\ngamma 1.0\ninitial_level 0.0\n")
    w.write(f"initial_seasonal {fmt(season0)}\nhorizon {h}\n")
    # ETSModel cannot run this case (it divides by alpha: NaN from the second value on), so the
    # reference is the seasonal naive forecast itself, the data.
    w.write(f"fitted {fmt(res.fittedvalues)}\nforecast {fmt(naive)}\n")
    w.write("forecast_kperiod_source seasonal_naive\n")
    w.write(f"sm_forecast_kperiod {fmt(sm_fc[m - 1::m])}\nsse {fmt(res.sse)}\n")
    w.write(f"aic {fmt(res.aic)}\naicc {fmt(res.aicc)}\nbic {fmt(res.bic)}\nend\n")


def ar_case(w, cid, series, y, lags, h=12):
    res = AutoReg(y, lags=lags, trend="c").fit()
    fc = np.asarray(res.forecast(h))
    w.write(f"case {cid}\nkind ar\nseries {series}\nlags {lags}\nhorizon {h}\n")
    w.write(f"forecast {fmt(fc)}\nparams {fmt(res.params)}\n")
    w.write(f"fitted {fmt(res.fittedvalues)}\n")
    w.write(f"mse {fmt(np.mean(np.asarray(res.resid) ** 2))}\nend\n")


def theta_case(w, cid, series, y, *, period, deseasonalize, method="auto", theta=2.0,
               use_test=True, difference=False, h=24):
    mod = ThetaModel(y, period=period, deseasonalize=deseasonalize, method=method,
                     use_test=use_test, difference=difference)
    res = mod.fit()
    fc = np.asarray(res.forecast(h, theta=theta))
    alpha = float(res.params["alpha"])
    b0 = float(res.params["b0"])
    seasonal = np.asarray(res._seasonal)
    # The SES stage's in-sample MSE on the (deseasonalised) data, for the fitted-alpha check.
    if seasonal.shape[0]:
        tiled = np.tile(seasonal, len(y) // period + 1)[: len(y)]
        ydes = y / tiled if mod.method.startswith("mul") else y - tiled
    else:
        ydes = y
    ses = ExponentialSmoothing(ydes, initial_level=ydes[0], initialization_method="known").fit(
        smoothing_level=alpha, optimized=False)
    w.write(f"case {cid}\nkind theta\nseries {series}\nperiod {period}\n")
    w.write(f"deseasonalize {int(deseasonalize)}\nmethod {method}\ntheta {fmt(theta)}\n")
    w.write(f"use_test {int(use_test)}\ndifference {int(difference)}\nhorizon {h}\n")
    w.write(f"forecast {fmt(fc)}\nsm_alpha {fmt(alpha)}\nsm_b0 {fmt(b0)}\n")
    w.write(f"has_seasonality {int(seasonal.shape[0] > 0)}\nsm_method {mod.method}\n")
    if seasonal.shape[0]:
        w.write(f"seasonal {fmt(seasonal)}\n")
    w.write(f"mse {fmt(ses.sse / len(ydes))}\nend\n")


def study_series(seed, count):
    """`count` generated series for the optimiser study: every kind of `load_series` (trending,
    multiplicative, level shift, flat and noisy) with random levels, slopes, seasonal shapes and
    noise, monthly and quarterly, 16 to 144 values."""
    data = {}
    for k in range(count):
        s = seed + k
        rng = Lcg(s * 7 + 3)
        kind = k % 5
        period = 12 if k % 3 else 4
        if period == 12:
            n = [30, 48, 72, 96, 144][(k // 5) % 5]
        else:
            n = [16, 24, 40, 60][(k // 5) % 4]
        level = 20 + 200 * rng.uniform()
        slope = (rng.uniform() - 0.4) * level / 100
        amp = level * (0.02 + 0.15 * rng.uniform())
        shape = [amp * math.sin(2 * math.pi * (j + rng.uniform()) / period) for j in range(period)]
        noise = level * (0.002 + 0.03 * rng.uniform())
        if kind == 1:
            y = synthetic(s, n, period, level, slope, [1 + v / level for v in shape],
                          noise / level, multiplicative=True)
        elif kind == 2:
            y = synthetic(s, n, period, level, slope, shape, noise, shift_at=n // 2,
                          shift=amp * 2)
        elif kind == 3:
            y = synthetic(s, n, period, level, 0.0, shape, noise * 3)
        else:
            y = synthetic(s, n, period, level, slope, shape, noise)
        if y.min() <= 0:
            y = y - y.min() + 1.0
        data[f"s{s}"] = (y, period)
    return data


def write_study(path, seed, count):
    """Fitted exponential smoothing cases (the grid's models and initialisations) on
    `study_series`, for `tests/optimizer_study.rs` (see bench/optimizer_study.sh)."""
    data = study_series(seed, count)
    with open(path, "w") as w:
        w.write(f"# optimiser study, seed {seed}, {count} series; statsmodels "
                f"{statsmodels.__version__}, numpy {np.__version__}, scipy {scipy.__version__}\n")
        for name, (y, _) in data.items():
            w.write(f"series {name} {len(y)} {fmt(y)}\n")
        for tname, trend, damped in TRENDS:
            for seasonal in (None, "add", "mul"):
                for init in ("known", "heuristic", "estimated"):
                    for name, (y, period) in data.items():
                        m = period if seasonal else 0
                        cid = f"ets_{tname}_{seasonal or 'none'}_{init}_fitted_{name}"
                        ets_case(w, cid, name, y, period, trend=trend, damped=damped,
                                 seasonal=seasonal, m=m, init=init, fixed=False)
    print(f"wrote {path} ({os.path.getsize(path)} bytes)")


TRENDS = [("none", None, False), ("add", "add", False), ("damped", "add", True)]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--study", metavar="PATH",
                        help="write an optimiser study file there instead of reference.txt")
    parser.add_argument("--seed", type=int, default=1000, help="study: first series seed")
    parser.add_argument("--count", type=int, default=40, help="study: number of series")
    args = parser.parse_args()
    if args.study:
        write_study(args.study, args.seed, args.count)
        return
    data = load_series()
    with open(OUT, "w") as w:
        w.write(f"# generated by make_reference.py with statsmodels {statsmodels.__version__}, "
                f"numpy {np.__version__}, scipy {scipy.__version__}, pandas {pd.__version__}, "
                f"Python {platform.python_version()}\n")
        for name, (y, _) in data.items():
            w.write(f"series {name} {len(y)} {fmt(y)}\n")

        # --- exponential smoothing grid ---
        for tname, trend, damped in TRENDS:
            for seasonal in (None, "add", "mul"):
                names = seasonal_series(data) if seasonal else NONSEASONAL_SERIES
                for init in ("known", "heuristic", "estimated"):
                    for series in names:
                        y, period = data[series]
                        m = period if seasonal else 0
                        for fixed in (True, False):
                            cid = (f"ets_{tname}_{seasonal or 'none'}_{init}_"
                                   f"{'fixed' if fixed else 'fitted'}_{series}")
                            ets_case(w, cid, series, y, period, trend=trend, damped=damped,
                                     seasonal=seasonal, m=m, init=init, fixed=fixed)
        witness_case(w, data)
        print_peer_stats()

        # --- Theta: with and without deseasonalisation ---
        for series in ("trend_m12", "mul_m12", "shift_m12", "co2", "trend_m4", "short24_m12"):
            y, m = data[series]
            theta_case(w, f"theta_plain_{series}", series, y, period=m, deseasonalize=False,
                       h=2 * m)
            theta_case(w, f"theta_auto_{series}", series, y, period=m, deseasonalize=True,
                       h=2 * m)
        theta_case(w, "theta_add_theta3_co2", "co2", data["co2"][0], period=12,
                   deseasonalize=True, method="additive", theta=3.0)
        theta_case(w, "theta_mul_notest_mul_m12", "mul_m12", data["mul_m12"][0], period=12,
                   deseasonalize=True, method="multiplicative", use_test=False)
        theta_case(w, "theta_diff_test_trend_m4", "trend_m4", data["trend_m4"][0], period=4,
                   deseasonalize=True, difference=True, theta=1.5, h=8)
        theta_case(w, "theta_nile", "nile", data["nile"][0], period=1, deseasonalize=False,
                   h=10)

        # --- autoregression ---
        for series, lag_list in (("nile", (0, 1, 2, 5)), ("trend_m12", (1, 3, 12)),
                                 ("mul_m12", (2, 13)), ("co2", (4, 24)), ("trend_m4", (1, 4, 8)),
                                 ("short10", (1, 4)), ("short2", (0,))):
            for p in lag_list:
                ar_case(w, f"ar{p}_{series}", series, data[series][0], p)
    print(f"wrote {OUT} ({os.path.getsize(OUT)} bytes)")


if __name__ == "__main__":
    main()
