//! ruv-forecasting: time-series forecasting for the `forecasting` wasm module of
//! `@ruv/swarm-wasm`.
//!
//! Models (all `f64`, `no_std` + `alloc`, mathematics from `libm`):
//!
//! - [`baselines`]: naive, seasonal naive, historic mean, random walk with drift, window
//!   average;
//! - [`ets`]: simple exponential smoothing, Holt (additive trend, optional damping) and
//!   Holt-Winters (additive or multiplicative season), with parameters given or fitted by
//!   minimising the in-sample SSE under bounds as statsmodels' `ExponentialSmoothing` does
//!   (same recursions, initialisation methods, bounds, parameter transform and grid start; a
//!   projected L-BFGS optimiser with exact reverse-mode gradients, see `optim`);
//! - [`ar`]: AR(p) with intercept by least squares (statsmodels' `AutoReg`);
//! - [`theta`]: the Theta method (statsmodels' `ThetaModel`);
//! - [`linear`]: DLinear and NLinear (ridge least squares);
//! - [`mlp`]: a multi-layer perceptron on lagged windows, built on `ruv-neural`.
//!
//! Evaluation: [`metrics`] (MAE, MSE, RMSE, MAPE, sMAPE, MASE) and rolling-origin
//! cross-validation ([`cv`]). [`model::ForecastModel`] puts every model behind one interface
//! (kind name + options), [`batch`] fits many series stored back to back, and the wasm
//! bindings (`src/wasm.rs`, wasm32 with the `bindings` feature) expose all of it to JavaScript.
//!
//! Correctness against statsmodels is tested on a grid of reference cases produced by
//! `testdata/make_reference.py` with statsmodels (every trend x season x initialisation of
//! exponential smoothing with fixed and fitted parameters, Theta, AR(p); generated series and
//! datasets shipped with statsmodels), natively and through the wasm module in Node.
#![no_std]

extern crate alloc;

// The library uses only `core` and `alloc`. Cargo also builds this crate as a `cdylib`, which
// needs a panic handler and a global allocator: linking `std` provides both. With the
// `bindings` feature on wasm32, `wasm-bindgen` links `std` already.
#[cfg(not(all(target_arch = "wasm32", feature = "bindings")))]
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

// The JS bindings, only when building the `forecasting` module itself (feature `bindings`, set
// by Bazel's rust_wasm_module), so that crates depending on this one do not re-export them.
#[cfg(all(target_arch = "wasm32", feature = "bindings"))]
mod wasm;

pub use error::{ForecastError, Result};
pub use model::{FitOptions, FittedParams, ForecastModel, ModelKind, ModelOptions};
