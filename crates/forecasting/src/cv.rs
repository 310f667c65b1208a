//! Rolling-origin cross-validation (time-series cross-validation, Tashman 2000; FPP section
//! 5.10): for every forecast origin `o = initial, initial + step, ...` with `o + horizon <= n`,
//! the model is fitted on the values before `o` (all of them for an expanding window, the last
//! `initial` for a sliding one), forecasts `horizon` steps, and the forecasts are scored
//! against `y[o .. o + horizon]`.

use alloc::vec::Vec;
use serde::{Deserialize, Serialize};

use crate::error::{check_series, ForecastError, Result};
use crate::metrics::{evaluate, Metrics};
use crate::model::{FitOptions, ForecastModel, ModelOptions, MAX_HORIZON};

/// Cross-validation settings.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CvOptions {
    /// Forecast horizon of every fold (required, >= 1).
    pub horizon: f64,
    /// Training size at the first origin (default: half the series, rounded up).
    pub initial: Option<f64>,
    /// Distance between consecutive origins (default 1).
    pub step: Option<f64>,
    /// Keep only the last `maxFolds` origins (default: all).
    pub max_folds: Option<f64>,
    /// "expanding" (default: train on everything before the origin) or "sliding" (train on
    /// the last `initial` values).
    pub window: Option<alloc::string::String>,
    /// Season length of the MASE scale (default: the model's season length, or 1).
    pub period: Option<f64>,
}

/// One fold of a cross-validation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Fold {
    /// Index of the first forecast value.
    pub origin: usize,
    /// Number of training values.
    pub train_size: usize,
    /// The forecasts.
    pub forecast: Vec<f64>,
    /// The actual values.
    pub actual: Vec<f64>,
    /// Accuracy of this fold.
    pub metrics: Metrics,
}

/// Result of a cross-validation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CvResult {
    /// Every fold, in origin order.
    pub folds: Vec<Fold>,
    /// Means of the fold metrics (`mape`/`mase` only when defined for every fold).
    pub mean: Metrics,
    /// Per-horizon mean absolute error (index 0 = one step ahead).
    pub mae_by_horizon: Vec<f64>,
}

fn int(name: &str, v: f64, min: usize) -> Result<usize> {
    if !v.is_finite() || v < 0.0 || libm::floor(v) != v || v > 1e9 {
        return Err(ForecastError::option(
            name,
            alloc::format!("must be a non-negative integer, got {v}"),
        ));
    }
    let n = v as usize;
    if n < min {
        return Err(ForecastError::option(
            name,
            alloc::format!("must be at least {min}, got {n}"),
        ));
    }
    Ok(n)
}

/// Runs rolling-origin cross-validation of a model on `y`.
pub fn cross_validate(
    y: &[f64],
    kind: &str,
    model_options: &ModelOptions,
    fit_options: &FitOptions,
    cv: &CvOptions,
) -> Result<CvResult> {
    check_series(y)?;
    let template = ForecastModel::new(kind, model_options)?;
    if cv.horizon == 0.0 {
        return Err(ForecastError::ZeroHorizon);
    }
    let horizon = int("horizon", cv.horizon, 1)?;
    if horizon > MAX_HORIZON {
        return Err(ForecastError::option("horizon", "is too large"));
    }
    let n = y.len();
    let initial = match cv.initial {
        Some(v) => int("initial", v, 1)?,
        None => n.div_ceil(2),
    };
    let step = match cv.step {
        Some(v) => int("step", v, 1)?,
        None => 1,
    };
    let sliding = match cv.window.as_deref() {
        None | Some("expanding") => false,
        Some("sliding") => true,
        Some(other) => {
            return Err(ForecastError::option(
                "window",
                alloc::format!("expected 'expanding' or 'sliding', got '{other}'"),
            ))
        }
    };
    let period = match cv.period {
        Some(v) => int("period", v, 1)?,
        None => template.season_length(),
    };
    if initial + horizon > n {
        return Err(ForecastError::too_short(
            "cross-validation",
            initial + horizon,
            n,
            "the first fold needs `initial` training values and `horizon` test values",
        ));
    }
    let mut origins: Vec<usize> = (initial..=n - horizon).step_by(step).collect();
    if let Some(mf) = cv.max_folds {
        let mf = int("maxFolds", mf, 1)?;
        if origins.len() > mf {
            origins.drain(..origins.len() - mf);
        }
    }
    let mut folds = Vec::with_capacity(origins.len());
    for (i, &o) in origins.iter().enumerate() {
        let start = if sliding { o - initial } else { 0 };
        let train = &y[start..o];
        let mut model = template.clone();
        let fold_err = |e: ForecastError| {
            ForecastError::Numerical(alloc::format!(
                "fold {i} (origin {o}, {} training values): {e}",
                train.len()
            ))
        };
        model.fit(train, fit_options).map_err(fold_err)?;
        let forecast = model.predict(horizon).map_err(fold_err)?;
        let actual = y[o..o + horizon].to_vec();
        let metrics = evaluate(&actual, &forecast, Some(train), period).or_else(|e| {
            // A training window shorter than the MASE period: score without MASE.
            if matches!(e, ForecastError::TooShort { .. }) {
                evaluate(&actual, &forecast, None, period)
            } else {
                Err(e)
            }
        });
        let metrics = metrics.map_err(fold_err)?;
        folds.push(Fold {
            origin: o,
            train_size: train.len(),
            forecast,
            actual,
            metrics,
        });
    }
    let k = folds.len() as f64;
    let mean_of =
        |f: &dyn Fn(&Metrics) -> f64| folds.iter().map(|x| f(&x.metrics)).sum::<f64>() / k;
    let mean_opt = |f: &dyn Fn(&Metrics) -> Option<f64>| -> Option<f64> {
        let mut s = 0.0;
        for x in &folds {
            s += f(&x.metrics)?;
        }
        Some(s / k)
    };
    let mean = Metrics {
        mae: mean_of(&|m| m.mae),
        mse: mean_of(&|m| m.mse),
        rmse: mean_of(&|m| m.rmse),
        mape: mean_opt(&|m| m.mape),
        smape: mean_of(&|m| m.smape),
        mase: mean_opt(&|m| m.mase),
    };
    let mae_by_horizon = (0..horizon)
        .map(|j| {
            folds
                .iter()
                .map(|f| libm::fabs(f.forecast[j] - f.actual[j]))
                .sum::<f64>()
                / k
        })
        .collect();
    Ok(CvResult {
        folds,
        mean,
        mae_by_horizon,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::String;

    #[test]
    fn expanding_and_sliding_windows() {
        let y: Vec<f64> = (0..20).map(|t| t as f64).collect();
        let cv = CvOptions {
            horizon: 2.0,
            initial: Some(10.0),
            step: Some(3.0),
            ..CvOptions::default()
        };
        let r = cross_validate(
            &y,
            "naive",
            &ModelOptions::default(),
            &FitOptions::default(),
            &cv,
        )
        .unwrap();
        let origins: Vec<usize> = r.folds.iter().map(|f| f.origin).collect();
        assert_eq!(origins, [10, 13, 16]);
        // Naive on a line with slope 1: errors 1 and 2.
        assert_eq!(r.folds[0].forecast, [9.0, 9.0]);
        assert_eq!(r.mean.mae, 1.5);
        assert_eq!(r.mae_by_horizon, [1.0, 2.0]);
        assert_eq!(r.folds[2].train_size, 16);
        // Drift is exact on a line.
        let r = cross_validate(
            &y,
            "drift",
            &ModelOptions::default(),
            &FitOptions::default(),
            &cv,
        )
        .unwrap();
        assert!(r.mean.mae < 1e-12);
        let sliding = CvOptions {
            window: Some(String::from("sliding")),
            max_folds: Some(2.0),
            ..cv.clone()
        };
        let r = cross_validate(
            &y,
            "mean",
            &ModelOptions::default(),
            &FitOptions::default(),
            &sliding,
        )
        .unwrap();
        assert_eq!(r.folds.len(), 2);
        assert_eq!(r.folds[0].origin, 13);
        assert_eq!(r.folds[0].train_size, 10);
        assert_eq!(r.folds[0].forecast[0], 7.5); // mean of 3..=12
    }

    #[test]
    fn errors_name_the_problem() {
        let y: Vec<f64> = (0..10).map(|t| t as f64).collect();
        let cv = CvOptions {
            horizon: 0.0,
            ..CvOptions::default()
        };
        let e = cross_validate(
            &y,
            "naive",
            &ModelOptions::default(),
            &FitOptions::default(),
            &cv,
        )
        .unwrap_err();
        assert_eq!(e, ForecastError::ZeroHorizon);
        let cv = CvOptions {
            horizon: 3.0,
            initial: Some(9.0),
            ..CvOptions::default()
        };
        let e = cross_validate(
            &y,
            "naive",
            &ModelOptions::default(),
            &FitOptions::default(),
            &cv,
        )
        .unwrap_err();
        assert!(matches!(e, ForecastError::TooShort { .. }), "{e}");
        // Holt needs 2 values (its simple initial trend is y1 - y0): fold 0 has 1.
        let cv = CvOptions {
            horizon: 1.0,
            initial: Some(1.0),
            ..CvOptions::default()
        };
        let e = cross_validate(
            &y,
            "holt",
            &ModelOptions::default(),
            &FitOptions::default(),
            &cv,
        )
        .unwrap_err();
        assert!(alloc::format!("{e}").contains("fold 0"), "{e}");
        let e = cross_validate(
            &y,
            "nope",
            &ModelOptions::default(),
            &FitOptions::default(),
            &cv,
        )
        .unwrap_err();
        assert!(matches!(e, ForecastError::UnknownKind(_)));
    }
}
