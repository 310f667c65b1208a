//! The interface every wasm module of the package exports: its version, its memory usage and
//! whether it was built with SIMD128.
//!
//! Each module crate invokes [`export_module_interface!`](crate::export_module_interface) once in
//! its wasm bindings, so every module answers the same three questions the same way.

/// Bytes of linear memory currently reserved by this wasm instance (0 outside wasm).
pub fn memory_usage_bytes() -> usize {
    #[cfg(target_arch = "wasm32")]
    {
        core::arch::wasm32::memory_size(0) * 65_536
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        0
    }
}

/// Whether this code was compiled with the `simd128` target feature.
pub const fn simd_enabled() -> bool {
    cfg!(target_feature = "simd128")
}

/// Exports `version()`, `memoryUsage()` and `simdEnabled()` from the invoking crate's wasm module.
///
/// Use it once, at the top level of a crate's wasm bindings module, in a crate that depends on
/// `wasm-bindgen`. The version is the invoking crate's `CARGO_PKG_VERSION`.
#[macro_export]
macro_rules! export_module_interface {
    () => {
        /// The module's version (the package version it was built for).
        #[wasm_bindgen::prelude::wasm_bindgen]
        pub fn version() -> alloc::string::String {
            alloc::string::String::from(env!("CARGO_PKG_VERSION"))
        }

        /// Bytes of wasm linear memory currently reserved by this module instance.
        #[wasm_bindgen::prelude::wasm_bindgen(js_name = memoryUsage)]
        pub fn memory_usage() -> usize {
            $crate::module_interface::memory_usage_bytes()
        }

        /// Whether this module was compiled with WebAssembly SIMD128 instructions.
        #[wasm_bindgen::prelude::wasm_bindgen(js_name = simdEnabled)]
        pub fn simd_enabled() -> bool {
            $crate::module_interface::simd_enabled()
        }
    };
}
