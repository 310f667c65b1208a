//! ruv-core: the shared vocabulary of the `@ruv/swarm-wasm` package.
//!
//! Agents ([`Agent`], [`AgentRole`], [`CognitivePattern`], [`AgentStatus`]), tasks ([`Task`],
//! [`TaskPriority`], [`TaskStatus`]), swarm topologies ([`Topology`]), assignment strategies
//! ([`Strategy`]), the configuration objects callers pass in ([`SwarmConfig`], [`AgentConfig`],
//! [`TaskConfig`]), the [`Error`] every crate reports, validation helpers ([`validate`]) and
//! task-graph checks ([`graph`]). Everything is `no_std` + `alloc` and serde-serializable with
//! camelCase field names, the shape JavaScript sees.
//!
//! The crate's wasm module (built with the `bindings` feature) exports `greet(name)`, the module
//! interface of [`export_module_interface!`] (`version()`, `memoryUsage()`, `simdEnabled()`) and
//! validation helpers for JavaScript callers. Without the feature, crates depending on ruv-core
//! link none of these exports.
#![no_std]

extern crate alloc;

// The library uses only `core` and `alloc`. Cargo also builds this crate as a `cdylib`, and a
// native cdylib needs a panic handler and a global allocator: linking `std` on hosted targets
// provides both. (In wasm builds `wasm-bindgen` links `std` already.)
// std only provides the allocator and panic handler a cdylib or test binary needs; with
// `bindings` on wasm32, wasm-bindgen links it already.
#[cfg(not(all(target_arch = "wasm32", feature = "bindings")))]
extern crate std;

pub mod agent;
pub mod config;
pub mod error;
pub mod graph;
pub mod introspect;
#[cfg(target_arch = "wasm32")]
pub mod js_args;
pub mod module_interface;
pub mod task;
pub mod topology;
pub mod validate;

pub use agent::{Agent, AgentRole, AgentStatus, CognitivePattern};
pub use config::{AgentConfig, SwarmConfig, TaskConfig};
pub use error::{EntityKind, Error};
pub use graph::{find_cycle, topological_order, GraphNode};
pub use task::{Task, TaskPriority, TaskStatus};
pub use topology::{ClockMode, Strategy, Topology};

/// Greets `name`: the package's smoke test (`greet("Ada")` is `"Hello, Ada!"`).
pub fn greet(name: &str) -> alloc::string::String {
    alloc::format!("Hello, {name}!")
}

// Only when building the `core` module itself (feature `bindings`); see Cargo.toml.
#[cfg(all(target_arch = "wasm32", feature = "bindings"))]
mod wasm;

#[cfg(test)]
mod tests {
    #[test]
    fn greets() {
        assert_eq!(super::greet("Ada"), "Hello, Ada!");
    }
}
