// Precise types for the `persistence` module's JSON-shaped values (the Rust bindings name them
// with `unchecked_param_type` / `unchecked_return_type`). Field names and string values match
// the Rust serde forms.

// The vocabulary shared with the core and swarm modules is defined once, in their declarations.
import type { AgentRole, TaskPriority } from './core.js';
import type { AgentStatus, TaskStatus } from './swarm.js';
export type { AgentRole, AgentStatus, TaskPriority, TaskStatus };

/** Any JSON value: what `data` fields hold. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** A SQL value as read: INTEGER as a number (a bigint beyond ±2^53), REAL as a number, TEXT as a string, BLOB as a Uint8Array, NULL as null. */
export type SqlValue = number | bigint | string | Uint8Array | null;

/** A SQL value as bound: also booleans (1/0) and undefined (NULL). Integral numbers bind as INTEGER, others as REAL. */
export type SqlInput = SqlValue | boolean | undefined;

/** Statement parameters: by position (`?`, `?NNN`) or by name (`:name`, `@name`, `$name`, given without the prefix). */
export type SqlParams = SqlInput[] | { [name: string]: SqlInput };

/** One result row, keyed by column name. */
export type SqlRow = { [column: string]: SqlValue };

/** What a write statement did. */
export interface RunResult {
  /** Rows inserted, updated or deleted. */
  changes: number;
  /** The rowid of the last row inserted on this store. */
  lastInsertRowid: number;
}

/** How `begin` starts a transaction. */
export type BeginMode = "deferred" | "immediate" | "exclusive";

/** Where a store keeps its database: in memory, in a file (Node), in the origin private file system (browsers). */
export type StoreBackend = "memory" | "file" | "opfs" | "indexeddb";

/** The synchronous file functions a file store calls: Node's `fs` module has them all. */
export interface NodeFileSystem {
  openSync(path: string, flags: number, mode?: number): number;
  closeSync(fd: number): void;
  readSync(fd: number, buffer: Uint8Array, offset: number, length: number, position: number): number;
  writeSync(fd: number, buffer: Uint8Array, offset: number, length: number, position: number): number;
  fsyncSync(fd: number): void;
  fdatasyncSync(fd: number): void;
  ftruncateSync(fd: number, len: number): void;
  fstatSync(fd: number): { size: number | bigint };
  existsSync(path: string): boolean;
  accessSync(path: string, mode: number): void;
  unlinkSync(path: string): void;
  constants: { O_RDONLY: number; O_RDWR: number; O_CREAT: number; O_EXCL: number; R_OK: number; W_OK: number };
}

/** `new Store(options)`: none for an in-memory store; `path` and `fs` for a file store (Node). */
export interface StoreOptions {
  /** The database file (created if needed). */
  path?: string;
  /** Node's fs module (`import fs from 'node:fs'`), required with `path`. */
  fs?: NodeFileSystem;
  /** `"wal"` (default; one store per file) or `"delete"` (rollback journal). */
  journalMode?: "wal" | "delete";
  /** `"full"` (default): every commit is fsynced before it returns; `"normal"`: fsync at checkpoints; `"off"`: never. */
  synchronous?: "full" | "normal" | "off";
}

/** `Store.openIndexedDb` / `Store.deleteIndexedDb` options (browsers: main thread or worker). */
export interface IndexedDbStoreOptions {
  /** The store's key in the IndexedDB database `ruv-swarm-wasm`. */
  name: string;
}

/** A database in an OPFS pool (`Store.deleteOpfs`; a dedicated Worker in a browser with OPFS). */
export interface OpfsDatabase {
  /** The database's name in the pool. */
  name: string;
  /** The pool's directory in the origin private file system (default `.ruv-swarm-wasm`); one worker at a time uses a directory, and a worker may use several. */
  directory?: string;
}

/** `Store.openOpfs` options (a dedicated Worker in a browser with OPFS). */
export interface OpfsStoreOptions extends OpfsDatabase {
  /** `"delete"` (default) or `"wal"`. */
  journalMode?: "wal" | "delete";
  /** `"full"` (default), `"normal"` or `"off"`. */
  synchronous?: "full" | "normal" | "off";
}

/** An agent to save. */
export interface AgentInput {
  id: string;
  name?: string;
  role?: AgentRole;
  status: AgentStatus;
  /** Stored sorted, without duplicates. */
  capabilities?: string[];
  /** Free-form JSON kept with the agent. */
  data?: JsonValue;
  /** Time of this change (default: now, milliseconds since 1970). */
  time?: number;
}

/** A stored agent. */
export interface AgentRecord {
  swarmId: string;
  id: string;
  name: string;
  role?: AgentRole;
  status: AgentStatus;
  capabilities: string[];
  data?: JsonValue;
  createdAt: number;
  updatedAt: number;
}

/** `listAgents` filter. */
export interface AgentQuery {
  status?: AgentStatus;
  limit?: number;
  offset?: number;
}

/** A task to save. */
export interface TaskInput {
  id: string;
  description?: string;
  /** Default: `"medium"`. */
  priority?: TaskPriority;
  status: TaskStatus;
  agentId?: string;
  dependencies?: string[];
  result?: string;
  error?: string;
  data?: JsonValue;
  /** Time of this change (default: now). */
  time?: number;
}

/** A stored task. */
export interface TaskRecord {
  swarmId: string;
  id: string;
  description: string;
  priority: TaskPriority;
  status: TaskStatus;
  agentId?: string;
  dependencies: string[];
  result?: string;
  error?: string;
  data?: JsonValue;
  createdAt: number;
  updatedAt: number;
}

/** `listTasks` filter; `since`/`until` bound the last change time (`since` included). */
export interface TaskQuery {
  status?: TaskStatus;
  agentId?: string;
  since?: number;
  until?: number;
  limit?: number;
  offset?: number;
}

/** An event to append. */
export interface EventInput {
  kind: string;
  agentId?: string;
  taskId?: string;
  /** Default: now. */
  time?: number;
  data?: JsonValue;
}

/** A stored event. */
export interface EventRecord {
  /** Position in the store's event log (increasing). */
  seq: number;
  swarmId: string;
  kind: string;
  agentId?: string;
  taskId?: string;
  time: number;
  data?: JsonValue;
}

/** `queryEvents` filter (results in time order). */
export interface EventQuery {
  /** Events at or after this time. */
  since?: number;
  /** Events before this time. */
  until?: number;
  /** Events after this sequence number (for reading incrementally). */
  afterSeq?: number;
  kinds?: string[];
  agentId?: string;
  taskId?: string;
  limit?: number;
}

/** A message between agents. */
export interface MessageInput {
  from: string;
  /** Absent: a broadcast to the swarm. */
  to?: string;
  /** Default: `"message"`. */
  kind?: string;
  content: string;
  /** Default: now. */
  time?: number;
}

/** A stored message. */
export interface MessageRecord {
  id: number;
  swarmId: string;
  from: string;
  to?: string;
  kind: string;
  content: string;
  time: number;
  readAt?: number;
}

/** `queryMessages` filter (results in time order). */
export interface MessageQuery {
  to?: string;
  from?: string;
  unreadOnly?: boolean;
  since?: number;
  until?: number;
  limit?: number;
}

/** One measurement. */
export interface MetricInput {
  name: string;
  /** A finite number. */
  value: number;
  agentId?: string;
  /** Default: now. */
  time?: number;
  tags?: { [key: string]: string };
}

/** A stored measurement. */
export interface MetricRecord {
  id: number;
  swarmId: string;
  name: string;
  value: number;
  agentId?: string;
  time: number;
  tags?: { [key: string]: string };
}

/** `queryMetrics` / `summarizeMetric` filter (results in time order). */
export interface MetricQuery {
  name?: string;
  agentId?: string;
  since?: number;
  until?: number;
  limit?: number;
}

/** `summarizeMetric`: aggregates over the matching measurements (min, max, mean absent when there are none). */
export interface MetricSummary {
  name: string;
  count: number;
  sum: number;
  min?: number;
  max?: number;
  mean?: number;
}

/** A stored swarm snapshot, without its bytes. */
export interface SnapshotInfo {
  id: number;
  swarmId: string;
  label?: string;
  /** Bytes. */
  size: number;
  createdAt: number;
}

/** `stats()`: facts about the database. */
export interface StoreStats {
  schemaVersion: number;
  pageSize: number;
  pageCount: number;
  freelistCount: number;
  sizeBytes: number;
  journalMode: string;
  agents: number;
  tasks: number;
  events: number;
  messages: number;
  metrics: number;
  snapshots: number;
}

/** Errors SQLite reports are thrown as `Error`s with SQLite's message and these fields. */
export interface SqliteError extends Error {
  /** SQLite's result code name, e.g. `"SQLITE_CONSTRAINT_UNIQUE"`. */
  code: string;
  /** SQLite's extended result code, e.g. 2067. */
  sqliteCode: number;
}

export interface Store {
  /**
   * Runs `fn` in a transaction (a savepoint inside an open one) and returns its result:
   * committed when it returns, rolled back when it throws (the error is rethrown). `fn` must be
   * synchronous.
   */
  transaction<T>(fn: () => T): T;
}
