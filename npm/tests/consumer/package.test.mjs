// The package as a user gets it: entry point, loader, exports map, report. Every module.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import test from 'node:test';
import { load, moduleNames, simdSupported, version } from '@ruv/swarm-wasm';

const require = createRequire(import.meta.url);
const packageJson = require('@ruv/swarm-wasm/package.json');
const report = require('@ruv/swarm-wasm/build-report.json');

test('the package lists its modules and version', () => {
  assert.ok(moduleNames.includes('core'));
  assert.equal(version, packageJson.version);
  assert.equal(packageJson.type, 'module');
  for (const name of moduleNames) {
    const entry = packageJson.exports[`./${name}`];
    assert.deepEqual(Object.keys(entry), ['types', 'node', 'browser', 'default']);
  }
});

test('an unknown module rejects, naming the known ones', async () => {
  await assert.rejects(load('nope'), (error) => {
    assert.ok(error instanceof Error);
    assert.match(error.message, /Unknown module "nope"/);
    for (const name of moduleNames) assert.ok(error.message.includes(name));
    return true;
  });
  await assert.rejects(load(42), /Unknown module 42/);
});

test('Node supports SIMD and the modules were built with it', () => {
  assert.equal(simdSupported(), true);
});

for (const name of moduleNames) {
  test(`${name}: loads once, answers the common interface`, async () => {
    const first = await load(name);
    const second = await load(name);
    assert.equal(first, second, 'load() returns the same instance');
    assert.equal(first.version(), packageJson.version);
    assert.equal(first.simdEnabled(), true);
    assert.ok(Number.isInteger(first.memoryUsage()) && first.memoryUsage() >= 65536);
    const direct = await import(`@ruv/swarm-wasm/${name}`);
    assert.equal(direct.version, first.version, 'the subpath export is the same instance');
  });

  test(`${name}: build-report.json describes it`, () => {
    const entry = report.modules[name];
    assert.ok(entry, `no report entry for ${name}`);
    assert.ok(entry.wasm.raw > 0 && entry.wasm.gzip < entry.wasm.raw && entry.wasm.brotli < entry.wasm.raw);
    assert.ok(entry.wasm.raw <= entry.wasmBeforeOpt.raw, 'wasm-opt did not make it bigger');
    assert.ok(entry.simdInstructions > 0, 'the SIMD build contains SIMD instructions');
    assert.ok(entry.exports > 3);
  });
}

test('every file a shipped script or declaration points at is in the package', () => {
  // Relative imports, `new URL(...)`, `/// <reference path>` and `@ts-self-types` (which wasm-bindgen writes and
  // Deno follows) in every .js and .d.ts of the installed package.
  const root = path.dirname(require.resolve('@ruv/swarm-wasm/package.json'));
  const files = fs.readdirSync(root, { recursive: true }).filter((f) => /\.(js|d\.ts)$/.test(f));
  assert.ok(files.length > 10, `only ${files.length} scripts`);
  const pattern = /(?:from\s+|import\s*\(\s*|new URL\(\s*|@ts-self-types=|reference path=)["'](\.{1,2}\/[^"']+)["']/g;
  const missing = [];
  for (const file of files) {
    const text = fs.readFileSync(path.join(root, file), 'utf8');
    for (const [, target] of text.matchAll(pattern)) {
      const resolved = path.resolve(root, path.dirname(file), target);
      // In a declaration file, './x.js' names the declarations of x.js: ./x.d.ts.
      const candidates = file.endsWith('.d.ts') ? [resolved, resolved.replace(/\.js$/, '.d.ts')] : [resolved];
      if (!candidates.some((c) => fs.existsSync(c))) missing.push(`${file} -> ${target}`);
    }
  }
  assert.deepEqual(missing, []);
});
