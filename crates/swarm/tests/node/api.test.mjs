// Node tests of the `swarm` wasm module through its JavaScript API.
// Usage: node crates/swarm/tests/node/api.test.mjs <wasm-bindgen output dir or glue .js> [module .wasm]
//   (or set RUV_WASM_MODULE). Uses node:test; exits non-zero on failure.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const target = process.argv[2] ?? process.env.RUV_WASM_MODULE;
if (!target) throw new Error('usage: node api.test.mjs <wasm-bindgen output dir or .js>');
let js = target;
if (fs.statSync(target).isDirectory()) {
  js = path.join(target, fs.readdirSync(target).find((f) => f.endsWith('.js')));
}
const m = await import(pathToFileURL(path.resolve(js)).href);
// An explicit .wasm (e.g. the wasm-opt output) may follow the glue.
const wasm = process.argv[3] ?? js.replace(/\.js$/, '_bg.wasm');
await m.default({ module_or_path: fs.readFileSync(wasm) });

/** Runs `f`, expects it to throw an Error matching `re`, and checks the swarm did not change. */
function rejects(swarm, f, re) {
  const before = m.snapshot(swarm);
  assert.throws(f, (e) => e instanceof Error && re.test(e.message), `expected ${re}`);
  assert.deepEqual(m.snapshot(swarm), before, 'state changed by a failing call');
  m.verifySwarm(swarm);
}

test('module interface', () => {
  assert.equal(typeof m.version(), 'string');
  assert.ok(m.memoryUsage() > 0);
  assert.equal(typeof m.simdEnabled(), 'boolean');
});

test('seed API: create, spawn, orchestrate, status, run to completion', () => {
  const s = m.createSwarm({ topology: 'mesh', maxAgents: 5 });
  assert.match(s, /^swarm-\d+$/);
  const a = m.spawnAgent(s, { role: 'researcher', capabilities: ['search', 'read'], maxConcurrent: 2 });
  assert.equal(m.getAgent(s, a).cognitivePattern, 'divergent');
  const t1 = m.orchestrateTask(s, { description: 'find papers', requiredCapabilities: ['search'] });
  const t2 = m.orchestrateTask(s, { id: 'summary', description: 'summarise', dependencies: [t1], priority: 'high' });
  let st = m.getStatus(s);
  assert.equal(st.tasks.total, 2);
  assert.equal(st.tasks.assigned, 1);
  assert.equal(st.tasks.pending, 1);
  m.startTask(s, t1);
  m.completeTask(s, t1, 'three papers');
  assert.equal(m.getTask(s, t2).status, 'assigned');
  m.completeTask(s, t2);
  st = m.getStatus(s);
  assert.equal(st.tasks.completed, 2);
  assert.equal(st.metrics.queueLength, 0);
  assert.ok(st.metrics.throughput > 0);
  const kinds = m.getEvents(s, 0).events.map((e) => e.kind);
  assert.deepEqual(kinds, ['agentJoined', 'taskAssigned', 'taskStarted', 'taskCompleted', 'taskAssigned', 'taskCompleted']);
  const assigned = m.getEvents(s, 0, 100, ['taskAssigned']);
  assert.deepEqual(assigned.events.map((e) => e.taskId), [t1, t2]);
  assert.equal(assigned.nextSeq, 6);
  m.destroySwarm(s);
});

test('bad input throws an Error and changes nothing', () => {
  const s = m.createSwarm({ id: 'bad-input' });
  m.spawnAgent(s, { id: 'a' });
  m.orchestrateTask(s, { id: 't', description: 'x' });
  m.orchestrateTask(s, { id: 'q', description: 'queued' });
  rejects(s, () => m.orchestrateTask(s, { id: 't', description: 'again' }), /duplicate task id 't'/);
  rejects(s, () => m.orchestrateTask(s, { description: 'x', dependencies: ['nope'] }), /unknown task 'nope'/);
  rejects(s, () => m.orchestrateTask(s, { description: 'x', prioriti: 'high' }), /unknown field `prioriti`/);
  rejects(s, () => m.orchestrateTask(s, { description: 'x', maxRetries: NaN }), /invalid task/);
  rejects(s, () => m.orchestrateTask(s, { description: 'x', maxRetries: -1 }), /invalid task/);
  rejects(s, () => m.orchestrateTask(s, { id: 'x' }), /missing field `description`/);
  rejects(s, () => m.orchestrateTask(s, 42), /invalid task/);
  rejects(s, () => m.spawnAgent(s, { id: 'a' }), /duplicate agent id 'a'/);
  rejects(s, () => m.spawnAgent(s, { maxConcurrent: 0 }), /maxConcurrent/);
  rejects(s, () => m.spawnAgent(s, { role: 'wizard' }), /invalid agent config/);
  rejects(s, () => m.completeTask(s, 'q'), /not assigned to an agent \(it is ready\)/);
  rejects(s, () => m.startTask(s, 'ghost'), /unknown task 'ghost'/);
  rejects(s, () => m.removeAgent(s, 'ghost'), /unknown agent 'ghost'/);
  rejects(s, () => m.getEvents(s, -1), /invalid since/);
  rejects(s, () => m.getEvents(s, 0, 10, ['nope']), /invalid kinds/);
  rejects(s, () => m.listTasks(s, 'done'), /invalid status/);
  rejects(s, () => m.orchestrateTasks(s, [
    { id: 'x', description: '', dependencies: ['y'] },
    { id: 'y', description: '', dependencies: ['x'] },
  ]), /dependency cycle: 'x' -> 'y' -> 'x'/);
  m.completeTask(s, 't', 'ok');
  rejects(s, () => m.completeTask(s, 't'), /already completed/);
  assert.throws(() => m.getStatus('no-such-swarm'), /unknown swarm 'no-such-swarm'/);
  assert.throws(() => m.createSwarm({ maxAgents: 0 }), /maxAgents/);
  assert.throws(() => m.createSwarm({ id: 'bad-input' }), /duplicate swarm id/);
  assert.throws(() => m.createSwarm({ topologie: 'ring' }), /unknown field/);
  m.destroySwarm(s);
});

test('retries, removal and hand-offs', () => {
  const s = m.createSwarm({ topology: 'star', maxRetries: 1 });
  m.spawnAgent(s, { id: 'hub', maxConcurrent: 2 });
  m.spawnAgent(s, { id: 'leaf1' });
  m.spawnAgent(s, { id: 'leaf2' });
  m.orchestrateTask(s, { id: 'job', description: 'work' });
  assert.equal(m.getTask(s, 'job').agent, 'hub');
  m.handOff(s, 'job', 'leaf1');
  rejects(s, () => m.handOff(s, 'job', 'leaf2'), /star topology does not let agent 'leaf1' hand work to agent 'leaf2'/);
  assert.deepEqual(m.route(s, 'leaf1', 'leaf2'), ['leaf1', 'hub', 'leaf2']);
  assert.equal(m.failTask(s, 'job', 'flaky'), 'ready');
  const holder = m.getTask(s, 'job').agent;
  m.removeAgent(s, holder, 'crashed');
  const t = m.getTask(s, 'job');
  assert.equal(t.status, 'assigned');
  assert.notEqual(t.agent, holder);
  assert.equal(m.failTask(s, 'job', 'again'), 'failed');
  assert.equal(m.getStatus(s).tasks.failed, 1);
  m.destroySwarm(s);
});

test('snapshot and restore', () => {
  const s = m.createSwarm({ id: 'orig', strategy: 'random', seed: 5 });
  for (let i = 0; i < 5; i++) m.spawnAgent(s, { maxConcurrent: 2 });
  m.orchestrateTasks(s, Array.from({ length: 20 }, (_, i) => ({ id: `t${i}`, description: '', dependencies: i ? [`t${i - 1}`] : [] })));
  const bytes = m.snapshot(s);
  assert.ok(bytes instanceof Uint8Array);
  const copy = m.restore(bytes, 'copy');
  assert.deepEqual(m.snapshot(copy).subarray(0, 8), bytes.subarray(0, 8));
  const a = m.getStatus(s);
  const b = m.getStatus(copy);
  assert.deepEqual({ ...a, id: 0, name: 0 }, { ...b, id: 0, name: 0 });
  assert.throws(() => m.restore(bytes), /duplicate swarm id 'orig'/);
  const broken = bytes.slice();
  broken[20] ^= 1;
  assert.throws(() => m.restore(broken, 'broken'), /corrupt snapshot/);
  assert.throws(() => m.restore(new Uint8Array(3), 'tiny'), /corrupt snapshot/);
  assert.ok(!m.listSwarms().includes('broken'));
  m.destroySwarm(s);
  m.destroySwarm(copy);
});
