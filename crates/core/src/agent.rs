//! Agents: their roles, thinking styles, status and the record reported to callers.

use alloc::string::String;
use alloc::vec::Vec;
use serde::{Deserialize, Serialize};

use crate::topology::vocabulary_enum;

vocabulary_enum! {
    /// What kind of work an agent is meant for.
    #[derive(Default)]
    pub enum AgentRole {
        /// Gathers and summarises information.
        Researcher = 0 => "researcher",
        /// Writes and changes code.
        #[default]
        Coder = 1 => "coder",
        /// Examines data and results.
        Analyst = 2 => "analyst",
        /// Improves performance and resource use.
        Optimizer = 3 => "optimizer",
        /// Plans and distributes work.
        Coordinator = 4 => "coordinator",
        /// Checks that work is correct.
        Tester = 5 => "tester",
        /// Reviews the work of others.
        Reviewer = 6 => "reviewer",
    }
}

vocabulary_enum! {
    /// The thinking style an agent applies.
    pub enum CognitivePattern {
        /// Narrows down to one best answer.
        Convergent = 0 => "convergent",
        /// Explores many alternatives.
        Divergent = 1 => "divergent",
        /// Looks for indirect, unconventional approaches.
        Lateral = 2 => "lateral",
        /// Reasons about whole systems and their interactions.
        Systems = 3 => "systems",
        /// Evaluates and challenges.
        Critical = 4 => "critical",
        /// Works with concepts and generalisations.
        Abstract = 5 => "abstract",
    }
}

impl AgentRole {
    /// The cognitive pattern an agent of this role uses unless configured otherwise.
    pub const fn default_pattern(self) -> CognitivePattern {
        match self {
            AgentRole::Researcher => CognitivePattern::Divergent,
            AgentRole::Coder => CognitivePattern::Convergent,
            AgentRole::Analyst => CognitivePattern::Critical,
            AgentRole::Optimizer => CognitivePattern::Systems,
            AgentRole::Coordinator => CognitivePattern::Systems,
            AgentRole::Tester => CognitivePattern::Critical,
            AgentRole::Reviewer => CognitivePattern::Abstract,
        }
    }
}

vocabulary_enum! {
    /// Whether an agent is working.
    pub enum AgentStatus {
        /// Live, with no task assigned.
        Idle = 0 => "idle",
        /// Live, with at least one task assigned or running.
        Busy = 1 => "busy",
        /// Removed from the swarm; its tasks went back to the queue.
        Removed = 2 => "removed",
    }
}

/// An agent as reported to callers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Agent {
    /// Unique identifier within its swarm.
    pub id: String,
    /// Display name.
    pub name: String,
    /// What the agent is for.
    pub role: AgentRole,
    /// Capabilities, sorted and without duplicates.
    pub capabilities: Vec<String>,
    /// Thinking style.
    pub cognitive_pattern: CognitivePattern,
    /// Idle, busy or removed.
    pub status: AgentStatus,
    /// Number of tasks currently assigned to or running on the agent.
    pub load: u32,
    /// Most tasks the agent may hold at once.
    pub max_concurrent: u32,
    /// Identifiers of the tasks the agent currently holds.
    pub tasks: Vec<String>,
    /// Parent agent in a hierarchical swarm (`None` for the root and in other topologies).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// Tasks this agent completed.
    pub completed: u64,
    /// Failures this agent reported.
    pub failed: u64,
    /// Swarm time at which the agent joined.
    pub joined_at: f64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_has_a_pattern_and_a_name() {
        for role in AgentRole::ALL {
            assert_eq!(AgentRole::parse(role.as_str()), Some(*role));
            let _ = role.default_pattern();
        }
        assert_eq!(AgentRole::default(), AgentRole::Coder);
        assert_eq!(
            AgentRole::Researcher.default_pattern(),
            CognitivePattern::Divergent
        );
        assert_eq!(AgentStatus::from_code(2), Some(AgentStatus::Removed));
    }
}
