//! FANN's activation functions and their derivatives.
//!
//! The formulas are FANN 2.2's floating-point ones (`fann_activation.h` and
//! `fann_activation_derived` in `fann_train.c`), evaluated with the same mix of `float` and
//! `double` arithmetic as the C code so that a network gives the same outputs here as in libfann.
//! Two functions that FANN 2.2 lacks are added with the codes later FANN versions gave them:
//! [`ActivationFunction::Relu`] (`FANN_LINEAR_PIECE_RECT`, 18) and
//! [`ActivationFunction::LeakyRelu`] (`FANN_LINEAR_PIECE_RECT_LEAKY`, 19).
//!
//! Conventions (as in FANN): a neuron computes `sum = steepness * Σ wᵢxᵢ`, clipped to
//! `±150 / steepness`, and outputs `value = f(sum)`; [`ActivationFunction::activate`] is `f`.
//! [`ActivationFunction::derivative`] is FANN's derivative of the value with respect to the
//! unscaled weighted sum, given the steepness, the value and the (scaled) sum.
//!
//! FANN 2.2 quirks kept on purpose, for file and training compatibility:
//! - `GaussianStepwise` outputs 0 for every input and has derivative 0 (FANN's floating-point
//!   build never implemented it).
//! - The sigmoid and Elliot derivatives clip the value to `[0.01, 0.99]` (symmetric variants:
//!   `[-0.98, 0.98]`) so that training never stalls on a saturated neuron.
//! - The Gaussian, sine and cosine derivatives use the steepness once more than the exact
//!   derivative; they are exact for steepness 1.
//! - The linear-piece derivatives are the steepness everywhere, also where the output is
//!   clipped.
//! - `Threshold` and `ThresholdSymmetric` have no derivative (0): networks using them in a
//!   hidden or output layer cannot be trained (training reports an error).

use crate::error::{NeuralError, Quoted, Result};
use alloc::format;

/// An activation function, numbered with its FANN code (`enum fann_activationfunc_enum`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u32)]
pub enum ActivationFunction {
    /// `FANN_LINEAR`: `y = x`.
    Linear = 0,
    /// `FANN_THRESHOLD`: `y = 0` if `x < 0`, else 1. Cannot be trained.
    Threshold = 1,
    /// `FANN_THRESHOLD_SYMMETRIC`: `y = -1` if `x < 0`, else 1. Cannot be trained.
    ThresholdSymmetric = 2,
    /// `FANN_SIGMOID`: `y = 1 / (1 + exp(-2x))`, range (0, 1).
    Sigmoid = 3,
    /// `FANN_SIGMOID_STEPWISE`: piecewise-linear approximation of the sigmoid.
    SigmoidStepwise = 4,
    /// `FANN_SIGMOID_SYMMETRIC`: `y = 2 / (1 + exp(-2x)) - 1` (tanh), range (-1, 1).
    SigmoidSymmetric = 5,
    /// `FANN_SIGMOID_SYMMETRIC_STEPWISE`: piecewise-linear approximation of tanh.
    SigmoidSymmetricStepwise = 6,
    /// `FANN_GAUSSIAN`: `y = exp(-x²)`, range (0, 1].
    Gaussian = 7,
    /// `FANN_GAUSSIAN_SYMMETRIC`: `y = 2 exp(-x²) - 1`, range (-1, 1].
    GaussianSymmetric = 8,
    /// `FANN_GAUSSIAN_STEPWISE`: unimplemented in FANN 2.2's floating-point library, where it
    /// always outputs 0; reproduced as such.
    GaussianStepwise = 9,
    /// `FANN_ELLIOT`: `y = (x/2) / (1 + |x|) + 0.5`, range (0, 1).
    Elliot = 10,
    /// `FANN_ELLIOT_SYMMETRIC`: `y = x / (1 + |x|)`, range (-1, 1).
    ElliotSymmetric = 11,
    /// `FANN_LINEAR_PIECE`: `y = x` clipped to [0, 1].
    LinearPiece = 12,
    /// `FANN_LINEAR_PIECE_SYMMETRIC`: `y = x` clipped to [-1, 1].
    LinearPieceSymmetric = 13,
    /// `FANN_SIN_SYMMETRIC`: `y = sin(x)`.
    SinSymmetric = 14,
    /// `FANN_COS_SYMMETRIC`: `y = cos(x)`.
    CosSymmetric = 15,
    /// `FANN_SIN`: `y = sin(x)/2 + 0.5`.
    Sin = 16,
    /// `FANN_COS`: `y = cos(x)/2 + 0.5`.
    Cos = 17,
    /// ReLU (`FANN_LINEAR_PIECE_RECT` in FANN ≥ 2.3): `y = max(0, x)`.
    Relu = 18,
    /// Leaky ReLU (`FANN_LINEAR_PIECE_RECT_LEAKY` in FANN ≥ 2.3): `y = x` if `x ≥ 0`, else `0.01x`.
    LeakyRelu = 19,
}

/// All activation functions, in FANN code order.
pub const ALL_ACTIVATION_FUNCTIONS: [ActivationFunction; 20] = [
    ActivationFunction::Linear,
    ActivationFunction::Threshold,
    ActivationFunction::ThresholdSymmetric,
    ActivationFunction::Sigmoid,
    ActivationFunction::SigmoidStepwise,
    ActivationFunction::SigmoidSymmetric,
    ActivationFunction::SigmoidSymmetricStepwise,
    ActivationFunction::Gaussian,
    ActivationFunction::GaussianSymmetric,
    ActivationFunction::GaussianStepwise,
    ActivationFunction::Elliot,
    ActivationFunction::ElliotSymmetric,
    ActivationFunction::LinearPiece,
    ActivationFunction::LinearPieceSymmetric,
    ActivationFunction::SinSymmetric,
    ActivationFunction::CosSymmetric,
    ActivationFunction::Sin,
    ActivationFunction::Cos,
    ActivationFunction::Relu,
    ActivationFunction::LeakyRelu,
];

/// Slope of [`ActivationFunction::LeakyRelu`] for negative inputs.
pub const LEAKY_RELU_SLOPE: f32 = 0.01;

/// FANN's `fann_abs`.
#[inline(always)]
fn fabs(x: f32) -> f32 {
    if x > 0.0 {
        x
    } else {
        -x
    }
}

/// FANN's `fann_clip`.
#[inline(always)]
fn clip(x: f32, lo: f32, hi: f32) -> f32 {
    if x < lo {
        lo
    } else if x > hi {
        hi
    } else {
        x
    }
}

/// FANN's `fann_linear_func`, in double precision as in C.
#[inline(always)]
fn linear_func(v1: f64, r1: f64, v2: f64, r2: f64, sum: f64) -> f64 {
    (((r2 - r1) * (sum - v1)) / (v2 - v1)) + r1
}

/// FANN's `fann_stepwise` macro (comparisons and interpolation in double precision).
#[inline(always)]
fn stepwise(v: &[f64; 6], r: &[f64; 6], min: f64, max: f64, sum: f32) -> f32 {
    let s = sum as f64;
    let out = if s < v[4] {
        if s < v[2] {
            if s < v[1] {
                if s < v[0] {
                    min
                } else {
                    linear_func(v[0], r[0], v[1], r[1], s)
                }
            } else {
                linear_func(v[1], r[1], v[2], r[2], s)
            }
        } else if s < v[3] {
            linear_func(v[2], r[2], v[3], r[3], s)
        } else {
            linear_func(v[3], r[3], v[4], r[4], s)
        }
    } else if s < v[5] {
        linear_func(v[4], r[4], v[5], r[5], s)
    } else {
        max
    };
    out as f32
}

// FANN's literal (the f32 values printed with 20 digits); kept verbatim.
#[allow(clippy::excessive_precision)]
const SIGMOID_STEPWISE_V: [f64; 6] = [
    -2.646_652_460_098_266_601_56e+00,
    -1.472_219_467_163_085_937_50e+00,
    -5.493_061_542_510_986_328_12e-01,
    5.493_061_542_510_986_328_12e-01,
    1.472_219_347_953_796_386_72e+00,
    2.646_652_936_935_424_804_69e+00,
];
// FANN's literal (the f32 values printed with 20 digits); kept verbatim.
#[allow(clippy::excessive_precision)]
const SIGMOID_STEPWISE_R: [f64; 6] = [
    4.999_999_888_241_291_046_14e-03,
    5.000_000_074_505_805_969_24e-02,
    2.500_000_000_000_000_000_00e-01,
    7.500_000_000_000_000_000_00e-01,
    9.499_999_880_790_710_449_22e-01,
    9.950_000_047_683_715_820_31e-01,
];
// FANN's literal (the f32 values printed with 20 digits); kept verbatim.
#[allow(clippy::excessive_precision)]
const SIGMOID_SYMMETRIC_STEPWISE_V: [f64; 6] = [
    -2.646_652_936_935_424_804_69e+00,
    -1.472_219_347_953_796_386_72e+00,
    -5.493_061_542_510_986_328_12e-01,
    5.493_061_542_510_986_328_12e-01,
    1.472_219_347_953_796_386_72e+00,
    2.646_652_936_935_424_804_69e+00,
];
// FANN's literal (the f32 values printed with 20 digits); kept verbatim.
#[allow(clippy::excessive_precision)]
const SIGMOID_SYMMETRIC_STEPWISE_R: [f64; 6] = [
    -9.900_000_095_367_431_640_62e-01,
    -8.999_999_761_581_420_898_44e-01,
    -5.000_000_000_000_000_000_00e-01,
    5.000_000_000_000_000_000_00e-01,
    8.999_999_761_581_420_898_44e-01,
    9.900_000_095_367_431_640_62e-01,
];

impl ActivationFunction {
    /// The function with FANN code `code`, or an error for an unknown code.
    pub fn from_code(code: u32) -> Result<Self> {
        ALL_ACTIVATION_FUNCTIONS
            .get(code as usize)
            .copied()
            .ok_or_else(|| {
                NeuralError::InvalidArgument(format!(
                    "unknown activation function code {code} (valid codes are 0..=19)"
                ))
            })
    }

    /// The FANN code of this function.
    pub fn code(self) -> u32 {
        self as u32
    }

    /// FANN's name for this function (`FANN_ACTIVATIONFUNC_NAMES`), e.g. `"FANN_SIGMOID"`.
    pub fn fann_name(self) -> &'static str {
        match self {
            ActivationFunction::Linear => "FANN_LINEAR",
            ActivationFunction::Threshold => "FANN_THRESHOLD",
            ActivationFunction::ThresholdSymmetric => "FANN_THRESHOLD_SYMMETRIC",
            ActivationFunction::Sigmoid => "FANN_SIGMOID",
            ActivationFunction::SigmoidStepwise => "FANN_SIGMOID_STEPWISE",
            ActivationFunction::SigmoidSymmetric => "FANN_SIGMOID_SYMMETRIC",
            ActivationFunction::SigmoidSymmetricStepwise => "FANN_SIGMOID_SYMMETRIC_STEPWISE",
            ActivationFunction::Gaussian => "FANN_GAUSSIAN",
            ActivationFunction::GaussianSymmetric => "FANN_GAUSSIAN_SYMMETRIC",
            ActivationFunction::GaussianStepwise => "FANN_GAUSSIAN_STEPWISE",
            ActivationFunction::Elliot => "FANN_ELLIOT",
            ActivationFunction::ElliotSymmetric => "FANN_ELLIOT_SYMMETRIC",
            ActivationFunction::LinearPiece => "FANN_LINEAR_PIECE",
            ActivationFunction::LinearPieceSymmetric => "FANN_LINEAR_PIECE_SYMMETRIC",
            ActivationFunction::SinSymmetric => "FANN_SIN_SYMMETRIC",
            ActivationFunction::CosSymmetric => "FANN_COS_SYMMETRIC",
            ActivationFunction::Sin => "FANN_SIN",
            ActivationFunction::Cos => "FANN_COS",
            ActivationFunction::Relu => "FANN_LINEAR_PIECE_RECT",
            ActivationFunction::LeakyRelu => "FANN_LINEAR_PIECE_RECT_LEAKY",
        }
    }

    /// Parses a function name, ignoring case, underscores, dashes and a `FANN_` prefix:
    /// `"sigmoid_symmetric"`, `"SIGMOID_SYMMETRIC"`, `"FANN_SIGMOID_SYMMETRIC"` and
    /// `"sigmoidSymmetric"` all name [`ActivationFunction::SigmoidSymmetric`]. `"relu"`,
    /// `"leaky_relu"` and FANN's `LINEAR_PIECE_RECT[_LEAKY]` are accepted too.
    pub fn from_name(name: &str) -> Result<Self> {
        let mut norm = alloc::string::String::with_capacity(name.len());
        for c in name.trim().chars() {
            if c != '_' && c != '-' && c != ' ' {
                norm.extend(c.to_lowercase());
            }
        }
        let key = norm.strip_prefix("fann").unwrap_or(&norm);
        for f in ALL_ACTIVATION_FUNCTIONS {
            let fname: alloc::string::String = f
                .fann_name()
                .trim_start_matches("FANN_")
                .chars()
                .filter(|c| *c != '_')
                .flat_map(|c| c.to_lowercase())
                .collect();
            if fname == key {
                return Ok(f);
            }
        }
        match key {
            "relu" => Ok(ActivationFunction::Relu),
            "leakyrelu" => Ok(ActivationFunction::LeakyRelu),
            "tanh" => Ok(ActivationFunction::SigmoidSymmetric),
            _ => Err(NeuralError::InvalidArgument(format!(
                "unknown activation function name {}",
                Quoted(name)
            ))),
        }
    }

    /// Whether FANN treats the function as symmetric (output range around 0), in which case
    /// output errors are halved before entering the MSE (FANN's `fann_update_MSE`).
    pub fn is_symmetric(self) -> bool {
        matches!(
            self,
            ActivationFunction::LinearPieceSymmetric
                | ActivationFunction::ThresholdSymmetric
                | ActivationFunction::SigmoidSymmetric
                | ActivationFunction::SigmoidSymmetricStepwise
                | ActivationFunction::ElliotSymmetric
                | ActivationFunction::GaussianSymmetric
                | ActivationFunction::SinSymmetric
                | ActivationFunction::CosSymmetric
        )
    }

    /// Whether a neuron with this function can be trained by gradient methods.
    pub fn is_trainable(self) -> bool {
        !matches!(
            self,
            ActivationFunction::Threshold | ActivationFunction::ThresholdSymmetric
        )
    }

    /// The function applied to an already steepness-scaled sum (FANN's
    /// `fann_activation_switch`).
    #[inline]
    #[cfg_attr(all(panic = "immediate-abort", feature = "bindings"), optimize(speed))]
    pub fn activate(self, sum: f32) -> f32 {
        match self {
            ActivationFunction::Linear => sum,
            // `clamp` is FANN's ternaries exactly (NaN stays NaN, -0 stays -0).
            ActivationFunction::LinearPiece => sum.clamp(0.0, 1.0),
            ActivationFunction::LinearPieceSymmetric => sum.clamp(-1.0, 1.0),
            ActivationFunction::Sigmoid => {
                (1.0f64 / (1.0f64 + libm::exp((-2.0f32 * sum) as f64))) as f32
            }
            ActivationFunction::SigmoidSymmetric => {
                (2.0f64 / (1.0f64 + libm::exp((-2.0f32 * sum) as f64)) - 1.0f64) as f32
            }
            ActivationFunction::SigmoidSymmetricStepwise => stepwise(
                &SIGMOID_SYMMETRIC_STEPWISE_V,
                &SIGMOID_SYMMETRIC_STEPWISE_R,
                -1.0,
                1.0,
                sum,
            ),
            ActivationFunction::SigmoidStepwise => {
                stepwise(&SIGMOID_STEPWISE_V, &SIGMOID_STEPWISE_R, 0.0, 1.0, sum)
            }
            ActivationFunction::Threshold => {
                if sum < 0.0 {
                    0.0
                } else {
                    1.0
                }
            }
            ActivationFunction::ThresholdSymmetric => {
                if sum < 0.0 {
                    -1.0
                } else {
                    1.0
                }
            }
            ActivationFunction::Gaussian => libm::exp((-sum * sum) as f64) as f32,
            ActivationFunction::GaussianSymmetric => {
                ((libm::exp((-sum * sum) as f64) * 2.0f64) - 1.0f64) as f32
            }
            ActivationFunction::Elliot => ((sum / 2.0) / (1.0 + fabs(sum))) + 0.5,
            ActivationFunction::ElliotSymmetric => sum / (1.0 + fabs(sum)),
            ActivationFunction::SinSymmetric => libm::sin(sum as f64) as f32,
            ActivationFunction::CosSymmetric => libm::cos(sum as f64) as f32,
            ActivationFunction::Sin => (libm::sin(sum as f64) / 2.0f64 + 0.5f64) as f32,
            ActivationFunction::Cos => (libm::cos(sum as f64) / 2.0f64 + 0.5f64) as f32,
            ActivationFunction::GaussianStepwise => 0.0,
            ActivationFunction::Relu => {
                if sum < 0.0 {
                    0.0
                } else {
                    sum
                }
            }
            ActivationFunction::LeakyRelu => {
                if sum < 0.0 {
                    (0.01f64 * sum as f64) as f32
                } else {
                    sum
                }
            }
        }
    }

    /// FANN's derivative of the neuron value with respect to its unscaled weighted input sum
    /// (`fann_activation_derived`), given the steepness, the neuron's value and its
    /// steepness-scaled sum.
    #[inline]
    #[cfg_attr(all(panic = "immediate-abort", feature = "bindings"), optimize(speed))]
    pub fn derivative(self, steepness: f32, value: f32, sum: f32) -> f32 {
        match self {
            ActivationFunction::Linear
            | ActivationFunction::LinearPiece
            | ActivationFunction::LinearPieceSymmetric => steepness,
            ActivationFunction::Sigmoid | ActivationFunction::SigmoidStepwise => {
                let v = clip(value, 0.01, 0.99);
                2.0 * steepness * v * (1.0 - v)
            }
            ActivationFunction::SigmoidSymmetric | ActivationFunction::SigmoidSymmetricStepwise => {
                let v = clip(value, -0.98, 0.98);
                steepness * (1.0 - (v * v))
            }
            ActivationFunction::Gaussian => -2.0 * sum * value * steepness * steepness,
            ActivationFunction::GaussianSymmetric => {
                -2.0 * sum * (value + 1.0) * steepness * steepness
            }
            ActivationFunction::Elliot => {
                let a = 1.0 + fabs(sum);
                steepness * 1.0 / (2.0 * a * a)
            }
            ActivationFunction::ElliotSymmetric => {
                let a = 1.0 + fabs(sum);
                steepness * 1.0 / (a * a)
            }
            ActivationFunction::SinSymmetric => {
                (steepness as f64 * libm::cos((steepness * sum) as f64)) as f32
            }
            ActivationFunction::CosSymmetric => {
                (steepness as f64 * -libm::sin((steepness * sum) as f64)) as f32
            }
            ActivationFunction::Sin => {
                (steepness as f64 * libm::cos((steepness * sum) as f64) / 2.0f64) as f32
            }
            ActivationFunction::Cos => {
                (steepness as f64 * -libm::sin((steepness * sum) as f64) / 2.0f64) as f32
            }
            ActivationFunction::Relu => {
                if sum > 0.0 {
                    steepness
                } else {
                    0.0
                }
            }
            ActivationFunction::LeakyRelu => {
                if sum > 0.0 {
                    steepness
                } else {
                    LEAKY_RELU_SLOPE * steepness
                }
            }
            ActivationFunction::Threshold
            | ActivationFunction::ThresholdSymmetric
            | ActivationFunction::GaussianStepwise => 0.0,
        }
    }

    /// The neuron output for an unscaled weighted sum `x` and a steepness, exactly as a FANN
    /// neuron computes it (scaling, clipping to `±150/steepness`, activation).
    #[inline]
    #[cfg_attr(all(panic = "immediate-abort", feature = "bindings"), optimize(speed))]
    pub fn neuron_output(self, steepness: f32, x: f32) -> (f32, f32) {
        let sum = clip_sum(steepness * x, steepness);
        (sum, self.activate(sum))
    }
}

/// FANN's clipping of the steepness-scaled sum to `±150 / steepness` (keeps `exp` finite).
#[inline(always)]
pub(crate) fn clip_sum(sum: f32, steepness: f32) -> f32 {
    let max_sum = 150.0 / steepness;
    if sum > max_sum {
        max_sum
    } else if sum < -max_sum {
        -max_sum
    } else {
        sum
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Numerical derivative of the neuron output with respect to the unscaled sum.
    fn numeric_derivative(f: ActivationFunction, steepness: f32, x: f32) -> f64 {
        let h = 1e-3f64;
        let eval = |x: f64| -> f64 {
            let s = steepness as f64 * x;
            // double-precision reference of the activation applied to the scaled sum
            match f {
                ActivationFunction::Linear => s,
                ActivationFunction::Sigmoid => 1.0 / (1.0 + libm::exp(-2.0 * s)),
                ActivationFunction::SigmoidSymmetric => 2.0 / (1.0 + libm::exp(-2.0 * s)) - 1.0,
                ActivationFunction::Gaussian => libm::exp(-s * s),
                ActivationFunction::GaussianSymmetric => 2.0 * libm::exp(-s * s) - 1.0,
                ActivationFunction::Elliot => (s / 2.0) / (1.0 + libm::fabs(s)) + 0.5,
                ActivationFunction::ElliotSymmetric => s / (1.0 + libm::fabs(s)),
                ActivationFunction::LinearPiece => s.clamp(0.0, 1.0),
                ActivationFunction::LinearPieceSymmetric => s.clamp(-1.0, 1.0),
                ActivationFunction::SinSymmetric => libm::sin(s),
                ActivationFunction::CosSymmetric => libm::cos(s),
                ActivationFunction::Sin => libm::sin(s) / 2.0 + 0.5,
                ActivationFunction::Cos => libm::cos(s) / 2.0 + 0.5,
                ActivationFunction::Relu => s.max(0.0),
                ActivationFunction::LeakyRelu => {
                    if s < 0.0 {
                        0.01 * s
                    } else {
                        s
                    }
                }
                _ => f.activate(s as f32) as f64,
            }
        };
        let x = x as f64;
        (eval(x + h) - eval(x - h)) / (2.0 * h)
    }

    #[test]
    fn codes_round_trip_and_names_parse() {
        for (i, f) in ALL_ACTIVATION_FUNCTIONS.iter().enumerate() {
            assert_eq!(f.code() as usize, i);
            assert_eq!(ActivationFunction::from_code(i as u32).unwrap(), *f);
            assert_eq!(ActivationFunction::from_name(f.fann_name()).unwrap(), *f);
        }
        assert!(ActivationFunction::from_code(20).is_err());
        assert_eq!(
            ActivationFunction::from_name("sigmoidSymmetric").unwrap(),
            ActivationFunction::SigmoidSymmetric
        );
        assert_eq!(
            ActivationFunction::from_name("leaky_relu").unwrap(),
            ActivationFunction::LeakyRelu
        );
        assert!(ActivationFunction::from_name("softmax").is_err());
    }

    #[test]
    fn values_match_fann_formulas() {
        use ActivationFunction::*;
        let s = 0.3f32;
        let close = |a: f32, b: f64| (a as f64 - b).abs() < 1e-6;
        assert!(close(Sigmoid.activate(s), 1.0 / (1.0 + (-0.6f64).exp())));
        assert!(close(SigmoidSymmetric.activate(s), (0.3f64).tanh()));
        assert!(close(Gaussian.activate(s), (-0.09f64).exp()));
        assert!(close(
            GaussianSymmetric.activate(s),
            2.0 * (-0.09f64).exp() - 1.0
        ));
        assert!(close(Elliot.activate(s), 0.15 / 1.3 + 0.5));
        assert!(close(ElliotSymmetric.activate(-s), -0.3 / 1.3));
        assert!(close(SinSymmetric.activate(s), 0.3f64.sin()));
        assert!(close(CosSymmetric.activate(s), 0.3f64.cos()));
        assert!(close(Sin.activate(s), 0.3f64.sin() / 2.0 + 0.5));
        assert!(close(Cos.activate(s), 0.3f64.cos() / 2.0 + 0.5));
        assert_eq!(Threshold.activate(-0.1), 0.0);
        assert_eq!(Threshold.activate(0.0), 1.0);
        assert_eq!(ThresholdSymmetric.activate(-0.1), -1.0);
        assert_eq!(LinearPiece.activate(1.5), 1.0);
        assert_eq!(LinearPiece.activate(-1.5), 0.0);
        assert_eq!(LinearPieceSymmetric.activate(-1.5), -1.0);
        assert_eq!(Relu.activate(-2.0), 0.0);
        assert_eq!(Relu.activate(2.0), 2.0);
        assert!(close(LeakyRelu.activate(-2.0), -0.02));
        assert_eq!(GaussianStepwise.activate(0.5), 0.0);
        // Stepwise functions interpolate FANN's table: exact at the knots, saturated outside.
        assert!(close(SigmoidStepwise.activate(0.0), 0.5));
        assert_eq!(SigmoidStepwise.activate(10.0), 1.0);
        assert_eq!(SigmoidStepwise.activate(-10.0), 0.0);
        assert!(close(SigmoidSymmetricStepwise.activate(0.0), 0.0));
        assert_eq!(SigmoidSymmetricStepwise.activate(-10.0), -1.0);
        // The stepwise sigmoids stay close to the real ones (FANN's 6-knot tables).
        let mut x = -4.0f32;
        while x < 4.0 {
            assert!((SigmoidStepwise.activate(x) - Sigmoid.activate(x)).abs() < 0.05);
            assert!(
                (SigmoidSymmetricStepwise.activate(x) - SigmoidSymmetric.activate(x)).abs() < 0.1
            );
            x += 0.01;
        }
    }

    /// Gradient check: FANN's derivative against a central difference of the neuron output,
    /// at steepness 1 for every differentiable function, and at other steepnesses for the
    /// functions whose FANN derivative is exact for any steepness.
    #[test]
    fn derivatives_match_numerical_gradients() {
        use ActivationFunction::*;
        let all_exact_at_one = [
            Linear,
            Sigmoid,
            SigmoidSymmetric,
            Gaussian,
            GaussianSymmetric,
            Elliot,
            ElliotSymmetric,
            LinearPiece,
            LinearPieceSymmetric,
            SinSymmetric,
            CosSymmetric,
            Sin,
            Cos,
            Relu,
            LeakyRelu,
        ];
        let xs = [-1.7f32, -0.9, -0.4, -0.13, 0.07, 0.35, 0.8, 1.3];
        for f in all_exact_at_one {
            for &x in &xs {
                let (sum, value) = f.neuron_output(1.0, x);
                // FANN's linear-piece derivative is the steepness everywhere, including the
                // flat saturated parts: check it only on the linear part.
                let inside = |lo: f32, hi: f32| value > lo && value < hi;
                if f == LinearPiece && !inside(0.0, 1.0)
                    || f == LinearPieceSymmetric && !inside(-1.0, 1.0)
                {
                    continue;
                }
                // Outside the derivative's clip range FANN deliberately reports the clipped value.
                if f == Sigmoid && !(0.01..=0.99).contains(&value)
                    || f == SigmoidSymmetric && !(-0.98..=0.98).contains(&value)
                {
                    continue;
                }
                let analytic = f.derivative(1.0, value, sum) as f64;
                let numeric = numeric_derivative(f, 1.0, x);
                assert!(
                    (analytic - numeric).abs() < 2e-4 * (1.0 + numeric.abs()),
                    "{f:?} at x={x}: analytic {analytic}, numeric {numeric}"
                );
            }
        }
        for f in [
            Linear,
            Sigmoid,
            SigmoidSymmetric,
            Elliot,
            ElliotSymmetric,
            Relu,
            LeakyRelu,
        ] {
            for steepness in [0.25f32, 0.5, 2.0] {
                for &x in &xs {
                    let (sum, value) = f.neuron_output(steepness, x);
                    let clipped = match f {
                        Sigmoid => !(0.01..=0.99).contains(&value),
                        SigmoidSymmetric => !(-0.98..=0.98).contains(&value),
                        _ => false,
                    };
                    if clipped {
                        continue;
                    }
                    let analytic = f.derivative(steepness, value, sum) as f64;
                    let numeric = numeric_derivative(f, steepness, x);
                    assert!(
                        (analytic - numeric).abs() < 2e-4 * (1.0 + numeric.abs()),
                        "{f:?} s={steepness} x={x}: analytic {analytic}, numeric {numeric}"
                    );
                }
            }
        }
    }

    #[test]
    fn fann_derivative_quirks_are_kept() {
        use ActivationFunction::*;
        // Clipping: a saturated sigmoid still has FANN's minimum slope.
        let d = Sigmoid.derivative(0.5, 1.0, 100.0);
        assert!((d - 2.0 * 0.5 * 0.99 * 0.01).abs() < 1e-7);
        let d = SigmoidSymmetric.derivative(1.0, -1.0, -100.0);
        assert!((d - (1.0 - 0.98 * 0.98)).abs() < 1e-6);
        // Gaussian derivative uses steepness² with the scaled sum.
        let (s, v) = Gaussian.neuron_output(0.5, 0.8);
        assert_eq!(Gaussian.derivative(0.5, v, s), -2.0 * s * v * 0.5 * 0.5);
        // Sine derivative: steepness * cos(steepness * scaled sum).
        let (s, _) = SinSymmetric.neuron_output(0.5, 0.8);
        let d = SinSymmetric.derivative(0.5, 0.0, s) as f64;
        assert!((d - 0.5 * (0.5 * s as f64).cos()).abs() < 1e-6);
        assert_eq!(Threshold.derivative(1.0, 1.0, 1.0), 0.0);
        assert!(!Threshold.is_trainable() && !ThresholdSymmetric.is_trainable());
        assert!(SigmoidSymmetric.is_symmetric() && !Sigmoid.is_symmetric());
    }

    #[test]
    fn sums_are_clipped_like_fann() {
        let (s, v) = ActivationFunction::Linear.neuron_output(0.5, 1000.0);
        assert_eq!(s, 150.0 / 0.5);
        assert_eq!(v, 300.0);
        let (s, _) = ActivationFunction::Sigmoid.neuron_output(1.0, -1e9);
        assert_eq!(s, -150.0);
    }
}
