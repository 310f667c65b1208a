//! A multi-layer perceptron forecaster on lagged windows, built on `ruv-neural`'s
//! feed-forward [`Network`].
//!
//! The series is standardised (mean 0, standard deviation 1); every window of `lookback`
//! consecutive values is an input sample and the next `output_length` values are its targets.
//! The network has `lookback` inputs, the given hidden layers (symmetric sigmoid, i.e. tanh,
//! activations) and `output_length` linear outputs; its weights start from the Widrow-Nguyen
//! initialisation (seeded) and are trained full-batch on the mean squared error with iRPROP-
//! (default) or Adam. Forecasts longer than `output_length` are produced recursively.

use alloc::format;
use alloc::vec;
use alloc::vec::Vec;

use ruv_neural::{
    ActivationFunction, ErrorFunction, Network, NeuralError, TrainingAlgorithm, TrainingData,
    TrainingParams,
};

use crate::error::{check_horizon, check_len, check_series, ForecastError, Result};

/// Training algorithm of the MLP forecaster.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MlpAlgorithm {
    /// iRPROP- (full batch; no learning rate needed).
    Rprop,
    /// Adam (full batch, one step per epoch) with the configured learning rate.
    Adam,
}

/// Options of the MLP forecaster.
#[derive(Debug, Clone, PartialEq)]
pub struct MlpOptions {
    /// Input window length.
    pub lookback: usize,
    /// Steps predicted per pass.
    pub output_length: usize,
    /// Hidden layer sizes (may be empty: a linear network).
    pub hidden: Vec<usize>,
    /// Training epochs (full passes over the windows).
    pub epochs: usize,
    /// Training algorithm.
    pub algorithm: MlpAlgorithm,
    /// Adam step size.
    pub learning_rate: f64,
    /// Seed of the weight initialisation.
    pub seed: u64,
}

impl Default for MlpOptions {
    fn default() -> Self {
        MlpOptions {
            lookback: 24,
            output_length: 1,
            hidden: vec![32],
            epochs: 300,
            algorithm: MlpAlgorithm::Rprop,
            learning_rate: 0.01,
            seed: 42,
        }
    }
}

/// Largest number of training epochs.
pub const MAX_EPOCHS: usize = 1_000_000;

/// Largest number of weights accepted for a forecaster network.
pub const MAX_WEIGHTS: usize = 4_000_000;

/// A trained MLP forecaster.
#[derive(Debug, Clone)]
pub struct MlpFit {
    net: Network,
    lookback: usize,
    outputs: usize,
    mean: f64,
    scale: f64,
    tail: Vec<f64>,
    fitted: Vec<f64>,
    /// Training MSE over all windows and output steps (original scale).
    pub train_mse: f64,
}

fn neural(e: NeuralError) -> ForecastError {
    ForecastError::Numerical(format!("neural network: {e}"))
}

/// Trains an MLP forecaster on `y`.
pub fn fit(y: &[f64], opts: &MlpOptions) -> Result<MlpFit> {
    check_series(y)?;
    let (l, h) = (opts.lookback, opts.output_length);
    if l == 0 {
        return Err(ForecastError::option("lookback", "must be at least 1"));
    }
    if h == 0 {
        return Err(ForecastError::option("outputLength", "must be at least 1"));
    }
    if opts.hidden.contains(&0) {
        return Err(ForecastError::option(
            "hidden",
            "every hidden layer needs at least 1 neuron",
        ));
    }
    if opts.epochs == 0 || opts.epochs > MAX_EPOCHS {
        return Err(ForecastError::option(
            "epochs",
            format!("must be between 1 and {MAX_EPOCHS}"),
        ));
    }
    if !(opts.learning_rate.is_finite() && opts.learning_rate > 0.0) {
        return Err(ForecastError::option(
            "learningRate",
            "must be a finite number > 0",
        ));
    }
    let mut layers = vec![l];
    layers.extend_from_slice(&opts.hidden);
    layers.push(h);
    let weights: usize = layers
        .windows(2)
        .map(|w| (w[0] + 1).saturating_mul(w[1]))
        .fold(0usize, |a, b| a.saturating_add(b));
    if weights > MAX_WEIGHTS {
        return Err(ForecastError::option(
            "hidden",
            format!("the network would have {weights} weights (at most {MAX_WEIGHTS})"),
        ));
    }
    check_len(
        "the MLP forecaster",
        y,
        l + h + 1,
        "training needs at least two windows of lookback + outputLength values",
    )?;
    let n = y.len();
    let mean = y.iter().sum::<f64>() / n as f64;
    let var = y.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>() / n as f64;
    let scale = if var > 0.0 { libm::sqrt(var) } else { 1.0 };
    let z: Vec<f32> = y.iter().map(|v| ((v - mean) / scale) as f32).collect();
    let windows = n - l - h + 1;
    if windows.saturating_mul(l + h) > crate::linear::MAX_TRAINING_VALUES {
        return Err(ForecastError::option(
            "lookback",
            format!(
                "{windows} training windows of {} values exceed the limit of {} values; use a \
                 shorter series or lookback",
                l + h,
                crate::linear::MAX_TRAINING_VALUES
            ),
        ));
    }
    let mut inputs = Vec::with_capacity(windows * l);
    let mut targets = Vec::with_capacity(windows * h);
    for s in 0..windows {
        inputs.extend_from_slice(&z[s..s + l]);
        targets.extend_from_slice(&z[s + l..s + l + h]);
    }
    let data = TrainingData::new(l, h, inputs, targets).map_err(neural)?;
    let params = TrainingParams {
        algorithm: match opts.algorithm {
            MlpAlgorithm::Rprop => TrainingAlgorithm::Rprop,
            MlpAlgorithm::Adam => TrainingAlgorithm::Adam,
        },
        error_function: ErrorFunction::Linear,
        adam_learning_rate: opts.learning_rate as f32,
        ..TrainingParams::default()
    };
    let mut net = Network::builder(&layers)
        .hidden_activation(ActivationFunction::SigmoidSymmetric)
        .output_activation(ActivationFunction::Linear)
        .seed(opts.seed)
        .training_params(params)
        .build()
        .map_err(neural)?;
    // Widrow-Nguyen needs a non-degenerate input range (a constant series has none; the
    // builder's seeded uniform initialisation is kept then).
    if z.iter().any(|v| *v != z[0]) {
        net.init_weights(&data).map_err(neural)?;
    }
    net.train_on_data(&data, opts.epochs as u32, 0.0)
        .map_err(neural)?;

    let mut model = MlpFit {
        net,
        lookback: l,
        outputs: h,
        mean,
        scale,
        tail: y[n - l..].to_vec(),
        fitted: vec![f64::NAN; n],
        train_mse: 0.0,
    };
    let mut fitted = vec![f64::NAN; n];
    let mut out = vec![0.0f32; h];
    let mut sse = 0.0;
    let mut net = model.net.clone();
    for s in 0..=n - l {
        net.run_into(&z[s..s + l], &mut out).map_err(neural)?;
        if s + l < n {
            fitted[s + l] = out[0] as f64 * scale + mean;
        }
        if s < windows {
            for k in 0..h {
                let e = (out[k] as f64 - z[s + l + k] as f64) * scale;
                sse += e * e;
            }
        }
    }
    if !sse.is_finite() {
        return Err(ForecastError::Numerical(alloc::string::String::from(
            "the MLP forecaster diverged during training (try fewer epochs, the default \
             algorithm or a smaller learningRate)",
        )));
    }
    model.fitted = fitted;
    model.train_mse = sse / (windows * h) as f64;
    Ok(model)
}

impl MlpFit {
    /// In-sample one-step predictions (NaN for the first `lookback` values).
    pub fn fitted(&self) -> &[f64] {
        &self.fitted
    }

    /// The input window length.
    pub fn lookback(&self) -> usize {
        self.lookback
    }

    /// Steps predicted per pass.
    pub fn output_length(&self) -> usize {
        self.outputs
    }

    /// The trained network.
    pub fn network(&self) -> &Network {
        &self.net
    }

    /// Forecasts `horizon` steps after the training series.
    pub fn forecast(&self, horizon: usize) -> Result<Vec<f64>> {
        check_horizon(horizon)?;
        let mut net = self.net.clone();
        let mut hist: Vec<f32> = self
            .tail
            .iter()
            .map(|v| ((v - self.mean) / self.scale) as f32)
            .collect();
        let mut out = vec![0.0f32; self.outputs];
        let mut res = Vec::with_capacity(horizon);
        while res.len() < horizon {
            let start = hist.len() - self.lookback;
            net.run_into(&hist[start..], &mut out).map_err(neural)?;
            for &v in &out {
                if res.len() < horizon {
                    res.push(v as f64 * self.scale + self.mean);
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

    #[test]
    fn learns_a_seasonal_pattern() {
        let y: Vec<f64> = (0..120)
            .map(|t| 50.0 + [6.0, 2.0, -3.0, -5.0][t % 4] + 0.05 * t as f64)
            .collect();
        let opts = MlpOptions {
            lookback: 8,
            hidden: vec![8],
            epochs: 400,
            ..MlpOptions::default()
        };
        let fit = fit(&y, &opts).unwrap();
        let var = 16.0; // rough variance of the pattern
        assert!(fit.train_mse < 0.05 * var, "train mse {}", fit.train_mse);
        let fc = fit.forecast(8).unwrap();
        let truth: Vec<f64> = (120..128)
            .map(|t| 50.0 + [6.0, 2.0, -3.0, -5.0][t % 4] + 0.05 * t as f64)
            .collect();
        let mae: f64 = fc
            .iter()
            .zip(&truth)
            .map(|(a, b)| (a - b).abs())
            .sum::<f64>()
            / 8.0;
        assert!(mae < 1.5, "forecast {fc:?}");
        // Same seed, same model.
        let again = super::fit(&y, &opts).unwrap();
        assert_eq!(again.forecast(8).unwrap(), fc);
    }

    #[test]
    fn bad_options() {
        let y: Vec<f64> = (0..40).map(|t| t as f64).collect();
        let o = MlpOptions {
            hidden: vec![0],
            ..MlpOptions::default()
        };
        assert!(fit(&y, &o).is_err());
        let e = fit(&y[..25], &MlpOptions::default()).err();
        assert!(
            matches!(e, Some(ForecastError::TooShort { needed: 26, .. })),
            "{e:?}"
        );
        let o = MlpOptions {
            lookback: 4,
            learning_rate: -1.0,
            ..MlpOptions::default()
        };
        assert!(fit(&y, &o).is_err());
    }
}
