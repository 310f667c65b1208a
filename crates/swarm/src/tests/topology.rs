//! Topology rules: hand-offs, neighbours, routes and the hierarchy's upkeep.

use alloc::string::{String, ToString};
use alloc::vec::Vec;

use super::*;
use crate::EventKind;

fn with_agents(topology: Topology, ids: &[&str]) -> Swarm {
    let mut s = swarm(SwarmConfig {
        hierarchy_fanout: 2,
        ..config(topology)
    });
    for id in ids {
        s.spawn_agent(agent(id, &[], 2)).unwrap();
    }
    s
}

/// Puts a fresh task on agent `on` by handing it over from wherever it landed, if allowed.
fn task_on(s: &mut Swarm, id: &str, on: &str) {
    s.orchestrate_task(task(id, &[])).unwrap();
    let at = holder(s, id).unwrap();
    if at != on {
        let route = s.route(&at, on).unwrap();
        for hop in &route[1..] {
            s.hand_off(id, hop).unwrap();
        }
    }
    assert_eq!(holder(s, id).as_deref(), Some(on));
}

fn strings(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

#[test]
fn mesh_allows_everything() {
    let mut s = with_agents(Topology::Mesh, &["a", "b", "c"]);
    task_on(&mut s, "t", "a");
    s.hand_off("t", "c").unwrap();
    assert_eq!(s.neighbours("b").unwrap(), strings(&["a", "c"]));
    assert_eq!(s.route("a", "c").unwrap(), strings(&["a", "c"]));
    assert_eq!(s.route("a", "a").unwrap(), strings(&["a"]));
    let ev = all_events(&s).pop().unwrap();
    assert_eq!(ev.kind, EventKind::TaskHandedOff);
    assert_eq!(ev.from_agent_id.as_deref(), Some("a"));
    assert_eq!(ev.agent_id.as_deref(), Some("c"));
    assert_eq!(s.status().metrics.hand_offs, 1);
}

#[test]
fn star_goes_through_the_hub() {
    let mut s = with_agents(Topology::Star, &["hub", "l1", "l2"]);
    assert_eq!(s.status().hub.as_deref(), Some("hub"));
    task_on(&mut s, "t", "l1");
    let e = err_unchanged(&mut s, |s| s.hand_off("t", "l2"));
    assert_eq!(
        e.to_string(),
        "the star topology does not let agent 'l1' hand work to agent 'l2' (work passes through the hub: only hub <-> agent hand-offs are allowed)"
    );
    assert_eq!(s.route("l1", "l2").unwrap(), strings(&["l1", "hub", "l2"]));
    assert_eq!(s.neighbours("l1").unwrap(), strings(&["hub"]));
    assert_eq!(s.neighbours("hub").unwrap(), strings(&["l1", "l2"]));
    s.hand_off("t", "hub").unwrap();
    s.hand_off("t", "l2").unwrap();
    // The hub leaving makes the longest-serving remaining agent the hub.
    s.remove_agent("hub", None).unwrap();
    assert_eq!(s.status().hub.as_deref(), Some("l1"));
    assert_eq!(s.route("l2", "l1").unwrap(), strings(&["l2", "l1"]));
}

#[test]
fn ring_reaches_neighbours_only() {
    let mut s = with_agents(Topology::Ring, &["a", "b", "c", "d", "e"]);
    assert_eq!(s.neighbours("a").unwrap(), strings(&["b", "e"]));
    assert_eq!(s.route("a", "d").unwrap(), strings(&["a", "e", "d"]));
    assert_eq!(s.route("a", "c").unwrap(), strings(&["a", "b", "c"]));
    task_on(&mut s, "t", "a");
    let e = err_unchanged(&mut s, |s| s.hand_off("t", "c"));
    assert!(matches!(e, Error::TopologyViolation { .. }), "{e}");
    s.hand_off("t", "e").unwrap();
    // Removing a closes the ring.
    s.remove_agent("a", None).unwrap();
    assert_eq!(s.neighbours("b").unwrap(), strings(&["c", "e"]));
    s.hand_off("t", "b").unwrap();
}

#[test]
fn hierarchy_places_agents_breadth_first_and_routes_via_parents() {
    // Fan-out 2: root r; r -> a, b; a -> c, d; b -> e.
    let mut s = with_agents(Topology::Hierarchical, &["r", "a", "b", "c", "d", "e"]);
    let parent = |s: &Swarm, id: &str| s.agent(id).unwrap().parent;
    assert_eq!(parent(&s, "r"), None);
    assert_eq!(parent(&s, "a").as_deref(), Some("r"));
    assert_eq!(parent(&s, "b").as_deref(), Some("r"));
    assert_eq!(parent(&s, "c").as_deref(), Some("a"));
    assert_eq!(parent(&s, "d").as_deref(), Some("a"));
    assert_eq!(parent(&s, "e").as_deref(), Some("b"));
    assert_eq!(s.status().root.as_deref(), Some("r"));
    assert_eq!(
        s.route("c", "e").unwrap(),
        strings(&["c", "a", "r", "b", "e"])
    );
    assert_eq!(s.route("c", "a").unwrap(), strings(&["c", "a"]));
    assert_eq!(s.route("r", "d").unwrap(), strings(&["r", "a", "d"]));
    assert_eq!(s.neighbours("a").unwrap(), strings(&["r", "c", "d"]));
    task_on(&mut s, "t", "c");
    let e = err_unchanged(&mut s, |s| s.hand_off("t", "d"));
    assert!(e.to_string().contains("parent or to their children"), "{e}");
    // An explicit parent.
    s.spawn_agent(AgentConfig {
        parent: Some("e".into()),
        ..agent("f", &[], 1)
    })
    .unwrap();
    assert_eq!(parent(&s, "f").as_deref(), Some("e"));
    // Removing a moves c and d up to r.
    s.remove_agent("a", None).unwrap();
    assert_eq!(parent(&s, "c").as_deref(), Some("r"));
    assert_eq!(parent(&s, "d").as_deref(), Some("r"));
    s.check_invariants().unwrap();
    // Removing the root promotes its oldest child, which adopts the others.
    s.remove_agent("r", None).unwrap();
    assert_eq!(s.status().root.as_deref(), Some("b"));
    assert_eq!(parent(&s, "c").as_deref(), Some("b"));
    assert_eq!(parent(&s, "d").as_deref(), Some("b"));
    assert_eq!(parent(&s, "e").as_deref(), Some("b"));
    s.check_invariants().unwrap();
    let e = err_unchanged(&mut s, |s| {
        s.spawn_agent(AgentConfig {
            parent: Some("a".into()),
            ..agent("g", &[], 1)
        })
    });
    assert!(e.to_string().contains("was removed"), "{e}");
}
