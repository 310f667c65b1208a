//! Batch operations for hosts that drive many tasks at once: tasks read without copying their
//! strings ([`TaskSpec`]), `start_tasks`/`complete_tasks`, and the assignments of the event log
//! in column form.
//!
//! Each batch call behaves exactly like the corresponding sequence of single calls (same ticks
//! of the logical clock, same events, same assignments), except that the whole batch is checked
//! first: on any error nothing changes.

use alloc::borrow::Cow;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use serde::{Deserialize, Deserializer, Serialize};

use ruv_core::validate::{
    validate_capability, validate_id, validate_range, validate_text, MAX_CAPABILITIES,
    MAX_DEPENDENCIES, MAX_DESCRIPTION_LEN, MAX_RESULT_LEN, MAX_RETRIES_LIMIT,
};
use ruv_core::{Error, TaskConfig, TaskPriority, TaskStatus};

use crate::events::EventKind;
use crate::swarm::{json_string, Swarm, NONE};

/// A string of a [`TaskSpec`] or an id list, borrowed from the input text when it needs no
/// unescaping.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(transparent)]
pub(crate) struct Text<'a>(#[serde(borrow)] pub Cow<'a, str>);

impl AsRef<str> for Text<'_> {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

/// `Some(text)`; unlike `Option`'s own deserializer, a JSON `null` is an error.
fn some_text<'de: 'a, 'a, D: Deserializer<'de>>(d: D) -> Result<Option<Text<'a>>, D::Error> {
    Text::deserialize(d).map(Some)
}

/// `Some(n)`; a JSON `null` is an error.
fn some_u32<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u32>, D::Error> {
    u32::deserialize(d).map(Some)
}

/// A task to add: the fields of [`TaskConfig`], borrowing its strings (from a `TaskConfig`, or
/// straight from JSON text).
///
/// Deserializing accepts the same JSON as `TaskConfig` except `null` anywhere (which
/// `JSON.stringify` writes for `NaN` and `undefined` array entries): callers then take the
/// strict path, whose errors are the reference.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(crate) struct TaskSpec<'a> {
    #[serde(borrow, default, deserialize_with = "some_text")]
    pub id: Option<Text<'a>>,
    #[serde(borrow)]
    pub description: Text<'a>,
    #[serde(default)]
    pub priority: TaskPriority,
    #[serde(borrow, default)]
    pub required_capabilities: Vec<Text<'a>>,
    #[serde(borrow, default)]
    pub dependencies: Vec<Text<'a>>,
    #[serde(default, deserialize_with = "some_u32")]
    pub max_retries: Option<u32>,
}

impl<'a> TaskSpec<'a> {
    /// A view of a task that [`TaskConfig::into_normalized`] accepted.
    pub fn of(t: &'a TaskConfig) -> TaskSpec<'a> {
        let text = |s: &'a String| Text(Cow::Borrowed(s.as_str()));
        TaskSpec {
            id: t.id.as_ref().map(text),
            description: text(&t.description),
            priority: t.priority,
            required_capabilities: t.required_capabilities.iter().map(text).collect(),
            dependencies: t.dependencies.iter().map(text).collect(),
            max_retries: t.max_retries,
        }
    }

    /// Brings the task to the form `TaskConfig::into_normalized` gives (capabilities sorted
    /// and de-duplicated, dependencies de-duplicated keeping the first occurrence) if it
    /// passes every check of `into_normalized`. Returns `false`, leaving the task in an
    /// unspecified order, if it does not: the caller then takes the strict path for the
    /// reference error. Allocates nothing when the task is valid.
    pub fn normalize(&mut self) -> bool {
        if let Some(id) = &self.id {
            if validate_id("", id.as_ref()).is_err() {
                return false;
            }
        }
        if validate_text("", self.description.as_ref(), MAX_DESCRIPTION_LEN, true).is_err() {
            return false;
        }
        let caps = &mut self.required_capabilities;
        if caps.len() > MAX_CAPABILITIES
            || caps
                .iter()
                .any(|c| validate_capability("", c.as_ref()).is_err())
        {
            return false;
        }
        if caps.len() > 1 {
            caps.sort_unstable();
            caps.dedup();
        }
        let deps = &mut self.dependencies;
        if deps.len() > MAX_DEPENDENCIES
            || deps.iter().any(|d| validate_id("", d.as_ref()).is_err())
        {
            return false;
        }
        dedup_keep_first(deps);
        if let Some(id) = &self.id {
            if deps.iter().any(|d| d == id) {
                return false;
            }
        }
        if let Some(n) = self.max_retries {
            if validate_range("", n, 0, MAX_RETRIES_LIMIT).is_err() {
                return false;
            }
        }
        true
    }
}

/// Removes repeated entries, keeping each first occurrence in place.
fn dedup_keep_first(items: &mut Vec<Text<'_>>) {
    let n = items.len();
    if n < 2 {
        return;
    }
    if n <= 16 {
        let mut kept = 0;
        for i in 0..n {
            if !items[..kept].contains(&items[i]) {
                items.swap(kept, i);
                kept += 1;
            }
        }
        items.truncate(kept);
        return;
    }
    // Longer lists: sort positions by value and drop every position but the first of a run.
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| items[a].cmp(&items[b]).then(a.cmp(&b)));
    let mut keep = alloc::vec![true; n];
    for w in order.windows(2) {
        if items[w[0]] == items[w[1]] {
            keep[w[1]] = false;
        }
    }
    let mut i = 0;
    items.retain(|_| {
        let k = keep[i];
        i += 1;
        k
    });
}

/// The `taskAssigned` events of a stretch of the event log, in column form: entry `i` of
/// `task_ids` went to agent `agent_ids[i]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AssignmentBatch {
    /// Assigned tasks, in event order.
    pub task_ids: Vec<String>,
    /// The agent each task went to.
    pub agent_ids: Vec<String>,
    /// Pass this as `since` to read on (one past the last event looked at).
    pub next_seq: u64,
    /// Events after `since` that were dropped from the bounded log before being read.
    pub dropped: u64,
}

impl Swarm {
    /// Checks every id of a batch with `check` (which returns the task's index), then that no
    /// task is listed twice.
    fn check_batch<S: AsRef<str>>(
        &self,
        ids: &[S],
        mut check: impl FnMut(usize, &str) -> Result<u32, Error>,
    ) -> Result<Vec<u32>, Error> {
        let mut tasks = Vec::with_capacity(ids.len());
        for (i, id) in ids.iter().enumerate() {
            tasks.push(check(i, id.as_ref())?);
        }
        if tasks.len() > 1 {
            let mut sorted = tasks.clone();
            sorted.sort_unstable();
            if let Some(w) = sorted.windows(2).find(|w| w[0] == w[1]) {
                return Err(Error::invalid(
                    "taskIds",
                    format!("lists task '{}' more than once", self.task_id(w[0])),
                ));
            }
        }
        Ok(tasks)
    }

    /// Starts several assigned tasks: the same as [`start_task`](Self::start_task) on each
    /// in order, but checked as a whole first (every id known and assigned, none repeated):
    /// on error nothing changes.
    pub fn start_tasks<S: AsRef<str>>(&mut self, ids: &[S]) -> Result<(), Error> {
        let tasks = self.check_batch(ids, |_, id| self.startable(id))?;
        for t in tasks {
            self.begin(t);
        }
        Ok(())
    }

    /// Completes several assigned or running tasks, with optional results (`results[i]` for
    /// `ids[i]`): the same as [`complete_task`](Self::complete_task) on each in order, but
    /// checked as a whole first (every id known and active, none repeated, every result
    /// valid, as many results as ids): on error nothing changes.
    pub fn complete_tasks<S: AsRef<str>, R: AsRef<str>>(
        &mut self,
        ids: &[S],
        results: Option<&[R]>,
    ) -> Result<(), Error> {
        if let Some(results) = results {
            if results.len() != ids.len() {
                return Err(Error::invalid(
                    "results",
                    format!(
                        "has {} entries for {} task ids; give one result per task",
                        results.len(),
                        ids.len()
                    ),
                ));
            }
        }
        let result = |i: usize| results.and_then(|r| r.get(i)).map(AsRef::as_ref);
        let tasks = self.check_batch(ids, |i, id| {
            let t = self.active_task(id, "complete")?;
            if let Some(r) = result(i) {
                // Name the entry only on failure: no allocation on the common path.
                if validate_text("", r, MAX_RESULT_LEN, true).is_err() {
                    validate_text(&format!("results[{i}]"), r, MAX_RESULT_LEN, true)?;
                }
            }
            Ok(t)
        })?;
        for (i, t) in tasks.into_iter().enumerate() {
            self.finish(t, result(i));
        }
        Ok(())
    }

    /// Visits the `taskAssigned` events from `since` on (at most `limit`).
    fn scan_assignments(
        &self,
        since: u64,
        limit: usize,
        mut visit: impl FnMut(u32, u32),
    ) -> Result<(u64, u64), Error> {
        self.scan_events(since, limit, &[EventKind::TaskAssigned], |_, e| {
            visit(e.task, e.agent)
        })
    }

    /// The tasks assigned from event `since` on (at most `limit`), with their agents: the
    /// `taskAssigned` events of [`events_since`](Self::events_since) in column form.
    pub fn assignments(&self, since: u64, limit: usize) -> Result<AssignmentBatch, Error> {
        let mut task_ids = Vec::new();
        let mut agent_ids = Vec::new();
        let (next_seq, dropped) = self.scan_assignments(since, limit, |t, a| {
            task_ids.push(String::from(self.task_id(t)));
            agent_ids.push(String::from(self.agent_id(a)));
        })?;
        Ok(AssignmentBatch {
            task_ids,
            agent_ids,
            next_seq,
            dropped,
        })
    }

    /// [`assignments`](Self::assignments) as the JSON text of an [`AssignmentBatch`] (one
    /// string and one `JSON.parse` for JavaScript).
    pub fn assignments_json(&self, since: u64, limit: usize) -> Result<String, Error> {
        use core::fmt::Write;
        let mut tasks = String::from("{\"taskIds\":[");
        let mut agents = String::from("],\"agentIds\":[");
        let mut first = true;
        let (next_seq, dropped) = self.scan_assignments(since, limit, |t, a| {
            if !first {
                tasks.push(',');
                agents.push(',');
            }
            first = false;
            json_string(&mut tasks, self.task_id(t));
            json_string(&mut agents, if a == NONE { "" } else { self.agent_id(a) });
        })?;
        tasks.push_str(&agents);
        let _ = write!(tasks, "],\"nextSeq\":{next_seq},\"dropped\":{dropped}}}");
        Ok(tasks)
    }

    /// Adds the tasks of a JSON text holding a `TaskConfig` array, like
    /// [`orchestrate_tasks`](Self::orchestrate_tasks) (atomically; returns their ids in batch
    /// order). Strings that need no unescaping are not copied while reading.
    pub fn orchestrate_tasks_json(&mut self, json: &str) -> Result<Vec<String>, Error> {
        let added = match self.orchestrate_json_fast(json) {
            Some(result) => result?,
            None => {
                let batch: Vec<TaskConfig> = serde_json::from_str(json)
                    .map_err(|e| Error::invalid("task list", format!("{e}")))?;
                return self.orchestrate_tasks(batch);
            }
        };
        Ok(added
            .iter()
            .map(|&t| String::from(self.task_id(t)))
            .collect())
    }

    /// The fast path of [`orchestrate_tasks_json`](Self::orchestrate_tasks_json): `None`,
    /// changing nothing, when the text does not parse as [`TaskSpec`]s or an entry does not
    /// pass [`TaskSpec::normalize`] (the caller then takes its strict path, whose errors are
    /// the reference); otherwise the result of adding the tasks (their indices).
    ///
    /// `json` is an array of tasks, or with `single` one task.
    pub(crate) fn orchestrate_json_fast_with(
        &mut self,
        json: &str,
        single: bool,
    ) -> Option<Result<Vec<u32>, Error>> {
        let mut specs: Vec<TaskSpec<'_>> = if single {
            alloc::vec![serde_json::from_str(json).ok()?]
        } else {
            serde_json::from_str(json).ok()?
        };
        if !specs.iter_mut().all(TaskSpec::normalize) {
            return None;
        }
        Some(self.orchestrate_specs(&specs))
    }

    /// [`orchestrate_json_fast_with`](Self::orchestrate_json_fast_with) for an array.
    pub(crate) fn orchestrate_json_fast(&mut self, json: &str) -> Option<Result<Vec<u32>, Error>> {
        self.orchestrate_json_fast_with(json, false)
    }

    /// Whether task `t` is running (for `start_task`'s error).
    pub(crate) fn is_running(&self, t: u32) -> bool {
        self.tasks
            .get(t as usize)
            .is_some_and(|r| r.status == TaskStatus::Running)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn specs_borrow_plain_strings_and_reject_null() {
        let text = r#"[{"id":"a","description":"x\ny","dependencies":["b","c","b"],"requiredCapabilities":["z","y","z"]}]"#;
        let mut specs: Vec<TaskSpec> = serde_json::from_str(text).unwrap();
        let s = &mut specs[0];
        assert!(matches!(s.id.as_ref().unwrap().0, Cow::Borrowed("a")));
        assert!(matches!(s.description.0, Cow::Owned(_)));
        assert!(s.normalize());
        let deps: Vec<&str> = s.dependencies.iter().map(AsRef::as_ref).collect();
        assert_eq!(deps, ["b", "c"]);
        let caps: Vec<&str> = s.required_capabilities.iter().map(AsRef::as_ref).collect();
        assert_eq!(caps, ["y", "z"]);
        for bad in [
            r#"[{"id":null,"description":""}]"#,
            r#"[{"description":"","maxRetries":null}]"#,
            r#"[{"description":"","dependencies":[null]}]"#,
            r#"[{"description":"","prioriti":"high"}]"#,
            r#"[{"id":"x"}]"#,
        ] {
            assert!(serde_json::from_str::<Vec<TaskSpec>>(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn normalize_accepts_exactly_what_task_config_accepts() {
        let long_deps: Vec<String> = (0..40).map(|i| alloc::format!("d{}", i % 25)).collect();
        let cases = [
            TaskConfig::default(),
            TaskConfig {
                id: Some("t".into()),
                dependencies: long_deps.clone(),
                ..TaskConfig::default()
            },
            TaskConfig {
                id: Some("d3".into()),
                dependencies: long_deps,
                ..TaskConfig::default()
            },
            TaskConfig {
                id: Some("bad id".into()),
                ..TaskConfig::default()
            },
            TaskConfig {
                description: "tab\tok".into(),
                ..TaskConfig::default()
            },
            TaskConfig {
                description: "bell\u{7}".into(),
                ..TaskConfig::default()
            },
            TaskConfig {
                required_capabilities: alloc::vec!["a b".into()],
                ..TaskConfig::default()
            },
            TaskConfig {
                required_capabilities: (0..65).map(|i| alloc::format!("c{i}")).collect(),
                ..TaskConfig::default()
            },
            TaskConfig {
                dependencies: alloc::vec!["".into()],
                ..TaskConfig::default()
            },
            TaskConfig {
                max_retries: Some(MAX_RETRIES_LIMIT + 1),
                ..TaskConfig::default()
            },
            TaskConfig {
                max_retries: Some(3),
                priority: TaskPriority::High,
                required_capabilities: alloc::vec!["b".into(), "a".into(), "b".into()],
                ..TaskConfig::default()
            },
        ];
        for case in cases {
            let mut spec = TaskSpec::of(&case);
            let fast = spec.normalize();
            match case.clone().into_normalized() {
                Ok(n) => {
                    assert!(fast, "{case:?}");
                    let want = TaskSpec::of(&n);
                    assert_eq!(spec.dependencies, want.dependencies);
                    assert_eq!(spec.required_capabilities, want.required_capabilities);
                }
                Err(_) => assert!(!fast, "{case:?}"),
            }
        }
    }
}
