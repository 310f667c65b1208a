//! JavaScript bindings of the `swarm` module: id-based functions over a registry of swarms
//! living in this wasm instance.
//!
//! Every function validates its arguments and reports problems as a thrown `Error` with a
//! message; nothing here panics on bad input.

// The registry needs a thread-local (wasm32 without atomics has one thread); the library itself
// stays `no_std`.
extern crate std;

use alloc::collections::BTreeMap;
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::cell::RefCell;

use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use ruv_core::js_args::{
    from_js, opt_string_arg, reject_unknown_keys, string_arg, type_name, wrong_type,
};
use ruv_core::validate::validate_id;
use ruv_core::{AgentConfig, Error, SwarmConfig, TaskConfig, TaskStatus};

use crate::batch::Text;
use crate::swarm::json_string;
use crate::{EventKind, Swarm};

// Once per wasm module: by the crate that is the module's root (feature `module`), not when the
// `unified` module bundles this crate's API.
#[cfg(feature = "module")]
ruv_core::export_module_interface!();

#[derive(Default)]
struct Registry {
    swarms: BTreeMap<String, Swarm>,
    next: u64,
}

std::thread_local! {
    static REGISTRY: RefCell<Registry> = RefCell::new(Registry::default());
}

fn js_error(e: impl ToString) -> JsError {
    JsError::new(&e.to_string())
}

fn with_registry<R>(f: impl FnOnce(&mut Registry) -> Result<R, JsError>) -> Result<R, JsError> {
    REGISTRY.with(|cell| match cell.try_borrow_mut() {
        Ok(mut registry) => f(&mut registry),
        Err(_) => Err(JsError::new("the swarm registry is busy (re-entrant call)")),
    })
}

fn with_swarm<R>(id: &str, f: impl FnOnce(&mut Swarm) -> Result<R, Error>) -> Result<R, JsError> {
    with_registry(|registry| match registry.swarms.get_mut(id) {
        Some(swarm) => f(swarm).map_err(js_error),
        None => Err(js_error(Error::unknown(ruv_core::EntityKind::Swarm, id))),
    })
}

/// Runs `f` on the swarm if it exists (`None` if it does not, or if `f` declines).
fn try_with_swarm<R>(
    id: &str,
    f: impl FnOnce(&mut Swarm) -> Option<R>,
) -> Result<Option<R>, JsError> {
    with_registry(|registry| Ok(registry.swarms.get_mut(id).and_then(f)))
}

fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsError> {
    serde_wasm_bindgen::to_value(value).map_err(js_error)
}

/// [`from_js`] for a list whose elements are structs of type `E` (unknown keys rejected in each).
fn from_js_list<E: serde::de::DeserializeOwned>(
    what: &str,
    value: JsValue,
) -> Result<Vec<E>, JsError> {
    if let Some(list) = value.dyn_ref::<js_sys::Array>() {
        let fields = ruv_core::introspect::struct_fields::<E>();
        for item in list.iter() {
            reject_unknown_keys(what, fields, &item)?;
        }
    }
    serde_wasm_bindgen::from_value(value).map_err(|e| JsError::new(&format!("invalid {what}: {e}")))
}

/// Like [`from_js`], with `undefined`/`null` meaning the default value.
fn from_js_or_default<T: serde::de::DeserializeOwned + Default>(
    what: &str,
    value: JsValue,
) -> Result<T, JsError> {
    if value.is_undefined() || value.is_null() {
        return Ok(T::default());
    }
    from_js(what, value)
}

/// Whether JSON text contains the word `null` (a plain byte scan: no substring searcher).
fn has_null(text: &str) -> bool {
    let b = text.as_bytes();
    let mut i = 0;
    while i + 4 <= b.len() {
        if b[i] == b'n' && b[i + 1] == b'u' && b[i + 2] == b'l' && b[i + 3] == b'l' {
            return true;
        }
        i += 1;
    }
    false
}

/// Reads a JSON-shaped object through `JSON.stringify` and serde_json: one string crossing
/// instead of one call per field (the hot path of `orchestrateTask`).
///
/// `JSON.stringify` writes `NaN`, `Infinity` and `undefined` array entries as `null`, which
/// would read as "absent"; any text containing `null` therefore takes the strict
/// field-by-field path, which rejects such values.
fn from_json<T: serde::de::DeserializeOwned>(
    what: &str,
    value: JsValue,
    fallback: fn(&str, JsValue) -> Result<T, JsError>,
) -> Result<T, JsError> {
    let text = js_sys::JSON::stringify(&value)
        .ok()
        .and_then(|s| s.as_string());
    match text {
        Some(text) if !has_null(&text) => {
            serde_json::from_str(&text).map_err(|e| JsError::new(&format!("invalid {what}: {e}")))
        }
        _ => fallback(what, value),
    }
}

// The platform's UTF-8 encoder (a global in Node and browsers; wasm-bindgen's own glue uses
// it too). `encodeInto` writes straight into wasm memory: much faster for long strings than
// `JsValue::as_string`, whose glue copies ASCII text one character at a time.
#[wasm_bindgen]
extern "C" {
    type TextEncoder;
    #[wasm_bindgen(constructor)]
    fn new() -> TextEncoder;
    #[wasm_bindgen(method, js_name = encodeInto)]
    fn encode_into(this: &TextEncoder, text: &js_sys::JsString, dest: &mut [u8]) -> EncodeResult;

    type EncodeResult;
    #[wasm_bindgen(method, getter)]
    fn read(this: &EncodeResult) -> f64;
    #[wasm_bindgen(method, getter)]
    fn written(this: &EncodeResult) -> f64;
}

std::thread_local! {
    static ENCODER: TextEncoder = TextEncoder::new();
}

/// A JavaScript string as UTF-8 (lone surrogates become U+FFFD, as with `as_string`).
fn utf8(text: &js_sys::JsString) -> String {
    let units = text.length() as usize;
    // ASCII text needs one byte per UTF-16 unit: start there and grow only for other text.
    let mut buf: Vec<u8> = alloc::vec![0; units];
    let mut used = 0;
    let mut rest = text.clone();
    ENCODER.with(|encoder| loop {
        let left = rest.length() as usize;
        if left == 0 {
            break;
        }
        if buf.len() - used < 4 {
            buf.resize(used + left * 3, 0);
        }
        let Some(dest) = buf.get_mut(used..) else {
            break;
        };
        let r = encoder.encode_into(&rest, dest);
        let (read, written) = (r.read() as u32, r.written() as usize);
        used += written;
        if read as usize >= left || read == 0 && written == 0 && buf.len() - used >= 4 {
            break;
        }
        rest = rest.substring(read, left as u32);
    });
    buf.truncate(used);
    // encodeInto writes well-formed UTF-8 only.
    String::from_utf8(buf).unwrap_or_default()
}

/// `JSON.stringify(value)`, if it gives a string.
fn stringify(value: &JsValue) -> Option<String> {
    let text = js_sys::JSON::stringify(value).ok()?;
    if !text.is_string() {
        return None;
    }
    Some(utf8(&text))
}

/// `JSON.parse` of JSON text this module wrote.
fn parse_json(json: &str) -> Result<JsValue, JsError> {
    js_sys::JSON::parse(json).map_err(|_| JsError::new("internal: JSON output did not parse"))
}

/// JSON array of the ids of tasks `ts`.
fn task_ids_json(swarm: &Swarm, ts: &[u32]) -> String {
    let mut out = String::with_capacity(2 + ts.len() * 12);
    out.push('[');
    for (i, &t) in ts.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        json_string(&mut out, swarm.task_id(t));
    }
    out.push(']');
    out
}

/// Reads a JavaScript array of strings. The common case (plain strings) costs one
/// `JSON.stringify` and reads the text without copying; otherwise (e.g. an entry that is not
/// a string) the array is read entry by entry, with an error naming the first bad entry.
/// `json` holds the text the result borrows from.
fn string_list<'a>(
    what: &str,
    value: &JsValue,
    json: &'a mut Option<String>,
) -> Result<Vec<Text<'a>>, JsError> {
    let Some(array) = value.dyn_ref::<js_sys::Array>() else {
        return Err(JsError::new(&format!(
            "invalid {what}: expected an array of strings, got {}",
            type_name(value)
        )));
    };
    *json = stringify(value);
    let json: &'a Option<String> = json;
    if let Some(list) = json
        .as_deref()
        .and_then(|text| serde_json::from_str::<Vec<Text<'a>>>(text).ok())
    {
        if list.len() == array.length() as usize {
            return Ok(list);
        }
    }
    let mut list = Vec::with_capacity(array.length() as usize);
    for (i, item) in array.iter().enumerate() {
        match item.as_string() {
            Some(s) => list.push(Text(s.into())),
            None => {
                return Err(JsError::new(&format!(
                    "invalid {what}: entry {i} is {}, not a string",
                    type_name(&item)
                )))
            }
        }
    }
    Ok(list)
}

/// Reads an optional boolean argument (`undefined` or `null` gives `None`). wasm-bindgen's
/// `Option<bool>` would take any truthy value as `true`.
fn opt_bool_arg(what: &str, value: &JsValue) -> Result<Option<bool>, JsError> {
    match value.as_bool() {
        Some(flag) => Ok(Some(flag)),
        None if value.is_null_or_undefined() => Ok(None),
        None => Err(wrong_type(what, "a boolean", value)),
    }
}

/// Reads an integer argument from 0 to `max`: a JS number, with no coercion (wasm-bindgen's
/// integer parameters would silently turn NaN into 0 and -1 into 4294967295).
fn uint_arg(what: &str, value: &JsValue, max: f64) -> Result<u64, JsError> {
    let Some(n) = value.as_f64() else {
        return Err(not_a_number(what, value));
    };
    uint_in_range(what, n, max)
}

/// [`uint_arg`] on a number already read.
fn uint_in_range(what: &str, n: f64, max: f64) -> Result<u64, JsError> {
    if !(n >= 0.0 && n <= max && n.fract() == 0.0) {
        return Err(JsError::new(&format!(
            "invalid {what}: {n} is not an integer from 0 to {max}"
        )));
    }
    Ok(n as u64)
}

/// An event sequence number (`since`): an integer JavaScript represents exactly.
fn since_arg(value: &JsValue) -> Result<u64, JsError> {
    uint_arg("since", value, 9_007_199_254_740_991.0)
}

/// "invalid `what`: expected a number, got <type of value>".
fn not_a_number(what: &str, value: &JsValue) -> JsError {
    JsError::new(&format!(
        "invalid {what}: expected a number, got {}",
        type_name(value)
    ))
}

/// An optional event count (`limit`), 0 to `u32::MAX`; 10000 when left out.
fn limit_arg(value: &JsValue) -> Result<usize, JsError> {
    let limit = match value.as_f64() {
        Some(n) => uint_in_range("limit", n, f64::from(u32::MAX))?,
        None if value.is_null_or_undefined() => 10_000,
        None => return Err(not_a_number("limit", value)),
    };
    Ok(usize::try_from(limit).unwrap_or(usize::MAX))
}

/// Creates a swarm and returns its id (`config.id`, or a generated `swarm-N`).
#[wasm_bindgen(js_name = createSwarm)]
pub fn create_swarm(config: JsValue) -> Result<String, JsError> {
    let mut config: SwarmConfig = from_js_or_default("swarm config", config)?;
    with_registry(|registry| {
        let id = match &config.id {
            Some(id) => {
                validate_id("swarm.id", id).map_err(js_error)?;
                if registry.swarms.contains_key(id) {
                    return Err(js_error(Error::duplicate(ruv_core::EntityKind::Swarm, id)));
                }
                id.clone()
            }
            None => loop {
                registry.next += 1;
                let id = format!("swarm-{}", registry.next);
                if !registry.swarms.contains_key(&id) {
                    break id;
                }
            },
        };
        config.id = Some(id.clone());
        let swarm = Swarm::new(config).map_err(js_error)?;
        registry.swarms.insert(id.clone(), swarm);
        Ok(id)
    })
}

/// Deletes a swarm and everything in it.
#[wasm_bindgen(js_name = destroySwarm)]
pub fn destroy_swarm(
    #[wasm_bindgen(js_name = swarmId, unchecked_param_type = "string")] swarm_id: JsValue,
) -> Result<(), JsError> {
    let swarm_id = string_arg("swarmId", &swarm_id)?;
    with_registry(|registry| match registry.swarms.remove(&swarm_id) {
        Some(_) => Ok(()),
        None => Err(js_error(Error::unknown(
            ruv_core::EntityKind::Swarm,
            &swarm_id,
        ))),
    })
}

/// Ids of the swarms in this module instance, sorted.
#[wasm_bindgen(js_name = listSwarms)]
pub fn list_swarms() -> Result<Vec<String>, JsError> {
    with_registry(|registry| Ok(registry.swarms.keys().cloned().collect()))
}

/// Adds an agent; returns its id.
#[wasm_bindgen(js_name = spawnAgent)]
pub fn spawn_agent(
    #[wasm_bindgen(js_name = swarmId, unchecked_param_type = "string")] swarm_id: JsValue,
    config: JsValue,
) -> Result<String, JsError> {
    let swarm_id = string_arg("swarmId", &swarm_id)?;
    let config: AgentConfig = if config.is_null_or_undefined() {
        AgentConfig::default()
    } else {
        from_json("agent config", config, from_js)?
    };
    with_swarm(&swarm_id, |s| s.spawn_agent(config))
}

/// Removes an agent; its tasks are requeued and reassigned.
#[wasm_bindgen(js_name = removeAgent)]
pub fn remove_agent(
    #[wasm_bindgen(js_name = swarmId, unchecked_param_type = "string")] swarm_id: JsValue,
    #[wasm_bindgen(js_name = agentId, unchecked_param_type = "string")] agent_id: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "string | null")] reason: JsValue,
) -> Result<(), JsError> {
    let swarm_id = string_arg("swarmId", &swarm_id)?;
    let agent_id = string_arg("agentId", &agent_id)?;
    let reason = opt_string_arg("reason", &reason)?;
    with_swarm(&swarm_id, |s| s.remove_agent(&agent_id, reason.as_deref()))
}

/// Adds a task; returns its id. Ready tasks are assigned at once when an agent is free.
#[wasm_bindgen(js_name = orchestrateTask)]
pub fn orchestrate_task(
    #[wasm_bindgen(js_name = swarmId, unchecked_param_type = "string")] swarm_id: JsValue,
    task: JsValue,
) -> Result<String, JsError> {
    let swarm_id = string_arg("swarmId", &swarm_id)?;
    // Fast path: the task's JSON text read in place; anything it declines (bad input
    // included) takes the strict path below, whose errors are the reference.
    if let Some(text) = stringify(&task) {
        let fast = try_with_swarm(&swarm_id, |s| {
            s.orchestrate_json_fast_with(&text, true)
                .map(|r| r.map(|ts| ts.first().map(|&t| s.task_id(t).to_string())))
        })?;
        if let Some(result) = fast {
            return result
                .map_err(js_error)?
                .ok_or_else(|| JsError::new("internal: no task added"));
        }
    }
    let task: TaskConfig = from_json("task", task, from_js)?;
    with_swarm(&swarm_id, |s| s.orchestrate_task(task))
}

/// Adds a batch of tasks atomically (entries may depend on each other in any order); returns
/// their ids in batch order.
#[wasm_bindgen(js_name = orchestrateTasks)]
pub fn orchestrate_tasks(
    #[wasm_bindgen(js_name = swarmId, unchecked_param_type = "string")] swarm_id: JsValue,
    tasks: JsValue,
) -> Result<JsValue, JsError> {
    let swarm_id = string_arg("swarmId", &swarm_id)?;
    // Fast path: one JSON text read in place, ids returned as one JSON text; anything it
    // declines (bad input included) takes the strict path below, whose errors are the
    // reference.
    if let Some(text) = stringify(&tasks) {
        let fast = try_with_swarm(&swarm_id, |s| {
            s.orchestrate_json_fast(&text)
                .map(|r| r.map(|ts| task_ids_json(s, &ts)))
        })?;
        if let Some(result) = fast {
            return parse_json(&result.map_err(js_error)?);
        }
    }
    let tasks: Vec<TaskConfig> = from_json("task list", tasks, from_js_list::<TaskConfig>)?;
    let ids = with_swarm(&swarm_id, |s| s.orchestrate_tasks(tasks))?;
    let mut json = String::from("[");
    for (i, id) in ids.iter().enumerate() {
        if i > 0 {
            json.push(',');
        }
        json_string(&mut json, id);
    }
    json.push(']');
    parse_json(&json)
}

/// Marks an assigned task as running.
#[wasm_bindgen(js_name = startTask)]
pub fn start_task(
    #[wasm_bindgen(js_name = swarmId, unchecked_param_type = "string")] swarm_id: JsValue,
    #[wasm_bindgen(js_name = taskId, unchecked_param_type = "string")] task_id: JsValue,
) -> Result<(), JsError> {
    let swarm_id = string_arg("swarmId", &swarm_id)?;
    let task_id = string_arg("taskId", &task_id)?;
    with_swarm(&swarm_id, |s| s.start_task(&task_id))
}

/// Starts several assigned tasks: like `startTask` on each in order, but checked as a whole
/// first (every id known and assigned, none listed twice): on error nothing changes.
#[wasm_bindgen(js_name = startTasks)]
pub fn start_tasks(
    #[wasm_bindgen(js_name = swarmId, unchecked_param_type = "string")] swarm_id: JsValue,
    #[wasm_bindgen(js_name = taskIds)] task_ids: JsValue,
) -> Result<(), JsError> {
    let swarm_id = string_arg("swarmId", &swarm_id)?;
    let mut json = None;
    let ids = string_list("taskIds", &task_ids, &mut json)?;
    with_swarm(&swarm_id, |s| s.start_tasks(&ids))
}

/// Completes several assigned or running tasks, with optional results (`results[i]` for
/// `taskIds[i]`): like `completeTask` on each in order, but checked as a whole first (every id
/// known and active, none listed twice, one valid result per id): on error nothing changes.
#[wasm_bindgen(js_name = completeTasks)]
pub fn complete_tasks(
    #[wasm_bindgen(js_name = swarmId, unchecked_param_type = "string")] swarm_id: JsValue,
    #[wasm_bindgen(js_name = taskIds)] task_ids: JsValue,
    results: Option<js_sys::Array>,
) -> Result<(), JsError> {
    let swarm_id = string_arg("swarmId", &swarm_id)?;
    let mut json = None;
    let ids = string_list("taskIds", &task_ids, &mut json)?;
    let mut results_json = None;
    let results = match &results {
        None => None,
        Some(r) => Some(string_list("results", r.as_ref(), &mut results_json)?),
    };
    with_swarm(&swarm_id, |s| s.complete_tasks(&ids, results.as_deref()))
}

/// Completes an assigned or running task, optionally with a result string.
#[wasm_bindgen(js_name = completeTask)]
pub fn complete_task(
    #[wasm_bindgen(js_name = swarmId, unchecked_param_type = "string")] swarm_id: JsValue,
    #[wasm_bindgen(js_name = taskId, unchecked_param_type = "string")] task_id: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "string | null")] result: JsValue,
) -> Result<(), JsError> {
    let swarm_id = string_arg("swarmId", &swarm_id)?;
    let task_id = string_arg("taskId", &task_id)?;
    let result = opt_string_arg("result", &result)?;
    with_swarm(&swarm_id, |s| s.complete_task(&task_id, result.as_deref()))
}

/// Reports a failure of an assigned or running task; returns its new status: `"ready"` (it
/// will be retried) or `"failed"` (retries exhausted; dependents cancelled).
#[wasm_bindgen(js_name = failTask)]
pub fn fail_task(
    #[wasm_bindgen(js_name = swarmId, unchecked_param_type = "string")] swarm_id: JsValue,
    #[wasm_bindgen(js_name = taskId, unchecked_param_type = "string")] task_id: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] error: JsValue,
) -> Result<JsValue, JsError> {
    let swarm_id = string_arg("swarmId", &swarm_id)?;
    let task_id = string_arg("taskId", &task_id)?;
    let error = string_arg("error", &error)?;
    let status: TaskStatus = with_swarm(&swarm_id, |s| s.fail_task(&task_id, &error))?;
    to_js(&status)
}

/// Moves an assigned or running task to another agent, as the topology allows.
#[wasm_bindgen(js_name = handOff)]
pub fn hand_off(
    #[wasm_bindgen(js_name = swarmId, unchecked_param_type = "string")] swarm_id: JsValue,
    #[wasm_bindgen(js_name = taskId, unchecked_param_type = "string")] task_id: JsValue,
    #[wasm_bindgen(js_name = toAgentId, unchecked_param_type = "string")] to_agent_id: JsValue,
) -> Result<(), JsError> {
    let swarm_id = string_arg("swarmId", &swarm_id)?;
    let task_id = string_arg("taskId", &task_id)?;
    let to_agent_id = string_arg("toAgentId", &to_agent_id)?;
    with_swarm(&swarm_id, |s| s.hand_off(&task_id, &to_agent_id))
}

/// The shortest chain of allowed hand-offs between two agents, both included.
#[wasm_bindgen]
pub fn route(
    #[wasm_bindgen(js_name = swarmId, unchecked_param_type = "string")] swarm_id: JsValue,
    #[wasm_bindgen(js_name = fromAgentId, unchecked_param_type = "string")] from_agent_id: JsValue,
    #[wasm_bindgen(js_name = toAgentId, unchecked_param_type = "string")] to_agent_id: JsValue,
) -> Result<Vec<String>, JsError> {
    let swarm_id = string_arg("swarmId", &swarm_id)?;
    let from_agent_id = string_arg("fromAgentId", &from_agent_id)?;
    let to_agent_id = string_arg("toAgentId", &to_agent_id)?;
    with_swarm(&swarm_id, |s| s.route(&from_agent_id, &to_agent_id))
}

/// The agents an agent may hand work to directly.
#[wasm_bindgen]
pub fn neighbors(
    #[wasm_bindgen(js_name = swarmId, unchecked_param_type = "string")] swarm_id: JsValue,
    #[wasm_bindgen(js_name = agentId, unchecked_param_type = "string")] agent_id: JsValue,
) -> Result<Vec<String>, JsError> {
    let swarm_id = string_arg("swarmId", &swarm_id)?;
    let agent_id = string_arg("agentId", &agent_id)?;
    with_swarm(&swarm_id, |s| s.neighbours(&agent_id))
}

/// Sets the time of a swarm created with `clock: "external"` (never backwards).
#[wasm_bindgen(js_name = setTime)]
pub fn set_time(
    #[wasm_bindgen(js_name = swarmId, unchecked_param_type = "string")] swarm_id: JsValue,
    now: f64,
) -> Result<(), JsError> {
    let swarm_id = string_arg("swarmId", &swarm_id)?;
    with_swarm(&swarm_id, |s| s.set_time(now))
}

/// The swarm's state at a glance.
#[wasm_bindgen(js_name = getStatus)]
pub fn get_status(
    #[wasm_bindgen(js_name = swarmId, unchecked_param_type = "string")] swarm_id: JsValue,
) -> Result<JsValue, JsError> {
    let swarm_id = string_arg("swarmId", &swarm_id)?;
    let status = with_swarm(&swarm_id, |s| Ok(s.status()))?;
    to_js(&status)
}

/// One agent (removed agents included).
#[wasm_bindgen(js_name = getAgent)]
pub fn get_agent(
    #[wasm_bindgen(js_name = swarmId, unchecked_param_type = "string")] swarm_id: JsValue,
    #[wasm_bindgen(js_name = agentId, unchecked_param_type = "string")] agent_id: JsValue,
) -> Result<JsValue, JsError> {
    let swarm_id = string_arg("swarmId", &swarm_id)?;
    let agent_id = string_arg("agentId", &agent_id)?;
    let agent = with_swarm(&swarm_id, |s| s.agent(&agent_id))?;
    to_js(&agent)
}

/// One task.
#[wasm_bindgen(js_name = getTask)]
pub fn get_task(
    #[wasm_bindgen(js_name = swarmId, unchecked_param_type = "string")] swarm_id: JsValue,
    #[wasm_bindgen(js_name = taskId, unchecked_param_type = "string")] task_id: JsValue,
) -> Result<JsValue, JsError> {
    let swarm_id = string_arg("swarmId", &swarm_id)?;
    let task_id = string_arg("taskId", &task_id)?;
    let task = with_swarm(&swarm_id, |s| s.task(&task_id))?;
    to_js(&task)
}

/// Agents in joining order; removed ones only when `includeRemoved` is true.
#[wasm_bindgen(js_name = listAgents)]
pub fn list_agents(
    #[wasm_bindgen(js_name = swarmId, unchecked_param_type = "string")] swarm_id: JsValue,
    #[wasm_bindgen(
        js_name = includeRemoved,
        unchecked_optional_param_type = "boolean | null"
    )]
    include_removed: JsValue,
) -> Result<JsValue, JsError> {
    let swarm_id = string_arg("swarmId", &swarm_id)?;
    let include_removed = opt_bool_arg("includeRemoved", &include_removed)?.unwrap_or(false);
    let agents = with_swarm(&swarm_id, |s| Ok(s.agents(include_removed)))?;
    to_js(&agents)
}

/// Tasks in submission order, optionally only those with one status (a `TaskStatus` name).
#[wasm_bindgen(js_name = listTasks)]
pub fn list_tasks(
    #[wasm_bindgen(js_name = swarmId, unchecked_param_type = "string")] swarm_id: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "string | null")] status: JsValue,
) -> Result<JsValue, JsError> {
    let swarm_id = string_arg("swarmId", &swarm_id)?;
    let status = match opt_string_arg("status", &status)? {
        None => None,
        Some(name) => Some(TaskStatus::parse(&name).ok_or_else(|| {
            JsError::new(&format!(
                "invalid status: '{name}' is not one of {}",
                names(TaskStatus::ALL.iter().map(|s| s.as_str()))
            ))
        })?),
    };
    let tasks = with_swarm(&swarm_id, |s| Ok(s.tasks(status)))?;
    to_js(&tasks)
}

fn names<'a>(all: impl Iterator<Item = &'a str>) -> String {
    all.collect::<Vec<_>>().join(", ")
}

/// Events from sequence number `since` on: at most `limit` (default 10000) of the given
/// `kinds` (`SwarmEventKind` names; default: all). Pass the result's `nextSeq` as the next
/// `since`.
#[wasm_bindgen(js_name = getEvents)]
pub fn get_events(
    #[wasm_bindgen(js_name = swarmId, unchecked_param_type = "string")] swarm_id: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] since: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "number | null")] limit: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "string[] | null")] kinds: JsValue,
) -> Result<JsValue, JsError> {
    let swarm_id = string_arg("swarmId", &swarm_id)?;
    let since = since_arg(&since)?;
    let limit = limit_arg(&limit)?;
    let mut filter = Vec::new();
    if !kinds.is_null_or_undefined() {
        let mut json = None;
        for name in string_list("kinds", &kinds, &mut json)? {
            let name: &str = name.as_ref();
            filter.push(EventKind::parse(name).ok_or_else(|| {
                JsError::new(&format!(
                    "invalid kinds: '{name}' is not one of {}",
                    names(EventKind::ALL.iter().map(|k| k.as_str()))
                ))
            })?);
        }
    }
    // One JSON text and one JSON.parse: much cheaper than building objects field by field.
    let json = with_swarm(&swarm_id, |s| s.events_json(since, limit, &filter))?;
    parse_json(&json)
}

/// The tasks assigned from event `since` on, with their agents: the `taskAssigned` events of
/// `getEvents(swarmId, since, limit, ["taskAssigned"])` in column form (`taskIds[i]` went to
/// `agentIds[i]`), at most `limit` (default 10000). Pass the result's `nextSeq` as the next
/// `since`.
#[wasm_bindgen(js_name = getAssignments)]
pub fn get_assignments(
    #[wasm_bindgen(js_name = swarmId, unchecked_param_type = "string")] swarm_id: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] since: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "number | null")] limit: JsValue,
) -> Result<JsValue, JsError> {
    let swarm_id = string_arg("swarmId", &swarm_id)?;
    let since = since_arg(&since)?;
    let limit = limit_arg(&limit)?;
    let json = with_swarm(&swarm_id, |s| s.assignments_json(since, limit))?;
    parse_json(&json)
}

/// The whole swarm state as bytes (versioned binary format).
#[wasm_bindgen]
pub fn snapshot(
    #[wasm_bindgen(js_name = swarmId, unchecked_param_type = "string")] swarm_id: JsValue,
) -> Result<Vec<u8>, JsError> {
    let swarm_id = string_arg("swarmId", &swarm_id)?;
    with_swarm(&swarm_id, |s| Ok(s.snapshot()))
}

/// Recreates a swarm from `snapshot` bytes, under its original id or `swarmId`; returns the id.
/// Fails if a swarm with that id exists or the bytes are not a valid snapshot.
#[wasm_bindgen]
pub fn restore(
    bytes: &[u8],
    #[wasm_bindgen(js_name = swarmId, unchecked_optional_param_type = "string | null")]
    swarm_id: JsValue,
) -> Result<String, JsError> {
    let swarm_id = opt_string_arg("swarmId", &swarm_id)?;
    let mut swarm = Swarm::restore(bytes).map_err(js_error)?;
    if let Some(id) = &swarm_id {
        swarm.rename(id).map_err(js_error)?;
    }
    with_registry(|registry| {
        let id = swarm.id().to_string();
        if registry.swarms.contains_key(&id) {
            return Err(js_error(Error::duplicate(ruv_core::EntityKind::Swarm, &id)));
        }
        registry.swarms.insert(id.clone(), swarm);
        Ok(id)
    })
}

/// Runs the swarm's full consistency check; throws describing the first violation.
#[wasm_bindgen(js_name = verifySwarm)]
pub fn verify_swarm(
    #[wasm_bindgen(js_name = swarmId, unchecked_param_type = "string")] swarm_id: JsValue,
) -> Result<(), JsError> {
    let swarm_id = string_arg("swarmId", &swarm_id)?;
    with_swarm(&swarm_id, |s| s.check_invariants().map_err(Error::state))
}
