//! The error type of the crate.

use crate::decimal::Shortest;
use alloc::string::String;
use core::fmt;
use core::fmt::Write;

/// Everything that can go wrong in this crate, each with a message saying what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NeuralError {
    /// The requested network layout is not valid (too few layers, a zero-sized layer, ...).
    InvalidTopology(String),
    /// An argument is out of its valid range or has the wrong length.
    InvalidArgument(String),
    /// A value that must be finite is NaN or infinite.
    NonFinite(String),
    /// An input vector, data set or weight array has the wrong size for the network.
    SizeMismatch(String),
    /// A FANN `.net` or `.data` text could not be parsed.
    Parse(String),
    /// Training cannot proceed (for example a non-differentiable activation function).
    Training(String),
}

impl NeuralError {
    /// The human-readable message, without the error category.
    pub fn message(&self) -> &str {
        match self {
            NeuralError::InvalidTopology(m)
            | NeuralError::InvalidArgument(m)
            | NeuralError::NonFinite(m)
            | NeuralError::SizeMismatch(m)
            | NeuralError::Parse(m)
            | NeuralError::Training(m) => m,
        }
    }
}

impl fmt::Display for NeuralError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self {
            NeuralError::InvalidTopology(_) => "invalid network topology",
            NeuralError::InvalidArgument(_) => "invalid argument",
            NeuralError::NonFinite(_) => "non-finite value",
            NeuralError::SizeMismatch(_) => "size mismatch",
            NeuralError::Parse(_) => "parse error",
            NeuralError::Training(_) => "training error",
        };
        write!(f, "{kind}: {}", self.message())
    }
}

impl core::error::Error for NeuralError {}

/// Shorthand for results of this crate.
pub type Result<T> = core::result::Result<T, NeuralError>;

/// Displays a string in double quotes, with `"`, `\` and control characters escaped as `{:?}`
/// does (other characters are written as they are), for messages that quote input text.
pub(crate) struct Quoted<'a>(pub &'a str);

impl fmt::Display for Quoted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("\"")?;
        for c in self.0.chars() {
            match c {
                '"' => f.write_str("\\\"")?,
                '\\' => f.write_str("\\\\")?,
                '\n' => f.write_str("\\n")?,
                '\r' => f.write_str("\\r")?,
                '\t' => f.write_str("\\t")?,
                '\0' => f.write_str("\\0")?,
                c if c.is_control() => write!(f, "\\u{{{:x}}}", u32::from(c))?,
                c => f.write_char(c)?,
            }
        }
        f.write_str("\"")
    }
}

/// Checks that every value of `values` is finite; `what` names the array in the message.
#[cfg_attr(all(panic = "immediate-abort", feature = "bindings"), optimize(speed))]
pub(crate) fn check_finite(values: &[f32], what: &str) -> Result<()> {
    match values.iter().position(|v| !v.is_finite()) {
        None => Ok(()),
        Some(i) => Err(NeuralError::NonFinite(alloc::format!(
            "{what}[{i}] is {} (only finite numbers are allowed)",
            Shortest::F32(values[i])
        ))),
    }
}

/// Checks that `value` is finite; `what` names the value in the message.
pub(crate) fn check_finite_scalar(value: f32, what: &str) -> Result<()> {
    if value.is_finite() {
        Ok(())
    } else {
        Err(NeuralError::NonFinite(alloc::format!(
            "{what} is {} (only finite numbers are allowed)",
            Shortest::F32(value)
        )))
    }
}
