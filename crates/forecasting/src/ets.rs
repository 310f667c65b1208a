//! Exponential smoothing: simple (SES), Holt's linear trend (optionally damped) and
//! Holt-Winters with additive or multiplicative seasonality, following statsmodels'
//! `ExponentialSmoothing` (recursions, initialisation methods, parameter bounds and fitting by
//! least squares).
//!
//! # Model
//! With level `l`, trend `b` (zero without a trend), damping `phi` (1 when not damped) and
//! seasonal factors `s` of period `m`, the one-step prediction of `y_t` is
//! `(l_{t-1} + phi b_{t-1}) + s_{t-m}` (additive) or `(l_{t-1} + phi b_{t-1}) * s_{t-m}`
//! (multiplicative), and after observing `y_t`:
//!
//! ```text
//! l_t = alpha (y_t - s_{t-m})          + (1 - alpha) (l_{t-1} + phi b_{t-1})   additive
//! l_t = alpha  y_t / s_{t-m}            + (1 - alpha) (l_{t-1} + phi b_{t-1})   multiplicative
//! b_t = beta (l_t - l_{t-1})           + (1 - beta) phi b_{t-1}
//! s_t = gamma (y_t - l_{t-1} - phi b_{t-1}) + (1 - gamma) s_{t-m}              additive
//! s_t = gamma  y_t / (l_{t-1} + phi b_{t-1}) + (1 - gamma) s_{t-m}             multiplicative
//! ```
//!
//! The `h`-step forecast (Hyndman & Athanasopoulos, FPP section 8.3) is
//! `l_T + (phi + ... + phi^h) b_T` combined with `s_{T+h-m(k+1)}`, `k = floor((h - 1) / m)`:
//! `T + h - m(k+1)` runs over `T - m + 1 ..= T` as `h` runs over each block of `m` horizons,
//! so it is the most recent factor of the forecast's season, the one updated by the last
//! observation of that season. At `h = m` that is `s_T` itself, updated by `y_T` (R's forecast
//! package does the same: its `forecast()` in `etscalc.c` reads `s[m-1-i mod m]`, where `s[0]`
//! is the state the last observation updated), and so does statsmodels' state-space `ETSModel`,
//! whose values the reference grid (`testdata/make_reference.py`) takes at `h = k m`.
//! statsmodels <= 0.15's `holtwinters.ExponentialSmoothing` uses `s_{T-m}` at every `h = k m`
//! (its `_predict` overwrites the last seasonal state when it rolls the seasons forward:
//! statsmodels issue #9538, fixed upstream by PR #10230); this crate uses the textbook formula.
//! With `alpha = 0`, `gamma = 1` and a zero level the model is the seasonal naive method, whose
//! forecast at `h = m` is `y_T`: the test `forecasts_every_season_from_its_last_update` checks
//! that.
//!
//! # Fitting
//! As in statsmodels: the free smoothing parameters are mapped to the unit cube so that
//! `beta <= alpha <= 1 - gamma` always holds (in the order beta, gamma, alpha, which unlike
//! statsmodels' alpha-first map does not collapse at alpha = 0 or 1; see
//! `Fitter::to_restricted`), starting values come from a grid search over the smoothing
//! parameters (statsmodels' `use_brute`), and the sum of squared one-step errors is minimised
//! under bounds with a projected L-BFGS method ([`crate::optim`]) using exact gradients
//! computed by reverse-mode differentiation of the recursions, on scaled variables, from
//! several well-separated starting points ([`DEFAULT_STARTS`]). With
//! `Initialization::Estimated` the initial states are estimated jointly with the smoothing
//! parameters, starting from the heuristic values (or the simple ones for series too short
//! for the heuristic). `testdata/make_reference.py` checks fits against statsmodels' on a grid
//! of models, initialisations and series.

use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;

use crate::error::{check_horizon, check_len, check_positive, check_series, ForecastError, Result};
use crate::optim::{minimize_box, OptSettings};

/// Seasonal component of an exponential smoothing model.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seasonality {
    /// No seasonal component.
    None,
    /// Seasonal effects added to the level.
    Additive,
    /// Seasonal effects multiplying the level (needs strictly positive data).
    Multiplicative,
}

/// How the initial level, trend and seasonal states are chosen (statsmodels'
/// `initialization_method`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Initialization {
    /// Estimated jointly with the smoothing parameters by least squares, starting from the
    /// heuristic values (or the simple ones when the series is too short for the heuristic).
    Estimated,
    /// Hyndman et al.'s heuristic (moving-average decomposition of the first cycles and a
    /// linear regression on the first 10 deseasonalised values); needs at least 10 values, and
    /// `max(2m, 10 + 2 (m / 2))` with a season of length `m`.
    Heuristic,
    /// FPP section 7.6: level = first value (or mean of the first season), trend from the first
    /// two values (or first two seasons), seasonal factors from the first season; needs 2
    /// values, or two full seasons.
    Simple,
    /// Given by the caller (`initial_level`, `initial_trend`, `initial_seasonal`); needs 2
    /// values, whatever the season length.
    Known,
}

/// Structure of an exponential smoothing model.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EtsSpec {
    /// Whether the model has an additive trend.
    pub trend: bool,
    /// Whether the trend is damped (needs `trend`).
    pub damped: bool,
    /// Seasonal component.
    pub seasonal: Seasonality,
    /// Season length (ignored without a seasonal component; at least 2 with one).
    pub period: usize,
}

impl EtsSpec {
    /// Simple exponential smoothing.
    pub const SES: EtsSpec = EtsSpec {
        trend: false,
        damped: false,
        seasonal: Seasonality::None,
        period: 0,
    };

    /// A human-readable model name for messages.
    pub fn name(&self) -> &'static str {
        match (self.trend, self.seasonal) {
            (false, Seasonality::None) => "simple exponential smoothing",
            (true, Seasonality::None) => "Holt's linear trend method",
            (_, Seasonality::Additive) => "additive Holt-Winters",
            (_, Seasonality::Multiplicative) => "multiplicative Holt-Winters",
        }
    }

    fn m(&self) -> usize {
        if self.seasonal == Seasonality::None {
            0
        } else {
            self.period
        }
    }

    /// Number of parameters counted by statsmodels for the information criteria.
    fn k(&self) -> usize {
        self.m() + 2 * usize::from(self.trend) + 2 + usize::from(self.damped)
    }
}

/// Parameters and fitting controls of an exponential smoothing model. `None` smoothing
/// parameters are fitted; `Some` ones are held fixed.
#[derive(Debug, Clone, PartialEq)]
pub struct EtsOptions {
    /// How the initial states are chosen.
    pub initialization: Initialization,
    /// Level smoothing parameter in [0, 1].
    pub alpha: Option<f64>,
    /// Trend smoothing parameter in [0, 1].
    pub beta: Option<f64>,
    /// Seasonal smoothing parameter in [0, 1].
    pub gamma: Option<f64>,
    /// Damping parameter in (0, 1]; fitted within [0.8, 0.995] when free.
    pub phi: Option<f64>,
    /// Initial level (with `Initialization::Known`).
    pub initial_level: Option<f64>,
    /// Initial trend (with `Initialization::Known` and a trend).
    pub initial_trend: Option<f64>,
    /// Initial seasonal factors, `period` of them (with `Initialization::Known`).
    pub initial_seasonal: Option<Vec<f64>>,
    /// Maximum optimiser iterations.
    pub max_iterations: usize,
    /// Grid resolution of the starting-value search: `grid_size / k` points per free smoothing
    /// parameter (`k` of them). statsmodels uses 87; 0 disables the grid search.
    pub grid_size: usize,
    /// Number of optimiser runs, from the best well-separated grid points (statsmodels runs
    /// one, from the best grid point); the lowest SSE wins.
    pub starts: usize,
}

impl Default for EtsOptions {
    fn default() -> Self {
        EtsOptions {
            initialization: Initialization::Estimated,
            alpha: None,
            beta: None,
            gamma: None,
            phi: None,
            initial_level: None,
            initial_trend: None,
            initial_seasonal: None,
            max_iterations: 1000,
            grid_size: DEFAULT_GRID_SIZE,
            starts: DEFAULT_STARTS,
        }
    }
}

/// Default grid resolution (see [`EtsOptions::grid_size`]).
pub const DEFAULT_GRID_SIZE: usize = 21;

/// Default number of optimiser starts (see [`EtsOptions::starts`]). The SSE is not convex in
/// the parameters and a start ends in the basin it begins in. On 2,160 fits (80 generated
/// series x every trend, season and initialisation; `bench/optimizer_study.sh`), fits more
/// than 0.01% above statsmodels' SSE: 15 with 1 start, 7 with 2, 3 with 4, 2 with 6, 1 with 8,
/// for 1, 1.5, 2.5, 3.6 and 4.5 times the time of one start (and 42, 60, 67, 74, 75 fits more
/// than 0.01% below statsmodels'). 4 is where more starts stop paying.
pub const DEFAULT_STARTS: usize = 4;

/// Stopping rules of the fit (see [`crate::optim::OptSettings`]), on the SSE divided by
/// `n * spread^2` (see `Fitter::optimize_from`): a projected gradient below 1e-8, or a relative
/// decrease below 1e-11 in an iteration. With SciPy's defaults (1e-5 and 2.2e-9), which
/// statsmodels uses, 5 of the 2,160 fits of `bench/optimizer_study.sh` (4 starts) ended more
/// than 0.01% above statsmodels' SSE instead of 3, for about 10% less time.
const ETS_PGTOL: f64 = 1e-8;
const ETS_FTOL: f64 = 1e-11;

/// sqrt(machine epsilon): statsmodels keeps alpha inside [sqrt(eps), 1 - sqrt(eps)].
const LOWER_BOUND: f64 = 1.490_116_119_384_765_6e-8;

/// A fitted exponential smoothing model.
#[derive(Debug, Clone)]
pub struct EtsFit {
    spec: EtsSpec,
    /// Level smoothing parameter.
    pub alpha: f64,
    /// Trend smoothing parameter (0 without a trend).
    pub beta: f64,
    /// Seasonal smoothing parameter (0 without a season).
    pub gamma: f64,
    /// Damping parameter (1 when not damped).
    pub phi: f64,
    /// Initial level.
    pub initial_level: f64,
    /// Initial trend (0 without a trend).
    pub initial_trend: f64,
    /// Initial seasonal factors (empty without a season).
    pub initial_seasonal: Vec<f64>,
    /// Level after the last observation.
    pub final_level: f64,
    /// Trend after the last observation.
    pub final_trend: f64,
    /// The `m` most recent seasonal factors, for the seasons of `y_T+1 .. y_T+m`.
    pub final_seasonal: Vec<f64>,
    fitted: Vec<f64>,
    /// Sum of squared one-step in-sample errors.
    pub sse: f64,
    /// Optimiser iterations, summed over the starts (0 when nothing was fitted).
    pub iterations: usize,
    /// Whether the optimiser met its stopping rule (true when nothing was fitted).
    pub converged: bool,
}

impl EtsFit {
    /// The model structure.
    pub fn spec(&self) -> EtsSpec {
        self.spec
    }

    /// In-sample one-step predictions (same length as the series).
    pub fn fitted(&self) -> &[f64] {
        &self.fitted
    }

    /// Number of observations fitted.
    pub fn nobs(&self) -> usize {
        self.fitted.len()
    }

    /// Akaike information criterion as statsmodels computes it.
    pub fn aic(&self) -> f64 {
        let n = self.nobs() as f64;
        n * libm::log(self.sse / n) + 2.0 * self.spec.k() as f64
    }

    /// Corrected AIC as statsmodels computes it (infinite when there are too few observations).
    pub fn aicc(&self) -> f64 {
        let k = self.spec.k() as f64;
        let dof = self.nobs() as f64 - k - 3.0;
        if dof > 0.0 {
            self.aic() + 2.0 * (k + 2.0) * (k + 3.0) / dof
        } else {
            f64::INFINITY
        }
    }

    /// Bayesian information criterion as statsmodels computes it.
    pub fn bic(&self) -> f64 {
        let n = self.nobs() as f64;
        n * libm::log(self.sse / n) + self.spec.k() as f64 * libm::log(n)
    }

    /// Forecasts `horizon` steps ahead.
    pub fn forecast(&self, horizon: usize) -> Result<Vec<f64>> {
        check_horizon(horizon)?;
        let mut out = Vec::with_capacity(horizon);
        let mut damp_sum = 0.0;
        let mut phi_pow = 1.0;
        for k in 1..=horizon {
            phi_pow *= self.phi;
            damp_sum += phi_pow;
            let base = self.final_level + damp_sum * self.final_trend;
            let s = self
                .final_seasonal
                .get((k - 1) % self.final_seasonal.len().max(1))
                .copied();
            out.push(match (self.spec.seasonal, s) {
                (Seasonality::Additive, Some(s)) => base + s,
                (Seasonality::Multiplicative, Some(s)) => base * s,
                _ => base,
            });
        }
        Ok(out)
    }
}

/// Full parameter point of the recursions.
#[derive(Debug, Clone)]
struct Point {
    alpha: f64,
    beta: f64,
    gamma: f64,
    phi: f64,
    l0: f64,
    b0: f64,
    s0: Vec<f64>,
}

/// Reverse-mode gradient of the SSE with respect to every entry of a [`Point`].
#[derive(Debug, Clone)]
struct PointGrad {
    alpha: f64,
    beta: f64,
    gamma: f64,
    phi: f64,
    l0: f64,
    b0: f64,
    s0: Vec<f64>,
}

/// Scratch buffers reused across objective evaluations.
struct Workspace {
    l: Vec<f64>,
    b: Vec<f64>,
    s: Vec<f64>,
    err: Vec<f64>,
    lam_s: Vec<f64>,
}

impl Workspace {
    fn new(n: usize, m: usize) -> Self {
        Workspace {
            l: vec![0.0; n],
            b: vec![0.0; n],
            s: vec![0.0; n + m],
            err: vec![0.0; n],
            lam_s: vec![0.0; n + m],
        }
    }
}

/// The recursions for one model structure.
#[derive(Clone, Copy)]
struct Recursion {
    trend: bool,
    seasonal: Seasonality,
    m: usize,
}

impl Recursion {
    fn new(spec: &EtsSpec) -> Self {
        Recursion {
            trend: spec.trend,
            seasonal: spec.seasonal,
            m: spec.m(),
        }
    }

    /// SSE of the one-step errors only (no storage of the states; used by the grid search).
    fn sse(&self, p: &Point, y: &[f64], ring: &mut [f64]) -> f64 {
        let m = self.m;
        let (alpha, beta, gamma, phi) = (p.alpha, p.beta, p.gamma, p.phi);
        let mut l = p.l0;
        let mut b = if self.trend { p.b0 } else { 0.0 };
        let mut sse = 0.0;
        match self.seasonal {
            Seasonality::None => {
                for &yt in y {
                    let pred = l + phi * b;
                    let e = yt - pred;
                    sse += e * e;
                    let ln = alpha * yt + (1.0 - alpha) * pred;
                    if self.trend {
                        b = beta * (ln - l) + (1.0 - beta) * phi * b;
                    }
                    l = ln;
                }
            }
            Seasonality::Additive | Seasonality::Multiplicative => {
                let ring = &mut ring[..m];
                ring.copy_from_slice(&p.s0[..m]);
                let mult = self.seasonal == Seasonality::Multiplicative;
                let mut j = 0;
                for &yt in y {
                    let st = ring[j];
                    let pred = l + phi * b;
                    let (e, ln, sn) = if mult {
                        (
                            yt - pred * st,
                            alpha * yt / st + (1.0 - alpha) * pred,
                            gamma * yt / pred + (1.0 - gamma) * st,
                        )
                    } else {
                        (
                            yt - pred - st,
                            alpha * (yt - st) + (1.0 - alpha) * pred,
                            gamma * (yt - pred) + (1.0 - gamma) * st,
                        )
                    };
                    sse += e * e;
                    ring[j] = sn;
                    j += 1;
                    if j == m {
                        j = 0;
                    }
                    if self.trend {
                        b = beta * (ln - l) + (1.0 - beta) * phi * b;
                    }
                    l = ln;
                }
            }
        }
        sse
    }

    /// Forward pass storing every state, then reverse-mode gradient. Returns the SSE.
    fn sse_grad(&self, p: &Point, y: &[f64], ws: &mut Workspace, g: &mut PointGrad) -> f64 {
        let n = y.len();
        let m = self.m;
        let (alpha, beta, gamma, phi) = (p.alpha, p.beta, p.gamma, p.phi);
        let seas = self.seasonal;
        let (l, b, s, err) = (&mut ws.l, &mut ws.b, &mut ws.s, &mut ws.err);
        l[0] = p.l0;
        b[0] = if self.trend { p.b0 } else { 0.0 };
        s[..m].copy_from_slice(&p.s0[..m]);
        let mut sse = 0.0;
        for i in 0..n {
            if i > 0 {
                let (lp, bp, yp) = (l[i - 1], b[i - 1], y[i - 1]);
                let pp = lp + phi * bp;
                match seas {
                    Seasonality::None => l[i] = alpha * yp + (1.0 - alpha) * pp,
                    Seasonality::Additive => {
                        let sp = s[i - 1];
                        l[i] = alpha * (yp - sp) + (1.0 - alpha) * pp;
                        s[i + m - 1] = gamma * (yp - pp) + (1.0 - gamma) * sp;
                    }
                    Seasonality::Multiplicative => {
                        let sp = s[i - 1];
                        l[i] = alpha * yp / sp + (1.0 - alpha) * pp;
                        s[i + m - 1] = gamma * yp / pp + (1.0 - gamma) * sp;
                    }
                }
                b[i] = if self.trend {
                    beta * (l[i] - lp) + (1.0 - beta) * phi * bp
                } else {
                    0.0
                };
            }
            let t = l[i] + phi * b[i];
            let pred = match seas {
                Seasonality::None => t,
                Seasonality::Additive => t + s[i],
                Seasonality::Multiplicative => t * s[i],
            };
            let e = y[i] - pred;
            err[i] = e;
            sse += e * e;
        }
        if !sse.is_finite() {
            return sse;
        }

        // Reverse sweep.
        let lam_s = &mut ws.lam_s;
        lam_s.iter_mut().for_each(|v| *v = 0.0);
        let (mut ga, mut gb, mut gg, mut gphi) = (0.0, 0.0, 0.0, 0.0);
        let mut lam_l = 0.0;
        let mut lam_b = 0.0;
        let mut i = n;
        while i > 0 {
            i -= 1;
            let d = -2.0 * err[i];
            match seas {
                Seasonality::None => {
                    lam_l += d;
                    lam_b += d * phi;
                    gphi += d * b[i];
                }
                Seasonality::Additive => {
                    lam_l += d;
                    lam_b += d * phi;
                    gphi += d * b[i];
                    lam_s[i] += d;
                }
                Seasonality::Multiplicative => {
                    let si = s[i];
                    lam_l += d * si;
                    lam_b += d * phi * si;
                    gphi += d * b[i] * si;
                    lam_s[i] += d * (l[i] + phi * b[i]);
                }
            }
            if i == 0 {
                break;
            }
            let (lp, bp, yp) = (l[i - 1], b[i - 1], y[i - 1]);
            let pp = lp + phi * bp;
            let mut nl = 0.0;
            let mut nb = 0.0;
            let mut lam_p = 0.0;
            let ll = if self.trend {
                gb += lam_b * ((l[i] - lp) - phi * bp);
                nl -= lam_b * beta;
                nb += lam_b * (1.0 - beta) * phi;
                gphi += lam_b * (1.0 - beta) * bp;
                lam_l + lam_b * beta
            } else {
                lam_l
            };
            match seas {
                Seasonality::None => {
                    ga += ll * (yp - pp);
                    lam_p += ll * (1.0 - alpha);
                }
                Seasonality::Additive => {
                    let sp = s[i - 1];
                    ga += ll * ((yp - sp) - pp);
                    lam_p += ll * (1.0 - alpha);
                    let ls = lam_s[i + m - 1];
                    gg += ls * ((yp - pp) - sp);
                    lam_p -= ls * gamma;
                    lam_s[i - 1] += ls * (1.0 - gamma) - ll * alpha;
                }
                Seasonality::Multiplicative => {
                    let sp = s[i - 1];
                    ga += ll * (yp / sp - pp);
                    lam_p += ll * (1.0 - alpha);
                    let ls = lam_s[i + m - 1];
                    gg += ls * (yp / pp - sp);
                    lam_p -= ls * gamma * yp / (pp * pp);
                    lam_s[i - 1] += ls * (1.0 - gamma) - ll * alpha * yp / (sp * sp);
                }
            }
            nl += lam_p;
            nb += lam_p * phi;
            gphi += lam_p * bp;
            lam_l = nl;
            lam_b = nb;
        }
        g.alpha = ga;
        g.beta = gb;
        g.gamma = gg;
        g.phi = gphi;
        g.l0 = lam_l;
        g.b0 = lam_b;
        g.s0[..m].copy_from_slice(&lam_s[..m]);
        sse
    }

    /// Runs the recursions over the whole series and returns the fitted values and the final
    /// states (level, trend, the m most recent seasonal factors).
    fn smooth(&self, p: &Point, y: &[f64]) -> (Vec<f64>, f64, f64, Vec<f64>, f64) {
        let m = self.m;
        let mut ring = p.s0.clone();
        let mut l = p.l0;
        let mut b = if self.trend { p.b0 } else { 0.0 };
        let mut fitted = Vec::with_capacity(y.len());
        let mut sse = 0.0;
        let mut j = 0;
        for &yt in y {
            let pred = l + p.phi * b;
            let (f, ln) = match self.seasonal {
                Seasonality::None => (pred, p.alpha * yt + (1.0 - p.alpha) * pred),
                Seasonality::Additive => {
                    let st = ring[j];
                    ring[j] = p.gamma * (yt - pred) + (1.0 - p.gamma) * st;
                    (pred + st, p.alpha * (yt - st) + (1.0 - p.alpha) * pred)
                }
                Seasonality::Multiplicative => {
                    let st = ring[j];
                    ring[j] = p.gamma * yt / pred + (1.0 - p.gamma) * st;
                    (pred * st, p.alpha * yt / st + (1.0 - p.alpha) * pred)
                }
            };
            if m > 0 {
                j += 1;
                if j == m {
                    j = 0;
                }
            }
            fitted.push(f);
            sse += (yt - f) * (yt - f);
            if self.trend {
                b = p.beta * (ln - l) + (1.0 - p.beta) * p.phi * b;
            }
            l = ln;
        }
        // ring[j] is the factor for the season of y_T+1.
        let mut last = Vec::with_capacity(m);
        for k in 0..m {
            last.push(ring[(j + k) % m]);
        }
        (fitted, l, b, last, sse)
    }
}

/// Initial states (level, trend, seasonal factors).
#[derive(Debug, Clone, PartialEq)]
pub struct InitialStates {
    /// Initial level.
    pub level: f64,
    /// Initial trend (0 without a trend).
    pub trend: f64,
    /// Initial seasonal factors (empty without a season).
    pub seasonal: Vec<f64>,
}

/// statsmodels' `_initialization_simple` (FPP section 7.6).
pub fn initial_simple(y: &[f64], spec: &EtsSpec) -> Result<InitialStates> {
    let m = spec.m();
    if m == 0 {
        let needed = if spec.trend { 2 } else { 1 };
        check_len(
            spec.name(),
            y,
            needed,
            "the simple initialisation uses the first value(s)",
        )?;
        let trend = if spec.trend { y[1] - y[0] } else { 0.0 };
        return Ok(InitialStates {
            level: y[0],
            trend,
            seasonal: Vec::new(),
        });
    }
    check_len(
        spec.name(),
        y,
        2 * m,
        "the initial seasonal factors need two full seasonal cycles",
    )?;
    let level = y[..m].iter().sum::<f64>() / m as f64;
    let trend = if spec.trend {
        (m..2 * m)
            .map(|i| (y[i] - y[i - m]) / m as f64)
            .sum::<f64>()
            / m as f64
    } else {
        0.0
    };
    let seasonal = y[..m]
        .iter()
        .map(|v| {
            if spec.seasonal == Seasonality::Multiplicative {
                v / level
            } else {
                v - level
            }
        })
        .collect();
    Ok(InitialStates {
        level,
        trend,
        seasonal,
    })
}

/// Minimum series length of statsmodels' heuristic initialisation.
pub fn heuristic_min_len(spec: &EtsSpec) -> usize {
    let m = spec.m();
    if m == 0 {
        10
    } else {
        (2 * m).max(10 + 2 * (m / 2))
    }
}

/// statsmodels' `_initialization_heuristic` (Hyndman et al. 2008, section 2.6).
pub fn initial_heuristic(y: &[f64], spec: &EtsSpec) -> Result<InitialStates> {
    let m = spec.m();
    let needed = heuristic_min_len(spec);
    check_len(
        spec.name(),
        y,
        needed,
        if m == 0 {
            "the heuristic initialisation regresses on the first 10 values"
        } else {
            "the heuristic initialisation needs two full cycles and 10 values left after a \
             centred moving average"
        },
    )?;
    let n = y.len();
    let mut seasonal = Vec::new();
    let base: Vec<f64> = if m == 0 {
        y[..10].to_vec()
    } else {
        let min_obs = 10 + 2 * (m / 2);
        let k_cycles = (n / m).min(5).max(min_obs.div_ceil(m));
        let len = (m * k_cycles).min(n);
        let series = &y[..len];
        // Centred moving average (2 x m for even m).
        let mut trend = vec![f64::NAN; len];
        let half = m / 2;
        if m % 2 == 0 {
            for (i, t) in trend.iter_mut().enumerate().take(len - half).skip(half) {
                let a: f64 = series[i - half..i + half].iter().sum::<f64>() / m as f64;
                let b: f64 = series[i - half + 1..=i + half].iter().sum::<f64>() / m as f64;
                *t = 0.5 * (a + b);
            }
        } else {
            for (i, t) in trend.iter_mut().enumerate().take(len - half).skip(half) {
                *t = series[i - half..=i + half].iter().sum::<f64>() / m as f64;
            }
        }
        let mult = spec.seasonal == Seasonality::Multiplicative;
        let mut sums = vec![0.0; m];
        let mut counts = vec![0usize; m];
        for i in 0..len {
            if trend[i].is_nan() {
                continue;
            }
            let d = if mult {
                series[i] / trend[i]
            } else {
                series[i] - trend[i]
            };
            sums[i % m] += d;
            counts[i % m] += 1;
        }
        seasonal = sums
            .iter()
            .zip(&counts)
            .map(|(s, &c)| if c > 0 { s / c as f64 } else { f64::NAN })
            .collect();
        let mean = seasonal.iter().sum::<f64>() / m as f64;
        for v in seasonal.iter_mut() {
            if mult {
                *v /= mean;
            } else {
                *v -= mean;
            }
        }
        trend.into_iter().filter(|v| !v.is_nan()).collect()
    };
    if base.len() < 10 || seasonal.iter().any(|v| !v.is_finite()) {
        return Err(ForecastError::Numerical(String::from(
            "the heuristic initialisation produced non-finite values",
        )));
    }
    // Least-squares line through the first 10 values at x = 1..10.
    let ybar = base[..10].iter().sum::<f64>() / 10.0;
    let sxy: f64 = base[..10]
        .iter()
        .enumerate()
        .map(|(i, v)| (i as f64 + 1.0 - 5.5) * (v - ybar))
        .sum();
    let slope = sxy / 82.5;
    let level = ybar - slope * 5.5;
    Ok(InitialStates {
        level,
        trend: if spec.trend { slope } else { 0.0 },
        seasonal,
    })
}

/// Shortest series a model can be fitted to with an initialisation method: the values the
/// initial states are computed from (statsmodels 0.15 refuses exactly the shorter series), and
/// at least 2.
pub fn min_len(spec: &EtsSpec, initialization: Initialization) -> usize {
    match initialization {
        Initialization::Known => 2,
        Initialization::Heuristic => heuristic_min_len(spec),
        // 'estimated' starts from the simple states when the heuristic does not apply.
        Initialization::Simple | Initialization::Estimated => (2 * spec.m()).max(2),
    }
}

/// Checks a spec against a series (structure, length for the initialisation, positivity).
pub fn validate(y: &[f64], spec: &EtsSpec, initialization: Initialization) -> Result<()> {
    check_series(y)?;
    if spec.damped && !spec.trend {
        return Err(ForecastError::option(
            "damped",
            "a damped trend needs a trend component",
        ));
    }
    let m = spec.m();
    if spec.seasonal != Seasonality::None && spec.period < 2 {
        return Err(ForecastError::option(
            "period",
            "a seasonal model needs a season length of at least 2",
        ));
    }
    let why = match initialization {
        Initialization::Known => "at least 2 values are needed",
        Initialization::Heuristic if m > 0 => {
            "the heuristic initialisation needs two full cycles and 10 values left after a \
             centred moving average"
        }
        Initialization::Heuristic => {
            "the heuristic initialisation regresses on the first 10 values"
        }
        _ if m > 0 => "the initial seasonal factors need two full seasonal cycles",
        _ => "at least 2 values are needed",
    };
    check_len(spec.name(), y, min_len(spec, initialization), why)?;
    if spec.seasonal == Seasonality::Multiplicative {
        check_positive(spec.name(), y)?;
    }
    Ok(())
}

fn check_unit(name: &str, v: Option<f64>) -> Result<()> {
    if let Some(v) = v {
        if !(0.0..=1.0).contains(&v) {
            return Err(ForecastError::option(name, "must be between 0 and 1"));
        }
    }
    Ok(())
}

/// Fits an exponential smoothing model to `y`.
pub fn fit(y: &[f64], spec: &EtsSpec, opts: &EtsOptions) -> Result<EtsFit> {
    validate(y, spec, opts.initialization)?;
    let m = spec.m();
    check_unit("alpha", opts.alpha)?;
    check_unit("beta", opts.beta)?;
    check_unit("gamma", opts.gamma)?;
    if let Some(phi) = opts.phi {
        if !(phi > 0.0 && phi <= 1.0) {
            return Err(ForecastError::option("phi", "must be in (0, 1]"));
        }
        if !spec.damped {
            return Err(ForecastError::option(
                "phi",
                "the damping parameter needs a damped trend (damped: true)",
            ));
        }
    }
    if opts.beta.is_some() && !spec.trend {
        return Err(ForecastError::option("beta", "the model has no trend"));
    }
    if opts.gamma.is_some() && m == 0 {
        return Err(ForecastError::option(
            "gamma",
            "the model has no seasonal component",
        ));
    }
    let known = opts.initialization == Initialization::Known;
    if !known {
        for (name, given) in [
            ("initialLevel", opts.initial_level.is_some()),
            ("initialTrend", opts.initial_trend.is_some()),
            ("initialSeasonal", opts.initial_seasonal.is_some()),
        ] {
            if given {
                return Err(ForecastError::option(
                    name,
                    "initial states are only used with initialization 'known'",
                ));
            }
        }
    }

    // Starting (or fixed) initial states.
    let states = match opts.initialization {
        Initialization::Known => {
            let level = opts.initial_level.ok_or_else(|| {
                ForecastError::option("initialLevel", "required with initialization 'known'")
            })?;
            let trend = if spec.trend {
                opts.initial_trend.ok_or_else(|| {
                    ForecastError::option(
                        "initialTrend",
                        "required with initialization 'known' and a trend",
                    )
                })?
            } else if opts.initial_trend.is_some() {
                return Err(ForecastError::option(
                    "initialTrend",
                    "the model has no trend",
                ));
            } else {
                0.0
            };
            let seasonal = if m > 0 {
                let s = opts.initial_seasonal.clone().ok_or_else(|| {
                    ForecastError::option(
                        "initialSeasonal",
                        "required with initialization 'known' and a seasonal component",
                    )
                })?;
                if s.len() != m {
                    return Err(ForecastError::option(
                        "initialSeasonal",
                        alloc::format!("needs {m} values (one per season), got {}", s.len()),
                    ));
                }
                s
            } else if opts.initial_seasonal.is_some() {
                return Err(ForecastError::option(
                    "initialSeasonal",
                    "the model has no seasonal component",
                ));
            } else {
                Vec::new()
            };
            let st = InitialStates {
                level,
                trend,
                seasonal,
            };
            if !st.level.is_finite()
                || !st.trend.is_finite()
                || st.seasonal.iter().any(|v| !v.is_finite())
            {
                return Err(ForecastError::option(
                    "initialLevel/initialTrend/initialSeasonal",
                    "initial states must be finite numbers",
                ));
            }
            st
        }
        Initialization::Heuristic => initial_heuristic(y, spec)?,
        Initialization::Simple => initial_simple(y, spec)?,
        Initialization::Estimated => {
            if y.len() < 10 + 2 * (m / 2) {
                initial_simple(y, spec)?
            } else {
                initial_heuristic(y, spec)?
            }
        }
    };
    let estimate_states = opts.initialization == Initialization::Estimated;
    Fitter::new(y, spec, opts, states, estimate_states)?.run()
}

/// Root mean square deviation of `y` from its mean (1 for a constant series): the unit of the
/// level, trend and additive seasonal states in the optimiser.
fn data_spread(y: &[f64]) -> f64 {
    let n = y.len() as f64;
    let mean = y.iter().sum::<f64>() / n;
    let var = y.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>() / n;
    let spread = libm::sqrt(var);
    if spread.is_finite() && spread > 0.0 {
        spread
    } else {
        1.0
    }
}

/// Indices into the full parameter vector (statsmodels' ordering).
const A: usize = 0;
const B: usize = 1;
const G: usize = 2;
const L0: usize = 3;
const B0: usize = 4;
const PHI: usize = 5;

struct Fitter<'a> {
    y: &'a [f64],
    spec: EtsSpec,
    rec: Recursion,
    /// Full parameter vector [alpha, beta, gamma, l0, b0, phi, s_0..s_m-1] (raw values for the
    /// fixed entries; the free smoothing entries are overwritten by the transform).
    params: Vec<f64>,
    sel: Vec<bool>,
    /// Bounds of alpha, beta, gamma (after the adjustments for fixed values).
    sbounds: [(f64, f64); 3],
    max_iterations: usize,
    grid_size: usize,
    starts: usize,
}

/// statsmodels' bounds of a fitted damping parameter.
const PHI_BOUNDS: (f64, f64) = (0.8, 0.995);

/// Minimum distance (in some free smoothing parameter) between two optimiser starts.
const MIN_START_DISTANCE: f64 = 0.15;

impl<'a> Fitter<'a> {
    fn new(
        y: &'a [f64],
        spec: &EtsSpec,
        opts: &EtsOptions,
        states: InitialStates,
        estimate_states: bool,
    ) -> Result<Self> {
        let m = spec.m();
        let init_alpha = opts.alpha.unwrap_or(0.5 / m.max(1) as f64);
        let init_beta = opts.beta.unwrap_or(0.1 * init_alpha);
        let init_gamma = opts.gamma.unwrap_or(0.05 * (1.0 - init_alpha));
        let init_phi = if spec.damped {
            opts.phi.unwrap_or(0.99)
        } else {
            1.0
        };
        let mut params = vec![
            init_alpha,
            if spec.trend { init_beta } else { 0.0 },
            if m > 0 { init_gamma } else { 0.0 },
            states.level,
            states.trend,
            init_phi,
        ];
        params.extend_from_slice(&states.seasonal);
        let mut sel = vec![
            opts.alpha.is_none(),
            spec.trend && opts.beta.is_none(),
            m > 0 && opts.gamma.is_none(),
            estimate_states,
            estimate_states && spec.trend,
            spec.damped && opts.phi.is_none(),
        ];
        sel.extend(core::iter::repeat_n(estimate_states, m));

        // statsmodels' _construct_bounds for the smoothing parameters.
        let mut sb: [(f64, f64); 3] = [(0.0, 1.0); 3];
        if let Some(a) = opts.alpha {
            sb[1].1 = sb[1].1.min(a);
            sb[2].1 = sb[2].1.min(1.0 - a);
        }
        if let Some(b) = opts.beta {
            sb[0].0 = sb[0].0.max(b);
        }
        if let Some(g) = opts.gamma {
            sb[0].1 = sb[0].1.min(1.0 - g);
        }
        let names = ["alpha", "beta", "gamma"];
        for (i, (lo, hi)) in sb.iter().enumerate() {
            if sel[i] && lo >= hi {
                return Err(ForecastError::option(
                    names[i],
                    "the fixed smoothing parameters leave no feasible range for it (statsmodels \
                     requires beta <= alpha and gamma <= 1 - alpha)",
                ));
            }
        }
        if sel[B] && sb[1].0 > sb[0].1 {
            return Err(ForecastError::option(
                "beta",
                "incompatible with the bounds of alpha (beta <= alpha)",
            ));
        }
        if sel[G] && sb[2].0 > 1.0 - sb[0].1 {
            return Err(ForecastError::option(
                "gamma",
                "incompatible with the bounds of alpha (gamma <= 1 - alpha)",
            ));
        }
        Ok(Fitter {
            y,
            spec: *spec,
            rec: Recursion::new(spec),
            params,
            sel,
            sbounds: sb,
            max_iterations: opts.max_iterations,
            grid_size: opts.grid_size,
            starts: opts.starts,
        })
    }

    fn m(&self) -> usize {
        self.rec.m
    }

    fn point(&self, raw: &[f64]) -> Point {
        Point {
            alpha: raw[A],
            beta: raw[B],
            gamma: raw[G],
            phi: raw[PHI],
            l0: raw[L0],
            b0: raw[B0],
            s0: raw[6..].to_vec(),
        }
    }

    fn alpha_range(&self) -> (f64, f64) {
        (
            self.sbounds[0].0.max(LOWER_BOUND),
            self.sbounds[0].1.min(1.0 - LOWER_BOUND),
        )
    }

    /// The interval the free beta maps onto: its bounds, and at most alpha's upper bound
    /// (beta <= alpha).
    fn beta_range(&self) -> (f64, f64) {
        let ahi = if self.sel[A] {
            self.alpha_range().1
        } else {
            self.params[A]
        };
        (self.sbounds[1].0, self.sbounds[1].1.min(ahi))
    }

    /// The interval the free gamma maps onto given beta: its bounds, and at most 1 minus
    /// alpha's lowest feasible value (gamma <= 1 - alpha, alpha >= beta).
    fn gamma_range(&self, beta: f64) -> (f64, f64) {
        let alo = if self.sel[A] {
            self.alpha_range().0.max(beta)
        } else {
            self.params[A]
        };
        (self.sbounds[2].0, self.sbounds[2].1.min(1.0 - alo))
    }

    /// The interval the free alpha maps onto given beta and gamma: its bounds, at least beta
    /// and at most 1 - gamma.
    fn alpha_interval(&self, beta: f64, gamma: f64) -> (f64, f64) {
        let (lo, hi) = self.alpha_range();
        (lo.max(beta), hi.min(1.0 - gamma))
    }

    /// Unit-cube coordinates of the free smoothing parameters (`u = [alpha, beta, gamma]`) to
    /// their values, so that beta <= alpha <= 1 - gamma always holds: beta first, then gamma,
    /// then alpha between them.
    ///
    /// statsmodels maps alpha first and then beta into [0, alpha] and gamma into
    /// [0, 1 - alpha]: gamma's interval collapses at alpha = 1 and beta's at alpha = 0, two
    /// common optima (a level that follows the data, and a fixed level), where the optimiser
    /// then no longer sees gamma or beta. On the reference grid an additive Holt-Winters fit
    /// (2 starts) stopped at alpha = 1, gamma = 0, 0.04% above statsmodels' SSE (alpha 0.9933,
    /// gamma 0.0067), for that reason. This order collapses an interval only where
    /// beta + gamma = 1. In the study of [`DEFAULT_STARTS`], fits more than 0.01% above
    /// statsmodels' SSE with 1, 2 and 4 starts: 15, 7 and 3 with this order, 19, 11 and 2 with
    /// statsmodels'.
    fn to_restricted(&self, u: [f64; 3], raw: &mut [f64]) {
        if self.sel[B] {
            let (lo, hi) = self.beta_range();
            raw[B] = lo + u[1] * (hi - lo);
        }
        if self.sel[G] {
            let (lo, hi) = self.gamma_range(raw[B]);
            raw[G] = lo + u[2] * (hi - lo);
        }
        if self.sel[A] {
            let (lo, hi) = self.alpha_interval(raw[B], raw[G]);
            raw[A] = lo + u[0] * (hi - lo);
        }
    }

    /// The inverse of [`Fitter::to_restricted`] (values outside the intervals are clamped).
    fn to_unrestricted(&self, raw: &[f64]) -> [f64; 3] {
        let ratio = |num: f64, den: f64| {
            if den > 0.0 {
                (num / den).clamp(0.0, 1.0)
            } else {
                0.0
            }
        };
        let mut u = [raw[A], raw[B], raw[G]];
        if self.sel[B] {
            let (lo, hi) = self.beta_range();
            u[1] = ratio(raw[B] - lo, hi - lo);
        }
        if self.sel[G] {
            let (lo, hi) = self.gamma_range(raw[B]);
            u[2] = ratio(raw[G] - lo, hi - lo);
        }
        if self.sel[A] {
            let (lo, hi) = self.alpha_interval(raw[B], raw[G]);
            u[0] = ratio(raw[A] - lo, hi - lo);
        }
        u
    }

    /// Chain rule through [`Fitter::to_restricted`]: the gradient with respect to the
    /// unit-cube coordinates from the one with respect to alpha, beta and gamma at `raw`.
    fn unit_gradient(&self, u: [f64; 3], raw: &[f64], g: [f64; 3]) -> [f64; 3] {
        let (beta, gamma) = (raw[B], raw[G]);
        // Reverse order of the map: alpha (depends on beta and gamma), gamma (on beta), beta.
        let (mut g_beta, mut g_gamma) = (g[1], g[2]);
        let mut d = [0.0; 3];
        if self.sel[A] {
            // alpha = lo + u (hi - lo), lo = max(alpha_lo, beta), hi = min(alpha_hi, 1 - gamma)
            let (alo, ahi) = self.alpha_range();
            let (lo, hi) = self.alpha_interval(beta, gamma);
            d[A] = g[0] * (hi - lo);
            if 1.0 - gamma < ahi {
                g_gamma -= g[0] * u[0];
            }
            if beta > alo {
                g_beta += g[0] * (1.0 - u[0]);
            }
        }
        if self.sel[G] {
            // gamma = lo + u (hi - lo), hi = min(gamma_hi, 1 - max(alpha_lo, beta))
            let (lo, hi) = self.gamma_range(beta);
            d[G] = g_gamma * (hi - lo);
            if self.sel[A] && beta > self.alpha_range().0 && 1.0 - beta < self.sbounds[2].1 {
                g_beta -= g_gamma * u[2];
            }
        }
        if self.sel[B] {
            let (lo, hi) = self.beta_range();
            d[B] = g_beta * (hi - lo);
        }
        d
    }

    /// statsmodels' `_setup_brute`: grid of starting values for the free smoothing parameters.
    fn grid(&self) -> Vec<[f64; 3]> {
        let nsel = self.sel[..3].iter().filter(|s| **s).count();
        let mut out = Vec::new();
        if nsel == 0 || self.grid_size == 0 {
            return out;
        }
        let ns = (self.grid_size / nsel).max(2);
        let base = [self.params[A], self.params[B], self.params[G]];
        let sb = self.sbounds;
        let linspace = |lo: f64, hi: f64, k: usize| -> Vec<f64> {
            if k <= 1 {
                return vec![lo];
            }
            (0..k)
                .map(|i| lo + (hi - lo) * i as f64 / (k - 1) as f64)
                .collect()
        };
        if !self.sel[A] {
            let alpha = base[0];
            let mut axes: Vec<(usize, Vec<f64>)> = Vec::new();
            for (i, &(lo, hi)) in sb.iter().enumerate().skip(1) {
                if self.sel[i] {
                    let step = hi - lo;
                    let ub = if i == 1 {
                        hi.min(alpha)
                    } else {
                        hi.min(1.0 - alpha)
                    } - 0.005 * step;
                    axes.push((i, linspace(lo + 0.005 * step, ub, ns)));
                }
            }
            match axes.as_slice() {
                [(i, xs)] => {
                    for &x in xs {
                        let mut p = base;
                        p[*i] = x;
                        out.push(p);
                    }
                }
                [(i, xs), (j, ys)] => {
                    for &yv in ys {
                        for &xv in xs {
                            let mut p = base;
                            p[*i] = xv;
                            p[*j] = yv;
                            out.push(p);
                        }
                    }
                }
                _ => {}
            }
            return out;
        }
        let (alo, ahi) = sb[0];
        let step = 0.005 * (ahi - alo);
        let alphas = linspace(alo + step, ahi - step, ns);
        let (blo, bhi) = sb[1];
        let (glo, ghi) = sb[2];
        for &a in &alphas {
            let b_ub = bhi.min(a);
            let g_ub = ghi.min(1.0 - a);
            if (self.sel[B] && blo > b_ub) || (self.sel[G] && glo > g_ub) {
                continue;
            }
            let bs = if self.sel[B] {
                let nb = libm::ceil(ns as f64 * libm::sqrt(a)) as usize;
                linspace(blo, b_ub, nb)
            } else {
                vec![base[1]]
            };
            let gs = if self.sel[G] {
                let ng = libm::ceil(ns as f64 * libm::sqrt(1.0 - a)) as usize;
                linspace(glo, g_ub, ng)
            } else {
                vec![base[2]]
            };
            for &g in &gs {
                for &b in &bs {
                    out.push([a, b, g]);
                }
            }
        }
        out
    }

    /// Starting points for the optimiser: the best grid point, then the next best ones that
    /// differ from every point already chosen by at least `MIN_START_DISTANCE` in some free
    /// smoothing parameter (so that the starts probe different basins), up to `starts`.
    fn starting_points(&self, starts: usize) -> Vec<[f64; 3]> {
        let grid = self.grid();
        if grid.is_empty() {
            return vec![[self.params[A], self.params[B], self.params[G]]];
        }
        let m = self.m();
        let mut ring = vec![0.0; m];
        let mut point = self.point(&self.params);
        let mut scored: Vec<(f64, [f64; 3])> = grid
            .iter()
            .map(|p| {
                point.alpha = p[0];
                point.beta = p[1];
                point.gamma = p[2];
                let v = self.rec.sse(&point, self.y, &mut ring);
                (if v.is_nan() { f64::INFINITY } else { v }, *p)
            })
            .collect();
        // Stable sort: ties keep the grid order, as statsmodels' strict `<` does.
        scored.sort_by(|a, b| a.0.partial_cmp(&b.0).unwrap_or(core::cmp::Ordering::Equal));
        let mut chosen: Vec<[f64; 3]> = Vec::with_capacity(starts);
        for (_, p) in scored {
            if chosen.len() >= starts.max(1) {
                break;
            }
            let far = chosen.iter().all(|c| {
                (0..3).any(|i| self.sel[i] && libm::fabs(c[i] - p[i]) >= MIN_START_DISTANCE)
            });
            if far {
                chosen.push(p);
            }
        }
        chosen
    }

    /// Runs the bounded optimiser from `start` (full raw parameter vector); returns the final
    /// SSE, the raw parameters, the iterations and whether it converged.
    fn optimize_from(&self, mut params: Vec<f64>, max_iter: usize) -> (f64, Vec<f64>, usize, bool) {
        let m = self.m();
        let y = self.y;
        // Bounds of the optimisation variables (statsmodels' mod_bounds).
        let mult = self.spec.seasonal == Seasonality::Multiplicative;
        let inf = f64::INFINITY;
        let mut lo_full = vec![
            0.0,
            0.0,
            0.0,
            if mult { 0.0 } else { -inf },
            -inf,
            PHI_BOUNDS.0,
        ];
        let mut hi_full = vec![1.0, 1.0, 1.0, inf, inf, PHI_BOUNDS.1];
        lo_full.extend(core::iter::repeat_n(if mult { 0.0 } else { -inf }, m));
        hi_full.extend(core::iter::repeat_n(inf, m));

        // statsmodels' _enforce_bounds: start strictly inside the bounds.
        for i in 0..params.len() {
            if !self.sel[i] {
                continue;
            }
            let (lo, hi) = (lo_full[i], hi_full[i]);
            if params[i] <= lo {
                let upper = if hi.is_finite() { hi } else { 100.0 };
                params[i] = lo + 1e-4 * (upper - lo);
            } else if params[i] >= hi {
                let lower = if lo.is_finite() { lo } else { -100.0 };
                params[i] = hi - 1e-4 * (hi - lower);
            }
        }
        let u = self.to_unrestricted(&params);
        let idx: Vec<usize> = (0..params.len()).filter(|&i| self.sel[i]).collect();
        // The optimiser works on comparably scaled variables, `raw = offset + scale * x`: the
        // smoothing parameters in statsmodels' unit cube, phi mapped from [0.8, 0.995] to
        // [0, 1], and the level, trend and additive seasonal states in units of the data's
        // spread (multiplicative factors are already of order 1). Unscaled, the first
        // (steepest-descent) step is dominated by whichever raw gradient is largest and can
        // throw phi across its whole box into a worse basin (on the reference grid, damped Holt
        // on the level-shift series ended at phi = 0.8 from every start, 0.5% above
        // statsmodels' SSE; scaled it reaches statsmodels' phi = 0.995). In the study of
        // `DEFAULT_STARTS` (4 starts), unscaled: 11 fits more than 0.01% above statsmodels'
        // SSE; scaled: 3.
        let spread = data_spread(y);
        let affine = |i: usize| -> (f64, f64) {
            match i {
                A | B | G => (0.0, 1.0),
                PHI => (lo_full[PHI], hi_full[PHI] - lo_full[PHI]),
                _ if i >= 6 && mult => (0.0, 1.0),
                _ => (0.0, spread),
            }
        };
        let mut x: Vec<f64> = idx
            .iter()
            .map(|&i| {
                let (off, sc) = affine(i);
                if i < 3 {
                    u[i]
                } else {
                    (params[i] - off) / sc
                }
            })
            .collect();
        let lo: Vec<f64> = idx
            .iter()
            .map(|&i| (lo_full[i] - affine(i).0) / affine(i).1)
            .collect();
        let hi: Vec<f64> = idx
            .iter()
            .map(|&i| (hi_full[i] - affine(i).0) / affine(i).1)
            .collect();
        // The objective is the SSE relative to the data's total variation, so that the
        // projected-gradient tolerance means the same for every series.
        let norm = y.len() as f64 * spread * spread;

        // Bounded quasi-Newton on the SSE with exact gradients.
        let mut ws = Workspace::new(y.len(), m);
        let mut grad = PointGrad {
            alpha: 0.0,
            beta: 0.0,
            gamma: 0.0,
            phi: 0.0,
            l0: 0.0,
            b0: 0.0,
            s0: vec![0.0; m],
        };
        let mut raw = params.clone();
        let mut point = self.point(&raw);
        let objective = |xv: &[f64], gv: &mut [f64]| -> f64 {
            let mut u = [raw[A], raw[B], raw[G]];
            for (k, &i) in idx.iter().enumerate() {
                if i < 3 {
                    u[i] = xv[k];
                } else {
                    let (off, sc) = affine(i);
                    raw[i] = off + sc * xv[k];
                }
            }
            self.to_restricted(u, &mut raw);
            point.alpha = raw[A];
            point.beta = raw[B];
            point.gamma = raw[G];
            point.phi = raw[PHI];
            point.l0 = raw[L0];
            point.b0 = raw[B0];
            point.s0.copy_from_slice(&raw[6..]);
            let f = self.rec.sse_grad(&point, y, &mut ws, &mut grad);
            let du = self.unit_gradient(u, &raw, [grad.alpha, grad.beta, grad.gamma]);
            for (k, &i) in idx.iter().enumerate() {
                let d = match i {
                    A | B | G => du[i],
                    L0 => grad.l0,
                    B0 => grad.b0,
                    PHI => grad.phi,
                    _ => grad.s0[i - 6],
                };
                gv[k] = d * affine(i).1 / norm;
            }
            f / norm
        };
        let settings = OptSettings {
            max_iter: max_iter.max(1),
            pgtol: ETS_PGTOL,
            ftol: ETS_FTOL,
            ..OptSettings::default()
        };
        let out = minimize_box(objective, &mut x, &lo, &hi, &settings);
        let mut u = [params[A], params[B], params[G]];
        for (k, &i) in idx.iter().enumerate() {
            if i < 3 {
                u[i] = x[k];
            } else {
                let (off, sc) = affine(i);
                params[i] = off + sc * x[k];
            }
        }
        self.to_restricted(u, &mut params);
        let f = if out.f.is_finite() {
            out.f * norm
        } else {
            f64::INFINITY
        };
        (f, params, out.iterations, out.converged)
    }

    fn run(mut self) -> Result<EtsFit> {
        let m = self.m();
        let y = self.y;
        let mut iterations = 0;
        let mut converged = true;
        if self.sel.iter().any(|s| *s) {
            // 1. Grid search over the free smoothing parameters with the states held fixed
            //    (statsmodels' brute-force start), keeping a few well-separated good points.
            // 2. Bounded quasi-Newton from each; the lowest SSE wins.
            let mut best: Option<(f64, Vec<f64>, bool)> = None;
            for start in self.starting_points(self.starts) {
                let mut params = self.params.clone();
                params[A] = start[0];
                params[B] = start[1];
                params[G] = start[2];
                let (f, p, it, conv) = self.optimize_from(params, self.max_iterations);
                iterations += it;
                if best.as_ref().is_none_or(|b| f < b.0) {
                    best = Some((f, p, conv));
                }
            }
            if let Some((_, p, conv)) = best {
                self.params = p;
                converged = conv;
            }
        }
        let point = self.point(&self.params);
        let (fitted, final_level, final_trend, final_seasonal, sse) = self.rec.smooth(&point, y);
        if !sse.is_finite() {
            return Err(ForecastError::Numerical(alloc::format!(
                "{} produced non-finite in-sample predictions with these parameters",
                self.spec.name()
            )));
        }
        Ok(EtsFit {
            spec: self.spec,
            alpha: point.alpha,
            beta: if self.spec.trend { point.beta } else { 0.0 },
            gamma: if m > 0 { point.gamma } else { 0.0 },
            phi: point.phi,
            initial_level: point.l0,
            initial_trend: if self.spec.trend { point.b0 } else { 0.0 },
            initial_seasonal: point.s0,
            final_level,
            final_trend,
            final_seasonal,
            fitted,
            sse,
            iterations,
            converged,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn series(n: usize, m: usize) -> Vec<f64> {
        (0..n)
            .map(|t| {
                let s = libm::sin(
                    2.0 * core::f64::consts::PI * (t % m.max(1)) as f64 / m.max(1) as f64,
                );
                50.0 + 0.3 * t as f64 + 5.0 * s + ((t * 7919) % 13) as f64 * 0.2
            })
            .collect()
    }

    fn check_gradient(spec: EtsSpec) {
        let y = series(40, spec.period.max(1));
        let rec = Recursion::new(&spec);
        let m = spec.m();
        let p = Point {
            alpha: 0.4,
            beta: 0.15,
            gamma: 0.2,
            phi: if spec.damped { 0.9 } else { 1.0 },
            l0: 48.0,
            b0: 0.2,
            s0: (0..m)
                .map(|j| {
                    if spec.seasonal == Seasonality::Multiplicative {
                        1.0 + 0.05 * j as f64 - 0.1
                    } else {
                        j as f64 - 1.5
                    }
                })
                .collect(),
        };
        let mut ws = Workspace::new(y.len(), m);
        let mut g = PointGrad {
            alpha: 0.0,
            beta: 0.0,
            gamma: 0.0,
            phi: 0.0,
            l0: 0.0,
            b0: 0.0,
            s0: vec![0.0; m],
        };
        let f0 = rec.sse_grad(&p, &y, &mut ws, &mut g);
        let mut ring = vec![0.0; m];
        assert!((rec.sse(&p, &y, &mut ring) - f0).abs() < 1e-9 * f0.max(1.0));
        let num = |f: &dyn Fn(&mut Point)| {
            let h = 1e-6;
            let mut a = p.clone();
            f(&mut a);
            let mut pa = p.clone();
            let mut pb = p.clone();
            // central difference along the perturbation direction defined by f
            let delta = |x: &Point, y0: &Point| -> Vec<f64> {
                let mut v = vec![
                    x.alpha - y0.alpha,
                    x.beta - y0.beta,
                    x.gamma - y0.gamma,
                    x.phi - y0.phi,
                    x.l0 - y0.l0,
                    x.b0 - y0.b0,
                ];
                v.extend(x.s0.iter().zip(&y0.s0).map(|(a, b)| a - b));
                v
            };
            let d = delta(&a, &p);
            let apply = |q: &mut Point, s: f64| {
                q.alpha += s * d[0];
                q.beta += s * d[1];
                q.gamma += s * d[2];
                q.phi += s * d[3];
                q.l0 += s * d[4];
                q.b0 += s * d[5];
                for (k, v) in q.s0.iter_mut().enumerate() {
                    *v += s * d[6 + k];
                }
            };
            apply(&mut pa, h);
            apply(&mut pb, -h);
            let mut r = vec![0.0; m];
            (rec.sse(&pa, &y, &mut r) - rec.sse(&pb, &y, &mut r)) / (2.0 * h)
        };
        let close = |a: f64, b: f64, what: &str| {
            assert!(
                (a - b).abs() <= 1e-4 * (1.0 + a.abs().max(b.abs())),
                "{spec:?} d/d{what}: analytic {a} vs numeric {b}"
            );
        };
        close(g.alpha, num(&|q: &mut Point| q.alpha += 1.0), "alpha");
        close(g.l0, num(&|q: &mut Point| q.l0 += 1.0), "l0");
        if spec.trend {
            close(g.beta, num(&|q: &mut Point| q.beta += 1.0), "beta");
            close(g.b0, num(&|q: &mut Point| q.b0 += 1.0), "b0");
            close(g.phi, num(&|q: &mut Point| q.phi += 1.0), "phi");
        }
        if m > 0 {
            close(g.gamma, num(&|q: &mut Point| q.gamma += 1.0), "gamma");
            for j in 0..m {
                close(g.s0[j], num(&|q: &mut Point| q.s0[j] += 1.0), "s0[j]");
            }
        }
    }

    #[test]
    fn reverse_mode_gradient_matches_finite_differences() {
        for trend in [false, true] {
            for damped in [false, true] {
                if damped && !trend {
                    continue;
                }
                for seasonal in [
                    Seasonality::None,
                    Seasonality::Additive,
                    Seasonality::Multiplicative,
                ] {
                    check_gradient(EtsSpec {
                        trend,
                        damped,
                        seasonal,
                        period: 4,
                    });
                }
            }
        }
    }

    /// The chain rule through the unit-cube map of the smoothing parameters, against central
    /// differences, with every combination of fixed and free parameters and at points where
    /// each of the map's bounds is the active one.
    #[test]
    fn unit_cube_gradient_matches_finite_differences() {
        let spec = EtsSpec {
            trend: true,
            damped: false,
            seasonal: Seasonality::Additive,
            period: 4,
        };
        let y = series(40, 4);
        let states = initial_simple(&y, &spec).unwrap();
        let fixed_sets: [(Option<f64>, Option<f64>, Option<f64>); 5] = [
            (None, None, None),
            (Some(0.6), None, None),
            (None, Some(0.2), None),
            (None, None, Some(0.3)),
            (None, Some(0.1), Some(0.2)),
        ];
        let points = [
            [0.3, 0.4, 0.5],
            [0.9, 0.2, 0.8],
            [0.1, 0.9, 0.95],
            [0.5, 0.05, 0.1],
        ];
        for (alpha, beta, gamma) in fixed_sets {
            let opts = EtsOptions {
                alpha,
                beta,
                gamma,
                ..EtsOptions::default()
            };
            let fitter = Fitter::new(&y, &spec, &opts, states.clone(), false).unwrap();
            let f = |u: [f64; 3]| {
                let mut raw = fitter.params.clone();
                fitter.to_restricted(u, &mut raw);
                assert!(raw[B] <= raw[A] + 1e-12 && raw[G] <= 1.0 - raw[A] + 1e-12);
                fitter.rec.sse(&fitter.point(&raw), &y, &mut [0.0; 4])
            };
            for u in points {
                let mut raw = fitter.params.clone();
                fitter.to_restricted(u, &mut raw);
                // The inverse map recovers u for the free parameters.
                let back = fitter.to_unrestricted(&raw);
                for i in 0..3 {
                    if fitter.sel[i] {
                        assert!((back[i] - u[i]).abs() < 1e-12, "{back:?} vs {u:?}");
                    }
                }
                let mut ws = Workspace::new(y.len(), 4);
                let mut g = PointGrad {
                    alpha: 0.0,
                    beta: 0.0,
                    gamma: 0.0,
                    phi: 0.0,
                    l0: 0.0,
                    b0: 0.0,
                    s0: vec![0.0; 4],
                };
                fitter
                    .rec
                    .sse_grad(&fitter.point(&raw), &y, &mut ws, &mut g);
                let du = fitter.unit_gradient(u, &raw, [g.alpha, g.beta, g.gamma]);
                for i in 0..3 {
                    let h = 1e-6;
                    let (mut up, mut dn) = (u, u);
                    up[i] += h;
                    dn[i] -= h;
                    let num = if fitter.sel[i] {
                        (f(up) - f(dn)) / (2.0 * h)
                    } else {
                        0.0
                    };
                    assert!(
                        (du[i] - num).abs() <= 1e-5 * (1.0 + num.abs()),
                        "fixed {:?}, u {u:?}, d/du[{i}]: analytic {} vs numeric {num}",
                        (alpha, beta, gamma),
                        du[i]
                    );
                }
            }
        }
    }

    /// With alpha = 0, gamma = 1 and a neutral level (0 additive, 1 multiplicative, no trend
    /// movement), the seasonal factor of each season is its last observation, so the forecast
    /// is the seasonal naive one at every horizon, h = m, 2m, 3m included (where statsmodels
    /// 0.15 returns the observation of one season earlier).
    #[test]
    fn forecasts_every_season_from_its_last_update() {
        let y: Vec<f64> = (0..22).map(|t| 10.0 + ((t * 7) % 5) as f64).collect();
        let m = 4;
        for seasonal in [Seasonality::Additive, Seasonality::Multiplicative] {
            for (trend, damped) in [(false, false), (true, false), (true, true)] {
                let spec = EtsSpec {
                    trend,
                    damped,
                    seasonal,
                    period: m,
                };
                let opts = EtsOptions {
                    initialization: Initialization::Known,
                    alpha: Some(0.0),
                    beta: trend.then_some(0.0),
                    gamma: Some(1.0),
                    phi: damped.then_some(0.9),
                    initial_level: Some(if seasonal == Seasonality::Additive {
                        0.0
                    } else {
                        1.0
                    }),
                    initial_trend: trend.then_some(0.0),
                    initial_seasonal: Some(y[..m].to_vec()),
                    ..EtsOptions::default()
                };
                let fc = fit(&y, &spec, &opts).unwrap().forecast(3 * m).unwrap();
                let naive: Vec<f64> = (0..3 * m).map(|k| y[y.len() - m + k % m]).collect();
                assert_eq!(fc, naive, "{spec:?}");
            }
        }
    }

    #[test]
    fn ses_with_alpha_one_is_naive() {
        let y = [3.0, 5.0, 4.0, 8.0];
        let opts = EtsOptions {
            alpha: Some(1.0),
            initialization: Initialization::Known,
            initial_level: Some(3.0),
            ..EtsOptions::default()
        };
        let fit = fit(&y, &EtsSpec::SES, &opts).unwrap();
        assert_eq!(fit.forecast(2).unwrap(), vec![8.0, 8.0]);
        assert_eq!(fit.fitted(), &[3.0, 3.0, 5.0, 4.0]);
    }

    #[test]
    fn fitted_holt_winters_recovers_a_clean_seasonal_pattern() {
        let y = series(96, 12);
        let spec = EtsSpec {
            trend: true,
            damped: false,
            seasonal: Seasonality::Additive,
            period: 12,
        };
        let fit = fit(&y, &spec, &EtsOptions::default()).unwrap();
        let var = {
            let mean = y.iter().sum::<f64>() / y.len() as f64;
            y.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>() / y.len() as f64
        };
        assert!(
            fit.sse / (y.len() as f64) < 0.05 * var,
            "mse {}",
            fit.sse / 96.0
        );
        assert!(fit.alpha >= 0.0 && fit.alpha <= 1.0);
        assert!(fit.beta <= fit.alpha + 1e-12);
        assert!(fit.gamma <= 1.0 - fit.alpha + 1e-12);
    }

    #[test]
    fn bad_input_is_reported() {
        let hw = EtsSpec {
            trend: true,
            damped: false,
            seasonal: Seasonality::Multiplicative,
            period: 12,
        };
        let short = series(23, 12);
        let e = fit(&short, &hw, &EtsOptions::default()).unwrap_err();
        assert!(
            matches!(
                e,
                ForecastError::TooShort {
                    needed: 24,
                    got: 23,
                    ..
                }
            ),
            "{e}"
        );
        let mut y = series(48, 12);
        y[5] = -1.0;
        let e = fit(&y, &hw, &EtsOptions::default()).unwrap_err();
        assert!(
            matches!(e, ForecastError::NonPositive { index: 5, .. }),
            "{e}"
        );
        y[5] = f64::NAN;
        let e = fit(&y, &hw, &EtsOptions::default()).unwrap_err();
        assert!(
            matches!(e, ForecastError::NonFinite { index: 5, .. }),
            "{e}"
        );
        let opts = EtsOptions {
            alpha: Some(1.5),
            ..EtsOptions::default()
        };
        assert!(fit(&series(48, 12), &hw, &opts).is_err());
        let opts = EtsOptions {
            initialization: Initialization::Known,
            ..EtsOptions::default()
        };
        let e = fit(&series(48, 12), &hw, &opts).unwrap_err();
        assert!(alloc::format!("{e}").contains("initialLevel"), "{e}");
    }
}
