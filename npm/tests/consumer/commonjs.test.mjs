// CommonJS consumers: the package is ESM (its modules use top-level await), so CommonJS code
// reaches it with dynamic import(), which works in CommonJS in every Node the package supports.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import test from 'node:test';

test('a CommonJS consumer loads modules with import()', () => {
  const stdout = execFileSync(process.execPath, ['--input-type=commonjs', '-e', `
    (async () => {
      const { load, moduleNames } = await import('@ruv/swarm-wasm');
      const core = await load('core');
      const neural = await import('@ruv/swarm-wasm/neural');
      console.log(JSON.stringify({
        commonjs: typeof require === 'function', // undefined in an ES module
        greeting: core.greet('CommonJS'),
        modules: moduleNames,
        neural: typeof neural.NeuralNetwork,
      }));
    })().catch((error) => { console.error(error); process.exit(1); });
  `], { encoding: 'utf8' });
  const result = JSON.parse(stdout);
  assert.equal(result.commonjs, true);
  assert.equal(result.greeting, 'Hello, CommonJS!');
  assert.ok(result.modules.includes('swarm'));
  assert.equal(result.neural, 'function');
});

test('require() of the package fails with an error naming the problem, not silently', () => {
  const run = spawnSync(process.execPath, ['--input-type=commonjs', '-e', "require('@ruv/swarm-wasm/neural')"], {
    encoding: 'utf8',
  });
  assert.notEqual(run.status, 0);
  // Node < 22 refuses require() of ES modules; newer Node refuses modules with top-level await.
  assert.match(run.stderr, /ERR_REQUIRE_ESM|ERR_REQUIRE_ASYNC_MODULE|require\(\) of ES Module|top-level await/);
});
