//! Autoregression AR(p) with an intercept, estimated by ordinary least squares on
//! `y_t = c + phi_1 y_{t-1} + ... + phi_p y_{t-p} + e_t` for `t = p .. n-1` (statsmodels'
//! `AutoReg(y, lags=p, trend="c")`). Forecasts are computed recursively.

use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;

use crate::error::{check_horizon, check_len, check_series, ForecastError, Result};
use crate::linalg::lstsq;

/// A fitted AR(p) model.
#[derive(Debug, Clone)]
pub struct ArFit {
    /// The intercept `c`.
    pub intercept: f64,
    /// `phi_1 .. phi_p`.
    pub coefficients: Vec<f64>,
    /// The last `p` observations, oldest first.
    tail: Vec<f64>,
    fitted: Vec<f64>,
    /// Sum of squared residuals over `t = p .. n-1`.
    pub sse: f64,
}

/// Fits AR(`lags`) with an intercept to `y` by least squares.
pub fn fit(y: &[f64], lags: usize) -> Result<ArFit> {
    check_series(y)?;
    let needed = 2 * lags + 1;
    check_len(
        "AR",
        y,
        needed,
        "AR(p) regresses n - p values on p lags and an intercept, so n - p >= p + 1",
    )?;
    let n = y.len();
    let rows = n - lags;
    let cols = lags + 1;
    let mut a = Vec::with_capacity(rows * cols);
    for t in lags..n {
        a.push(1.0);
        for j in 1..=lags {
            a.push(y[t - j]);
        }
    }
    let params = lstsq(&a, rows, cols, &y[lags..]).ok_or_else(|| {
        ForecastError::Numerical(String::from(
            "the AR least-squares system could not be solved",
        ))
    })?;
    let intercept = params[0];
    let coefficients = params[1..].to_vec();
    let mut fitted = vec![f64::NAN; n];
    let mut sse = 0.0;
    for t in lags..n {
        let mut f = intercept;
        for (j, c) in coefficients.iter().enumerate() {
            f += c * y[t - 1 - j];
        }
        fitted[t] = f;
        sse += (y[t] - f) * (y[t] - f);
    }
    Ok(ArFit {
        intercept,
        coefficients,
        tail: y[n - lags..].to_vec(),
        fitted,
        sse,
    })
}

impl ArFit {
    /// The order `p`.
    pub fn lags(&self) -> usize {
        self.coefficients.len()
    }

    /// In-sample one-step predictions (NaN for the first `p` values).
    pub fn fitted(&self) -> &[f64] {
        &self.fitted
    }

    /// Mean squared residual (statsmodels' `sigma2`).
    pub fn mse(&self) -> f64 {
        self.sse / (self.fitted.len() - self.lags()) as f64
    }

    /// Recursive forecasts `horizon` steps ahead.
    pub fn forecast(&self, horizon: usize) -> Result<Vec<f64>> {
        check_horizon(horizon)?;
        let p = self.lags();
        let mut hist = self.tail.clone();
        let mut out = Vec::with_capacity(horizon);
        for _ in 0..horizon {
            let len = hist.len();
            let mut f = self.intercept;
            for (j, c) in self.coefficients.iter().enumerate() {
                f += c * hist[len - 1 - j];
            }
            out.push(f);
            if p > 0 {
                hist.push(f);
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recovers_a_noise_free_ar2() {
        let mut y = vec![1.0, 2.0];
        for t in 2..30 {
            let v = 0.5 + 0.6 * y[t - 1] - 0.2 * y[t - 2];
            y.push(v + if t % 2 == 0 { 1e-3 } else { -1e-3 });
        }
        let fit = fit(&y, 2).unwrap();
        assert!(
            (fit.coefficients[0] - 0.6).abs() < 0.01,
            "{:?}",
            fit.coefficients
        );
        assert!((fit.coefficients[1] + 0.2).abs() < 0.01);
        let fc = fit.forecast(3).unwrap();
        let expect = fit.intercept + fit.coefficients[0] * y[29] + fit.coefficients[1] * y[28];
        assert!((fc[0] - expect).abs() < 1e-12);
    }

    #[test]
    fn too_short_and_constant_series() {
        let e = fit(&[1.0, 2.0, 3.0, 4.0], 2).unwrap_err();
        assert!(matches!(
            e,
            ForecastError::TooShort {
                needed: 5,
                got: 4,
                ..
            }
        ));
        // A constant series has collinear regressors: still a finite answer.
        let fit = fit(&[5.0; 12], 2).unwrap();
        let fc = fit.forecast(2).unwrap();
        assert!(
            (fc[0] - 5.0).abs() < 1e-6 && (fc[1] - 5.0).abs() < 1e-6,
            "{fc:?}"
        );
    }
}
