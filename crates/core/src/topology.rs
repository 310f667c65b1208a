//! Swarm topologies, assignment strategies and clock modes.

use serde::{Deserialize, Serialize};

/// Declares a fieldless enum with its wire names (`as_str`/`parse`), a stable numeric code for
/// binary encodings (`code`/`from_code`) and the list of all variants (`ALL`).
macro_rules! vocabulary_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident { $( $(#[$vmeta:meta])* $variant:ident = $code:literal => $text:literal ),+ $(,)? }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "camelCase")]
        pub enum $name {
            $( $(#[$vmeta])* $variant ),+
        }

        impl $name {
            /// Every variant, in code order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The variant's wire name (the string JavaScript uses).
            pub const fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            /// Parses a wire name; `None` when it names no variant.
            pub fn parse(text: &str) -> Option<Self> {
                match text { $($text => Some($name::$variant),)+ _ => None }
            }

            /// A stable one-byte code for binary encodings.
            pub const fn code(self) -> u8 {
                match self { $($name::$variant => $code),+ }
            }

            /// The variant with this [`code`](Self::code), if any.
            pub const fn from_code(code: u8) -> Option<Self> {
                match code { $($code => Some($name::$variant),)+ _ => None }
            }
        }

        impl core::fmt::Display for $name {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}
pub(crate) use vocabulary_enum;

vocabulary_enum! {
    /// How agents of a swarm are connected: who may hand work to whom.
    #[derive(Default)]
    pub enum Topology {
        /// Every agent may hand work to every other agent.
        #[default]
        Mesh = 0 => "mesh",
        /// The hub (the longest-serving live agent) talks to everyone; other agents only to the hub.
        Star = 1 => "star",
        /// Agents form a ring in joining order; each talks to its two neighbours.
        Ring = 2 => "ring",
        /// Agents form a tree; each talks to its parent and its children.
        Hierarchical = 3 => "hierarchical",
    }
}

impl Topology {
    /// One sentence describing who may hand work to whom.
    pub const fn hand_off_rule(self) -> &'static str {
        match self {
            Topology::Mesh => "any agent may hand work to any other agent",
            Topology::Star => {
                "work passes through the hub: only hub <-> agent hand-offs are allowed"
            }
            Topology::Ring => "agents may only hand work to their two ring neighbours",
            Topology::Hierarchical => {
                "agents may only hand work to their parent or to their children"
            }
        }
    }
}

vocabulary_enum! {
    /// How a ready task picks among the agents that can take it.
    #[derive(Default)]
    pub enum Strategy {
        /// The agent whose capabilities match the task most closely (fewest extra
        /// capabilities), then the least loaded, then the longest-serving.
        #[default]
        CapabilityMatch = 0 => "capabilityMatch",
        /// The agent with the lowest load relative to its concurrency limit, then the
        /// longest-serving.
        LeastLoaded = 1 => "leastLoaded",
        /// The next eligible agent in joining order after the one that received the previous task.
        RoundRobin = 2 => "roundRobin",
        /// A seeded pseudo-random eligible agent (deterministic for the swarm's seed).
        Random = 3 => "random",
    }
}

vocabulary_enum! {
    /// Where a swarm's time comes from.
    #[derive(Default)]
    pub enum ClockMode {
        /// Every successful state-changing call advances time by one unit.
        #[default]
        Logical = 0 => "logical",
        /// Time only moves when the caller sets it (e.g. to `performance.now()`).
        External = 1 => "external",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_codes_round_trip() {
        for t in Topology::ALL {
            assert_eq!(Topology::parse(t.as_str()), Some(*t));
            assert_eq!(Topology::from_code(t.code()), Some(*t));
        }
        for s in Strategy::ALL {
            assert_eq!(Strategy::parse(s.as_str()), Some(*s));
            assert_eq!(Strategy::from_code(s.code()), Some(*s));
        }
        assert_eq!(Topology::parse("Mesh"), None);
        assert_eq!(Strategy::from_code(9), None);
        assert_eq!(Topology::ALL.len(), 4);
    }
}
