//! The swarm's event log: a bounded ring of events that callers read incrementally by
//! sequence number.

use alloc::boxed::Box;
use alloc::collections::VecDeque;
use alloc::string::String;
use alloc::vec::Vec;
use serde::{Deserialize, Serialize};

/// What happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum EventKind {
    /// An agent joined the swarm (`agentId`).
    AgentJoined,
    /// An agent left the swarm (`agentId`, `detail` = the reason given, if any).
    AgentLeft,
    /// A task was given to an agent (`taskId`, `agentId`).
    TaskAssigned,
    /// An agent started a task (`taskId`, `agentId`).
    TaskStarted,
    /// An agent completed a task (`taskId`, `agentId`).
    TaskCompleted,
    /// A task failed and went back to the queue to be retried (`taskId`, `agentId` = the agent
    /// that failed, `detail` = the error).
    TaskRetried,
    /// A task failed more often than its retry limit allows (`taskId`, `agentId`, `detail`).
    TaskFailed,
    /// A task will never run because a dependency failed or was cancelled (`taskId`, `detail`).
    TaskCancelled,
    /// A task went back to the queue because its agent left (`taskId`, `agentId` = that agent).
    TaskRequeued,
    /// A task moved between agents (`taskId`, `agentId` = new holder, `fromAgentId`).
    TaskHandedOff,
}

impl EventKind {
    /// Every kind, in code order.
    pub const ALL: [EventKind; 10] = [
        EventKind::AgentJoined,
        EventKind::AgentLeft,
        EventKind::TaskAssigned,
        EventKind::TaskStarted,
        EventKind::TaskCompleted,
        EventKind::TaskRetried,
        EventKind::TaskFailed,
        EventKind::TaskCancelled,
        EventKind::TaskRequeued,
        EventKind::TaskHandedOff,
    ];

    /// The kind's wire name (as serialized).
    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::AgentJoined => "agentJoined",
            EventKind::AgentLeft => "agentLeft",
            EventKind::TaskAssigned => "taskAssigned",
            EventKind::TaskStarted => "taskStarted",
            EventKind::TaskCompleted => "taskCompleted",
            EventKind::TaskRetried => "taskRetried",
            EventKind::TaskFailed => "taskFailed",
            EventKind::TaskCancelled => "taskCancelled",
            EventKind::TaskRequeued => "taskRequeued",
            EventKind::TaskHandedOff => "taskHandedOff",
        }
    }

    /// The kind with this wire name.
    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == name)
    }

    /// Stable one-byte code for snapshots.
    pub fn code(self) -> u8 {
        Self::ALL.iter().position(|k| *k == self).unwrap_or(0) as u8
    }

    /// The kind with this [`code`](Self::code).
    pub fn from_code(code: u8) -> Option<Self> {
        Self::ALL.get(usize::from(code)).copied()
    }

    /// Whether events of this kind name a task.
    pub fn has_task(self) -> bool {
        !matches!(self, EventKind::AgentJoined | EventKind::AgentLeft)
    }

    /// Whether events of this kind name an agent.
    pub fn has_agent(self) -> bool {
        !matches!(self, EventKind::TaskCancelled)
    }

    /// Whether events of this kind name the agent a task came from.
    pub fn has_from(self) -> bool {
        matches!(self, EventKind::TaskHandedOff)
    }
}

/// One stored event; entities are referred to by their index in the swarm.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Event {
    pub time: f64,
    pub kind: EventKind,
    pub task: u32,
    pub agent: u32,
    pub from: u32,
    pub detail: Option<Box<str>>,
}

/// Bounded log: keeps the newest `capacity` events.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct EventLog {
    pub first_seq: u64,
    pub events: VecDeque<Event>,
    pub capacity: usize,
}

impl EventLog {
    pub fn new(capacity: usize) -> Self {
        EventLog {
            first_seq: 0,
            events: VecDeque::new(),
            capacity,
        }
    }

    /// Sequence number the next event will get.
    pub fn next_seq(&self) -> u64 {
        self.first_seq.saturating_add(self.events.len() as u64)
    }

    pub fn push(&mut self, event: Event) {
        if self.events.len() >= self.capacity {
            self.events.pop_front();
            self.first_seq = self.first_seq.saturating_add(1);
        }
        self.events.push_back(event);
    }

    /// Events with sequence numbers from `since` on, with their sequence numbers.
    pub fn read(&self, since: u64) -> impl Iterator<Item = (u64, &Event)> {
        let skip = usize::try_from(since.saturating_sub(self.first_seq))
            .unwrap_or(usize::MAX)
            .min(self.events.len());
        let first = self.first_seq.saturating_add(skip as u64);
        self.events
            .range(skip..)
            .enumerate()
            .map(move |(i, e)| (first.saturating_add(i as u64), e))
    }
}
/// An event as reported to callers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SwarmEvent {
    /// Position in the swarm's event sequence (0, 1, 2, ...).
    pub seq: u64,
    /// Swarm time of the event.
    pub time: f64,
    /// What happened.
    pub kind: EventKind,
    /// Task concerned, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub task_id: Option<String>,
    /// Agent concerned, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agent_id: Option<String>,
    /// For hand-offs: the agent that gave the task away.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_agent_id: Option<String>,
    /// Error message or reason, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

/// A page of the event log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EventBatch {
    /// Events in sequence order.
    pub events: Vec<SwarmEvent>,
    /// Pass this as `since` to read on (one past the last returned event).
    pub next_seq: u64,
    /// Events after `since` that were dropped from the bounded log before being read.
    pub dropped: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(task: u32) -> Event {
        Event {
            time: 0.0,
            kind: EventKind::TaskAssigned,
            task,
            agent: 0,
            from: u32::MAX,
            detail: None,
        }
    }

    #[test]
    fn ring_drops_oldest_and_reads_by_seq() {
        let mut log = EventLog::new(3);
        for t in 0..5 {
            log.push(ev(t));
        }
        assert_eq!(log.first_seq, 2);
        assert_eq!(log.next_seq(), 5);
        let read: Vec<(u64, u32)> = log.read(0).map(|(s, e)| (s, e.task)).collect();
        assert_eq!(read, [(2, 2), (3, 3), (4, 4)]);
        let read: Vec<u64> = log.read(4).map(|(s, _)| s).collect();
        assert_eq!(read, [4]);
        assert_eq!(log.read(5).count(), 0);
        assert_eq!(log.read(99).count(), 0);
    }

    #[test]
    fn kind_codes_round_trip() {
        for k in EventKind::ALL {
            assert_eq!(EventKind::from_code(k.code()), Some(k));
            assert_eq!(EventKind::parse(k.as_str()), Some(k));
            let json = alloc::format!("{:?}", k);
            assert!(json.to_lowercase() == k.as_str().to_lowercase(), "{json}");
        }
        assert_eq!(EventKind::from_code(10), None);
    }
}
