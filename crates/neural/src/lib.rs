//! ruv-neural: a FANN-class feed-forward neural network library.
//!
//! Modelled on FANN 2.2 (the Fast Artificial Neural Network library) and compatible with it:
//!
//! - **Networks** ([`Network`], [`NetworkBuilder`]): layered networks of any layer sizes with
//!   bias neurons, fully connected ([`Network::new_standard`]), sparse with a connection rate
//!   ([`Network::new_sparse`]) or with shortcut connections ([`Network::new_shortcut`]);
//!   activation function and steepness per neuron, per layer, for hidden or output layers.
//! - **Activation functions** ([`ActivationFunction`]): all 18 of FANN 2.2 with FANN's exact
//!   formulas and derivatives, plus ReLU and leaky ReLU.
//! - **Training**: incremental and batch backpropagation, iRPROP- (FANN's default, with FANN's
//!   default parameters), Quickprop, SARPROP and Adam ([`TrainingAlgorithm`]); linear and tanh
//!   error functions; MSE and bit-fail; training for a number of epochs or until a desired
//!   error ([`Network::train_on_data`]); FANN's weight initialisation (uniform range,
//!   Widrow-Nguyen) reproducible from a seed.
//! - **FANN files**: `.net` (`FANN_FLO_2.1`) and `.data`, read and written
//!   ([`Network::from_fann_str`], [`Network::to_fann_string`], [`TrainingData::from_fann_str`],
//!   [`TrainingData::to_fann_string`]). Files written here are byte-compatible with libfann.
//! - **Kernels** ([`kernels`]): the forward pass and the training hot loops run on WebAssembly
//!   SIMD128 (`f32x4`) when compiled with `target_feature = "simd128"`, on a scalar path
//!   otherwise; both paths give bit-identical results.
//!
//! Differences from libfann 2.2, all deliberate:
//! - Dot products are summed in four interleaved lanes (the SIMD order), so outputs agree with
//!   libfann to about 1e-6 rather than bit for bit; training runs agree epoch by epoch until
//!   rounding differences grow, as between any two float implementations.
//! - Random numbers come from a seeded SplitMix64 generator, not C's `rand()`: initial weights
//!   and sparse layouts are reproducible from [`NetworkBuilder::seed`] but differ from libfann's.
//! - Incremental training of sparse networks reads each connection's real source neuron
//!   (libfann 2.2's `fann_update_weights` reads the wrong neurons there).
//! - Changing the training algorithm, randomising or re-initialising the weights resets all
//!   training state (libfann keeps incremental momentum).
//! - Training refuses `Threshold`/`ThresholdSymmetric` neurons with an error (libfann logs an
//!   error and trains them with a zero derivative); Widrow-Nguyen initialisation refuses empty
//!   or constant inputs (libfann divides by zero); a zero standard deviation in scaling
//!   parameters is replaced by 1.
//! - Adam (not in FANN) is written to `.net` files as `FANN_TRAIN_RPROP`; ReLU and leaky ReLU
//!   use FANN 2.3's codes 18 and 19, which libfann 2.2 cannot evaluate.
//! - `.data` files are written with the shortest exact decimal form of each value (libfann
//!   rounds to 6 decimals); fixed-point `FANN_FIX_*` network files are not supported.
//!
//! The crate is `no_std` (with `alloc`); mathematical functions come from `libm`. On `wasm32`
//! it also exports the package's `neural` module (a `NeuralNetwork` class and friends) through
//! `wasm-bindgen`.
//!
//! ```
//! use ruv_neural::{ActivationFunction, Network, TrainingData};
//!
//! let data = TrainingData::new(
//!     2, 1,
//!     vec![-1.0, -1.0, -1.0, 1.0, 1.0, -1.0, 1.0, 1.0],
//!     vec![-1.0, 1.0, 1.0, -1.0],
//! ).unwrap();
//! let mut net = Network::builder(&[2, 3, 1])
//!     .hidden_activation(ActivationFunction::SigmoidSymmetric)
//!     .output_activation(ActivationFunction::SigmoidSymmetric)
//!     .seed(1)
//!     .build()
//!     .unwrap();
//! let report = net.train_on_data(&data, 1000, 0.001).unwrap();
//! assert!(report.mse <= 0.001);
//! let out = net.run(&[1.0, -1.0]).unwrap();
//! assert!(out[0] > 0.5);
//! let text = net.to_fann_string(); // loadable by libfann's fann_create_from_file
//! assert!(text.starts_with("FANN_FLO_2.1\n"));
//! ```
#![no_std]
// As the root of the `neural` wasm module (feature `bindings`) built by the Bazel pipeline,
// whose unstable `immediate-abort` panic strategy already needs unstable features, the crate
// marks its hot paths `#[optimize(speed)]`, so that the module is compiled for size
// (`opt_level = "Oz"`) without slowing them. Every other build (native, Cargo, stable
// toolchains, and modules that only depend on this crate) ignores those attributes.
#![cfg_attr(
    all(panic = "immediate-abort", feature = "bindings"),
    feature(optimize_attribute)
)]

extern crate alloc;

// The library uses only `core` and `alloc`. Cargo also builds this crate as a `cdylib`, and a
// native cdylib needs a panic handler and a global allocator: linking `std` on hosted targets
// provides both (as crates/core does). In wasm builds `wasm-bindgen` links `std` already.
// std only provides the allocator and panic handler a cdylib or test binary needs; with
// `bindings` on wasm32, wasm-bindgen links it already.
#[cfg(not(all(target_arch = "wasm32", feature = "bindings")))]
extern crate std;

pub mod activation;
pub mod data;
mod decimal;
pub mod error;
mod fann_format;
pub mod kernels;
pub mod network;
pub mod params;
pub mod rng;
pub mod train;

// The JS bindings, compiled only when this crate is the root of its own wasm module (feature
// `bindings`, set by rust_wasm_module), so crates depending on it do not re-export them.
#[cfg(all(target_arch = "wasm32", feature = "bindings"))]
mod wasm;

pub use activation::ActivationFunction;
pub use data::TrainingData;
pub use error::{NeuralError, Result};
pub use fann_format::FANN_FLO_VERSION;
pub use network::{Connection, Network, NetworkBuilder, NetworkType, ScaleParams};
pub use params::{CascadeParams, ErrorFunction, StopFunction, TrainingAlgorithm, TrainingParams};
pub use train::{EpochReport, TrainReport};
