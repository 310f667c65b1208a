//! ruv-forecasting: time-series forecasting models for the `forecasting` wasm module.
#![no_std]

extern crate alloc;

// Native cdylib builds need a panic handler and allocator: link std on hosted targets (as
// crates/core does). wasm builds get std through wasm-bindgen.
#[cfg(not(target_arch = "wasm32"))]
extern crate std;

pub mod ar;
pub mod baselines;
pub mod batch;
pub mod cv;
pub mod error;
pub mod ets;
mod linalg;
pub mod linear;
pub mod metrics;
pub mod mlp;
pub mod model;
mod optim;
pub mod theta;

#[cfg(target_arch = "wasm32")]
mod wasm;

pub use error::{ForecastError, Result};
pub use model::{FitOptions, FittedParams, ForecastModel, ModelKind, ModelOptions};
