//! Fitting and forecasting many series in one call.
//!
//! The series are stored back to back in one `values` array; `offsets` (length `count + 1`,
//! starting at 0, non-decreasing, ending at `values.len()`) gives series `i` as
//! `values[offsets[i] .. offsets[i + 1]]`, the layout of a Float64Array plus a Uint32Array.
//! Every series is fitted independently with the same model settings. A series that cannot be
//! fitted (too short, NaN, ...) does not stop the batch: its forecasts are NaN and its error
//! message is reported in `failures`.

use alloc::string::{String, ToString};
use alloc::vec;
use alloc::vec::Vec;
use serde::{Deserialize, Serialize};

use crate::error::{check_horizon, ForecastError, Result};
use crate::model::{FitOptions, FittedParams, ForecastModel, ModelOptions, MAX_HORIZON};

/// Largest number of forecast values one batch call may produce.
pub const MAX_BATCH_FORECASTS: usize = 50_000_000;

/// A series of the batch that could not be fitted or forecast.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BatchFailure {
    /// Index of the series.
    pub index: usize,
    /// What went wrong.
    pub message: String,
}

/// Result of [`forecast_batch`].
#[derive(Debug, Clone, PartialEq)]
pub struct BatchResult {
    /// Forecast horizon.
    pub horizon: usize,
    /// Row-major `count x horizon` forecasts (NaN rows for failed series).
    pub forecasts: Vec<f64>,
    /// In-sample one-step MSE per series (NaN for failed series).
    pub mse: Vec<f64>,
    /// Fitted parameters per series (when requested; `None` for failed series).
    pub params: Option<Vec<Option<FittedParams>>>,
    /// The series that failed.
    pub failures: Vec<BatchFailure>,
}

/// Checks `offsets` against `values_len` and returns the number of series.
pub fn check_offsets(values_len: usize, offsets: &[u32]) -> Result<usize> {
    let first = offsets.first().copied().ok_or_else(|| {
        ForecastError::option(
            "offsets",
            "needs at least one entry (count + 1 entries for count series)",
        )
    })?;
    if first != 0 {
        return Err(ForecastError::option(
            "offsets",
            alloc::format!("must start at 0, starts at {first}"),
        ));
    }
    for (i, w) in offsets.windows(2).enumerate() {
        if w[1] < w[0] {
            return Err(ForecastError::option(
                "offsets",
                alloc::format!(
                    "must be non-decreasing, but offsets[{}] = {} < offsets[{i}] = {}",
                    i + 1,
                    w[1],
                    w[0]
                ),
            ));
        }
    }
    let last = offsets.last().copied().unwrap_or(0) as usize;
    if last != values_len {
        return Err(ForecastError::option(
            "offsets",
            alloc::format!(
                "the last offset ({last}) must equal the number of values ({values_len})"
            ),
        ));
    }
    Ok(offsets.len() - 1)
}

/// Fits one model per series and forecasts `horizon` steps for each.
pub fn forecast_batch(
    values: &[f64],
    offsets: &[u32],
    kind: &str,
    model_options: &ModelOptions,
    fit_options: &FitOptions,
    horizon: usize,
    include_params: bool,
) -> Result<BatchResult> {
    check_horizon(horizon)?;
    if horizon > MAX_HORIZON {
        return Err(ForecastError::option(
            "horizon",
            alloc::format!("must be at most {MAX_HORIZON}"),
        ));
    }
    let count = check_offsets(values.len(), offsets)?;
    let template = ForecastModel::new(kind, model_options)?;
    let total = count.checked_mul(horizon).ok_or_else(|| {
        ForecastError::option("horizon", "count x horizon overflows the address space")
    })?;
    if total > MAX_BATCH_FORECASTS {
        return Err(ForecastError::option(
            "horizon",
            alloc::format!(
                "{count} series x horizon {horizon} = {total} forecasts exceed the limit of \
                 {MAX_BATCH_FORECASTS}"
            ),
        ));
    }
    let mut forecasts = vec![f64::NAN; total];
    let mut mse = vec![f64::NAN; count];
    let mut params = include_params.then(|| vec![None; count]);
    let mut failures = Vec::new();
    let mut model = template;
    for i in 0..count {
        let (a, b) = (offsets[i] as usize, offsets[i + 1] as usize);
        let series = &values[a..b];
        let outcome = model
            .fit(series, fit_options)
            .and_then(|_| model.predict(horizon));
        match outcome {
            Ok(fc) => {
                forecasts[i * horizon..(i + 1) * horizon].copy_from_slice(&fc);
                mse[i] = model.in_sample_mse().unwrap_or(f64::NAN);
                if let Some(p) = params.as_mut() {
                    p[i] = model.params().ok();
                }
            }
            Err(e) => failures.push(BatchFailure {
                index: i,
                message: e.to_string(),
            }),
        }
    }
    Ok(BatchResult {
        horizon,
        forecasts,
        mse,
        params,
        failures,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forecasts_every_series_and_reports_failures() {
        let values = [1.0, 2.0, 3.0, 10.0, f64::NAN, 5.0, 6.0];
        let offsets = [0, 3, 5, 5, 7];
        let r = forecast_batch(
            &values,
            &offsets,
            "drift",
            &ModelOptions::default(),
            &FitOptions::default(),
            2,
            true,
        )
        .unwrap();
        assert_eq!(&r.forecasts[0..2], &[4.0, 5.0]);
        assert!(r.forecasts[2].is_nan() && r.forecasts[5].is_nan());
        assert_eq!(&r.forecasts[6..8], &[7.0, 8.0]);
        let failed: Vec<usize> = r.failures.iter().map(|f| f.index).collect();
        assert_eq!(failed, [1, 2]);
        assert!(
            r.failures[0].message.contains("index 1"),
            "{:?}",
            r.failures
        );
        assert!(r.failures[1].message.contains("empty"));
        let params = r.params.unwrap();
        assert_eq!(params[0].as_ref().unwrap().drift, Some(1.0));
        assert!(params[1].is_none());
    }

    #[test]
    fn offsets_are_validated() {
        assert!(check_offsets(3, &[]).is_err());
        assert!(check_offsets(3, &[1, 3]).is_err());
        assert!(check_offsets(3, &[0, 2, 1, 3]).is_err());
        assert!(check_offsets(3, &[0, 2]).is_err());
        assert_eq!(check_offsets(3, &[0, 1, 3]).unwrap(), 2);
        assert_eq!(check_offsets(0, &[0]).unwrap(), 0);
        let e = forecast_batch(
            &[1.0],
            &[0, 1],
            "naive",
            &ModelOptions::default(),
            &FitOptions::default(),
            0,
            false,
        )
        .unwrap_err();
        assert_eq!(e, ForecastError::ZeroHorizon);
    }
}
