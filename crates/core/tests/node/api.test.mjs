// Node tests of the `core` wasm module through its JavaScript API.
// Usage: node crates/core/tests/node/api.test.mjs <wasm-bindgen output dir or glue .js> [module .wasm]
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

test('greet and module interface', () => {
  assert.equal(m.greet('Ada'), 'Hello, Ada!');
  assert.match(m.version(), /^\d+\.\d+\.\d+/);
  assert.ok(m.memoryUsage() >= 65536);
  assert.equal(typeof m.simdEnabled(), 'boolean');
});

test('validators return canonical forms and name bad fields', () => {
  const swarm = m.validateSwarmConfig({ topology: 'ring' });
  assert.equal(swarm.topology, 'ring');
  assert.equal(swarm.maxAgents, 100);
  assert.equal(swarm.strategy, 'capabilityMatch');
  const agent = m.validateAgentConfig({ role: 'analyst', capabilities: ['b', 'a', 'b'] });
  assert.deepEqual(agent.capabilities, ['a', 'b']);
  assert.equal(agent.cognitivePattern, 'critical');
  const task = m.validateTaskConfig({ description: 'x', dependencies: ['a', 'a'] });
  assert.deepEqual(task.dependencies, ['a']);
  assert.equal(task.priority, 'medium');
  assert.throws(() => m.validateSwarmConfig({ maxAgents: 0 }), /invalid swarm.maxAgents: is 0/);
  assert.throws(() => m.validateAgentConfig({ capabilities: ['has space'] }), /agent.capabilities\[0\]/);
  assert.throws(() => m.validateTaskConfig({ id: 't', description: '', dependencies: ['t'] }), /dependency cycle: 't' -> 't'/);
  assert.throws(() => m.validateTaskConfig({ description: '', colour: 'red' }), /unknown field `colour`/);
});

test('findCycle and vocabularies', () => {
  assert.deepEqual(m.findCycle([{ id: 'a', dependencies: ['b'] }, { id: 'b', dependencies: ['c'] }, { id: 'c', dependencies: ['a'] }]), ['a', 'b', 'c', 'a']);
  assert.equal(m.findCycle([{ id: 'a' }, { id: 'b', dependencies: ['a', 'outside'] }]), null);
  assert.throws(() => m.findCycle([{ id: 'a' }, { id: 'a' }]), /duplicate task id 'a'/);
  assert.deepEqual(m.topologies(), ['mesh', 'star', 'ring', 'hierarchical']);
  assert.deepEqual(m.strategies(), ['capabilityMatch', 'leastLoaded', 'roundRobin', 'random']);
  assert.equal(m.agentRoles().length, 7);
  assert.equal(m.cognitivePatterns().length, 6);
  assert.equal(m.defaultCognitivePattern('coder'), 'convergent');
  assert.match(m.handOffRule('star'), /hub/);
  assert.throws(() => m.defaultCognitivePattern('wizard'), /invalid agent role/);
});
