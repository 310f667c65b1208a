//! snapshot()/restore(): round trips, identical continuation, and rejection of bad bytes.

use alloc::string::ToString;
use alloc::vec;
use alloc::vec::Vec;

use super::*;
use crate::snapshot::{FORMAT_VERSION, MAGIC};
use crate::Strategy;

fn populated(topology: Topology, strategy: Strategy) -> Swarm {
    let mut s = swarm(SwarmConfig {
        strategy,
        seed: 99,
        max_retries: 1,
        ..config(topology)
    });
    s.spawn_agent(agent("a", &["x", "y"], 2)).unwrap();
    s.spawn_agent(agent("b", &["y"], 1)).unwrap();
    s.spawn_agent(agent("c", &[], 3)).unwrap();
    s.orchestrate_tasks(vec![
        task("t1", &[]),
        task_with("t2", &["y"], TaskPriority::High),
        task("t3", &["t1", "t2"]),
        task_with("t4", &["x"], TaskPriority::Critical),
        task("t5", &["t4"]),
        task("t6", &[]),
        task("t7", &[]),
    ])
    .unwrap();
    s.start_task("t1").unwrap();
    s.fail_task("t2", "oops").unwrap();
    s.complete_task("t4", Some("four")).unwrap();
    s.remove_agent("b", Some("bye")).unwrap();
    s
}

fn continue_ops(s: &mut Swarm) {
    s.spawn_agent(agent("d", &["x", "y"], 2)).unwrap();
    for t in s.tasks(Some(TaskStatus::Assigned)) {
        s.complete_task(&t.id, Some("r")).unwrap();
    }
    for t in s.tasks(Some(TaskStatus::Running)) {
        s.fail_task(&t.id, "late").unwrap();
    }
    s.orchestrate_task(task("t8", &["t3"])).unwrap();
}

#[test]
fn round_trip_is_exact_and_continues_identically() {
    for topology in Topology::ALL {
        for strategy in Strategy::ALL {
            let mut original = populated(*topology, *strategy);
            let bytes = original.snapshot();
            assert_eq!(&bytes[..8], MAGIC);
            let mut restored = Swarm::restore(&bytes).unwrap();
            assert_eq!(restored.snapshot(), bytes);
            assert_eq!(restored.status(), original.status());
            continue_ops(&mut original);
            continue_ops(&mut restored);
            assert!(original.snapshot() == restored.snapshot());
            assert_eq!(all_events(&original), all_events(&restored));
            restored.check_invariants().unwrap();
        }
    }
}

#[test]
fn same_calls_same_state() {
    let a = populated(Topology::Ring, Strategy::Random);
    let b = populated(Topology::Ring, Strategy::Random);
    assert!(a.snapshot() == b.snapshot());
}

#[test]
fn rejects_altered_truncated_and_foreign_bytes() {
    let s = populated(Topology::Hierarchical, Strategy::LeastLoaded);
    let bytes = s.snapshot();
    for cut in [0, 5, 10, 17, bytes.len() / 2, bytes.len() - 1] {
        let e = Swarm::restore(&bytes[..cut]).unwrap_err();
        assert_eq!(e.code(), "corrupt", "cut at {cut}: {e}");
    }
    // Flip every byte in turn: always an error, never a panic.
    let mut altered = bytes.clone();
    for i in 0..altered.len() {
        altered[i] ^= 0x5a;
        assert!(Swarm::restore(&altered).is_err(), "flip at {i} accepted");
        altered[i] ^= 0x5a;
    }
    let mut wrong = bytes.clone();
    wrong[8..10].copy_from_slice(&(FORMAT_VERSION + 1).to_le_bytes());
    let e = Swarm::restore(&wrong).unwrap_err();
    assert!(
        e.to_string().contains("format version 2 is not supported"),
        "{e}"
    );
    let e = Swarm::restore(b"definitely not a swarm snapshot").unwrap_err();
    assert!(e.to_string().contains("bad magic"), "{e}");
    let mut extra = bytes[..bytes.len() - 8].to_vec();
    extra.push(0);
    let sum = fnv(&extra);
    extra.extend_from_slice(&sum.to_le_bytes());
    let e = Swarm::restore(&extra).unwrap_err();
    assert!(e.to_string().contains("trailing"), "{e}");
}

fn fnv(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// Re-seals a body with a valid checksum, so the structural checks are what rejects it.
fn sealed(mut body: Vec<u8>) -> Vec<u8> {
    let sum = fnv(&body);
    body.extend_from_slice(&sum.to_le_bytes());
    body
}

#[test]
fn rejects_well_sealed_but_inconsistent_state() {
    let s = populated(Topology::Mesh, Strategy::CapabilityMatch);
    let bytes = s.snapshot();
    let body = &bytes[..bytes.len() - 8];
    let mut rejected = 0;
    let mut accepted = 0;
    // Change each byte to a few values, reseal, and restore: no panic; any accepted state
    // must satisfy every invariant (restore checks them).
    for i in 10..body.len() {
        for v in [0u8, 1, 2, 0x7f, 0x80, 0xff] {
            if body[i] == v {
                continue;
            }
            let mut b = body.to_vec();
            b[i] = v;
            match Swarm::restore(&sealed(b)) {
                Ok(restored) => {
                    restored.check_invariants().unwrap();
                    accepted += 1;
                }
                Err(e) => {
                    assert_eq!(e.code(), "corrupt");
                    rejected += 1;
                }
            }
        }
    }
    assert!(
        rejected > 0 && accepted > 0,
        "{rejected} rejected, {accepted} accepted"
    );
}

#[test]
fn a_task_held_by_no_live_agent_is_rejected() {
    // Build a state by hand through the format: take a valid snapshot of a swarm whose only
    // agent holds a task, then mark the agent removed (flag byte after maxConcurrent).
    let mut s = swarm(config(Topology::Mesh));
    s.spawn_agent(agent("only", &[], 1)).unwrap();
    s.orchestrate_task(task("t", &[])).unwrap();
    let bytes = s.snapshot();
    let body = &bytes[..bytes.len() - 8];
    // Locate the agent record: id "only" is followed by name "only", role, pattern, 0 caps,
    // maxConcurrent 1, removed flag 0.
    let pat = [4u8, b'o', b'n', b'l', b'y', 4, b'o', b'n', b'l', b'y'];
    let at = body
        .windows(pat.len())
        .position(|w| w == pat)
        .expect("agent record");
    let flag = at + pat.len() + 2 + 1 + 1;
    assert_eq!(body[flag], 0);
    let mut b = body.to_vec();
    b[flag] = 1;
    let e = Swarm::restore(&sealed(b)).unwrap_err();
    assert!(e.to_string().contains("held by agent 'only'"), "{e}");
}
