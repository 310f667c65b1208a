// Node tests of the `unified` module: each bundled crate's own Node test suite, run unchanged
// against the unified module (the same API must behave the same in one instance), plus checks
// of what only the unified module has: one instance and one memory for all the APIs, and one
// module interface.
// Usage: node unified.test.mjs <glue.js> <module.wasm> --build=simd128|baseline [--suite=<module>=<test.mjs>]...
// (wasm_module_node_test passes one --suite per bundled module: each module's own Node suite.)
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';

const [jsPath, wasmPath, ...rest] = process.argv.slice(2);
const suites = [];
let build;
for (const arg of rest) {
  if (arg.startsWith('--suite=')) suites.push(arg.slice('--suite='.length).split('='));
  else if (arg.startsWith('--build=')) build = arg.slice('--build='.length);
  else throw new Error(`unexpected argument ${arg}`);
}
if (!jsPath || !wasmPath || suites.length === 0 || !['simd128', 'baseline'].includes(build)) {
  throw new Error('usage: unified.test.mjs <glue.js> <module.wasm> --build=simd128|baseline --suite=<module>=<test.mjs>...');
}
const expectSimd = build === 'simd128';

const m = await import(pathToFileURL(path.resolve(jsPath)).href);
await m.default({ module_or_path: fs.readFileSync(wasmPath) });

test('one module interface for every bundled API', () => {
  assert.match(m.version(), /^\d+\.\d+\.\d+/);
  assert.equal(m.simdEnabled(), expectSimd);
  assert.ok(m.memoryUsage() >= 65536);
});

test('the bundled APIs share one instance and one memory', () => {
  assert.equal(m.greet('Ada'), 'Hello, Ada!');
  const before = m.memoryUsage();
  // Allocations by one API grow the memory that every API reports.
  const nets = [];
  for (let i = 0; i < 64; i++) nets.push(new m.NeuralNetwork([64, 256, 64], { seed: i }));
  const grown = m.memoryUsage();
  assert.ok(grown > before, `memory grew from ${before} to ${grown}`);
  const swarm = m.createSwarm({ id: 'shared-memory' });
  assert.ok(m.listSwarms().includes(swarm));
  for (const net of nets) net.free();
  m.destroySwarm(swarm);
});

for (const [name, suite] of suites) {
  test(`the ${name} crate's own suite passes against the unified module`, () => {
    // Each suite gets the arguments wasm_module_node_test gives it for its own module.
    const args = [suite, jsPath, wasmPath, `--build=${build}`];
    const run = spawnSync(process.execPath, args, { encoding: 'utf8' });
    assert.equal(run.status, 0, `${suite} failed:\n${run.stdout}\n${run.stderr}`);
  });
}
