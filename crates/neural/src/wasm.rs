//! JavaScript bindings of the `neural` module: the `NeuralNetwork` and `TrainingData` classes,
//! the `ActivationFunction`, `TrainingAlgorithm`, `ErrorFunction` and `StopFunction` enums, a
//! `DenseMatrix` helper and `kernelSelfCheck`.
//!
//! Every fallible call returns a JS `Error` whose message says what is wrong; inputs are
//! validated before use, so bad input never panics (which would kill the wasm instance).

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use js_sys::{Array, Object, Reflect};
use wasm_bindgen::prelude::*;

use crate::activation::ActivationFunction as Act;
use crate::decimal::Shortest;
use crate::error::Quoted;
use crate::network::NetworkType;
use crate::params::{
    ErrorFunction as ErrFn, StopFunction as StopFn, TrainingAlgorithm as Algo, TrainingParams,
};
use ruv_core::js_args::{reject_unknown_keys, string_arg, type_name};

// Once per wasm module: by the crate that is the module's root (feature `module`), not when the
// `unified` module bundles this crate's API.
#[cfg(feature = "module")]
ruv_core::export_module_interface!();

fn js_error(e: impl ToString) -> JsError {
    JsError::new(&e.to_string())
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

// ---------------------------------------------------------------------------------------------
// JSON-shaped values, read and written with a few JS calls (no serde: its generic
// deserializers, float formatting and escaping cost a fifth of the module).
// ---------------------------------------------------------------------------------------------

/// An options object: `undefined`/`null` (all defaults), or a plain object whose keys are all
/// in `keys` (a misspelt option is an error, not silently ignored).
struct Options<'a> {
    what: &'a str,
    object: Option<JsValue>,
}

impl<'a> Options<'a> {
    fn new(what: &'a str, value: Option<JsValue>, keys: &[&str]) -> Result<Self, JsError> {
        let object = match value {
            Some(v) if !v.is_undefined() && !v.is_null() => v,
            _ => return Ok(Options { what, object: None }),
        };
        if !object.is_object() || Array::is_array(&object) {
            return Err(JsError::new(&format!("invalid {what}: expected an object")));
        }
        reject_unknown_keys(what, keys, &object)?;
        Ok(Options {
            what,
            object: Some(object),
        })
    }

    fn error(&self, key: &str, message: &str) -> JsError {
        JsError::new(&format!("invalid {}: {key} {message}", self.what))
    }

    /// `object[key]` (inherited properties included), `None` if it is `undefined` or `null`.
    fn get(&self, key: &str) -> Result<Option<JsValue>, JsError> {
        let Some(object) = &self.object else {
            return Ok(None);
        };
        let v = Reflect::get(object, &JsValue::from_str(key))
            .map_err(|_| self.error(key, "cannot be read"))?;
        Ok(if v.is_undefined() || v.is_null() {
            None
        } else {
            Some(v)
        })
    }

    /// A number option, as `f32` (validated later by what it configures).
    fn f32(&self, key: &str) -> Result<Option<f32>, JsError> {
        self.get(key)?
            .map(|v| {
                v.as_f64().map(|x| x as f32).ok_or_else(|| {
                    self.error(key, &format!("must be a number, got {}", type_name(&v)))
                })
            })
            .transpose()
    }

    /// An integer option from 0 to `u32::MAX`.
    fn u32(&self, key: &str) -> Result<Option<u32>, JsError> {
        self.get(key)?
            .map(|v| match v.as_f64() {
                Some(x) => uint_arg(key, x).map_err(|_| {
                    self.error(
                        key,
                        &format!(
                            "must be an integer from 0 to {}, got {}",
                            u32::MAX,
                            Shortest::F64(x)
                        ),
                    )
                }),
                None => Err(self.error(key, &format!("must be an integer, got {}", type_name(&v)))),
            })
            .transpose()
    }

    /// A seed: a safe integer ≥ 0 or a `BigInt` that fits 64 bits.
    fn u64(&self, key: &str) -> Result<Option<u64>, JsError> {
        self.get(key)?
            .map(|v| {
                let n = if v.is_bigint() {
                    u64::try_from(v.clone()).ok()
                } else if js_sys::Number::is_safe_integer(&v) {
                    v.as_f64().filter(|x| *x >= 0.0).map(|x| x as u64)
                } else {
                    None
                };
                n.ok_or_else(|| {
                    let got = match v.as_f64() {
                        Some(x) => Shortest::F64(x).to_string(),
                        None => type_name(&v),
                    };
                    self.error(
                        key,
                        &format!("must be a safe integer ≥ 0 (or a 64-bit BigInt), got {got}"),
                    )
                })
            })
            .transpose()
    }

    /// A string option.
    fn string(&self, key: &str) -> Result<Option<String>, JsError> {
        self.get(key)?
            .map(|v| {
                v.as_string().ok_or_else(|| {
                    self.error(key, &format!("must be a string, got {}", type_name(&v)))
                })
            })
            .transpose()
    }

    /// An enum option given by its FANN code (a number) or by name (a string).
    fn code_or_name<T>(
        &self,
        key: &str,
        what: &str,
        from_code: fn(u32) -> crate::Result<T>,
        from_name: fn(&str) -> crate::Result<T>,
    ) -> Result<Option<T>, JsError> {
        let Some(v) = self.get(key)? else {
            return Ok(None);
        };
        let unknown = |shown: &str| self.error(key, &format!("is not a known {what}: {shown}"));
        let result = if let Some(name) = v.as_string() {
            from_name(&name)
        } else if v.is_bigint() {
            match u64::try_from(v.clone())
                .ok()
                .and_then(|c| u32::try_from(c).ok())
            {
                Some(code) => from_code(code),
                None => return Err(unknown("a BigInt out of range")),
            }
        } else if let Some(x) = v.as_f64() {
            if x >= 0.0 && x <= u32::MAX as f64 && libm::floor(x) == x {
                from_code(x as u32)
            } else {
                return Err(JsError::new(&format!(
                    "invalid {}: unknown {what} {}",
                    self.what,
                    Shortest::F64(x)
                )));
            }
        } else {
            return Err(self.error(
                key,
                &format!("must be a number or a name, got {}", type_name(&v)),
            ));
        };
        result
            .map(Some)
            .map_err(|e| JsError::new(&format!("invalid {}: {}", self.what, e.message())))
    }

    /// `base` with the training parameters given in these options.
    fn training_params(&self, base: &TrainingParams) -> Result<TrainingParams, JsError> {
        let mut p = *base;
        if let Some(a) = self.code_or_name(
            "algorithm",
            "training algorithm",
            Algo::from_code,
            Algo::from_name,
        )? {
            p.algorithm = a;
        }
        for (key, slot) in [
            ("learningRate", &mut p.learning_rate),
            ("learningMomentum", &mut p.learning_momentum),
        ] {
            if let Some(v) = self.f32(key)? {
                *slot = v;
            }
        }
        if let Some(f) = self.code_or_name(
            "errorFunction",
            "error function",
            ErrFn::from_code,
            error_function_from_name,
        )? {
            p.error_function = f;
        }
        if let Some(f) = self.code_or_name(
            "stopFunction",
            "stop function",
            StopFn::from_code,
            stop_function_from_name,
        )? {
            p.stop_function = f;
        }
        for (key, slot) in [
            ("bitFailLimit", &mut p.bit_fail_limit),
            ("quickpropDecay", &mut p.quickprop_decay),
            ("quickpropMu", &mut p.quickprop_mu),
            ("rpropIncreaseFactor", &mut p.rprop_increase_factor),
            ("rpropDecreaseFactor", &mut p.rprop_decrease_factor),
            ("rpropDeltaMin", &mut p.rprop_delta_min),
            ("rpropDeltaMax", &mut p.rprop_delta_max),
            ("rpropDeltaZero", &mut p.rprop_delta_zero),
            ("sarpropWeightDecayShift", &mut p.sarprop_weight_decay_shift),
            (
                "sarpropStepErrorThresholdFactor",
                &mut p.sarprop_step_error_threshold_factor,
            ),
            ("sarpropStepErrorShift", &mut p.sarprop_step_error_shift),
            ("sarpropTemperature", &mut p.sarprop_temperature),
            ("adamLearningRate", &mut p.adam_learning_rate),
            ("adamBeta1", &mut p.adam_beta1),
            ("adamBeta2", &mut p.adam_beta2),
            ("adamEpsilon", &mut p.adam_epsilon),
        ] {
            if let Some(v) = self.f32(key)? {
                *slot = v;
            }
        }
        Ok(p)
    }
}

/// The keys of every training parameter in options objects.
const PARAM_KEYS: [&str; 21] = [
    "algorithm",
    "learningRate",
    "learningMomentum",
    "errorFunction",
    "stopFunction",
    "bitFailLimit",
    "quickpropDecay",
    "quickpropMu",
    "rpropIncreaseFactor",
    "rpropDecreaseFactor",
    "rpropDeltaMin",
    "rpropDeltaMax",
    "rpropDeltaZero",
    "sarpropWeightDecayShift",
    "sarpropStepErrorThresholdFactor",
    "sarpropStepErrorShift",
    "sarpropTemperature",
    "adamLearningRate",
    "adamBeta1",
    "adamBeta2",
    "adamEpsilon",
];

/// `extra` followed by [`PARAM_KEYS`].
fn option_keys(extra: &[&'static str]) -> Vec<&'static str> {
    extra.iter().chain(PARAM_KEYS.iter()).copied().collect()
}

fn error_function_from_name(s: &str) -> crate::Result<ErrFn> {
    match s.to_ascii_lowercase().as_str() {
        "linear" => Ok(ErrFn::Linear),
        "tanh" => Ok(ErrFn::Tanh),
        _ => Err(crate::NeuralError::InvalidArgument(format!(
            "unknown error function {} (\"linear\" or \"tanh\")",
            Quoted(s)
        ))),
    }
}

fn stop_function_from_name(s: &str) -> crate::Result<StopFn> {
    match s.to_ascii_lowercase().as_str() {
        "mse" => Ok(StopFn::Mse),
        "bit" | "bitfail" => Ok(StopFn::Bit),
        _ => Err(crate::NeuralError::InvalidArgument(format!(
            "unknown stop function {} (\"mse\" or \"bit\")",
            Quoted(s)
        ))),
    }
}

#[wasm_bindgen]
extern "C" {
    /// A fresh plain object, filled with `object[key] = value` (a direct assignment, cheaper
    /// than `Reflect.set`, and it cannot throw on an object nobody else has seen).
    #[wasm_bindgen(extends = Object)]
    type Fresh;
    #[wasm_bindgen(constructor, js_class = "Object")]
    fn new() -> Fresh;
    #[wasm_bindgen(method, structural, indexing_setter)]
    fn set(this: &Fresh, key: &JsValue, value: &JsValue);
}

/// A JS number.
fn num(v: impl Into<f64>) -> JsValue {
    JsValue::from_f64(v.into())
}

/// A JS number from a count or index.
fn count(n: usize) -> JsValue {
    JsValue::from_f64(n as f64)
}

/// A plain JS object with these properties, in this order.
fn object(fields: &[(&str, JsValue)]) -> JsValue {
    let o = Fresh::new();
    for (key, value) in fields {
        o.set(&JsValue::from_str(key), value);
    }
    o.into()
}

/// A JS array of these values.
fn array(values: impl IntoIterator<Item = JsValue>) -> JsValue {
    let a = Array::new();
    for v in values {
        a.push(&v);
    }
    a.into()
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
// TrainingData
// ---------------------------------------------------------------------------------------------

/// A training data set: samples of inputs and desired outputs.
#[wasm_bindgen]
pub struct TrainingData {
    data: crate::TrainingData,
}

/// Calls `f` on the items of a JS array or of another iterable object (a typed array, a Set);
/// false if `value` is neither (or its iteration throws).
fn for_each_item(
    value: &JsValue,
    mut f: impl FnMut(usize, JsValue) -> Result<(), JsError>,
) -> Result<bool, JsError> {
    if Array::is_array(value) {
        let a = value.unchecked_ref::<Array>();
        for i in 0..a.length() {
            f(i as usize, a.get(i))?;
        }
        return Ok(true);
    }
    if !value.is_object() {
        return Ok(false);
    }
    let Ok(Some(items)) = js_sys::try_iter(value) else {
        return Ok(false);
    };
    for (i, item) in items.enumerate() {
        match item {
            Ok(v) => f(i, v)?,
            Err(_) => return Ok(false),
        }
    }
    Ok(true)
}

/// Samples given as one array (or iterable) of numbers per sample.
fn rows_from_js(what: &str, value: JsValue) -> Result<Vec<Vec<f32>>, JsError> {
    if value.is_undefined() || value.is_null() {
        return Err(JsError::new(&format!("{what} is missing")));
    }
    let shape = |detail: String| {
        JsError::new(&format!(
            "{what} must be an array of number arrays: {detail}"
        ))
    };
    let mut rows = Vec::new();
    let ok = for_each_item(&value, |i, row| {
        let mut values = Vec::new();
        let ok = for_each_item(&row, |k, v| {
            let x = v
                .as_f64()
                .ok_or_else(|| shape(format!("{what}[{i}][{k}] is {}", type_name(&v))))?;
            let f = x as f32;
            if !f.is_finite() {
                return Err(JsError::new(&format!(
                    "{what}[{i}][{k}] is {} (only finite numbers that fit a 32-bit float are \
                     allowed)",
                    Shortest::F64(x)
                )));
            }
            values.push(f);
            Ok(())
        })?;
        if !ok {
            return Err(shape(format!("{what}[{i}] is {}", type_name(&row))));
        }
        rows.push(values);
        Ok(())
    })?;
    if !ok {
        return Err(shape(format!("got {}", type_name(&value))));
    }
    Ok(rows)
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
        let keys = option_keys(&[
            "topology",
            "connectionRate",
            "hiddenActivation",
            "outputActivation",
            "hiddenSteepness",
            "outputSteepness",
            "seed",
        ]);
        let o = Options::new("network options", options, &keys)?;
        let mut b = crate::Network::builder(&sizes);
        match o.string("topology")?.as_deref() {
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
        if let Some(r) = o.f32("connectionRate")? {
            b = b.connection_rate(r);
        }
        let activation =
            |key| o.code_or_name(key, "activation function", Act::from_code, Act::from_name);
        if let Some(f) = activation("hiddenActivation")? {
            b = b.hidden_activation(f);
        }
        if let Some(f) = activation("outputActivation")? {
            b = b.output_activation(f);
        }
        if let Some(s) = o.f32("hiddenSteepness")? {
            b = b.hidden_steepness(s);
        }
        if let Some(s) = o.f32("outputSteepness")? {
            b = b.output_steepness(s);
        }
        if let Some(seed) = o.u64("seed")? {
            b = b.seed(seed);
        }
        b = b.training_params(o.training_params(&TrainingParams::default())?);
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
        let keys = option_keys(&["maxEpochs", "desiredError", "epochsBetweenReports"]);
        let o = Options::new("training options", options, &keys)?;
        let max_epochs = o.u32("maxEpochs")?.unwrap_or(1000);
        let desired_error = o.f32("desiredError")?.unwrap_or(0.001);
        let between = o.u32("epochsBetweenReports")?.unwrap_or(100);
        let params = o.training_params(self.net.training_params())?;
        let on_progress: Option<js_sys::Function> = match progress {
            Some(p) if !p.is_undefined() && !p.is_null() => Some(p.dyn_into().map_err(|_| {
                JsError::new("the progress callback must be a function (epoch, mse, bitFail)")
            })?),
            _ => None,
        };
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
        Ok(object(&[
            ("mse", num(mse)),
            ("bitFail", num(self.net.bit_fail())),
            ("samples", count(data.data.len())),
        ]))
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
    pub fn get_connections(&self) -> JsValue {
        // The keys once, not once per connection.
        let keys = ["fromNeuron", "toNeuron", "weight"].map(JsValue::from_str);
        array(self.net.connections().into_iter().map(|c| {
            let o = Fresh::new();
            o.set(&keys[0], &count(c.from_neuron));
            o.set(&keys[1], &count(c.to_neuron));
            o.set(&keys[2], &num(c.weight));
            o.into()
        }))
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
    pub fn info(&self) -> JsValue {
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
                (l.num_neurons, l.bias, funcs, steeps)
            })
            .collect::<Vec<_>>();
        let layers = array(layers.into_iter().enumerate().map(
            |(i, (neurons, bias, mut funcs, mut steeps))| {
                if i == 0 {
                    funcs.clear();
                    steeps.clear();
                }
                object(&[
                    ("neurons", count(neurons)),
                    ("bias", JsValue::from_bool(bias && i + 1 != n.num_layers())),
                    ("activationFunctions", array(funcs.into_iter().map(num))),
                    ("steepnesses", array(steeps.into_iter().map(num))),
                ])
            },
        ));
        object(&[
            ("numInputs", count(n.num_input())),
            ("numOutputs", count(n.num_output())),
            ("layerSizes", array(n.layer_sizes().into_iter().map(count))),
            ("layers", layers),
            (
                "networkType",
                JsValue::from_str(match n.network_type() {
                    NetworkType::Layer => "standard",
                    NetworkType::Shortcut => "shortcut",
                }),
            ),
            ("connectionRate", num(n.connection_rate())),
            ("totalNeurons", count(n.total_neurons())),
            ("totalConnections", count(n.total_connections())),
            ("dense", JsValue::from_bool(n.is_fully_dense())),
            ("hasScaling", JsValue::from_bool(n.scale_params().is_some())),
            ("trainingAlgorithm", num(n.training_algorithm().code())),
        ])
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
    pub fn get_training_params(&self) -> JsValue {
        let p = self.net.training_params();
        object(&[
            ("algorithm", num(p.algorithm.code())),
            ("learningRate", num(p.learning_rate)),
            ("learningMomentum", num(p.learning_momentum)),
            ("errorFunction", num(p.error_function as u32)),
            ("stopFunction", num(p.stop_function as u32)),
            ("bitFailLimit", num(p.bit_fail_limit)),
            ("quickpropDecay", num(p.quickprop_decay)),
            ("quickpropMu", num(p.quickprop_mu)),
            ("rpropIncreaseFactor", num(p.rprop_increase_factor)),
            ("rpropDecreaseFactor", num(p.rprop_decrease_factor)),
            ("rpropDeltaMin", num(p.rprop_delta_min)),
            ("rpropDeltaMax", num(p.rprop_delta_max)),
            ("rpropDeltaZero", num(p.rprop_delta_zero)),
            ("sarpropWeightDecayShift", num(p.sarprop_weight_decay_shift)),
            (
                "sarpropStepErrorThresholdFactor",
                num(p.sarprop_step_error_threshold_factor),
            ),
            ("sarpropStepErrorShift", num(p.sarprop_step_error_shift)),
            ("sarpropTemperature", num(p.sarprop_temperature)),
            ("adamLearningRate", num(p.adam_learning_rate)),
            ("adamBeta1", num(p.adam_beta1)),
            ("adamBeta2", num(p.adam_beta2)),
            ("adamEpsilon", num(p.adam_epsilon)),
        ])
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
        let o = Options::new("training parameters", Some(params), &PARAM_KEYS)?;
        let p = o.training_params(self.net.training_params())?;
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
    Ok(object(&[
        ("simd", JsValue::from_bool(check.simd)),
        (
            "maxRelativeDifference",
            num(check.max_relative_difference()),
        ),
        (
            "kernels",
            array(check.kernels.iter().map(|&(name, d)| {
                object(&[
                    ("name", JsValue::from_str(name)),
                    ("maxRelativeDifference", num(d)),
                ])
            })),
        ),
    ]))
}

/// FANN's name of an activation function, e.g. `"FANN_SIGMOID_SYMMETRIC"`.
#[wasm_bindgen(js_name = activationFunctionName)]
pub fn activation_function_name(f: ActivationFunction) -> String {
    String::from(Act::from(f).fann_name())
}
