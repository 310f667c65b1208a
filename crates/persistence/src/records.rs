//! The typed records of the store (what callers save and what queries return) and the query
//! filters. Field names are camelCase, the shape JavaScript sees; inputs reject unknown fields.

use alloc::string::String;
use alloc::vec::Vec;
use serde::{Deserialize, Serialize};
use serde_json::Value as Json;

use ruv_core::{AgentRole, AgentStatus, TaskPriority, TaskStatus};

/// An agent to save (insert or update, keyed by swarm and id).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AgentInput {
    /// Identifier within its swarm.
    pub id: String,
    /// Display name (default: empty).
    #[serde(default)]
    pub name: Option<String>,
    /// Role, if any.
    #[serde(default)]
    pub role: Option<AgentRole>,
    /// Current status.
    pub status: AgentStatus,
    /// Capabilities (stored sorted, without duplicates).
    #[serde(default)]
    pub capabilities: Vec<String>,
    /// Free-form JSON the application keeps with the agent.
    #[serde(default)]
    pub data: Option<Json>,
    /// Time of this change (default: now, in milliseconds since 1970).
    #[serde(default)]
    pub time: Option<f64>,
}

/// A stored agent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AgentRecord {
    /// The swarm it belongs to.
    pub swarm_id: String,
    /// Identifier within its swarm.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Role, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<AgentRole>,
    /// Current status.
    pub status: AgentStatus,
    /// Capabilities, sorted.
    pub capabilities: Vec<String>,
    /// Free-form JSON.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data: Option<Json>,
    /// When it was first saved.
    pub created_at: f64,
    /// When it was last saved.
    pub updated_at: f64,
}

/// Which agents to list.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AgentQuery {
    /// Only agents with this status.
    #[serde(default)]
    pub status: Option<AgentStatus>,
    /// At most this many (default: all).
    #[serde(default)]
    pub limit: Option<u32>,
    /// Skip this many first.
    #[serde(default)]
    pub offset: Option<u32>,
}

/// A task to save (insert or update, keyed by swarm and id).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TaskInput {
    /// Identifier within its swarm.
    pub id: String,
    /// What to do (default: empty).
    #[serde(default)]
    pub description: Option<String>,
    /// Priority (default: medium).
    #[serde(default)]
    pub priority: Option<TaskPriority>,
    /// Current status.
    pub status: TaskStatus,
    /// The agent holding it, if any.
    #[serde(default)]
    pub agent_id: Option<String>,
    /// Ids of the tasks it depends on.
    #[serde(default)]
    pub dependencies: Vec<String>,
    /// Result of a completed task.
    #[serde(default)]
    pub result: Option<String>,
    /// Last failure message.
    #[serde(default)]
    pub error: Option<String>,
    /// Free-form JSON the application keeps with the task.
    #[serde(default)]
    pub data: Option<Json>,
    /// Time of this change (default: now).
    #[serde(default)]
    pub time: Option<f64>,
}

/// A stored task.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TaskRecord {
    /// The swarm it belongs to.
    pub swarm_id: String,
    /// Identifier within its swarm.
    pub id: String,
    /// What to do.
    pub description: String,
    /// Priority.
    pub priority: TaskPriority,
    /// Current status.
    pub status: TaskStatus,
    /// The agent holding it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agent_id: Option<String>,
    /// Ids of the tasks it depends on.
    pub dependencies: Vec<String>,
    /// Result of a completed task.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub result: Option<String>,
    /// Last failure message.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// Free-form JSON.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data: Option<Json>,
    /// When it was first saved.
    pub created_at: f64,
    /// When it was last saved.
    pub updated_at: f64,
}

/// Which tasks to list (all filters combine).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TaskQuery {
    /// Only tasks with this status.
    #[serde(default)]
    pub status: Option<TaskStatus>,
    /// Only tasks held by this agent.
    #[serde(default)]
    pub agent_id: Option<String>,
    /// Only tasks last saved at or after this time.
    #[serde(default)]
    pub since: Option<f64>,
    /// Only tasks last saved before this time.
    #[serde(default)]
    pub until: Option<f64>,
    /// At most this many (default: all).
    #[serde(default)]
    pub limit: Option<u32>,
    /// Skip this many first.
    #[serde(default)]
    pub offset: Option<u32>,
}

/// An event to append to a swarm's log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EventInput {
    /// What happened (e.g. `taskCompleted`).
    pub kind: String,
    /// The agent concerned.
    #[serde(default)]
    pub agent_id: Option<String>,
    /// The task concerned.
    #[serde(default)]
    pub task_id: Option<String>,
    /// When it happened (default: now).
    #[serde(default)]
    pub time: Option<f64>,
    /// Free-form JSON.
    #[serde(default)]
    pub data: Option<Json>,
}

/// A stored event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EventRecord {
    /// Position in the store's event log (increasing across swarms).
    pub seq: i64,
    /// The swarm it belongs to.
    pub swarm_id: String,
    /// What happened.
    pub kind: String,
    /// The agent concerned.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agent_id: Option<String>,
    /// The task concerned.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub task_id: Option<String>,
    /// When it happened.
    pub time: f64,
    /// Free-form JSON.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data: Option<Json>,
}

/// Which events to read (all filters combine), in time order.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EventQuery {
    /// Only events at or after this time.
    #[serde(default)]
    pub since: Option<f64>,
    /// Only events before this time.
    #[serde(default)]
    pub until: Option<f64>,
    /// Only events with a sequence number greater than this (for reading incrementally).
    #[serde(default)]
    pub after_seq: Option<i64>,
    /// Only these kinds.
    #[serde(default)]
    pub kinds: Option<Vec<String>>,
    /// Only events about this agent.
    #[serde(default)]
    pub agent_id: Option<String>,
    /// Only events about this task.
    #[serde(default)]
    pub task_id: Option<String>,
    /// At most this many (default: all).
    #[serde(default)]
    pub limit: Option<u32>,
}

/// A message between agents.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MessageInput {
    /// The sending agent.
    pub from: String,
    /// The receiving agent (absent: a broadcast to the swarm).
    #[serde(default)]
    pub to: Option<String>,
    /// What kind of message (default: `message`).
    #[serde(default)]
    pub kind: Option<String>,
    /// The content.
    pub content: String,
    /// When it was sent (default: now).
    #[serde(default)]
    pub time: Option<f64>,
}

/// A stored message.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MessageRecord {
    /// Identifier in the store.
    pub id: i64,
    /// The swarm it belongs to.
    pub swarm_id: String,
    /// The sending agent.
    pub from: String,
    /// The receiving agent (absent for a broadcast).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    /// What kind of message.
    pub kind: String,
    /// The content.
    pub content: String,
    /// When it was sent.
    pub time: f64,
    /// When it was marked read.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub read_at: Option<f64>,
}

/// Which messages to read (all filters combine), in time order.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MessageQuery {
    /// Only messages to this agent.
    #[serde(default)]
    pub to: Option<String>,
    /// Only messages from this agent.
    #[serde(default)]
    pub from: Option<String>,
    /// Only messages not marked read.
    #[serde(default)]
    pub unread_only: Option<bool>,
    /// Only messages sent at or after this time.
    #[serde(default)]
    pub since: Option<f64>,
    /// Only messages sent before this time.
    #[serde(default)]
    pub until: Option<f64>,
    /// At most this many (default: all).
    #[serde(default)]
    pub limit: Option<u32>,
}

/// One measurement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MetricInput {
    /// What is measured (e.g. `throughput`).
    pub name: String,
    /// The value (finite).
    pub value: f64,
    /// The agent measured, if any.
    #[serde(default)]
    pub agent_id: Option<String>,
    /// When it was measured (default: now).
    #[serde(default)]
    pub time: Option<f64>,
    /// Labels (string values).
    #[serde(default)]
    pub tags: Option<alloc::collections::BTreeMap<String, String>>,
}

/// A stored measurement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MetricRecord {
    /// Identifier in the store.
    pub id: i64,
    /// The swarm it belongs to.
    pub swarm_id: String,
    /// What is measured.
    pub name: String,
    /// The value.
    pub value: f64,
    /// The agent measured.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agent_id: Option<String>,
    /// When it was measured.
    pub time: f64,
    /// Labels.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tags: Option<alloc::collections::BTreeMap<String, String>>,
}

/// Which measurements to read (all filters combine), in time order.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MetricQuery {
    /// Only this metric.
    #[serde(default)]
    pub name: Option<String>,
    /// Only measurements of this agent.
    #[serde(default)]
    pub agent_id: Option<String>,
    /// Only measurements at or after this time.
    #[serde(default)]
    pub since: Option<f64>,
    /// Only measurements before this time.
    #[serde(default)]
    pub until: Option<f64>,
    /// At most this many (default: all).
    #[serde(default)]
    pub limit: Option<u32>,
}

/// Aggregates of one metric over a time range.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MetricSummary {
    /// The metric.
    pub name: String,
    /// Number of measurements.
    pub count: i64,
    /// Sum of the values (0 when there are none).
    pub sum: f64,
    /// Smallest value (absent when there are none).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    /// Largest value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    /// Mean value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mean: Option<f64>,
}

/// A stored swarm snapshot, without its bytes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SnapshotInfo {
    /// Identifier in the store (increasing).
    pub id: i64,
    /// The swarm it belongs to.
    pub swarm_id: String,
    /// The label given when saving it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// Size of the snapshot in bytes.
    pub size: i64,
    /// When it was saved.
    pub created_at: f64,
}

/// Facts about the store's database.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StoreStats {
    /// Schema version.
    pub schema_version: i64,
    /// SQLite page size, in bytes.
    pub page_size: i64,
    /// Pages in the database.
    pub page_count: i64,
    /// Unused pages.
    pub freelist_count: i64,
    /// `page_size * page_count`.
    pub size_bytes: i64,
    /// SQLite's journal mode (`wal`, `delete`, `memory`...).
    pub journal_mode: String,
    /// Row counts.
    pub agents: i64,
    /// Stored tasks.
    pub tasks: i64,
    /// Stored events.
    pub events: i64,
    /// Stored messages.
    pub messages: i64,
    /// Stored measurements.
    pub metrics: i64,
    /// Stored swarm snapshots.
    pub snapshots: i64,
}

/// What a write statement did.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RunResult {
    /// Rows inserted, updated or deleted.
    pub changes: i64,
    /// The rowid of the last row inserted on this connection.
    pub last_insert_rowid: i64,
}
