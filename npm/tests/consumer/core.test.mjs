// The core module through the installed package: real results, bad input, memory.
import assert from 'node:assert/strict';
import test from 'node:test';
import { load } from '@ruv/swarm-wasm';

const core = await load('core');

test('core exports greet, and it greets', () => {
  assert.equal(typeof core.greet, 'function');
  assert.match(core.greet('swarm'), /swarm/);
});

test('memory grows by less than 1 MB over 1000 calls', () => {
  const before = core.memoryUsage();
  for (let i = 0; i < 1000; i++) core.greet(`agent-${i}`.repeat(10));
  assert.ok(core.memoryUsage() - before < 1024 * 1024);
});
