// Precise types for the `swarm` module's JSON-shaped values (see dts_manifest.json for which
// wasm-bindgen `any` they replace). Field names and string values match the Rust serde forms.

// The vocabulary shared with the core module is defined once, in core's declarations.
import type { AgentConfig, AgentRole, ClockMode, CognitivePattern, Strategy, SwarmConfig, TaskConfig, TaskPriority, Topology } from './core.js';
export type { AgentConfig, AgentRole, ClockMode, CognitivePattern, Strategy, SwarmConfig, TaskConfig, TaskPriority, Topology } from './core.js';

/** `idle`: live, holding no task; `busy`: live, holding at least one; `removed`: left the swarm. */
export type AgentStatus = "idle" | "busy" | "removed";

/** Life cycle: `pending` (waiting for dependencies) → `ready` (queued) → `assigned` → `running` → `completed`; or `failed` (retries exhausted) / `cancelled` (a dependency failed). */
export type TaskStatus = "pending" | "ready" | "assigned" | "running" | "completed" | "failed" | "cancelled";

/** An agent as reported by `getAgent`/`listAgents`. */
export interface Agent {
  id: string;
  name: string;
  role: AgentRole;
  /** Sorted, without duplicates. */
  capabilities: string[];
  cognitivePattern: CognitivePattern;
  status: AgentStatus;
  /** Tasks currently held (assigned or running). */
  load: number;
  maxConcurrent: number;
  /** Ids of the tasks currently held. */
  tasks: string[];
  /** Parent in a hierarchical swarm (absent for the root and in other topologies). */
  parent?: string;
  /** Tasks this agent completed. */
  completed: number;
  /** Failures this agent reported. */
  failed: number;
  /** Swarm time at which the agent joined. */
  joinedAt: number;
}

/** A task as reported by `getTask`/`listTasks`. Times are swarm times. */
export interface Task {
  id: string;
  description: string;
  priority: TaskPriority;
  /** Sorted, without duplicates. */
  requiredCapabilities: string[];
  dependencies: string[];
  status: TaskStatus;
  /** Times the task was assigned (a hand-off is not a new attempt). */
  attempts: number;
  /** Times an agent reported it failed. */
  failures: number;
  /** The task fails for good when `failures > maxRetries`. */
  maxRetries: number;
  /** Agent holding the task (assigned or running). */
  agent?: string;
  /** Result given to `completeTask`. */
  result?: string;
  /** Last failure message, or why the task was cancelled. */
  error?: string;
  submittedAt: number;
  assignedAt?: number;
  startedAt?: number;
  finishedAt?: number;
}

/** Agent counts in `SwarmStatus`. */
export interface AgentCounts {
  live: number;
  idle: number;
  busy: number;
  removed: number;
  maxAgents: number;
  /** Sum of the live agents' `maxConcurrent`. */
  capacity: number;
  /** Tasks held by live agents. */
  load: number;
}

/** Task counts by status in `SwarmStatus`. */
export interface TaskCounts {
  total: number;
  pending: number;
  ready: number;
  assigned: number;
  running: number;
  completed: number;
  failed: number;
  cancelled: number;
}

/** Performance figures, in swarm time units (logical ticks or the caller's clock). */
export interface SwarmMetrics {
  /** Swarm time since creation. */
  elapsed: number;
  /** Completed tasks per time unit since creation. */
  throughput: number;
  /** Tasks in the ready queue. */
  queueLength: number;
  /** Mean submission-to-completion time of completed tasks. */
  averageLatency: number;
  maxLatency: number;
  /** Mean time spent in the ready queue before an assignment. */
  averageWait: number;
  /** Mean start (or assignment) to completion time. */
  averageRunTime: number;
  /** Current load / capacity. */
  utilization: number;
  /** Time-weighted mean utilization since creation. */
  averageUtilization: number;
  assignments: number;
  /** Failures that sent a task back to the queue. */
  retries: number;
  /** Tasks sent back to the queue because their agent left. */
  requeues: number;
  handOffs: number;
}

/** Event log position in `SwarmStatus`. */
export interface EventLogStatus {
  /** Oldest event still kept. */
  firstSeq: number;
  /** Sequence number of the next event. */
  nextSeq: number;
  capacity: number;
}

/** `getStatus`: a swarm at a glance. */
export interface SwarmStatus {
  id: string;
  name: string;
  topology: Topology;
  strategy: Strategy;
  clock: ClockMode;
  /** Current swarm time. */
  time: number;
  /** The hub of a star swarm. */
  hub?: string;
  /** The root of a hierarchical swarm. */
  root?: string;
  agents: AgentCounts;
  tasks: TaskCounts;
  metrics: SwarmMetrics;
  events: EventLogStatus;
}

/** Names of event kinds, for `getEvents`' `kinds` filter. */
export type SwarmEventKind =
  | "agentJoined"
  | "agentLeft"
  | "taskAssigned"
  | "taskStarted"
  | "taskCompleted"
  | "taskRetried"
  | "taskFailed"
  | "taskCancelled"
  | "taskRequeued"
  | "taskHandedOff";

/** Fields every event has. */
export interface SwarmEventBase {
  /** Position in the swarm's event sequence (0, 1, 2, ...). */
  seq: number;
  /** Swarm time of the event. */
  time: number;
}

/** One entry of the event log. */
export type SwarmEvent =
  | (SwarmEventBase & { kind: "agentJoined"; agentId: string })
  /** `detail`: the reason given to `removeAgent`, if any. */
  | (SwarmEventBase & { kind: "agentLeft"; agentId: string; detail?: string })
  | (SwarmEventBase & { kind: "taskAssigned" | "taskStarted" | "taskCompleted"; taskId: string; agentId: string })
  /** The task failed and went back to the queue; `detail` is the error. */
  | (SwarmEventBase & { kind: "taskRetried"; taskId: string; agentId: string; detail: string })
  /** The task failed for good; `detail` is the error. */
  | (SwarmEventBase & { kind: "taskFailed"; taskId: string; agentId: string; detail: string })
  /** A dependency failed or was cancelled; `detail` says which. */
  | (SwarmEventBase & { kind: "taskCancelled"; taskId: string; detail: string })
  /** The task's agent (`agentId`) left; the task went back to the queue. */
  | (SwarmEventBase & { kind: "taskRequeued"; taskId: string; agentId: string })
  /** The task moved from `fromAgentId` to `agentId`. */
  | (SwarmEventBase & { kind: "taskHandedOff"; taskId: string; agentId: string; fromAgentId: string });

/** `getEvents`: a page of the event log. */
export interface EventBatch {
  events: SwarmEvent[];
  /** Pass as `since` to read on. */
  nextSeq: number;
  /** Events after `since` that the bounded log dropped before they were read. */
  dropped: number;
}

/** `getAssignments`: the `taskAssigned` events of a stretch of the event log, in column form. */
export interface AssignmentBatch {
  /** Assigned tasks, in event order (pass them to `startTasks`/`completeTasks`). */
  taskIds: string[];
  /** `agentIds[i]` is the agent `taskIds[i]` went to. */
  agentIds: string[];
  /** Pass as `since` to read on. */
  nextSeq: number;
  /** Events after `since` that the bounded log dropped before they were read. */
  dropped: number;
}

/** `failTask`'s result: `"ready"` (queued for a retry) or `"failed"` (retries exhausted). */
export type FailOutcome = "ready" | "failed";
