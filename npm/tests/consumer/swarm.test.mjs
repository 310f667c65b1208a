// The swarm module through the installed package: a dependency graph run to completion in a
// valid order, priorities, retries, topologies, clocks, snapshots, bad input for every export,
// memory.
import assert from 'node:assert/strict';
import test from 'node:test';
import { checkTable, INIT_EXPORTS, memoryGrowth } from './bad_input.mjs';
import { subject } from './subject.mjs';

const { ns: swarm, direct, own, label } = await subject('swarm');

test('swarm: load() and the subpath export are the same instance', () => {
  for (const name of Object.keys(swarm)) {
    if (!INIT_EXPORTS.includes(name)) assert.equal(direct[name], swarm[name], name);
  }
  const id = direct.createSwarm({ id: 'via-subpath' });
  assert.ok(swarm.listSwarms().includes(id), 'a swarm made through the subpath is seen through load()');
  swarm.destroySwarm(id);
  assert.ok(!direct.listSwarms().includes(id));
});

/** Runs every assigned task to completion, checking each step; returns the completion order. */
function runToCompletion(s, agentsById) {
  const done = [];
  const completed = new Set();
  for (let step = 0; step < 1000; step++) {
    const assigned = swarm.listTasks(s, 'assigned');
    if (assigned.length === 0) break;
    for (const agent of swarm.listAgents(s)) {
      assert.ok(agent.load <= agent.maxConcurrent, `${agent.id} holds ${agent.load} > ${agent.maxConcurrent}`);
    }
    for (const task of assigned) {
      for (const dep of task.dependencies) assert.ok(completed.has(dep), `${task.id} assigned before ${dep} completed`);
      const caps = agentsById[task.agent];
      for (const need of task.requiredCapabilities) assert.ok(caps.includes(need), `${task.agent} lacks ${need} for ${task.id}`);
      swarm.startTask(s, task.id);
      assert.equal(swarm.getTask(s, task.id).status, 'running');
      swarm.completeTask(s, task.id, `result of ${task.id}`);
      completed.add(task.id);
      done.push(task.id);
    }
  }
  return done;
}

test('swarm: a task graph with dependencies completes every task in a valid order', () => {
  const s = swarm.createSwarm({ id: 'graph', topology: 'mesh', maxConcurrentPerAgent: 2 });
  const agents = { rusty: ['rust'], snake: ['python'], both: ['python', 'rust'] };
  for (const [id, capabilities] of Object.entries(agents)) swarm.spawnAgent(s, { id, capabilities, maxConcurrent: 2 });
  // A diamond, a chain and independent tasks, listed out of dependency order.
  const graph = {
    build: { deps: ['fetch'], caps: ['rust'] },
    test: { deps: ['build'], caps: ['rust'] },
    lint: { deps: ['fetch'], caps: ['python'] },
    release: { deps: ['test', 'lint', 'docs'], caps: [] },
    fetch: { deps: [], caps: [] },
    docs: { deps: [], caps: ['python'] },
    bench: { deps: ['build'], caps: ['rust', 'python'] },
    announce: { deps: ['release'], caps: [] },
    extra1: { deps: [], caps: [] },
    extra2: { deps: ['extra1'], caps: ['python'] },
  };
  const ids = swarm.orchestrateTasks(s, Object.entries(graph).map(([id, t]) => ({
    id, description: `do ${id}`, dependencies: t.deps, requiredCapabilities: t.caps,
  })));
  assert.deepEqual(ids, Object.keys(graph));
  assert.equal(swarm.getTask(s, 'release').status, 'pending');
  const order = runToCompletion(s, agents);
  assert.deepEqual([...order].sort(), Object.keys(graph).sort(), 'every task completed once');
  const position = new Map(order.map((id, i) => [id, i]));
  for (const [id, t] of Object.entries(graph)) {
    for (const dep of t.deps) assert.ok(position.get(dep) < position.get(id), `${id} completed before ${dep}`);
  }
  const status = swarm.getStatus(s);
  assert.equal(status.tasks.total, 10);
  assert.equal(status.tasks.completed, 10);
  assert.equal(status.agents.load, 0);
  assert.equal(status.metrics.queueLength, 0);
  assert.equal(status.metrics.assignments, 10);
  assert.ok(status.metrics.throughput > 0);
  assert.equal(swarm.listAgents(s).reduce((sum, a) => sum + a.completed, 0), 10);
  for (const task of swarm.listTasks(s)) {
    assert.equal(task.status, 'completed');
    assert.equal(task.result, `result of ${task.id}`);
    assert.ok(task.submittedAt <= task.assignedAt && task.assignedAt <= task.startedAt && task.startedAt <= task.finishedAt);
  }
  // The event log tells the same story: each task assigned, started, completed, in that order.
  const { events, nextSeq, dropped } = swarm.getEvents(s, 0);
  assert.equal(dropped, 0);
  assert.equal(nextSeq, events.length);
  events.forEach((e, i) => assert.equal(e.seq, i));
  for (const id of Object.keys(graph)) {
    const kinds = events.filter((e) => e.taskId === id).map((e) => e.kind);
    assert.deepEqual(kinds, ['taskAssigned', 'taskStarted', 'taskCompleted'], id);
  }
  const completedEvents = swarm.getEvents(s, 0, null, ['taskCompleted']).events.map((e) => e.taskId);
  assert.deepEqual(completedEvents, order);
  // Paging: two events at a time from the start reads the whole log.
  const paged = [];
  for (let since = 0; since < nextSeq;) {
    const page = swarm.getEvents(s, since, 2);
    assert.ok(page.events.length <= 2);
    paged.push(...page.events);
    since = page.nextSeq;
  }
  assert.deepEqual(paged, events);
  swarm.verifySwarm(s);
  swarm.destroySwarm(s);
});

test('swarm: the batch calls run a task graph to completion in a valid order', () => {
  const s = swarm.createSwarm({ id: 'batch-graph', strategy: 'leastLoaded' });
  const agents = { gpu: ['cuda', 'rust'], cpu: ['rust'], py: ['python'] };
  for (const [id, capabilities] of Object.entries(agents)) swarm.spawnAgent(s, { id, capabilities, maxConcurrent: 3 });
  // 30 tasks: task i depends on tasks i-3 and i-7 (when they exist), capabilities by i mod 3.
  const caps = [['rust'], ['python'], ['cuda']];
  const tasks = Array.from({ length: 30 }, (_, i) => ({
    id: `k${i}`, description: `step ${i}`, requiredCapabilities: caps[i % 3],
    dependencies: [i - 3, i - 7].filter((d) => d >= 0).map((d) => `k${d}`),
  }));
  assert.deepEqual(swarm.orchestrateTasks(s, [...tasks].reverse()), tasks.map((t) => t.id).reverse());
  const deps = new Map(tasks.map((t) => [t.id, t.dependencies]));
  const order = [];
  let since = 0;
  for (let round = 0; round < 100 && order.length < tasks.length; round++) {
    const batch = swarm.getAssignments(s, since);
    assert.equal(batch.dropped, 0);
    assert.equal(batch.taskIds.length, batch.agentIds.length);
    assert.ok(batch.taskIds.length > 0, `round ${round}: nothing assigned with ${order.length} tasks done`);
    batch.taskIds.forEach((id, i) => {
      assert.equal(swarm.getTask(s, id).agent, batch.agentIds[i]);
      const need = tasks[Number(id.slice(1))].requiredCapabilities;
      for (const c of need) assert.ok(agents[batch.agentIds[i]].includes(c), `${batch.agentIds[i]} lacks ${c} for ${id}`);
      for (const d of deps.get(id)) assert.ok(order.includes(d), `${id} assigned before ${d} completed`);
    });
    swarm.startTasks(s, batch.taskIds);
    swarm.completeTasks(s, batch.taskIds, batch.taskIds.map((id) => `done ${id}`));
    order.push(...batch.taskIds);
    since = batch.nextSeq;
  }
  assert.deepEqual([...order].sort(), tasks.map((t) => t.id).sort());
  const status = swarm.getStatus(s);
  assert.equal(status.tasks.completed, 30);
  assert.equal(status.agents.load, 0);
  for (const t of swarm.listTasks(s)) assert.equal(t.result, `done ${t.id}`);
  // The event log agrees: the completions in the order the batches gave them.
  assert.deepEqual(swarm.getEvents(s, 0, null, ['taskCompleted']).events.map((e) => e.taskId), order);
  swarm.verifySwarm(s);
  swarm.destroySwarm(s);
});

test('swarm: higher priorities are assigned first', () => {
  const s = swarm.createSwarm({});
  swarm.spawnAgent(s, { id: 'only' });
  swarm.orchestrateTask(s, { id: 'busy', description: '' });
  for (const [id, priority] of [['l', 'low'], ['c', 'critical'], ['h', 'high'], ['m', 'medium']]) {
    swarm.orchestrateTask(s, { id, description: '', priority });
  }
  assert.equal(swarm.listTasks(s, 'ready').length, 4);
  swarm.completeTask(s, 'busy');
  const order = [];
  for (let i = 0; i < 4; i++) {
    const [task] = swarm.listTasks(s, 'assigned');
    order.push(task.id);
    swarm.completeTask(s, task.id);
  }
  assert.deepEqual(order, ['c', 'h', 'm', 'l']);
  swarm.destroySwarm(s);
});

test('swarm: retries, permanent failure and cancelled dependents', () => {
  const s = swarm.createSwarm({ maxRetries: 1 });
  swarm.spawnAgent(s, { id: 'w' });
  swarm.orchestrateTasks(s, [{ id: 'a', description: '' }, { id: 'b', description: '', dependencies: ['a'] }]);
  assert.equal(swarm.failTask(s, 'a', 'boom'), 'ready');
  assert.equal(swarm.getTask(s, 'a').status, 'assigned', 'retried at once');
  assert.equal(swarm.failTask(s, 'a', 'boom again'), 'failed');
  const a = swarm.getTask(s, 'a');
  assert.equal(a.failures, 2);
  assert.equal(a.error, 'boom again');
  const b = swarm.getTask(s, 'b');
  assert.equal(b.status, 'cancelled');
  assert.match(b.error, /'a'/);
  assert.deepEqual(swarm.getEvents(s, 0).events.map((e) => e.kind),
    ['agentJoined', 'taskAssigned', 'taskRetried', 'taskAssigned', 'taskFailed', 'taskCancelled']);
  const status = swarm.getStatus(s);
  assert.equal(status.tasks.failed, 1);
  assert.equal(status.tasks.cancelled, 1);
  assert.equal(status.metrics.retries, 1);
  swarm.destroySwarm(s);
});

test('swarm: removing an agent requeues its task; hand-offs follow the topology', () => {
  const s = swarm.createSwarm({ topology: 'ring' });
  for (const id of ['a0', 'a1', 'a2', 'a3']) swarm.spawnAgent(s, { id });
  assert.deepEqual(swarm.neighbors(s, 'a0').sort(), ['a1', 'a3']);
  assert.deepEqual(swarm.route(s, 'a0', 'a2').length, 3);
  swarm.orchestrateTask(s, { id: 'job', description: '' });
  const holder = swarm.getTask(s, 'job').agent;
  const [next] = swarm.neighbors(s, holder);
  swarm.handOff(s, 'job', next);
  assert.equal(swarm.getTask(s, 'job').agent, next);
  const opposite = swarm.listAgents(s).map((a) => a.id).find((id) => id !== next && !swarm.neighbors(s, next).includes(id));
  assert.throws(() => swarm.handOff(s, 'job', opposite), /ring/);
  swarm.removeAgent(s, next, 'crashed');
  const job = swarm.getTask(s, 'job');
  assert.equal(job.status, 'assigned');
  assert.notEqual(job.agent, next);
  assert.equal(swarm.getAgent(s, next).status, 'removed');
  assert.equal(swarm.listAgents(s).length, 3);
  assert.equal(swarm.listAgents(s, true).length, 4);
  const kinds = swarm.getEvents(s, 0, null, ['taskHandedOff', 'agentLeft', 'taskRequeued']).events;
  assert.deepEqual(kinds.map((e) => e.kind), ['taskHandedOff', 'agentLeft', 'taskRequeued']);
  assert.equal(kinds[1].detail, 'crashed');
  swarm.verifySwarm(s);
  swarm.destroySwarm(s);

  const tree = swarm.createSwarm({ topology: 'hierarchical', hierarchyFanout: 2 });
  for (const id of ['r', 'c1', 'c2', 'g1', 'g2', 'g3']) swarm.spawnAgent(tree, { id });
  assert.equal(swarm.getStatus(tree).root, 'r');
  assert.deepEqual(swarm.listAgents(tree).map((a) => a.parent ?? null), [null, 'r', 'r', 'c1', 'c1', 'c2']);
  assert.deepEqual(swarm.route(tree, 'g1', 'g3'), ['g1', 'c1', 'r', 'c2', 'g3']);
  const star = swarm.createSwarm({ topology: 'star' });
  for (const id of ['hub', 'l1', 'l2']) swarm.spawnAgent(star, { id });
  assert.equal(swarm.getStatus(star).hub, 'hub');
  assert.deepEqual(swarm.route(star, 'l1', 'l2'), ['l1', 'hub', 'l2']);
  swarm.destroySwarm(tree);
  swarm.destroySwarm(star);
});

test('swarm: an external clock drives the metrics', () => {
  const s = swarm.createSwarm({ clock: 'external' });
  swarm.setTime(s, 10);
  swarm.spawnAgent(s, { id: 'x' });
  swarm.orchestrateTask(s, { id: 't', description: '' });
  swarm.setTime(s, 18);
  swarm.startTask(s, 't');
  swarm.setTime(s, 25);
  swarm.completeTask(s, 't');
  const { time, metrics } = swarm.getStatus(s);
  assert.equal(time, 25);
  assert.equal(metrics.averageLatency, 15);
  assert.equal(metrics.averageRunTime, 7);
  assert.equal(metrics.averageWait, 0);
  assert.equal(metrics.throughput, 1 / 25);
  assert.throws(() => swarm.setTime(s, 20), /before/);
  swarm.destroySwarm(s);
});

test('swarm: a restored snapshot continues exactly like the original', () => {
  const s = swarm.createSwarm({ id: 'orig', strategy: 'random', seed: 5 });
  for (let i = 0; i < 4; i++) swarm.spawnAgent(s, { maxConcurrent: 2 });
  swarm.orchestrateTasks(s, Array.from({ length: 12 }, (_, i) => ({ id: `t${i}`, description: '', dependencies: i > 1 ? [`t${i - 2}`] : [] })));
  const copy = swarm.restore(swarm.snapshot(s), 'copy');
  assert.deepEqual(swarm.listSwarms().filter((id) => id === 'orig' || id === 'copy'), ['copy', 'orig']);
  for (const id of [s, copy]) runToCompletion(id, Object.fromEntries(swarm.listAgents(id).map((a) => [a.id, a.capabilities])));
  const strip = (st) => ({ ...st, id: null, name: null });
  assert.deepEqual(strip(swarm.getStatus(copy)), strip(swarm.getStatus(s)));
  assert.deepEqual(swarm.getEvents(copy, 0), swarm.getEvents(s, 0));
  swarm.destroySwarm(s);
  swarm.destroySwarm(copy);
});

// ----------------------------------------------------------------------------------------------
// Bad input
// ----------------------------------------------------------------------------------------------

// The swarm the bad calls target: an assigned task, a ready one, a running one.
const S = swarm.createSwarm({ id: 'bad-input', topology: 'star', maxRetries: 1 });
swarm.spawnAgent(S, { id: 'hub' });
swarm.spawnAgent(S, { id: 'leaf1' });
swarm.spawnAgent(S, { id: 'leaf2' });
swarm.orchestrateTask(S, { id: 'held', description: 'x' });
swarm.orchestrateTask(S, { id: 'run', description: 'x' });
swarm.orchestrateTask(S, { id: 'run2', description: 'x' });
swarm.startTask(S, 'run');
swarm.orchestrateTask(S, { id: 'queued', description: 'x' });
const SNAPSHOT = swarm.snapshot(S);

const sanity = () => {
  // The target swarm is unchanged by every rejected call, and the module still works.
  assert.deepEqual(swarm.snapshot(S), SNAPSHOT, 'a rejected call changed the swarm');
  swarm.verifySwarm(S);
  const s = swarm.createSwarm({});
  swarm.spawnAgent(s, { id: 'w' });
  swarm.orchestrateTask(s, { id: 't', description: 'sanity' });
  assert.equal(swarm.getTask(s, 't').agent, 'w');
  swarm.completeTask(s, 't');
  assert.equal(swarm.getStatus(s).tasks.completed, 1);
  swarm.destroySwarm(s);
};

// An id argument that is not a string, and one that names nothing.
const idCases = (name, call) => [
  [`${name} that is a number`, () => call(42), /must be a string, got number/],
  [`${name} that is undefined`, () => call(undefined), /must be a string, got undefined/],
  [`${name} that is an object`, () => call({ id: S }), /must be a string, got object/],
];
const unknownSwarm = (call) => [
  ['an unknown swarm', () => call('no-such-swarm'), /unknown swarm 'no-such-swarm'/],
  ...idCases('a swarm id', call),
];

const table = {
  version: { noInput: 'takes no arguments', call: () => swarm.version(S), check: (v) => assert.match(v, /^\d+\.\d+\.\d+/) },
  memoryUsage: { noInput: 'takes no arguments', call: () => swarm.memoryUsage(S), check: (v) => assert.ok(v >= 65536) },
  simdEnabled: { noInput: 'takes no arguments', call: () => swarm.simdEnabled(S), check: (v) => assert.equal(v, true) },
  listSwarms: { noInput: 'takes no arguments', call: () => swarm.listSwarms('x'), check: (v) => assert.ok(v.includes(S)) },
  createSwarm: { bad: [
    ['a duplicate id', () => swarm.createSwarm({ id: S }), /duplicate swarm id/],
    ['an unknown field', () => swarm.createSwarm({ topologie: 'ring' }), /unknown field `topologie`/],
    ['maxAgents 0', () => swarm.createSwarm({ maxAgents: 0 }), /maxAgents/],
    ['a NaN maxRetries', () => swarm.createSwarm({ maxRetries: NaN })],
    ['an unknown strategy', () => swarm.createSwarm({ strategy: 'fifo' }), /fifo/],
    ['an id with a space', () => swarm.createSwarm({ id: 'a b' }), /id/],
    ['a string', () => swarm.createSwarm('mesh')],
    ['a number', () => swarm.createSwarm(5)],
  ] },
  destroySwarm: { bad: unknownSwarm((id) => swarm.destroySwarm(id)) },
  spawnAgent: { bad: [
    ...unknownSwarm((id) => swarm.spawnAgent(id, {})),
    ['a duplicate agent id', () => swarm.spawnAgent(S, { id: 'hub' }), /duplicate agent id 'hub'/],
    ['maxConcurrent 0', () => swarm.spawnAgent(S, { maxConcurrent: 0 }), /maxConcurrent/],
    ['an unknown role', () => swarm.spawnAgent(S, { role: 'wizard' }), /wizard/],
    ['a NaN maxConcurrent', () => swarm.spawnAgent(S, { maxConcurrent: NaN })],
    ['an unknown field', () => swarm.spawnAgent(S, { skills: [] }), /unknown field `skills`/],
    ['a parent outside a hierarchy', () => swarm.spawnAgent(S, { parent: 'hub' }), /parent/],
    ['a string config', () => swarm.spawnAgent(S, 'coder')],
  ] },
  removeAgent: { bad: [
    ...unknownSwarm((id) => swarm.removeAgent(id, 'hub')),
    ['an unknown agent', () => swarm.removeAgent(S, 'ghost'), /unknown agent 'ghost'/],
    ...idCases('an agent id', (id) => swarm.removeAgent(S, id)),
    ['a reason that is a number', () => swarm.removeAgent(S, 'ghost', 42), /reason must be a string, got number/],
  ] },
  orchestrateTask: { bad: [
    ...unknownSwarm((id) => swarm.orchestrateTask(id, { description: 'x' })),
    ['a duplicate task id', () => swarm.orchestrateTask(S, { id: 'held', description: 'x' }), /duplicate task id 'held'/],
    ['an unknown dependency', () => swarm.orchestrateTask(S, { description: 'x', dependencies: ['nope'] }), /unknown task 'nope'/],
    ['no description', () => swarm.orchestrateTask(S, { id: 'x' }), /description/],
    ['a NaN maxRetries', () => swarm.orchestrateTask(S, { description: 'x', maxRetries: NaN }), /invalid task/],
    ['an unknown field', () => swarm.orchestrateTask(S, { description: 'x', prioriti: 'high' }), /unknown field `prioriti`/],
    ['a self-dependency', () => swarm.orchestrateTask(S, { id: 'self', description: 'x', dependencies: ['self'] })],
    ['a number', () => swarm.orchestrateTask(S, 42), /invalid task/],
    ['a JSON string', () => swarm.orchestrateTask(S, '{"description":"x"}'), /invalid task/],
  ] },
  orchestrateTasks: { bad: [
    ...unknownSwarm((id) => swarm.orchestrateTasks(id, [{ description: 'x' }])),
    ['a dependency cycle', () => swarm.orchestrateTasks(S, [
      { id: 'x', description: '', dependencies: ['y'] }, { id: 'y', description: '', dependencies: ['x'] },
    ]), /cycle/],
    ['a duplicate within the batch', () => swarm.orchestrateTasks(S, [{ id: 'd', description: '' }, { id: 'd', description: '' }]), /duplicate/],
    ['a bad entry after a good one', () => swarm.orchestrateTasks(S, [{ id: 'ok', description: '' }, { description: 5 }])],
    ['an object instead of an array', () => swarm.orchestrateTasks(S, { id: 'x', description: '' })],
    ['null', () => swarm.orchestrateTasks(S, null)],
  ] },
  startTasks: { bad: [
    ...unknownSwarm((id) => swarm.startTasks(id, ['held'])),
    ['an unknown task', () => swarm.startTasks(S, ['held', 'ghost']), /unknown task 'ghost'/],
    ['a task listed twice', () => swarm.startTasks(S, ['held', 'held']), /more than once/],
    ['a ready task', () => swarm.startTasks(S, ['held', 'queued']), /ready/],
    ['ids as a string', () => swarm.startTasks(S, 'held'), /array/],
    ['a numeric id', () => swarm.startTasks(S, [1]), /string/],
    ['null', () => swarm.startTasks(S, null)],
  ] },
  completeTasks: { bad: [
    ...unknownSwarm((id) => swarm.completeTasks(id, ['held'])),
    ['an unknown task', () => swarm.completeTasks(S, ['held', 'ghost']), /unknown task 'ghost'/],
    ['a ready task', () => swarm.completeTasks(S, ['queued']), /ready/],
    ['a task listed twice', () => swarm.completeTasks(S, ['held', 'held']), /more than once/],
    ['more results than ids', () => swarm.completeTasks(S, ['held'], ['a', 'b']), /results/],
    ['a numeric result', () => swarm.completeTasks(S, ['held'], [1]), /results/],
    ['results as a string', () => swarm.completeTasks(S, ['held'], 'ok'), /results/],
    ['ids as an object', () => swarm.completeTasks(S, { held: 'ok' }), /array/],
  ] },
  getAssignments: { bad: [
    ...unknownSwarm((id) => swarm.getAssignments(id, 0)),
    ['since -1', () => swarm.getAssignments(S, -1), /since/],
    ['since NaN', () => swarm.getAssignments(S, NaN), /since/],
    ['since as a string', () => swarm.getAssignments(S, 'start'), /since/],
    ['a NaN limit', () => swarm.getAssignments(S, 0, NaN), /invalid limit: NaN/],
    ['a negative limit', () => swarm.getAssignments(S, 0, -1), /invalid limit: -1/],
    ['a fractional limit', () => swarm.getAssignments(S, 0, 2.5), /invalid limit: 2.5/],
    ['a limit as a string', () => swarm.getAssignments(S, 0, '10'), /invalid limit: expected a number, got string/],
  ] },
  startTask: { bad: [
    ...unknownSwarm((id) => swarm.startTask(id, 'held')),
    ['an unknown task', () => swarm.startTask(S, 'ghost'), /unknown task 'ghost'/],
    ['a ready task', () => swarm.startTask(S, 'queued'), /ready/],
    ['a running task', () => swarm.startTask(S, 'run'), /running/],
    ...idCases('a task id', (id) => swarm.startTask(S, id)),
  ] },
  completeTask: { bad: [
    ...unknownSwarm((id) => swarm.completeTask(id, 'held')),
    ['an unknown task', () => swarm.completeTask(S, 'ghost'), /unknown task 'ghost'/],
    ['a ready task', () => swarm.completeTask(S, 'queued'), /ready/],
    ...idCases('a task id', (id) => swarm.completeTask(S, id)),
    ['a result that is a number', () => swarm.completeTask(S, 'ghost', 42), /result must be a string, got number/],
    ['a result that is an object', () => swarm.completeTask(S, 'ghost', { ok: true }), /result must be a string, got object/],
  ] },
  failTask: { bad: [
    ...unknownSwarm((id) => swarm.failTask(id, 'held', 'boom')),
    ['an unknown task', () => swarm.failTask(S, 'ghost', 'boom'), /unknown task 'ghost'/],
    ['a ready task', () => swarm.failTask(S, 'queued', 'boom'), /ready/],
    ...idCases('a task id', (id) => swarm.failTask(S, id, 'boom')),
    ['an error that is a number', () => swarm.failTask(S, 'ghost', 42), /error must be a string, got number/],
    ['no error message', () => swarm.failTask(S, 'ghost'), /error must be a string, got undefined/],
  ] },
  handOff: { bad: [
    ...unknownSwarm((id) => swarm.handOff(id, 'held', 'leaf1')),
    ['a hand-off the topology forbids', () => swarm.handOff(S, 'run', 'leaf2'), /star/],
    ['an unknown task', () => swarm.handOff(S, 'ghost', 'hub'), /unknown task 'ghost'/],
    ['an unknown agent', () => swarm.handOff(S, 'held', 'ghost'), /unknown agent 'ghost'/],
    ['a ready task', () => swarm.handOff(S, 'queued', 'hub'), /ready/],
    ...idCases('a task id', (id) => swarm.handOff(S, id, 'hub')),
    ...idCases('an agent id', (id) => swarm.handOff(S, 'held', id)),
  ] },
  route: { bad: [
    ...unknownSwarm((id) => swarm.route(id, 'leaf1', 'leaf2')),
    ['an unknown start', () => swarm.route(S, 'ghost', 'hub'), /unknown agent 'ghost'/],
    ['an unknown end', () => swarm.route(S, 'hub', 'ghost'), /unknown agent 'ghost'/],
    ...idCases('an agent id', (id) => swarm.route(S, id, 'hub')),
  ] },
  neighbors: { bad: [
    ...unknownSwarm((id) => swarm.neighbors(id, 'hub')),
    ['an unknown agent', () => swarm.neighbors(S, 'ghost'), /unknown agent 'ghost'/],
    ...idCases('an agent id', (id) => swarm.neighbors(S, id)),
  ] },
  setTime: { bad: [
    ...unknownSwarm((id) => swarm.setTime(id, 5)),
    ['a swarm on the logical clock', () => swarm.setTime(S, 1e6), /clock|logical/],
    ['NaN', () => swarm.setTime(S, NaN)],
    ['a string', () => swarm.setTime(S, 'noon')],
  ] },
  getStatus: { bad: unknownSwarm((id) => swarm.getStatus(id)) },
  getAgent: { bad: [
    ...unknownSwarm((id) => swarm.getAgent(id, 'hub')),
    ['an unknown agent', () => swarm.getAgent(S, 'ghost'), /unknown agent 'ghost'/],
    ...idCases('an agent id', (id) => swarm.getAgent(S, id)),
  ] },
  getTask: { bad: [
    ...unknownSwarm((id) => swarm.getTask(id, 'held')),
    ['an unknown task', () => swarm.getTask(S, 'ghost'), /unknown task 'ghost'/],
    ...idCases('a task id', (id) => swarm.getTask(S, id)),
  ] },
  listAgents: { bad: [
    ...unknownSwarm((id) => swarm.listAgents(id)),
    ['includeRemoved that is a string', () => swarm.listAgents(S, 'yes'), /includeRemoved must be a boolean, got string/],
    ['includeRemoved that is a number', () => swarm.listAgents(S, 1), /includeRemoved must be a boolean, got number/],
  ] },
  listTasks: { bad: [
    ...unknownSwarm((id) => swarm.listTasks(id)),
    ['an unknown status', () => swarm.listTasks(S, 'done'), /invalid status/],
    ['a status that is a number', () => swarm.listTasks(S, 3), /status must be a string, got number/],
  ] },
  getEvents: { bad: [
    ...unknownSwarm((id) => swarm.getEvents(id, 0)),
    ['since -1', () => swarm.getEvents(S, -1), /since/],
    ['since NaN', () => swarm.getEvents(S, NaN), /since/],
    ['since 1.5', () => swarm.getEvents(S, 1.5), /since/],
    ['an unknown kind', () => swarm.getEvents(S, 0, 10, ['nope']), /invalid kinds/],
    ['since as a string', () => swarm.getEvents(S, '0'), /invalid since: expected a number, got string/],
    ['kinds that is a string', () => swarm.getEvents(S, 0, 10, 'taskAssigned'), /invalid kinds: expected an array of strings, got string/],
    ['kinds that is a number', () => swarm.getEvents(S, 0, 10, 5), /invalid kinds: expected an array of strings, got number/],
    ['a kind that is a number', () => swarm.getEvents(S, 0, 10, [1]), /invalid kinds: entry 0 is number/],
    ['a NaN limit', () => swarm.getEvents(S, 0, NaN), /invalid limit: NaN/],
    ['a negative limit', () => swarm.getEvents(S, 0, -1), /invalid limit: -1/],
    ['a limit beyond 2^32 - 1', () => swarm.getEvents(S, 0, 2 ** 32), /invalid limit: 4294967296/],
  ] },
  snapshot: { bad: unknownSwarm((id) => swarm.snapshot(id)) },
  restore: { bad: [
    ['too few bytes', () => swarm.restore(new Uint8Array(3), 'tiny'), /corrupt snapshot/],
    ['a flipped byte', () => {
      const broken = SNAPSHOT.slice();
      broken[20] ^= 1;
      return swarm.restore(broken, 'broken');
    }, /corrupt snapshot/],
    ['a truncated snapshot', () => swarm.restore(SNAPSHOT.subarray(0, SNAPSHOT.length - 1), 'cut'), /corrupt snapshot/],
    ['an existing id', () => swarm.restore(SNAPSHOT), /duplicate swarm id/],
    ['a bad new id', () => swarm.restore(SNAPSHOT, 'a b'), /id/],
    ['a number', () => swarm.restore(42, 'n')],
    ['a new id that is a number', () => swarm.restore(SNAPSHOT, 42), /swarmId must be a string, got number/],
  ] },
  verifySwarm: { bad: unknownSwarm((id) => swarm.verifySwarm(id)) },
};

checkTable(test, label, swarm, table, sanity, own);

test('swarm: memory grows by less than 1 MB over 1000 create/use/destroy cycles', () => {
  const growth = memoryGrowth(swarm, (i) => {
    const s = swarm.createSwarm({ topology: ['mesh', 'star', 'ring', 'hierarchical'][i % 4] });
    for (let a = 0; a < 3; a++) swarm.spawnAgent(s, { capabilities: ['x'], maxConcurrent: 2 });
    swarm.orchestrateTasks(s, Array.from({ length: 5 }, (_, t) => ({
      id: `t${t}`, description: 'work', dependencies: t ? [`t${t - 1}`] : [], requiredCapabilities: ['x'],
    })));
    for (let t = 0; t < 3; t++) swarm.completeTask(s, `t${t}`, 'ok');
    const { taskIds } = swarm.getAssignments(s, 0);
    swarm.startTasks(s, ['t3']);
    swarm.completeTasks(s, ['t3'], ['ok']);
    swarm.completeTask(s, 't4');
    assert.equal(taskIds.length, 4);
    swarm.getStatus(s);
    swarm.getEvents(s, 0);
    swarm.listTasks(s);
    const copy = swarm.restore(swarm.snapshot(s), `${s}-copy`);
    try { swarm.orchestrateTask(s, { description: 'x', dependencies: ['nope'] }); } catch { /* the error path too */ }
    swarm.destroySwarm(s);
    swarm.destroySwarm(copy);
  });
  assert.ok(growth < 1024 * 1024, `grew by ${growth} bytes`);
});
