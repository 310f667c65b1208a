#!/usr/bin/env python3
"""Regenerate the statsmodels reference values used by the crate's native tests.

Usage (from anywhere):

    pip install statsmodels
    python3 crates/forecasting/testdata/make_reference.py

It writes `reference.txt` next to this script. The series come from the datasets that ship
inside statsmodels itself (`statsmodels.datasets`), so nothing is downloaded.

File format (parsed by `tests/statsmodels_reference.rs`): plain text, one item per line,
whitespace-separated tokens, `#` starts a comment line.

    series <name> <n> <v0> ... <v(n-1)>     a test series
    case <id>                               starts a test case
    <key> <token> ...                       a case attribute (model settings or reference output)
    end                                     ends the case

Reference outputs:
    forecast             statsmodels' own forecast, horizons 1..h
    forecast_components  for exponential smoothing: the forecast recomputed from statsmodels'
                         own final states (level, trend, last m seasonal factors) with the
                         textbook formula. It differs from `forecast` only at horizons that are
                         multiples of the season length, where statsmodels <= 0.15 reuses a
                         seasonal factor one season old (statsmodels issue #9538, fixed by
                         statsmodels PR #10230). The crate follows the textbook formula.
    mse                  in-sample mean squared one-step error of the statsmodels fit
"""

import math
import os
import warnings

import numpy as np
import statsmodels
import statsmodels.api as sm
from statsmodels.datasets import elec_equip
from statsmodels.tsa.ar_model import AutoReg
from statsmodels.tsa.forecasting.theta import ThetaModel
from statsmodels.tsa.holtwinters import ExponentialSmoothing

warnings.simplefilter("ignore")

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "reference.txt")


def fmt(values):
    return " ".join(repr(float(v)) for v in np.atleast_1d(np.asarray(values, dtype=float)))


def load_series():
    co2 = sm.datasets.co2.load_pandas().data["co2"]
    co2 = co2.resample("MS").mean().ffill()["1990-01-01":"2001-12-01"].to_numpy()
    elec = elec_equip.load().data.iloc[:, 0].to_numpy()[:156]
    nile = sm.datasets.nile.load_pandas().data["volume"].to_numpy()
    sun = sm.datasets.sunspots.load_pandas().data["SUNACTIVITY"].to_numpy()
    macro = sm.datasets.macrodata.load_pandas().data
    realgdp = macro["realgdp"].to_numpy()
    realcons = macro["realcons"].to_numpy()
    infl = macro["infl"].to_numpy()
    return {
        # monthly Mauna Loa CO2 (weekly data averaged per month), 1990-2001
        "co2": co2,
        # monthly euro-area electrical equipment orders, 1995-2007
        "elec": elec,
        # annual Nile flow, 1871-1970
        "nile": nile,
        # annual sunspot activity, 1700-2008
        "sunspots": sun,
        # quarterly US real GDP / real consumption / inflation, 1959-2009
        "realgdp": realgdp,
        "realcons": realcons,
        "infl": infl,
        # short prefixes: 30 months of CO2, 12 quarters of consumption (too short for the
        # heuristic initialisation, so statsmodels' 'estimated' starts from the simple one)
        "co2_30": co2[:30],
        "realcons_12": realcons[:12],
        "realcons_8": realcons[:8],
        # the first synthetic series of the Holt-Winters benchmark
        **{f"bench{k}": bench_series(k) for k in range(6)},
    }


def bench_series(k, n=144):
    """The synthetic series of bench/holt_winters*.{mjs,py} (same formula)."""
    state = (k * 7919 + 12345) % 2147483647 or 1

    def rnd():
        nonlocal state
        state = (state * 48271) % 2147483647
        return state / 2147483647.0

    level = 100.0 + 5.0 * (k % 17)
    slope = 0.05 * ((k % 11) - 5)
    amp = 5.0 + (k % 13)
    phase = 2.0 * math.pi * ((k % 12) / 12.0)
    out = []
    for t in range(n):
        noise = (rnd() + rnd() + rnd() - 1.5) * 2.0
        out.append(level + slope * t + amp * math.sin(2.0 * math.pi * t / 12.0 + phase) + noise)
    return np.array(out)


def components_forecast(res, trend, damped, seasonal, m, phi, h):
    lvl = float(res.level[-1])
    b = float(res.trend[-1]) if trend else 0.0
    season = np.asarray(res.season)[-m:] if seasonal else None
    out = []
    damp_sum = 0.0
    for k in range(1, h + 1):
        damp_sum += phi**k if damped else 1.0
        base = lvl + damp_sum * b
        if seasonal == "add":
            base += season[(k - 1) % m]
        elif seasonal == "mul":
            base *= season[(k - 1) % m]
        out.append(base)
    return np.array(out)


def ets_case(w, cid, series, y, *, trend=None, damped=False, seasonal=None, m=0, init="estimated",
             known=None, fixed=None, h=24):
    kwargs = dict(trend=trend, damped_trend=damped, seasonal=seasonal,
                  seasonal_periods=m if seasonal else None, initialization_method=init)
    if init == "known":
        kwargs["initial_level"] = known["level"]
        if trend:
            kwargs["initial_trend"] = known["trend"]
        if seasonal:
            kwargs["initial_seasonal"] = known["seasonal"]
    mod = ExponentialSmoothing(y, **kwargs)
    if fixed is not None:
        res = mod.fit(smoothing_level=fixed.get("alpha"), smoothing_trend=fixed.get("beta"),
                      smoothing_seasonal=fixed.get("gamma"), damping_trend=fixed.get("phi"),
                      optimized=False)
    else:
        res = mod.fit()
    p = res.params
    phi = p["damping_trend"] if damped else 1.0
    fc = np.asarray(res.forecast(h))
    comp = components_forecast(res, trend, damped, seasonal, m, phi, h)
    # Sanity: statsmodels' forecast and the component formula agree except (possibly) at
    # horizons that are multiples of m (statsmodels issue #9538).
    for k in range(h):
        if not seasonal or (k + 1) % m != 0:
            assert abs(fc[k] - comp[k]) <= 1e-9 * max(1.0, abs(fc[k])), (cid, k, fc[k], comp[k])
    w.write(f"case {cid}\nkind ets\nseries {series}\n")
    w.write(f"trend {trend or 'none'}\ndamped {int(damped)}\nseasonal {seasonal or 'none'}\n")
    w.write(f"period {m}\ninitialization {init}\nfit {'fixed' if fixed is not None else 'fitted'}\n")
    if fixed is not None:
        for key in ("alpha", "beta", "gamma", "phi"):
            if fixed.get(key) is not None:
                w.write(f"{key} {fmt(fixed[key])}\n")
    if init == "known":
        w.write(f"initial_level {fmt(known['level'])}\n")
        if trend:
            w.write(f"initial_trend {fmt(known['trend'])}\n")
        if seasonal:
            w.write(f"initial_seasonal {fmt(known['seasonal'])}\n")
    w.write(f"horizon {h}\nforecast {fmt(fc)}\nforecast_components {fmt(comp)}\n")
    w.write(f"mse {fmt(res.sse / len(y))}\n")
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
    w.write(f"aic {fmt(res.aic)}\nbic {fmt(res.bic)}\n")
    w.write("end\n")


def ar_case(w, cid, series, y, lags, h=20):
    res = AutoReg(y, lags=lags, trend="c").fit()
    fc = np.asarray(res.forecast(h))
    w.write(f"case {cid}\nkind ar\nseries {series}\nlags {lags}\nhorizon {h}\n")
    w.write(f"forecast {fmt(fc)}\nparams {fmt(res.params)}\n")
    w.write(f"mse {fmt(np.mean(np.asarray(res.resid) ** 2))}\nend\n")


def theta_case(w, cid, series, y, *, period, deseasonalize, method="auto", theta=2.0, h=24):
    mod = ThetaModel(y, period=period, deseasonalize=deseasonalize, method=method)
    res = mod.fit()
    fc = np.asarray(res.forecast(h, theta=theta))
    alpha = float(res.params["alpha"])
    b0 = float(res.params["b0"])
    # In-sample one-step MSE of the SES stage on the (deseasonalized) data.
    seasonal = np.asarray(res._seasonal)
    if seasonal.shape[0]:
        if mod.method.startswith("mul"):
            ydes = y / np.tile(seasonal, len(y) // period + 1)[: len(y)]
        else:
            ydes = y - np.tile(seasonal, len(y) // period + 1)[: len(y)]
    else:
        ydes = y
    ses = ExponentialSmoothing(ydes, initial_level=ydes[0], initialization_method="known").fit(
        smoothing_level=alpha, optimized=False)
    w.write(f"case {cid}\nkind theta\nseries {series}\nperiod {period}\n")
    w.write(f"deseasonalize {int(deseasonalize)}\nmethod {method}\ntheta {fmt(theta)}\nhorizon {h}\n")
    w.write(f"forecast {fmt(fc)}\nsm_alpha {fmt(alpha)}\nsm_b0 {fmt(b0)}\n")
    w.write(f"has_seasonality {int(seasonal.shape[0] > 0)}\nsm_method {mod.method}\n")
    if seasonal.shape[0]:
        w.write(f"seasonal {fmt(seasonal)}\n")
    w.write(f"mse {fmt(ses.sse / len(ydes))}\nend\n")


def main():
    data = load_series()
    with open(OUT, "w") as w:
        w.write(f"# generated by make_reference.py with statsmodels {statsmodels.__version__}, "
                f"numpy {np.__version__}\n")
        for name, y in data.items():
            w.write(f"series {name} {len(y)} {fmt(y)}\n")
        co2, elec, nile = data["co2"], data["elec"], data["nile"]
        gdp, cons, infl, sun = data["realgdp"], data["realcons"], data["infl"], data["sunspots"]

        # --- exponential smoothing, fixed parameters (forecasts must match within 1e-6) ---
        ets_case(w, "ses_fixed_known", "nile", nile, init="known", known={"level": 1100.0},
                 fixed={"alpha": 0.3}, h=10)
        ets_case(w, "ses_fixed_heuristic", "nile", nile, init="heuristic",
                 fixed={"alpha": 0.2}, h=10)
        ets_case(w, "holt_fixed_heuristic", "realgdp", gdp, trend="add", init="heuristic",
                 fixed={"alpha": 0.8, "beta": 0.2}, h=12)
        ets_case(w, "holt_damped_fixed_known", "realgdp", gdp, trend="add", damped=True,
                 init="known", known={"level": 2700.0, "trend": 15.0},
                 fixed={"alpha": 0.7, "beta": 0.1, "phi": 0.9}, h=12)
        ets_case(w, "hw_add_fixed_heuristic", "co2", co2, trend="add", seasonal="add", m=12,
                 init="heuristic", fixed={"alpha": 0.5, "beta": 0.05, "gamma": 0.3}, h=30)
        ets_case(w, "hw_mul_fixed_heuristic", "elec", elec, trend="add", seasonal="mul", m=12,
                 init="heuristic", fixed={"alpha": 0.4, "beta": 0.02, "gamma": 0.25}, h=30)
        ets_case(w, "hw_add_notrend_fixed_known", "co2", co2, seasonal="add", m=12, init="known",
                 known={"level": 354.0,
                        "seasonal": [1.0, 1.5, 2.0, 3.0, 3.3, 2.5, 0.9, -1.2, -3.0, -3.2, -2.0, -0.7]},
                 fixed={"alpha": 0.6, "gamma": 0.2}, h=24)
        ets_case(w, "hw_mul_damped_fixed_estimated", "elec", elec, trend="add", damped=True,
                 seasonal="mul", m=12, init="estimated",
                 fixed={"alpha": 0.3, "beta": 0.1, "gamma": 0.3, "phi": 0.95}, h=30)
        ets_case(w, "hw_add_quarterly_fixed_heuristic", "realcons", cons, trend="add",
                 seasonal="add", m=4, init="heuristic",
                 fixed={"alpha": 0.9, "beta": 0.3, "gamma": 0.05}, h=9)
        ets_case(w, "hw_mul_short_fixed_estimated", "co2_30", data["co2_30"], trend="add",
                 seasonal="mul", m=12, init="estimated",
                 fixed={"alpha": 0.5, "beta": 0.1, "gamma": 0.2}, h=14)
        ets_case(w, "hw_add_simple_fixed_estimated", "realcons_12", data["realcons_12"],
                 trend="add", seasonal="add", m=4, init="estimated",
                 fixed={"alpha": 0.5, "beta": 0.1, "gamma": 0.2}, h=6)
        ets_case(w, "holt_simple_fixed_estimated", "realcons_8", data["realcons_8"],
                 trend="add", init="estimated", fixed={"alpha": 0.5, "beta": 0.1}, h=6)

        # --- exponential smoothing, fitted (in-sample MSE within 5% of statsmodels) ---
        ets_case(w, "ses_fitted", "nile", nile, h=10)
        ets_case(w, "ses_fitted_infl", "infl", infl, h=10)
        ets_case(w, "holt_fitted", "realgdp", gdp, trend="add", h=12)
        ets_case(w, "holt_damped_fitted", "realgdp", gdp, trend="add", damped=True, h=12)
        ets_case(w, "hw_add_fitted", "co2", co2, trend="add", seasonal="add", m=12, h=24)
        ets_case(w, "hw_add_damped_fitted", "co2", co2, trend="add", damped=True, seasonal="add",
                 m=12, h=24)
        ets_case(w, "hw_add_notrend_fitted", "co2", co2, seasonal="add", m=12, h=24)
        ets_case(w, "hw_mul_fitted", "elec", elec, trend="add", seasonal="mul", m=12, h=24)
        ets_case(w, "hw_add_fitted_elec", "elec", elec, trend="add", seasonal="add", m=12, h=24)
        ets_case(w, "hw_mul_notrend_fitted", "elec", elec, seasonal="mul", m=12, h=24)
        ets_case(w, "hw_add_quarterly_fitted", "realcons", cons, trend="add", seasonal="add", m=4,
                 h=8)
        ets_case(w, "hw_mul_heuristic_fitted", "co2", co2, trend="add", seasonal="mul", m=12,
                 init="heuristic", h=24)

        for k in range(6):
            y = data[f"bench{k}"]
            ets_case(w, f"hw_add_fitted_bench{k}", f"bench{k}", y, trend="add", seasonal="add",
                     m=12, h=12)
        for k in range(3):
            y = data[f"bench{k}"]
            ets_case(w, f"hw_mul_damped_fitted_bench{k}", f"bench{k}", y, trend="add",
                     damped=True, seasonal="mul", m=12, h=12)

        # --- autoregression (deterministic least squares: forecasts must match within 1e-6) ---
        ar_case(w, "ar9_sunspots", "sunspots", sun, 9)
        ar_case(w, "ar2_nile", "nile", nile, 2)
        ar_case(w, "ar4_infl", "infl", infl, 4)
        ar_case(w, "ar1_realgdp", "realgdp", gdp, 1)

        # --- theta ---
        theta_case(w, "theta_nile", "nile", nile, period=1, deseasonalize=False, h=10)
        theta_case(w, "theta_elec", "elec", elec, period=12, deseasonalize=True, h=24)
        theta_case(w, "theta_co2_add", "co2", co2, period=12, deseasonalize=True,
                   method="additive", theta=3.0, h=24)
        theta_case(w, "theta_realgdp", "realgdp", gdp, period=4, deseasonalize=True, h=8)
    print(f"wrote {OUT} ({os.path.getsize(OUT)} bytes)")


if __name__ == "__main__":
    main()
