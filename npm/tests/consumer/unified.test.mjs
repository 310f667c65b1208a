// The unified module through the installed package: exactly the union of the bundled modules'
// APIs, in one instance. (Every module test also runs against it: see subject.mjs.)
import assert from 'node:assert/strict';
import test from 'node:test';
import { load, moduleNames, variantOf } from '@ruv/swarm-wasm';
import * as direct from '@ruv/swarm-wasm/unified';
import { surface } from './bad_input.mjs';
import { modules } from './modules.mjs';

const BUNDLED = modules.find((m) => m.name === 'unified').bundles;
const unified = await load('unified');

test('unified: the package lists it, and load() and the subpath give the same instance', () => {
  assert.ok(moduleNames.includes('unified'));
  assert.equal(direct.greet, unified.greet);
  assert.equal(direct.NeuralNetwork, unified.NeuralNetwork);
  assert.equal(variantOf('unified'), 'simd128');
});

test('unified: its exports are exactly the union of the bundled modules\' exports', async () => {
  const union = new Set();
  for (const name of BUNDLED) for (const key of surface(await load(name))) union.add(key);
  assert.deepEqual(surface(unified), [...union].sort());
});

test('unified: one instance, distinct from the separate modules', async () => {
  const swarmModule = await load('swarm');
  const id = unified.createSwarm({ id: 'only-in-unified' });
  assert.ok(unified.listSwarms().includes(id));
  assert.ok(!swarmModule.listSwarms().includes(id), 'the swarm module has its own state');
  unified.destroySwarm(id);
  assert.notEqual(unified.NeuralNetwork, (await load('neural')).NeuralNetwork);
});

test('unified: same results as the separate modules for the same inputs', async () => {
  const neural = await load('neural');
  const make = (m) => new m.NeuralNetwork([4, 6, 2], { seed: 42, hiddenActivation: 'sigmoid_symmetric' });
  const [a, b] = [make(neural), make(unified)];
  const input = new Float32Array([0.25, -0.5, 0.75, 1]);
  assert.deepEqual(a.getWeights(), b.getWeights());
  assert.deepEqual(a.run(input), b.run(input));
  a.free();
  b.free();
  const forecasting = await load('forecasting');
  const y = [3, 5, 4, 6, 8, 7, 9, 11, 10, 12, 14, 13];
  assert.deepEqual(unified.fitPredict(y, 'holt', 4), forecasting.fitPredict(y, 'holt', 4));
});
