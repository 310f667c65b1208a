//! Linear neural-forecasting baselines from Zeng et al., "Are Transformers Effective for Time
//! Series Forecasting?" (AAAI 2023):
//!
//! * **DLinear**: the input window is split by a moving average (kernel `k`, edges padded by
//!   repeating the first/last value, as in the paper's code) into a trend and a remainder, and
//!   one linear layer per component maps the window to the output steps; the outputs are summed.
//! * **NLinear**: the window's last value is subtracted, one linear layer maps the window to the
//!   output steps, and the last value is added back.
//!
//! Both models are linear in their weights, so the training objective (mean squared error over
//! all training windows, plus an L2 penalty `ridge * ||W||^2`) is minimised exactly by solving
//! the ridge normal equations (Cholesky) instead of running stochastic gradient descent. The
//! series is standardised with its mean and standard deviation first (as the paper's data
//! pipeline does) and the biases are not penalised. Forecasts longer than the trained output
//! length are produced recursively, feeding predictions back into the window.

use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;

use crate::error::{check_horizon, check_len, check_series, ForecastError, Result};
use crate::linalg::cholesky_solve;

/// Largest lookback (and output length) of the linear models: the normal equations have
/// (2 x lookback)^2 entries.
pub const MAX_LOOKBACK: usize = 2048;

/// Largest number of values in the training design (windows x (features + outputs)).
pub const MAX_TRAINING_VALUES: usize = 50_000_000;

/// Which linear architecture.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinearKind {
    /// Decomposition-linear: trend/remainder split by a moving average of odd size `kernel`.
    DLinear {
        /// Moving-average kernel size (odd, >= 1).
        kernel: usize,
    },
    /// Normalised-linear: last value subtracted and added back.
    NLinear,
}

/// Options of the linear models.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LinearOptions {
    /// Input window length.
    pub lookback: usize,
    /// Number of steps predicted directly by one pass.
    pub output_length: usize,
    /// L2 penalty on the weights (on the standardised scale), >= 0.
    pub ridge: f64,
}

impl Default for LinearOptions {
    fn default() -> Self {
        LinearOptions {
            lookback: 24,
            output_length: 1,
            ridge: 1e-3,
        }
    }
}

/// A fitted DLinear or NLinear model.
#[derive(Debug, Clone)]
pub struct LinearFit {
    kind: LinearKind,
    lookback: usize,
    outputs: usize,
    /// Row-major `features x outputs`.
    weights: Vec<f64>,
    bias: Vec<f64>,
    mean: f64,
    scale: f64,
    tail: Vec<f64>,
    fitted: Vec<f64>,
    /// Training MSE over all windows and output steps (original scale).
    pub train_mse: f64,
}

fn features(kind: LinearKind, window: &[f64], out: &mut Vec<f64>) {
    out.clear();
    match kind {
        LinearKind::NLinear => {
            let last = window.last().copied().unwrap_or(0.0);
            out.extend(window.iter().map(|v| v - last));
        }
        LinearKind::DLinear { kernel } => {
            // Moving average over the window padded with `pad` copies of its first and last
            // values, computed with prefix sums (O(lookback) whatever the kernel size).
            let l = window.len() as i64;
            let k = kernel as i64;
            let pad = (k - 1) / 2;
            let first = window.first().copied().unwrap_or(0.0);
            let last = window.last().copied().unwrap_or(0.0);
            let mut prefix = Vec::with_capacity(window.len() + 1);
            prefix.push(0.0);
            let mut acc = 0.0;
            for v in window {
                acc += v;
                prefix.push(acc);
            }
            let mut trend = Vec::with_capacity(window.len());
            for i in 0..l {
                let start = i - pad;
                let end = start + k; // exclusive
                let before = (end.min(0) - start).max(0) as f64;
                let after = (end - start.max(l)).max(0) as f64;
                let (lo, hi) = (start.clamp(0, l) as usize, end.clamp(0, l) as usize);
                let inner = if hi > lo {
                    prefix[hi] - prefix[lo]
                } else {
                    0.0
                };
                trend.push((before * first + inner + after * last) / kernel as f64);
            }
            // Remainder (the paper's "seasonal" part) first, then the trend.
            out.extend(window.iter().zip(&trend).map(|(x, t)| x - t));
            out.extend_from_slice(&trend);
        }
    }
}

fn n_features(kind: LinearKind, lookback: usize) -> usize {
    match kind {
        LinearKind::NLinear => lookback,
        LinearKind::DLinear { .. } => 2 * lookback,
    }
}

/// Fits a DLinear/NLinear model on all windows of `y`.
pub fn fit(y: &[f64], kind: LinearKind, opts: &LinearOptions) -> Result<LinearFit> {
    check_series(y)?;
    let name = match kind {
        LinearKind::DLinear { .. } => "DLinear",
        LinearKind::NLinear => "NLinear",
    };
    if opts.lookback == 0 {
        return Err(ForecastError::option("lookback", "must be at least 1"));
    }
    if opts.output_length == 0 {
        return Err(ForecastError::option("outputLength", "must be at least 1"));
    }
    if !(opts.ridge.is_finite() && opts.ridge >= 0.0) {
        return Err(ForecastError::option(
            "ridge",
            "must be a finite number >= 0",
        ));
    }
    if let LinearKind::DLinear { kernel } = kind {
        if kernel == 0 || kernel % 2 == 0 {
            return Err(ForecastError::option(
                "kernel",
                "the moving-average kernel must be an odd number >= 1",
            ));
        }
    }
    let (l, h) = (opts.lookback, opts.output_length);
    if l > MAX_LOOKBACK {
        return Err(ForecastError::option(
            "lookback",
            alloc::format!("must be at most {MAX_LOOKBACK} for the linear models"),
        ));
    }
    if h > MAX_LOOKBACK {
        return Err(ForecastError::option(
            "outputLength",
            alloc::format!("must be at most {MAX_LOOKBACK}"),
        ));
    }
    check_len(
        name,
        y,
        l + h + 1,
        "training needs at least two windows of lookback + outputLength values",
    )?;
    let n = y.len();
    let mean = y.iter().sum::<f64>() / n as f64;
    let var = y.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>() / n as f64;
    let scale = if var > 0.0 { libm::sqrt(var) } else { 1.0 };
    let z: Vec<f64> = y.iter().map(|v| (v - mean) / scale).collect();

    let f = n_features(kind, l);
    let windows = n - l - h + 1;
    if windows.saturating_mul(f + h) > MAX_TRAINING_VALUES {
        return Err(ForecastError::option(
            "lookback",
            alloc::format!(
                "{windows} training windows of {} values exceed the limit of {MAX_TRAINING_VALUES} \
                 values; use a shorter series or lookback",
                f + h
            ),
        ));
    }
    let mut x = Vec::with_capacity(windows * f);
    let mut t = Vec::with_capacity(windows * h);
    let mut feat = Vec::with_capacity(f);
    for s in 0..windows {
        let w = &z[s..s + l];
        features(kind, w, &mut feat);
        x.extend_from_slice(&feat);
        let last = w[l - 1];
        for k in 0..h {
            let target = z[s + l + k];
            t.push(match kind {
                LinearKind::NLinear => target - last,
                LinearKind::DLinear { .. } => target,
            });
        }
    }
    // Centre features and targets (unpenalised biases).
    let nw = windows as f64;
    let mut xm = vec![0.0; f];
    let mut tm = vec![0.0; h];
    for s in 0..windows {
        for j in 0..f {
            xm[j] += x[s * f + j] / nw;
        }
        for k in 0..h {
            tm[k] += t[s * h + k] / nw;
        }
    }
    let mut gram = vec![0.0; f * f];
    let mut rhs = vec![0.0; f * h];
    let mut xc = vec![0.0; f];
    for s in 0..windows {
        for j in 0..f {
            xc[j] = x[s * f + j] - xm[j];
        }
        for i in 0..f {
            let xi = xc[i];
            if xi == 0.0 {
                continue;
            }
            for j in i..f {
                gram[i * f + j] += xi * xc[j];
            }
            for k in 0..h {
                rhs[i * h + k] += xi * (t[s * h + k] - tm[k]);
            }
        }
    }
    // Symmetrise, scale by 1/N and add the ridge term (a tiny jitter keeps a zero penalty
    // solvable when the features are collinear, e.g. NLinear's always-zero last feature).
    let jitter = 1e-10;
    for i in 0..f {
        for j in i..f {
            let v = gram[i * f + j] / nw;
            gram[i * f + j] = v;
            gram[j * f + i] = v;
        }
        gram[i * f + i] += opts.ridge + jitter;
    }
    rhs.iter_mut().for_each(|v| *v /= nw);
    if !cholesky_solve(&mut gram, f, &mut rhs, h) {
        return Err(ForecastError::Numerical(String::from(
            "the ridge normal equations are not positive definite (try a larger ridge)",
        )));
    }
    let weights = rhs;
    let bias: Vec<f64> = (0..h)
        .map(|k| tm[k] - (0..f).map(|j| xm[j] * weights[j * h + k]).sum::<f64>())
        .collect();
    let mut model = LinearFit {
        kind,
        lookback: l,
        outputs: h,
        weights,
        bias,
        mean,
        scale,
        tail: y[n - l..].to_vec(),
        fitted: vec![f64::NAN; n],
        train_mse: 0.0,
    };
    // In-sample one-step predictions and the training MSE.
    let mut fitted = vec![f64::NAN; n];
    let mut out = vec![0.0; h];
    let mut sse = 0.0;
    for s in 0..=n - l {
        model.predict_scaled(&z[s..s + l], &mut feat, &mut out);
        if s + l < n {
            fitted[s + l] = out[0] * scale + mean;
        }
        if s < windows {
            for k in 0..h {
                let e = (out[k] - z[s + l + k]) * scale;
                sse += e * e;
            }
        }
    }
    model.fitted = fitted;
    model.train_mse = sse / (windows * h) as f64;
    Ok(model)
}

impl LinearFit {
    /// In-sample one-step predictions (NaN for the first `lookback` values).
    pub fn fitted(&self) -> &[f64] {
        &self.fitted
    }

    /// The input window length.
    pub fn lookback(&self) -> usize {
        self.lookback
    }

    /// Number of steps predicted per pass.
    pub fn output_length(&self) -> usize {
        self.outputs
    }

    /// Weights, row-major `features x outputLength` (DLinear: remainder rows then trend rows).
    pub fn weights(&self) -> &[f64] {
        &self.weights
    }

    /// Output biases (standardised scale).
    pub fn bias(&self) -> &[f64] {
        &self.bias
    }

    /// Maps a standardised window to standardised outputs.
    fn predict_scaled(&self, window: &[f64], feat: &mut Vec<f64>, out: &mut [f64]) {
        features(self.kind, window, feat);
        let h = self.outputs;
        for (k, o) in out.iter_mut().enumerate().take(h) {
            let mut v = self.bias[k];
            for (j, fj) in feat.iter().enumerate() {
                v += fj * self.weights[j * h + k];
            }
            if self.kind == LinearKind::NLinear {
                v += window.last().copied().unwrap_or(0.0);
            }
            *o = v;
        }
    }

    /// Forecasts `horizon` steps after the training series.
    pub fn forecast(&self, horizon: usize) -> Result<Vec<f64>> {
        check_horizon(horizon)?;
        let mut hist: Vec<f64> = self
            .tail
            .iter()
            .map(|v| (v - self.mean) / self.scale)
            .collect();
        let mut feat = Vec::new();
        let mut out = vec![0.0; self.outputs];
        let mut res = Vec::with_capacity(horizon);
        while res.len() < horizon {
            let start = hist.len() - self.lookback;
            self.predict_scaled(&hist[start..], &mut feat, &mut out);
            for &v in &out {
                if res.len() < horizon {
                    res.push(v * self.scale + self.mean);
                    hist.push(v);
                }
            }
        }
        Ok(res)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seasonal_series(n: usize) -> Vec<f64> {
        (0..n)
            .map(|t| 20.0 + 0.1 * t as f64 + [3.0, 1.0, -2.0, -2.0][t % 4])
            .collect()
    }

    #[test]
    fn nlinear_learns_a_deterministic_pattern() {
        let y = seasonal_series(80);
        let fit = fit(
            &y,
            LinearKind::NLinear,
            &LinearOptions {
                lookback: 8,
                output_length: 4,
                ridge: 1e-8,
            },
        )
        .unwrap();
        let fc = fit.forecast(6).unwrap();
        let truth: Vec<f64> = seasonal_series(86)[80..].to_vec();
        for (a, b) in fc.iter().zip(&truth) {
            assert!((a - b).abs() < 1e-3, "{fc:?} vs {truth:?}");
        }
        assert!(fit.train_mse < 1e-6);
    }

    #[test]
    fn dlinear_learns_a_deterministic_pattern() {
        let y = seasonal_series(80);
        let fit = fit(
            &y,
            LinearKind::DLinear { kernel: 5 },
            &LinearOptions {
                lookback: 8,
                output_length: 2,
                ridge: 1e-8,
            },
        )
        .unwrap();
        let fc = fit.forecast(5).unwrap();
        let truth: Vec<f64> = seasonal_series(85)[80..].to_vec();
        for (a, b) in fc.iter().zip(&truth) {
            assert!((a - b).abs() < 1e-3, "{fc:?} vs {truth:?}");
        }
        assert!(fit.fitted()[7].is_nan() && (fit.fitted()[20] - y[20]).abs() < 1e-3);
    }

    #[test]
    fn decomposition_features_match_the_paper() {
        let mut feat = Vec::new();
        features(
            LinearKind::DLinear { kernel: 3 },
            &[1.0, 2.0, 6.0],
            &mut feat,
        );
        // padded [1, 1, 2, 6, 6]: trend = [4/3, 3, 14/3]
        let trend = [4.0 / 3.0, 3.0, 14.0 / 3.0];
        for i in 0..3 {
            assert!((feat[3 + i] - trend[i]).abs() < 1e-12);
            assert!((feat[i] + feat[3 + i] - [1.0, 2.0, 6.0][i]).abs() < 1e-12);
        }
        // A kernel longer than the window: padded [1 x 3, 1, 2, 6, 6 x 3], kernel 7.
        features(
            LinearKind::DLinear { kernel: 7 },
            &[1.0, 2.0, 6.0],
            &mut feat,
        );
        let padded = [1.0, 1.0, 1.0, 1.0, 2.0, 6.0, 6.0, 6.0, 6.0];
        for i in 0..3 {
            let expect: f64 = padded[i..i + 7].iter().sum::<f64>() / 7.0;
            assert!((feat[3 + i] - expect).abs() < 1e-12, "{feat:?}");
        }
    }

    #[test]
    fn bad_options() {
        let y = seasonal_series(20);
        let dl = LinearKind::DLinear { kernel: 4 };
        assert!(fit(&y, dl, &LinearOptions::default()).is_err());
        let e = fit(&y, LinearKind::NLinear, &LinearOptions::default()).unwrap_err();
        assert!(
            matches!(e, ForecastError::TooShort { needed: 26, .. }),
            "{e}"
        );
        let opts = LinearOptions {
            lookback: 0,
            ..LinearOptions::default()
        };
        assert!(fit(&y, LinearKind::NLinear, &opts).is_err());
    }
}
