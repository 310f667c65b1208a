//! Native tests of the orchestrator.

mod bad_input;
mod batch;
mod props;
mod scenarios;
mod snapshot;
mod topology;

use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt::Debug;

use crate::{
    AgentConfig, Error, Swarm, SwarmConfig, SwarmEvent, TaskConfig, TaskPriority, TaskStatus,
    Topology,
};

pub(crate) fn swarm(config: SwarmConfig) -> Swarm {
    Swarm::new(config).unwrap()
}

pub(crate) fn config(topology: Topology) -> SwarmConfig {
    SwarmConfig {
        id: Some("s".into()),
        topology,
        ..SwarmConfig::default()
    }
}

pub(crate) fn agent(id: &str, caps: &[&str], max: u32) -> AgentConfig {
    AgentConfig {
        id: Some(id.into()),
        capabilities: caps.iter().map(|c| c.to_string()).collect(),
        max_concurrent: Some(max),
        ..AgentConfig::default()
    }
}

pub(crate) fn task(id: &str, deps: &[&str]) -> TaskConfig {
    TaskConfig {
        id: Some(id.into()),
        description: alloc::format!("do {id}"),
        dependencies: deps.iter().map(|d| d.to_string()).collect(),
        ..TaskConfig::default()
    }
}

pub(crate) fn task_with(id: &str, caps: &[&str], priority: TaskPriority) -> TaskConfig {
    TaskConfig {
        required_capabilities: caps.iter().map(|c| c.to_string()).collect(),
        priority,
        ..task(id, &[])
    }
}

pub(crate) fn all_events(s: &Swarm) -> Vec<SwarmEvent> {
    s.events_since(0, usize::MAX, &[]).unwrap().events
}

pub(crate) fn holder(s: &Swarm, task: &str) -> Option<String> {
    s.task(task).unwrap().agent
}

pub(crate) fn status(s: &Swarm, task: &str) -> TaskStatus {
    s.task(task).unwrap().status
}

/// Runs a failing operation and checks that it failed without changing anything.
pub(crate) fn err_unchanged<T: Debug>(
    s: &mut Swarm,
    f: impl FnOnce(&mut Swarm) -> Result<T, Error>,
) -> Error {
    let before = s.snapshot();
    let result = f(s);
    let e = match result {
        Err(e) => e,
        Ok(v) => panic!("expected an error, got {v:?}"),
    };
    assert!(s.snapshot() == before, "state changed by failing call: {e}");
    s.check_invariants().unwrap();
    e
}
