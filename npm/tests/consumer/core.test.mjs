// The core module through the installed package: real results, bad input, memory.
import assert from 'node:assert/strict';
import test from 'node:test';
import { checkTable, INIT_EXPORTS, memoryGrowth } from './bad_input.mjs';
import { subject } from './subject.mjs';

const { ns: core, direct, own, label } = await subject('core');

test('core: load() and the subpath export are the same instance', () => {
  for (const name of Object.keys(core)) {
    if (!INIT_EXPORTS.includes(name)) assert.equal(direct[name], core[name], name);
  }
  assert.equal(direct.greet('subpath'), 'Hello, subpath!');
});

test('core: greet', () => {
  assert.equal(core.greet('Ada'), 'Hello, Ada!');
  assert.equal(core.greet(''), 'Hello, !');
  assert.equal(core.greet('Zoë 🐝'), 'Hello, Zoë 🐝!');
});

test('core: the vocabulary lists', () => {
  assert.deepEqual(core.topologies(), ['mesh', 'star', 'ring', 'hierarchical']);
  assert.deepEqual(core.strategies(), ['capabilityMatch', 'leastLoaded', 'roundRobin', 'random']);
  assert.deepEqual(core.agentRoles(),
    ['researcher', 'coder', 'analyst', 'optimizer', 'coordinator', 'tester', 'reviewer']);
  assert.deepEqual(core.cognitivePatterns(),
    ['convergent', 'divergent', 'lateral', 'systems', 'critical', 'abstract']);
  for (const role of core.agentRoles()) {
    assert.ok(core.cognitivePatterns().includes(core.defaultCognitivePattern(role)), role);
  }
  assert.equal(core.defaultCognitivePattern('coder'), 'convergent');
  assert.equal(core.defaultCognitivePattern('researcher'), 'divergent');
  const rules = core.topologies().map((t) => core.handOffRule(t));
  assert.equal(new Set(rules).size, rules.length, 'each topology has its own rule');
  assert.match(core.handOffRule('ring'), /neighbou?r/);
  assert.match(core.handOffRule('star'), /hub/);
  assert.match(core.handOffRule('hierarchical'), /parent/);
});

test('core: validators return the canonical form', () => {
  assert.deepEqual(core.validateSwarmConfig({}), {
    topology: 'mesh', strategy: 'capabilityMatch', maxAgents: 100, maxConcurrentPerAgent: 1,
    maxRetries: 3, eventLogCapacity: 100000, hierarchyFanout: 4, seed: 0, clock: 'logical',
  });
  const swarm = core.validateSwarmConfig({ id: 's-1', topology: 'star', maxAgents: 10, seed: 7n });
  assert.equal(swarm.id, 's-1');
  assert.equal(swarm.topology, 'star');
  assert.equal(swarm.maxAgents, 10);
  assert.equal(Number(swarm.seed), 7);

  assert.deepEqual(core.validateAgentConfig({ role: 'tester', capabilities: ['b', 'a', 'b'] }),
    { role: 'tester', cognitivePattern: 'critical', capabilities: ['a', 'b'] });
  assert.equal(core.validateAgentConfig({ role: 'tester', cognitivePattern: 'lateral' }).cognitivePattern, 'lateral');

  assert.deepEqual(core.validateTaskConfig({
    description: 'build', requiredCapabilities: ['z', 'a', 'z'], dependencies: ['t2', 't1', 't2'],
  }), {
    description: 'build', priority: 'medium', requiredCapabilities: ['a', 'z'], dependencies: ['t2', 't1'],
  });
});

test('core: findCycle', () => {
  const cycle = core.findCycle([
    { id: 'a', dependencies: ['b'] }, { id: 'b', dependencies: ['c'] },
    { id: 'c', dependencies: ['a'] }, { id: 'd' },
  ]);
  // Each id depends on the next, the first repeated at the end.
  assert.equal(cycle.length, 4);
  assert.equal(cycle[0], cycle[3]);
  assert.deepEqual([...cycle.slice(0, 3)].sort(), ['a', 'b', 'c']);
  const deps = { a: 'b', b: 'c', c: 'a' };
  for (let i = 0; i < 3; i++) assert.equal(deps[cycle[i]], cycle[i + 1]);
  assert.deepEqual(core.findCycle([{ id: 'a', dependencies: ['a'] }]), ['a', 'a']);
  assert.equal(core.findCycle([{ id: 'a', dependencies: ['b'] }, { id: 'b', dependencies: ['x'] }]), null);
  assert.equal(core.findCycle([]), null);
  // A long chain is not a cycle; closing it makes one through every node.
  const chain = Array.from({ length: 2000 }, (_, i) => ({ id: `t${i}`, dependencies: i ? [`t${i - 1}`] : [] }));
  assert.equal(core.findCycle(chain), null);
  chain[0].dependencies = ['t1999'];
  assert.equal(core.findCycle(chain).length, 2001);
});

const sanity = () => {
  assert.equal(core.greet('sanity'), 'Hello, sanity!');
  assert.equal(core.validateSwarmConfig({ maxAgents: 5 }).maxAgents, 5);
  assert.deepEqual(core.findCycle([{ id: 'x', dependencies: ['x'] }]), ['x', 'x']);
};

const noInput = (check) => ({ noInput: 'takes no arguments', call: null, check });
const table = {
  greet: { bad: [
    ['a number', () => core.greet(42), /string/],
    ['an object', () => core.greet({ name: 'x' }), /string/],
    ['undefined', () => core.greet(), /string/],
    ['null', () => core.greet(null), /string/],
    ['a symbol', () => core.greet(Symbol('x')), /string/],
  ] },
  validateSwarmConfig: { bad: [
    ['a string', () => core.validateSwarmConfig('mesh')],
    ['undefined', () => core.validateSwarmConfig()],
    ['an unknown field', () => core.validateSwarmConfig({ maxAgent: 5 }), /unknown field `maxAgent`/],
    ['an unknown topology', () => core.validateSwarmConfig({ topology: 'tree' }), /tree/],
    ['maxAgents 0', () => core.validateSwarmConfig({ maxAgents: 0 }), /maxAgents/],
    ['maxAgents NaN', () => core.validateSwarmConfig({ maxAgents: NaN }), /NaN/],
    ['maxAgents 1.5', () => core.validateSwarmConfig({ maxAgents: 1.5 }), /1\.5/],
    ['an id with a space', () => core.validateSwarmConfig({ id: 'a b' }), /id/],
    ['a negative seed', () => core.validateSwarmConfig({ seed: -1 })],
    ['a seed above u64', () => core.validateSwarmConfig({ seed: 2n ** 64n })],
    ['a name of 300 bytes', () => core.validateSwarmConfig({ name: 'x'.repeat(300) }), /name/],
  ] },
  validateAgentConfig: { bad: [
    ['a number', () => core.validateAgentConfig(5)],
    ['an unknown role', () => core.validateAgentConfig({ role: 'king' }), /king/],
    ['an unknown cognitive pattern', () => core.validateAgentConfig({ cognitivePattern: 'x' })],
    ['an empty capability', () => core.validateAgentConfig({ capabilities: [''] }), /capabilities/],
    ['capabilities as a string', () => core.validateAgentConfig({ capabilities: 'rust' })],
    ['maxConcurrent 0', () => core.validateAgentConfig({ maxConcurrent: 0 }), /maxConcurrent/],
    ['an unknown field', () => core.validateAgentConfig({ roles: 'coder' }), /unknown field/],
  ] },
  validateTaskConfig: { bad: [
    ['no description', () => core.validateTaskConfig({}), /description/],
    ['a numeric description', () => core.validateTaskConfig({ description: 5 })],
    ['an unknown priority', () => core.validateTaskConfig({ description: 'x', priority: 'urgent' }), /urgent/],
    ['negative maxRetries', () => core.validateTaskConfig({ description: 'x', maxRetries: -1 })],
    ['a numeric dependency', () => core.validateTaskConfig({ description: 'x', dependencies: [1] })],
    ['an empty id', () => core.validateTaskConfig({ description: 'x', id: '' }), /id/],
    ['null', () => core.validateTaskConfig(null)],
  ] },
  findCycle: { bad: [
    ['null', () => core.findCycle(null), /task graph/],
    ['a string', () => core.findCycle('a->b'), /task graph/],
    ['an object', () => core.findCycle({ id: 'a' }), /task graph/],
    ['a node without id', () => core.findCycle([{}]), /id/],
    ['a null node', () => core.findCycle([null]), /task graph/],
    ['dependencies as a string', () => core.findCycle([{ id: 'a', dependencies: 'b' }]), /task graph/],
    ['a duplicate id', () => core.findCycle([{ id: 'a' }, { id: 'a' }]), /duplicate/],
    ['an unknown field', () => core.findCycle([{ id: 'a', deps: [] }]), /unknown field `deps`/],
  ] },
  handOffRule: { bad: [
    ['an unknown topology', () => core.handOffRule('tree'), /tree/],
    ['a capitalised name', () => core.handOffRule('Mesh'), /Mesh/],
    ['a number', () => core.handOffRule(1)],
    ['undefined', () => core.handOffRule()],
  ] },
  defaultCognitivePattern: { bad: [
    ['an unknown role', () => core.defaultCognitivePattern('king'), /king/],
    ['a number', () => core.defaultCognitivePattern(5)],
    ['null', () => core.defaultCognitivePattern(null)],
  ] },
  topologies: { ...noInput((v) => assert.deepEqual(v, ['mesh', 'star', 'ring', 'hierarchical'])), call: () => core.topologies('junk', 1) },
  strategies: { ...noInput((v) => assert.equal(v.length, 4)), call: () => core.strategies({}) },
  agentRoles: { ...noInput((v) => assert.equal(v.length, 7)), call: () => core.agentRoles(null) },
  cognitivePatterns: { ...noInput((v) => assert.equal(v.length, 6)), call: () => core.cognitivePatterns(NaN) },
  version: { ...noInput((v) => assert.match(v, /^\d+\.\d+\.\d+/)), call: () => core.version('x') },
  memoryUsage: { ...noInput((v) => assert.ok(Number.isInteger(v) && v >= 65536)), call: () => core.memoryUsage([]) },
  simdEnabled: { ...noInput((v) => assert.equal(v, true)), call: () => core.simdEnabled(0) },
};

checkTable(test, label, core, table, sanity, own);

test('core: memory grows by less than 1 MB over 1000 cycles of every call', () => {
  const growth = memoryGrowth(core, (i) => {
    core.greet(`agent-${i}`.repeat(10));
    core.validateSwarmConfig({ id: `s${i}`, maxAgents: 1 + (i % 50) });
    core.validateAgentConfig({ capabilities: [`c${i}`, 'rust', 'wasm'] });
    core.validateTaskConfig({ description: 'x'.repeat(i % 100), dependencies: [`t${i}`] });
    core.findCycle([{ id: 'a', dependencies: ['b'] }, { id: 'b', dependencies: [`a`] }]);
    core.handOffRule('ring');
    core.defaultCognitivePattern('tester');
    try { core.validateSwarmConfig({ maxAgents: 0 }); } catch { /* the error path too */ }
  });
  assert.ok(growth < 1024 * 1024, `grew by ${growth} bytes`);
});
