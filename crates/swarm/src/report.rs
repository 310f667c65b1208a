//! Status and metrics objects reported to callers.

use alloc::string::String;
use serde::{Deserialize, Serialize};

use ruv_core::{ClockMode, Strategy, Topology};

/// Agent counts of a swarm.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AgentCounts {
    /// Agents currently in the swarm.
    pub live: u32,
    /// Live agents holding no task.
    pub idle: u32,
    /// Live agents holding at least one task.
    pub busy: u32,
    /// Agents that left.
    pub removed: u32,
    /// The swarm's `maxAgents`.
    pub max_agents: u32,
    /// Sum of the live agents' concurrency limits.
    pub capacity: u64,
    /// Tasks currently held by live agents.
    pub load: u64,
}

/// Task counts of a swarm, by status.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TaskCounts {
    /// Every task ever orchestrated.
    pub total: u32,
    /// Waiting for dependencies.
    pub pending: u32,
    /// In the ready queue.
    pub ready: u32,
    /// Given to an agent, not started.
    pub assigned: u32,
    /// Being worked on.
    pub running: u32,
    /// Finished successfully.
    pub completed: u32,
    /// Failed for good.
    pub failed: u32,
    /// Never to run (a dependency failed).
    pub cancelled: u32,
}

/// Performance figures of a swarm, in swarm time units (logical ticks or the caller's clock).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SwarmMetrics {
    /// Swarm time since creation.
    pub elapsed: f64,
    /// Completed tasks per time unit since creation (0 before any time passed).
    pub throughput: f64,
    /// Tasks in the ready queue.
    pub queue_length: u32,
    /// Mean time from submission to completion of completed tasks.
    pub average_latency: f64,
    /// Longest time from submission to completion.
    pub max_latency: f64,
    /// Mean time a task waited in the ready queue before an assignment.
    pub average_wait: f64,
    /// Mean time from start (or assignment, if never started) to completion.
    pub average_run_time: f64,
    /// Current load divided by current capacity (0 without agents).
    pub utilization: f64,
    /// Time-weighted mean utilization since creation.
    pub average_utilization: f64,
    /// Assignments made (a retry or a requeue leads to a new one).
    pub assignments: u64,
    /// Failures that sent a task back to the queue.
    pub retries: u64,
    /// Tasks sent back to the queue because their agent left.
    pub requeues: u64,
    /// Hand-offs between agents.
    pub hand_offs: u64,
}

/// Where the event log stands.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EventLogStatus {
    /// Sequence number of the oldest event still kept.
    pub first_seq: u64,
    /// Sequence number the next event will get.
    pub next_seq: u64,
    /// The log's capacity.
    pub capacity: u32,
}

/// A swarm's state at a glance (`getStatus`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SwarmStatus {
    /// Swarm identifier.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Topology.
    pub topology: Topology,
    /// Assignment strategy.
    pub strategy: Strategy,
    /// Clock mode.
    pub clock: ClockMode,
    /// Current swarm time.
    pub time: f64,
    /// The star's hub (star topology, with at least one agent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hub: Option<String>,
    /// The tree's root (hierarchical topology, with at least one agent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub root: Option<String>,
    /// Agent counts.
    pub agents: AgentCounts,
    /// Task counts.
    pub tasks: TaskCounts,
    /// Performance figures.
    pub metrics: SwarmMetrics,
    /// Event log position.
    pub events: EventLogStatus,
}
