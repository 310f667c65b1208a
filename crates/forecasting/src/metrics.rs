//! Forecast accuracy measures (Hyndman & Koehler 2006): MAE, MSE, RMSE, MAPE, sMAPE, MASE.
//!
//! MAPE and sMAPE are in percent: `MAPE = 100 mean |y - f| / |y|`,
//! `sMAPE = 100 mean 2 |y - f| / (|y| + |f|)` (terms with `y = f = 0` count as 0).
//! MASE scales the MAE by the in-sample MAE of the seasonal naive method with period `m`
//! (`m = 1`: the naive method) on the training series.

use serde::{Deserialize, Serialize};

use crate::error::{check_finite, ForecastError, Result};

fn check_pair(actual: &[f64], predicted: &[f64]) -> Result<()> {
    if actual.is_empty() {
        return Err(ForecastError::option(
            "actual",
            "at least one value is needed to compute an error measure",
        ));
    }
    if actual.len() != predicted.len() {
        return Err(ForecastError::LengthMismatch {
            what: alloc::string::String::from("predicted values vs actual values"),
            expected: actual.len(),
            got: predicted.len(),
        });
    }
    check_finite("actual", actual)?;
    check_finite("predicted", predicted)
}

/// Mean absolute error.
pub fn mae(actual: &[f64], predicted: &[f64]) -> Result<f64> {
    check_pair(actual, predicted)?;
    Ok(actual
        .iter()
        .zip(predicted)
        .map(|(a, p)| libm::fabs(a - p))
        .sum::<f64>()
        / actual.len() as f64)
}

/// Mean squared error.
pub fn mse(actual: &[f64], predicted: &[f64]) -> Result<f64> {
    check_pair(actual, predicted)?;
    Ok(actual
        .iter()
        .zip(predicted)
        .map(|(a, p)| (a - p) * (a - p))
        .sum::<f64>()
        / actual.len() as f64)
}

/// Root mean squared error.
pub fn rmse(actual: &[f64], predicted: &[f64]) -> Result<f64> {
    mse(actual, predicted).map(libm::sqrt)
}

/// Mean absolute percentage error, in percent. Fails if an actual value is 0.
pub fn mape(actual: &[f64], predicted: &[f64]) -> Result<f64> {
    check_pair(actual, predicted)?;
    if let Some(i) = actual.iter().position(|a| *a == 0.0) {
        return Err(ForecastError::option(
            "actual",
            alloc::format!("MAPE is undefined because the actual value at index {i} is 0"),
        ));
    }
    Ok(100.0
        * actual
            .iter()
            .zip(predicted)
            .map(|(a, p)| libm::fabs((a - p) / a))
            .sum::<f64>()
        / actual.len() as f64)
}

/// Symmetric mean absolute percentage error, in percent (0 to 200).
pub fn smape(actual: &[f64], predicted: &[f64]) -> Result<f64> {
    check_pair(actual, predicted)?;
    Ok(100.0
        * actual
            .iter()
            .zip(predicted)
            .map(|(a, p)| {
                let d = libm::fabs(*a) + libm::fabs(*p);
                if d == 0.0 {
                    0.0
                } else {
                    2.0 * libm::fabs(a - p) / d
                }
            })
            .sum::<f64>()
        / actual.len() as f64)
}

/// In-sample MAE of the seasonal naive method with period `period` (the MASE scale).
pub fn naive_scale(insample: &[f64], period: usize) -> Result<f64> {
    if period == 0 {
        return Err(ForecastError::option("period", "must be at least 1"));
    }
    check_finite("in-sample", insample)?;
    if insample.len() <= period {
        return Err(ForecastError::too_short(
            "MASE",
            period + 1,
            insample.len(),
            "the scale is the in-sample error of the seasonal naive method",
        ));
    }
    let n = insample.len() - period;
    let scale = (period..insample.len())
        .map(|t| libm::fabs(insample[t] - insample[t - period]))
        .sum::<f64>()
        / n as f64;
    if scale == 0.0 {
        return Err(ForecastError::Numerical(alloc::string::String::from(
            "MASE is undefined: the in-sample seasonal naive errors are all 0 (constant or \
             exactly periodic training series)",
        )));
    }
    Ok(scale)
}

/// Mean absolute scaled error.
pub fn mase(actual: &[f64], predicted: &[f64], insample: &[f64], period: usize) -> Result<f64> {
    let m = mae(actual, predicted)?;
    Ok(m / naive_scale(insample, period)?)
}

/// All measures at once. `mape` is `None` where an actual value is 0; `mase` is `None` when no
/// training series was given or its scale is 0.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Metrics {
    /// Mean absolute error.
    pub mae: f64,
    /// Mean squared error.
    pub mse: f64,
    /// Root mean squared error.
    pub rmse: f64,
    /// Mean absolute percentage error (percent).
    pub mape: Option<f64>,
    /// Symmetric MAPE (percent).
    pub smape: f64,
    /// Mean absolute scaled error.
    pub mase: Option<f64>,
}

/// Computes every measure. `insample` (with `period`) is the training series for MASE.
pub fn evaluate(
    actual: &[f64],
    predicted: &[f64],
    insample: Option<&[f64]>,
    period: usize,
) -> Result<Metrics> {
    let mae_v = mae(actual, predicted)?;
    let mse_v = mse(actual, predicted)?;
    let mase_v = match insample {
        Some(ins) => match naive_scale(ins, period) {
            Ok(scale) => Some(mae_v / scale),
            Err(ForecastError::Numerical(_)) => None,
            Err(e) => return Err(e),
        },
        None => None,
    };
    Ok(Metrics {
        mae: mae_v,
        mse: mse_v,
        rmse: libm::sqrt(mse_v),
        mape: mape(actual, predicted).ok(),
        smape: smape(actual, predicted)?,
        mase: mase_v,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_values() {
        let a = [1.0, 2.0, 4.0];
        let p = [2.0, 2.0, 1.0];
        assert_eq!(mae(&a, &p).unwrap(), 4.0 / 3.0);
        assert_eq!(mse(&a, &p).unwrap(), 10.0 / 3.0);
        assert!((rmse(&a, &p).unwrap() - libm::sqrt(10.0 / 3.0)).abs() < 1e-15);
        assert!((mape(&a, &p).unwrap() - 100.0 * (1.0 + 0.0 + 0.75) / 3.0).abs() < 1e-12);
        let s = 100.0 * (2.0 / 3.0 + 0.0 + 6.0 / 5.0) / 3.0;
        assert!((smape(&a, &p).unwrap() - s).abs() < 1e-12);
        // naive scale of [1, 3, 2, 6] = mean(|2|, |1|, |4|) = 7/3
        let m = mase(&a, &p, &[1.0, 3.0, 2.0, 6.0], 1).unwrap();
        assert!((m - (4.0 / 3.0) / (7.0 / 3.0)).abs() < 1e-12);
        let all = evaluate(&a, &p, Some(&[1.0, 3.0, 2.0, 6.0]), 1).unwrap();
        assert_eq!(all.mase, Some(m));
    }

    #[test]
    fn errors() {
        assert!(mae(&[], &[]).is_err());
        assert!(matches!(
            mae(&[1.0], &[1.0, 2.0]).unwrap_err(),
            ForecastError::LengthMismatch { .. }
        ));
        assert!(mape(&[0.0, 1.0], &[1.0, 1.0]).is_err());
        assert!(mse(&[1.0], &[f64::NAN]).is_err());
        assert!(mase(&[1.0], &[1.0], &[1.0, 1.0, 1.0], 1).is_err());
        assert!(mase(&[1.0], &[1.0], &[1.0, 2.0], 2).is_err());
        let all = evaluate(&[0.0, 1.0], &[1.0, 1.0], None, 1).unwrap();
        assert_eq!(all.mape, None);
        assert_eq!(smape(&[0.0], &[0.0]).unwrap(), 0.0);
    }
}
