//! Training algorithms, error and stop functions, and the training parameters with FANN's
//! defaults.

use crate::decimal::Shortest;
use crate::error::{check_finite_scalar, NeuralError, Quoted, Result};
use alloc::format;

/// How the network is trained (FANN's `enum fann_train_enum`, plus Adam).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u32)]
pub enum TrainingAlgorithm {
    /// `FANN_TRAIN_INCREMENTAL`: backpropagation, weights updated after every sample
    /// (learning rate and momentum).
    Incremental = 0,
    /// `FANN_TRAIN_BATCH`: backpropagation, weights updated once per epoch.
    Batch = 1,
    /// `FANN_TRAIN_RPROP`: iRPROP- (FANN's default algorithm).
    Rprop = 2,
    /// `FANN_TRAIN_QUICKPROP`: Fahlman's Quickprop.
    Quickprop = 3,
    /// `FANN_TRAIN_SARPROP`: simulated-annealing RPROP.
    Sarprop = 4,
    /// Adam (Kingma & Ba), full-batch: one step per epoch on the mean gradient. Not a FANN
    /// algorithm: `.net` files record it as `FANN_TRAIN_RPROP` so that libfann can load them.
    Adam = 5,
}

impl TrainingAlgorithm {
    /// The algorithm with code `code` (FANN's numbering; 5 is Adam).
    pub fn from_code(code: u32) -> Result<Self> {
        Ok(match code {
            0 => TrainingAlgorithm::Incremental,
            1 => TrainingAlgorithm::Batch,
            2 => TrainingAlgorithm::Rprop,
            3 => TrainingAlgorithm::Quickprop,
            4 => TrainingAlgorithm::Sarprop,
            5 => TrainingAlgorithm::Adam,
            _ => {
                return Err(NeuralError::InvalidArgument(format!(
                    "unknown training algorithm code {code} (valid codes are 0..=5)"
                )))
            }
        })
    }

    /// Parses a name such as `"rprop"`, `"FANN_TRAIN_RPROP"`, `"quickprop"` or `"adam"`
    /// (case, underscores and dashes ignored).
    pub fn from_name(name: &str) -> Result<Self> {
        let mut norm = alloc::string::String::new();
        for c in name.trim().chars() {
            if c != '_' && c != '-' && c != ' ' {
                norm.extend(c.to_lowercase());
            }
        }
        let key = norm.strip_prefix("fanntrain").unwrap_or(&norm);
        Ok(match key {
            "incremental" => TrainingAlgorithm::Incremental,
            "batch" => TrainingAlgorithm::Batch,
            "rprop" | "irprop" | "irpropm" => TrainingAlgorithm::Rprop,
            "quickprop" => TrainingAlgorithm::Quickprop,
            "sarprop" => TrainingAlgorithm::Sarprop,
            "adam" => TrainingAlgorithm::Adam,
            _ => {
                return Err(NeuralError::InvalidArgument(format!(
                    "unknown training algorithm {}",
                    Quoted(name)
                )))
            }
        })
    }

    /// The code of this algorithm (FANN's numbering; 5 is Adam).
    pub fn code(self) -> u32 {
        self as u32
    }

    /// The code written to FANN `.net` files (Adam, unknown to FANN, is written as RPROP).
    pub fn fann_code(self) -> u32 {
        match self {
            TrainingAlgorithm::Adam => TrainingAlgorithm::Rprop as u32,
            other => other as u32,
        }
    }
}

/// The error function used on output errors during training (FANN's `enum fann_errorfunc_enum`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u32)]
pub enum ErrorFunction {
    /// `FANN_ERRORFUNC_LINEAR`: the plain difference.
    Linear = 0,
    /// `FANN_ERRORFUNC_TANH`: `ln((1+d)/(1-d))`, clipped to ±17 (FANN's default); punishes
    /// large errors more.
    Tanh = 1,
}

impl ErrorFunction {
    /// The function with FANN code `code`.
    pub fn from_code(code: u32) -> Result<Self> {
        match code {
            0 => Ok(ErrorFunction::Linear),
            1 => Ok(ErrorFunction::Tanh),
            _ => Err(NeuralError::InvalidArgument(format!(
                "unknown error function code {code} (0 = linear, 1 = tanh)"
            ))),
        }
    }
}

/// When training on a data set stops early (FANN's `enum fann_stopfunc_enum`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u32)]
pub enum StopFunction {
    /// `FANN_STOPFUNC_MSE`: stop when the epoch's MSE is at most the desired error.
    Mse = 0,
    /// `FANN_STOPFUNC_BIT`: stop when the number of bit fails is at most the desired error.
    Bit = 1,
}

impl StopFunction {
    /// The function with FANN code `code`.
    pub fn from_code(code: u32) -> Result<Self> {
        match code {
            0 => Ok(StopFunction::Mse),
            1 => Ok(StopFunction::Bit),
            _ => Err(NeuralError::InvalidArgument(format!(
                "unknown stop function code {code} (0 = MSE, 1 = bit fail)"
            ))),
        }
    }
}

/// Training parameters. [`Default`] gives FANN 2.2's defaults (`fann_allocate_structure`),
/// plus the usual Adam defaults.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TrainingParams {
    /// The algorithm (default iRPROP-).
    pub algorithm: TrainingAlgorithm,
    /// Learning rate of incremental, batch and Quickprop training (default 0.7).
    pub learning_rate: f32,
    /// Momentum of incremental training (default 0).
    pub learning_momentum: f32,
    /// Error function (default tanh).
    pub error_function: ErrorFunction,
    /// Stop function of [`crate::Network::train_on_data`] (default MSE).
    pub stop_function: StopFunction,
    /// An output whose (halved for symmetric functions) error is at least this counts as a
    /// bit fail (default 0.35).
    pub bit_fail_limit: f32,
    /// Quickprop weight decay (default -0.0001).
    pub quickprop_decay: f32,
    /// Quickprop maximum growth factor (default 1.75).
    pub quickprop_mu: f32,
    /// RPROP step growth factor (default 1.2).
    pub rprop_increase_factor: f32,
    /// RPROP step shrink factor (default 0.5).
    pub rprop_decrease_factor: f32,
    /// RPROP smallest step (default 0.0).
    pub rprop_delta_min: f32,
    /// RPROP largest step (default 50.0).
    pub rprop_delta_max: f32,
    /// RPROP initial step (default 0.1).
    pub rprop_delta_zero: f32,
    /// SARPROP weight decay shift (default -6.644).
    pub sarprop_weight_decay_shift: f32,
    /// SARPROP step error threshold factor (default 0.1).
    pub sarprop_step_error_threshold_factor: f32,
    /// SARPROP step error shift (default 1.385).
    pub sarprop_step_error_shift: f32,
    /// SARPROP temperature (default 0.015).
    pub sarprop_temperature: f32,
    /// Adam step size α (default 0.001).
    pub adam_learning_rate: f32,
    /// Adam first-moment decay β1 (default 0.9).
    pub adam_beta1: f32,
    /// Adam second-moment decay β2 (default 0.999).
    pub adam_beta2: f32,
    /// Adam ε (default 1e-8).
    pub adam_epsilon: f32,
}

impl Default for TrainingParams {
    fn default() -> Self {
        TrainingParams {
            algorithm: TrainingAlgorithm::Rprop,
            learning_rate: 0.7,
            learning_momentum: 0.0,
            error_function: ErrorFunction::Tanh,
            stop_function: StopFunction::Mse,
            bit_fail_limit: 0.35,
            quickprop_decay: -0.0001,
            quickprop_mu: 1.75,
            rprop_increase_factor: 1.2,
            rprop_decrease_factor: 0.5,
            rprop_delta_min: 0.0,
            rprop_delta_max: 50.0,
            rprop_delta_zero: 0.1,
            sarprop_weight_decay_shift: -6.644,
            sarprop_step_error_threshold_factor: 0.1,
            sarprop_step_error_shift: 1.385,
            sarprop_temperature: 0.015,
            adam_learning_rate: 0.001,
            adam_beta1: 0.9,
            adam_beta2: 0.999,
            adam_epsilon: 1e-8,
        }
    }
}

impl TrainingParams {
    /// Checks that every numeric parameter is finite and within its meaningful range.
    pub fn validate(&self) -> Result<()> {
        let finite = [
            (self.learning_rate, "learning_rate"),
            (self.learning_momentum, "learning_momentum"),
            (self.bit_fail_limit, "bit_fail_limit"),
            (self.quickprop_decay, "quickprop_decay"),
            (self.quickprop_mu, "quickprop_mu"),
            (self.rprop_increase_factor, "rprop_increase_factor"),
            (self.rprop_decrease_factor, "rprop_decrease_factor"),
            (self.rprop_delta_min, "rprop_delta_min"),
            (self.rprop_delta_max, "rprop_delta_max"),
            (self.rprop_delta_zero, "rprop_delta_zero"),
            (
                self.sarprop_weight_decay_shift,
                "sarprop_weight_decay_shift",
            ),
            (
                self.sarprop_step_error_threshold_factor,
                "sarprop_step_error_threshold_factor",
            ),
            (self.sarprop_step_error_shift, "sarprop_step_error_shift"),
            (self.sarprop_temperature, "sarprop_temperature"),
            (self.adam_learning_rate, "adam_learning_rate"),
            (self.adam_beta1, "adam_beta1"),
            (self.adam_beta2, "adam_beta2"),
            (self.adam_epsilon, "adam_epsilon"),
        ];
        for (v, name) in finite {
            check_finite_scalar(v, name)?;
        }
        let nonneg = [
            (self.learning_rate, "learning_rate"),
            (self.bit_fail_limit, "bit_fail_limit"),
            (self.rprop_delta_min, "rprop_delta_min"),
            (self.rprop_delta_zero, "rprop_delta_zero"),
            (self.adam_learning_rate, "adam_learning_rate"),
            (self.adam_epsilon, "adam_epsilon"),
        ];
        for (v, name) in nonneg {
            if v < 0.0 {
                return Err(NeuralError::InvalidArgument(format!(
                    "{name} must not be negative (got {})",
                    Shortest::F32(v)
                )));
            }
        }
        if self.rprop_delta_max < self.rprop_delta_min {
            return Err(NeuralError::InvalidArgument(format!(
                "rprop_delta_max ({}) is smaller than rprop_delta_min ({})",
                Shortest::F32(self.rprop_delta_max),
                Shortest::F32(self.rprop_delta_min)
            )));
        }
        if self.quickprop_mu <= -1.0 {
            return Err(NeuralError::InvalidArgument(format!(
                "quickprop_mu must be greater than -1 (got {})",
                Shortest::F32(self.quickprop_mu)
            )));
        }
        for (v, name) in [
            (self.adam_beta1, "adam_beta1"),
            (self.adam_beta2, "adam_beta2"),
        ] {
            if !(0.0..1.0).contains(&v) {
                return Err(NeuralError::InvalidArgument(format!(
                    "{name} must be in [0, 1) (got {})",
                    Shortest::F32(v)
                )));
            }
        }
        Ok(())
    }
}

/// Cascade-correlation parameters. This crate does not implement cascade training; they are
/// kept only so that `.net` files round-trip unchanged. [`Default`] gives FANN's defaults.
#[derive(Debug, Clone, PartialEq)]
pub struct CascadeParams {
    /// `cascade_output_change_fraction` (default 0.01).
    pub output_change_fraction: f32,
    /// `cascade_output_stagnation_epochs` (default 12).
    pub output_stagnation_epochs: u32,
    /// `cascade_candidate_change_fraction` (default 0.01).
    pub candidate_change_fraction: f32,
    /// `cascade_candidate_stagnation_epochs` (default 12).
    pub candidate_stagnation_epochs: u32,
    /// `cascade_max_out_epochs` (default 150).
    pub max_out_epochs: u32,
    /// `cascade_min_out_epochs` (default 50).
    pub min_out_epochs: u32,
    /// `cascade_max_cand_epochs` (default 150).
    pub max_cand_epochs: u32,
    /// `cascade_min_cand_epochs` (default 50).
    pub min_cand_epochs: u32,
    /// `cascade_num_candidate_groups` (default 2).
    pub num_candidate_groups: u32,
    /// `cascade_candidate_limit` (default 1000).
    pub candidate_limit: f32,
    /// `cascade_weight_multiplier` (default 0.4).
    pub weight_multiplier: f32,
    /// `cascade_activation_functions` (FANN codes).
    pub activation_functions: alloc::vec::Vec<u32>,
    /// `cascade_activation_steepnesses`.
    pub activation_steepnesses: alloc::vec::Vec<f32>,
}

impl Default for CascadeParams {
    fn default() -> Self {
        CascadeParams {
            output_change_fraction: 0.01,
            output_stagnation_epochs: 12,
            candidate_change_fraction: 0.01,
            candidate_stagnation_epochs: 12,
            max_out_epochs: 150,
            min_out_epochs: 50,
            max_cand_epochs: 150,
            min_cand_epochs: 50,
            num_candidate_groups: 2,
            candidate_limit: 1000.0,
            weight_multiplier: 0.4,
            activation_functions: alloc::vec![3, 5, 7, 8, 10, 11, 14, 15, 16, 17],
            activation_steepnesses: alloc::vec![0.25, 0.5, 0.75, 1.0],
        }
    }
}
