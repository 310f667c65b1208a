//! End-to-end scenarios: dependencies, priorities, strategies, limits, retries, removal,
//! events and metrics.

use alloc::string::{String, ToString};
use alloc::vec;
use alloc::vec::Vec;

use super::*;
use crate::{ClockMode, EventKind, Strategy};

#[test]
fn dependencies_gate_assignment_and_completion_releases_dependents() {
    let mut s = swarm(config(Topology::Mesh));
    s.spawn_agent(agent("a1", &[], 1)).unwrap();
    s.spawn_agent(agent("a2", &[], 1)).unwrap();
    s.orchestrate_task(task("fetch", &[])).unwrap();
    s.orchestrate_task(task("parse", &["fetch"])).unwrap();
    s.orchestrate_task(task("report", &["parse", "fetch"]))
        .unwrap();
    assert_eq!(status(&s, "fetch"), TaskStatus::Assigned);
    assert_eq!(status(&s, "parse"), TaskStatus::Pending);
    assert_eq!(status(&s, "report"), TaskStatus::Pending);
    assert_eq!(holder(&s, "fetch").as_deref(), Some("a1"));
    s.start_task("fetch").unwrap();
    assert_eq!(status(&s, "fetch"), TaskStatus::Running);
    s.complete_task("fetch", Some("page")).unwrap();
    assert_eq!(status(&s, "parse"), TaskStatus::Assigned);
    assert_eq!(status(&s, "report"), TaskStatus::Pending);
    s.complete_task("parse", None).unwrap();
    assert_eq!(status(&s, "report"), TaskStatus::Assigned);
    s.complete_task("report", Some("done")).unwrap();
    let st = s.status();
    assert_eq!(st.tasks.completed, 3);
    assert_eq!(st.tasks.total, 3);
    assert_eq!(st.agents.busy, 0);
    assert_eq!(s.task("fetch").unwrap().result.as_deref(), Some("page"));
    assert_eq!(s.task("report").unwrap().dependencies, ["parse", "fetch"]);
    let kinds: Vec<EventKind> = all_events(&s).iter().map(|e| e.kind).collect();
    assert_eq!(
        kinds,
        [
            EventKind::AgentJoined,
            EventKind::AgentJoined,
            EventKind::TaskAssigned,
            EventKind::TaskStarted,
            EventKind::TaskCompleted,
            EventKind::TaskAssigned,
            EventKind::TaskCompleted,
            EventKind::TaskAssigned,
            EventKind::TaskCompleted,
        ]
    );
    s.check_invariants().unwrap();
}

#[test]
fn higher_priority_first_then_submission_order() {
    let mut s = swarm(config(Topology::Mesh));
    s.spawn_agent(agent("solo", &[], 1)).unwrap();
    s.orchestrate_task(task("blocker", &[])).unwrap();
    let order = [
        ("low", TaskPriority::Low),
        ("med1", TaskPriority::Medium),
        ("crit", TaskPriority::Critical),
        ("high", TaskPriority::High),
        ("med2", TaskPriority::Medium),
    ];
    for (id, p) in order {
        s.orchestrate_task(task_with(id, &[], p)).unwrap();
    }
    let mut done = Vec::new();
    let mut current = "blocker".to_string();
    loop {
        s.complete_task(&current, None).unwrap();
        match s.agent("solo").unwrap().tasks.first() {
            Some(next) => {
                current = next.clone();
                done.push(next.clone());
            }
            None => break,
        }
    }
    assert_eq!(done, ["crit", "high", "med1", "med2", "low"]);
}

#[test]
fn capability_match_prefers_the_closest_agent_and_waits_for_a_capable_one() {
    let mut s = swarm(config(Topology::Mesh));
    s.spawn_agent(agent("generalist", &["rust", "python", "go"], 1))
        .unwrap();
    s.spawn_agent(agent("rustacean", &["rust"], 1)).unwrap();
    s.orchestrate_task(task_with("r", &["rust"], TaskPriority::Medium))
        .unwrap();
    assert_eq!(holder(&s, "r").as_deref(), Some("rustacean"));
    s.orchestrate_task(task_with("p", &["python"], TaskPriority::Medium))
        .unwrap();
    assert_eq!(holder(&s, "p").as_deref(), Some("generalist"));
    s.orchestrate_task(task_with("j", &["java"], TaskPriority::Critical))
        .unwrap();
    assert_eq!(status(&s, "j"), TaskStatus::Ready);
    assert_eq!(s.status().metrics.queue_length, 1);
    s.spawn_agent(agent("javanese", &["java"], 1)).unwrap();
    assert_eq!(holder(&s, "j").as_deref(), Some("javanese"));
    // A ready task whose capable agent is busy does not block other classes.
    s.orchestrate_task(task_with("j2", &["java"], TaskPriority::Critical))
        .unwrap();
    s.orchestrate_task(task_with("any", &[], TaskPriority::Low))
        .unwrap();
    s.complete_task("r", None).unwrap();
    assert_eq!(holder(&s, "any").as_deref(), Some("rustacean"));
    assert_eq!(status(&s, "j2"), TaskStatus::Ready);
    s.check_invariants().unwrap();
}

#[test]
fn least_loaded_balances_by_relative_load() {
    let mut s = swarm(SwarmConfig {
        strategy: Strategy::LeastLoaded,
        ..config(Topology::Mesh)
    });
    s.spawn_agent(agent("small", &[], 2)).unwrap();
    s.spawn_agent(agent("big", &[], 4)).unwrap();
    for i in 0..6 {
        s.orchestrate_task(task(&alloc::format!("t{i}"), &[]))
            .unwrap();
    }
    assert_eq!(s.agent("small").unwrap().load, 2);
    assert_eq!(s.agent("big").unwrap().load, 4);
    // Assignment order: small(0/2), big(0/4), big(1/4 < 1/2), small(1/2 = 2/4 -> older), big, big.
    let holders: Vec<String> = (0..6)
        .map(|i| holder(&s, &alloc::format!("t{i}")).unwrap())
        .collect();
    assert_eq!(holders, ["small", "big", "big", "small", "big", "big"]);
}

#[test]
fn round_robin_cycles_through_agents() {
    let mut s = swarm(SwarmConfig {
        strategy: Strategy::RoundRobin,
        ..config(Topology::Mesh)
    });
    for id in ["a", "b", "c"] {
        s.spawn_agent(agent(id, &[], 10)).unwrap();
    }
    for i in 0..7 {
        s.orchestrate_task(task(&alloc::format!("t{i}"), &[]))
            .unwrap();
    }
    let holders: Vec<String> = (0..7)
        .map(|i| holder(&s, &alloc::format!("t{i}")).unwrap())
        .collect();
    assert_eq!(holders, ["a", "b", "c", "a", "b", "c", "a"]);
}

fn random_assignment(seed: u64) -> Vec<String> {
    let mut s = swarm(SwarmConfig {
        strategy: Strategy::Random,
        seed,
        ..config(Topology::Mesh)
    });
    for i in 0..8 {
        s.spawn_agent(agent(&alloc::format!("a{i}"), &[], 100))
            .unwrap();
    }
    (0..20)
        .map(|i| {
            let id = alloc::format!("t{i}");
            s.orchestrate_task(task(&id, &[])).unwrap();
            holder(&s, &id).unwrap()
        })
        .collect()
}

#[test]
fn random_strategy_is_deterministic_per_seed() {
    assert_eq!(random_assignment(1), random_assignment(1));
    assert_ne!(random_assignment(1), random_assignment(2));
    let spread: alloc::collections::BTreeSet<String> = random_assignment(3).into_iter().collect();
    assert!(spread.len() >= 4, "random picks too few agents: {spread:?}");
}

#[test]
fn concurrency_limits_hold_tasks_in_the_queue() {
    let mut s = swarm(config(Topology::Mesh));
    s.spawn_agent(agent("a", &[], 2)).unwrap();
    for i in 0..5 {
        s.orchestrate_task(task(&alloc::format!("t{i}"), &[]))
            .unwrap();
    }
    let st = s.status();
    assert_eq!((st.tasks.assigned, st.tasks.ready), (2, 3));
    assert_eq!(st.agents.load, 2);
    assert_eq!(st.metrics.utilization, 1.0);
    s.complete_task("t0", None).unwrap();
    assert_eq!(status(&s, "t2"), TaskStatus::Assigned);
    assert_eq!(s.status().tasks.ready, 2);
}

#[test]
fn max_agents_is_enforced_and_frees_up_on_removal() {
    let mut s = swarm(SwarmConfig {
        max_agents: 2,
        ..config(Topology::Mesh)
    });
    s.spawn_agent(agent("a", &[], 1)).unwrap();
    s.spawn_agent(agent("b", &[], 1)).unwrap();
    let e = err_unchanged(&mut s, |s| s.spawn_agent(agent("c", &[], 1)));
    assert!(e.to_string().contains("maxAgents = 2"), "{e}");
    s.remove_agent("a", None).unwrap();
    s.spawn_agent(agent("c", &[], 1)).unwrap();
    assert_eq!(s.status().agents.live, 2);
    assert_eq!(s.status().agents.removed, 1);
}

#[test]
fn retries_then_failure_cancels_dependents() {
    let mut s = swarm(SwarmConfig {
        max_retries: 1,
        ..config(Topology::Mesh)
    });
    s.spawn_agent(agent("a", &[], 1)).unwrap();
    s.orchestrate_task(task("flaky", &[])).unwrap();
    s.orchestrate_task(task("next", &["flaky"])).unwrap();
    s.orchestrate_task(task("last", &["next"])).unwrap();
    s.orchestrate_task(task("other", &[])).unwrap();
    assert_eq!(s.fail_task("flaky", "timeout").unwrap(), TaskStatus::Ready);
    // Retried tasks keep their place (submission order) ahead of later tasks.
    assert_eq!(status(&s, "flaky"), TaskStatus::Assigned);
    let t = s.task("flaky").unwrap();
    assert_eq!((t.attempts, t.failures), (2, 1));
    assert_eq!(t.error.as_deref(), Some("timeout"));
    assert_eq!(s.fail_task("flaky", "boom").unwrap(), TaskStatus::Failed);
    assert_eq!(status(&s, "next"), TaskStatus::Cancelled);
    assert_eq!(status(&s, "last"), TaskStatus::Cancelled);
    assert_eq!(
        s.task("last").unwrap().error.as_deref(),
        Some("dependency 'next' was cancelled")
    );
    assert_eq!(holder(&s, "other").as_deref(), Some("a"));
    let kinds: Vec<EventKind> = all_events(&s)
        .iter()
        .map(|e| e.kind)
        .filter(|k| *k != EventKind::TaskAssigned)
        .collect();
    assert_eq!(
        kinds,
        [
            EventKind::AgentJoined,
            EventKind::TaskRetried,
            EventKind::TaskFailed,
            EventKind::TaskCancelled,
            EventKind::TaskCancelled,
        ]
    );
    let st = s.status();
    assert_eq!((st.tasks.failed, st.tasks.cancelled), (1, 2));
    assert_eq!(st.metrics.retries, 1);
    assert_eq!(s.agent("a").unwrap().failed, 2);
    // Depending on a failed task is refused.
    let e = err_unchanged(&mut s, |s| s.orchestrate_task(task("late", &["flaky"])));
    assert!(e.to_string().contains("it is failed"), "{e}");
    s.check_invariants().unwrap();
}

#[test]
fn removed_agents_tasks_are_requeued_and_reassigned() {
    let mut s = swarm(config(Topology::Mesh));
    s.spawn_agent(agent("a", &["x"], 2)).unwrap();
    s.orchestrate_task(task_with("t1", &["x"], TaskPriority::Medium))
        .unwrap();
    s.orchestrate_task(task_with("t2", &["x"], TaskPriority::Medium))
        .unwrap();
    s.start_task("t1").unwrap();
    s.spawn_agent(agent("b", &["x"], 1)).unwrap();
    s.remove_agent("a", Some("crashed")).unwrap();
    assert_eq!(holder(&s, "t1").as_deref(), Some("b"));
    assert_eq!(status(&s, "t1"), TaskStatus::Assigned);
    assert_eq!(status(&s, "t2"), TaskStatus::Ready);
    let t1 = s.task("t1").unwrap();
    assert_eq!((t1.attempts, t1.failures, t1.started_at), (2, 0, None));
    assert_eq!(s.agent("a").unwrap().status, crate::AgentStatus::Removed);
    let evs = all_events(&s);
    let left = evs.iter().find(|e| e.kind == EventKind::AgentLeft).unwrap();
    assert_eq!(left.detail.as_deref(), Some("crashed"));
    assert_eq!(
        evs.iter()
            .filter(|e| e.kind == EventKind::TaskRequeued)
            .count(),
        2
    );
    // Completing through the new holder works; the removed agent is gone for good.
    s.complete_task("t1", None).unwrap();
    assert_eq!(holder(&s, "t2").as_deref(), Some("b"));
    let e = err_unchanged(&mut s, |s| s.remove_agent("a", None));
    assert!(e.to_string().contains("was removed"), "{e}");
    s.check_invariants().unwrap();
}

#[test]
fn batches_accept_any_order_and_reject_cycles_naming_them() {
    let mut s = swarm(config(Topology::Mesh));
    s.spawn_agent(agent("a", &[], 3)).unwrap();
    s.orchestrate_task(task("base", &[])).unwrap();
    let ids = s
        .orchestrate_tasks(vec![
            task("c", &["b"]),
            task("b", &["a", "base"]),
            task("a", &[]),
            TaskConfig {
                description: "anonymous".into(),
                ..TaskConfig::default()
            },
        ])
        .unwrap();
    assert_eq!(ids, ["c", "b", "a", "task-1"]);
    assert_eq!(status(&s, "a"), TaskStatus::Assigned);
    assert_eq!(status(&s, "c"), TaskStatus::Pending);
    let e = err_unchanged(&mut s, |s| {
        s.orchestrate_tasks(vec![
            task("x", &["z"]),
            task("y", &["x"]),
            task("z", &["y"]),
            task("ok", &[]),
        ])
    });
    assert_eq!(
        e.to_string(),
        "dependency cycle: 'x' -> 'z' -> 'y' -> 'x' (each task depends on the next)"
    );
    let e = err_unchanged(&mut s, |s| s.orchestrate_task(task("self", &["self"])));
    assert!(matches!(e, Error::Cycle { .. }), "{e}");
    let e = err_unchanged(&mut s, |s| s.orchestrate_tasks(vec![task("m", &["nope"])]));
    assert_eq!(
        e.to_string(),
        "invalid dependencies of task 'm': unknown task 'nope'"
    );
    let e = err_unchanged(&mut s, |s| {
        s.orchestrate_tasks(vec![task("n1", &[]), task("n1", &[])])
    });
    assert!(matches!(e, Error::DuplicateId { .. }), "{e}");
    let e = err_unchanged(&mut s, |s| {
        s.orchestrate_tasks(vec![
            task("fine", &[]),
            TaskConfig {
                max_retries: Some(5000),
                ..task("bad", &[])
            },
        ])
    });
    assert_eq!(
        e.to_string(),
        "invalid tasks[1].maxRetries: is 5000; it must be between 0 and 1000"
    );
    assert!(s.orchestrate_tasks(vec![]).unwrap().is_empty());
}

#[test]
fn generated_ids_skip_taken_ones() {
    let mut s = swarm(config(Topology::Mesh));
    s.spawn_agent(agent("agent-1", &[], 1)).unwrap();
    let id = s.spawn_agent(AgentConfig::default()).unwrap();
    assert_eq!(id, "agent-2");
    s.orchestrate_task(task("task-2", &[])).unwrap();
    let plain = TaskConfig {
        description: "x".into(),
        ..TaskConfig::default()
    };
    assert_eq!(s.orchestrate_task(plain.clone()).unwrap(), "task-1");
    assert_eq!(s.orchestrate_task(plain).unwrap(), "task-3");
    let a = s.agent("agent-2").unwrap();
    assert_eq!(a.name, "agent-2");
    assert_eq!(a.cognitive_pattern, crate::CognitivePattern::Convergent);
}

#[test]
fn event_log_reads_incrementally_and_reports_drops() {
    let mut s = swarm(SwarmConfig {
        event_log_capacity: 4,
        ..config(Topology::Mesh)
    });
    s.spawn_agent(agent("a", &[], 1)).unwrap(); // seq 0
    s.orchestrate_task(task("t", &[])).unwrap(); // 1 assigned
    let page = s.events_since(0, 1, &[]).unwrap();
    assert_eq!(page.events.len(), 1);
    assert_eq!(page.next_seq, 1);
    assert_eq!(page.dropped, 0);
    let page = s.events_since(page.next_seq, 10, &[]).unwrap();
    assert_eq!(page.events[0].kind, EventKind::TaskAssigned);
    assert_eq!(page.events[0].task_id.as_deref(), Some("t"));
    assert_eq!(page.events[0].agent_id.as_deref(), Some("a"));
    assert_eq!(page.next_seq, 2);
    s.start_task("t").unwrap(); // 2
    s.complete_task("t", None).unwrap(); // 3
    s.spawn_agent(agent("b", &[], 1)).unwrap(); // 4
    s.spawn_agent(agent("c", &[], 1)).unwrap(); // 5
    let page = s.events_since(0, 100, &[]).unwrap();
    assert_eq!(page.dropped, 2);
    assert_eq!(page.events.first().unwrap().seq, 2);
    assert_eq!(page.next_seq, 6);
    let empty = s.events_since(6, 100, &[]).unwrap();
    assert!(empty.events.is_empty());
    assert_eq!(empty.next_seq, 6);
    let e = err_unchanged(&mut s, |s| s.events_since(7, 1, &[]));
    assert!(e.to_string().contains("beyond"), "{e}");
    let st = s.status();
    assert_eq!((st.events.first_seq, st.events.next_seq), (2, 6));
}

#[test]
fn metrics_on_the_logical_clock() {
    let mut s = swarm(config(Topology::Mesh));
    s.spawn_agent(agent("a", &[], 1)).unwrap(); // t=1
    s.orchestrate_task(task("t1", &[])).unwrap(); // t=2, assigned at 2
    s.orchestrate_task(task("t2", &[])).unwrap(); // t=3, ready at 3
    s.start_task("t1").unwrap(); // t=4
    s.complete_task("t1", None).unwrap(); // t=5; t2 assigned at 5 (waited 2)
    s.complete_task("t2", None).unwrap(); // t=6
    let m = s.status().metrics;
    assert_eq!(s.time(), 6.0);
    assert_eq!(m.elapsed, 6.0);
    assert_eq!(m.throughput, 2.0 / 6.0);
    // Latencies: t1 5-2 = 3, t2 6-3 = 3.
    assert_eq!(m.average_latency, 3.0);
    assert_eq!(m.max_latency, 3.0);
    // Waits: t1 0, t2 2.
    assert_eq!(m.average_wait, 1.0);
    // Run times: t1 5-4 = 1 (from start), t2 6-5 = 1 (from assignment).
    assert_eq!(m.average_run_time, 1.0);
    assert_eq!(m.assignments, 2);
    assert_eq!(m.utilization, 0.0);
    // Capacity 1 from t=1 to 6 (5 units); busy from 2 to 6 (4 units).
    assert_eq!(m.average_utilization, 0.8);
}

#[test]
fn external_clock_moves_only_when_set() {
    let mut s = swarm(SwarmConfig {
        clock: ClockMode::External,
        ..config(Topology::Mesh)
    });
    s.set_time(100.0).unwrap();
    s.spawn_agent(agent("a", &[], 2)).unwrap();
    s.orchestrate_task(task("t", &[])).unwrap();
    s.set_time(150.5).unwrap();
    s.complete_task("t", None).unwrap();
    let t = s.task("t").unwrap();
    assert_eq!((t.submitted_at, t.finished_at), (100.0, Some(150.5)));
    let m = s.status().metrics;
    assert_eq!(m.average_latency, 50.5);
    assert_eq!(m.average_utilization, 0.5);
    let e = err_unchanged(&mut s, |s| s.set_time(10.0));
    assert!(e.to_string().contains("before"), "{e}");
    let e = err_unchanged(&mut s, |s| s.set_time(f64::NAN));
    assert!(e.to_string().contains("finite"), "{e}");
    let mut logical = swarm(config(Topology::Mesh));
    let e = err_unchanged(&mut logical, |s| s.set_time(5.0));
    assert!(e.to_string().contains("logical clock"), "{e}");
}

#[test]
fn many_tasks_on_many_agents_run_to_completion() {
    let mut s = swarm(SwarmConfig {
        max_agents: 200,
        max_concurrent_per_agent: 2,
        strategy: Strategy::LeastLoaded,
        ..config(Topology::Mesh)
    });
    let caps = ["a", "b", "c", "d"];
    for i in 0..200usize {
        let own = [caps[i % 4], caps[(i + 1) % 4]];
        s.spawn_agent(agent(&alloc::format!("ag{i}"), &own, 2))
            .unwrap();
    }
    let n = 20_000usize;
    let mut x: u64 = 12345;
    let mut next = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    for i in 0..n {
        let mut deps = Vec::new();
        if i > 0 {
            for _ in 0..(next() % 3) {
                let d = (next() % i as u64) as usize;
                deps.push(alloc::format!("t{d}"));
            }
        }
        let required = match next() % 5 {
            0 | 1 => vec![],
            k => vec![caps[k as usize % 4].to_string()],
        };
        s.orchestrate_task(TaskConfig {
            id: Some(alloc::format!("t{i}")),
            description: String::new(),
            required_capabilities: required,
            dependencies: deps,
            ..TaskConfig::default()
        })
        .unwrap();
    }
    let mut since = 0;
    let mut completed = 0;
    while completed < n {
        let batch = s.events_since(since, usize::MAX, &[]).unwrap();
        since = batch.next_seq;
        let assigned: Vec<String> = batch
            .events
            .into_iter()
            .filter(|e| e.kind == EventKind::TaskAssigned)
            .filter_map(|e| e.task_id)
            .collect();
        assert!(
            !assigned.is_empty(),
            "stalled after {completed} completions"
        );
        for t in assigned {
            s.start_task(&t).unwrap();
            s.complete_task(&t, Some("ok")).unwrap();
            completed += 1;
        }
    }
    let st = s.status();
    assert_eq!(st.tasks.completed as usize, n);
    assert_eq!(st.metrics.assignments as usize, n);
    s.check_invariants().unwrap();
}

#[test]
fn event_reads_filter_by_kind_and_render_json() {
    let mut s = swarm(config(Topology::Mesh));
    s.spawn_agent(agent("a", &[], 1)).unwrap(); // 0 joined
    s.orchestrate_task(task("t1", &[])).unwrap(); // 1 assigned
    s.orchestrate_task(task("t2", &[])).unwrap();
    s.start_task("t1").unwrap(); // 2 started
    s.complete_task("t1", None).unwrap(); // 3 completed, 4 assigned t2
    s.fail_task("t2", "said \"no\"\nthen\tquit\\é").unwrap(); // 5 retried, 6 assigned t2
    let assigned = s.events_since(0, 10, &[EventKind::TaskAssigned]).unwrap();
    let seqs: Vec<u64> = assigned.events.iter().map(|e| e.seq).collect();
    assert_eq!(seqs, [1, 4, 6]);
    assert_eq!(assigned.next_seq, 7);
    // With a limit, reading resumes right after the last returned event.
    let first = s.events_since(0, 1, &[EventKind::TaskAssigned]).unwrap();
    assert_eq!((first.events.len(), first.next_seq), (1, 2));
    let json = s.events_json(3, 10, &[]).unwrap();
    assert_eq!(
        json,
        concat!(
            r#"{"events":[{"seq":3,"time":5,"kind":"taskCompleted","taskId":"t1","agentId":"a"},"#,
            r#"{"seq":4,"time":5,"kind":"taskAssigned","taskId":"t2","agentId":"a"},"#,
            r#"{"seq":5,"time":6,"kind":"taskRetried","taskId":"t2","agentId":"a","detail":"said \"no\"\nthen\tquit\\é"},"#,
            r#"{"seq":6,"time":6,"kind":"taskAssigned","taskId":"t2","agentId":"a"}],"nextSeq":7,"dropped":0}"#
        )
    );
    let json = s.events_json(7, 10, &[EventKind::AgentJoined]).unwrap();
    assert_eq!(json, r#"{"events":[],"nextSeq":7,"dropped":0}"#);
    assert!(s.events_json(8, 10, &[]).is_err());
}
