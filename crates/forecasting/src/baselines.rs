//! Benchmark forecasters: naive, seasonal naive, historic mean, random walk with drift and
//! window (moving) average, as defined in Hyndman & Athanasopoulos, *Forecasting: Principles and
//! Practice*, section 5.2.
//!
//! Each `fit` returns a [`Baseline`] that knows its in-sample one-step predictions (NaN where a
//! method has no prediction, e.g. the first value for the naive method) and its forecasts.

use alloc::vec;
use alloc::vec::Vec;

use crate::error::{check_horizon, check_len, check_series, ForecastError, Result};

/// Which benchmark method a [`Baseline`] uses.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum BaselineMethod {
    /// Forecast = last observation.
    Naive,
    /// Forecast = observation one season earlier.
    SeasonalNaive {
        /// Season length (at least 1).
        period: usize,
    },
    /// Forecast = mean of all observations.
    Mean,
    /// Random walk with drift: last observation plus the average change per step.
    Drift,
    /// Forecast = mean of the last `window` observations.
    WindowAverage {
        /// Number of trailing observations averaged (at least 1).
        window: usize,
    },
}

/// A fitted benchmark forecaster.
#[derive(Debug, Clone)]
pub struct Baseline {
    method: BaselineMethod,
    /// The values the forecasts are built from (the last `period`/`window` values, or the last
    /// value).
    tail: Vec<f64>,
    /// Mean of the series (historic mean) or drift per step.
    stat: f64,
    fitted: Vec<f64>,
}

impl Baseline {
    /// Fits the method to `y` (non-empty, finite, long enough for the method).
    pub fn fit(method: BaselineMethod, y: &[f64]) -> Result<Self> {
        check_series(y)?;
        let n = y.len();
        let mut fitted = vec![f64::NAN; n];
        let (tail, stat) = match method {
            BaselineMethod::Naive => {
                fitted[1..n].copy_from_slice(&y[..n - 1]);
                (y[n - 1..].to_vec(), 0.0)
            }
            BaselineMethod::SeasonalNaive { period } => {
                if period == 0 {
                    return Err(ForecastError::option("period", "must be at least 1"));
                }
                check_len(
                    "seasonal naive",
                    y,
                    period,
                    "one full season is needed to forecast",
                )?;
                fitted[period..n].copy_from_slice(&y[..n - period]);
                (y[n - period..].to_vec(), 0.0)
            }
            BaselineMethod::Mean => {
                let mean = y.iter().sum::<f64>() / n as f64;
                fitted.iter_mut().for_each(|f| *f = mean);
                (Vec::new(), mean)
            }
            BaselineMethod::Drift => {
                check_len(
                    "random walk with drift",
                    y,
                    2,
                    "the drift is the average change between consecutive values",
                )?;
                let drift = (y[n - 1] - y[0]) / (n - 1) as f64;
                for t in 1..n {
                    fitted[t] = y[t - 1] + drift;
                }
                (y[n - 1..].to_vec(), drift)
            }
            BaselineMethod::WindowAverage { window } => {
                if window == 0 {
                    return Err(ForecastError::option("window", "must be at least 1"));
                }
                check_len(
                    "window average",
                    y,
                    window,
                    "the forecast averages the last `window` values",
                )?;
                let mut sum: f64 = y[..window].iter().sum();
                for t in window..n {
                    fitted[t] = sum / window as f64;
                    sum += y[t] - y[t - window];
                }
                let mean = y[n - window..].iter().sum::<f64>() / window as f64;
                (Vec::new(), mean)
            }
        };
        Ok(Baseline {
            method,
            tail,
            stat,
            fitted,
        })
    }

    /// The method used.
    pub fn method(&self) -> BaselineMethod {
        self.method
    }

    /// In-sample one-step predictions (NaN where the method has none).
    pub fn fitted(&self) -> &[f64] {
        &self.fitted
    }

    /// The historic mean (mean method), the drift per step (drift method), or the trailing
    /// window mean (window average); 0 for the others.
    pub fn statistic(&self) -> f64 {
        self.stat
    }

    /// Forecasts `horizon` steps ahead.
    pub fn forecast(&self, horizon: usize) -> Result<Vec<f64>> {
        check_horizon(horizon)?;
        let last = self.tail.last().copied().unwrap_or(self.stat);
        let out = match self.method {
            BaselineMethod::Naive => vec![last; horizon],
            BaselineMethod::SeasonalNaive { period } => (0..horizon)
                .map(|k| self.tail.get(k % period).copied().unwrap_or(last))
                .collect(),
            BaselineMethod::Mean | BaselineMethod::WindowAverage { .. } => {
                vec![self.stat; horizon]
            }
            BaselineMethod::Drift => (1..=horizon).map(|k| last + k as f64 * self.stat).collect(),
        };
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const Y: [f64; 8] = [1.0, 3.0, 2.0, 5.0, 4.0, 6.0, 5.0, 8.0];

    #[test]
    fn naive_repeats_last_value() {
        let b = Baseline::fit(BaselineMethod::Naive, &Y).unwrap();
        assert_eq!(b.forecast(3).unwrap(), vec![8.0, 8.0, 8.0]);
        assert!(b.fitted()[0].is_nan());
        assert_eq!(b.fitted()[3], 2.0);
    }

    #[test]
    fn seasonal_naive_repeats_last_season() {
        let b = Baseline::fit(BaselineMethod::SeasonalNaive { period: 3 }, &Y).unwrap();
        assert_eq!(
            b.forecast(5).unwrap(),
            vec![6.0, 5.0, 8.0, 6.0, 5.0],
            "last season is [6, 5, 8]"
        );
        assert_eq!(b.fitted()[5], Y[2]);
        assert!(b.fitted()[2].is_nan());
    }

    #[test]
    fn mean_and_drift_and_window() {
        let mean = Baseline::fit(BaselineMethod::Mean, &Y).unwrap();
        assert_eq!(mean.forecast(2).unwrap(), vec![4.25, 4.25]);
        let drift = Baseline::fit(BaselineMethod::Drift, &Y).unwrap();
        assert_eq!(drift.forecast(2).unwrap(), vec![9.0, 10.0]);
        assert_eq!(drift.fitted()[1], 2.0);
        let win = Baseline::fit(BaselineMethod::WindowAverage { window: 4 }, &Y).unwrap();
        assert_eq!(win.forecast(1).unwrap(), vec![5.75]);
        assert_eq!(win.fitted()[4], 2.75);
        assert_eq!(win.fitted()[7], 5.0);
    }

    #[test]
    fn bad_input_is_an_error() {
        assert_eq!(
            Baseline::fit(BaselineMethod::Naive, &[]).unwrap_err(),
            ForecastError::EmptySeries
        );
        assert!(matches!(
            Baseline::fit(BaselineMethod::Naive, &[1.0, f64::NAN]).unwrap_err(),
            ForecastError::NonFinite { index: 1, .. }
        ));
        assert!(matches!(
            Baseline::fit(BaselineMethod::SeasonalNaive { period: 12 }, &Y).unwrap_err(),
            ForecastError::TooShort { needed: 12, .. }
        ));
        assert!(Baseline::fit(BaselineMethod::Drift, &[1.0]).is_err());
        assert!(Baseline::fit(BaselineMethod::WindowAverage { window: 0 }, &Y).is_err());
        let b = Baseline::fit(BaselineMethod::Naive, &Y).unwrap();
        assert_eq!(b.forecast(0).unwrap_err(), ForecastError::ZeroHorizon);
    }
}
