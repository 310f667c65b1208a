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

test('arguments of the wrong type throw an Error naming the parameter, not a wasm trap', () => {
  const s = m.createSwarm({ id: 'arg-types' });
  m.spawnAgent(s, { id: 'a' });
  m.spawnAgent(s, { id: 'b' });
  m.orchestrateTask(s, { id: 't', description: 'x' });
  m.removeAgent(s, 'b', 'gone');
  const bytes = m.snapshot(s);
  /** `f` must throw a plain Error matching `re` and leave the swarm and the instance intact. */
  const bad = (f, re) => {
    assert.throws(f, (e) => !(e instanceof WebAssembly.RuntimeError) && e instanceof Error && re.test(e.message), `expected ${re}`);
    assert.deepEqual(m.snapshot(s), bytes, 'state changed by a failing call');
  };
  // Every string parameter: a number, an object, null and undefined are rejected by name.
  const stringParams = [
    ['swarmId', (v) => m.destroySwarm(v)], ['swarmId', (v) => m.getStatus(v)], ['swarmId', (v) => m.snapshot(v)],
    ['swarmId', (v) => m.verifySwarm(v)], ['swarmId', (v) => m.spawnAgent(v, {})],
    ['swarmId', (v) => m.orchestrateTask(v, { description: 'x' })], ['swarmId', (v) => m.orchestrateTasks(v, [])],
    ['swarmId', (v) => m.setTime(v, 1)], ['swarmId', (v) => m.listAgents(v)], ['swarmId', (v) => m.listTasks(v)],
    ['swarmId', (v) => m.getEvents(v, 0)], ['swarmId', (v) => m.getAssignments(v, 0)],
    ['agentId', (v) => m.removeAgent(s, v)], ['agentId', (v) => m.getAgent(s, v)], ['agentId', (v) => m.neighbors(s, v)],
    ['fromAgentId', (v) => m.route(s, v, 'a')], ['toAgentId', (v) => m.route(s, 'a', v)],
    ['taskId', (v) => m.startTask(s, v)], ['taskId', (v) => m.completeTask(s, v)], ['taskId', (v) => m.failTask(s, v, 'e')],
    ['taskId', (v) => m.getTask(s, v)], ['taskId', (v) => m.handOff(s, v, 'a')], ['toAgentId', (v) => m.handOff(s, 't', v)],
    ['error', (v) => m.failTask(s, 't', v)],
  ];
  for (const [name, call] of stringParams) {
    for (const [value, type] of [[42, 'number'], [{ id: 'a' }, 'object'], [null, 'null'], [undefined, 'undefined'], [['a'], 'an array']]) {
      bad(() => call(value), new RegExp(`^${name} must be a string, got ${type}$`));
    }
  }
  // Optional strings: anything but a string, undefined or null.
  bad(() => m.completeTask(s, 't', 42), /^result must be a string, got number$/);
  bad(() => m.removeAgent(s, 'a', { why: 'x' }), /^reason must be a string, got object$/);
  bad(() => m.listTasks(s, 3), /^status must be a string, got number$/);
  bad(() => m.restore(bytes, 42), /^swarmId must be a string, got number$/);
  bad(() => m.restore(bytes, true), /^swarmId must be a string, got boolean$/);
  // Booleans are not coerced.
  bad(() => m.listAgents(s, 'yes'), /^includeRemoved must be a boolean, got string$/);
  bad(() => m.listAgents(s, 1), /^includeRemoved must be a boolean, got number$/);
  // since and limit: integers in range, no coercion.
  for (const get of [(...a) => m.getEvents(s, ...a), (...a) => m.getAssignments(s, ...a)]) {
    bad(() => get(0, NaN), /^invalid limit: NaN is not an integer from 0 to 4294967295$/);
    bad(() => get(0, -1), /^invalid limit: -1 is not an integer from 0 to 4294967295$/);
    bad(() => get(0, 1.5), /invalid limit: 1.5/);
    bad(() => get(0, 2 ** 32), /invalid limit: 4294967296/);
    bad(() => get(0, Infinity), /invalid limit: inf/);
    bad(() => get(0, '10'), /^invalid limit: expected a number, got string$/);
    bad(() => get(NaN), /invalid since: NaN/);
    bad(() => get(-1), /invalid since: -1/);
    bad(() => get(2 ** 53), /invalid since: 9007199254740992 is not an integer/);
    bad(() => get('0'), /^invalid since: expected a number, got string$/);
    bad(() => get(null), /^invalid since: expected a number, got null$/);
    bad(() => get(), /^invalid since: expected a number, got undefined$/);
  }
  bad(() => m.getEvents(s, 0, 10, 'agentJoined'), /^invalid kinds: expected an array of strings, got string$/);
  bad(() => m.getEvents(s, 0, 10, 5), /^invalid kinds: expected an array of strings, got number$/);
  bad(() => m.getEvents(s, 0, 10, ['agentJoined', 1]), /^invalid kinds: entry 1 is number, not a string$/);
  // The valid forms still work: optional arguments left out, undefined or null; limits at the edges.
  assert.equal(m.listAgents(s).length, 1);
  assert.equal(m.listAgents(s, null).length, 1);
  assert.equal(m.listAgents(s, false).length, 1);
  assert.equal(m.listAgents(s, true).length, 2);
  assert.equal(m.listTasks(s, null).length, 1);
  assert.equal(m.listTasks(s, 'assigned').length, 1);
  const all = m.getEvents(s, 0).events;
  assert.deepEqual(m.getEvents(s, 0, null, null).events, all);
  assert.deepEqual(m.getEvents(s, 0, undefined, undefined).events, all);
  assert.deepEqual(m.getEvents(s, 0, 4294967295).events, all);
  assert.equal(m.getEvents(s, 0, 0).events.length, 0);
  assert.deepEqual(m.getEvents(s, 0, 1, ['agentLeft']).events.map((e) => e.detail), ['gone']);
  assert.deepEqual(m.getAssignments(s, 0, null).taskIds, ['t']);
  assert.deepEqual(m.getAssignments(s, 0, 0).taskIds, []);
  m.completeTask(s, 't', null);
  assert.equal(m.getTask(s, 't').result, undefined);
  m.destroySwarm(s);
  assert.equal(m.restore(bytes, null), 'arg-types');
  assert.equal(m.getTask('arg-types', 't').status, 'assigned');
  m.destroySwarm('arg-types');
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

/** Agents and a task graph (dependencies, capabilities, priorities) for the batch tests. */
function batchWorkload(n) {
  const agents = Array.from({ length: 6 }, (_, i) => ({
    id: `w${i}`, capabilities: ['x', 'y', 'z'].slice(0, i % 4), maxConcurrent: 1 + (i % 3),
  }));
  const tasks = Array.from({ length: n }, (_, i) => {
    const t = { id: `job-${i}`, description: i % 7 ? `step ${i}` : `null "quoted" é ${i}`, priority: ['low', 'medium', 'high', 'critical'][i % 4] };
    if (i > 2) t.dependencies = [`job-${i >> 1}`, `job-${i - 3}`];
    if (i % 3) t.requiredCapabilities = [['x', 'y', 'z'][i % 3]];
    return t;
  });
  return { agents, tasks };
}

test('batch life-cycle calls run a task graph exactly like the single calls', () => {
  const { agents, tasks } = batchWorkload(200);
  const batch = m.createSwarm({ id: 'batch-run', seed: 3 });
  const single = m.createSwarm({ id: 'single-run', seed: 3 });
  for (const s of [batch, single]) for (const a of agents) m.spawnAgent(s, a);
  for (let i = 0; i < tasks.length; i += 50) {
    const ids = m.orchestrateTasks(batch, tasks.slice(i, i + 50));
    assert.deepEqual(ids, tasks.slice(i, i + 50).map((t) => t.id));
    assert.deepEqual(m.orchestrateTasks(single, tasks.slice(i, i + 50)), ids);
  }
  let since = 0;
  let singleSince = 0;
  let done = 0;
  while (done < tasks.length) {
    const a = m.getAssignments(batch, since, 40);
    const e = m.getEvents(single, singleSince, 40, ['taskAssigned']);
    assert.deepEqual(a.taskIds, e.events.map((x) => x.taskId));
    assert.deepEqual(a.agentIds, e.events.map((x) => x.agentId));
    assert.equal(a.nextSeq, e.nextSeq);
    assert.equal(a.dropped, 0);
    assert.ok(a.taskIds.length > 0, 'stalled');
    since = a.nextSeq;
    singleSince = e.nextSeq;
    const started = a.taskIds.filter((_, i) => i % 2 === 0);
    m.startTasks(batch, started);
    for (const t of started) m.startTask(single, t);
    const results = a.taskIds.map((t) => `result of ${t}`);
    m.completeTasks(batch, a.taskIds, results);
    a.taskIds.forEach((t, i) => m.completeTask(single, t, results[i]));
    done += a.taskIds.length;
  }
  assert.deepEqual(m.listTasks(batch), m.listTasks(single));
  assert.deepEqual(m.getEvents(batch, 0, 1e6).events, m.getEvents(single, 0, 1e6).events);
  assert.equal(m.getStatus(batch).tasks.completed, tasks.length);
  assert.equal(m.getTask(batch, 'job-7').description, 'null "quoted" é 7');
  m.verifySwarm(batch);
  const copy = m.restore(m.snapshot(batch), 'batch-copy');
  assert.deepEqual(m.listTasks(copy), m.listTasks(batch));
  for (const s of [batch, single, copy]) m.destroySwarm(s);
});

test('batch API: bad input throws an Error and changes nothing', () => {
  const s = m.createSwarm({ id: 'batch-bad' });
  m.spawnAgent(s, { id: 'a', maxConcurrent: 3 });
  assert.deepEqual(m.orchestrateTasks(s, [{ id: 'p', description: '' }, { id: 'q', description: '' }, { id: 'r', description: '', dependencies: ['p'] }]), ['p', 'q', 'r']);
  m.startTask(s, 'q');
  rejects(s, () => m.startTasks(s, 'p'), /invalid taskIds: expected an array of strings, got string/);
  rejects(s, () => m.startTasks(s, ['p', 3]), /invalid taskIds: entry 1 is number, not a string/);
  rejects(s, () => m.startTasks(s, [undefined]), /invalid taskIds: entry 0 is undefined, not a string/);
  rejects(s, () => m.startTasks(s, ['p', 'p']), /lists task 'p' more than once/);
  rejects(s, () => m.startTasks(s, ['p', 'q']), /cannot start task 'q': it is already running/);
  rejects(s, () => m.startTasks(s, ['p', 'ghost']), /unknown task 'ghost'/);
  rejects(s, () => m.completeTasks(s, ['p', 'r']), /cannot complete task 'r': it is not assigned to an agent \(it is pending\)/);
  rejects(s, () => m.completeTasks(s, ['p', 'q'], ['only one']), /invalid results: has 1 entries for 2 task ids/);
  rejects(s, () => m.completeTasks(s, ['p'], 'ok'), /invalid results: expected an array of strings, got string/);
  rejects(s, () => m.completeTasks(s, ['p'], [42]), /invalid results: entry 0 is number, not a string/);
  rejects(s, () => m.completeTasks(s, ['p', 'q'], ['ok', 'bell\u0007']), /invalid results\[1\]: contains the control character/);
  rejects(s, () => m.completeTasks(s, { 0: 'p', length: 1 }), /invalid taskIds: expected an array of strings, got object/);
  rejects(s, () => m.getAssignments(s, -1), /invalid since/);
  rejects(s, () => m.getAssignments(s, 0.5), /invalid since/);
  rejects(s, () => m.getAssignments(s, 1e9), /invalid since: 1000000000 is beyond/);
  rejects(s, () => m.orchestrateTasks(s, [{ description: '' }, { description: '', maxRetries: NaN }]), /invalid task list/);
  rejects(s, () => m.orchestrateTasks(s, [{ description: '' }, { description: '', prioriti: 'high' }]), /unknown field `prioriti`/);
  rejects(s, () => m.orchestrateTasks(s, [{ id: 'n1', description: '' }, { id: 'n1', description: '' }]), /duplicate task id 'n1'/);
  rejects(s, () => m.orchestrateTasks(s, [{ description: '' }, { description: '', dependencies: ['nope'] }]), /unknown task 'nope'/);
  rejects(s, () => m.orchestrateTasks(s, 'tasks'), /invalid task list/);
  rejects(s, () => m.orchestrateTask(s, { id: 'n2', description: '', dependencies: [null] }), /invalid task/);
  assert.throws(() => m.getAssignments('no-such-swarm', 0), /unknown swarm 'no-such-swarm'/);
  assert.throws(() => m.startTasks('no-such-swarm', []), /unknown swarm 'no-such-swarm'/);
  assert.throws(() => m.startTasks(42, []), /swarmId must be a string, got number/);
  assert.throws(() => m.completeTasks(undefined, []), /swarmId must be a string, got undefined/);
  assert.throws(() => m.getAssignments(null, 0), /swarmId must be a string, got null/);
  // Empty batches change nothing; the valid calls still work.
  const before = m.snapshot(s);
  m.startTasks(s, []);
  m.completeTasks(s, [], []);
  assert.deepEqual(m.snapshot(s), before);
  m.startTasks(s, ['p']);
  m.completeTasks(s, ['q', 'p'], ['Q', 'P']);
  assert.equal(m.getTask(s, 'p').result, 'P');
  assert.equal(m.getTask(s, 'r').status, 'assigned');
  m.completeTasks(s, ['r']);
  assert.equal(m.getTask(s, 'r').result, undefined);
  const a = m.getAssignments(s, 0);
  assert.deepEqual(a, { taskIds: ['p', 'q', 'r'], agentIds: ['a', 'a', 'a'], nextSeq: m.getStatus(s).events.nextSeq, dropped: 0 });
  m.verifySwarm(s);
  m.destroySwarm(s);
});
