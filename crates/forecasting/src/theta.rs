//! The Theta method (Assimakopoulos & Nikolopoulos 2000) as implemented by statsmodels'
//! `ThetaModel` (Hyndman & Billah 2003 formulation):
//!
//! 1. optionally test for seasonality (autocorrelation at the seasonal lag, 10% level) and
//!    deseasonalise with a classical moving-average decomposition (multiplicative when the data
//!    are positive and the factors are, additive otherwise);
//! 2. estimate the drift `b0` by OLS of the (deseasonalised) data on a time trend, and `alpha`
//!    by simple exponential smoothing with the first value as initial level;
//! 3. forecast `w b0 (h - 1 + 1/alpha - (1 - alpha)^n / alpha) + SES forecast` with
//!    `w = (theta - 1) / theta`, then reseasonalise.

use alloc::vec;
use alloc::vec::Vec;

use crate::error::{check_horizon, check_len, check_positive, check_series, ForecastError, Result};
use crate::ets::{self, EtsFit, EtsOptions, EtsSpec, Initialization};

/// How the series is deseasonalised.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ThetaMethod {
    /// Multiplicative if every value is positive, additive otherwise.
    Auto,
    /// Additive decomposition.
    Additive,
    /// Multiplicative decomposition (needs positive data).
    Multiplicative,
}

/// Options of the Theta method (statsmodels' defaults).
#[derive(Debug, Clone, PartialEq)]
pub struct ThetaOptions {
    /// Season length; 1 (or 0) means no seasonality.
    pub period: usize,
    /// Whether to deseasonalise (if the test says so, when `use_test`).
    pub deseasonalize: bool,
    /// Whether to test for seasonality before deseasonalising.
    pub use_test: bool,
    /// Whether the seasonality test runs on the differenced series.
    pub difference: bool,
    /// Decomposition type.
    pub method: ThetaMethod,
    /// The theta parameter (>= 1); 2 is the classical Theta method.
    pub theta: f64,
    /// SES smoothing parameter; fitted by least squares when `None`.
    pub alpha: Option<f64>,
    /// Optimiser iteration limit of the SES fit.
    pub max_iterations: usize,
    /// Starting-value grid resolution of the SES fit (see [`EtsOptions::grid_size`]).
    pub grid_size: usize,
    /// Optimiser starts of the SES fit (see [`EtsOptions::starts`]).
    pub starts: usize,
}

impl Default for ThetaOptions {
    fn default() -> Self {
        ThetaOptions {
            period: 1,
            deseasonalize: true,
            use_test: true,
            difference: false,
            method: ThetaMethod::Auto,
            theta: 2.0,
            alpha: None,
            max_iterations: EtsOptions::default().max_iterations,
            grid_size: ets::DEFAULT_GRID_SIZE,
            starts: ets::DEFAULT_STARTS,
        }
    }
}

/// A fitted Theta model.
#[derive(Debug, Clone)]
pub struct ThetaFit {
    /// Drift: slope of the OLS time trend of the (deseasonalised) data.
    pub b0: f64,
    /// SES smoothing parameter.
    pub alpha: f64,
    /// The theta parameter.
    pub theta: f64,
    method: ThetaMethod,
    seasonal: Vec<f64>,
    period: usize,
    nobs: usize,
    ses: EtsFit,
    fitted: Vec<f64>,
}

/// Sample autocorrelations at lags 0..=nlags (statsmodels' `acf`, not adjusted).
pub fn acf(x: &[f64], nlags: usize) -> Vec<f64> {
    let n = x.len();
    let mean = x.iter().sum::<f64>() / n.max(1) as f64;
    let c0: f64 = x.iter().map(|v| (v - mean) * (v - mean)).sum();
    (0..=nlags)
        .map(|k| {
            if k >= n || c0 == 0.0 {
                return if k == 0 { 1.0 } else { 0.0 };
            }
            let ck: f64 = (0..n - k).map(|t| (x[t] - mean) * (x[t + k] - mean)).sum();
            ck / c0
        })
        .collect()
}

/// Classical decomposition factors (statsmodels' `seasonal_decompose` with a centred moving
/// average): one factor per season position, normalised to mean 1 (multiplicative) or 0.
pub fn seasonal_factors(y: &[f64], period: usize, multiplicative: bool) -> Result<Vec<f64>> {
    check_len(
        "seasonal decomposition",
        y,
        2 * period,
        "the moving-average decomposition needs two full cycles",
    )?;
    if multiplicative {
        check_positive("multiplicative seasonal decomposition", y)?;
    }
    let n = y.len();
    let half = period / 2;
    let mut sums = vec![0.0; period];
    let mut counts = vec![0usize; period];
    for t in half..n - half {
        let trend = if period % 2 == 0 {
            let inner: f64 = y[t + 1 - half..t + half].iter().sum();
            (inner + 0.5 * (y[t - half] + y[t + half])) / period as f64
        } else {
            y[t - half..=t + half].iter().sum::<f64>() / period as f64
        };
        let d = if multiplicative {
            y[t] / trend
        } else {
            y[t] - trend
        };
        sums[t % period] += d;
        counts[t % period] += 1;
    }
    let mut f: Vec<f64> = sums
        .iter()
        .zip(&counts)
        .map(|(s, &c)| s / c.max(1) as f64)
        .collect();
    let mean = f.iter().sum::<f64>() / period as f64;
    for v in f.iter_mut() {
        if multiplicative {
            *v /= mean;
        } else {
            *v -= mean;
        }
    }
    if f.iter().any(|v| !v.is_finite()) {
        return Err(ForecastError::Numerical(alloc::string::String::from(
            "the seasonal decomposition produced non-finite factors",
        )));
    }
    Ok(f)
}

/// Fits the Theta method to `y`.
pub fn fit(y: &[f64], opts: &ThetaOptions) -> Result<ThetaFit> {
    check_series(y)?;
    check_len(
        "the Theta method",
        y,
        2,
        "SES and a trend line need 2 values",
    )?;
    if !(opts.theta.is_finite() && opts.theta >= 1.0) {
        return Err(ForecastError::option(
            "theta",
            "must be a finite number >= 1",
        ));
    }
    let n = y.len();
    let mut method = match opts.method {
        ThetaMethod::Auto => {
            if y.iter().all(|v| *v > 0.0) {
                ThetaMethod::Multiplicative
            } else {
                ThetaMethod::Additive
            }
        }
        m => m,
    };
    let period = opts.period;
    let mut seasonal = Vec::new();
    if opts.deseasonalize && period > 1 {
        check_len(
            "the Theta method with deseasonalisation",
            y,
            2 * period,
            "the seasonality test and decomposition need two full cycles (or set \
             deseasonalize: false)",
        )?;
        let has_seasonality = if opts.use_test {
            let diffed: Vec<f64>;
            let x: &[f64] = if opts.difference {
                diffed = y.windows(2).map(|w| w[1] - w[0]).collect();
                &diffed
            } else {
                y
            };
            let rho = acf(x, period);
            let denom: f64 = rho[..period].iter().map(|r| r * r).sum();
            let stat = x.len() as f64 * rho[period] * rho[period] / denom;
            stat > 2.705_543_454_095_404
        } else {
            true
        };
        if has_seasonality {
            let mut f = seasonal_factors(y, period, method == ThetaMethod::Multiplicative)?;
            if method == ThetaMethod::Multiplicative && f.iter().any(|v| *v <= 0.0) {
                method = ThetaMethod::Additive;
                f = seasonal_factors(y, period, false)?;
            }
            seasonal = f;
        }
    }
    let mult = method == ThetaMethod::Multiplicative;
    let deseasonalized: Vec<f64> = y
        .iter()
        .enumerate()
        .map(|(t, v)| match seasonal.get(t % period.max(1)) {
            Some(s) if mult => v / s,
            Some(s) => v - s,
            None => *v,
        })
        .collect();
    // OLS slope on t = 0 .. n-1.
    let tbar = (n - 1) as f64 / 2.0;
    let ybar = deseasonalized.iter().sum::<f64>() / n as f64;
    let (mut sxy, mut sxx) = (0.0, 0.0);
    for (t, v) in deseasonalized.iter().enumerate() {
        let dt = t as f64 - tbar;
        sxy += dt * (v - ybar);
        sxx += dt * dt;
    }
    let b0 = sxy / sxx;
    let ses = ets::fit(
        &deseasonalized,
        &EtsSpec::SES,
        &EtsOptions {
            initialization: Initialization::Known,
            initial_level: deseasonalized.first().copied(),
            alpha: opts.alpha,
            max_iterations: opts.max_iterations,
            grid_size: opts.grid_size,
            starts: opts.starts,
            ..EtsOptions::default()
        },
    )?;
    let alpha = ses.alpha;
    let w = theta_weight(opts.theta);
    let reseason = |t: usize, v: f64| match seasonal.get(t % period.max(1)) {
        Some(s) if mult => v * s,
        Some(s) => v + s,
        None => v,
    };
    // In-sample: the one-step Theta forecast from every origin t (using the full-sample b0).
    let mut fitted = Vec::with_capacity(n);
    let mut decay = 1.0; // (1 - alpha)^t
    for (t, f) in ses.fitted().iter().enumerate() {
        let trend = if alpha > 0.0 {
            b0 * (1.0 - decay) / alpha
        } else {
            0.0
        };
        fitted.push(reseason(t, f + w * trend));
        decay *= 1.0 - alpha;
    }
    Ok(ThetaFit {
        b0,
        alpha,
        theta: opts.theta,
        method,
        seasonal,
        period,
        nobs: n,
        ses,
        fitted,
    })
}

fn theta_weight(theta: f64) -> f64 {
    if theta < 4.0 / f64::EPSILON {
        (theta - 1.0) / theta
    } else {
        1.0
    }
}

impl ThetaFit {
    /// Whether the series was deseasonalised.
    pub fn is_seasonal(&self) -> bool {
        !self.seasonal.is_empty()
    }

    /// The seasonal factors (one per season position; empty when not seasonal).
    pub fn seasonal_factors(&self) -> &[f64] {
        &self.seasonal
    }

    /// The decomposition actually used (`Auto` resolved).
    pub fn method_used(&self) -> ThetaMethod {
        self.method
    }

    /// In-sample mean squared one-step error of the SES stage on the deseasonalised data.
    pub fn ses_mse(&self) -> f64 {
        self.ses.sse / self.nobs as f64
    }

    /// In-sample one-step predictions: the Theta forecast formula applied at each origin.
    pub fn fitted(&self) -> &[f64] {
        &self.fitted
    }

    /// Forecasts `horizon` steps ahead.
    pub fn forecast(&self, horizon: usize) -> Result<Vec<f64>> {
        check_horizon(horizon)?;
        let alpha = self.alpha;
        let offset = if alpha > 0.0 {
            1.0 / alpha - libm::pow(1.0 - alpha, self.nobs as f64) / alpha
        } else {
            0.0
        };
        let w = theta_weight(self.theta);
        let one_step = self.ses.final_level;
        let mult = self.method == ThetaMethod::Multiplicative;
        Ok((0..horizon)
            .map(|k| {
                let v = w * self.b0 * (k as f64 + offset) + one_step;
                match self.seasonal.get((self.nobs + k) % self.period.max(1)) {
                    Some(s) if mult => v * s,
                    Some(s) => v + s,
                    None => v,
                }
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn linear_series_is_extrapolated() {
        // A noiseless line: SES with alpha = 1 and theta = 2 gives last value + b0/2 * h-ish;
        // the theta line through the data with theta -> infinity gives the pure trend.
        let y: Vec<f64> = (0..20).map(|t| 10.0 + 2.0 * t as f64).collect();
        let opts = ThetaOptions {
            deseasonalize: false,
            alpha: Some(1.0),
            theta: 2.0,
            ..ThetaOptions::default()
        };
        let fit = fit(&y, &opts).unwrap();
        assert!((fit.b0 - 2.0).abs() < 1e-12);
        let fc = fit.forecast(2).unwrap();
        // h=1: 0.5 * 2 * (0 + 1 - 0) + 48 = 49
        assert!((fc[0] - 49.0).abs() < 1e-9, "{fc:?}");
        assert!((fc[1] - 50.0).abs() < 1e-9, "{fc:?}");
    }

    #[test]
    fn detects_strong_seasonality() {
        let y: Vec<f64> = (0..48)
            .map(|t| 100.0 + [10.0, -5.0, 3.0, -8.0][t % 4] + 0.1 * t as f64)
            .collect();
        let fit = fit(
            &y,
            &ThetaOptions {
                period: 4,
                ..ThetaOptions::default()
            },
        )
        .unwrap();
        assert!(fit.is_seasonal());
        assert_eq!(fit.method_used(), ThetaMethod::Multiplicative);
        let fc = fit.forecast(4).unwrap();
        // Season 0 (t = 48) is the high one.
        assert!(fc[0] > fc[1] && fc[0] > fc[3], "{fc:?}");
    }

    #[test]
    fn bad_input() {
        assert!(fit(&[1.0], &ThetaOptions::default()).is_err());
        let e = fit(
            &[1.0, 2.0, 3.0, 4.0, 5.0],
            &ThetaOptions {
                period: 4,
                ..ThetaOptions::default()
            },
        )
        .unwrap_err();
        assert!(
            matches!(e, ForecastError::TooShort { needed: 8, .. }),
            "{e}"
        );
        let e = fit(
            &[1.0, 2.0, 3.0],
            &ThetaOptions {
                theta: 0.5,
                ..ThetaOptions::default()
            },
        )
        .unwrap_err();
        assert!(matches!(e, ForecastError::InvalidOption { .. }));
    }
}
