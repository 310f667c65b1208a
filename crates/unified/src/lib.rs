//! ruv-unified: every crate of `@ruv/swarm-wasm` in one wasm module.
//!
//! The `unified` module exports the JS APIs of [`ruv_core`], [`ruv_neural`],
//! [`ruv_forecasting`] and [`ruv_swarm`] from one instance with one linear memory: one download
//! and one instantiate for applications that use most of the package, where the separate modules
//! suit those that load parts on demand. Each crate's API is the same code as in its own module
//! (its `bindings` feature, which the unified build turns on for every bundled crate); this crate
//! adds only the module interface (`version()`, `memoryUsage()`, `simdEnabled()`), exported once.
#![no_std]

// The bundled crates, linked so that their `#[wasm_bindgen]` exports are part of this module.
pub use ruv_core as core;
pub use ruv_forecasting as forecasting;
pub use ruv_neural as neural;
pub use ruv_swarm as swarm;

// A native cdylib or test binary needs the allocator and panic handler of `std`; wasm-bindgen
// links `std` in wasm builds.
#[cfg(not(target_arch = "wasm32"))]
extern crate std;

#[cfg(all(target_arch = "wasm32", feature = "module"))]
extern crate alloc;

// The module interface, once for the whole module.
#[cfg(all(target_arch = "wasm32", feature = "module"))]
ruv_core::export_module_interface!();

#[cfg(test)]
mod tests {
    #[test]
    fn bundles_every_crate() {
        // The re-exports name the real crates: their own APIs are reachable from here.
        assert_eq!(super::core::greet("Ada"), "Hello, Ada!");
        assert!(super::forecasting::ModelKind::parse("naive").is_ok());
        assert!(super::neural::Network::new_standard(&[2, 3, 1]).is_ok());
        assert!(super::swarm::Swarm::new(super::core::SwarmConfig::default()).is_ok());
    }
}
