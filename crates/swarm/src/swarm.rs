//! The orchestrator: agents, the task graph, the ready queue and the life-cycle operations.
//!
//! # Data structures
//! Capabilities are interned to numbers. Tasks requiring the same capability set share a
//! *class*. Each class keeps
//! - `ready`: a binary heap of its ready tasks (highest priority first, then submission order),
//! - `free`: the agents that satisfy it, in a tournament tree ([`FreeSet`]) whose root is the
//!   best one with a free slot under the swarm's strategy (see [`SlotKey`]).
//!
//! A second tournament tree, `candidates`, holds for every class having both a ready task and
//! a free agent that class's best ready task. Assigning is therefore: take the best candidate,
//! pop its task, take the class's best free agent, update the agent's leaf in the few classes
//! it belongs to. Every step is logarithmic (reading a best entry is constant); nothing scans
//! all agents or all tasks. Task ids live back to back in one buffer ([`StrArena`]), so id
//! lookups touch few cache lines.

use alloc::borrow::Cow;
use alloc::boxed::Box;
use alloc::collections::{BTreeSet, BinaryHeap};
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec;
use alloc::vec::Vec;
use core::cmp::{Ordering, Reverse};

use ruv_core::validate::{
    validate_text, validate_time, MAX_CAPABILITIES, MAX_CONCURRENT_LIMIT, MAX_ERROR_LEN,
    MAX_RESULT_LEN,
};
use ruv_core::{
    Agent, AgentConfig, AgentRole, AgentStatus, ClockMode, CognitivePattern, EntityKind, Error,
    Strategy, SwarmConfig, Task, TaskConfig, TaskPriority, TaskStatus, Topology,
};

use crate::batch::{TaskSpec, Text};
use crate::events::{Event, EventBatch, EventKind, EventLog, SwarmEvent};
use crate::free::{FreeSet, MinTree};
use crate::index::{IdIndex, StrArena};
use crate::report::{AgentCounts, EventLogStatus, SwarmMetrics, SwarmStatus, TaskCounts};
use crate::rng::SplitMix64;

/// "No entity" marker for agent and task indices.
pub(crate) const NONE: u32 = u32::MAX;

/// Most tasks a swarm may hold over its lifetime.
pub const MAX_TASKS: usize = 10_000_000;

/// Position of an agent in a class's free set. Ordered by `spec` (capability count, for the
/// capability-match strategy), then by load relative to capacity (`load / cap`, compared by
/// cross-multiplication), then by joining order (`agent`). Strategies that ignore a criterion
/// set it to a constant.
#[derive(Debug, Clone, Copy)]
pub(crate) struct SlotKey {
    pub spec: u32,
    pub load: u32,
    pub cap: u32,
    pub agent: u32,
}

impl Ord for SlotKey {
    fn cmp(&self, other: &Self) -> Ordering {
        self.spec
            .cmp(&other.spec)
            .then_with(|| {
                (u64::from(self.load) * u64::from(other.cap))
                    .cmp(&(u64::from(other.load) * u64::from(self.cap)))
            })
            .then_with(|| self.agent.cmp(&other.agent))
    }
}

/// Bits of [`SlotKey::packed`] for the relative load: with capacities up to `2^c`, two
/// different ratios `a/b` and `x/y` differ by at least `2^-2c`, so scaling by `2^(2c+1)` keeps
/// them at least 2 apart and their floors strictly ordered.
const RATIO_SHIFT: u32 = 2 * (u32::BITS - (MAX_CONCURRENT_LIMIT - 1).leading_zeros()) + 1;

// The packed key (spec, ratio <= 2^RATIO_SHIFT, agent) must fit below u64::MAX.
const _: () = assert!(MAX_CONCURRENT_LIMIT <= 1 << 10 && MAX_CAPABILITIES < 1 << 7);
const _: () = assert!(32 + RATIO_SHIFT + 1 + 7 < 64);

impl SlotKey {
    /// The key as one integer with the same order (for keys whose load is below their
    /// capacity, the only ones compared: an agent without a free slot is in no free set).
    pub fn packed(&self) -> u64 {
        let cap = u64::from(self.cap.max(1));
        let ratio = (u64::from(self.load.min(self.cap)) << RATIO_SHIFT) / cap;
        (u64::from(self.spec.min(127)) << (32 + RATIO_SHIFT + 1))
            | ratio << 32
            | u64::from(self.agent)
    }

    /// The agent of a [`packed`](Self::packed) key.
    pub fn agent_of(packed: u64) -> u32 {
        packed as u32
    }
}

impl PartialOrd for SlotKey {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for SlotKey {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for SlotKey {}

/// Order of ready tasks: smaller is better (higher priority, then earlier submission).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct ReadyKey {
    pub rank: u8,
    pub task: u32,
}

impl ReadyKey {
    pub fn new(priority: TaskPriority, task: u32) -> Self {
        ReadyKey {
            rank: 3 - priority.code().min(3),
            task,
        }
    }

    /// The key as one integer with the same order (never [`MinTree::EMPTY`]).
    pub fn packed(self) -> u64 {
        u64::from(self.rank) << 32 | u64::from(self.task)
    }

    /// The key of a [`packed`](Self::packed) value.
    pub fn unpack(v: u64) -> Self {
        ReadyKey {
            rank: (v >> 32) as u8,
            task: v as u32,
        }
    }
}

/// Tasks requiring one capability set, and the agents able to take them.
#[derive(Debug, Clone, Default)]
pub(crate) struct Class {
    /// Interned capability ids, sorted.
    pub caps: Box<[u32]>,
    /// Agents satisfying the class, and which of them have a free slot.
    pub free: FreeSet,
    /// Ready tasks of the class.
    pub ready: BinaryHeap<Reverse<ReadyKey>>,
    /// This class's entry in `Swarm::candidates` (its best ready task while it has a free
    /// agent).
    pub cand: Option<ReadyKey>,
}

/// An agent's record. Fields marked *derived* are rebuilt from the others on restore.
#[derive(Debug, Clone)]
pub(crate) struct AgentRec {
    pub id: Box<str>,
    pub name: Box<str>,
    pub role: AgentRole,
    pub pattern: CognitivePattern,
    /// Interned capability ids, sorted.
    pub caps: Box<[u32]>,
    pub max_concurrent: u32,
    pub removed: bool,
    /// Parent in a hierarchical swarm (`NONE` for the root, other topologies and removed agents).
    pub parent: u32,
    pub joined_at: f64,
    pub left_at: f64,
    pub completed: u64,
    pub failed: u64,
    /// *Derived*: tasks held (assigned or running), unordered.
    pub tasks: Vec<u32>,
    /// *Derived*: children in a hierarchical swarm, sorted.
    pub children: Vec<u32>,
    /// *Derived*: classes this agent satisfies (empty once removed).
    pub classes: Vec<u32>,
    /// *Derived*: the agent's position in each of `classes`' free sets.
    pub slots: Vec<u32>,
    /// *Derived*: key of the agent in its classes' free sets.
    pub key: SlotKey,
}

impl AgentRec {
    pub fn load(&self) -> u32 {
        self.tasks.len() as u32
    }

    pub fn has_slot(&self) -> bool {
        !self.removed && self.load() < self.max_concurrent
    }
}

/// A task's record. Times are `NaN` when unset.
#[derive(Debug, Clone)]
pub(crate) struct TaskRec {
    pub description: Box<str>,
    pub priority: TaskPriority,
    pub status: TaskStatus,
    pub class: u32,
    /// Indices of dependencies, each smaller than this task's index.
    pub deps: Box<[u32]>,
    pub attempts: u32,
    pub failures: u32,
    pub max_retries: u32,
    pub agent: u32,
    pub result: Option<Box<str>>,
    pub error: Option<Box<str>>,
    pub submitted_at: f64,
    pub ready_at: f64,
    pub assigned_at: f64,
    pub started_at: f64,
    pub finished_at: f64,
    /// *Derived*: tasks depending on this one.
    pub dependents: Vec<u32>,
    /// *Derived*: dependencies not completed yet.
    pub unmet: u32,
}

/// Running sums behind [`SwarmMetrics`].
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct MetricsAcc {
    pub start_time: f64,
    pub latency_sum: f64,
    pub latency_max: f64,
    pub wait_sum: f64,
    pub run_sum: f64,
    pub load_integral: f64,
    pub capacity_integral: f64,
    pub assignments: u64,
    pub retries: u64,
    pub requeues: u64,
    pub hand_offs: u64,
}

/// A swarm: agents, tasks, their assignment state, the event log and metrics.
///
/// Every mutating method validates its input completely before changing anything: on error
/// the swarm is exactly as before. Behaviour is a pure function of the configuration (seed
/// included) and the sequence of calls.
#[derive(Debug, Clone)]
pub struct Swarm {
    pub(crate) config: SwarmConfig,
    pub(crate) id: Box<str>,
    pub(crate) name: Box<str>,
    pub(crate) time: f64,
    pub(crate) rng: SplitMix64,
    /// Agent that received the previous round-robin assignment.
    pub(crate) rr_cursor: u32,
    pub(crate) next_agent_no: u64,
    pub(crate) next_task_no: u64,
    /// Where automatic hierarchical placement looks for a parent first.
    pub(crate) parent_cursor: u32,
    pub(crate) agents: Vec<AgentRec>,
    pub(crate) tasks: Vec<TaskRec>,
    /// Task ids, by task index.
    pub(crate) task_ids: StrArena,
    pub(crate) caps: Vec<Box<str>>,
    pub(crate) events: EventLog,
    pub(crate) metrics: MetricsAcc,
    // Derived indexes.
    pub(crate) agent_index: IdIndex,
    pub(crate) task_index: IdIndex,
    pub(crate) cap_index: IdIndex,
    pub(crate) classes: Vec<Class>,
    pub(crate) class_index: IdIndex,
    /// Per class (by class index), the class's `cand` as a [`ReadyKey::packed`] value.
    pub(crate) candidates: MinTree,
    pub(crate) live: BTreeSet<u32>,
    pub(crate) counts: [u32; 7],
    pub(crate) busy: u32,
    pub(crate) total_load: u64,
    pub(crate) total_capacity: u64,
}

fn status_name(s: TaskStatus) -> &'static str {
    s.as_str()
}

fn opt_time(t: f64) -> Option<f64> {
    if t.is_nan() {
        None
    } else {
        Some(t)
    }
}

/// A resolved dependency of a batch entry.
#[derive(Clone, Copy)]
enum Dep {
    /// A task already in the swarm.
    Task(u32),
    /// Another entry of the batch.
    Batch(usize),
}

/// Appends `s` as a JSON string literal.
pub(crate) fn json_string(out: &mut String, s: &str) {
    use core::fmt::Write;
    out.push('"');
    let plain = |b: u8| b >= 0x20 && b != b'"' && b != b'\\' && b != 0xE2;
    if s.bytes().all(plain) {
        // Common case (ids): nothing to escape.
        out.push_str(s);
    } else {
        for c in s.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                '\n' => out.push_str("\\n"),
                '\r' => out.push_str("\\r"),
                '\t' => out.push_str("\\t"),
                c if (c as u32) < 0x20 || c == '\u{2028}' || c == '\u{2029}' => {
                    let _ = write!(out, "\\u{:04x}", c as u32);
                }
                c => out.push(c),
            }
        }
    }
    out.push('"');
}

/// Rewrites `task.` field prefixes to `tasks[i].` for errors about one entry of a batch.
fn in_batch(e: Error, i: usize, batch: bool) -> Error {
    match e {
        Error::InvalidInput { field, reason } if batch => Error::InvalidInput {
            field: match field.strip_prefix("task.") {
                Some(rest) => format!("tasks[{i}].{rest}"),
                None => format!("tasks[{i}].{field}"),
            },
            reason,
        },
        other => other,
    }
}

impl Swarm {
    /// Creates an empty swarm. Its id is `config.id`, or `"swarm"` when absent.
    pub fn new(config: SwarmConfig) -> Result<Swarm, Error> {
        let config = config.normalized()?;
        let id: Box<str> = config.id.as_deref().unwrap_or("swarm").into();
        let name: Box<str> = config.name.as_deref().unwrap_or(&id).into();
        Ok(Swarm::empty(config, id, name))
    }

    pub(crate) fn empty(config: SwarmConfig, id: Box<str>, name: Box<str>) -> Swarm {
        let capacity = config.event_log_capacity as usize;
        let rng = SplitMix64::new(config.seed);
        Swarm {
            config,
            id,
            name,
            time: 0.0,
            rng,
            rr_cursor: NONE,
            next_agent_no: 1,
            next_task_no: 1,
            parent_cursor: 0,
            agents: Vec::new(),
            tasks: Vec::new(),
            task_ids: StrArena::default(),
            caps: Vec::new(),
            events: EventLog::new(capacity),
            metrics: MetricsAcc::default(),
            agent_index: IdIndex::default(),
            task_index: IdIndex::default(),
            cap_index: IdIndex::default(),
            classes: Vec::new(),
            class_index: IdIndex::default(),
            candidates: MinTree::default(),
            live: BTreeSet::new(),
            counts: [0; 7],
            busy: 0,
            total_load: 0,
            total_capacity: 0,
        }
    }

    /// The swarm's identifier.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// Changes the swarm's id (e.g. to keep a restored copy next to the original).
    pub fn rename(&mut self, id: &str) -> Result<(), Error> {
        ruv_core::validate::validate_id("swarm id", id)?;
        self.id = id.into();
        self.config.id = Some(id.into());
        Ok(())
    }

    /// The swarm's configuration (normalized).
    pub fn config(&self) -> &SwarmConfig {
        &self.config
    }

    /// Current swarm time.
    pub fn time(&self) -> f64 {
        self.time
    }

    // ----------------------------------------------------------------------------------------
    // Lookups
    // ----------------------------------------------------------------------------------------

    pub(crate) fn find_agent(&self, id: &str) -> Option<u32> {
        self.agent_index
            .get(id, |i| self.agents.get(i as usize).map_or("", |r| &r.id))
    }

    pub(crate) fn find_task(&self, id: &str) -> Option<u32> {
        self.task_index.get(id, |i| self.task_ids.get(i))
    }

    pub(crate) fn agent_idx(&self, id: &str) -> Result<u32, Error> {
        self.find_agent(id)
            .ok_or_else(|| Error::unknown(EntityKind::Agent, id))
    }

    pub(crate) fn live_agent_idx(&self, id: &str) -> Result<u32, Error> {
        let a = self.agent_idx(id)?;
        if self.agents[a as usize].removed {
            return Err(Error::state(format!(
                "agent '{id}' was removed from the swarm"
            )));
        }
        Ok(a)
    }

    pub(crate) fn task_idx(&self, id: &str) -> Result<u32, Error> {
        self.find_task(id)
            .ok_or_else(|| Error::unknown(EntityKind::Task, id))
    }

    pub(crate) fn agent_id(&self, a: u32) -> &str {
        self.agents.get(a as usize).map_or("", |r| &r.id)
    }

    pub(crate) fn task_id(&self, t: u32) -> &str {
        self.task_ids.get(t)
    }

    // ----------------------------------------------------------------------------------------
    // Time
    // ----------------------------------------------------------------------------------------

    fn advance_to(&mut self, t: f64) {
        let dt = t - self.time;
        if dt > 0.0 {
            self.metrics.load_integral += self.total_load as f64 * dt;
            self.metrics.capacity_integral += self.total_capacity as f64 * dt;
            self.time = t;
        }
    }

    /// Called once per successful mutating operation, after validation.
    fn tick(&mut self) {
        if self.config.clock == ClockMode::Logical {
            self.advance_to(self.time + 1.0);
        }
    }

    /// Sets the time of a swarm with an external clock (e.g. to `performance.now()`).
    /// Time must not go backwards; logical-clock swarms refuse.
    pub fn set_time(&mut self, now: f64) -> Result<(), Error> {
        validate_time("time", now)?;
        if self.config.clock != ClockMode::External {
            return Err(Error::state(format!(
                "swarm '{}' uses a logical clock; create it with clock: \"external\" to set time",
                self.id
            )));
        }
        if now < self.time {
            return Err(Error::invalid(
                "time",
                format!("{now} is before the swarm's current time {}", self.time),
            ));
        }
        self.advance_to(now);
        Ok(())
    }

    // ----------------------------------------------------------------------------------------
    // Events
    // ----------------------------------------------------------------------------------------

    pub(crate) fn emit(
        &mut self,
        kind: EventKind,
        task: u32,
        agent: u32,
        from: u32,
        detail: Option<Box<str>>,
    ) {
        self.events.push(Event {
            time: self.time,
            kind,
            task,
            agent,
            from,
            detail,
        });
    }

    /// Visits up to `limit` events of the given kinds (all kinds when `kinds` is empty) with
    /// sequence numbers from `since` on. Returns `(next_seq, dropped)`: where to read on, and
    /// how many events after `since` the bounded log no longer holds.
    pub(crate) fn scan_events(
        &self,
        since: u64,
        limit: usize,
        kinds: &[EventKind],
        mut visit: impl FnMut(u64, &Event),
    ) -> Result<(u64, u64), Error> {
        let end = self.events.next_seq();
        if since > end {
            return Err(Error::invalid(
                "since",
                format!("{since} is beyond the next event sequence number {end}"),
            ));
        }
        let mask: u16 = if kinds.is_empty() {
            u16::MAX
        } else {
            kinds.iter().fold(0, |m, k| m | 1 << k.code())
        };
        let dropped = self.events.first_seq.saturating_sub(since);
        let mut next_seq = since.max(self.events.first_seq);
        let mut taken = 0;
        for (seq, e) in self.events.read(since) {
            if taken >= limit {
                break;
            }
            next_seq = seq + 1;
            if mask & (1 << e.kind.code()) != 0 {
                visit(seq, e);
                taken += 1;
            }
        }
        Ok((next_seq, dropped))
    }

    /// Reads up to `limit` events of the given kinds (all when `kinds` is empty) with sequence
    /// numbers from `since` on. `dropped` counts the events after `since` that the bounded log
    /// no longer holds. A `since` beyond the next sequence number is an error.
    pub fn events_since(
        &self,
        since: u64,
        limit: usize,
        kinds: &[EventKind],
    ) -> Result<EventBatch, Error> {
        let name = |a: u32| (a != NONE).then(|| self.agent_id(a).to_string());
        let mut events = Vec::new();
        let (next_seq, dropped) = self.scan_events(since, limit, kinds, |seq, e| {
            events.push(SwarmEvent {
                seq,
                time: e.time,
                kind: e.kind,
                task_id: (e.task != NONE).then(|| self.task_id(e.task).to_string()),
                agent_id: name(e.agent),
                from_agent_id: name(e.from),
                detail: e.detail.as_deref().map(String::from),
            })
        })?;
        Ok(EventBatch {
            events,
            next_seq,
            dropped,
        })
    }

    /// [`events_since`](Self::events_since) as a JSON text of an [`EventBatch`] (the fast
    /// path for JavaScript: one string and one `JSON.parse`).
    pub fn events_json(
        &self,
        since: u64,
        limit: usize,
        kinds: &[EventKind],
    ) -> Result<String, Error> {
        use core::fmt::Write;
        // About 100 bytes per event: size the buffer once instead of growing it repeatedly.
        let available = self.events.next_seq().saturating_sub(since) as usize;
        let mut out = String::with_capacity(64 + 100 * available.min(limit).min(1 << 16));
        out.push_str("{\"events\":[");
        let mut first = true;
        let (next_seq, dropped) = self.scan_events(since, limit, kinds, |seq, e| {
            if !first {
                out.push(',');
            }
            first = false;
            let _ = write!(out, "{{\"seq\":{seq},\"time\":");
            // Whole times (the logical clock) print as integers: the same text as `{}` on
            // the f64, without its float formatting.
            let t = e.time;
            if t.is_sign_positive() && t < 9_007_199_254_740_992.0 && (t as u64) as f64 == t {
                let _ = write!(out, "{}", t as u64);
            } else {
                let _ = write!(out, "{}", e.time);
            }
            out.push_str(",\"kind\":\"");
            out.push_str(e.kind.as_str());
            out.push('"');
            if e.task != NONE {
                out.push_str(",\"taskId\":");
                json_string(&mut out, self.task_id(e.task));
            }
            if e.agent != NONE {
                out.push_str(",\"agentId\":");
                json_string(&mut out, self.agent_id(e.agent));
            }
            if e.from != NONE {
                out.push_str(",\"fromAgentId\":");
                json_string(&mut out, self.agent_id(e.from));
            }
            if let Some(d) = &e.detail {
                out.push_str(",\"detail\":");
                json_string(&mut out, d);
            }
            out.push('}');
        })?;
        let _ = write!(out, "],\"nextSeq\":{next_seq},\"dropped\":{dropped}}}");
        Ok(out)
    }

    // ----------------------------------------------------------------------------------------
    // Capability classes and the ready queue
    // ----------------------------------------------------------------------------------------

    pub(crate) fn find_cap(&self, cap: &str) -> Option<u32> {
        self.cap_index
            .get(cap, |i| self.caps.get(i as usize).map_or("", |c| c))
    }

    pub(crate) fn find_class(&self, caps: &[u32]) -> Option<u32> {
        self.class_index.get(caps, |i| {
            self.classes.get(i as usize).map_or(&[][..], |c| &c.caps)
        })
    }

    pub(crate) fn intern_cap(&mut self, cap: &str) -> u32 {
        if let Some(c) = self.find_cap(cap) {
            return c;
        }
        let c = self.caps.len() as u32;
        self.caps.push(cap.into());
        self.cap_index.insert(cap, c);
        c
    }

    pub(crate) fn intern_caps(&mut self, caps: &[String]) -> Box<[u32]> {
        let mut ids: Vec<u32> = caps.iter().map(|c| self.intern_cap(c)).collect();
        ids.sort_unstable();
        ids.dedup();
        ids.into_boxed_slice()
    }

    pub(crate) fn cap_names(&self, ids: &[u32]) -> Vec<String> {
        let mut names: Vec<String> = ids
            .iter()
            .filter_map(|&c| self.caps.get(c as usize))
            .map(|s| String::from(&**s))
            .collect();
        names.sort_unstable();
        names
    }

    fn subset(required: &[u32], have: &[u32]) -> bool {
        let mut have = have.iter();
        required.iter().all(|r| have.by_ref().any(|h| h == r))
    }

    pub(crate) fn slot_key(&self, a: u32) -> SlotKey {
        let r = &self.agents[a as usize];
        match self.config.strategy {
            Strategy::CapabilityMatch => SlotKey {
                spec: r.caps.len() as u32,
                load: r.load(),
                cap: r.max_concurrent.max(1),
                agent: a,
            },
            Strategy::LeastLoaded => SlotKey {
                spec: 0,
                load: r.load(),
                cap: r.max_concurrent.max(1),
                agent: a,
            },
            Strategy::RoundRobin | Strategy::Random => SlotKey {
                spec: 0,
                load: 0,
                cap: 1,
                agent: a,
            },
        }
    }

    /// The class of a (validated) capability list, without allocating when the class exists.
    pub(crate) fn class_of<S: AsRef<str>>(&mut self, caps: &[S]) -> u32 {
        let mut buf = [0u32; MAX_CAPABILITIES];
        let mut n = 0;
        for (slot, cap) in buf.iter_mut().zip(caps) {
            *slot = self.intern_cap(cap.as_ref());
            n += 1;
        }
        let ids = &mut buf[..n];
        ids.sort_unstable();
        let mut m = 0;
        for i in 0..ids.len() {
            if m == 0 || ids[i] != ids[m - 1] {
                ids[m] = ids[i];
                m += 1;
            }
        }
        let ids = &ids[..m];
        match self.find_class(ids) {
            Some(c) => c,
            None => self.class_for(ids.into()),
        }
    }

    /// The class of a capability set, created (and filled with the live agents satisfying it)
    /// on first use.
    pub(crate) fn class_for(&mut self, caps: Box<[u32]>) -> u32 {
        if let Some(c) = self.find_class(&caps) {
            return c;
        }
        let c = self.classes.len() as u32;
        let mut class = Class {
            caps: caps.clone(),
            ..Class::default()
        };
        let live: Vec<u32> = self.live.iter().copied().collect();
        for a in live {
            let r = &mut self.agents[a as usize];
            if Self::subset(&caps, &r.caps) {
                let pos = class.free.push(a, r.key, r.has_slot());
                r.classes.push(c);
                r.slots.push(pos);
            }
        }
        self.class_index.insert(&*caps, c);
        self.classes.push(class);
        self.candidates.push(MinTree::EMPTY);
        c
    }

    /// Makes class `c`'s entry in `candidates` match its state.
    pub(crate) fn refresh_class(&mut self, c: u32) {
        let Some(class) = self.classes.get_mut(c as usize) else {
            return;
        };
        let want = if class.free.is_empty() {
            None
        } else {
            class.ready.peek().map(|r| r.0)
        };
        if want != class.cand {
            self.candidates
                .set(c, want.map_or(MinTree::EMPTY, |k| k.packed()));
            class.cand = want;
        }
    }

    /// Adds or removes a task from an agent and moves the agent in its classes' free sets.
    fn set_agent_tasks(&mut self, a: u32, change: impl FnOnce(&mut Vec<u32>)) {
        let ai = a as usize;
        let before_load = self.agents[ai].load();
        let had = self.agents[ai].has_slot();
        let old_key = self.agents[ai].key;
        change(&mut self.agents[ai].tasks);
        let after_load = self.agents[ai].load();
        let has = self.agents[ai].has_slot();
        let new_key = self.slot_key(a);
        self.agents[ai].key = new_key;
        // Keep the key's exact fields (not just its order) in sync.
        let same = old_key.spec == new_key.spec
            && old_key.load == new_key.load
            && old_key.cap == new_key.cap;
        if !(had && has && same) && (had || has) {
            for i in 0..self.agents[ai].classes.len() {
                let (Some(&c), Some(&pos)) =
                    (self.agents[ai].classes.get(i), self.agents[ai].slots.get(i))
                else {
                    continue;
                };
                if let Some(class) = self.classes.get_mut(c as usize) {
                    class.free.set(pos, new_key, has);
                }
                if had != has {
                    self.refresh_class(c);
                }
            }
        }
        if !self.agents[ai].removed {
            self.total_load = self.total_load + u64::from(after_load) - u64::from(before_load);
            match (before_load == 0, after_load == 0) {
                (true, false) => self.busy += 1,
                (false, true) => self.busy -= 1,
                _ => {}
            }
        }
    }

    fn set_status(&mut self, t: u32, status: TaskStatus) {
        let rec = &mut self.tasks[t as usize];
        let old = rec.status;
        rec.status = status;
        self.counts[usize::from(old.code())] -= 1;
        self.counts[usize::from(status.code())] += 1;
    }

    /// Puts a task whose dependencies are complete into its class's ready queue.
    fn make_ready(&mut self, t: u32) {
        self.set_status(t, TaskStatus::Ready);
        let rec = &mut self.tasks[t as usize];
        rec.agent = NONE;
        rec.ready_at = self.time;
        let key = ReadyKey::new(rec.priority, t);
        let c = rec.class;
        self.classes[c as usize].ready.push(Reverse(key));
        self.refresh_class(c);
    }

    fn pick_agent(&mut self, c: u32) -> Option<u32> {
        // Round-robin and random start at an agent index and take the next eligible agent in
        // joining order, wrapping around; the other strategies take the best key.
        let start = match self.config.strategy {
            Strategy::RoundRobin => Some(if self.rr_cursor == NONE {
                0
            } else {
                self.rr_cursor.saturating_add(1)
            }),
            Strategy::Random => Some(self.rng.below(self.agents.len() as u64) as u32),
            Strategy::CapabilityMatch | Strategy::LeastLoaded => None,
        };
        let free = &self.classes.get(c as usize)?.free;
        match start {
            // These strategies' keys are ordered like agent indices.
            Some(from) => free.first_from(from).or_else(|| free.first()),
            None => free.first(),
        }
    }

    /// Assigns ready tasks to free agents until no class has both.
    pub(crate) fn pump(&mut self) {
        loop {
            let best = self.candidates.min();
            if best == MinTree::EMPTY {
                break;
            }
            let key = ReadyKey::unpack(best);
            let Some(c) = self.tasks.get(key.task as usize).map(|r| r.class) else {
                break;
            };
            let Some(a) = self.pick_agent(c) else {
                // Unreachable while `candidates` is consistent; drop the entry defensively
                // (`check_invariants` reports the inconsistency).
                if self.candidates.get(c) != best {
                    break;
                }
                self.candidates.set(c, MinTree::EMPTY);
                if let Some(class) = self.classes.get_mut(c as usize) {
                    class.cand = None;
                }
                continue;
            };
            self.classes[c as usize].ready.pop();
            let t = key.task;
            let now = self.time;
            {
                let rec = &mut self.tasks[t as usize];
                rec.agent = a;
                rec.attempts = rec.attempts.saturating_add(1);
                rec.assigned_at = now;
                rec.started_at = f64::NAN;
                self.metrics.wait_sum += now - rec.ready_at;
            }
            self.metrics.assignments = self.metrics.assignments.saturating_add(1);
            self.set_status(t, TaskStatus::Assigned);
            self.set_agent_tasks(a, |tasks| tasks.push(t));
            self.rr_cursor = a;
            self.emit(EventKind::TaskAssigned, t, a, NONE, None);
            self.refresh_class(c);
        }
    }

    // ----------------------------------------------------------------------------------------
    // Agents
    // ----------------------------------------------------------------------------------------

    fn generate_id(counter: &mut u64, prefix: &str, taken: &dyn Fn(&str) -> bool) -> String {
        loop {
            let id = format!("{prefix}-{counter}");
            *counter = counter.saturating_add(1);
            if !taken(&id) {
                return id;
            }
        }
    }

    /// Adds an agent; returns its id. Fails on an invalid configuration, a duplicate id, a full
    /// swarm (`maxAgents`) or a `parent` that is unknown, removed, or given outside a
    /// hierarchical swarm.
    pub fn spawn_agent(&mut self, config: AgentConfig) -> Result<String, Error> {
        let config = config.into_normalized()?;
        if self.live.len() >= self.config.max_agents as usize {
            return Err(Error::limit(format!(
                "swarm '{}' already has maxAgents = {} live agents",
                self.id, self.config.max_agents
            )));
        }
        if self.agents.len() >= NONE as usize - 1 {
            return Err(Error::limit("too many agents over the swarm's lifetime"));
        }
        if let Some(id) = &config.id {
            if self.find_agent(id).is_some() {
                return Err(Error::duplicate(EntityKind::Agent, id.as_str()));
            }
        }
        let explicit_parent = match &config.parent {
            None => None,
            Some(p) => {
                if self.config.topology != Topology::Hierarchical {
                    return Err(Error::invalid(
                        "agent.parent",
                        format!(
                            "only hierarchical swarms have parents; swarm '{}' is {}",
                            self.id, self.config.topology
                        ),
                    ));
                }
                Some(self.live_agent_idx(p)?)
            }
        };
        self.tick();
        let id = match config.id {
            Some(id) => id,
            None => {
                let mut counter = self.next_agent_no;
                let id =
                    Self::generate_id(&mut counter, "agent", &|s| self.find_agent(s).is_some());
                self.next_agent_no = counter;
                id
            }
        };
        let a = self.agents.len() as u32;
        let caps = self.intern_caps(&config.capabilities);
        let max_concurrent = config
            .max_concurrent
            .unwrap_or(self.config.max_concurrent_per_agent);
        let parent = if self.config.topology == Topology::Hierarchical {
            explicit_parent.unwrap_or_else(|| self.auto_parent())
        } else {
            NONE
        };
        let name: Box<str> = config.name.as_deref().unwrap_or(&id).into();
        self.agents.push(AgentRec {
            id: id.as_str().into(),
            name,
            role: config.role,
            pattern: config
                .cognitive_pattern
                .unwrap_or_else(|| config.role.default_pattern()),
            caps,
            max_concurrent,
            removed: false,
            parent,
            joined_at: self.time,
            left_at: f64::NAN,
            completed: 0,
            failed: 0,
            tasks: Vec::new(),
            children: Vec::new(),
            classes: Vec::new(),
            slots: Vec::new(),
            key: SlotKey {
                spec: 0,
                load: 0,
                cap: 1,
                agent: a,
            },
        });
        self.agents[a as usize].key = self.slot_key(a);
        if parent != NONE {
            self.agents[parent as usize].children.push(a);
        }
        self.agent_index.insert(id.as_str(), a);
        self.live.insert(a);
        self.total_capacity += u64::from(max_concurrent);
        self.join_classes(a);
        self.emit(EventKind::AgentJoined, NONE, a, NONE, None);
        self.pump();
        Ok(id)
    }

    /// Registers a live agent in every class it satisfies.
    pub(crate) fn join_classes(&mut self, a: u32) {
        let key = self.agents[a as usize].key;
        let has_slot = self.agents[a as usize].has_slot();
        let mut joined = Vec::new();
        let mut slots = Vec::new();
        for (c, class) in self.classes.iter_mut().enumerate() {
            if Self::subset(&class.caps, &self.agents[a as usize].caps) {
                joined.push(c as u32);
                slots.push(class.free.push(a, key, has_slot));
            }
        }
        for &c in &joined {
            self.refresh_class(c);
        }
        self.agents[a as usize].classes = joined;
        self.agents[a as usize].slots = slots;
    }

    /// Removes an agent. Its tasks go back to the ready queue (not counted as failures) and are
    /// reassigned; in a hierarchical swarm its children move to its parent.
    pub fn remove_agent(&mut self, id: &str, reason: Option<&str>) -> Result<(), Error> {
        let a = self.live_agent_idx(id)?;
        if let Some(r) = reason {
            validate_text("reason", r, MAX_ERROR_LEN, true)?;
        }
        self.tick();
        let ai = a as usize;
        let mut held = self.agents[ai].tasks.clone();
        held.sort_unstable();
        // Leave every class first so that requeued tasks cannot come back to this agent.
        let key = self.agents[ai].key;
        let had = self.agents[ai].has_slot();
        let classes = core::mem::take(&mut self.agents[ai].classes);
        let slots = core::mem::take(&mut self.agents[ai].slots);
        for (&c, &pos) in classes.iter().zip(&slots) {
            if had {
                if let Some(class) = self.classes.get_mut(c as usize) {
                    class.free.set(pos, key, false);
                }
            }
            self.refresh_class(c);
        }
        let load = self.agents[ai].load();
        self.total_load -= u64::from(load);
        if load > 0 {
            self.busy -= 1;
        }
        self.total_capacity -= u64::from(self.agents[ai].max_concurrent);
        self.agents[ai].removed = true;
        self.agents[ai].left_at = self.time;
        self.agents[ai].tasks.clear();
        self.live.remove(&a);
        self.detach_from_hierarchy(a);
        self.emit(EventKind::AgentLeft, NONE, a, NONE, reason.map(Box::from));
        for t in held {
            self.metrics.requeues = self.metrics.requeues.saturating_add(1);
            self.emit(EventKind::TaskRequeued, t, a, NONE, None);
            self.tasks[t as usize].started_at = f64::NAN;
            self.make_ready(t);
        }
        self.pump();
        Ok(())
    }

    // ----------------------------------------------------------------------------------------
    // Tasks
    // ----------------------------------------------------------------------------------------

    /// Adds one task; returns its id. Its dependencies must name tasks already in the swarm
    /// that have not failed or been cancelled. A ready task is assigned at once if an agent is
    /// free.
    pub fn orchestrate_task(&mut self, task: TaskConfig) -> Result<String, Error> {
        self.check_room(1)?;
        let t = task.into_normalized()?;
        let added = self.add_specs(core::slice::from_ref(&TaskSpec::of(&t)))?;
        Ok(added
            .first()
            .map_or_else(String::new, |&t| self.task_id(t).to_string()))
    }

    /// Fails if `n` more tasks would exceed [`MAX_TASKS`].
    fn check_room(&self, n: usize) -> Result<(), Error> {
        if self.tasks.len().saturating_add(n) > MAX_TASKS {
            return Err(Error::limit(format!(
                "a swarm holds at most {MAX_TASKS} tasks"
            )));
        }
        Ok(())
    }

    /// Fails if task `d` (named `dep`) can no longer complete.
    fn check_dependable(&self, id: &str, dep: &str, d: u32) -> Result<(), Error> {
        let status = self.tasks[d as usize].status;
        if matches!(status, TaskStatus::Failed | TaskStatus::Cancelled) {
            return Err(Error::state(format!(
                "task '{id}' cannot depend on task '{dep}': it is {}",
                status_name(status)
            )));
        }
        Ok(())
    }

    /// Adds a batch of tasks atomically; returns their ids in batch order.
    ///
    /// A dependency may name a task already in the swarm (not failed or cancelled) or another
    /// entry of the batch, in any order. The whole batch is rejected — nothing is added — on
    /// an invalid entry, a duplicate id, an unknown dependency or a dependency cycle (the error
    /// names the cycle).
    pub fn orchestrate_tasks(&mut self, batch: Vec<TaskConfig>) -> Result<Vec<String>, Error> {
        if batch.len() <= 1 {
            return match batch.into_iter().next() {
                Some(t) => self.orchestrate_task(t).map(|id| vec![id]),
                None => Ok(Vec::new()),
            };
        }
        self.check_room(batch.len())?;
        let mut configs = Vec::with_capacity(batch.len());
        for (i, t) in batch.into_iter().enumerate() {
            configs.push(t.into_normalized().map_err(|e| in_batch(e, i, true))?);
        }
        let specs: Vec<TaskSpec<'_>> = configs.iter().map(TaskSpec::of).collect();
        let added = self.add_specs(&specs)?;
        Ok(added.iter().map(|&t| self.task_id(t).to_string()).collect())
    }

    /// [`orchestrate_tasks`](Self::orchestrate_tasks) for tasks that passed
    /// [`TaskSpec::normalize`]; returns the new tasks' indices in batch order.
    pub(crate) fn orchestrate_specs(&mut self, specs: &[TaskSpec<'_>]) -> Result<Vec<u32>, Error> {
        self.check_room(specs.len())?;
        self.add_specs(specs)
    }

    /// Adds normalized tasks (see [`orchestrate_tasks`](Self::orchestrate_tasks)); returns
    /// their indices in batch order.
    fn add_specs(&mut self, specs: &[TaskSpec<'_>]) -> Result<Vec<u32>, Error> {
        if specs.is_empty() {
            return Ok(Vec::new());
        }
        // Names: given ones (unique in the swarm and in the batch), then generated ones.
        let mut names: Vec<Cow<'_, str>> = Vec::with_capacity(specs.len());
        let mut local = IdIndex::with_capacity(specs.len());
        for (i, t) in specs.iter().enumerate() {
            let name = t.id.as_ref().map_or("", |id| id.as_ref());
            if !name.is_empty() {
                if self.find_task(name).is_some()
                    || local
                        .get(name, |k| names.get(k as usize).map_or("", |n| n))
                        .is_some()
                {
                    return Err(Error::duplicate(EntityKind::Task, name));
                }
                local.insert(name, i as u32);
            }
            names.push(Cow::Borrowed(name));
        }
        let mut counter = self.next_task_no;
        for i in 0..names.len() {
            if names[i].is_empty() {
                let name = Self::generate_id(&mut counter, "task", &|s| {
                    self.find_task(s).is_some()
                        || local
                            .get(s, |k| names.get(k as usize).map_or("", |n| n))
                            .is_some()
                });
                local.insert(name.as_str(), i as u32);
                names[i] = Cow::Owned(name);
            }
        }
        // Resolve dependencies: existing tasks (still able to complete) or batch entries.
        let mut resolved: Vec<Dep> = Vec::new();
        let mut first_dep: Vec<u32> = Vec::with_capacity(specs.len() + 1);
        let mut in_order = true;
        for (i, t) in specs.iter().enumerate() {
            first_dep.push(resolved.len() as u32);
            for dep in &t.dependencies {
                let dep = dep.as_ref();
                // Batch names and swarm ids are disjoint: look in the (small) batch first.
                if let Some(j) = local.get(dep, |k| names.get(k as usize).map_or("", |n| n)) {
                    in_order &= (j as usize) < i;
                    resolved.push(Dep::Batch(j as usize));
                } else if let Some(d) = self.find_task(dep) {
                    self.check_dependable(&names[i], dep, d)?;
                    resolved.push(Dep::Task(d));
                } else {
                    return Err(Error::invalid(
                        format!("dependencies of task '{}'", names[i]),
                        format!("unknown task '{dep}'"),
                    ));
                }
            }
        }
        first_dep.push(resolved.len() as u32);
        // Entries listed dependency-first keep batch order; otherwise sort (and find cycles).
        let order: Vec<usize> = if in_order {
            (0..specs.len()).collect()
        } else {
            let nodes: Vec<(&str, &[Text<'_>])> = names
                .iter()
                .zip(specs)
                .map(|(id, t)| (&**id, t.dependencies.as_slice()))
                .collect();
            ruv_core::topological_order(&nodes, &|d| self.find_task(d).is_some())?
        };
        // Validated: mutate.
        self.tick();
        self.next_task_no = counter;
        self.tasks.reserve(specs.len());
        let mut placed = vec![NONE; specs.len()];
        for &i in &order {
            let (Some(t), Some(name), Some(&from), Some(&to)) = (
                specs.get(i),
                names.get(i),
                first_dep.get(i),
                first_dep.get(i + 1),
            ) else {
                continue;
            };
            // `order` is dependency-first, so batch dependencies are already placed.
            let deps: Box<[u32]> = resolved
                .get(from as usize..to as usize)
                .unwrap_or_default()
                .iter()
                .map(|d| match *d {
                    Dep::Task(t) => t,
                    Dep::Batch(j) => placed.get(j).copied().unwrap_or(NONE),
                })
                .collect();
            let ti = self.insert_task(name, t, deps);
            if let Some(p) = placed.get_mut(i) {
                *p = ti;
            }
        }
        self.pump();
        Ok(placed)
    }

    /// Appends a validated task with resolved dependencies; makes it ready if they are done.
    fn insert_task(&mut self, id: &str, t: &TaskSpec<'_>, deps: Box<[u32]>) -> u32 {
        let ti = self.tasks.len() as u32;
        let class = self.class_of(&t.required_capabilities);
        let unmet = deps
            .iter()
            .filter(|&&d| self.tasks[d as usize].status != TaskStatus::Completed)
            .count() as u32;
        for &d in deps.iter() {
            self.tasks[d as usize].dependents.push(ti);
        }
        self.task_ids.push(id);
        self.tasks.push(TaskRec {
            description: t.description.as_ref().into(),
            priority: t.priority,
            status: TaskStatus::Pending,
            class,
            deps,
            attempts: 0,
            failures: 0,
            max_retries: t.max_retries.unwrap_or(self.config.max_retries),
            agent: NONE,
            result: None,
            error: None,
            submitted_at: self.time,
            ready_at: f64::NAN,
            assigned_at: f64::NAN,
            started_at: f64::NAN,
            finished_at: f64::NAN,
            dependents: Vec::new(),
            unmet,
        });
        self.counts[usize::from(TaskStatus::Pending.code())] += 1;
        self.task_index.insert(id, ti);
        if unmet == 0 {
            self.make_ready(ti);
        }
        ti
    }

    pub(crate) fn active_task(&self, id: &str, verb: &str) -> Result<u32, Error> {
        let t = self.task_idx(id)?;
        let rec = &self.tasks[t as usize];
        match rec.status {
            TaskStatus::Assigned | TaskStatus::Running => Ok(t),
            TaskStatus::Completed => Err(Error::state(format!(
                "cannot {verb} task '{id}': it was already completed"
            ))),
            TaskStatus::Failed | TaskStatus::Cancelled => Err(Error::state(format!(
                "cannot {verb} task '{id}': it is {}",
                status_name(rec.status)
            ))),
            TaskStatus::Pending | TaskStatus::Ready => Err(Error::state(format!(
                "cannot {verb} task '{id}': it is not assigned to an agent (it is {})",
                status_name(rec.status)
            ))),
        }
    }

    /// Marks an assigned task as running.
    pub fn start_task(&mut self, id: &str) -> Result<(), Error> {
        let t = self.startable(id)?;
        self.begin(t);
        Ok(())
    }

    /// The index of task `id` if it can be started (it is assigned, not running).
    pub(crate) fn startable(&self, id: &str) -> Result<u32, Error> {
        let t = self.active_task(id, "start")?;
        if self.is_running(t) {
            return Err(Error::state(format!(
                "cannot start task '{id}': it is already running on agent '{}'",
                self.agent_id(self.tasks[t as usize].agent)
            )));
        }
        Ok(t)
    }

    /// Starts assigned task `t` (checked by [`startable`](Self::startable)).
    pub(crate) fn begin(&mut self, t: u32) {
        self.tick();
        let agent = self.tasks[t as usize].agent;
        self.tasks[t as usize].started_at = self.time;
        self.set_status(t, TaskStatus::Running);
        self.emit(EventKind::TaskStarted, t, agent, NONE, None);
    }

    fn release(&mut self, t: u32) -> u32 {
        let a = self.tasks[t as usize].agent;
        self.tasks[t as usize].agent = NONE;
        if a != NONE {
            self.set_agent_tasks(a, |tasks| {
                if let Some(p) = tasks.iter().position(|&x| x == t) {
                    tasks.swap_remove(p);
                }
            });
        }
        a
    }

    /// Completes an assigned or running task with an optional result; dependents whose
    /// dependencies are now all complete become ready.
    pub fn complete_task(&mut self, id: &str, result: Option<&str>) -> Result<(), Error> {
        let t = self.active_task(id, "complete")?;
        if let Some(r) = result {
            validate_text("result", r, MAX_RESULT_LEN, true)?;
        }
        self.finish(t, result);
        Ok(())
    }

    /// Completes active task `t` with a validated result.
    pub(crate) fn finish(&mut self, t: u32, result: Option<&str>) {
        self.tick();
        let now = self.time;
        let a = self.release(t);
        if let Some(agent) = self.agents.get_mut(a as usize) {
            agent.completed = agent.completed.saturating_add(1);
        }
        {
            let rec = &mut self.tasks[t as usize];
            rec.result = result.map(Box::from);
            rec.error = None;
            rec.finished_at = now;
            let latency = now - rec.submitted_at;
            self.metrics.latency_sum += latency;
            if latency > self.metrics.latency_max {
                self.metrics.latency_max = latency;
            }
            let began = if rec.started_at.is_nan() {
                rec.assigned_at
            } else {
                rec.started_at
            };
            self.metrics.run_sum += now - began;
        }
        self.set_status(t, TaskStatus::Completed);
        self.emit(EventKind::TaskCompleted, t, a, NONE, None);
        let dependents = core::mem::take(&mut self.tasks[t as usize].dependents);
        for &d in &dependents {
            let rec = &mut self.tasks[d as usize];
            rec.unmet = rec.unmet.saturating_sub(1);
            if rec.unmet == 0 && rec.status == TaskStatus::Pending {
                self.make_ready(d);
            }
        }
        self.tasks[t as usize].dependents = dependents;
        self.pump();
    }

    /// Reports that an assigned or running task failed. The task goes back to the queue while
    /// its failures do not exceed its `maxRetries`; otherwise it fails for good and every task
    /// depending on it (transitively) is cancelled. Returns the task's new status (`ready`
    /// or `failed`).
    pub fn fail_task(&mut self, id: &str, error: &str) -> Result<TaskStatus, Error> {
        let t = self.active_task(id, "fail")?;
        validate_text("error", error, MAX_ERROR_LEN, true)?;
        self.tick();
        let a = self.release(t);
        if let Some(agent) = self.agents.get_mut(a as usize) {
            agent.failed = agent.failed.saturating_add(1);
        }
        let now = self.time;
        let rec = &mut self.tasks[t as usize];
        rec.failures = rec.failures.saturating_add(1);
        rec.error = Some(error.into());
        rec.started_at = f64::NAN;
        let retry = rec.failures <= rec.max_retries;
        if !retry {
            rec.finished_at = now;
        }
        let status = if retry {
            self.metrics.retries = self.metrics.retries.saturating_add(1);
            self.emit(EventKind::TaskRetried, t, a, NONE, Some(error.into()));
            self.make_ready(t);
            TaskStatus::Ready
        } else {
            self.set_status(t, TaskStatus::Failed);
            self.emit(EventKind::TaskFailed, t, a, NONE, Some(error.into()));
            self.cancel_dependents(t);
            TaskStatus::Failed
        };
        self.pump();
        Ok(status)
    }

    /// Cancels every pending task depending (transitively) on `root`, which failed or was
    /// cancelled.
    fn cancel_dependents(&mut self, root: u32) {
        let mut stack = vec![root];
        while let Some(t) = stack.pop() {
            let dependents = core::mem::take(&mut self.tasks[t as usize].dependents);
            for &d in &dependents {
                if self.tasks[d as usize].status != TaskStatus::Pending {
                    continue;
                }
                let verb = if self.tasks[t as usize].status == TaskStatus::Failed {
                    "failed"
                } else {
                    "was cancelled"
                };
                let msg: Box<str> = format!("dependency '{}' {verb}", self.task_id(t)).into();
                let now = self.time;
                let rec = &mut self.tasks[d as usize];
                rec.error = Some(msg.clone());
                rec.finished_at = now;
                self.set_status(d, TaskStatus::Cancelled);
                self.emit(EventKind::TaskCancelled, d, NONE, NONE, Some(msg));
                stack.push(d);
            }
            self.tasks[t as usize].dependents = dependents;
        }
    }

    /// Moves an assigned or running task from its agent to `to`, if the topology lets its
    /// current agent hand work to `to`, `to` has the required capabilities and a free slot.
    /// The task becomes `assigned` on `to` (a running task must be started again).
    pub fn hand_off(&mut self, task_id: &str, to_id: &str) -> Result<(), Error> {
        let t = self.active_task(task_id, "hand off")?;
        let to = self.live_agent_idx(to_id)?;
        let from = self.tasks[t as usize].agent;
        if from == to {
            return Err(Error::state(format!(
                "task '{task_id}' is already held by agent '{to_id}'"
            )));
        }
        if !self.may_hand_off(from, to) {
            return Err(Error::TopologyViolation {
                topology: self.config.topology,
                from: self.agent_id(from).into(),
                to: to_id.into(),
            });
        }
        let class = self.tasks[t as usize].class;
        let needs = &self.classes[class as usize].caps;
        if !Self::subset(needs, &self.agents[to as usize].caps) {
            let missing: Vec<u32> = needs
                .iter()
                .copied()
                .filter(|c| !self.agents[to as usize].caps.contains(c))
                .collect();
            return Err(Error::state(format!(
                "agent '{to_id}' lacks capabilities required by task '{task_id}': {}",
                self.cap_names(&missing).join(", ")
            )));
        }
        let target = &self.agents[to as usize];
        if target.load() >= target.max_concurrent {
            return Err(Error::limit(format!(
                "agent '{to_id}' already holds {} task(s), its maxConcurrent",
                target.max_concurrent
            )));
        }
        self.tick();
        self.release(t);
        let now = self.time;
        {
            let rec = &mut self.tasks[t as usize];
            rec.agent = to;
            rec.assigned_at = now;
            rec.started_at = f64::NAN;
        }
        self.set_status(t, TaskStatus::Assigned);
        self.set_agent_tasks(to, |tasks| tasks.push(t));
        self.metrics.hand_offs = self.metrics.hand_offs.saturating_add(1);
        self.emit(EventKind::TaskHandedOff, t, to, from, None);
        self.pump();
        Ok(())
    }

    // ----------------------------------------------------------------------------------------
    // Reports
    // ----------------------------------------------------------------------------------------

    pub(crate) fn agent_report(&self, a: u32) -> Agent {
        let r = &self.agents[a as usize];
        let mut tasks = r.tasks.clone();
        tasks.sort_unstable();
        Agent {
            id: r.id.to_string(),
            name: r.name.to_string(),
            role: r.role,
            capabilities: self.cap_names(&r.caps),
            cognitive_pattern: r.pattern,
            status: if r.removed {
                AgentStatus::Removed
            } else if r.tasks.is_empty() {
                AgentStatus::Idle
            } else {
                AgentStatus::Busy
            },
            load: r.load(),
            max_concurrent: r.max_concurrent,
            tasks: tasks.iter().map(|&t| self.task_id(t).to_string()).collect(),
            parent: (r.parent != NONE).then(|| self.agent_id(r.parent).to_string()),
            completed: r.completed,
            failed: r.failed,
            joined_at: r.joined_at,
        }
    }

    pub(crate) fn task_report(&self, t: u32) -> Task {
        let r = &self.tasks[t as usize];
        Task {
            id: self.task_id(t).to_string(),
            description: r.description.to_string(),
            priority: r.priority,
            required_capabilities: self
                .classes
                .get(r.class as usize)
                .map(|c| self.cap_names(&c.caps))
                .unwrap_or_default(),
            dependencies: r
                .deps
                .iter()
                .map(|&d| self.task_id(d).to_string())
                .collect(),
            status: r.status,
            attempts: r.attempts,
            failures: r.failures,
            max_retries: r.max_retries,
            agent: (r.agent != NONE).then(|| self.agent_id(r.agent).to_string()),
            result: r.result.as_deref().map(String::from),
            error: r.error.as_deref().map(String::from),
            submitted_at: r.submitted_at,
            assigned_at: opt_time(r.assigned_at),
            started_at: opt_time(r.started_at),
            finished_at: opt_time(r.finished_at),
        }
    }

    /// The agent with this id (removed agents included).
    pub fn agent(&self, id: &str) -> Result<Agent, Error> {
        Ok(self.agent_report(self.agent_idx(id)?))
    }

    /// The task with this id.
    pub fn task(&self, id: &str) -> Result<Task, Error> {
        Ok(self.task_report(self.task_idx(id)?))
    }

    /// Every agent in joining order, removed ones included when `include_removed`.
    pub fn agents(&self, include_removed: bool) -> Vec<Agent> {
        (0..self.agents.len() as u32)
            .filter(|&a| include_removed || !self.agents[a as usize].removed)
            .map(|a| self.agent_report(a))
            .collect()
    }

    /// Every task in submission order, or only those with `status`.
    pub fn tasks(&self, status: Option<TaskStatus>) -> Vec<Task> {
        (0..self.tasks.len() as u32)
            .filter(|&t| status.is_none_or(|s| self.tasks[t as usize].status == s))
            .map(|t| self.task_report(t))
            .collect()
    }

    /// Number of tasks with this status.
    pub fn count(&self, status: TaskStatus) -> u32 {
        self.counts[usize::from(status.code())]
    }

    /// The swarm's state at a glance.
    pub fn status(&self) -> SwarmStatus {
        let c = |s: TaskStatus| self.count(s);
        let m = &self.metrics;
        let elapsed = self.time - m.start_time;
        let completed = c(TaskStatus::Completed);
        let div = |a: f64, b: f64| if b > 0.0 { a / b } else { 0.0 };
        let live = self.live.len() as u32;
        SwarmStatus {
            id: self.id.to_string(),
            name: self.name.to_string(),
            topology: self.config.topology,
            strategy: self.config.strategy,
            clock: self.config.clock,
            time: self.time,
            hub: (self.config.topology == Topology::Star)
                .then(|| self.live.first().map(|&a| self.agent_id(a).to_string()))
                .flatten(),
            root: (self.config.topology == Topology::Hierarchical)
                .then(|| {
                    self.live
                        .iter()
                        .find(|&&a| self.agents[a as usize].parent == NONE)
                        .map(|&a| self.agent_id(a).to_string())
                })
                .flatten(),
            agents: AgentCounts {
                live,
                idle: live - self.busy,
                busy: self.busy,
                removed: self.agents.len() as u32 - live,
                max_agents: self.config.max_agents,
                capacity: self.total_capacity,
                load: self.total_load,
            },
            tasks: TaskCounts {
                total: self.tasks.len() as u32,
                pending: c(TaskStatus::Pending),
                ready: c(TaskStatus::Ready),
                assigned: c(TaskStatus::Assigned),
                running: c(TaskStatus::Running),
                completed,
                failed: c(TaskStatus::Failed),
                cancelled: c(TaskStatus::Cancelled),
            },
            metrics: SwarmMetrics {
                elapsed,
                throughput: div(f64::from(completed), elapsed),
                queue_length: c(TaskStatus::Ready),
                average_latency: div(m.latency_sum, f64::from(completed)),
                max_latency: m.latency_max,
                average_wait: div(m.wait_sum, m.assignments as f64),
                average_run_time: div(m.run_sum, f64::from(completed)),
                utilization: div(self.total_load as f64, self.total_capacity as f64),
                average_utilization: div(m.load_integral, m.capacity_integral),
                assignments: m.assignments,
                retries: m.retries,
                requeues: m.requeues,
                hand_offs: m.hand_offs,
            },
            events: EventLogStatus {
                first_seq: self.events.first_seq,
                next_seq: self.events.next_seq(),
                capacity: self.config.event_log_capacity,
            },
        }
    }
}
