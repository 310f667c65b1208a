//! The error type shared by every crate of the package.

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;
use serde::{Deserialize, Serialize};

use crate::topology::Topology;

/// The kind of entity an identifier names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum EntityKind {
    /// A swarm.
    Swarm,
    /// An agent of a swarm.
    Agent,
    /// A task of a swarm.
    Task,
}

impl EntityKind {
    /// The lower-case English name of the kind, as used in messages.
    pub const fn as_str(self) -> &'static str {
        match self {
            EntityKind::Swarm => "swarm",
            EntityKind::Agent => "agent",
            EntityKind::Task => "task",
        }
    }
}

/// Every failure the orchestration crates report. Its [`Display`](fmt::Display) form is the
/// message JavaScript callers see in the thrown `Error`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "camelCase")]
pub enum Error {
    /// A configuration or argument value is malformed or out of range.
    InvalidInput {
        /// The offending field or argument (e.g. `agent.capabilities[2]`).
        field: String,
        /// Why the value was rejected.
        reason: String,
    },
    /// No entity of this kind has this identifier.
    UnknownId {
        /// Kind of the missing entity.
        kind: EntityKind,
        /// The identifier that was looked up.
        id: String,
    },
    /// An entity of this kind already has this identifier.
    DuplicateId {
        /// Kind of the entity.
        kind: EntityKind,
        /// The identifier that is already taken.
        id: String,
    },
    /// The operation is not allowed in the entity's current state (e.g. completing a task twice).
    InvalidState {
        /// What is wrong, naming the entity and its state.
        message: String,
    },
    /// Task dependencies form a cycle; `cycle` lists it, each task depending on the next, the
    /// first task repeated at the end.
    Cycle {
        /// The task identifiers along the cycle.
        cycle: Vec<String>,
    },
    /// A configured limit (e.g. `maxAgents`, a concurrency limit) would be exceeded.
    LimitExceeded {
        /// Which limit, and its value.
        message: String,
    },
    /// The swarm's topology does not allow this hand-off.
    TopologyViolation {
        /// The swarm's topology.
        topology: Topology,
        /// Agent handing the work over.
        from: String,
        /// Agent that would receive it.
        to: String,
    },
    /// Serialized state (a snapshot) is malformed, truncated or inconsistent.
    Corrupt {
        /// What failed to validate.
        message: String,
    },
}

impl Error {
    /// A stable machine-readable code for the variant (e.g. `"unknownId"`).
    pub const fn code(&self) -> &'static str {
        match self {
            Error::InvalidInput { .. } => "invalidInput",
            Error::UnknownId { .. } => "unknownId",
            Error::DuplicateId { .. } => "duplicateId",
            Error::InvalidState { .. } => "invalidState",
            Error::Cycle { .. } => "cycle",
            Error::LimitExceeded { .. } => "limitExceeded",
            Error::TopologyViolation { .. } => "topologyViolation",
            Error::Corrupt { .. } => "corrupt",
        }
    }

    /// Shorthand for [`Error::InvalidInput`].
    pub fn invalid(field: impl Into<String>, reason: impl Into<String>) -> Self {
        Error::InvalidInput {
            field: field.into(),
            reason: reason.into(),
        }
    }

    /// Shorthand for [`Error::InvalidState`].
    pub fn state(message: impl Into<String>) -> Self {
        Error::InvalidState {
            message: message.into(),
        }
    }

    /// Shorthand for [`Error::Corrupt`].
    pub fn corrupt(message: impl Into<String>) -> Self {
        Error::Corrupt {
            message: message.into(),
        }
    }

    /// Shorthand for [`Error::LimitExceeded`].
    pub fn limit(message: impl Into<String>) -> Self {
        Error::LimitExceeded {
            message: message.into(),
        }
    }

    /// Shorthand for [`Error::UnknownId`].
    pub fn unknown(kind: EntityKind, id: impl Into<String>) -> Self {
        Error::UnknownId {
            kind,
            id: id.into(),
        }
    }

    /// Shorthand for [`Error::DuplicateId`].
    pub fn duplicate(kind: EntityKind, id: impl Into<String>) -> Self {
        Error::DuplicateId {
            kind,
            id: id.into(),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::InvalidInput { field, reason } => write!(f, "invalid {field}: {reason}"),
            Error::UnknownId { kind, id } => write!(f, "unknown {} '{id}'", kind.as_str()),
            Error::DuplicateId { kind, id } => {
                write!(
                    f,
                    "duplicate {} id '{id}': it is already in use",
                    kind.as_str()
                )
            }
            Error::InvalidState { message } => f.write_str(message),
            Error::Cycle { cycle } => {
                f.write_str("dependency cycle: ")?;
                for (i, id) in cycle.iter().enumerate() {
                    if i > 0 {
                        f.write_str(" -> ")?;
                    }
                    write!(f, "'{id}'")?;
                }
                f.write_str(" (each task depends on the next)")
            }
            Error::LimitExceeded { message } => write!(f, "limit exceeded: {message}"),
            Error::TopologyViolation { topology, from, to } => write!(
                f,
                "the {} topology does not let agent '{from}' hand work to agent '{to}' ({})",
                topology.as_str(),
                topology.hand_off_rule()
            ),
            Error::Corrupt { message } => write!(f, "corrupt snapshot: {message}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::ToString;
    use alloc::vec;

    #[test]
    fn messages_name_the_problem() {
        let e = Error::Cycle {
            cycle: vec!["a".into(), "b".into(), "a".into()],
        };
        assert_eq!(
            e.to_string(),
            "dependency cycle: 'a' -> 'b' -> 'a' (each task depends on the next)"
        );
        assert_eq!(e.code(), "cycle");
        let e = Error::unknown(EntityKind::Task, "t9");
        assert_eq!(e.to_string(), "unknown task 't9'");
        let e = Error::invalid("agent.maxConcurrent", "must be between 1 and 1024");
        assert_eq!(
            e.to_string(),
            "invalid agent.maxConcurrent: must be between 1 and 1024"
        );
        let e = Error::TopologyViolation {
            topology: Topology::Star,
            from: "a".into(),
            to: "b".into(),
        };
        assert!(e.to_string().contains("through the hub"), "{e}");
    }
}
