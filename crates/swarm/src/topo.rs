//! Topology rules: who may hand work to whom, routes through the topology, and the upkeep of
//! the hierarchical tree.
//!
//! - mesh: anyone to anyone;
//! - star: the hub (the longest-serving live agent) to anyone, anyone to the hub;
//! - ring: live agents in joining order form a ring; each reaches its two neighbours;
//! - hierarchical: a tree (parents always joined before their children); each agent reaches
//!   its parent and its children.

use alloc::collections::BTreeSet;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use ruv_core::{Error, Topology};

use crate::swarm::{Swarm, NONE};

impl Swarm {
    /// The star's hub: the longest-serving live agent.
    pub(crate) fn hub(&self) -> u32 {
        self.live.first().copied().unwrap_or(NONE)
    }

    /// Next live agent after `a` in joining order, wrapping around.
    fn ring_next(&self, a: u32) -> u32 {
        self.live
            .range(a.saturating_add(1)..)
            .next()
            .or_else(|| self.live.first())
            .copied()
            .unwrap_or(NONE)
    }

    /// Previous live agent before `a` in joining order, wrapping around.
    fn ring_prev(&self, a: u32) -> u32 {
        self.live
            .range(..a)
            .next_back()
            .or_else(|| self.live.last())
            .copied()
            .unwrap_or(NONE)
    }

    /// Whether live agent `from` may hand work directly to live agent `to`.
    pub(crate) fn may_hand_off(&self, from: u32, to: u32) -> bool {
        if from == to || from == NONE || to == NONE {
            return false;
        }
        match self.config.topology {
            Topology::Mesh => true,
            Topology::Star => {
                let hub = self.hub();
                from == hub || to == hub
            }
            Topology::Ring => self.ring_next(from) == to || self.ring_prev(from) == to,
            Topology::Hierarchical => {
                self.agents[from as usize].parent == to || self.agents[to as usize].parent == from
            }
        }
    }

    fn direct_neighbours(&self, a: u32) -> Vec<u32> {
        let mut out: Vec<u32> = match self.config.topology {
            Topology::Mesh => self.live.iter().copied().filter(|&b| b != a).collect(),
            Topology::Star => {
                let hub = self.hub();
                if a == hub {
                    self.live.iter().copied().filter(|&b| b != a).collect()
                } else {
                    Vec::from([hub])
                }
            }
            Topology::Ring => Vec::from([self.ring_prev(a), self.ring_next(a)]),
            Topology::Hierarchical => {
                let r = &self.agents[a as usize];
                let mut v = r.children.clone();
                if r.parent != NONE {
                    v.push(r.parent);
                }
                v
            }
        };
        out.retain(|&b| b != a && b != NONE);
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The live agents `agent` may hand work to directly, in joining order.
    pub fn neighbours(&self, agent: &str) -> Result<Vec<String>, Error> {
        let a = self.live_agent_idx(agent)?;
        Ok(self
            .direct_neighbours(a)
            .into_iter()
            .map(|b| self.agent_id(b).to_string())
            .collect())
    }

    /// The shortest chain of hand-offs from `from` to `to` allowed by the topology, both ends
    /// included (`[from]` when they are the same agent).
    pub fn route(&self, from: &str, to: &str) -> Result<Vec<String>, Error> {
        let f = self.live_agent_idx(from)?;
        let t = self.live_agent_idx(to)?;
        let path: Vec<u32> = if f == t {
            Vec::from([f])
        } else {
            match self.config.topology {
                Topology::Mesh => Vec::from([f, t]),
                Topology::Star => {
                    let hub = self.hub();
                    if f == hub || t == hub {
                        Vec::from([f, t])
                    } else {
                        Vec::from([f, hub, t])
                    }
                }
                Topology::Ring => {
                    let ring: Vec<u32> = self.live.iter().copied().collect();
                    let n = ring.len();
                    let pf = ring.iter().position(|&x| x == f).unwrap_or(0);
                    let pt = ring.iter().position(|&x| x == t).unwrap_or(0);
                    let forward = (pt + n - pf) % n;
                    if forward <= n - forward {
                        (0..=forward)
                            .filter_map(|k| ring.get((pf + k) % n).copied())
                            .collect()
                    } else {
                        (0..=n - forward)
                            .filter_map(|k| ring.get((pf + n - k) % n).copied())
                            .collect()
                    }
                }
                Topology::Hierarchical => self.tree_path(f, t)?,
            }
        };
        Ok(path
            .into_iter()
            .map(|a| self.agent_id(a).to_string())
            .collect())
    }

    fn ancestors(&self, mut a: u32) -> Vec<u32> {
        let mut chain = Vec::from([a]);
        // Parents always have smaller indices, so this terminates; the bound guards anyway.
        while chain.len() <= self.agents.len() {
            let p = self.agents[a as usize].parent;
            if p == NONE {
                break;
            }
            chain.push(p);
            a = p;
        }
        chain
    }

    fn tree_path(&self, f: u32, t: u32) -> Result<Vec<u32>, Error> {
        let up = self.ancestors(f);
        let on_up: BTreeSet<u32> = up.iter().copied().collect();
        let down = self.ancestors(t);
        let Some(meet) = down.iter().position(|a| on_up.contains(a)) else {
            return Err(Error::state(
                "internal: the agents are not in the same tree".to_string(),
            ));
        };
        let lca = down[meet];
        let mut path: Vec<u32> = up.iter().copied().take_while(|&a| a != lca).collect();
        path.push(lca);
        path.extend(down[..meet].iter().rev());
        Ok(path)
    }

    /// Parent for an agent joining a hierarchical swarm without an explicit parent: the
    /// longest-serving live agent with fewer than `hierarchyFanout` children (breadth-first
    /// filling), or `NONE` for the first agent.
    pub(crate) fn auto_parent(&mut self) -> u32 {
        if self.live.is_empty() {
            return NONE;
        }
        let fanout = self.config.hierarchy_fanout as usize;
        let n = self.agents.len() as u32;
        for pass in 0..2 {
            if pass == 1 {
                self.parent_cursor = 0;
            }
            while self.parent_cursor < n {
                let r = &self.agents[self.parent_cursor as usize];
                if !r.removed && r.children.len() < fanout {
                    return self.parent_cursor;
                }
                self.parent_cursor += 1;
            }
        }
        // Every live agent is full (only possible after re-parenting): use the root.
        self.live
            .iter()
            .copied()
            .find(|&a| self.agents[a as usize].parent == NONE)
            .unwrap_or(NONE)
    }

    /// Takes a leaving agent out of the tree: its children move to its parent; if it was the
    /// root, its oldest child becomes the root and adopts its siblings.
    pub(crate) fn detach_from_hierarchy(&mut self, a: u32) {
        if self.config.topology != Topology::Hierarchical {
            return;
        }
        let kids = core::mem::take(&mut self.agents[a as usize].children);
        let parent = self.agents[a as usize].parent;
        self.agents[a as usize].parent = NONE;
        if parent != NONE {
            let siblings = &mut self.agents[parent as usize].children;
            siblings.retain(|&c| c != a);
            siblings.extend_from_slice(&kids);
            siblings.sort_unstable();
            for &k in &kids {
                self.agents[k as usize].parent = parent;
            }
        } else if let Some((&new_root, rest)) = kids.split_first() {
            self.agents[new_root as usize].parent = NONE;
            for &k in rest {
                self.agents[k as usize].parent = new_root;
            }
            let adopted = &mut self.agents[new_root as usize].children;
            adopted.extend_from_slice(rest);
            adopted.sort_unstable();
        }
    }
}
