//! Tasks: priorities, statuses and the record reported to callers.

use alloc::string::String;
use alloc::vec::Vec;
use serde::{Deserialize, Serialize};

use crate::topology::vocabulary_enum;

vocabulary_enum! {
    /// How urgent a task is; higher priorities are assigned first.
    #[derive(Default)]
    pub enum TaskPriority {
        /// Assigned after every other priority.
        Low = 0 => "low",
        /// The default priority.
        #[default]
        Medium = 1 => "medium",
        /// Assigned before medium and low.
        High = 2 => "high",
        /// Assigned before everything else.
        Critical = 3 => "critical",
    }
}

vocabulary_enum! {
    /// Where a task is in its life cycle.
    pub enum TaskStatus {
        /// Waiting for dependencies to complete.
        Pending = 0 => "pending",
        /// Dependencies complete; waiting in the ready queue for an agent.
        Ready = 1 => "ready",
        /// Given to an agent that has not started it yet.
        Assigned = 2 => "assigned",
        /// Being worked on by its agent.
        Running = 3 => "running",
        /// Finished successfully (terminal).
        Completed = 4 => "completed",
        /// Failed more often than its retry limit allows (terminal).
        Failed = 5 => "failed",
        /// Will never run because a dependency failed or was cancelled (terminal).
        Cancelled = 6 => "cancelled",
    }
}

impl TaskStatus {
    /// Whether the task has reached an end state (completed, failed or cancelled).
    pub const fn is_terminal(self) -> bool {
        matches!(
            self,
            TaskStatus::Completed | TaskStatus::Failed | TaskStatus::Cancelled
        )
    }

    /// Whether the task is held by an agent (assigned or running).
    pub const fn is_active(self) -> bool {
        matches!(self, TaskStatus::Assigned | TaskStatus::Running)
    }
}

/// A task as reported to callers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Task {
    /// Unique identifier within its swarm.
    pub id: String,
    /// What to do.
    pub description: String,
    /// Urgency.
    pub priority: TaskPriority,
    /// Capabilities an agent needs to take the task, sorted and without duplicates.
    pub required_capabilities: Vec<String>,
    /// Tasks that must complete before this one may be assigned.
    pub dependencies: Vec<String>,
    /// Life-cycle state.
    pub status: TaskStatus,
    /// How many times the task was assigned to an agent (a hand-off is not a new attempt).
    pub attempts: u32,
    /// How many times an agent reported the task failed.
    pub failures: u32,
    /// Failures allowed before the task fails for good (`failures > maxRetries` ends it).
    pub max_retries: u32,
    /// Agent currently holding the task, if assigned or running.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agent: Option<String>,
    /// Result reported on completion.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result: Option<String>,
    /// Last failure message, or why the task was cancelled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// Swarm time the task was submitted.
    pub submitted_at: f64,
    /// Swarm time the task was last assigned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assigned_at: Option<f64>,
    /// Swarm time the task was last started.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub started_at: Option<f64>,
    /// Swarm time the task reached a terminal status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub finished_at: Option<f64>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn priorities_order_and_statuses_classify() {
        assert!(TaskPriority::Critical > TaskPriority::High);
        assert!(TaskPriority::High > TaskPriority::Medium);
        assert!(TaskPriority::Medium > TaskPriority::Low);
        assert_eq!(TaskPriority::default(), TaskPriority::Medium);
        let terminal: Vec<_> = TaskStatus::ALL.iter().filter(|s| s.is_terminal()).collect();
        assert_eq!(terminal.len(), 3);
        assert!(TaskStatus::Running.is_active() && TaskStatus::Assigned.is_active());
        assert!(!TaskStatus::Ready.is_active() && !TaskStatus::Ready.is_terminal());
    }
}
