//! Tournament trees behind the scheduler's hot path: [`MinTree`] (a minimum over positions
//! whose values change one at a time) and, on top of it, [`FreeSet`], the free-slot index of a
//! capability class.
//!
//! Every leaf holds a `u64` (or [`MinTree::EMPTY`]), every inner node the minimum of its
//! children: the minimum is the root, and a change of one leaf costs one walk towards the root
//! that stops as soon as a node's value is unchanged. This replaces ordered sets, where every
//! load change of an agent meant a removal and an insertion in each of its classes.

use alloc::vec;
use alloc::vec::Vec;

use crate::swarm::SlotKey;

/// A minimum over a growing list of `u64` leaves. See the module documentation.
#[derive(Debug, Clone, Default)]
pub(crate) struct MinTree {
    /// Empty, or `2 * size` nodes with `size` (a power of two, at least `len`) leaves from
    /// index `size` on; node `i` has children `2i` and `2i + 1`.
    tree: Vec<u64>,
    /// Number of leaves in use.
    len: usize,
}

impl MinTree {
    /// Value of an empty leaf (larger than every value stored).
    pub const EMPTY: u64 = u64::MAX;

    fn size(&self) -> usize {
        self.tree.len() / 2
    }

    /// Number of leaves.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Appends a leaf; returns its position.
    pub fn push(&mut self, value: u64) -> u32 {
        let p = self.len;
        if p >= self.size() {
            // Double the leaves and rebuild: amortized constant per leaf.
            let size = (self.size() * 2).max(4);
            let mut tree = vec![Self::EMPTY; 2 * size];
            if let (Some(new), Some(old)) = (
                tree.get_mut(size..size + p),
                self.tree.get(self.size()..self.size() + p),
            ) {
                new.copy_from_slice(old);
            }
            for i in (1..size).rev() {
                tree[i] = tree[2 * i].min(tree[2 * i + 1]);
            }
            self.tree = tree;
        }
        self.len += 1;
        self.set(p as u32, value);
        p as u32
    }

    /// Leaf `p`'s value (`EMPTY` for positions not in use).
    pub fn get(&self, p: u32) -> u64 {
        if p as usize >= self.len {
            return Self::EMPTY;
        }
        self.tree
            .get(self.size() + p as usize)
            .copied()
            .unwrap_or(Self::EMPTY)
    }

    /// Sets leaf `p` (in use); returns its previous value.
    pub fn set(&mut self, p: u32, value: u64) -> u64 {
        if p as usize >= self.len {
            return Self::EMPTY;
        }
        let mut i = self.size() + p as usize;
        let Some(leaf) = self.tree.get_mut(i) else {
            return Self::EMPTY;
        };
        let old = core::mem::replace(leaf, value);
        if old == value {
            return old;
        }
        while i > 1 {
            let here = self.tree.get(i).copied().unwrap_or(Self::EMPTY);
            let sibling = self.tree.get(i ^ 1).copied().unwrap_or(Self::EMPTY);
            i /= 2;
            let Some(node) = self.tree.get_mut(i) else {
                break;
            };
            let min = here.min(sibling);
            if *node == min {
                // Every node above depends on this one's value only.
                break;
            }
            *node = min;
        }
        old
    }

    /// The smallest value (`EMPTY` if every leaf is).
    pub fn min(&self) -> u64 {
        self.tree.get(1).copied().unwrap_or(Self::EMPTY)
    }

    /// The first leaf at position `p` or after that is not `EMPTY`, assuming values increase
    /// with position among non-empty leaves (so that every subtree's minimum is its leftmost
    /// non-empty leaf).
    pub fn first_from(&self, p: usize) -> u64 {
        if p >= self.len {
            return Self::EMPTY;
        }
        let at = |i: usize| self.tree.get(i).copied().unwrap_or(Self::EMPTY);
        let mut i = self.size() + p;
        if at(i) != Self::EMPTY {
            return at(i);
        }
        while i > 1 {
            if i % 2 == 0 && at(i + 1) != Self::EMPTY {
                return at(i + 1);
            }
            i /= 2;
        }
        Self::EMPTY
    }

    /// Checks that every inner node is the minimum of its children and unused leaves are empty.
    pub fn check(&self) -> Result<(), alloc::string::String> {
        use alloc::format;
        let size = self.size();
        if self.len > size || (size > 0 && !size.is_power_of_two()) {
            return Err(format!(
                "tree has {} leaves in use and {size} in all",
                self.len
            ));
        }
        if self
            .tree
            .iter()
            .skip(size + self.len)
            .any(|&v| v != Self::EMPTY)
        {
            return Err("tree has a value in an unused leaf".into());
        }
        for i in 1..size {
            if self.tree[i] != self.tree[2 * i].min(self.tree[2 * i + 1]) {
                return Err(format!("tree node {i} is stale"));
            }
        }
        Ok(())
    }
}

/// The free-slot index of a capability class.
///
/// Members are the live agents satisfying the class (plus agents that satisfied it and left,
/// kept as never-free entries), in joining order. A member's leaf holds its [`SlotKey`] packed
/// into one `u64` that orders like the key ([`SlotKey::packed`]) while it has a free slot.
#[derive(Debug, Clone, Default)]
pub(crate) struct FreeSet {
    /// Member agents, in increasing agent index.
    members: Vec<u32>,
    tree: MinTree,
    /// Number of free members.
    free: u32,
}

impl FreeSet {
    /// Adds agent `agent` (larger than every member) with its key; returns its position.
    pub fn push(&mut self, agent: u32, key: SlotKey, free: bool) -> u32 {
        self.members.push(agent);
        let p = self.tree.push(MinTree::EMPTY);
        self.set(p, key, free);
        p
    }

    /// Sets member `p`'s key and whether it has a free slot.
    pub fn set(&mut self, p: u32, key: SlotKey, free: bool) {
        let value = if free { key.packed() } else { MinTree::EMPTY };
        let was = self.tree.set(p, value) != MinTree::EMPTY;
        match (was, free) {
            (false, true) => self.free += 1,
            (true, false) => self.free -= 1,
            _ => {}
        }
    }

    /// Whether no member is free.
    pub fn is_empty(&self) -> bool {
        self.free == 0
    }

    fn agent(value: u64) -> Option<u32> {
        (value != MinTree::EMPTY).then(|| SlotKey::agent_of(value))
    }

    /// The agent with the smallest key among the free members.
    pub fn first(&self) -> Option<u32> {
        Self::agent(self.tree.min())
    }

    /// The free member with the smallest agent index at least `agent`. Valid when keys are
    /// ordered like agent indices (the round-robin and random strategies).
    pub fn first_from(&self, agent: u32) -> Option<u32> {
        let p0 = self.members.partition_point(|&a| a < agent);
        Self::agent(self.tree.first_from(p0))
    }

    /// Member `p`'s agent, and its packed key if it is free.
    pub fn member(&self, p: u32) -> Option<(u32, Option<u64>)> {
        let agent = *self.members.get(p as usize)?;
        let leaf = self.tree.get(p);
        Some((agent, (leaf != MinTree::EMPTY).then_some(leaf)))
    }

    /// The free members' agents, in member order.
    pub fn iter_free(&self) -> impl Iterator<Item = u32> + '_ {
        (0..self.members.len() as u32).filter_map(|p| Self::agent(self.tree.get(p)))
    }

    /// Checks the structure: members ascending, leaves naming their members, the tree and the
    /// free count consistent.
    pub fn check(&self) -> Result<(), alloc::string::String> {
        use alloc::format;
        self.tree.check()?;
        if self.tree.len() != self.members.len() {
            return Err(format!(
                "free set has {} members and {} leaves",
                self.members.len(),
                self.tree.len()
            ));
        }
        if !self.members.windows(2).all(|w| w[0] < w[1]) {
            return Err("free set members are not in joining order".into());
        }
        let mut free = 0;
        for (p, &a) in self.members.iter().enumerate() {
            if let Some(agent) = Self::agent(self.tree.get(p as u32)) {
                if agent != a {
                    return Err(format!("free set leaf {p} names another agent"));
                }
                free += 1;
            }
        }
        if free != self.free {
            return Err(format!(
                "free set counts {} free members, has {free}",
                self.free
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::SplitMix64;
    use alloc::collections::BTreeSet;

    fn key(agent: u32, load: u32, cap: u32) -> SlotKey {
        SlotKey {
            spec: agent % 3,
            load,
            cap,
            agent,
        }
    }

    /// Packed keys order exactly like keys, for every load below the capacity.
    #[test]
    fn packed_keys_order_like_keys() {
        use ruv_core::validate::{MAX_CAPABILITIES, MAX_CONCURRENT_LIMIT};
        let mut rng = SplitMix64::new(3);
        let caps = [1, 2, 3, 7, 999, 1000, 1023, MAX_CONCURRENT_LIMIT];
        let mut keys = Vec::new();
        for &cap in &caps {
            for load in [0, 1, 2, cap / 3, cap / 2, cap.saturating_sub(2), cap - 1] {
                for spec in [0, 1, MAX_CAPABILITIES as u32] {
                    for agent in [0, 5, u32::MAX - 1] {
                        keys.push(SlotKey {
                            spec,
                            load: load.min(cap - 1),
                            cap,
                            agent,
                        });
                    }
                }
            }
        }
        for _ in 0..3000 {
            let cap = 1 + rng.below(u64::from(MAX_CONCURRENT_LIMIT)) as u32;
            keys.push(SlotKey {
                spec: rng.below(4) as u32,
                load: rng.below(u64::from(cap)) as u32,
                cap,
                agent: rng.below(50) as u32,
            });
        }
        for a in &keys {
            assert_eq!(SlotKey::agent_of(a.packed()), a.agent);
            for b in keys.iter().step_by(7) {
                assert_eq!(a.packed().cmp(&b.packed()), a.cmp(b), "{a:?} vs {b:?}");
            }
        }
    }

    /// Random updates agree with an ordered set of the free keys.
    #[test]
    fn agrees_with_an_ordered_set() {
        let mut rng = SplitMix64::new(11);
        let mut set = FreeSet::default();
        let mut model: BTreeSet<SlotKey> = BTreeSet::new();
        // Agents' keys are unique (they name the agent).
        let mut current: Vec<(SlotKey, bool)> = Vec::new();
        for step in 0..5000u32 {
            if current.len() < 70 && rng.below(10) == 0 {
                let a = current.len() as u32 * 2 + 1;
                let k = key(a, 0, 1 + a % 4);
                let free = rng.below(2) == 0;
                assert_eq!(set.push(a, k, free), current.len() as u32);
                current.push((k, free));
                if free {
                    model.insert(k);
                }
            } else if !current.is_empty() {
                let p = rng.below(current.len() as u64) as usize;
                let (old, was) = current[p];
                let k = key(old.agent, rng.below(5) as u32, old.cap);
                let free = rng.below(3) != 0;
                if was {
                    model.remove(&old);
                }
                if free {
                    model.insert(k);
                }
                set.set(p as u32, k, free);
                current[p] = (k, free);
            }
            set.check().unwrap();
            assert_eq!(set.first(), model.first().map(|k| k.agent), "step {step}");
            assert_eq!(set.is_empty(), model.is_empty());
            assert_eq!(set.iter_free().count(), model.len());
        }
    }

    #[test]
    fn first_from_finds_the_next_free_agent_in_joining_order() {
        let mut set = FreeSet::default();
        let k = |a: u32| SlotKey {
            spec: 0,
            load: 0,
            cap: 1,
            agent: a,
        };
        for a in 0..20u32 {
            set.push(a * 3, k(a * 3), a % 4 == 1);
        }
        // Free agents: 3, 15, 27, 39, 51.
        assert_eq!(set.first_from(0), Some(3));
        assert_eq!(set.first_from(3), Some(3));
        assert_eq!(set.first_from(4), Some(15));
        assert_eq!(set.first_from(40), Some(51));
        assert_eq!(set.first_from(52), None);
        assert_eq!(set.first(), Some(3));
        set.set(0, k(0), true);
        assert_eq!(set.first_from(0), Some(0));
        assert_eq!(FreeSet::default().first_from(0), None);
        assert_eq!(FreeSet::default().first(), None);
    }
}
