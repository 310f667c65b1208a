//! A full consistency check of a swarm's state. Tests run it after every operation; `restore`
//! runs it on every decoded snapshot. It never panics, whatever the state.

use alloc::collections::{BTreeMap, BTreeSet};
use alloc::format;
use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;

use ruv_core::{TaskStatus, Topology};

use crate::free::MinTree;
use crate::swarm::{ReadyKey, Swarm, NONE};

macro_rules! ensure {
    ($cond:expr, $($msg:tt)+) => {
        if !$cond {
            return Err(format!($($msg)+));
        }
    };
}

impl Swarm {
    /// Verifies every invariant of the swarm's state:
    /// - every assigned or running task is held by exactly one live agent, which lists it;
    ///   no other task is held by anyone (nothing assigned twice);
    /// - agents hold at most `maxConcurrent` tasks and the swarm has at most `maxAgents` live
    ///   agents;
    /// - every task is accounted for in exactly one status; ready tasks are in the ready queue
    ///   exactly once; pending tasks have an incomplete dependency and no failed one; tasks past
    ///   `ready` have all dependencies completed; cancelled tasks have a failed or cancelled
    ///   dependency (no task lost, dependencies respected);
    /// - no ready task could be assigned to a free agent right now (the scheduler is idle);
    /// - every index (capability classes, free sets, candidates, counters, the hierarchy, the
    ///   event log) matches the records.
    ///
    /// Returns a description of the first violation found.
    pub fn check_invariants(&self) -> Result<(), String> {
        self.check_agents()?;
        self.check_tasks()?;
        self.check_classes()?;
        self.check_events()?;
        Ok(())
    }

    fn check_agents(&self) -> Result<(), String> {
        let n = self.agents.len();
        ensure!(
            self.agent_index.len() == n,
            "agent index has {} entries for {n} agents",
            self.agent_index.len()
        );
        let mut live = BTreeSet::new();
        let (mut busy, mut load, mut capacity) = (0u32, 0u64, 0u64);
        let mut roots = 0;
        for (i, r) in self.agents.iter().enumerate() {
            let a = i as u32;
            ensure!(
                self.find_agent(&r.id) == Some(a),
                "agent '{}' is not indexed",
                r.id
            );
            ensure!(
                r.max_concurrent >= 1,
                "agent '{}' has maxConcurrent 0",
                r.id
            );
            if r.removed {
                ensure!(
                    r.tasks.is_empty() && r.classes.is_empty(),
                    "removed agent '{}' still holds tasks or classes",
                    r.id
                );
                ensure!(
                    r.parent == NONE && r.children.is_empty(),
                    "removed agent '{}' is still in the hierarchy",
                    r.id
                );
                continue;
            }
            live.insert(a);
            ensure!(
                r.load() <= r.max_concurrent,
                "agent '{}' holds {} tasks, over its limit {}",
                r.id,
                r.load(),
                r.max_concurrent
            );
            let mut held = r.tasks.clone();
            held.sort_unstable();
            held.dedup();
            ensure!(
                held.len() == r.tasks.len(),
                "agent '{}' lists a task twice",
                r.id
            );
            for &t in &r.tasks {
                let Some(task) = self.tasks.get(t as usize) else {
                    return Err(format!("agent '{}' holds unknown task #{t}", r.id));
                };
                ensure!(
                    task.agent == a && task.status.is_active(),
                    "agent '{}' lists task '{}' which is {} on agent #{}",
                    r.id,
                    self.task_id(t),
                    task.status,
                    task.agent
                );
            }
            if r.load() > 0 {
                busy += 1;
            }
            load += u64::from(r.load());
            capacity += u64::from(r.max_concurrent);
            let key = self.slot_key(a);
            ensure!(
                key.spec == r.key.spec
                    && key.load == r.key.load
                    && key.cap == r.key.cap
                    && key.agent == a,
                "agent '{}' has a stale slot key",
                r.id
            );
            let mut expected: Vec<u32> = self
                .classes
                .iter()
                .enumerate()
                .filter(|(_, c)| {
                    let mut have = r.caps.iter();
                    c.caps.iter().all(|x| have.by_ref().any(|h| h == x))
                })
                .map(|(c, _)| c as u32)
                .collect();
            let mut listed = r.classes.clone();
            listed.sort_unstable();
            expected.sort_unstable();
            ensure!(
                listed == expected,
                "agent '{}' is in classes {listed:?}, expected {expected:?}",
                r.id
            );
            ensure!(
                r.slots.len() == r.classes.len(),
                "agent '{}' has {} class positions for {} classes",
                r.id,
                r.slots.len(),
                r.classes.len()
            );
            for (&c, &pos) in r.classes.iter().zip(&r.slots) {
                let Some(class) = self.classes.get(c as usize) else {
                    return Err(format!("agent '{}' lists unknown class {c}", r.id));
                };
                let entry = class.free.member(pos);
                let want = r.has_slot().then(|| r.key.packed());
                ensure!(
                    entry == Some((a, want)),
                    "agent '{}' free-slot entry of class {c} is wrong",
                    r.id
                );
            }
            if self.config.topology == Topology::Hierarchical {
                if r.parent == NONE {
                    roots += 1;
                } else {
                    let Some(p) = self.agents.get(r.parent as usize) else {
                        return Err(format!("agent '{}' has an unknown parent", r.id));
                    };
                    ensure!(
                        r.parent < a && !p.removed && p.children.binary_search(&a).is_ok(),
                        "agent '{}' and its parent '{}' disagree",
                        r.id,
                        p.id
                    );
                }
                ensure!(
                    r.children.windows(2).all(|w| w[0] < w[1]),
                    "children of agent '{}' are not sorted",
                    r.id
                );
                for &k in &r.children {
                    ensure!(
                        self.agents.get(k as usize).map(|c| c.parent) == Some(a),
                        "child #{k} of agent '{}' names another parent",
                        r.id
                    );
                }
            } else {
                ensure!(
                    r.parent == NONE && r.children.is_empty(),
                    "agent '{}' has a parent outside a hierarchical swarm",
                    r.id
                );
            }
        }
        ensure!(live == self.live, "live agent set is stale");
        ensure!(
            live.len() <= self.config.max_agents as usize,
            "{} live agents exceed maxAgents {}",
            live.len(),
            self.config.max_agents
        );
        if self.config.topology == Topology::Hierarchical && !live.is_empty() {
            ensure!(roots == 1, "the hierarchy has {roots} roots");
        }
        ensure!(
            busy == self.busy && load == self.total_load && capacity == self.total_capacity,
            "agent counters are stale (busy {busy}/{}, load {load}/{}, capacity {capacity}/{})",
            self.busy,
            self.total_load,
            self.total_capacity
        );
        Ok(())
    }

    fn check_tasks(&self) -> Result<(), String> {
        let n = self.tasks.len();
        ensure!(
            self.task_index.len() == n,
            "task index has {} entries for {n} tasks",
            self.task_index.len()
        );
        let mut counts = [0u32; 7];
        let mut dependents_expected = vec![0usize; n];
        ensure!(
            self.task_ids.len() == n,
            "{} task ids for {n} tasks",
            self.task_ids.len()
        );
        for (i, r) in self.tasks.iter().enumerate() {
            let t = i as u32;
            let id = self.task_id(t);
            ensure!(
                self.find_task(id) == Some(t),
                "task '{}' is not indexed",
                id
            );
            ensure!(
                (r.class as usize) < self.classes.len(),
                "task '{}' has an unknown class",
                id
            );
            counts[usize::from(r.status.code())] += 1;
            let mut unmet = 0;
            let mut broken = false;
            for &d in r.deps.iter() {
                ensure!(d < t, "task '{}' depends on a later task #{d}", id);
                let Some(dep) = self.tasks.get(d as usize) else {
                    return Err(format!("task '{}' depends on unknown task #{d}", id));
                };
                if let Some(slot) = dependents_expected.get_mut(d as usize) {
                    *slot += 1;
                }
                ensure!(
                    dep.dependents.contains(&t),
                    "task '{}' is missing from the dependents of '{}'",
                    id,
                    self.task_id(d)
                );
                if dep.status != TaskStatus::Completed {
                    unmet += 1;
                }
                if matches!(dep.status, TaskStatus::Failed | TaskStatus::Cancelled) {
                    broken = true;
                }
            }
            ensure!(
                unmet == r.unmet,
                "task '{}' counts {} unmet dependencies, actually {unmet}",
                id,
                r.unmet
            );
            let held = r.agent != NONE;
            match r.status {
                TaskStatus::Pending => ensure!(
                    unmet > 0 && !broken && !held,
                    "pending task '{}' is inconsistent (unmet {unmet}, broken {broken})",
                    id
                ),
                TaskStatus::Ready | TaskStatus::Completed => ensure!(
                    unmet == 0 && !held,
                    "{} task '{}' has unmet dependencies or an agent",
                    r.status,
                    id
                ),
                TaskStatus::Assigned | TaskStatus::Running => {
                    ensure!(
                        unmet == 0,
                        "task '{}' was assigned before its dependencies completed",
                        id
                    );
                    let Some(agent) = self.agents.get(r.agent as usize) else {
                        return Err(format!("{} task '{}' has no agent", r.status, id));
                    };
                    ensure!(
                        !agent.removed && agent.tasks.contains(&t),
                        "task '{}' is not listed by its agent '{}'",
                        id,
                        agent.id
                    );
                }
                TaskStatus::Failed => ensure!(
                    !held && unmet == 0 && r.failures > r.max_retries,
                    "failed task '{}' is inconsistent",
                    id
                ),
                TaskStatus::Cancelled => ensure!(
                    !held && broken,
                    "cancelled task '{}' has no failed or cancelled dependency",
                    id
                ),
            }
            if r.status != TaskStatus::Failed {
                ensure!(
                    r.failures <= r.max_retries,
                    "task '{}' failed {} times but is {}",
                    id,
                    r.failures,
                    r.status
                );
            }
            if r.status == TaskStatus::Running {
                ensure!(
                    !r.started_at.is_nan(),
                    "running task '{}' has no start time",
                    id
                );
            }
        }
        for (i, r) in self.tasks.iter().enumerate() {
            ensure!(
                dependents_expected.get(i) == Some(&r.dependents.len()),
                "task '{}' has stale dependents",
                self.task_id(i as u32)
            );
        }
        ensure!(
            counts == self.counts,
            "status counters {:?} differ from {counts:?}",
            self.counts
        );
        Ok(())
    }

    fn check_classes(&self) -> Result<(), String> {
        ensure!(
            self.class_index.len() == self.classes.len(),
            "class index is stale"
        );
        ensure!(
            self.cap_index.len() == self.caps.len(),
            "capability index is stale"
        );
        for (i, cap) in self.caps.iter().enumerate() {
            ensure!(
                self.find_cap(cap) == Some(i as u32),
                "capability '{cap}' is not indexed"
            );
        }
        let mut ready_seen: BTreeMap<u32, u32> = BTreeMap::new();
        self.candidates
            .check()
            .map_err(|e| format!("candidates: {e}"))?;
        ensure!(
            self.candidates.len() == self.classes.len(),
            "candidates cover {} classes of {}",
            self.candidates.len(),
            self.classes.len()
        );
        for (c, class) in self.classes.iter().enumerate() {
            let c = c as u32;
            ensure!(
                self.find_class(&class.caps) == Some(c),
                "class {c} is not indexed"
            );
            ensure!(
                class.caps.windows(2).all(|w| w[0] < w[1])
                    && class.caps.iter().all(|&x| (x as usize) < self.caps.len()),
                "class {c} has malformed capabilities"
            );
            class.free.check().map_err(|e| format!("class {c}: {e}"))?;
            for a in class.free.iter_free() {
                let Some(agent) = self.agents.get(a as usize) else {
                    return Err(format!("class {c} lists unknown agent #{a}"));
                };
                ensure!(
                    agent.has_slot() && agent.classes.contains(&c),
                    "class {c} lists agent '{}' without a free slot",
                    agent.id
                );
            }
            for entry in class.ready.iter() {
                let t = entry.0.task;
                let Some(task) = self.tasks.get(t as usize) else {
                    return Err(format!("class {c} queues unknown task #{t}"));
                };
                ensure!(
                    task.status == TaskStatus::Ready
                        && task.class == c
                        && entry.0 == ReadyKey::new(task.priority, t),
                    "class {c} queues task '{}' which is {}",
                    self.task_id(t),
                    task.status
                );
                *ready_seen.entry(t).or_insert(0) += 1;
            }
            let want = if class.free.is_empty() {
                None
            } else {
                class.ready.peek().map(|r| r.0)
            };
            ensure!(want == class.cand, "class {c} has a stale candidate");
            ensure!(
                self.candidates.get(c) == want.map_or(MinTree::EMPTY, |k| k.packed()),
                "class {c}'s candidate entry is stale"
            );
        }
        let ready = self.counts[usize::from(TaskStatus::Ready.code())] as usize;
        ensure!(
            ready_seen.len() == ready && ready_seen.values().all(|&k| k == 1),
            "the ready queue holds {} distinct tasks for {ready} ready tasks (or duplicates)",
            ready_seen.len()
        );
        ensure!(
            self.candidates.min() == MinTree::EMPTY,
            "a ready task could be assigned to a free agent but is not"
        );
        Ok(())
    }

    fn check_events(&self) -> Result<(), String> {
        ensure!(
            self.events.events.len() <= self.events.capacity,
            "event log exceeds its capacity"
        );
        for e in &self.events.events {
            ensure!(
                e.task == NONE || (e.task as usize) < self.tasks.len(),
                "event names unknown task #{}",
                e.task
            );
            for a in [e.agent, e.from] {
                ensure!(
                    a == NONE || (a as usize) < self.agents.len(),
                    "event names unknown agent #{a}"
                );
            }
        }
        Ok(())
    }
}
