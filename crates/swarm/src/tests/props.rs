//! Property tests: random operation sequences from a seeded generator, checking after every
//! operation the swarm's own invariants and an independent model rebuilt from the event log:
//! no task lost, none held by two agents, dependencies respected, concurrency limits
//! respected, failed calls change nothing; and determinism across runs and snapshot/restore.

use alloc::collections::{BTreeMap, BTreeSet};
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use super::*;
use crate::{EventKind, Strategy};

/// xorshift64*: the tests' own seeded generator.
struct Prng(u64);

impl Prng {
    fn new(seed: u64) -> Self {
        Prng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        if items.is_empty() {
            None
        } else {
            items.get(self.below(items.len()))
        }
    }
}

/// State rebuilt from events only.
#[derive(Default)]
struct Model {
    next_seq: u64,
    holder: BTreeMap<String, String>,
    load: BTreeMap<String, u32>,
    max: BTreeMap<String, u32>,
    removed: BTreeSet<String>,
    deps: BTreeMap<String, Vec<String>>,
    completed: BTreeSet<String>,
    terminal: BTreeSet<String>,
}

impl Model {
    fn absorb(&mut self, s: &Swarm) {
        let batch = s.events_since(self.next_seq, usize::MAX, &[]).unwrap();
        assert_eq!(batch.dropped, 0);
        self.next_seq = batch.next_seq;
        for e in batch.events {
            let task = e.task_id.clone().unwrap_or_default();
            let agent = e.agent_id.clone().unwrap_or_default();
            match e.kind {
                EventKind::AgentJoined => {
                    let a = s.agent(&agent).unwrap();
                    self.max.insert(agent.clone(), a.max_concurrent);
                    self.load.insert(agent, 0);
                }
                EventKind::AgentLeft => {
                    self.removed.insert(agent);
                }
                EventKind::TaskAssigned => {
                    assert!(
                        !self.holder.contains_key(&task),
                        "task {task} assigned while held by {:?}",
                        self.holder.get(&task)
                    );
                    assert!(
                        !self.removed.contains(&agent),
                        "assigned to removed {agent}"
                    );
                    assert!(
                        !self.terminal.contains(&task),
                        "finished task {task} assigned"
                    );
                    for d in self.deps.get(&task).map(Vec::as_slice).unwrap_or_default() {
                        assert!(
                            self.completed.contains(d),
                            "task {task} assigned before its dependency {d} completed"
                        );
                    }
                    self.hold(&task, &agent);
                }
                EventKind::TaskStarted => {
                    assert_eq!(self.holder.get(&task), Some(&agent));
                }
                EventKind::TaskCompleted => {
                    self.release(&task, &agent);
                    assert!(
                        self.completed.insert(task.clone()),
                        "{task} completed twice"
                    );
                    self.terminal.insert(task);
                }
                EventKind::TaskRetried | EventKind::TaskRequeued => {
                    self.release(&task, &agent);
                }
                EventKind::TaskFailed => {
                    self.release(&task, &agent);
                    self.terminal.insert(task);
                }
                EventKind::TaskCancelled => {
                    assert!(!self.holder.contains_key(&task));
                    self.terminal.insert(task);
                }
                EventKind::TaskHandedOff => {
                    let from = e.from_agent_id.clone().unwrap_or_default();
                    self.release(&task, &from);
                    self.hold(&task, &agent);
                }
            }
        }
        for r in &self.removed {
            assert_eq!(
                self.load.get(r),
                Some(&0),
                "removed agent {r} still holds tasks"
            );
        }
    }

    fn hold(&mut self, task: &str, agent: &str) {
        self.holder.insert(task.into(), agent.into());
        let load = self.load.entry(agent.into()).or_insert(0);
        *load += 1;
        let max = self.max.get(agent).copied().unwrap_or(0);
        assert!(
            *load <= max,
            "agent {agent} holds {load} tasks, limit {max}"
        );
    }

    fn release(&mut self, task: &str, agent: &str) {
        assert_eq!(
            self.holder.remove(task).as_deref(),
            Some(agent),
            "task {task} released by the wrong agent"
        );
        if let Some(l) = self.load.get_mut(agent) {
            *l -= 1;
        }
    }
}

const CAPS: [&str; 3] = ["x", "y", "z"];

fn random_caps(rng: &mut Prng, max: usize) -> Vec<String> {
    let n = rng.below(max + 1);
    (0..n)
        .map(|_| CAPS[rng.below(CAPS.len())].to_string())
        .collect()
}

fn ids_with(s: &Swarm, statuses: &[TaskStatus]) -> Vec<String> {
    statuses
        .iter()
        .flat_map(|st| s.tasks(Some(*st)))
        .map(|t| t.id)
        .collect()
}

fn live_agents(s: &Swarm) -> Vec<String> {
    s.agents(false).into_iter().map(|a| a.id).collect()
}

fn random_task(rng: &mut Prng, s: &Swarm, n: &mut usize, batch: &[String]) -> TaskConfig {
    *n += 1;
    let mut deps = Vec::new();
    let total = s.status().tasks.total as usize;
    for _ in 0..rng.below(3) {
        if rng.below(3) == 0 && !batch.is_empty() {
            deps.push(rng.pick(batch).cloned().unwrap_or_default());
        } else if total > 0 {
            let all = s.tasks(None);
            if let Some(t) = rng.pick(&all) {
                deps.push(t.id.clone());
            }
        }
    }
    TaskConfig {
        id: if rng.below(4) == 0 {
            None
        } else {
            Some(format!("t{n}"))
        },
        description: format!("task number {n}"),
        priority: TaskPriority::ALL[rng.below(4)],
        required_capabilities: random_caps(rng, 1),
        dependencies: deps,
        max_retries: if rng.below(3) == 0 {
            Some(rng.below(3) as u32)
        } else {
            None
        },
    }
}

/// Applies one random operation; a failing call must leave the state unchanged.
fn step(rng: &mut Prng, s: &mut Swarm, counter: &mut usize) {
    let before = s.snapshot();
    let op = rng.below(100);
    let result: Result<(), Error> = match op {
        0..=9 => {
            *counter += 1;
            let parent = if s.config().topology == Topology::Hierarchical && rng.below(3) == 0 {
                rng.pick(&live_agents(s)).cloned()
            } else {
                None
            };
            let cfg = AgentConfig {
                id: if rng.below(3) == 0 {
                    None
                } else {
                    Some(format!("a{counter}"))
                },
                capabilities: random_caps(rng, 3),
                max_concurrent: if rng.below(2) == 0 {
                    None
                } else {
                    Some(1 + rng.below(3) as u32)
                },
                parent,
                ..AgentConfig::default()
            };
            s.spawn_agent(cfg).map(|_| ())
        }
        10..=14 => match rng.pick(&live_agents(s)).cloned() {
            Some(a) => s.remove_agent(&a, Some("random removal")),
            None => Ok(()),
        },
        15..=34 => {
            let t = random_task(rng, s, counter, &[]);
            if rng.below(4) == 0 {
                // The JSON path (one-entry list) must act like orchestrate_task.
                let json = serde_json::to_string(&[t]).unwrap();
                s.orchestrate_tasks_json(&json).map(|_| ())
            } else {
                s.orchestrate_task(t).map(|_| ())
            }
        }
        35..=41 => {
            let size = 2 + rng.below(3);
            let names: Vec<String> = (0..size)
                .map(|k| format!("t{}", *counter + 1 + k))
                .collect();
            let batch: Vec<TaskConfig> = (0..size)
                .map(|_| {
                    let mut t = random_task(rng, s, counter, &names);
                    // Batch entries keep their planned names so they can refer to each other.
                    t.id = Some(format!("t{counter}"));
                    t
                })
                .collect();
            if rng.below(2) == 0 {
                let json = serde_json::to_string(&batch).unwrap();
                s.orchestrate_tasks_json(&json).map(|_| ())
            } else {
                s.orchestrate_tasks(batch).map(|_| ())
            }
        }
        42..=52 => match rng.pick(&ids_with(s, &[TaskStatus::Assigned])).cloned() {
            Some(t) => s.start_task(&t),
            None => Ok(()),
        },
        53..=59 => {
            // A random subset of the assigned tasks, in random order, started at once.
            let mut ids = ids_with(s, &[TaskStatus::Assigned]);
            ids.retain(|_| rng.below(2) == 0);
            for i in (1..ids.len()).rev() {
                ids.swap(i, rng.below(i + 1));
            }
            s.start_tasks(&ids)
        }
        60..=71 => match rng
            .pick(&ids_with(s, &[TaskStatus::Assigned, TaskStatus::Running]))
            .cloned()
        {
            Some(t) => s.complete_task(&t, Some("done")),
            None => Ok(()),
        },
        72..=79 => {
            let mut ids = ids_with(s, &[TaskStatus::Assigned, TaskStatus::Running]);
            ids.retain(|_| rng.below(2) == 0);
            let results: Vec<String> = ids.iter().map(|t| format!("done {t}")).collect();
            if rng.below(2) == 0 {
                s.complete_tasks(&ids, Some(results.as_slice()))
            } else {
                s.complete_tasks::<_, &str>(&ids, None)
            }
        }
        80..=87 => match rng
            .pick(&ids_with(s, &[TaskStatus::Assigned, TaskStatus::Running]))
            .cloned()
        {
            Some(t) => s.fail_task(&t, "random failure").map(|_| ()),
            None => Ok(()),
        },
        88..=93 => {
            // Half the time towards a neighbour of the holder (allowed by the topology).
            let active = ids_with(s, &[TaskStatus::Assigned, TaskStatus::Running]);
            let t = rng.pick(&active).cloned();
            let targets = match (&t, rng.below(2)) {
                (Some(t), 0) => {
                    let at = s.task(t).unwrap().agent.unwrap();
                    s.neighbours(&at).unwrap()
                }
                _ => live_agents(s),
            };
            match (t, rng.pick(&targets).cloned()) {
                (Some(t), Some(a)) => s.hand_off(&t, &a),
                _ => Ok(()),
            }
        }
        _ => {
            // Calls that must fail.
            let idle = ids_with(
                s,
                &[
                    TaskStatus::Pending,
                    TaskStatus::Ready,
                    TaskStatus::Completed,
                    TaskStatus::Failed,
                    TaskStatus::Cancelled,
                ],
            );
            let active = ids_with(s, &[TaskStatus::Assigned, TaskStatus::Running]);
            let e = match (rng.below(7), rng.pick(&idle).cloned()) {
                (0, Some(t)) => s.complete_task(&t, None).unwrap_err(),
                (1, Some(t)) => s.fail_task(&t, "x").unwrap_err(),
                (2, _) => s.start_task("no-such-task").unwrap_err(),
                // A batch with one bad entry (after good ones) changes nothing.
                (3, Some(t)) => {
                    let mut ids = active.clone();
                    ids.push(t);
                    s.complete_tasks::<_, &str>(&ids, None).unwrap_err()
                }
                (4, _) if !active.is_empty() => {
                    let mut ids = active.clone();
                    ids.push(active[0].clone());
                    s.complete_tasks::<_, &str>(&ids, None).unwrap_err()
                }
                (5, _) => {
                    let mut ids = ids_with(s, &[TaskStatus::Assigned]);
                    ids.push("no-such-task".into());
                    s.start_tasks(&ids).unwrap_err()
                }
                _ => s.remove_agent("no-such-agent", None).unwrap_err(),
            };
            Err(e)
        }
    };
    if let Err(e) = result {
        assert!(s.snapshot() == before, "failed call changed the state: {e}");
    }
}

fn run(seed: u64, ops: usize, restore_at: Option<usize>) -> (Swarm, Model) {
    let mut rng = Prng::new(seed);
    let config = SwarmConfig {
        id: Some(format!("prop-{seed}")),
        topology: Topology::ALL[rng.below(4)],
        strategy: Strategy::ALL[rng.below(4)],
        max_agents: 2 + rng.below(5) as u32,
        max_concurrent_per_agent: 1 + rng.below(3) as u32,
        max_retries: rng.below(3) as u32,
        hierarchy_fanout: 1 + rng.below(3) as u32,
        seed,
        ..SwarmConfig::default()
    };
    let mut s = Swarm::new(config).unwrap();
    let mut model = Model::default();
    let mut counter = 0;
    for i in 0..ops {
        if restore_at == Some(i) {
            let bytes = s.snapshot();
            s = Swarm::restore(&bytes).unwrap();
            assert!(s.snapshot() == bytes);
        }
        let known: BTreeSet<String> = model.deps.keys().cloned().collect();
        step(&mut rng, &mut s, &mut counter);
        if let Err(e) = s.check_invariants() {
            panic!("seed {seed}, op {i}: {e}");
        }
        for t in s.tasks(None) {
            if !known.contains(&t.id) {
                model.deps.insert(t.id, t.dependencies);
            }
        }
        model.absorb(&s);
    }
    (s, model)
}

/// Brings every task to an end: a capable agent joins and completes everything it gets.
fn drain(s: &mut Swarm, model: &mut Model) {
    if s.status().agents.live >= s.config().max_agents {
        let victim = live_agents(s).pop().unwrap();
        s.remove_agent(&victim, None).unwrap();
    }
    s.spawn_agent(AgentConfig {
        id: Some("finisher".into()),
        capabilities: CAPS.iter().map(|c| c.to_string()).collect(),
        max_concurrent: Some(3),
        ..AgentConfig::default()
    })
    .unwrap();
    model.absorb(s);
    loop {
        let active = ids_with(s, &[TaskStatus::Assigned, TaskStatus::Running]);
        if active.is_empty() {
            break;
        }
        for t in active {
            s.complete_task(&t, Some("drained")).unwrap();
            model.absorb(s);
        }
    }
    s.check_invariants().unwrap();
}

#[test]
fn random_operation_sequences_keep_every_invariant() {
    for seed in 1..=60u64 {
        let (mut s, mut model) = run(seed, 300, None);
        drain(&mut s, &mut model);
        let st = s.status();
        // No task lost: every task ever accepted reached an end state.
        assert_eq!(st.tasks.total as usize, model.deps.len(), "seed {seed}");
        assert_eq!(
            st.tasks.completed + st.tasks.failed + st.tasks.cancelled,
            st.tasks.total,
            "seed {seed}: {:?}",
            st.tasks
        );
        assert_eq!(st.tasks.completed as usize, model.completed.len());
        assert_eq!(model.terminal.len(), st.tasks.total as usize);
        assert!(model.holder.is_empty());
    }
}

#[test]
fn runs_are_deterministic_and_survive_snapshot_restore() {
    for seed in [3u64, 17, 42, 1234] {
        let (a, _) = run(seed, 250, None);
        let (b, _) = run(seed, 250, None);
        assert!(
            a.snapshot() == b.snapshot(),
            "seed {seed} is not deterministic"
        );
        let (c, _) = run(seed, 250, Some(125));
        assert!(
            a.snapshot() == c.snapshot(),
            "seed {seed} diverged after snapshot/restore"
        );
    }
}
