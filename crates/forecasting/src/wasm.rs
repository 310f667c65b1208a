//! The `forecasting` wasm module: JavaScript bindings of the crate.
//!
//! * `ForecastModel`: create by kind and options, `fit(values, options)`, `predict(horizon)`,
//!   `params()`, `residuals()`, `fittedValues()`;
//! * `forecastBatch(values, offsets, kind, horizon, options)`: many series in one call,
//!   returning a `BatchForecast`;
//! * `fitPredict(values, kind, horizon, options)`: one-shot fit and forecast;
//! * metrics: `mae`, `mse`, `rmse`, `mape`, `smape`, `mase`, `evaluate`;
//! * `crossValidate(values, kind, cv, model, fit)`: rolling-origin cross-validation;
//! * `modelKinds()`, and the package's module interface (`version`, `memoryUsage`,
//!   `simdEnabled`).
//!
//! Every fallible function throws a JS `Error` whose message names the problem; inputs are
//! validated before use, so no input can make the module panic.

use alloc::string::{String, ToString};
use alloc::vec::Vec;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

use crate::batch::{self, BatchResult};
use crate::cv::{self, CvOptions};
use crate::error::ForecastError;
use crate::metrics;
use crate::model::{FitOptions, ForecastModel, ModelKind, ModelOptions, MAX_HORIZON};
use ruv_core::js_args::{reject_unknown_keys, string_arg};

// Once per wasm module: by the crate that is the module's root (feature `module`), not when the
// `unified` module bundles this crate's API.
#[cfg(feature = "module")]
ruv_core::export_module_interface!();

fn js_err(e: ForecastError) -> JsError {
    JsError::new(&e.to_string())
}

/// JSON field names of each options object (serde-wasm-bindgen reads only the known fields of
/// a JS object, so unknown ones, typically typos, are caught here).
const MODEL_FIELDS: &[&str] = &[
    "period",
    "window",
    "damped",
    "trend",
    "seasonal",
    "lags",
    "theta",
    "deseasonalize",
    "useTest",
    "difference",
    "method",
    "lookback",
    "outputLength",
    "kernel",
    "hidden",
];
const FIT_FIELDS: &[&str] = &[
    "alpha",
    "beta",
    "gamma",
    "phi",
    "initialization",
    "initialLevel",
    "initialTrend",
    "initialSeasonal",
    "maxIterations",
    "gridSize",
    "starts",
    "ridge",
    "algorithm",
    "epochs",
    "learningRate",
    "seed",
];
const CV_FIELDS: &[&str] = &["horizon", "initial", "step", "maxFolds", "window", "period"];
const RUN_FIELDS: &[&str] = &["model", "fit", "includeParams"];

/// Reads an optional JSON-shaped argument: absent, `undefined` or `null` give the default.
fn from_js<T: DeserializeOwned + Default>(
    value: Option<JsValue>,
    what: &str,
    fields: &[&str],
) -> Result<T, JsError> {
    let value = match value {
        Some(v) if !v.is_undefined() && !v.is_null() => v,
        _ => return Ok(T::default()),
    };
    reject_unknown_keys(what, fields, &value)?;
    if fields == RUN_FIELDS {
        for (key, nested, name) in [
            ("model", MODEL_FIELDS, "model options"),
            ("fit", FIT_FIELDS, "fit options"),
        ] {
            if let Ok(v) = js_sys::Reflect::get(&value, &JsValue::from_str(key)) {
                reject_unknown_keys(name, nested, &v)?;
            }
        }
    }
    serde_wasm_bindgen::from_value(value)
        .map_err(|e| JsError::new(&alloc::format!("invalid {what}: {e}")))
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    let ser = serde_wasm_bindgen::Serializer::new().serialize_missing_as_null(true);
    value
        .serialize(&ser)
        .map_err(|e| JsError::new(&alloc::format!("could not convert the result: {e}")))
}

/// Reads series offsets: a `Uint32Array`, or an array of integers from 0 to `u32::MAX`.
/// (wasm-bindgen's `&[u32]` conversion would silently turn NaN into 0 and truncate fractions.)
fn offsets_arg(value: &JsValue) -> Result<Vec<u32>, JsError> {
    if let Some(typed) = value.dyn_ref::<js_sys::Uint32Array>() {
        return Ok(typed.to_vec());
    }
    let Some(list) = value.dyn_ref::<js_sys::Array>() else {
        return Err(js_err(ForecastError::option(
            "offsets",
            "must be a Uint32Array or an array of integers",
        )));
    };
    list.iter()
        .enumerate()
        .map(|(i, v)| match v.as_f64() {
            Some(x) if x >= 0.0 && x <= u32::MAX as f64 && libm::floor(x) == x => Ok(x as u32),
            _ => Err(js_err(ForecastError::option(
                "offsets",
                alloc::format!("offsets[{i}] must be an integer from 0 to {}", u32::MAX),
            ))),
        })
        .collect()
}

/// Validates a JS number used as a forecast horizon.
fn horizon_arg(h: f64) -> Result<usize, JsError> {
    if h == 0.0 {
        return Err(js_err(ForecastError::ZeroHorizon));
    }
    if !h.is_finite() || h < 1.0 || libm::floor(h) != h || h > MAX_HORIZON as f64 {
        return Err(js_err(ForecastError::option(
            "horizon",
            alloc::format!("must be an integer between 1 and {MAX_HORIZON}, got {h}"),
        )));
    }
    Ok(h as usize)
}

/// A forecasting model: created by kind and structural options, then fitted to a series.
#[wasm_bindgen(js_name = ForecastModel)]
pub struct WasmForecastModel {
    inner: ForecastModel,
}

#[wasm_bindgen(js_class = ForecastModel)]
impl WasmForecastModel {
    /// Creates an unfitted model. `kind` is one of `modelKinds()`; `options` (a
    /// `ModelOptions` object, optional) sets the structure (season length, damping, ...).
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "string")] kind: JsValue,
        options: Option<JsValue>,
    ) -> Result<WasmForecastModel, JsError> {
        let kind = string_arg("kind", &kind)?;
        let opts: ModelOptions = from_js(options, "model options", MODEL_FIELDS)?;
        Ok(WasmForecastModel {
            inner: ForecastModel::new(&kind, &opts).map_err(js_err)?,
        })
    }

    /// The model kind (canonical name, one of `modelKinds()`).
    // Typed here: tools/dts_enhance's manifest rewrites functions and methods, not properties.
    #[wasm_bindgen(getter, unchecked_return_type = "ModelKind")]
    pub fn kind(&self) -> String {
        self.inner.kind().name().to_string()
    }

    /// Whether `fit` has succeeded.
    #[wasm_bindgen(getter, js_name = isFitted)]
    pub fn is_fitted(&self) -> bool {
        self.inner.is_fitted()
    }

    /// Fits the model to `values` (a `FitOptions` object, optional, fixes parameters or tunes
    /// the fitting). Throws if the series does not suit the model.
    pub fn fit(&mut self, values: &[f64], options: Option<JsValue>) -> Result<(), JsError> {
        let opts: FitOptions = from_js(options, "fit options", FIT_FIELDS)?;
        self.inner.fit(values, &opts).map_err(js_err)
    }

    /// Forecasts `horizon` steps after the fitted series.
    pub fn predict(&self, horizon: f64) -> Result<Vec<f64>, JsError> {
        let h = horizon_arg(horizon)?;
        self.inner.predict(h).map_err(js_err)
    }

    /// The fitted parameters (`FittedParams`).
    pub fn params(&self) -> Result<JsValue, JsError> {
        to_js(&self.inner.params().map_err(js_err)?)
    }

    /// In-sample residuals `y - fitted` (NaN where the model has no one-step prediction).
    pub fn residuals(&self) -> Result<Vec<f64>, JsError> {
        Ok(self.inner.residuals().map_err(js_err)?.to_vec())
    }

    /// In-sample one-step predictions (NaN where the model has none).
    #[wasm_bindgen(js_name = fittedValues)]
    pub fn fitted_values(&self) -> Result<Vec<f64>, JsError> {
        Ok(self.inner.fitted_values().map_err(js_err)?.to_vec())
    }

    /// Mean squared in-sample one-step error.
    #[wasm_bindgen(js_name = inSampleMse)]
    pub fn in_sample_mse(&self) -> Result<f64, JsError> {
        self.inner.in_sample_mse().map_err(js_err)
    }
}

/// The accepted model kind names.
#[wasm_bindgen(js_name = modelKinds)]
pub fn model_kinds() -> Vec<String> {
    ModelKind::NAMES.iter().map(|s| s.to_string()).collect()
}

/// Options of `forecastBatch` and `fitPredict`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct RunOptions {
    model: Option<ModelOptions>,
    fit: Option<FitOptions>,
    include_params: Option<bool>,
}

/// Fits `kind` to `values` and forecasts `horizon` steps (one call, no model object kept).
#[wasm_bindgen(js_name = fitPredict)]
pub fn fit_predict(
    values: &[f64],
    #[wasm_bindgen(unchecked_param_type = "string")] kind: JsValue,
    horizon: f64,
    options: Option<JsValue>,
) -> Result<Vec<f64>, JsError> {
    let kind = string_arg("kind", &kind)?;
    let h = horizon_arg(horizon)?;
    let opts: RunOptions = from_js(options, "options", RUN_FIELDS)?;
    if opts.include_params.is_some() {
        return Err(js_err(ForecastError::option(
            "includeParams",
            "only applies to forecastBatch",
        )));
    }
    crate::model::fit_predict(
        &kind,
        &opts.model.unwrap_or_default(),
        &opts.fit.unwrap_or_default(),
        values,
        h,
    )
    .map_err(js_err)
}

/// Forecasts of many series fitted in one call (see `forecastBatch`).
#[wasm_bindgen]
pub struct BatchForecast {
    inner: BatchResult,
}

#[wasm_bindgen]
impl BatchForecast {
    /// Number of series.
    #[wasm_bindgen(getter)]
    pub fn count(&self) -> usize {
        self.inner.mse.len()
    }

    /// Forecast horizon.
    #[wasm_bindgen(getter)]
    pub fn horizon(&self) -> usize {
        self.inner.horizon
    }

    /// Number of series that failed.
    #[wasm_bindgen(getter, js_name = failureCount)]
    pub fn failure_count(&self) -> usize {
        self.inner.failures.len()
    }

    /// All forecasts, row-major `count x horizon` (NaN rows for failed series).
    pub fn forecasts(&self) -> Vec<f64> {
        self.inner.forecasts.clone()
    }

    /// The forecasts of series `index`.
    pub fn forecast(&self, index: f64) -> Result<Vec<f64>, JsError> {
        if !(index >= 0.0 && libm::floor(index) == index && index < self.count() as f64) {
            return Err(js_err(ForecastError::option(
                "index",
                alloc::format!(
                    "must be an integer below the series count {}, got {index}",
                    self.count()
                ),
            )));
        }
        let index = index as usize;
        let h = self.inner.horizon;
        let start = index.checked_mul(h);
        match start.and_then(|s| self.inner.forecasts.get(s..s + h)) {
            Some(row) if index < self.count() => Ok(row.to_vec()),
            _ => Err(js_err(ForecastError::option(
                "index",
                alloc::format!("must be below the series count {}", self.count()),
            ))),
        }
    }

    /// In-sample one-step MSE per series (NaN for failed series).
    #[wasm_bindgen(js_name = inSampleMse)]
    pub fn in_sample_mse(&self) -> Vec<f64> {
        self.inner.mse.clone()
    }

    /// The failed series and why (`BatchFailure[]`).
    pub fn failures(&self) -> Result<JsValue, JsError> {
        to_js(&self.inner.failures)
    }

    /// Fitted parameters per series (`(FittedParams | null)[]`), or `null` unless
    /// `includeParams` was set.
    pub fn params(&self) -> Result<JsValue, JsError> {
        to_js(&self.inner.params)
    }
}

/// Fits one model per series and forecasts `horizon` steps for each. `values` holds the
/// series back to back; `offsets` (length count + 1, from 0 to `values.length`) delimits them.
/// `options` (`BatchOptions`) carries the model and fit options shared by all series. A
/// series that cannot be fitted gets NaN forecasts and an entry in `failures()`.
#[wasm_bindgen(js_name = forecastBatch)]
pub fn forecast_batch(
    values: &[f64],
    #[wasm_bindgen(unchecked_param_type = "Uint32Array | number[]")] offsets: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] kind: JsValue,
    horizon: f64,
    options: Option<JsValue>,
) -> Result<BatchForecast, JsError> {
    let offsets = offsets_arg(&offsets)?;
    let kind = string_arg("kind", &kind)?;
    let h = horizon_arg(horizon)?;
    let opts: RunOptions = from_js(options, "batch options", RUN_FIELDS)?;
    let inner = batch::forecast_batch(
        values,
        &offsets,
        &kind,
        &opts.model.unwrap_or_default(),
        &opts.fit.unwrap_or_default(),
        h,
        opts.include_params.unwrap_or(false),
    )
    .map_err(js_err)?;
    Ok(BatchForecast { inner })
}

/// Mean absolute error.
#[wasm_bindgen]
pub fn mae(actual: &[f64], predicted: &[f64]) -> Result<f64, JsError> {
    metrics::mae(actual, predicted).map_err(js_err)
}

/// Mean squared error.
#[wasm_bindgen]
pub fn mse(actual: &[f64], predicted: &[f64]) -> Result<f64, JsError> {
    metrics::mse(actual, predicted).map_err(js_err)
}

/// Root mean squared error.
#[wasm_bindgen]
pub fn rmse(actual: &[f64], predicted: &[f64]) -> Result<f64, JsError> {
    metrics::rmse(actual, predicted).map_err(js_err)
}

/// Mean absolute percentage error, in percent (throws if an actual value is 0).
#[wasm_bindgen]
pub fn mape(actual: &[f64], predicted: &[f64]) -> Result<f64, JsError> {
    metrics::mape(actual, predicted).map_err(js_err)
}

/// Symmetric mean absolute percentage error, in percent.
#[wasm_bindgen]
pub fn smape(actual: &[f64], predicted: &[f64]) -> Result<f64, JsError> {
    metrics::smape(actual, predicted).map_err(js_err)
}

/// Mean absolute scaled error: MAE divided by the in-sample MAE of the seasonal naive method
/// with season length `period` (1: naive) on the training series `insample`.
#[wasm_bindgen]
pub fn mase(
    actual: &[f64],
    predicted: &[f64],
    insample: &[f64],
    period: f64,
) -> Result<f64, JsError> {
    let p = period_arg(period)?;
    metrics::mase(actual, predicted, insample, p).map_err(js_err)
}

fn period_arg(period: f64) -> Result<usize, JsError> {
    if !period.is_finite() || period < 1.0 || libm::floor(period) != period || period > 1e9 {
        return Err(js_err(ForecastError::option(
            "period",
            alloc::format!("must be a positive integer, got {period}"),
        )));
    }
    Ok(period as usize)
}

/// All measures at once (`Metrics`). MASE needs the training series `insample` (and its
/// season length `period`, default 1); it is `null` without it.
#[wasm_bindgen]
pub fn evaluate(
    actual: &[f64],
    predicted: &[f64],
    insample: Option<Vec<f64>>,
    period: Option<f64>,
) -> Result<JsValue, JsError> {
    let p = period_arg(period.unwrap_or(1.0))?;
    let m = metrics::evaluate(actual, predicted, insample.as_deref(), p).map_err(js_err)?;
    to_js(&m)
}

/// Rolling-origin cross-validation of a model on `values` (`CrossValidationResult`).
#[wasm_bindgen(js_name = crossValidate)]
pub fn cross_validate(
    values: &[f64],
    #[wasm_bindgen(unchecked_param_type = "string")] kind: JsValue,
    cv: JsValue,
    model: Option<JsValue>,
    fit: Option<JsValue>,
) -> Result<JsValue, JsError> {
    let kind = string_arg("kind", &kind)?;
    if cv.is_undefined() || cv.is_null() {
        return Err(js_err(ForecastError::option(
            "cv",
            "cross-validation options with at least a horizon are required",
        )));
    }
    let cv_opts: CvOptions = from_js(Some(cv), "cross-validation options", CV_FIELDS)?;
    let model_opts: ModelOptions = from_js(model, "model options", MODEL_FIELDS)?;
    let fit_opts: FitOptions = from_js(fit, "fit options", FIT_FIELDS)?;
    let r = cv::cross_validate(values, &kind, &model_opts, &fit_opts, &cv_opts).map_err(js_err)?;
    to_js(&r)
}
