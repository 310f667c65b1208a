use super::memory;
use crate::records::*;
use crate::Error;
use alloc::string::String;
use alloc::string::ToString;
use alloc::vec;
use alloc::vec::Vec;
use ruv_core::{AgentRole, AgentStatus, TaskPriority, TaskStatus};
use serde_json::json;

fn agent(id: &str, status: AgentStatus, time: f64) -> AgentInput {
    AgentInput {
        id: id.into(),
        name: Some(alloc::format!("agent {id}")),
        role: Some(AgentRole::Researcher),
        status,
        capabilities: vec!["search".into(), "read".into(), "search".into()],
        data: Some(json!({ "model": "m1", "score": 0.5 })),
        time: Some(time),
    }
}

fn task(id: &str, status: TaskStatus, agent: Option<&str>, time: f64) -> TaskInput {
    TaskInput {
        id: id.into(),
        description: Some(alloc::format!("do {id}")),
        priority: Some(TaskPriority::High),
        status,
        agent_id: agent.map(String::from),
        dependencies: vec![],
        result: None,
        error: None,
        data: None,
        time: Some(time),
    }
}

#[test]
fn agents_save_load_update_list_delete() {
    let mut s = memory();
    let saved = s
        .save_agent("swarm-1", &agent("a1", AgentStatus::Idle, 10.0))
        .unwrap();
    assert_eq!(
        saved.capabilities,
        ["read", "search"],
        "sorted, without duplicates"
    );
    assert_eq!((saved.created_at, saved.updated_at), (10.0, 10.0));
    assert_eq!(saved.data, Some(json!({ "model": "m1", "score": 0.5 })));
    // An update keeps the creation time.
    let updated = s
        .save_agent("swarm-1", &agent("a1", AgentStatus::Busy, 20.0))
        .unwrap();
    assert_eq!(
        (updated.created_at, updated.updated_at, updated.status),
        (10.0, 20.0, AgentStatus::Busy)
    );
    assert_eq!(s.get_agent("swarm-1", "a1").unwrap(), Some(updated.clone()));
    s.save_agents(
        "swarm-1",
        &[
            agent("a2", AgentStatus::Idle, 30.0),
            agent("a3", AgentStatus::Busy, 30.0),
        ],
    )
    .unwrap();
    s.save_agent("swarm-2", &agent("a1", AgentStatus::Idle, 30.0))
        .unwrap();
    let busy: Vec<String> = s
        .list_agents(
            "swarm-1",
            &AgentQuery {
                status: Some(AgentStatus::Busy),
                ..Default::default()
            },
        )
        .unwrap()
        .into_iter()
        .map(|a| a.id)
        .collect();
    assert_eq!(busy, ["a1", "a3"]);
    assert_eq!(
        s.list_agents("swarm-1", &AgentQuery::default())
            .unwrap()
            .len(),
        3
    );
    let page: Vec<String> = s
        .list_agents(
            "swarm-1",
            &AgentQuery {
                limit: Some(1),
                offset: Some(1),
                ..Default::default()
            },
        )
        .unwrap()
        .into_iter()
        .map(|a| a.id)
        .collect();
    assert_eq!(page, ["a2"]);
    assert!(s.delete_agent("swarm-1", "a1").unwrap());
    assert!(!s.delete_agent("swarm-1", "a1").unwrap());
    assert_eq!(s.get_agent("swarm-1", "a1").unwrap(), None);
    assert!(
        s.get_agent("swarm-2", "a1").unwrap().is_some(),
        "swarms are separate"
    );
    // The default time is the store's clock.
    let mut a = agent("a9", AgentStatus::Idle, 0.0);
    a.time = None;
    assert_eq!(s.save_agent("swarm-1", &a).unwrap().updated_at, 1_000.0);
}

#[test]
fn a_failed_batch_saves_nothing() {
    let mut s = memory();
    let mut bad = agent("bad one", AgentStatus::Idle, 1.0);
    bad.name = None;
    let err = s
        .save_agents("s", &[agent("ok", AgentStatus::Idle, 1.0), bad])
        .unwrap_err();
    assert!(matches!(err, Error::Input(_)), "{err}");
    assert!(err.to_string().contains("agent.id"), "{err}");
    assert_eq!(s.list_agents("s", &AgentQuery::default()).unwrap(), vec![]);
}

#[test]
fn tasks_query_by_status_agent_and_time() {
    let mut s = memory();
    s.save_tasks(
        "s",
        &[
            task("t1", TaskStatus::Completed, Some("a1"), 10.0),
            task("t2", TaskStatus::Running, Some("a1"), 20.0),
            task("t3", TaskStatus::Running, Some("a2"), 30.0),
            task("t4", TaskStatus::Pending, None, 40.0),
        ],
    )
    .unwrap();
    let ids = |q: TaskQuery, s: &mut crate::Store| -> Vec<String> {
        s.list_tasks("s", &q)
            .unwrap()
            .into_iter()
            .map(|t| t.id)
            .collect()
    };
    assert_eq!(
        ids(
            TaskQuery {
                status: Some(TaskStatus::Running),
                ..Default::default()
            },
            &mut s
        ),
        ["t2", "t3"]
    );
    assert_eq!(
        ids(
            TaskQuery {
                agent_id: Some("a1".into()),
                ..Default::default()
            },
            &mut s
        ),
        ["t1", "t2"]
    );
    assert_eq!(
        ids(
            TaskQuery {
                since: Some(20.0),
                until: Some(40.0),
                ..Default::default()
            },
            &mut s
        ),
        ["t2", "t3"]
    );
    assert_eq!(
        ids(
            TaskQuery {
                status: Some(TaskStatus::Running),
                agent_id: Some("a2".into()),
                ..Default::default()
            },
            &mut s
        ),
        ["t3"]
    );
    assert_eq!(
        ids(
            TaskQuery {
                limit: Some(2),
                offset: Some(1),
                ..Default::default()
            },
            &mut s
        ),
        ["t2", "t3"]
    );
    let t = s.get_task("s", "t4").unwrap().unwrap();
    assert_eq!(
        (t.priority, t.agent_id, t.description.as_str()),
        (TaskPriority::High, None, "do t4")
    );
    let mut done = task("t4", TaskStatus::Completed, Some("a2"), 50.0);
    done.result = Some("42".into());
    done.dependencies = vec!["t1".into()];
    let t = s.save_task("s", &done).unwrap();
    assert_eq!(
        (
            t.created_at,
            t.updated_at,
            t.result.as_deref(),
            t.dependencies.len()
        ),
        (40.0, 50.0, Some("42"), 1)
    );
    assert!(s.delete_task("s", "t4").unwrap());
    let err = s
        .list_tasks(
            "s",
            &TaskQuery {
                since: Some(f64::NAN),
                ..Default::default()
            },
        )
        .unwrap_err();
    assert!(err.to_string().contains("since"), "{err}");
}

#[test]
fn events_append_and_query() {
    let mut s = memory();
    let seqs = s
        .append_events(
            "s",
            &[
                EventInput {
                    kind: "taskAssigned".into(),
                    agent_id: Some("a1".into()),
                    task_id: Some("t1".into()),
                    time: Some(1.0),
                    data: None,
                },
                EventInput {
                    kind: "taskCompleted".into(),
                    agent_id: Some("a1".into()),
                    task_id: Some("t1".into()),
                    time: Some(2.0),
                    data: Some(json!({"ok": true})),
                },
                EventInput {
                    kind: "agentJoined".into(),
                    agent_id: Some("a2".into()),
                    task_id: None,
                    time: Some(3.0),
                    data: None,
                },
            ],
        )
        .unwrap();
    assert_eq!(seqs.len(), 3);
    assert!(seqs.windows(2).all(|w| w[0] < w[1]));
    s.append_events(
        "other",
        &[EventInput {
            kind: "x".into(),
            agent_id: None,
            task_id: None,
            time: Some(1.5),
            data: None,
        }],
    )
    .unwrap();
    let kinds = |q: EventQuery, s: &mut crate::Store| -> Vec<String> {
        s.query_events("s", &q)
            .unwrap()
            .into_iter()
            .map(|e| e.kind)
            .collect()
    };
    assert_eq!(
        kinds(EventQuery::default(), &mut s),
        ["taskAssigned", "taskCompleted", "agentJoined"]
    );
    assert_eq!(
        kinds(
            EventQuery {
                since: Some(2.0),
                ..Default::default()
            },
            &mut s
        ),
        ["taskCompleted", "agentJoined"]
    );
    assert_eq!(
        kinds(
            EventQuery {
                until: Some(2.0),
                ..Default::default()
            },
            &mut s
        ),
        ["taskAssigned"]
    );
    assert_eq!(
        kinds(
            EventQuery {
                kinds: Some(vec!["agentJoined".into(), "taskAssigned".into()]),
                ..Default::default()
            },
            &mut s
        ),
        ["taskAssigned", "agentJoined"]
    );
    assert_eq!(
        kinds(
            EventQuery {
                after_seq: Some(seqs[0]),
                limit: Some(1),
                ..Default::default()
            },
            &mut s
        ),
        ["taskCompleted"]
    );
    assert_eq!(
        kinds(
            EventQuery {
                task_id: Some("t1".into()),
                ..Default::default()
            },
            &mut s
        ),
        ["taskAssigned", "taskCompleted"]
    );
    let e = &s
        .query_events(
            "s",
            &EventQuery {
                agent_id: Some("a1".into()),
                since: Some(2.0),
                ..Default::default()
            },
        )
        .unwrap()[0];
    assert_eq!(e.data, Some(json!({"ok": true})));
    let err = s
        .append_events(
            "s",
            &[EventInput {
                kind: String::new(),
                agent_id: None,
                task_id: None,
                time: None,
                data: None,
            }],
        )
        .unwrap_err();
    assert!(err.to_string().contains("events[0].kind"), "{err}");
}

#[test]
fn messages_send_query_mark_read() {
    let mut s = memory();
    let m1 = s
        .send_message(
            "s",
            &MessageInput {
                from: "a1".into(),
                to: Some("a2".into()),
                kind: None,
                content: "hello".into(),
                time: Some(1.0),
            },
        )
        .unwrap();
    let m2 = s
        .send_message(
            "s",
            &MessageInput {
                from: "a2".into(),
                to: Some("a1".into()),
                kind: Some("reply".into()),
                content: "hi\nthere".into(),
                time: Some(2.0),
            },
        )
        .unwrap();
    let _b = s
        .send_message(
            "s",
            &MessageInput {
                from: "a1".into(),
                to: None,
                kind: None,
                content: "all".into(),
                time: Some(3.0),
            },
        )
        .unwrap();
    let to_a2 = s
        .query_messages(
            "s",
            &MessageQuery {
                to: Some("a2".into()),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(to_a2.len(), 1);
    assert_eq!(
        (
            to_a2[0].id,
            to_a2[0].kind.as_str(),
            to_a2[0].content.as_str()
        ),
        (m1, "message", "hello")
    );
    assert_eq!(
        s.query_messages(
            "s",
            &MessageQuery {
                from: Some("a1".into()),
                ..Default::default()
            }
        )
        .unwrap()
        .len(),
        2
    );
    assert_eq!(
        s.mark_messages_read("s", &[m1, m2, 999], Some(5.0))
            .unwrap(),
        2
    );
    assert_eq!(
        s.mark_messages_read("s", &[m1], Some(6.0)).unwrap(),
        0,
        "already read"
    );
    let unread = s
        .query_messages(
            "s",
            &MessageQuery {
                unread_only: Some(true),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(unread.len(), 1);
    assert_eq!(unread[0].to, None, "the broadcast");
    let all = s.query_messages("s", &MessageQuery::default()).unwrap();
    assert_eq!(all[0].read_at, Some(5.0));
}

#[test]
fn metrics_record_query_summarize() {
    let mut s = memory();
    let mut tags = alloc::collections::BTreeMap::new();
    tags.insert(String::from("host"), String::from("n1"));
    let m = |v: f64, t: f64, agent: Option<&str>| MetricInput {
        name: "latency".into(),
        value: v,
        agent_id: agent.map(String::from),
        time: Some(t),
        tags: None,
    };
    s.record_metrics(
        "s",
        &[
            m(10.0, 1.0, Some("a1")),
            m(20.0, 2.0, Some("a2")),
            m(30.0, 3.0, Some("a1")),
        ],
    )
    .unwrap();
    s.record_metrics(
        "s",
        &[MetricInput {
            name: "throughput".into(),
            value: 5.0,
            agent_id: None,
            time: Some(2.0),
            tags: Some(tags.clone()),
        }],
    )
    .unwrap();
    let latency = s
        .query_metrics(
            "s",
            &MetricQuery {
                name: Some("latency".into()),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(
        latency.iter().map(|m| m.value).collect::<Vec<_>>(),
        [10.0, 20.0, 30.0]
    );
    let t = s
        .query_metrics(
            "s",
            &MetricQuery {
                name: Some("throughput".into()),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(t[0].tags, Some(tags));
    let sum = s
        .summarize_metric(
            "s",
            "latency",
            &MetricQuery {
                agent_id: Some("a1".into()),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(
        (sum.count, sum.sum, sum.min, sum.max, sum.mean),
        (2, 40.0, Some(10.0), Some(30.0), Some(20.0))
    );
    let none = s
        .summarize_metric(
            "s",
            "latency",
            &MetricQuery {
                since: Some(100.0),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(
        (none.count, none.sum, none.min, none.mean),
        (0, 0.0, None, None)
    );
    let err = s
        .record_metrics("s", &[m(f64::INFINITY, 1.0, None)])
        .unwrap_err();
    assert!(err.to_string().contains("metrics[0].value"), "{err}");
}

#[test]
fn snapshots_and_swarms() {
    let mut s = memory();
    let first = s
        .save_snapshot("swarm-a", &[1, 2, 3], Some("first"), Some(1.0))
        .unwrap();
    let second = s
        .save_snapshot("swarm-a", &[4, 5], None, Some(2.0))
        .unwrap();
    s.save_agent("swarm-b", &agent("x", AgentStatus::Idle, 1.0))
        .unwrap();
    assert_eq!(
        s.load_snapshot("swarm-a", None).unwrap(),
        Some(vec![4, 5]),
        "latest"
    );
    assert_eq!(
        s.load_snapshot("swarm-a", Some(first)).unwrap(),
        Some(vec![1, 2, 3])
    );
    assert_eq!(
        s.load_snapshot("swarm-b", Some(first)).unwrap(),
        None,
        "another swarm's id"
    );
    let list = s.list_snapshots("swarm-a").unwrap();
    assert_eq!(
        list.iter()
            .map(|i| (i.id, i.size, i.label.clone()))
            .collect::<Vec<_>>(),
        [(first, 3, Some("first".into())), (second, 2, None)]
    );
    assert_eq!(s.list_swarms().unwrap(), ["swarm-a", "swarm-b"]);
    assert!(s.save_snapshot("swarm-a", &[], None, None).is_err());
    assert!(s.delete_snapshot("swarm-a", first).unwrap());
    assert_eq!(s.delete_swarm("swarm-a").unwrap(), 1);
    assert_eq!(s.list_swarms().unwrap(), ["swarm-b"]);
    let stats = s.stats().unwrap();
    assert_eq!(
        (stats.agents, stats.snapshots, stats.schema_version),
        (1, 0, 2)
    );
    assert!(s.check_integrity().unwrap().is_empty());
}
