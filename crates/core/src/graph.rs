//! Task-graph checks: dependency cycles and a dependency-first order for a batch of tasks.

use alloc::collections::BTreeMap;
use alloc::format;
use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;
use serde::{Deserialize, Serialize};

use crate::error::{EntityKind, Error};

/// A node of a task graph: a task identifier and the identifiers it depends on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GraphNode {
    /// The task's identifier.
    pub id: String,
    /// Identifiers of the tasks it depends on.
    #[serde(default)]
    pub dependencies: Vec<String>,
}

const WHITE: u8 = 0;
const GREY: u8 = 1;
const BLACK: u8 = 2;

/// Orders a batch of tasks so that every task comes after the batch tasks it depends on.
///
/// `nodes[i]` is `(id, dependencies)`. A dependency must name a task of the batch or one for
/// which `exists_outside` returns true. Returns the batch indices in dependency-first order
/// (stable: among independent tasks, batch order is kept), or the first problem found: a
/// duplicate identifier in the batch, an unknown dependency, or a cycle (listed in
/// [`Error::Cycle`], each task depending on the next). Iterative: deep chains do not recurse.
pub fn topological_order<D: AsRef<str>>(
    nodes: &[(&str, &[D])],
    exists_outside: &dyn Fn(&str) -> bool,
) -> Result<Vec<usize>, Error> {
    let mut index: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, (id, _)) in nodes.iter().enumerate() {
        if index.insert(id, i).is_some() {
            return Err(Error::duplicate(EntityKind::Task, *id));
        }
    }
    // Resolve edges once: in-batch dependency indices per node.
    let mut edges: Vec<Vec<usize>> = Vec::with_capacity(nodes.len());
    for (id, deps) in nodes {
        let mut list = Vec::new();
        for dep in deps.iter() {
            let dep = dep.as_ref();
            match index.get(dep) {
                Some(&j) => list.push(j),
                None if exists_outside(dep) => {}
                None => {
                    return Err(Error::invalid(
                        format!("dependencies of task '{id}'"),
                        format!("unknown task '{dep}'"),
                    ))
                }
            }
        }
        edges.push(list);
    }
    let mut color = vec![WHITE; nodes.len()];
    let mut order = Vec::with_capacity(nodes.len());
    // Stack of (node, index of the next edge to explore).
    let mut stack: Vec<(usize, usize)> = Vec::new();
    for root in 0..nodes.len() {
        if color[root] != WHITE {
            continue;
        }
        color[root] = GREY;
        stack.push((root, 0));
        while let Some(top) = stack.last_mut() {
            let (node, next) = *top;
            if let Some(&dep) = edges[node].get(next) {
                top.1 += 1;
                match color[dep] {
                    WHITE => {
                        color[dep] = GREY;
                        stack.push((dep, 0));
                    }
                    GREY => {
                        // The stack from `dep` to the top is a path dep -> ... -> node, each
                        // depending on the next; `node` depends on `dep`, closing the cycle.
                        let start = stack.iter().rposition(|&(n, _)| n == dep).unwrap_or(0);
                        let mut cycle: Vec<String> = stack[start..]
                            .iter()
                            .map(|&(n, _)| String::from(nodes[n].0))
                            .collect();
                        cycle.push(String::from(nodes[dep].0));
                        return Err(Error::Cycle { cycle });
                    }
                    _ => {}
                }
            } else {
                color[node] = BLACK;
                order.push(node);
                stack.pop();
            }
        }
    }
    Ok(order)
}

/// Finds a dependency cycle among `nodes` (dependencies outside `nodes` are ignored).
///
/// Returns the cycle, each task depending on the next and the first repeated at the end, or
/// `None` when the graph is acyclic. Duplicate identifiers are an error.
pub fn find_cycle(nodes: &[GraphNode]) -> Result<Option<Vec<String>>, Error> {
    let view: Vec<(&str, &[String])> = nodes
        .iter()
        .map(|n| (n.id.as_str(), n.dependencies.as_slice()))
        .collect();
    match topological_order(&view, &|_| true) {
        Ok(_) => Ok(None),
        Err(Error::Cycle { cycle }) => Ok(Some(cycle)),
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::ToString;

    fn node(id: &str, deps: &[&str]) -> GraphNode {
        GraphNode {
            id: id.to_string(),
            dependencies: deps.iter().map(|d| d.to_string()).collect(),
        }
    }

    #[test]
    fn orders_dependencies_first() {
        let nodes = [
            ("c", &["b"][..]),
            ("b", &["a"][..]),
            ("a", &[][..]),
            ("d", &["x"][..]),
        ];
        let order = topological_order(&nodes, &|id| id == "x").unwrap();
        assert_eq!(order, vec![2, 1, 0, 3]);
    }

    #[test]
    fn names_the_cycle() {
        let nodes = vec![
            node("a", &["b"]),
            node("b", &["c"]),
            node("c", &["a"]),
            node("d", &[]),
        ];
        let cycle = find_cycle(&nodes).unwrap().unwrap();
        assert_eq!(cycle, vec!["a", "b", "c", "a"]);
        assert_eq!(find_cycle(&nodes[3..]).unwrap(), None);
        let selfloop = vec![node("s", &["s"])];
        assert_eq!(find_cycle(&selfloop).unwrap().unwrap(), vec!["s", "s"]);
    }

    #[test]
    fn cycle_reached_through_a_tail() {
        let nodes = vec![node("t", &["a"]), node("a", &["b"]), node("b", &["a"])];
        assert_eq!(find_cycle(&nodes).unwrap().unwrap(), vec!["a", "b", "a"]);
    }

    #[test]
    fn rejects_unknown_and_duplicate() {
        let nodes = [("a", &["zz"][..])];
        let e = topological_order(&nodes, &|_| false).unwrap_err();
        assert_eq!(
            e.to_string(),
            "invalid dependencies of task 'a': unknown task 'zz'"
        );
        let dup = vec![node("a", &[]), node("a", &[])];
        assert_eq!(
            find_cycle(&dup).unwrap_err(),
            Error::duplicate(EntityKind::Task, "a")
        );
    }

    #[test]
    fn deep_chain_does_not_overflow() {
        let ids: Vec<String> = (0..200_000).map(|i| i.to_string()).collect();
        let deps: Vec<Vec<String>> = (0..200_000)
            .map(|i| {
                if i + 1 < 200_000 {
                    vec![ids[i + 1].clone()]
                } else {
                    vec![]
                }
            })
            .collect();
        let nodes: Vec<(&str, &[String])> = ids
            .iter()
            .zip(&deps)
            .map(|(i, d)| (i.as_str(), d.as_slice()))
            .collect();
        let order = topological_order(&nodes, &|_| false).unwrap();
        assert_eq!(order.len(), 200_000);
        assert_eq!(order[0], 199_999);
    }
}
