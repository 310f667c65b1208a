// Scheduling benchmark for the `swarm` wasm module.
//
// Usage: node schedule.mjs <module> [tasks] [agents] [chunk]
//   <module>: Bazel's output (after `tools/bazel build //crates/swarm:swarm_module`):
//               node crates/swarm/bench/schedule.mjs bazel-bin/crates/swarm/swarm_module
//             or a wasm-bindgen output directory (or its .js, with `<name>_bg.wasm` next to it).
//   defaults: 100000 tasks, 1000 agents, 1000 tasks per orchestrateTasks call.
//
// Loads the swarm module, spawns the agents, then submits the tasks (each depending on up to
// two earlier tasks, half of them requiring one of 8 capabilities, random priorities; every
// agent has 3 capabilities and takes up to 4 tasks at once) and runs them to completion the way
// a JavaScript host would, through the batch API: submit the task objects with
// `orchestrateTasks` (`chunk` per call), then repeatedly read the new assignments
// (`getAssignments`: task and agent ids), start those tasks (`startTasks`) and complete them
// with a result each (`completeTasks`), until every task completed. A small warm-up run first
// lets V8 finish compiling the module, and a full garbage collection before each timed run
// keeps the garbage of building the inputs out of the timings. Prints wall and CPU times (CPU
// time is less sensitive to other load on a shared machine; it also counts V8's background
// threads), operations per second for spawn, orchestrate and complete, and the wasm memory in
// use; then the same workload through the one-call-per-task API (`orchestrateTask`,
// `getEvents`, `startTask`, `completeTask`) for comparison, and verify / snapshot / restore
// times. Deterministic (fixed seeds); every figure printed is measured.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import vm from 'node:vm';

const target = process.argv[2];
if (!target) {
  console.error('usage: node schedule.mjs <bazel-bin/crates/swarm/swarm_module | wasm-bindgen output dir or .js> [tasks] [agents] [chunk]');
  process.exit(2);
}
const TASKS = Number(process.argv[3] ?? 100_000);
const AGENTS = Number(process.argv[4] ?? 1_000);
const CHUNK = Number(process.argv[5] ?? 1_000);
const PER_AGENT = 4;
const CAPS = ['rust', 'python', 'go', 'sql', 'ml', 'web', 'ops', 'docs'];

// Finds the glue (.js) and the module (.wasm). Accepts a wasm-bindgen output directory (or its
// .js, with `<name>_bg.wasm` next to it), or Bazel's `bazel-bin/crates/swarm/swarm_module`:
// its glue is in `swarm_module_bindgen/` and the shipped (wasm-opt) module in `swarm_module_opt/`.
function locate(p) {
  const jsIn = (dir) => {
    const found = fs.readdirSync(dir).filter((f) => f.endsWith('.js') && !f.endsWith('.d.js'));
    if (found.length > 1) throw new Error(`expected one .js file in ${dir}, found: ${found.join(', ')}`);
    return found.length ? path.join(dir, found[0]) : null;
  };
  const base = p.replace(/[\/]+$/, '');
  if (fs.existsSync(`${base}_bindgen`) && fs.existsSync(`${base}_opt`)) {
    const js = jsIn(`${base}_bindgen`);
    const wasm = js && path.join(`${base}_opt`, path.basename(js).replace(/\.js$/, '.wasm'));
    if (!js || !fs.existsSync(wasm)) throw new Error(`no glue/module pair under ${base}_bindgen and ${base}_opt`);
    return { js, wasm };
  }
  const js = fs.statSync(p).isDirectory() ? jsIn(p) : p;
  if (!js) throw new Error(`no .js file in ${p}`);
  const wasm = js.replace(/\.js$/, '_bg.wasm');
  if (!fs.existsSync(wasm)) throw new Error(`missing ${wasm}`);
  return { js, wasm };
}

// xorshift32: the benchmark's own deterministic generator.
function rng(seed) {
  let x = seed >>> 0 || 1;
  return (n) => {
    x ^= x << 13; x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5; x >>>= 0;
    return x % n;
  };
}

const { js, wasm } = locate(target);
const m = await import(pathToFileURL(path.resolve(js)).href);
await m.default({ module_or_path: fs.readFileSync(wasm) });
const memBefore = m.memoryUsage();

// Inputs are built before timing starts.
const r = rng(20240601);
const agents = [];
for (let i = 0; i < AGENTS; i++) {
  const caps = new Set();
  while (caps.size < 3) caps.add(CAPS[r(CAPS.length)]);
  agents.push({ id: `agent-${i}`, role: 'coder', capabilities: [...caps], maxConcurrent: PER_AGENT });
}
const tasks = [];
let edges = 0;
for (let i = 0; i < TASKS; i++) {
  const deps = new Set();
  if (i > 0) {
    const k = r(3);
    for (let j = 0; j < k; j++) deps.add(`t${Math.max(0, i - 1 - r(Math.min(i, 5000)))}`);
  }
  edges += deps.size;
  const task = { id: `t${i}`, description: `benchmark task ${i}`, priority: ['low', 'medium', 'high', 'critical'][r(4)] };
  if (deps.size) task.dependencies = [...deps];
  if (r(2) === 0) task.requiredCapabilities = [CAPS[r(CAPS.length)]];
  tasks.push(task);
}

// A full JavaScript garbage collection before each timed run, so that the garbage left by
// building the inputs (and by earlier runs) is not collected, and billed, during the run.
v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc');

// CPU time of this process (milliseconds): less sensitive than wall time to other load.
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };

// Runs the workload (the first `nTasks` tasks on the first `nAgents` agents) on a new swarm
// through the batch API and returns its timings. Tasks are started and completed as their
// assignments show up in the event log.
function run(id, nTasks, nAgents) {
  const swarm = m.createSwarm({ id, topology: 'mesh', strategy: 'capabilityMatch', maxAgents: nAgents, seed: 7 });
  collectGarbage();
  const c0 = cpu();
  const t0 = performance.now();
  for (let i = 0; i < nAgents; i++) m.spawnAgent(swarm, agents[i]);
  const t1 = performance.now();
  const c1 = cpu();
  let submitted = 0;
  for (let i = 0; i < nTasks; i += CHUNK) {
    submitted += m.orchestrateTasks(swarm, tasks.slice(i, Math.min(nTasks, i + CHUNK))).length;
  }
  if (submitted !== nTasks) throw new Error(`orchestrateTasks returned ${submitted} ids for ${nTasks} tasks`);
  const t2 = performance.now();
  const c2 = cpu();
  let since = 0;
  let completed = 0;
  let rounds = 0;
  let completeTime = 0;
  let readTime = 0;
  while (completed < nTasks) {
    const ra = performance.now();
    const batch = m.getAssignments(swarm, since, 1_000_000);
    const rb = performance.now();
    readTime += rb - ra;
    since = batch.nextSeq;
    if (batch.dropped) throw new Error(`event log dropped ${batch.dropped} events`);
    const ids = batch.taskIds;
    if (ids.length === 0) throw new Error(`stalled after ${completed} completions`);
    if (batch.agentIds.length !== ids.length) throw new Error('assignment columns differ in length');
    m.startTasks(swarm, ids);
    m.completeTasks(swarm, ids, ids.map(() => 'ok'));
    completed += ids.length;
    completeTime += performance.now() - rb;
    rounds++;
  }
  const t3 = performance.now();
  const c3 = cpu();
  return { swarm, t0, t1, t2, t3, c0, c1, c2, c3, rounds, completeTime, readTime };
}

// The same workload through the one-call-per-task API.
function runPerCall(id, nTasks, nAgents) {
  const swarm = m.createSwarm({ id, topology: 'mesh', strategy: 'capabilityMatch', maxAgents: nAgents, seed: 7 });
  for (let i = 0; i < nAgents; i++) m.spawnAgent(swarm, agents[i]);
  collectGarbage();
  const t1 = performance.now();
  for (let i = 0; i < nTasks; i++) m.orchestrateTask(swarm, tasks[i]);
  const t2 = performance.now();
  let since = 0;
  let completed = 0;
  while (completed < nTasks) {
    const batch = m.getEvents(swarm, since, 1_000_000, ['taskAssigned']);
    since = batch.nextSeq;
    if (batch.dropped) throw new Error(`event log dropped ${batch.dropped} events`);
    if (batch.events.length === 0) throw new Error(`stalled after ${completed} completions`);
    for (const e of batch.events) {
      m.startTask(swarm, e.taskId);
      m.completeTask(swarm, e.taskId, 'ok');
      completed++;
    }
  }
  const t3 = performance.now();
  if (m.getStatus(swarm).tasks.completed !== nTasks) throw new Error('per-call run did not complete');
  return { swarm, t1, t2, t3 };
}

// Warm-up on a small slice so that V8's optimizing compilation of the module (background
// threads) is done before measuring.
m.destroySwarm(run('warm-up', Math.min(TASKS, 5_000), Math.min(AGENTS, 100)).swarm);
m.destroySwarm(runPerCall('warm-up', Math.min(TASKS, 2_000), Math.min(AGENTS, 100)).swarm);

const { swarm, t0, t1, t2, t3, c0, c1, c2, c3, rounds, completeTime, readTime } = run('bench', TASKS, AGENTS);
const status = m.getStatus(swarm);
if (status.tasks.completed !== TASKS) throw new Error(`only ${status.tasks.completed} tasks completed`);
const memAfter = m.memoryUsage();

const v0 = performance.now();
m.verifySwarm(swarm);
const v1 = performance.now();
const snap = m.snapshot(swarm);
const v2 = performance.now();
const copy = m.restore(snap, 'bench-copy');
const v3 = performance.now();
m.destroySwarm(copy);
m.destroySwarm(swarm);

const perCall = runPerCall('bench-per-call', TASKS, AGENTS);
m.verifySwarm(perCall.swarm);
m.destroySwarm(perCall.swarm);

const ms = (x) => `${x.toFixed(1)} ms`;
const rate = (n, dt) => `${Math.round(n / (dt / 1000)).toLocaleString('en-US')} ops/s`;
const mb = (b) => `${(b / 1048576).toFixed(1)} MB`;
console.log(`swarm module ${m.version()} (simd ${m.simdEnabled()}), Node ${process.version}`);
console.log(`workload: ${TASKS} tasks (${edges} dependency edges), ${AGENTS} agents x ${PER_AGENT} slots; batch API, ${CHUNK} tasks per orchestrateTasks call`);
console.log(`spawn:        ${AGENTS} agents in ${ms(t1 - t0)} (cpu ${ms(c1 - c0)})  -> ${rate(AGENTS, t1 - t0)}`);
console.log(`orchestrate:  ${TASKS} tasks in ${ms(t2 - t1)} (cpu ${ms(c2 - c1)})  -> ${rate(TASKS, t2 - t1)}`);
console.log(`complete:     ${TASKS} tasks started and completed in ${ms(completeTime)}  -> ${rate(TASKS, completeTime)} (completions)`);
console.log(`assignments:  ${TASKS} read in ${rounds} getAssignments calls, ${ms(readTime)}`);
console.log(`schedule to completion (orchestrate + run): ${ms(t3 - t1)} wall, ${ms(c3 - c1)} cpu; with spawning: ${ms(t3 - t0)} wall, ${ms(c3 - c0)} cpu`);
console.log(`wasm memory:  ${mb(memAfter)} (at start ${mb(memBefore)})`);
console.log(`metrics:      throughput ${status.metrics.throughput.toFixed(3)}/tick, avg latency ${status.metrics.averageLatency.toFixed(0)} ticks, avg utilization ${(status.metrics.averageUtilization * 100).toFixed(1)}%`);
console.log(`verify ${ms(v1 - v0)}, snapshot ${mb(snap.length)} in ${ms(v2 - v1)}, restore ${ms(v3 - v2)}`);
console.log(`per-call API: orchestrateTask ${rate(TASKS, perCall.t2 - perCall.t1)}; getEvents + startTask + completeTask ${rate(TASKS, perCall.t3 - perCall.t2)}; schedule to completion ${ms(perCall.t3 - perCall.t1)}`);
console.log(`wasm memory after all runs: ${mb(m.memoryUsage())}`);
