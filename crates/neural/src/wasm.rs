//! JavaScript bindings of the `neural` module: the `NeuralNetwork` and `TrainingData` classes,
//! the `ActivationFunction`, `TrainingAlgorithm`, `ErrorFunction` and `StopFunction` enums, a
//! `DenseMatrix` helper and `kernelSelfCheck`.
//!
//! Every fallible call returns a JS `Error` whose message says what is wrong; inputs are
//! validated before use, so bad input never panics (which would kill the wasm instance).

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt;
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

use crate::activation::ActivationFunction as Act;
use crate::decimal::Shortest;
use crate::error::Quoted;
use crate::network::NetworkType;
use crate::params::{
    ErrorFunction as ErrFn, StopFunction as StopFn, TrainingAlgorithm as Algo, TrainingParams,
};
use ruv_core::js_args::{reject_unknown_keys, string_arg};

ruv_core::export_module_interface!();

fn js_error(e: impl ToString) -> JsError {
    JsError::new(&e.to_string())
}

fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsError> {
    serde_wasm_bindgen::to_value(value).map_err(js_error)
}

/// Reads an index, count or seed: a JS number that must be an integer from 0 to `u32::MAX`.
/// (wasm-bindgen's integer parameters would silently turn NaN into 0 and truncate fractions.)
fn uint_arg(what: &str, value: f64) -> Result<u32, JsError> {
    if value >= 0.0 && value <= u32::MAX as f64 && libm::floor(value) == value {
        Ok(value as u32)
    } else {
        Err(JsError::new(&format!(
            "{what} must be an integer from 0 to {}, got {}",
            u32::MAX,
            Shortest::F64(value)
        )))
    }
}

/// [`uint_arg`] as a `usize`.
fn usize_arg(what: &str, value: f64) -> Result<usize, JsError> {
    uint_arg(what, value).map(|v| v as usize)
}

/// An options object with a fixed set of (snake_case) field names.
trait OptionFields {
    /// The Rust names of the fields; JavaScript spells them in camelCase.
    const FIELDS: &'static [&'static str];
}

/// `learning_rate` → `learningRate`.
fn camel_case(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut upper = false;
    for c in s.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// Deserializes optional JSON-shaped options; `undefined`/`null` give the defaults. Unknown
/// fields (typos) are an error.
fn from_js<T: serde::de::DeserializeOwned + Default + OptionFields>(
    what: &str,
    value: Option<JsValue>,
) -> Result<T, JsError> {
    let value = match value {
        Some(v) if !v.is_undefined() && !v.is_null() => v,
        _ => return Ok(T::default()),
    };
    if !value.is_object() || js_sys::Array::is_array(&value) {
        return Err(JsError::new(&format!("invalid {what}: expected an object")));
    }
    let allowed: Vec<String> = T::FIELDS.iter().map(|f| camel_case(f)).collect();
    let allowed: Vec<&str> = allowed.iter().map(String::as_str).collect();
    reject_unknown_keys(what, &allowed, &value)?;
    serde_wasm_bindgen::from_value(value).map_err(|e| JsError::new(&format!("invalid {what}: {e}")))
}

// ---------------------------------------------------------------------------------------------
// Enums
// ---------------------------------------------------------------------------------------------

/// Activation functions, numbered with their FANN codes.
#[wasm_bindgen]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ActivationFunction {
    /// `y = x`.
    Linear = 0,
    /// `0` if `x < 0`, else `1` (cannot be trained).
    Threshold = 1,
    /// `-1` if `x < 0`, else `1` (cannot be trained).
    ThresholdSymmetric = 2,
    /// `1 / (1 + exp(-2x))`.
    Sigmoid = 3,
    /// Piecewise-linear sigmoid (FANN's default).
    SigmoidStepwise = 4,
    /// `tanh(x)`.
    SigmoidSymmetric = 5,
    /// Piecewise-linear tanh.
    SigmoidSymmetricStepwise = 6,
    /// `exp(-x²)`.
    Gaussian = 7,
    /// `2 exp(-x²) - 1`.
    GaussianSymmetric = 8,
    /// Always 0 (as in FANN 2.2's floating-point library).
    GaussianStepwise = 9,
    /// `(x/2) / (1 + |x|) + 0.5`.
    Elliot = 10,
    /// `x / (1 + |x|)`.
    ElliotSymmetric = 11,
    /// `x` clipped to [0, 1].
    LinearPiece = 12,
    /// `x` clipped to [-1, 1].
    LinearPieceSymmetric = 13,
    /// `sin(x)`.
    SinSymmetric = 14,
    /// `cos(x)`.
    CosSymmetric = 15,
    /// `sin(x)/2 + 0.5`.
    Sin = 16,
    /// `cos(x)/2 + 0.5`.
    Cos = 17,
    /// `max(0, x)`.
    Relu = 18,
    /// `x` if `x ≥ 0`, else `0.01x`.
    LeakyRelu = 19,
}

impl From<ActivationFunction> for Act {
    fn from(f: ActivationFunction) -> Act {
        // Exhaustive both ways: a variant added to one enum and not the other fails to compile.
        use ActivationFunction as J;
        match f {
            J::Linear => Act::Linear,
            J::Threshold => Act::Threshold,
            J::ThresholdSymmetric => Act::ThresholdSymmetric,
            J::Sigmoid => Act::Sigmoid,
            J::SigmoidStepwise => Act::SigmoidStepwise,
            J::SigmoidSymmetric => Act::SigmoidSymmetric,
            J::SigmoidSymmetricStepwise => Act::SigmoidSymmetricStepwise,
            J::Gaussian => Act::Gaussian,
            J::GaussianSymmetric => Act::GaussianSymmetric,
            J::GaussianStepwise => Act::GaussianStepwise,
            J::Elliot => Act::Elliot,
            J::ElliotSymmetric => Act::ElliotSymmetric,
            J::LinearPiece => Act::LinearPiece,
            J::LinearPieceSymmetric => Act::LinearPieceSymmetric,
            J::SinSymmetric => Act::SinSymmetric,
            J::CosSymmetric => Act::CosSymmetric,
            J::Sin => Act::Sin,
            J::Cos => Act::Cos,
            J::Relu => Act::Relu,
            J::LeakyRelu => Act::LeakyRelu,
        }
    }
}

impl From<Act> for ActivationFunction {
    fn from(f: Act) -> ActivationFunction {
        use ActivationFunction as J;
        match f {
            Act::Linear => J::Linear,
            Act::Threshold => J::Threshold,
            Act::ThresholdSymmetric => J::ThresholdSymmetric,
            Act::Sigmoid => J::Sigmoid,
            Act::SigmoidStepwise => J::SigmoidStepwise,
            Act::SigmoidSymmetric => J::SigmoidSymmetric,
            Act::SigmoidSymmetricStepwise => J::SigmoidSymmetricStepwise,
            Act::Gaussian => J::Gaussian,
            Act::GaussianSymmetric => J::GaussianSymmetric,
            Act::GaussianStepwise => J::GaussianStepwise,
            Act::Elliot => J::Elliot,
            Act::ElliotSymmetric => J::ElliotSymmetric,
            Act::LinearPiece => J::LinearPiece,
            Act::LinearPieceSymmetric => J::LinearPieceSymmetric,
            Act::SinSymmetric => J::SinSymmetric,
            Act::CosSymmetric => J::CosSymmetric,
            Act::Sin => J::Sin,
            Act::Cos => J::Cos,
            Act::Relu => J::Relu,
            Act::LeakyRelu => J::LeakyRelu,
        }
    }
}

/// Training algorithms (FANN's numbering; `Adam` is an addition).
#[wasm_bindgen]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TrainingAlgorithm {
    /// Backpropagation, weights updated after every sample (learning rate, momentum).
    Incremental = 0,
    /// Backpropagation, weights updated once per epoch.
    Batch = 1,
    /// iRPROP- (FANN's default).
    Rprop = 2,
    /// Quickprop.
    Quickprop = 3,
    /// SARPROP.
    Sarprop = 4,
    /// Adam, full batch (one step per epoch).
    Adam = 5,
}

impl From<TrainingAlgorithm> for Algo {
    fn from(a: TrainingAlgorithm) -> Algo {
        match a {
            TrainingAlgorithm::Incremental => Algo::Incremental,
            TrainingAlgorithm::Batch => Algo::Batch,
            TrainingAlgorithm::Rprop => Algo::Rprop,
            TrainingAlgorithm::Quickprop => Algo::Quickprop,
            TrainingAlgorithm::Sarprop => Algo::Sarprop,
            TrainingAlgorithm::Adam => Algo::Adam,
        }
    }
}

impl From<Algo> for TrainingAlgorithm {
    fn from(a: Algo) -> TrainingAlgorithm {
        match a {
            Algo::Incremental => TrainingAlgorithm::Incremental,
            Algo::Batch => TrainingAlgorithm::Batch,
            Algo::Rprop => TrainingAlgorithm::Rprop,
            Algo::Quickprop => TrainingAlgorithm::Quickprop,
            Algo::Sarprop => TrainingAlgorithm::Sarprop,
            Algo::Adam => TrainingAlgorithm::Adam,
        }
    }
}

/// Error functions applied to output errors during training.
#[wasm_bindgen]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorFunction {
    /// The plain difference.
    Linear = 0,
    /// `ln((1+d)/(1-d))` (FANN's default).
    Tanh = 1,
}

/// When `train` stops before `maxEpochs`.
#[wasm_bindgen]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StopFunction {
    /// When the epoch's MSE is at most `desiredError`.
    Mse = 0,
    /// When the number of bit fails is at most `desiredError`.
    Bit = 1,
}

// ---------------------------------------------------------------------------------------------
// JSON-shaped inputs: enum values are accepted as numbers (the enums above) or names.
// ---------------------------------------------------------------------------------------------

/// Deserializes a code-or-name value through `parse`.
struct CodeOrName<T> {
    what: &'static str,
    from_code: fn(u32) -> crate::Result<T>,
    from_name: fn(&str) -> crate::Result<T>,
}

impl<'de, T> Visitor<'de> for CodeOrName<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (a number or a name)", self.what)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<T, E> {
        let code = u32::try_from(v).map_err(|_| E::custom(format!("unknown {} {v}", self.what)))?;
        (self.from_code)(code).map_err(|e| E::custom(e.message()))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<T, E> {
        let code = u64::try_from(v).map_err(|_| E::custom(format!("unknown {} {v}", self.what)))?;
        self.visit_u64(code)
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<T, E> {
        if v >= 0.0 && v <= u32::MAX as f64 && v == libm::floor(v) {
            self.visit_u64(v as u64)
        } else {
            Err(E::custom(format!(
                "unknown {} {}",
                self.what,
                Shortest::F64(v)
            )))
        }
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
        (self.from_name)(v).map_err(|e| E::custom(e.message()))
    }
}

macro_rules! code_or_name {
    ($wrapper:ident, $inner:ty, $what:expr, $from_code:expr, $from_name:expr) => {
        #[derive(Clone, Copy)]
        struct $wrapper($inner);

        impl<'de> Deserialize<'de> for $wrapper {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                d.deserialize_any(CodeOrName::<$inner> {
                    what: $what,
                    from_code: $from_code,
                    from_name: $from_name,
                })
                .map($wrapper)
            }
        }
    };
}

code_or_name!(
    ActSpec,
    Act,
    "activation function",
    Act::from_code,
    Act::from_name
);
code_or_name!(
    AlgoSpec,
    Algo,
    "training algorithm",
    Algo::from_code,
    Algo::from_name
);
code_or_name!(
    ErrFnSpec,
    ErrFn,
    "error function",
    ErrFn::from_code,
    |s: &str| match s.to_ascii_lowercase().as_str() {
        "linear" => Ok(ErrFn::Linear),
        "tanh" => Ok(ErrFn::Tanh),
        _ => Err(crate::NeuralError::InvalidArgument(format!(
            "unknown error function {} (\"linear\" or \"tanh\")",
            Quoted(s)
        ))),
    }
);
code_or_name!(
    StopFnSpec,
    StopFn,
    "stop function",
    StopFn::from_code,
    |s: &str| match s.to_ascii_lowercase().as_str() {
        "mse" => Ok(StopFn::Mse),
        "bit" | "bitfail" => Ok(StopFn::Bit),
        _ => Err(crate::NeuralError::InvalidArgument(format!(
            "unknown stop function {} (\"mse\" or \"bit\")",
            Quoted(s)
        ))),
    }
);

/// Declares an options struct holding optional overrides of every training parameter (plus
/// the given extra fields) and its `apply` method.
macro_rules! with_training_params {
    ($(#[$meta:meta])* struct $name:ident { $($extra:ident : $ty:ty,)* }) => {
        $(#[$meta])*
        #[derive(Deserialize, Default)]
        #[serde(rename_all = "camelCase", deny_unknown_fields)]
        struct $name {
            $($extra: $ty,)*
            algorithm: Option<AlgoSpec>,
            learning_rate: Option<f32>,
            learning_momentum: Option<f32>,
            error_function: Option<ErrFnSpec>,
            stop_function: Option<StopFnSpec>,
            bit_fail_limit: Option<f32>,
            quickprop_decay: Option<f32>,
            quickprop_mu: Option<f32>,
            rprop_increase_factor: Option<f32>,
            rprop_decrease_factor: Option<f32>,
            rprop_delta_min: Option<f32>,
            rprop_delta_max: Option<f32>,
            rprop_delta_zero: Option<f32>,
            sarprop_weight_decay_shift: Option<f32>,
            sarprop_step_error_threshold_factor: Option<f32>,
            sarprop_step_error_shift: Option<f32>,
            sarprop_temperature: Option<f32>,
            adam_learning_rate: Option<f32>,
            adam_beta1: Option<f32>,
            adam_beta2: Option<f32>,
            adam_epsilon: Option<f32>,
        }

        impl OptionFields for $name {
            const FIELDS: &'static [&'static str] = &[
                $(stringify!($extra),)*
                "algorithm", "learning_rate", "learning_momentum", "error_function",
                "stop_function", "bit_fail_limit", "quickprop_decay", "quickprop_mu",
                "rprop_increase_factor", "rprop_decrease_factor", "rprop_delta_min",
                "rprop_delta_max", "rprop_delta_zero", "sarprop_weight_decay_shift",
                "sarprop_step_error_threshold_factor", "sarprop_step_error_shift",
                "sarprop_temperature", "adam_learning_rate", "adam_beta1", "adam_beta2",
                "adam_epsilon",
            ];
        }

        impl $name {
            /// `base` with the parameters given in these options.
            fn apply(&self, base: &TrainingParams) -> TrainingParams {
                let mut p = *base;
                if let Some(a) = self.algorithm { p.algorithm = a.0; }
                if let Some(v) = self.learning_rate { p.learning_rate = v; }
                if let Some(v) = self.learning_momentum { p.learning_momentum = v; }
                if let Some(v) = self.error_function { p.error_function = v.0; }
                if let Some(v) = self.stop_function { p.stop_function = v.0; }
                if let Some(v) = self.bit_fail_limit { p.bit_fail_limit = v; }
                if let Some(v) = self.quickprop_decay { p.quickprop_decay = v; }
                if let Some(v) = self.quickprop_mu { p.quickprop_mu = v; }
                if let Some(v) = self.rprop_increase_factor { p.rprop_increase_factor = v; }
                if let Some(v) = self.rprop_decrease_factor { p.rprop_decrease_factor = v; }
                if let Some(v) = self.rprop_delta_min { p.rprop_delta_min = v; }
                if let Some(v) = self.rprop_delta_max { p.rprop_delta_max = v; }
                if let Some(v) = self.rprop_delta_zero { p.rprop_delta_zero = v; }
                if let Some(v) = self.sarprop_weight_decay_shift {
                    p.sarprop_weight_decay_shift = v;
                }
                if let Some(v) = self.sarprop_step_error_threshold_factor {
                    p.sarprop_step_error_threshold_factor = v;
                }
                if let Some(v) = self.sarprop_step_error_shift { p.sarprop_step_error_shift = v; }
                if let Some(v) = self.sarprop_temperature { p.sarprop_temperature = v; }
                if let Some(v) = self.adam_learning_rate { p.adam_learning_rate = v; }
                if let Some(v) = self.adam_beta1 { p.adam_beta1 = v; }
                if let Some(v) = self.adam_beta2 { p.adam_beta2 = v; }
                if let Some(v) = self.adam_epsilon { p.adam_epsilon = v; }
                p
            }
        }
    };
}

with_training_params! {
    /// `new NeuralNetwork(layers, options)`.
    struct NetworkOptions {
        topology: Option<String>,
        connection_rate: Option<f32>,
        hidden_activation: Option<ActSpec>,
        output_activation: Option<ActSpec>,
        hidden_steepness: Option<f32>,
        output_steepness: Option<f32>,
        seed: Option<u64>,
    }
}

with_training_params! {
    /// `network.train(data, options)`.
    struct TrainOptions {
        max_epochs: Option<u32>,
        desired_error: Option<f32>,
        epochs_between_reports: Option<u32>,
    }
}

with_training_params! {
    /// `network.setTrainingParams(params)`.
    struct ParamsPatch {}
}

/// The training parameters as JavaScript sees them.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ParamsOut {
    algorithm: u32,
    learning_rate: f32,
    learning_momentum: f32,
    error_function: u32,
    stop_function: u32,
    bit_fail_limit: f32,
    quickprop_decay: f32,
    quickprop_mu: f32,
    rprop_increase_factor: f32,
    rprop_decrease_factor: f32,
    rprop_delta_min: f32,
    rprop_delta_max: f32,
    rprop_delta_zero: f32,
    sarprop_weight_decay_shift: f32,
    sarprop_step_error_threshold_factor: f32,
    sarprop_step_error_shift: f32,
    sarprop_temperature: f32,
    adam_learning_rate: f32,
    adam_beta1: f32,
    adam_beta2: f32,
    adam_epsilon: f32,
}

impl From<&TrainingParams> for ParamsOut {
    fn from(p: &TrainingParams) -> Self {
        ParamsOut {
            algorithm: p.algorithm.code(),
            learning_rate: p.learning_rate,
            learning_momentum: p.learning_momentum,
            error_function: p.error_function as u32,
            stop_function: p.stop_function as u32,
            bit_fail_limit: p.bit_fail_limit,
            quickprop_decay: p.quickprop_decay,
            quickprop_mu: p.quickprop_mu,
            rprop_increase_factor: p.rprop_increase_factor,
            rprop_decrease_factor: p.rprop_decrease_factor,
            rprop_delta_min: p.rprop_delta_min,
            rprop_delta_max: p.rprop_delta_max,
            rprop_delta_zero: p.rprop_delta_zero,
            sarprop_weight_decay_shift: p.sarprop_weight_decay_shift,
            sarprop_step_error_threshold_factor: p.sarprop_step_error_threshold_factor,
            sarprop_step_error_shift: p.sarprop_step_error_shift,
            sarprop_temperature: p.sarprop_temperature,
            adam_learning_rate: p.adam_learning_rate,
            adam_beta1: p.adam_beta1,
            adam_beta2: p.adam_beta2,
            adam_epsilon: p.adam_epsilon,
        }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct TestResult {
    mse: f32,
    bit_fail: u32,
    samples: usize,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LayerInfo {
    neurons: usize,
    bias: bool,
    activation_functions: Vec<u32>,
    steepnesses: Vec<f32>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct NetworkInfo {
    num_inputs: usize,
    num_outputs: usize,
    layer_sizes: Vec<usize>,
    layers: Vec<LayerInfo>,
    network_type: &'static str,
    connection_rate: f32,
    total_neurons: usize,
    total_connections: usize,
    dense: bool,
    has_scaling: bool,
    training_algorithm: u32,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ConnectionOut {
    from_neuron: usize,
    to_neuron: usize,
    weight: f32,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct KernelDiff {
    name: &'static str,
    max_relative_difference: f64,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct KernelCheckOut {
    simd: bool,
    max_relative_difference: f64,
    kernels: Vec<KernelDiff>,
}

// ---------------------------------------------------------------------------------------------
// TrainingData
// ---------------------------------------------------------------------------------------------

/// A training data set: samples of inputs and desired outputs.
#[wasm_bindgen]
pub struct TrainingData {
    data: crate::TrainingData,
}

fn rows_from_js(what: &str, value: JsValue) -> Result<Vec<Vec<f32>>, JsError> {
    let rows: Option<Vec<Vec<f64>>> = serde_wasm_bindgen::from_value(value)
        .map_err(|e| JsError::new(&format!("{what} must be an array of number arrays: {e}")))?;
    let rows = rows.ok_or_else(|| JsError::new(&format!("{what} is missing")))?;
    rows.into_iter()
        .enumerate()
        .map(|(i, r)| {
            r.into_iter()
                .enumerate()
                .map(|(k, v)| {
                    let f = v as f32;
                    if f.is_finite() {
                        Ok(f)
                    } else {
                        Err(JsError::new(&format!(
                            "{what}[{i}][{k}] is {} (only finite numbers that fit a 32-bit float \
                             are allowed)",
                            Shortest::F64(v)
                        )))
                    }
                })
                .collect()
        })
        .collect()
}

#[wasm_bindgen]
impl TrainingData {
    /// A data set from flat arrays: `inputs` holds `n * numInputs` values and `outputs`
    /// `n * numOutputs` values, sample after sample.
    #[wasm_bindgen(constructor)]
    pub fn new(
        inputs: &[f32],
        outputs: &[f32],
        num_inputs: f64,
        num_outputs: f64,
    ) -> Result<TrainingData, JsError> {
        let num_inputs = usize_arg("numInputs", num_inputs)?;
        let num_outputs = usize_arg("numOutputs", num_outputs)?;
        let data =
            crate::TrainingData::new(num_inputs, num_outputs, inputs.to_vec(), outputs.to_vec())
                .map_err(js_error)?;
        Ok(TrainingData { data })
    }

    /// A data set from one array per sample: `fromArrays([[0, 1], [1, 0]], [[1], [1]])`.
    #[wasm_bindgen(js_name = fromArrays)]
    pub fn from_arrays(inputs: JsValue, outputs: JsValue) -> Result<TrainingData, JsError> {
        let inputs = rows_from_js("inputs", inputs)?;
        let outputs = rows_from_js("outputs", outputs)?;
        let data = crate::TrainingData::from_samples(&inputs, &outputs).map_err(js_error)?;
        Ok(TrainingData { data })
    }

    /// Parses FANN `.data` text.
    #[wasm_bindgen(js_name = fromFann)]
    pub fn from_fann(
        #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    ) -> Result<TrainingData, JsError> {
        let text = string_arg("text", &text)?;
        let data = crate::TrainingData::from_fann_str(&text).map_err(js_error)?;
        Ok(TrainingData { data })
    }

    /// The data set as FANN `.data` text.
    #[wasm_bindgen(js_name = toFann)]
    pub fn to_fann(&self) -> String {
        self.data.to_fann_string()
    }

    /// Number of samples.
    #[wasm_bindgen(getter)]
    pub fn length(&self) -> usize {
        self.data.len()
    }

    /// Inputs per sample.
    #[wasm_bindgen(getter, js_name = numInputs)]
    pub fn num_inputs(&self) -> usize {
        self.data.num_input()
    }

    /// Outputs per sample.
    #[wasm_bindgen(getter, js_name = numOutputs)]
    pub fn num_outputs(&self) -> usize {
        self.data.num_output()
    }

    /// All inputs, sample after sample.
    pub fn inputs(&self) -> Vec<f32> {
        self.data.inputs().to_vec()
    }

    /// All desired outputs, sample after sample.
    pub fn outputs(&self) -> Vec<f32> {
        self.data.outputs().to_vec()
    }

    /// The inputs of sample `index`.
    #[wasm_bindgen(js_name = getInput)]
    pub fn get_input(&self, index: f64) -> Result<Vec<f32>, JsError> {
        let index = usize_arg("index", index)?;
        self.data.input(index).map(<[f32]>::to_vec).ok_or_else(|| {
            JsError::new(&format!(
                "sample {index} does not exist (the data set has {} samples)",
                self.data.len()
            ))
        })
    }

    /// The desired outputs of sample `index`.
    #[wasm_bindgen(js_name = getOutput)]
    pub fn get_output(&self, index: f64) -> Result<Vec<f32>, JsError> {
        let index = usize_arg("index", index)?;
        self.data.output(index).map(<[f32]>::to_vec).ok_or_else(|| {
            JsError::new(&format!(
                "sample {index} does not exist (the data set has {} samples)",
                self.data.len()
            ))
        })
    }

    /// Shuffles the samples with a seeded generator.
    pub fn shuffle(&mut self, seed: f64) -> Result<(), JsError> {
        self.data.shuffle(uint_arg("seed", seed)? as u64);
        Ok(())
    }

    /// Maps all inputs linearly onto `[min, max]`.
    #[wasm_bindgen(js_name = scaleInput)]
    pub fn scale_input(&mut self, min: f32, max: f32) -> Result<(), JsError> {
        self.data.scale_input(min, max).map_err(js_error)
    }

    /// Maps all outputs linearly onto `[min, max]`.
    #[wasm_bindgen(js_name = scaleOutput)]
    pub fn scale_output(&mut self, min: f32, max: f32) -> Result<(), JsError> {
        self.data.scale_output(min, max).map_err(js_error)
    }

    /// Maps inputs and outputs (separately) onto `[min, max]`.
    pub fn scale(&mut self, min: f32, max: f32) -> Result<(), JsError> {
        self.data.scale(min, max).map_err(js_error)
    }

    /// A new data set with the samples of this one followed by those of `other`.
    pub fn merge(&self, other: &TrainingData) -> Result<TrainingData, JsError> {
        let data = self.data.merge(&other.data).map_err(js_error)?;
        Ok(TrainingData { data })
    }

    /// A new data set with `length` samples from `position`.
    pub fn subset(&self, position: f64, length: f64) -> Result<TrainingData, JsError> {
        let position = usize_arg("position", position)?;
        let length = usize_arg("length", length)?;
        let data = self.data.subset(position, length).map_err(js_error)?;
        Ok(TrainingData { data })
    }
}

// ---------------------------------------------------------------------------------------------
// NeuralNetwork
// ---------------------------------------------------------------------------------------------

/// A FANN-compatible feed-forward neural network.
#[wasm_bindgen]
pub struct NeuralNetwork {
    net: crate::Network,
}

fn layer_sizes_from_js(layers: &JsValue) -> Result<Vec<usize>, JsError> {
    if !layers.is_object() {
        return Err(JsError::new(
            "layers must be an array (or typed array) of layer sizes, e.g. [2, 3, 1]",
        ));
    }
    let arr = js_sys::Array::from(layers);
    let mut sizes = Vec::with_capacity(arr.length() as usize);
    for (i, v) in arr.iter().enumerate() {
        let n = v
            .as_f64()
            .ok_or_else(|| JsError::new(&format!("layers[{i}] is not a number")))?;
        if !(n >= 1.0 && n <= crate::network::MAX_LAYER_SIZE as f64 && n == libm::floor(n)) {
            return Err(JsError::new(&format!(
                "layers[{i}] is {}; layer sizes must be integers from 1 to {}",
                Shortest::F64(n),
                crate::network::MAX_LAYER_SIZE
            )));
        }
        sizes.push(n as usize);
    }
    if sizes.len() < 2 {
        return Err(JsError::new(&format!(
            "a network needs at least 2 layers (input and output), got {}",
            sizes.len()
        )));
    }
    Ok(sizes)
}

fn layer_arg(net: &crate::Network, layer: usize) -> Result<usize, JsError> {
    if layer == 0 || layer >= net.num_layers() {
        return Err(JsError::new(&format!(
            "layer {layer} is out of range (1..{} ; layer 0 is the input layer)",
            net.num_layers() - 1
        )));
    }
    Ok(layer)
}

#[wasm_bindgen]
impl NeuralNetwork {
    /// Creates a network with the given layer sizes (input first, output last).
    #[wasm_bindgen(constructor)]
    pub fn new(layers: JsValue, options: Option<JsValue>) -> Result<NeuralNetwork, JsError> {
        let sizes = layer_sizes_from_js(&layers)?;
        let o: NetworkOptions = from_js("network options", options)?;
        let mut b = crate::Network::builder(&sizes);
        match o.topology.as_deref() {
            None | Some("standard") | Some("layer") => {}
            Some("shortcut") => b = b.shortcut(),
            Some(other) => {
                return Err(JsError::new(&format!(
                    "invalid network options: topology must be \"standard\" or \"shortcut\", \
                     got {}",
                    Quoted(other)
                )))
            }
        }
        if let Some(r) = o.connection_rate {
            b = b.connection_rate(r);
        }
        if let Some(f) = o.hidden_activation {
            b = b.hidden_activation(f.0);
        }
        if let Some(f) = o.output_activation {
            b = b.output_activation(f.0);
        }
        if let Some(s) = o.hidden_steepness {
            b = b.hidden_steepness(s);
        }
        if let Some(s) = o.output_steepness {
            b = b.output_steepness(s);
        }
        if let Some(seed) = o.seed {
            b = b.seed(seed);
        }
        b = b.training_params(o.apply(&TrainingParams::default()));
        Ok(NeuralNetwork {
            net: b.build().map_err(js_error)?,
        })
    }

    /// Loads a network from FANN `.net` text (as written by libfann's `fann_save`).
    #[wasm_bindgen(js_name = fromFann)]
    pub fn from_fann(
        #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    ) -> Result<NeuralNetwork, JsError> {
        let text = string_arg("text", &text)?;
        Ok(NeuralNetwork {
            net: crate::Network::from_fann_str(&text).map_err(js_error)?,
        })
    }

    /// The network as FANN `.net` text, loadable by libfann's `fann_create_from_file`.
    #[wasm_bindgen(js_name = toFann)]
    pub fn to_fann(&self) -> String {
        self.net.to_fann_string()
    }

    /// An independent copy of this network.
    #[wasm_bindgen(js_name = clone)]
    pub fn clone_network(&self) -> NeuralNetwork {
        NeuralNetwork {
            net: self.net.clone(),
        }
    }

    /// Runs the network on one input vector.
    pub fn run(&mut self, input: &[f32]) -> Result<Vec<f32>, JsError> {
        self.net.run(input).map_err(js_error)
    }

    /// Runs the network on many input vectors stored one after another (a multiple of
    /// `numInputs` values); returns the outputs one after another.
    #[wasm_bindgen(js_name = runBatch)]
    pub fn run_batch(&mut self, inputs: &[f32]) -> Result<Vec<f32>, JsError> {
        self.net.run_batch(inputs).map_err(js_error)
    }

    /// Trains on `data` until `maxEpochs` (default 1000) epochs ran or the desired error
    /// (default 0.001) is reached; returns the MSE of the last epoch. Training parameters given
    /// in `options` are stored in the network. `progress(epoch, mse, bitFail)` is called
    /// after epoch 1, every `epochsBetweenReports` (default 100) epochs and at the end;
    /// returning `false` stops training, throwing aborts it with that error.
    pub fn train(
        &mut self,
        data: &TrainingData,
        options: Option<JsValue>,
        progress: Option<JsValue>,
    ) -> Result<f32, JsValue> {
        let o: TrainOptions = from_js("training options", options)?;
        let on_progress: Option<js_sys::Function> = match progress {
            Some(p) if !p.is_undefined() && !p.is_null() => Some(p.dyn_into().map_err(|_| {
                JsError::new("the progress callback must be a function (epoch, mse, bitFail)")
            })?),
            _ => None,
        };
        let params = o.apply(self.net.training_params());
        let max_epochs = o.max_epochs.unwrap_or(1000);
        let desired_error = o.desired_error.unwrap_or(0.001);
        let between = o.epochs_between_reports.unwrap_or(100);
        self.net.set_training_params(params).map_err(js_error)?;
        let mut callback_error: Option<JsValue> = None;
        let report = match &on_progress {
            None => self
                .net
                .train_on_data(&data.data, max_epochs, desired_error),
            Some(f) => self.net.train_on_data_with_callback(
                &data.data,
                max_epochs,
                between.max(1),
                desired_error,
                |r| match f.call3(
                    &JsValue::NULL,
                    &JsValue::from(r.epoch),
                    &JsValue::from(r.mse),
                    &JsValue::from(r.bit_fail),
                ) {
                    Ok(v) => v.as_bool() != Some(false),
                    Err(e) => {
                        callback_error = Some(e);
                        false
                    }
                },
            ),
        }
        .map_err(js_error)?;
        if let Some(e) = callback_error {
            return Err(e);
        }
        Ok(report.mse)
    }

    /// Trains one epoch with the configured algorithm; returns the epoch's MSE.
    #[wasm_bindgen(js_name = trainEpoch)]
    pub fn train_epoch(&mut self, data: &TrainingData) -> Result<f32, JsError> {
        self.net.train_epoch(&data.data).map_err(js_error)
    }

    /// Trains on one sample with incremental backpropagation (FANN's `fann_train`).
    #[wasm_bindgen(js_name = trainSample)]
    pub fn train_sample(&mut self, input: &[f32], desired: &[f32]) -> Result<(), JsError> {
        self.net.train(input, desired).map_err(js_error)
    }

    /// The MSE and bit fails of the network on `data` (FANN's `fann_test_data`).
    pub fn test(&mut self, data: &TrainingData) -> Result<JsValue, JsError> {
        let mse = self.net.test_data(&data.data).map_err(js_error)?;
        to_js(&TestResult {
            mse,
            bit_fail: self.net.bit_fail(),
            samples: data.data.len(),
        })
    }

    /// MSE accumulated by the last training epoch or test.
    #[wasm_bindgen(getter)]
    pub fn mse(&self) -> f32 {
        self.net.mse()
    }

    /// Bit fails counted by the last training epoch or test.
    #[wasm_bindgen(getter, js_name = bitFail)]
    pub fn bit_fail(&self) -> u32 {
        self.net.bit_fail()
    }

    /// Resets the accumulated MSE and bit fails.
    #[wasm_bindgen(js_name = resetMse)]
    pub fn reset_mse(&mut self) {
        self.net.reset_mse();
    }

    /// All weights, in FANN's connection order.
    #[wasm_bindgen(js_name = getWeights)]
    pub fn get_weights(&self) -> Vec<f32> {
        self.net.weights().to_vec()
    }

    /// Replaces all weights (`totalConnections` finite values).
    #[wasm_bindgen(js_name = setWeights)]
    pub fn set_weights(&mut self, weights: &[f32]) -> Result<(), JsError> {
        self.net.set_weights(weights).map_err(js_error)
    }

    /// All connections `{ fromNeuron, toNeuron, weight }` (FANN neuron numbering).
    #[wasm_bindgen(js_name = getConnections)]
    pub fn get_connections(&self) -> Result<JsValue, JsError> {
        let cons: Vec<ConnectionOut> = self
            .net
            .connections()
            .into_iter()
            .map(|c| ConnectionOut {
                from_neuron: c.from_neuron,
                to_neuron: c.to_neuron,
                weight: c.weight,
            })
            .collect();
        to_js(&cons)
    }

    /// Sets the weight of the connection from neuron `from` to neuron `to`.
    #[wasm_bindgen(js_name = setWeight)]
    pub fn set_weight(&mut self, from: f64, to: f64, weight: f32) -> Result<(), JsError> {
        let from = usize_arg("from", from)?;
        let to = usize_arg("to", to)?;
        self.net.set_weight(from, to, weight).map_err(js_error)
    }

    /// Sets every weight uniformly at random in `[min, max)`; with `seed`, reproducibly.
    #[wasm_bindgen(js_name = randomizeWeights)]
    pub fn randomize_weights(
        &mut self,
        min: f32,
        max: f32,
        seed: Option<f64>,
    ) -> Result<(), JsError> {
        if let Some(s) = seed {
            self.net.set_seed(uint_arg("seed", s)? as u64);
        }
        self.net.randomize_weights(min, max).map_err(js_error)
    }

    /// Widrow-Nguyen initialisation from the input range of `data`.
    #[wasm_bindgen(js_name = initWeights)]
    pub fn init_weights(&mut self, data: &TrainingData) -> Result<(), JsError> {
        self.net.init_weights(&data.data).map_err(js_error)
    }

    /// Number of inputs.
    #[wasm_bindgen(getter, js_name = numInputs)]
    pub fn num_inputs(&self) -> usize {
        self.net.num_input()
    }

    /// Number of outputs.
    #[wasm_bindgen(getter, js_name = numOutputs)]
    pub fn num_outputs(&self) -> usize {
        self.net.num_output()
    }

    /// Number of connections (and weights).
    #[wasm_bindgen(getter, js_name = totalConnections)]
    pub fn total_connections(&self) -> usize {
        self.net.total_connections()
    }

    /// Neurons per layer, bias neurons excluded.
    #[wasm_bindgen(js_name = layerSizes)]
    pub fn layer_sizes(&self) -> Vec<u32> {
        self.net.layer_sizes().iter().map(|&n| n as u32).collect()
    }

    /// A description of the network's structure.
    pub fn info(&self) -> Result<JsValue, JsError> {
        let n = &self.net;
        let layers = n
            .layers
            .iter()
            .map(|l| {
                let mut funcs: Vec<u32> = Vec::new();
                let mut steeps: Vec<f32> = Vec::new();
                for neuron in &n.neurons[l.first_neuron..l.first_neuron + l.num_neurons] {
                    if !funcs.contains(&neuron.activation.code()) {
                        funcs.push(neuron.activation.code());
                    }
                    if !steeps.contains(&neuron.steepness) {
                        steeps.push(neuron.steepness);
                    }
                }
                LayerInfo {
                    neurons: l.num_neurons,
                    bias: l.bias,
                    activation_functions: funcs,
                    steepnesses: steeps,
                }
            })
            .collect::<Vec<_>>();
        let layers = layers
            .into_iter()
            .enumerate()
            .map(|(i, mut l)| {
                if i == 0 {
                    l.activation_functions.clear();
                    l.steepnesses.clear();
                }
                if i + 1 == n.num_layers() {
                    l.bias = false;
                }
                l
            })
            .collect();
        to_js(&NetworkInfo {
            num_inputs: n.num_input(),
            num_outputs: n.num_output(),
            layer_sizes: n.layer_sizes(),
            layers,
            network_type: match n.network_type() {
                NetworkType::Layer => "standard",
                NetworkType::Shortcut => "shortcut",
            },
            connection_rate: n.connection_rate(),
            total_neurons: n.total_neurons(),
            total_connections: n.total_connections(),
            dense: n.is_fully_dense(),
            has_scaling: n.scale_params().is_some(),
            training_algorithm: n.training_algorithm().code(),
        })
    }

    /// The activation function of neuron `neuron` of layer `layer` (layers from 1).
    #[wasm_bindgen(js_name = getActivationFunction)]
    pub fn get_activation_function(
        &self,
        layer: f64,
        neuron: f64,
    ) -> Result<ActivationFunction, JsError> {
        let (layer, neuron) = (usize_arg("layer", layer)?, usize_arg("neuron", neuron)?);
        self.net
            .activation_function(layer, neuron)
            .map(ActivationFunction::from)
            .map_err(js_error)
    }

    /// The activation steepness of neuron `neuron` of layer `layer`.
    #[wasm_bindgen(js_name = getActivationSteepness)]
    pub fn get_activation_steepness(&self, layer: f64, neuron: f64) -> Result<f32, JsError> {
        let (layer, neuron) = (usize_arg("layer", layer)?, usize_arg("neuron", neuron)?);
        self.net
            .activation_steepness(layer, neuron)
            .map_err(js_error)
    }

    /// Sets the activation function of one neuron.
    #[wasm_bindgen(js_name = setActivationFunction)]
    pub fn set_activation_function(
        &mut self,
        layer: f64,
        neuron: f64,
        f: ActivationFunction,
    ) -> Result<(), JsError> {
        let (layer, neuron) = (usize_arg("layer", layer)?, usize_arg("neuron", neuron)?);
        self.net
            .set_activation_function(layer, neuron, f.into())
            .map_err(js_error)
    }

    /// Sets the activation function of every neuron of layer `layer` (layers from 1).
    #[wasm_bindgen(js_name = setActivationFunctionLayer)]
    pub fn set_activation_function_layer(
        &mut self,
        layer: f64,
        f: ActivationFunction,
    ) -> Result<(), JsError> {
        let layer = layer_arg(&self.net, usize_arg("layer", layer)?)?;
        self.net
            .set_activation_function_layer(layer, f.into())
            .map_err(js_error)
    }

    /// Sets the activation function of all hidden layers.
    #[wasm_bindgen(js_name = setActivationFunctionHidden)]
    pub fn set_activation_function_hidden(&mut self, f: ActivationFunction) {
        self.net.set_activation_function_hidden(f.into());
    }

    /// Sets the activation function of the output layer.
    #[wasm_bindgen(js_name = setActivationFunctionOutput)]
    pub fn set_activation_function_output(&mut self, f: ActivationFunction) {
        self.net.set_activation_function_output(f.into());
    }

    /// Sets the activation steepness of one neuron.
    #[wasm_bindgen(js_name = setActivationSteepness)]
    pub fn set_activation_steepness(
        &mut self,
        layer: f64,
        neuron: f64,
        steepness: f32,
    ) -> Result<(), JsError> {
        let (layer, neuron) = (usize_arg("layer", layer)?, usize_arg("neuron", neuron)?);
        self.net
            .set_activation_steepness(layer, neuron, steepness)
            .map_err(js_error)
    }

    /// Sets the activation steepness of every neuron of layer `layer`.
    #[wasm_bindgen(js_name = setActivationSteepnessLayer)]
    pub fn set_activation_steepness_layer(
        &mut self,
        layer: f64,
        steepness: f32,
    ) -> Result<(), JsError> {
        let layer = layer_arg(&self.net, usize_arg("layer", layer)?)?;
        self.net
            .set_activation_steepness_layer(layer, steepness)
            .map_err(js_error)
    }

    /// Sets the activation steepness of all hidden layers.
    #[wasm_bindgen(js_name = setActivationSteepnessHidden)]
    pub fn set_activation_steepness_hidden(&mut self, steepness: f32) -> Result<(), JsError> {
        self.net
            .set_activation_steepness_hidden(steepness)
            .map_err(js_error)
    }

    /// Sets the activation steepness of the output layer.
    #[wasm_bindgen(js_name = setActivationSteepnessOutput)]
    pub fn set_activation_steepness_output(&mut self, steepness: f32) -> Result<(), JsError> {
        self.net
            .set_activation_steepness_output(steepness)
            .map_err(js_error)
    }

    /// The training algorithm.
    #[wasm_bindgen(getter, js_name = trainingAlgorithm)]
    pub fn training_algorithm(&self) -> TrainingAlgorithm {
        self.net.training_algorithm().into()
    }

    /// Sets the training algorithm (resets the training state when it changes).
    #[wasm_bindgen(setter, js_name = trainingAlgorithm)]
    pub fn set_training_algorithm(&mut self, algorithm: TrainingAlgorithm) {
        self.net.set_training_algorithm(algorithm.into());
    }

    /// All training parameters.
    #[wasm_bindgen(js_name = getTrainingParams)]
    pub fn get_training_params(&self) -> Result<JsValue, JsError> {
        to_js(&ParamsOut::from(self.net.training_params()))
    }

    /// Changes the training parameters given in `params` (validated; nothing changes on
    /// error).
    #[wasm_bindgen(js_name = setTrainingParams)]
    pub fn set_training_params(&mut self, params: JsValue) -> Result<(), JsError> {
        if params.is_undefined() || params.is_null() {
            return Err(JsError::new(
                "invalid training parameters: expected an object such as { learningRate: 0.5 }",
            ));
        }
        let patch: ParamsPatch = from_js("training parameters", Some(params))?;
        let p = patch.apply(self.net.training_params());
        self.net.set_training_params(p).map_err(js_error)
    }

    /// Computes input/output scaling parameters from `data` (FANN's `fann_set_scaling_params`).
    #[wasm_bindgen(js_name = setScalingParams)]
    pub fn set_scaling_params(
        &mut self,
        data: &TrainingData,
        input_min: f32,
        input_max: f32,
        output_min: f32,
        output_max: f32,
    ) -> Result<(), JsError> {
        self.net
            .set_scaling_params(&data.data, input_min, input_max, output_min, output_max)
            .map_err(js_error)
    }

    /// Removes the scaling parameters.
    #[wasm_bindgen(js_name = clearScalingParams)]
    pub fn clear_scaling_params(&mut self) {
        self.net.clear_scaling_params();
    }

    /// An input vector scaled with the network's scaling parameters.
    #[wasm_bindgen(js_name = scaleInput)]
    pub fn scale_input(&self, input: &[f32]) -> Result<Vec<f32>, JsError> {
        crate::error::check_finite(input, "input").map_err(js_error)?;
        let mut v = input.to_vec();
        self.net.scale_input(&mut v).map_err(js_error)?;
        Ok(v)
    }

    /// An output vector scaled with the network's scaling parameters.
    #[wasm_bindgen(js_name = scaleOutput)]
    pub fn scale_output(&self, output: &[f32]) -> Result<Vec<f32>, JsError> {
        crate::error::check_finite(output, "output").map_err(js_error)?;
        let mut v = output.to_vec();
        self.net.scale_output(&mut v).map_err(js_error)?;
        Ok(v)
    }

    /// A network output vector mapped back to data units.
    #[wasm_bindgen(js_name = descaleOutput)]
    pub fn descale_output(&self, output: &[f32]) -> Result<Vec<f32>, JsError> {
        crate::error::check_finite(output, "output").map_err(js_error)?;
        let mut v = output.to_vec();
        self.net.descale_output(&mut v).map_err(js_error)?;
        Ok(v)
    }
}

// ---------------------------------------------------------------------------------------------
// Kernels
// ---------------------------------------------------------------------------------------------

/// A dense row-major `f32` matrix, for matrix-vector products with the module's kernels.
#[wasm_bindgen]
pub struct DenseMatrix {
    rows: usize,
    cols: usize,
    data: Vec<f32>,
}

#[wasm_bindgen]
impl DenseMatrix {
    /// A `rows x cols` matrix from `data` (row after row, `rows * cols` finite values).
    #[wasm_bindgen(constructor)]
    pub fn new(rows: f64, cols: f64, data: &[f32]) -> Result<DenseMatrix, JsError> {
        let rows = usize_arg("rows", rows)?;
        let cols = usize_arg("cols", cols)?;
        if rows == 0 || cols == 0 {
            return Err(JsError::new(
                "a matrix needs at least one row and one column",
            ));
        }
        match rows.checked_mul(cols) {
            Some(n) if n == data.len() => {}
            _ => {
                return Err(JsError::new(&format!(
                    "a {rows} x {cols} matrix needs {} values, got {}",
                    rows as u64 * cols as u64,
                    data.len()
                )))
            }
        }
        crate::error::check_finite(data, "matrix").map_err(js_error)?;
        Ok(DenseMatrix {
            rows,
            cols,
            data: data.to_vec(),
        })
    }

    /// Number of rows.
    #[wasm_bindgen(getter)]
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// Number of columns.
    #[wasm_bindgen(getter)]
    pub fn cols(&self) -> usize {
        self.cols
    }

    /// The product of the matrix with `x` (`cols` finite values).
    #[wasm_bindgen(js_name = mulVec)]
    pub fn mul_vec(&self, x: &[f32]) -> Result<Vec<f32>, JsError> {
        if x.len() != self.cols {
            return Err(JsError::new(&format!(
                "the matrix has {} columns but the vector has {} values",
                self.cols,
                x.len()
            )));
        }
        crate::error::check_finite(x, "vector").map_err(js_error)?;
        let mut out = alloc::vec![0.0f32; self.rows];
        crate::kernels::matvec(&self.data, self.cols, x, &mut out);
        Ok(out)
    }
}

/// Runs every kernel on its SIMD128 path and its scalar path with the same pseudo-random data
/// and reports the largest relative differences (`simd` tells whether this build uses SIMD).
#[wasm_bindgen(js_name = kernelSelfCheck)]
pub fn kernel_self_check(seed: Option<f64>) -> Result<JsValue, JsError> {
    let seed = seed.map(|s| uint_arg("seed", s)).transpose()?.unwrap_or(1);
    let check = crate::kernels::self_check(seed as u64);
    to_js(&KernelCheckOut {
        simd: check.simd,
        max_relative_difference: check.max_relative_difference(),
        kernels: check
            .kernels
            .iter()
            .map(|&(name, d)| KernelDiff {
                name,
                max_relative_difference: d,
            })
            .collect(),
    })
}

/// FANN's name of an activation function, e.g. `"FANN_SIGMOID_SYMMETRIC"`.
#[wasm_bindgen(js_name = activationFunctionName)]
pub fn activation_function_name(f: ActivationFunction) -> String {
    String::from(Act::from(f).fann_name())
}
