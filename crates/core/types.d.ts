// Precise types for the `core` module's JSON-shaped values (see dts_manifest.json for which
// wasm-bindgen `any` they replace). They are the shared vocabulary of the package: the `swarm`
// module uses the same names and shapes.

/** Who may hand work to whom: `mesh` anyone to anyone; `star` only to or from the hub; `ring` only to the two neighbours; `hierarchical` only to the parent or the children. */
export type Topology = "mesh" | "star" | "ring" | "hierarchical";

/** How a ready task picks among the agents able to take it: closest capability match, least loaded, round robin, or seeded random. */
export type Strategy = "capabilityMatch" | "leastLoaded" | "roundRobin" | "random";

/** `logical`: every successful state-changing call advances time by 1. `external`: the caller sets the time. */
export type ClockMode = "logical" | "external";

/** What an agent is for. */
export type AgentRole = "researcher" | "coder" | "analyst" | "optimizer" | "coordinator" | "tester" | "reviewer";

/** An agent's thinking style. */
export type CognitivePattern = "convergent" | "divergent" | "lateral" | "systems" | "critical" | "abstract";

/** Urgency; higher priorities are assigned first. */
export type TaskPriority = "low" | "medium" | "high" | "critical";

/** Configuration of a swarm. Every field is optional on input; unknown fields are rejected. `validateSwarmConfig` returns it with every default filled in. */
export interface SwarmConfig {
  /** Identifier (ASCII letters, digits, `-_.:/@`, at most 128 bytes). */
  id?: string;
  /** Display name (at most 256 bytes). */
  name?: string;
  /** Default `"mesh"`. */
  topology?: Topology;
  /** Default `"capabilityMatch"`. */
  strategy?: Strategy;
  /** 1..100000, default 100. */
  maxAgents?: number;
  /** 1..1024, default 1. */
  maxConcurrentPerAgent?: number;
  /** 0..1000, default 3. */
  maxRetries?: number;
  /** 1..10000000, default 100000. */
  eventLogCapacity?: number;
  /** 1..1024, default 4. */
  hierarchyFanout?: number;
  /** Seed of the `random` strategy, default 0. */
  seed?: number | bigint;
  /** Default `"logical"`. */
  clock?: ClockMode;
}

/** Configuration of an agent. Every field is optional; unknown fields are rejected. `validateAgentConfig` returns it with capabilities sorted and de-duplicated and `cognitivePattern` filled in from the role. */
export interface AgentConfig {
  id?: string;
  name?: string;
  /** Default `"coder"`. */
  role?: AgentRole;
  cognitivePattern?: CognitivePattern;
  /** At most 64, each 1..64 visible ASCII characters. */
  capabilities?: string[];
  /** 1..1024. */
  maxConcurrent?: number;
  /** Parent agent id (hierarchical swarms only). */
  parent?: string;
}

/** A task. Unknown fields are rejected. `validateTaskConfig` returns it with capabilities sorted and de-duplicated and dependencies de-duplicated. */
export interface TaskConfig {
  id?: string;
  /** Required; at most 65536 bytes. */
  description: string;
  /** Default `"medium"`. */
  priority?: TaskPriority;
  requiredCapabilities?: string[];
  /** At most 4096 task ids. */
  dependencies?: string[];
  /** 0..1000. */
  maxRetries?: number;
}

/** A node of a task graph for `findCycle`. */
export interface GraphNode {
  id: string;
  /** Ids of the tasks this one depends on (ids outside the graph are ignored). */
  dependencies?: string[];
}
