//! The batch API: `start_tasks`/`complete_tasks` act exactly like the single calls in order and
//! change nothing on error; `assignments` mirrors the event log; `orchestrate_tasks_json` acts
//! like `orchestrate_tasks`; the JSON renderings parse back to the typed results.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec;
use alloc::vec::Vec;

use super::*;
use crate::{AssignmentBatch, EventBatch, EventKind, Strategy};

/// A swarm with agents of mixed capabilities and a task graph with dependencies and
/// capability requirements (deterministic).
fn workload(strategy: Strategy, n: usize) -> (Swarm, Vec<TaskConfig>) {
    let mut s = swarm(SwarmConfig {
        strategy,
        seed: 5,
        max_agents: 20,
        ..config(Topology::Mesh)
    });
    let caps = ["x", "y", "z"];
    for i in 0..12 {
        let have: Vec<&str> = caps
            .iter()
            .copied()
            .filter(|_| i % 3 != 0)
            .take(i % 4)
            .collect();
        s.spawn_agent(agent(&format!("a{i}"), &have, 1 + (i % 3) as u32))
            .unwrap();
    }
    let tasks = (0..n)
        .map(|i| {
            let need: &[&str] = if i % 3 == 0 {
                &[]
            } else {
                &caps[i % 3..i % 3 + 1]
            };
            let mut t = task_with(&format!("t{i}"), need, TaskPriority::ALL[i % 4]);
            if i > 2 {
                t.dependencies = vec![format!("t{}", i / 2), format!("t{}", i - 3)];
            }
            t
        })
        .collect();
    (s, tasks)
}

/// Runs every task to completion: the first swarm through the batch calls, the second through
/// single calls in the same order; they must stay identical after every round.
#[test]
fn batch_lifecycle_matches_single_calls() {
    for strategy in Strategy::ALL {
        let (mut batch, tasks) = workload(*strategy, 300);
        let mut single = batch.clone();
        for chunk in tasks.chunks(40) {
            batch.orchestrate_tasks(chunk.to_vec()).unwrap();
            single.orchestrate_tasks(chunk.to_vec()).unwrap();
        }
        let mut since = 0;
        let mut rounds = 0;
        while batch.count(TaskStatus::Completed) < 300 {
            let a = batch.assignments(since, 50).unwrap();
            assert!(!a.task_ids.is_empty(), "{strategy:?}: stalled");
            since = a.next_seq;
            // Start every other task, complete them all (running or not).
            let start: Vec<&String> = a.task_ids.iter().step_by(2).collect();
            batch.start_tasks(&start).unwrap();
            for t in &start {
                single.start_task(t).unwrap();
            }
            let results: Vec<String> = a.task_ids.iter().map(|t| format!("r-{t}")).collect();
            batch
                .complete_tasks(&a.task_ids, Some(results.as_slice()))
                .unwrap();
            for (t, r) in a.task_ids.iter().zip(&results) {
                single.complete_task(t, Some(r)).unwrap();
            }
            assert!(
                batch.snapshot() == single.snapshot(),
                "{strategy:?}: diverged"
            );
            batch.check_invariants().unwrap();
            rounds += 1;
        }
        assert!(rounds > 5);
        assert_eq!(batch.task("t7").unwrap().result.as_deref(), Some("r-t7"));
    }
}

#[test]
fn batch_lifecycle_errors_change_nothing() {
    let (mut s, tasks) = workload(Strategy::CapabilityMatch, 60);
    s.orchestrate_tasks(tasks).unwrap();
    let assigned: Vec<String> = s
        .tasks(Some(TaskStatus::Assigned))
        .into_iter()
        .map(|t| t.id)
        .collect();
    let pending = s.tasks(Some(TaskStatus::Pending))[0].id.clone();
    assert!(assigned.len() >= 3);
    s.start_task(&assigned[0]).unwrap();
    let (a0, a1, a2) = (&assigned[0], &assigned[1], &assigned[2]);

    let e = err_unchanged(&mut s, |s| s.start_tasks(&[a1, &"nope".to_string()]));
    assert_eq!(e.to_string(), "unknown task 'nope'");
    let e = err_unchanged(&mut s, |s| s.start_tasks(&[a1, a0]));
    assert!(e.to_string().contains("already running"), "{e}");
    let e = err_unchanged(&mut s, |s| s.start_tasks(&[a1, a2, a1]));
    assert_eq!(
        e.to_string(),
        format!("invalid taskIds: lists task '{a1}' more than once")
    );
    let e = err_unchanged(&mut s, |s| {
        s.complete_tasks::<_, &str>(&[a1, &pending], None)
    });
    assert_eq!(
        e.to_string(),
        format!("cannot complete task '{pending}': it is not assigned to an agent (it is pending)")
    );
    let e = err_unchanged(&mut s, |s| s.complete_tasks::<_, &str>(&[a0, a1, a0], None));
    assert!(e.to_string().contains("more than once"), "{e}");
    let e = err_unchanged(&mut s, |s| s.complete_tasks(&[a0, a1], Some(&["ok"][..])));
    assert_eq!(
        e.to_string(),
        "invalid results: has 1 entries for 2 task ids; give one result per task"
    );
    let e = err_unchanged(&mut s, |s| {
        s.complete_tasks(&[a0, a1], Some(&["ok", "bell\u{7}"][..]))
    });
    assert!(
        e.to_string()
            .starts_with("invalid results[1]: contains the control character"),
        "{e}"
    );

    // Empty batches are no-ops (not even a tick).
    let before = s.snapshot();
    s.start_tasks::<&str>(&[]).unwrap();
    s.complete_tasks::<&str, &str>(&[], None).unwrap();
    assert!(s.snapshot() == before);

    // The good calls still work afterwards.
    s.start_tasks(&[a1, a2]).unwrap();
    s.complete_tasks(&[a2, a0, a1], Some(&["2", "0", "1"][..]))
        .unwrap();
    assert_eq!(status(&s, a0), TaskStatus::Completed);
    assert_eq!(s.task(a1).unwrap().result.as_deref(), Some("1"));
    s.check_invariants().unwrap();
}

#[test]
fn assignments_mirror_the_event_log() {
    let (mut s, tasks) = workload(Strategy::LeastLoaded, 80);
    s.orchestrate_tasks(tasks).unwrap();
    let first = s.assignments(0, 5).unwrap();
    s.complete_tasks::<_, &str>(&first.task_ids, None).unwrap();
    for (since, limit) in [(0, usize::MAX), (0, 3), (7, 4), (first.next_seq, 100)] {
        let events = s
            .events_since(since, limit, &[EventKind::TaskAssigned])
            .unwrap();
        let a = s.assignments(since, limit).unwrap();
        let task_ids: Vec<String> = events
            .events
            .iter()
            .filter_map(|e| e.task_id.clone())
            .collect();
        let agent_ids: Vec<String> = events
            .events
            .iter()
            .filter_map(|e| e.agent_id.clone())
            .collect();
        assert_eq!(a.task_ids, task_ids);
        assert_eq!(a.agent_ids, agent_ids);
        assert_eq!((a.next_seq, a.dropped), (events.next_seq, events.dropped));
        let parsed: AssignmentBatch =
            serde_json::from_str(&s.assignments_json(since, limit).unwrap()).unwrap();
        assert_eq!(parsed, a);
        for (t, agent) in a.task_ids.iter().zip(&a.agent_ids) {
            let holder = s.task(t).unwrap();
            // Tasks completed since keep no agent; the others are still with theirs.
            if holder.status != TaskStatus::Completed {
                assert_eq!(holder.agent.as_ref(), Some(agent));
            }
        }
    }
    let end = s.status().events.next_seq;
    assert!(s.assignments(end, 10).unwrap().task_ids.is_empty());
    assert!(s.assignments(end + 1, 10).is_err());
    assert!(s.assignments_json(end + 1, 10).is_err());
}

#[test]
fn assignments_report_dropped_events() {
    let mut s = swarm(SwarmConfig {
        event_log_capacity: 4,
        ..config(Topology::Mesh)
    });
    s.spawn_agent(agent("a", &[], 10)).unwrap();
    for i in 0..6 {
        s.orchestrate_task(task(&format!("t{i}"), &[])).unwrap();
    }
    let a = s.assignments(0, 100).unwrap();
    assert_eq!(a.dropped, 3);
    assert_eq!(a.task_ids, ["t2", "t3", "t4", "t5"]);
    assert_eq!(a.agent_ids, ["a", "a", "a", "a"]);
}

#[test]
fn json_batches_act_like_task_configs() {
    for strategy in Strategy::ALL {
        let (mut from_json, tasks) = workload(*strategy, 120);
        let mut from_configs = from_json.clone();
        for chunk in tasks.chunks(25) {
            let json = serde_json::to_string(chunk).unwrap();
            let a = from_json.orchestrate_tasks_json(&json).unwrap();
            let b = from_configs.orchestrate_tasks(chunk.to_vec()).unwrap();
            assert_eq!(a, b);
        }
        assert!(from_json.snapshot() == from_configs.snapshot());
        from_json.check_invariants().unwrap();
    }
    // Generated ids, defaults, escapes, unsorted and repeated lists.
    let (mut a, _) = workload(Strategy::RoundRobin, 0);
    let mut b = a.clone();
    let json = r#"[{"description":"line\none \"quoted\" \u00e9"},
        {"id":"k","description":"","priority":"critical","requiredCapabilities":["z","x","z"],
         "dependencies":["task-1","task-1"],"maxRetries":2}]"#;
    let configs: Vec<TaskConfig> = serde_json::from_str(json).unwrap();
    assert_eq!(
        a.orchestrate_tasks_json(json).unwrap(),
        b.orchestrate_tasks(configs).unwrap()
    );
    assert!(a.snapshot() == b.snapshot());
    assert_eq!(
        a.task("task-1").unwrap().description,
        "line\none \"quoted\" é"
    );
    assert_eq!(a.task("k").unwrap().dependencies, ["task-1"]);
    assert_eq!(a.task("k").unwrap().required_capabilities, ["x", "z"]);
}

#[test]
fn json_batch_errors_match_the_strict_path() {
    let (mut s, _) = workload(Strategy::CapabilityMatch, 0);
    s.orchestrate_task(task("old", &[])).unwrap();
    let cases: Vec<(&str, String)> = vec![
        (
            r#"[{"id":"old","description":""},{"description":""}]"#,
            "duplicate task id 'old': it is already in use".into(),
        ),
        (
            r#"[{"id":"a","description":"","dependencies":["b"]},{"id":"b","description":"","dependencies":["a"]}]"#,
            "dependency cycle: 'a' -> 'b' -> 'a' (each task depends on the next)".into(),
        ),
        (
            r#"[{"id":"a","description":"","dependencies":["ghost"]},{"description":""}]"#,
            "invalid dependencies of task 'a': unknown task 'ghost'".into(),
        ),
        (
            r#"[{"description":""},{"id":"bad id","description":""}]"#,
            String::new(),
        ),
        (
            r#"[{"description":""},{"description":"","maxRetries":5000}]"#,
            String::new(),
        ),
        (
            r#"[{"description":""},{"description":"","dependencies":["x","x"],"id":"x"}]"#,
            String::new(),
        ),
        (
            r#"[{"description":""},{"description":"","prioriti":"high"}]"#,
            String::new(),
        ),
        (
            r#"[{"description":""},{"description":"","requiredCapabilities":["a b"]}]"#,
            String::new(),
        ),
    ];
    for (json, want) in cases {
        let e = err_unchanged(&mut s, |s| s.orchestrate_tasks_json(json));
        if want.is_empty() {
            // The reference: the same tasks given as TaskConfigs (or their parse error).
            let reference = match serde_json::from_str::<Vec<TaskConfig>>(json) {
                Ok(configs) => err_unchanged(&mut s, |s| s.orchestrate_tasks(configs)),
                Err(parse) => Error::invalid("task list", format!("{parse}")),
            };
            assert_eq!(e.to_string(), reference.to_string(), "{json}");
        } else {
            assert_eq!(e.to_string(), want, "{json}");
        }
    }
    let e = err_unchanged(&mut s, |s| s.orchestrate_tasks_json("{}"));
    assert!(e.to_string().starts_with("invalid task list:"), "{e}");
    // A single entry reports like orchestrate_task.
    let e = err_unchanged(&mut s, |s| {
        s.orchestrate_tasks_json(r#"[{"id":"bad id","description":""}]"#)
    });
    assert!(e.to_string().starts_with("invalid task.id:"), "{e}");
    assert_eq!(
        s.orchestrate_tasks_json("[]").unwrap(),
        Vec::<String>::new()
    );
}

#[test]
fn event_json_parses_back_to_the_events() {
    let mut s = swarm(SwarmConfig {
        clock: crate::ClockMode::External,
        ..config(Topology::Star)
    });
    s.spawn_agent(agent("hub", &[], 2)).unwrap();
    s.spawn_agent(agent("leaf", &[], 1)).unwrap();
    let mut t = 0.0;
    for (i, step) in [0.1, 1e-7, 3.0, 123_456_789.5, 0.25, 1e20]
        .iter()
        .enumerate()
    {
        t += step;
        s.set_time(t).unwrap();
        s.orchestrate_task(task(&format!("t{i}"), &[])).unwrap();
        if i % 2 == 0 {
            s.complete_task(&format!("t{i}"), None).unwrap();
        }
    }
    s.remove_agent("leaf", Some("gone \u{1}")).unwrap_err();
    s.remove_agent("leaf", Some("gone")).unwrap();
    let json = s.events_json(0, 1000, &[]).unwrap();
    let events = s.events_since(0, 1000, &[]).unwrap();
    // Every time is written as Rust's shortest round-trip form (whole times as integers).
    for e in &events.events {
        let t = format!("{{\"seq\":{},\"time\":{},\"kind\"", e.seq, e.time);
        assert!(json.contains(&t), "{t} not in {json}");
    }
    // serde_json's default float parsing may differ in the last bit: compare the rest exactly.
    let mut parsed: EventBatch = serde_json::from_str(&json).unwrap();
    for (p, e) in parsed.events.iter_mut().zip(&events.events) {
        assert!((p.time - e.time).abs() <= e.time.abs() * 1e-15);
        p.time = e.time;
    }
    assert_eq!(parsed, events);
}
