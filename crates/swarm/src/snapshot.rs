//! `snapshot()` / `restore()`: the whole swarm state as compact, versioned bytes.
//!
//! # Format (version 1)
//! ```text
//! magic "RUVSWARM" (8 bytes) | format version (u16 LE) | body | FNV-1a-64 of all previous bytes (u64 LE)
//! ```
//! The body uses unsigned LEB128 varints for integers, little-endian IEEE-754 for `f64`
//! (`NaN` = unset time), varint-length-prefixed UTF-8 for strings, `0`/`n+1` varints for
//! optional indices and a `0`/`1` byte before optional strings. It stores the configuration,
//! the clock, the generator state, counters, metric sums, every agent, every task and the
//! retained events; indexes (queues, free sets, the tree's child lists, loads) are rebuilt on
//! restore, and the result must pass [`Swarm::check_invariants`]. Any malformed, truncated,
//! inconsistent or tampered input is an [`Error::Corrupt`], never a panic.

use alloc::boxed::Box;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use core::cmp::Reverse;

use ruv_core::validate::{
    validate_capability, validate_id, validate_text, MAX_CAPABILITIES, MAX_CONCURRENT_LIMIT,
    MAX_DEPENDENCIES, MAX_DESCRIPTION_LEN, MAX_ERROR_LEN, MAX_NAME_LEN, MAX_RESULT_LEN,
    MAX_RETRIES_LIMIT,
};
use ruv_core::{
    AgentRole, ClockMode, CognitivePattern, Error, Strategy, SwarmConfig, TaskPriority, TaskStatus,
    Topology,
};

use crate::events::{Event, EventKind};
use crate::rng::SplitMix64;
use crate::swarm::{AgentRec, ReadyKey, SlotKey, Swarm, TaskRec, MAX_TASKS, NONE};

/// First bytes of every snapshot.
pub const MAGIC: &[u8; 8] = b"RUVSWARM";
/// Version of the format written by [`Swarm::snapshot`].
pub const FORMAT_VERSION: u16 = 1;
/// Largest counter value accepted on restore (2^53, the largest exact JavaScript integer).
const MAX_COUNTER: u64 = 1 << 53;

fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

struct Writer {
    out: Vec<u8>,
}

impl Writer {
    fn u8(&mut self, v: u8) {
        self.out.push(v);
    }

    fn var(&mut self, mut v: u64) {
        loop {
            let byte = (v & 0x7f) as u8;
            v >>= 7;
            if v == 0 {
                self.out.push(byte);
                return;
            }
            self.out.push(byte | 0x80);
        }
    }

    fn f64(&mut self, v: f64) {
        self.out.extend_from_slice(&v.to_bits().to_le_bytes());
    }

    fn str(&mut self, s: &str) {
        self.var(s.len() as u64);
        self.out.extend_from_slice(s.as_bytes());
    }

    fn idx(&mut self, i: u32) {
        self.var(if i == NONE { 0 } else { u64::from(i) + 1 });
    }

    fn opt_str(&mut self, s: Option<&str>) {
        match s {
            None => self.u8(0),
            Some(s) => {
                self.u8(1);
                self.str(s);
            }
        }
    }
}

struct Reader<'a> {
    data: &'a [u8],
    pos: usize,
}

fn corrupt(msg: impl Into<String>) -> Error {
    Error::corrupt(msg)
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize, what: &str) -> Result<&'a [u8], Error> {
        let end = self
            .pos
            .checked_add(n)
            .filter(|&e| e <= self.data.len())
            .ok_or_else(|| corrupt(format!("truncated while reading {what}")))?;
        let s = self.data.get(self.pos..end).unwrap_or_default();
        self.pos = end;
        Ok(s)
    }

    fn u8(&mut self, what: &str) -> Result<u8, Error> {
        Ok(self.take(1, what)?.first().copied().unwrap_or(0))
    }

    fn var(&mut self, what: &str) -> Result<u64, Error> {
        let mut v: u64 = 0;
        for shift in (0..64).step_by(7) {
            let b = self.u8(what)?;
            let bits = u64::from(b & 0x7f);
            if shift == 63 && bits > 1 {
                return Err(corrupt(format!("{what} overflows 64 bits")));
            }
            v |= bits << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(corrupt(format!("{what} is an over-long varint")))
    }

    /// A counter: at most 2^53, so it stays exact in JavaScript and cannot overflow.
    fn counter(&mut self, what: &str) -> Result<u64, Error> {
        let v = self.var(what)?;
        if v > MAX_COUNTER {
            return Err(corrupt(format!("{what} ({v}) is out of range")));
        }
        Ok(v)
    }

    fn u32(&mut self, what: &str) -> Result<u32, Error> {
        u32::try_from(self.var(what)?).map_err(|_| corrupt(format!("{what} is out of range")))
    }

    /// A count of items each taking at least one byte: bounded by the bytes left and `max`.
    fn count(&mut self, what: &str, max: usize) -> Result<usize, Error> {
        let n = self.var(what)?;
        let left = (self.data.len() - self.pos) as u64;
        if n > left || n > max as u64 {
            return Err(corrupt(format!("{what} ({n}) is impossible here")));
        }
        Ok(n as usize)
    }

    fn f64(&mut self, what: &str) -> Result<f64, Error> {
        let b = self.take(8, what)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(b);
        Ok(f64::from_bits(u64::from_le_bytes(a)))
    }

    fn time(&mut self, what: &str, optional: bool) -> Result<f64, Error> {
        let t = self.f64(what)?;
        if (optional && t.is_nan()) || (t.is_finite() && t >= 0.0) {
            Ok(t)
        } else {
            Err(corrupt(format!("{what} is {t}")))
        }
    }

    fn str(&mut self, what: &str, max: usize) -> Result<&'a str, Error> {
        let n = self.count(what, max)?;
        let b = self.take(n, what)?;
        core::str::from_utf8(b).map_err(|_| corrupt(format!("{what} is not UTF-8")))
    }

    fn opt_str(&mut self, what: &str, max: usize) -> Result<Option<&'a str>, Error> {
        match self.u8(what)? {
            0 => Ok(None),
            1 => Ok(Some(self.str(what, max)?)),
            b => Err(corrupt(format!("{what} has option tag {b}"))),
        }
    }

    /// An optional index below `len`.
    fn idx(&mut self, what: &str, len: usize) -> Result<u32, Error> {
        match self.var(what)? {
            0 => Ok(NONE),
            v if v - 1 < len as u64 => Ok((v - 1) as u32),
            v => Err(corrupt(format!("{what} #{} does not exist", v - 1))),
        }
    }

    fn code<T>(&mut self, what: &str, f: impl Fn(u8) -> Option<T>) -> Result<T, Error> {
        let b = self.u8(what)?;
        f(b).ok_or_else(|| corrupt(format!("{what} has unknown code {b}")))
    }
}

fn check(r: Result<(), Error>, context: &str) -> Result<(), Error> {
    r.map_err(|e| corrupt(format!("{context}: {e}")))
}

impl Swarm {
    /// The whole swarm state as bytes (see the [module documentation](self) for the format).
    pub fn snapshot(&self) -> Vec<u8> {
        let mut w = Writer {
            out: Vec::with_capacity(64 + self.tasks.len() * 48),
        };
        w.out.extend_from_slice(MAGIC);
        w.out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        let c = &self.config;
        w.str(&self.id);
        w.str(&self.name);
        w.u8(c.topology.code());
        w.u8(c.strategy.code());
        w.u8(c.clock.code());
        w.var(u64::from(c.max_agents));
        w.var(u64::from(c.max_concurrent_per_agent));
        w.var(u64::from(c.max_retries));
        w.var(u64::from(c.event_log_capacity));
        w.var(u64::from(c.hierarchy_fanout));
        w.out.extend_from_slice(&c.seed.to_le_bytes());

        w.f64(self.time);
        w.out.extend_from_slice(&self.rng.state().to_le_bytes());
        w.idx(self.rr_cursor);
        w.var(self.next_agent_no);
        w.var(self.next_task_no);
        w.var(u64::from(self.parent_cursor));
        let m = &self.metrics;
        for v in [
            m.start_time,
            m.latency_sum,
            m.latency_max,
            m.wait_sum,
            m.run_sum,
            m.load_integral,
            m.capacity_integral,
        ] {
            w.f64(v);
        }
        for v in [m.assignments, m.retries, m.requeues, m.hand_offs] {
            w.var(v);
        }

        w.var(self.agents.len() as u64);
        for r in &self.agents {
            w.str(&r.id);
            w.str(&r.name);
            w.u8(r.role.code());
            w.u8(r.pattern.code());
            let caps = self.cap_names(&r.caps);
            w.var(caps.len() as u64);
            for cap in &caps {
                w.str(cap);
            }
            w.var(u64::from(r.max_concurrent));
            w.u8(u8::from(r.removed));
            w.idx(r.parent);
            w.f64(r.joined_at);
            w.f64(r.left_at);
            w.var(r.completed);
            w.var(r.failed);
        }

        w.var(self.tasks.len() as u64);
        for (t, r) in self.tasks.iter().enumerate() {
            w.str(self.task_id(t as u32));
            w.str(&r.description);
            w.u8(r.priority.code());
            w.u8(r.status.code());
            let caps = self
                .classes
                .get(r.class as usize)
                .map(|c| self.cap_names(&c.caps))
                .unwrap_or_default();
            w.var(caps.len() as u64);
            for cap in &caps {
                w.str(cap);
            }
            w.var(r.deps.len() as u64);
            for &d in r.deps.iter() {
                w.var(u64::from(d));
            }
            w.var(u64::from(r.attempts));
            w.var(u64::from(r.failures));
            w.var(u64::from(r.max_retries));
            w.idx(r.agent);
            w.opt_str(r.result.as_deref());
            w.opt_str(r.error.as_deref());
            for t in [
                r.submitted_at,
                r.ready_at,
                r.assigned_at,
                r.started_at,
                r.finished_at,
            ] {
                w.f64(t);
            }
        }

        w.var(self.events.first_seq);
        w.var(self.events.events.len() as u64);
        for e in &self.events.events {
            w.f64(e.time);
            w.u8(e.kind.code());
            w.idx(e.task);
            w.idx(e.agent);
            w.idx(e.from);
            w.opt_str(e.detail.as_deref());
        }
        let sum = fnv1a(&w.out);
        w.out.extend_from_slice(&sum.to_le_bytes());
        w.out
    }

    /// Rebuilds a swarm from [`snapshot`](Self::snapshot) bytes, validating everything.
    pub fn restore(bytes: &[u8]) -> Result<Swarm, Error> {
        if bytes.len() < MAGIC.len() + 2 + 8 {
            return Err(corrupt(format!(
                "{} bytes is too short for a swarm snapshot",
                bytes.len()
            )));
        }
        let (payload, sum) = bytes.split_at(bytes.len() - 8);
        if payload.get(..MAGIC.len()) != Some(&MAGIC[..]) {
            return Err(corrupt("not a swarm snapshot (bad magic bytes)"));
        }
        let version = u16::from_le_bytes([payload[8], payload[9]]);
        if version != FORMAT_VERSION {
            return Err(corrupt(format!(
                "format version {version} is not supported (this build reads version {FORMAT_VERSION})"
            )));
        }
        let mut expected = [0u8; 8];
        expected.copy_from_slice(sum);
        if fnv1a(payload) != u64::from_le_bytes(expected) {
            return Err(corrupt(
                "checksum mismatch (the bytes were altered or truncated)",
            ));
        }
        let mut r = Reader {
            data: payload,
            pos: MAGIC.len() + 2,
        };
        let swarm = Self::decode(&mut r)?;
        if r.pos != payload.len() {
            return Err(corrupt(format!(
                "{} unexpected trailing bytes",
                payload.len() - r.pos
            )));
        }
        swarm
            .check_invariants()
            .map_err(|e| corrupt(format!("inconsistent state: {e}")))?;
        Ok(swarm)
    }

    fn decode(r: &mut Reader<'_>) -> Result<Swarm, Error> {
        let id = r.str("swarm id", 1 << 10)?;
        check(validate_id("swarm id", id), "swarm")?;
        let name = r.str("swarm name", MAX_NAME_LEN)?;
        let topology = r.code("topology", Topology::from_code)?;
        let strategy = r.code("strategy", Strategy::from_code)?;
        let clock = r.code("clock", ClockMode::from_code)?;
        let max_agents = r.u32("maxAgents")?;
        let max_concurrent_per_agent = r.u32("maxConcurrentPerAgent")?;
        let max_retries = r.u32("maxRetries")?;
        let event_log_capacity = r.u32("eventLogCapacity")?;
        let hierarchy_fanout = r.u32("hierarchyFanout")?;
        let mut seed = [0u8; 8];
        seed.copy_from_slice(r.take(8, "seed")?);
        let config = SwarmConfig {
            id: Some(id.into()),
            name: Some(name.into()),
            topology,
            strategy,
            max_agents,
            max_concurrent_per_agent,
            max_retries,
            event_log_capacity,
            hierarchy_fanout,
            seed: u64::from_le_bytes(seed),
            clock,
        };
        let config = config
            .normalized()
            .map_err(|e| corrupt(format!("configuration: {e}")))?;
        let mut s = Swarm::empty(config, id.into(), name.into());

        s.time = r.time("time", false)?;
        let mut state = [0u8; 8];
        state.copy_from_slice(r.take(8, "generator state")?);
        s.rng = SplitMix64::new(u64::from_le_bytes(state));
        let rr_cursor = r.var("round-robin cursor")?;
        s.next_agent_no = r.counter("agent counter")?;
        s.next_task_no = r.counter("task counter")?;
        let parent_cursor = r.u32("parent cursor")?;
        let mut sums = [0.0f64; 7];
        for v in sums.iter_mut() {
            *v = r.time("metric sum", false)?;
        }
        let [start_time, latency_sum, latency_max, wait_sum, run_sum, load_integral, capacity_integral] =
            sums;
        s.metrics.start_time = start_time;
        s.metrics.latency_sum = latency_sum;
        s.metrics.latency_max = latency_max;
        s.metrics.wait_sum = wait_sum;
        s.metrics.run_sum = run_sum;
        s.metrics.load_integral = load_integral;
        s.metrics.capacity_integral = capacity_integral;
        s.metrics.assignments = r.counter("assignments")?;
        s.metrics.retries = r.counter("retries")?;
        s.metrics.requeues = r.counter("requeues")?;
        s.metrics.hand_offs = r.counter("hand-offs")?;

        // Agents.
        let n_agents = r.count("agent count", NONE as usize - 1)?;
        for a in 0..n_agents {
            let id = r.str("agent id", 1 << 10)?;
            check(validate_id("agent id", id), "agent")?;
            let name = r.str("agent name", MAX_NAME_LEN)?;
            check(
                validate_text("agent name", name, MAX_NAME_LEN, false),
                "agent",
            )?;
            let role = r.code("agent role", AgentRole::from_code)?;
            let pattern = r.code("cognitive pattern", CognitivePattern::from_code)?;
            let n_caps = r.count("capability count", MAX_CAPABILITIES)?;
            let mut caps = Vec::with_capacity(n_caps);
            for _ in 0..n_caps {
                let cap = r.str("capability", 1 << 10)?;
                check(validate_capability("capability", cap), "agent")?;
                caps.push(String::from(cap));
            }
            let caps = s.intern_caps(&caps);
            let max_concurrent = r.u32("maxConcurrent")?;
            if !(1..=MAX_CONCURRENT_LIMIT).contains(&max_concurrent) {
                return Err(corrupt(format!(
                    "agent '{id}' has maxConcurrent {max_concurrent}"
                )));
            }
            let removed = match r.u8("removed flag")? {
                0 => false,
                1 => true,
                b => return Err(corrupt(format!("removed flag {b}"))),
            };
            let parent = r.idx("parent agent", a)?;
            let joined_at = r.time("joinedAt", false)?;
            let left_at = r.time("leftAt", true)?;
            let completed = r.counter("completed count")?;
            let failed = r.counter("failed count")?;
            if s.find_agent(id).is_some() {
                return Err(corrupt(format!("duplicate agent id '{id}'")));
            }
            if parent != NONE && (removed || topology != Topology::Hierarchical) {
                return Err(corrupt(format!("agent '{id}' has a parent it cannot have")));
            }
            s.agents.push(AgentRec {
                id: id.into(),
                name: name.into(),
                role,
                pattern,
                caps,
                max_concurrent,
                removed,
                parent,
                joined_at,
                left_at,
                completed,
                failed,
                tasks: Vec::new(),
                children: Vec::new(),
                classes: Vec::new(),
                slots: Vec::new(),
                key: SlotKey {
                    spec: 0,
                    load: 0,
                    cap: 1,
                    agent: a as u32,
                },
            });
            s.agent_index.insert(id, a as u32);
            if !removed {
                s.live.insert(a as u32);
                s.total_capacity += u64::from(max_concurrent);
                if parent != NONE {
                    match s.agents.get_mut(parent as usize) {
                        Some(p) if !p.removed => p.children.push(a as u32),
                        _ => return Err(corrupt(format!("agent '{id}' has a removed parent"))),
                    }
                }
            }
        }
        s.rr_cursor = match rr_cursor {
            0 => NONE,
            v if v - 1 < n_agents as u64 => (v - 1) as u32,
            _ => return Err(corrupt("round-robin cursor names no agent")),
        };
        s.parent_cursor = parent_cursor.min(n_agents as u32);

        // Tasks.
        let n_tasks = r.count("task count", MAX_TASKS)?;
        let mut task_caps: Vec<Box<[u32]>> = Vec::with_capacity(n_tasks);
        for t in 0..n_tasks {
            let id = r.str("task id", 1 << 10)?;
            check(validate_id("task id", id), "task")?;
            let description = r.str("description", MAX_DESCRIPTION_LEN)?;
            let priority = r.code("priority", TaskPriority::from_code)?;
            let status = r.code("task status", TaskStatus::from_code)?;
            let n_caps = r.count("capability count", MAX_CAPABILITIES)?;
            let mut caps = Vec::with_capacity(n_caps);
            for _ in 0..n_caps {
                let cap = r.str("capability", 1 << 10)?;
                check(validate_capability("capability", cap), "task")?;
                caps.push(String::from(cap));
            }
            task_caps.push(s.intern_caps(&caps));
            let n_deps = r.count("dependency count", MAX_DEPENDENCIES)?;
            let mut deps = Vec::with_capacity(n_deps);
            for _ in 0..n_deps {
                let d = r.var("dependency")?;
                if d >= t as u64 {
                    return Err(corrupt(format!(
                        "task '{id}' depends on task #{d}, which is not an earlier task"
                    )));
                }
                deps.push(d as u32);
            }
            let attempts = r.u32("attempts")?;
            let failures = r.u32("failures")?;
            let max_retries = r.u32("maxRetries")?;
            if max_retries > MAX_RETRIES_LIMIT {
                return Err(corrupt(format!("task '{id}' has maxRetries {max_retries}")));
            }
            let agent = r.idx("task agent", n_agents)?;
            let result = r.opt_str("result", MAX_RESULT_LEN)?;
            let error = r.opt_str("error", MAX_ERROR_LEN)?;
            let submitted_at = r.time("submittedAt", false)?;
            let ready_at = r.time("readyAt", true)?;
            let assigned_at = r.time("assignedAt", true)?;
            let started_at = r.time("startedAt", true)?;
            let finished_at = r.time("finishedAt", true)?;
            if s.find_task(id).is_some() {
                return Err(corrupt(format!("duplicate task id '{id}'")));
            }
            if agent != NONE {
                let Some(holder) = s.agents.get_mut(agent as usize) else {
                    return Err(corrupt(format!("task '{id}' names an unknown agent")));
                };
                if holder.removed || !status.is_active() {
                    return Err(corrupt(format!(
                        "task '{id}' is {status} but held by agent '{}'",
                        holder.id
                    )));
                }
                if holder.tasks.len() >= holder.max_concurrent as usize {
                    return Err(corrupt(format!(
                        "agent '{}' holds more tasks than its limit",
                        holder.id
                    )));
                }
                holder.tasks.push(t as u32);
            } else if status.is_active() {
                return Err(corrupt(format!("task '{id}' is {status} without an agent")));
            }
            let mut unmet = 0;
            for &d in &deps {
                let dep = &mut s.tasks[d as usize];
                dep.dependents.push(t as u32);
                if dep.status != TaskStatus::Completed {
                    unmet += 1;
                }
            }
            s.counts[usize::from(status.code())] += 1;
            s.task_ids.push(id);
            s.tasks.push(TaskRec {
                description: description.into(),
                priority,
                status,
                class: 0,
                deps: deps.into_boxed_slice(),
                attempts,
                failures,
                max_retries,
                agent,
                result: result.map(Box::from),
                error: error.map(Box::from),
                submitted_at,
                ready_at,
                assigned_at,
                started_at,
                finished_at,
                dependents: Vec::new(),
                unmet,
            });
            s.task_index.insert(id, t as u32);
        }

        // Derived agent state, then classes (which read agents' slots), then the ready queue.
        for a in 0..s.agents.len() as u32 {
            let key = s.slot_key(a);
            let rec = &mut s.agents[a as usize];
            rec.key = key;
            if !rec.removed {
                rec.children.sort_unstable();
                let load = rec.load();
                s.total_load += u64::from(load);
                if load > 0 {
                    s.busy += 1;
                }
            }
        }
        for (t, caps) in task_caps.into_iter().enumerate() {
            let class = s.class_for(caps);
            let rec = &mut s.tasks[t];
            rec.class = class;
            if rec.status == TaskStatus::Ready {
                let key = ReadyKey::new(rec.priority, t as u32);
                s.classes[class as usize].ready.push(Reverse(key));
            }
        }
        for c in 0..s.classes.len() as u32 {
            s.refresh_class(c);
        }

        // Events.
        s.events.first_seq = r.counter("first event sequence number")?;
        let n_events = r.count("event count", event_log_capacity as usize)?;
        for _ in 0..n_events {
            let time = r.time("event time", false)?;
            let kind = r.code("event kind", EventKind::from_code)?;
            let task = r.idx("event task", n_tasks)?;
            let agent = r.idx("event agent", n_agents)?;
            let from = r.idx("event source agent", n_agents)?;
            let detail = r.opt_str("event detail", MAX_ERROR_LEN)?;
            s.events.events.push_back(Event {
                time,
                kind,
                task,
                agent,
                from,
                detail: detail.map(Box::from),
            });
        }
        Ok(s)
    }
}
