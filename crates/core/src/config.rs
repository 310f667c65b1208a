//! Configuration objects callers pass in: for a swarm, an agent and a task.
//!
//! Every object rejects unknown fields (so a misspelt option is an error, not silently ignored)
//! and has a `normalized` method that validates it and returns the canonical form.

use alloc::collections::BTreeSet;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use serde::{Deserialize, Serialize};

use crate::agent::{AgentRole, CognitivePattern};
use crate::error::Error;
use crate::task::TaskPriority;
use crate::topology::{ClockMode, Strategy, Topology};
use crate::validate::*;

/// Configuration of a swarm. Every field is optional on the wire.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct SwarmConfig {
    /// Identifier; generated (`swarm-1`, ...) when absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Display name; defaults to the identifier.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Who may hand work to whom (default `mesh`).
    pub topology: Topology,
    /// How ready tasks pick an agent (default `capabilityMatch`).
    pub strategy: Strategy,
    /// Most live agents at once (default 100, at most 100000).
    pub max_agents: u32,
    /// Concurrency limit for agents that do not set their own (default 1, at most 1024).
    pub max_concurrent_per_agent: u32,
    /// Retries for tasks that do not set their own (default 3, at most 1000).
    pub max_retries: u32,
    /// Events kept for incremental reading; older ones are dropped (default 100000).
    pub event_log_capacity: u32,
    /// Children per agent when a hierarchical swarm places agents itself (default 4).
    pub hierarchy_fanout: u32,
    /// Seed of the pseudo-random generator used by the `random` strategy (default 0).
    pub seed: u64,
    /// Logical or caller-driven time (default `logical`).
    pub clock: ClockMode,
}

impl Default for SwarmConfig {
    fn default() -> Self {
        SwarmConfig {
            id: None,
            name: None,
            topology: Topology::Mesh,
            strategy: Strategy::CapabilityMatch,
            max_agents: 100,
            max_concurrent_per_agent: 1,
            max_retries: 3,
            event_log_capacity: 100_000,
            hierarchy_fanout: 4,
            seed: 0,
            clock: ClockMode::Logical,
        }
    }
}

impl SwarmConfig {
    /// Validates every field; returns the configuration unchanged when valid.
    pub fn normalized(&self) -> Result<SwarmConfig, Error> {
        if let Some(id) = &self.id {
            validate_id("swarm.id", id)?;
        }
        if let Some(name) = &self.name {
            validate_text("swarm.name", name, MAX_NAME_LEN, false)?;
        }
        validate_range("swarm.maxAgents", self.max_agents, 1, MAX_AGENTS_LIMIT)?;
        validate_range(
            "swarm.maxConcurrentPerAgent",
            self.max_concurrent_per_agent,
            1,
            MAX_CONCURRENT_LIMIT,
        )?;
        validate_range("swarm.maxRetries", self.max_retries, 0, MAX_RETRIES_LIMIT)?;
        validate_range(
            "swarm.eventLogCapacity",
            self.event_log_capacity,
            1,
            MAX_EVENT_LOG_CAPACITY,
        )?;
        validate_range(
            "swarm.hierarchyFanout",
            self.hierarchy_fanout,
            1,
            MAX_FANOUT,
        )?;
        Ok(self.clone())
    }
}

/// Configuration of an agent to spawn.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AgentConfig {
    /// Identifier; generated (`agent-1`, ...) when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Display name; defaults to the identifier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// What the agent is for (default `coder`).
    #[serde(default)]
    pub role: AgentRole,
    /// Thinking style; defaults to the role's [`AgentRole::default_pattern`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cognitive_pattern: Option<CognitivePattern>,
    /// What the agent can do; tasks only go to agents having all their required capabilities.
    #[serde(default)]
    pub capabilities: Vec<String>,
    /// Most tasks held at once; defaults to the swarm's `maxConcurrentPerAgent`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_concurrent: Option<u32>,
    /// Parent agent, only in hierarchical swarms; placed automatically when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
}

impl AgentConfig {
    /// Validates the configuration and returns its canonical form: capabilities sorted and
    /// de-duplicated, the cognitive pattern filled in from the role.
    pub fn normalized(&self) -> Result<AgentConfig, Error> {
        self.clone().into_normalized()
    }

    /// [`normalized`](Self::normalized), consuming the configuration (no copies).
    pub fn into_normalized(self) -> Result<AgentConfig, Error> {
        if let Some(id) = &self.id {
            validate_id("agent.id", id)?;
        }
        if let Some(name) = &self.name {
            validate_text("agent.name", name, MAX_NAME_LEN, false)?;
        }
        let capabilities = normalize_capabilities("agent.capabilities", self.capabilities)?;
        if let Some(n) = self.max_concurrent {
            validate_range("agent.maxConcurrent", n, 1, MAX_CONCURRENT_LIMIT)?;
        }
        if let Some(parent) = &self.parent {
            validate_id("agent.parent", parent)?;
        }
        Ok(AgentConfig {
            cognitive_pattern: Some(
                self.cognitive_pattern
                    .unwrap_or_else(|| self.role.default_pattern()),
            ),
            capabilities,
            ..self
        })
    }
}

/// A task to orchestrate.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TaskConfig {
    /// Identifier; generated (`task-1`, ...) when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// What to do (required; may be empty).
    pub description: String,
    /// Urgency (default `medium`).
    #[serde(default)]
    pub priority: TaskPriority,
    /// Capabilities the agent must have.
    #[serde(default)]
    pub required_capabilities: Vec<String>,
    /// Identifiers of tasks that must complete first: tasks already in the swarm or earlier
    /// or later entries of the same batch.
    #[serde(default)]
    pub dependencies: Vec<String>,
    /// Failures allowed before the task fails for good; defaults to the swarm's `maxRetries`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_retries: Option<u32>,
}

impl TaskConfig {
    /// Validates the task and returns its canonical form: capabilities sorted and
    /// de-duplicated, dependencies de-duplicated (first occurrence kept).
    pub fn normalized(&self) -> Result<TaskConfig, Error> {
        self.clone().into_normalized()
    }

    /// [`normalized`](Self::normalized), consuming the task (no copies).
    pub fn into_normalized(self) -> Result<TaskConfig, Error> {
        if let Some(id) = &self.id {
            validate_id("task.id", id)?;
        }
        validate_text(
            "task.description",
            &self.description,
            MAX_DESCRIPTION_LEN,
            true,
        )?;
        let required_capabilities =
            normalize_capabilities("task.requiredCapabilities", self.required_capabilities)?;
        if self.dependencies.len() > MAX_DEPENDENCIES {
            return Err(Error::invalid(
                "task.dependencies",
                format!(
                    "lists {} tasks; the limit is {MAX_DEPENDENCIES}",
                    self.dependencies.len()
                ),
            ));
        }
        for (i, dep) in self.dependencies.iter().enumerate() {
            // Name the element only on failure: no allocation on the common path.
            if validate_id("", dep).is_err() {
                validate_id(&format!("task.dependencies[{i}]"), dep)?;
            }
        }
        let mut dependencies = self.dependencies;
        if dependencies.len() > 1 {
            let mut seen = BTreeSet::new();
            let mut unique = Vec::with_capacity(dependencies.len());
            for dep in dependencies {
                if !seen.contains(dep.as_str()) {
                    seen.insert(dep.clone());
                    unique.push(dep);
                }
            }
            dependencies = unique;
        }
        if let Some(id) = &self.id {
            if dependencies.iter().any(|d| d == id) {
                return Err(Error::Cycle {
                    cycle: alloc::vec![id.clone(), id.clone()],
                });
            }
        }
        if let Some(n) = self.max_retries {
            validate_range("task.maxRetries", n, 0, MAX_RETRIES_LIMIT)?;
        }
        Ok(TaskConfig {
            required_capabilities,
            dependencies,
            ..self
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::ToString;
    use alloc::vec;

    #[test]
    fn swarm_defaults_are_valid_and_limits_checked() {
        let c = SwarmConfig::default();
        assert_eq!(c.normalized().unwrap(), c);
        let bad = SwarmConfig {
            max_agents: 0,
            ..SwarmConfig::default()
        };
        let e = bad.normalized().unwrap_err();
        assert_eq!(
            e.to_string(),
            "invalid swarm.maxAgents: is 0; it must be between 1 and 100000"
        );
        let bad = SwarmConfig {
            id: Some("bad id".into()),
            ..SwarmConfig::default()
        };
        assert!(bad.normalized().is_err());
        let bad = SwarmConfig {
            max_concurrent_per_agent: 5000,
            ..SwarmConfig::default()
        };
        assert!(bad.normalized().is_err());
    }

    #[test]
    fn agent_normalization() {
        let c = AgentConfig {
            role: AgentRole::Tester,
            capabilities: vec!["b".into(), "a".into(), "b".into()],
            ..AgentConfig::default()
        };
        let n = c.normalized().unwrap();
        assert_eq!(n.capabilities, vec!["a".to_string(), "b".to_string()]);
        assert_eq!(n.cognitive_pattern, Some(CognitivePattern::Critical));
        let bad = AgentConfig {
            max_concurrent: Some(0),
            ..AgentConfig::default()
        };
        assert!(bad.normalized().is_err());
    }

    #[test]
    fn task_normalization() {
        let t = TaskConfig {
            id: Some("t".into()),
            description: "do it".into(),
            dependencies: vec!["a".into(), "b".into(), "a".into()],
            ..TaskConfig::default()
        };
        assert_eq!(
            t.normalized().unwrap().dependencies,
            vec!["a".to_string(), "b".to_string()]
        );
        let selfdep = TaskConfig {
            id: Some("t".into()),
            dependencies: vec!["t".into()],
            ..TaskConfig::default()
        };
        assert_eq!(
            selfdep.normalized().unwrap_err(),
            Error::Cycle {
                cycle: vec!["t".into(), "t".into()]
            }
        );
        let bad = TaskConfig {
            max_retries: Some(1001),
            ..TaskConfig::default()
        };
        assert!(bad.normalized().is_err());
    }
}
