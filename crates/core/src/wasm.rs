//! JavaScript bindings of the `core` module.

use alloc::string::{String, ToString};
use alloc::vec::Vec;
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::js_args::{from_js, reject_unknown_keys, string_arg};
use crate::{
    AgentConfig, AgentRole, CognitivePattern, GraphNode, Strategy, SwarmConfig, TaskConfig,
    Topology,
};

// Once per wasm module: by the crate that is the module's root (feature `module`), not when the
// `unified` module bundles this crate's API.
#[cfg(feature = "module")]
crate::export_module_interface!();

/// Greets `name` (`greet("Ada")` is `"Hello, Ada!"`).
#[wasm_bindgen]
pub fn greet(
    #[wasm_bindgen(unchecked_param_type = "string")] name: JsValue,
) -> Result<String, JsError> {
    Ok(crate::greet(&string_arg("name", &name)?))
}

fn js_error(e: impl ToString) -> JsError {
    JsError::new(&e.to_string())
}

fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsError> {
    serde_wasm_bindgen::to_value(value).map_err(js_error)
}

/// Validates a swarm configuration; returns it with every default filled in.
#[wasm_bindgen(js_name = validateSwarmConfig)]
pub fn validate_swarm_config(config: JsValue) -> Result<JsValue, JsError> {
    let config: SwarmConfig = from_js("swarm config", config)?;
    to_js(&config.normalized().map_err(js_error)?)
}

/// Validates an agent configuration; returns its canonical form (sorted capabilities,
/// cognitive pattern filled in).
#[wasm_bindgen(js_name = validateAgentConfig)]
pub fn validate_agent_config(config: JsValue) -> Result<JsValue, JsError> {
    let config: AgentConfig = from_js("agent config", config)?;
    to_js(&config.normalized().map_err(js_error)?)
}

/// Validates a task configuration; returns its canonical form (sorted capabilities,
/// de-duplicated dependencies).
#[wasm_bindgen(js_name = validateTaskConfig)]
pub fn validate_task_config(task: JsValue) -> Result<JsValue, JsError> {
    let task: TaskConfig = from_js("task config", task)?;
    to_js(&task.normalized().map_err(js_error)?)
}

/// Finds a dependency cycle among `{ id, dependencies }` nodes: the cycle's ids (each depending
/// on the next, the first repeated at the end) or `null`.
#[wasm_bindgen(js_name = findCycle)]
pub fn find_cycle(nodes: JsValue) -> Result<JsValue, JsError> {
    if let Some(list) = nodes.dyn_ref::<js_sys::Array>() {
        let fields = crate::introspect::struct_fields::<GraphNode>();
        for node in list.iter() {
            reject_unknown_keys("task graph node", fields, &node)?;
        }
    }
    let nodes: Vec<GraphNode> = from_js("task graph", nodes)?;
    match crate::find_cycle(&nodes).map_err(js_error)? {
        Some(cycle) => to_js(&cycle),
        None => Ok(JsValue::NULL),
    }
}

/// The topology names.
#[wasm_bindgen]
pub fn topologies() -> Result<JsValue, JsError> {
    to_js(Topology::ALL)
}

/// The assignment strategy names.
#[wasm_bindgen]
pub fn strategies() -> Result<JsValue, JsError> {
    to_js(Strategy::ALL)
}

/// The agent role names.
#[wasm_bindgen(js_name = agentRoles)]
pub fn agent_roles() -> Result<JsValue, JsError> {
    to_js(AgentRole::ALL)
}

/// The cognitive pattern names.
#[wasm_bindgen(js_name = cognitivePatterns)]
pub fn cognitive_patterns() -> Result<JsValue, JsError> {
    to_js(CognitivePattern::ALL)
}

/// The cognitive pattern an agent of `role` uses unless configured otherwise.
#[wasm_bindgen(js_name = defaultCognitivePattern)]
pub fn default_cognitive_pattern(role: JsValue) -> Result<JsValue, JsError> {
    let role: AgentRole = from_js("agent role", role)?;
    to_js(&role.default_pattern())
}

/// One sentence describing who may hand work to whom in `topology`.
#[wasm_bindgen(js_name = handOffRule)]
pub fn hand_off_rule(topology: JsValue) -> Result<String, JsError> {
    let topology: Topology = from_js("topology", topology)?;
    Ok(String::from(topology.hand_off_rule()))
}
