//! The crate's error type: every fallible operation returns [`ForecastError`] with a message that
//! names the problem (which input, which index, which limit).

use alloc::string::String;
use core::fmt;

/// Everything that can go wrong when fitting, forecasting or evaluating.
#[derive(Debug, Clone, PartialEq)]
pub enum ForecastError {
    /// The series has no values.
    EmptySeries,
    /// The series is shorter than the model needs.
    TooShort {
        /// The model (or operation) that needs more data.
        model: String,
        /// The minimum number of values it needs.
        needed: usize,
        /// The number of values given.
        got: usize,
        /// Why that many are needed.
        reason: String,
    },
    /// A value is NaN or infinite.
    NonFinite {
        /// What the value belongs to (e.g. "series", "actual").
        what: String,
        /// Its index.
        index: usize,
        /// The value itself.
        value: f64,
    },
    /// A value is zero or negative where the model needs strictly positive data.
    NonPositive {
        /// The model that needs positive data.
        model: String,
        /// Index of the first offending value.
        index: usize,
        /// The value itself.
        value: f64,
    },
    /// The forecast horizon is zero.
    ZeroHorizon,
    /// The model kind is not known.
    UnknownKind(String),
    /// An option has an invalid value or does not apply to the model.
    InvalidOption {
        /// The option's name.
        name: String,
        /// What is wrong with it.
        reason: String,
    },
    /// Two inputs that must have the same length do not.
    LengthMismatch {
        /// What was compared.
        what: String,
        /// The expected length.
        expected: usize,
        /// The length given.
        got: usize,
    },
    /// `predict` (or a fitted quantity) was requested before `fit`.
    NotFitted,
    /// A numerical failure (singular system, non-finite result) that the input caused.
    Numerical(String),
}

impl ForecastError {
    /// Shorthand for [`ForecastError::InvalidOption`].
    pub fn option(name: &str, reason: impl Into<String>) -> Self {
        ForecastError::InvalidOption {
            name: String::from(name),
            reason: reason.into(),
        }
    }

    /// Shorthand for [`ForecastError::TooShort`].
    pub fn too_short(model: &str, needed: usize, got: usize, reason: impl Into<String>) -> Self {
        ForecastError::TooShort {
            model: String::from(model),
            needed,
            got,
            reason: reason.into(),
        }
    }
}

impl fmt::Display for ForecastError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ForecastError::EmptySeries => write!(f, "the series is empty"),
            ForecastError::TooShort {
                model,
                needed,
                got,
                reason,
            } => write!(
                f,
                "series too short for {model}: it has {got} value(s) but at least {needed} are \
                 needed ({reason})"
            ),
            ForecastError::NonFinite { what, index, value } => {
                write!(f, "{what} value at index {index} is not finite ({value})")
            }
            ForecastError::NonPositive {
                model,
                index,
                value,
            } => write!(
                f,
                "{model} needs strictly positive values, but the value at index {index} is \
                 {value}"
            ),
            ForecastError::ZeroHorizon => write!(f, "the forecast horizon must be at least 1"),
            ForecastError::UnknownKind(kind) => write!(
                f,
                "unknown model kind '{kind}'; expected one of: {}",
                crate::model::ModelKind::NAMES.join(", ")
            ),
            ForecastError::InvalidOption { name, reason } => {
                write!(f, "invalid option '{name}': {reason}")
            }
            ForecastError::LengthMismatch {
                what,
                expected,
                got,
            } => write!(f, "{what}: expected length {expected}, got {got}"),
            ForecastError::NotFitted => {
                write!(f, "the model has not been fitted yet; call fit() first")
            }
            ForecastError::Numerical(msg) => write!(f, "numerical failure: {msg}"),
        }
    }
}

/// Result type of this crate.
pub type Result<T> = core::result::Result<T, ForecastError>;

/// Checks that a series is non-empty and every value is finite.
pub fn check_series(values: &[f64]) -> Result<()> {
    if values.is_empty() {
        return Err(ForecastError::EmptySeries);
    }
    check_finite("series", values)
}

/// Checks that every value of `values` is finite; `what` names the input in the message.
pub fn check_finite(what: &str, values: &[f64]) -> Result<()> {
    match values.iter().position(|v| !v.is_finite()) {
        Some(index) => Err(ForecastError::NonFinite {
            what: String::from(what),
            index,
            value: values.get(index).copied().unwrap_or(f64::NAN),
        }),
        None => Ok(()),
    }
}

/// Checks that every value is strictly positive (for multiplicative models).
pub fn check_positive(model: &str, values: &[f64]) -> Result<()> {
    match values.iter().position(|v| *v <= 0.0) {
        Some(index) => Err(ForecastError::NonPositive {
            model: String::from(model),
            index,
            value: values.get(index).copied().unwrap_or(f64::NAN),
        }),
        None => Ok(()),
    }
}

/// Checks that `values` has at least `needed` values.
pub fn check_len(model: &str, values: &[f64], needed: usize, reason: &str) -> Result<()> {
    if values.len() < needed {
        Err(ForecastError::too_short(
            model,
            needed,
            values.len(),
            reason,
        ))
    } else {
        Ok(())
    }
}

/// Checks that a horizon is at least 1.
pub fn check_horizon(horizon: usize) -> Result<()> {
    if horizon == 0 {
        Err(ForecastError::ZeroHorizon)
    } else {
        Ok(())
    }
}
