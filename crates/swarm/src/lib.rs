//! ruv-swarm: the orchestration engine of the `@ruv/swarm-wasm` package.
//!
//! A [`Swarm`] decides which agent does which task, in which order, under which topology, and
//! keeps exact state; the JavaScript side does the work and reports back through the life-cycle
//! calls. Features:
//! - task graphs: dependencies (cycles rejected with an error naming them), priorities and a
//!   ready queue; a task is assigned only once its dependencies completed;
//! - assignment strategies (capability match, least loaded, round robin, seeded random),
//!   per-agent concurrency limits and `maxAgents`;
//! - topology rules for hand-offs (mesh, star, ring, hierarchical) and routes through them;
//! - `start`/`complete`/`fail` calls, retries with a limit, and reassignment of the tasks of a
//!   removed agent; a task is never lost nor held by two agents;
//! - a bounded, incrementally readable event log and metrics (throughput, queue length,
//!   latency, utilization) on a logical or caller-driven clock;
//! - deterministic behaviour for a seed, and [`Swarm::snapshot`]/[`Swarm::restore`] to bytes;
//! - batch calls for hosts driving many tasks ([`Swarm::orchestrate_tasks`] and its JSON-text
//!   form [`Swarm::orchestrate_tasks_json`], [`Swarm::assignments`], [`Swarm::start_tasks`],
//!   [`Swarm::complete_tasks`]): each is checked as a whole, then acts exactly like the single
//!   calls in order.
//!
//! Every operation that changes state validates its input first: on error nothing changes.
//! The wasm module (`src/wasm.rs`) exposes id-based functions (`createSwarm`, `spawnAgent`,
//! `orchestrateTask`, `getStatus`, ..., and the batch calls `orchestrateTasks`,
//! `getAssignments`, `startTasks`, `completeTasks`).
#![no_std]

extern crate alloc;

// The library uses only `core` and `alloc`. Cargo also builds this crate as a `cdylib`, and a
// native cdylib needs a panic handler and a global allocator: linking `std` on hosted targets
// provides both. (In wasm builds `wasm-bindgen` links `std` already.)
// std only provides the allocator and panic handler a cdylib or test binary needs; with
// `bindings` on wasm32, wasm-bindgen links it already.
#[cfg(not(all(target_arch = "wasm32", feature = "bindings")))]
extern crate std;

mod batch;
mod check;
pub mod events;
mod free;
mod index;
pub mod report;
pub mod rng;
pub mod snapshot;
mod swarm;
mod topo;

pub use batch::AssignmentBatch;
pub use events::{EventBatch, EventKind, SwarmEvent};
pub use report::{AgentCounts, EventLogStatus, SwarmMetrics, SwarmStatus, TaskCounts};
pub use ruv_core::{
    Agent, AgentConfig, AgentRole, AgentStatus, ClockMode, CognitivePattern, Error, Strategy,
    SwarmConfig, Task, TaskConfig, TaskPriority, TaskStatus, Topology,
};
pub use swarm::{Swarm, MAX_TASKS};

// The JS bindings, compiled only when this crate is the root of its own wasm module (feature
// `bindings`, set by rust_wasm_module), so crates depending on it do not re-export them.
#[cfg(all(target_arch = "wasm32", feature = "bindings"))]
mod wasm;

#[cfg(test)]
mod tests;
