//! Bad input: every failing call returns a clear error and leaves the swarm unchanged.

use alloc::string::ToString;

use super::*;
use crate::EventKind;

fn busy_swarm() -> Swarm {
    let mut s = swarm(config(Topology::Mesh));
    s.spawn_agent(agent("a", &["x"], 1)).unwrap();
    s.spawn_agent(agent("b", &[], 1)).unwrap();
    s.orchestrate_task(task("assigned", &[])).unwrap();
    s.orchestrate_task(task("running", &[])).unwrap();
    s.start_task("running").unwrap();
    s.orchestrate_task(task("ready", &[])).unwrap();
    s.orchestrate_task(task("pending", &["ready"])).unwrap();
    s
}

#[test]
fn unknown_ids_are_errors() {
    let mut s = busy_swarm();
    type Op = fn(&mut Swarm) -> Result<(), Error>;
    let cases: [(&str, Op); 9] = [
        ("unknown task 'nope'", |s| s.start_task("nope")),
        ("unknown task 'nope'", |s| s.complete_task("nope", None)),
        ("unknown task 'nope'", |s| {
            s.fail_task("nope", "e").map(|_| ())
        }),
        ("unknown task 'nope'", |s| s.hand_off("nope", "a")),
        ("unknown agent 'ghost'", |s| s.hand_off("assigned", "ghost")),
        ("unknown agent 'ghost'", |s| s.remove_agent("ghost", None)),
        ("unknown agent 'ghost'", |s| {
            s.route("ghost", "a").map(|_| ())
        }),
        ("unknown agent 'ghost'", |s| {
            s.neighbours("ghost").map(|_| ())
        }),
        ("unknown agent 'ghost'", |s| s.agent("ghost").map(|_| ())),
    ];
    for (msg, op) in cases {
        let e = err_unchanged(&mut s, op);
        assert_eq!(e.to_string(), msg);
    }
    let e = err_unchanged(&mut s, |s| s.task("nope"));
    assert_eq!(e.to_string(), "unknown task 'nope'");
}

#[test]
fn duplicate_ids_are_errors() {
    let mut s = busy_swarm();
    let e = err_unchanged(&mut s, |s| s.spawn_agent(agent("a", &[], 1)));
    assert_eq!(
        e.to_string(),
        "duplicate agent id 'a': it is already in use"
    );
    let e = err_unchanged(&mut s, |s| s.orchestrate_task(task("ready", &[])));
    assert_eq!(
        e.to_string(),
        "duplicate task id 'ready': it is already in use"
    );
    // Removed agents keep their id.
    s.remove_agent("b", None).unwrap();
    let e = err_unchanged(&mut s, |s| s.spawn_agent(agent("b", &[], 1)));
    assert!(matches!(e, Error::DuplicateId { .. }));
}

#[test]
fn invalid_configs_are_errors() {
    for (cfg, msg) in [
        (
            SwarmConfig {
                max_agents: 0,
                ..SwarmConfig::default()
            },
            "invalid swarm.maxAgents: is 0; it must be between 1 and 100000",
        ),
        (
            SwarmConfig {
                event_log_capacity: 0,
                ..SwarmConfig::default()
            },
            "invalid swarm.eventLogCapacity: is 0; it must be between 1 and 10000000",
        ),
        (
            SwarmConfig {
                id: Some(String::new()),
                ..SwarmConfig::default()
            },
            "invalid swarm.id: must not be empty",
        ),
    ] {
        assert_eq!(Swarm::new(cfg).unwrap_err().to_string(), msg);
    }
    let mut s = busy_swarm();
    let bad_agents = [
        (agent("c", &["has space"], 1), "agent.capabilities[0]"),
        (agent("c", &[], 0), "agent.maxConcurrent"),
        (agent("c", &[], 2000), "agent.maxConcurrent"),
        (agent("bad id", &[], 1), "agent.id"),
        (
            AgentConfig {
                name: Some("line\nbreak".into()),
                ..agent("c", &[], 1)
            },
            "agent.name",
        ),
        (
            AgentConfig {
                parent: Some("a".into()),
                ..agent("c", &[], 1)
            },
            "agent.parent",
        ),
    ];
    for (cfg, field) in bad_agents {
        let e = err_unchanged(&mut s, |s| s.spawn_agent(cfg));
        assert!(
            e.to_string()
                .starts_with(&alloc::format!("invalid {field}")),
            "{e}"
        );
    }
    let long = "x".repeat(70_000);
    let bad_tasks = [
        (
            TaskConfig {
                description: long,
                ..task("c", &[])
            },
            "task.description",
        ),
        (
            task_with("c", &[""], TaskPriority::Low),
            "task.requiredCapabilities[0]",
        ),
        (task("c", &["bad dep"]), "task.dependencies[0]"),
    ];
    for (cfg, field) in bad_tasks {
        let e = err_unchanged(&mut s, |s| s.orchestrate_task(cfg));
        assert!(
            e.to_string()
                .starts_with(&alloc::format!("invalid {field}")),
            "{e}"
        );
    }
}

#[test]
fn life_cycle_misuse_is_an_error() {
    let mut s = busy_swarm();
    let e = err_unchanged(&mut s, |s| s.complete_task("ready", None));
    assert_eq!(
        e.to_string(),
        "cannot complete task 'ready': it is not assigned to an agent (it is ready)"
    );
    let e = err_unchanged(&mut s, |s| s.complete_task("pending", None));
    assert!(e.to_string().contains("(it is pending)"), "{e}");
    let e = err_unchanged(&mut s, |s| s.start_task("running"));
    assert_eq!(
        e.to_string(),
        "cannot start task 'running': it is already running on agent 'a'"
    );
    let e = err_unchanged(&mut s, |s| s.fail_task("ready", "x"));
    assert!(e.to_string().contains("not assigned"), "{e}");
    s.complete_task("assigned", Some("r")).unwrap();
    let e = err_unchanged(&mut s, |s| s.complete_task("assigned", Some("again")));
    assert_eq!(
        e.to_string(),
        "cannot complete task 'assigned': it was already completed"
    );
    let e = err_unchanged(&mut s, |s| s.start_task("assigned"));
    assert!(e.to_string().contains("already completed"), "{e}");
    assert_eq!(s.task("assigned").unwrap().result.as_deref(), Some("r"));
    let e = err_unchanged(&mut s, |s| s.fail_task("running", "bad\u{0}byte"));
    assert!(e.to_string().starts_with("invalid error"), "{e}");
    let e = err_unchanged(&mut s, |s| s.remove_agent("a", Some("\u{7}")));
    assert!(e.to_string().starts_with("invalid reason"), "{e}");
    // Exactly one completion event for the task.
    let completions = all_events(&s)
        .iter()
        .filter(|e| e.kind == EventKind::TaskCompleted)
        .count();
    assert_eq!(completions, 1);
}

#[test]
fn hand_off_misuse_is_an_error() {
    let mut s = busy_swarm();
    // Capability match put "assigned" on b (no extra capabilities) and "running" on a.
    assert_eq!(holder(&s, "assigned").as_deref(), Some("b"));
    let e = err_unchanged(&mut s, |s| s.hand_off("assigned", "b"));
    assert_eq!(
        e.to_string(),
        "task 'assigned' is already held by agent 'b'"
    );
    let e = err_unchanged(&mut s, |s| s.hand_off("assigned", "a"));
    assert!(e.to_string().contains("maxConcurrent"), "{e}");
    let e = err_unchanged(&mut s, |s| s.hand_off("ready", "b"));
    assert!(e.to_string().contains("not assigned"), "{e}");
    s.spawn_agent(agent("c", &[], 1)).unwrap();
    assert_eq!(holder(&s, "ready").as_deref(), Some("c"));
    s.spawn_agent(agent("d", &["y"], 2)).unwrap();
    s.orchestrate_task(task_with("needs-x", &["x"], TaskPriority::Low))
        .unwrap();
    assert_eq!(status(&s, "needs-x"), TaskStatus::Ready);
    s.complete_task("running", None).unwrap();
    assert_eq!(holder(&s, "needs-x").as_deref(), Some("a"));
    let e = err_unchanged(&mut s, |s| s.hand_off("needs-x", "d"));
    assert_eq!(
        e.to_string(),
        "agent 'd' lacks capabilities required by task 'needs-x': x"
    );
    s.remove_agent("d", None).unwrap();
    let e = err_unchanged(&mut s, |s| s.hand_off("needs-x", "d"));
    assert!(e.to_string().contains("was removed"), "{e}");
}
