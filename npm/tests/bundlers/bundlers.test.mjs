// A consumer app (app/: index.html, main.js, importing '@ruv/swarm-wasm' and a subpath) built
// from the installed package with esbuild and with Vite, exactly as npm/README.md tells users
// to, then served from 127.0.0.1 and run in Chromium: every module's wasm (both builds) is
// emitted as an asset, byte-identical to the package's, the app fetches each module's asset once
// when it loads the module, and every module's scenario gives exactly Node's results.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import {
  launchChromium, openPage, PACKAGE_DIR, packageModules, ROOT, runAndCompare, runInNode, serve, wasmFile, wasmRequests,
} from './harness.mjs';

const MODULES = packageModules();

// The commands npm/README.md documents, run from the app's directory; the app is served from
// its `dist/`.
const BUNDLERS = {
  esbuild: {
    command: ['bin/esbuild', 'main.js', 'opfs_worker.js', '--bundle', '--format=esm', '--splitting', '--outdir=dist',
      '--conditions=esbuild', '--loader:.wasm=file'],
    // esbuild bundles scripts only: the page is copied next to the bundle.
    after: (dir) => fs.copyFileSync(path.join(dir, 'index.html'), path.join(dir, 'dist', 'index.html')),
  },
  vite: {
    command: ['bin/vite.js', 'build'],
    after: () => {},
  },
};

/** Every file under `dir`, relative to it. */
const walk = (dir) => fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory()
  ? walk(path.join(dir, entry.name)).map((f) => path.posix.join(entry.name, f))
  : [entry.name]));

let chromium;
let node;
before(async () => {
  chromium = await launchChromium();
  node = runInNode('simd128');
});
after(async () => {
  await chromium?.close();
});

for (const [name, bundler] of Object.entries(BUNDLERS)) {
  test(`${name}: the bundled app emits every module's wasm as assets and computes what Node computes`, { timeout: 240_000 }, async () => {
    const dir = path.join(ROOT, `app-${name}`);
    fs.cpSync(path.join(ROOT, 'app'), dir, { recursive: true });
    const [script, ...args] = bundler.command;
    execFileSync(process.execPath, [path.join(process.env[`RUV_TOOL_${name.toUpperCase()}`], script), ...args], {
      cwd: dir, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, NO_COLOR: '1' },
    });
    bundler.after(dir);
    const dist = path.join(dir, 'dist');

    // Both builds of every module emitted, each once, byte-identical to the package's file.
    const files = walk(dist);
    const emitted = files.filter((f) => f.endsWith('.wasm'));
    const expected = MODULES.flatMap((m) => [wasmFile(m, 'simd128'), wasmFile(m, 'baseline')]);
    assert.deepEqual(wasmRequests(emitted).sort(), [...expected].sort(), `emitted: ${emitted.join(', ')}`);
    for (const file of emitted) {
      const original = path.join(PACKAGE_DIR, 'wasm', wasmRequests([file])[0]);
      assert.ok(fs.readFileSync(path.join(dist, file)).equals(fs.readFileSync(original)), `${file} differs from ${original}`);
    }
    assert.ok(!files.some((f) => f.includes('node_modules')), 'the bundle refers to no node_modules path');

    const server = await serve(dist);
    try {
      const page = await openPage(chromium, `${server.url}/index.html`);
      // The static subpath import instantiated core (the default build, simd128 in Chromium).
      assert.equal(await page.page.evaluate(() => window.subpathGreeting), 'Hello, bundle!');
      assert.deepEqual(wasmRequests(page.requests), ['core.wasm'], 'only core is fetched at start');
      await runAndCompare(page, 'simd128', node, { glue: false, alreadyLoaded: ['core'] });
      assert.ok(!page.requests.some((p) => p.includes('node_modules')));
      await page.close();

      // The baseline build's asset URL resolves in the bundle too.
      const baseline = await openPage(chromium, `${server.url}/index.html`);
      const result = await baseline.page.evaluate(async () => {
        const neural = await window.pkg.load('neural', { variant: 'baseline' });
        return [window.pkg.variantOf('neural'), neural.simdEnabled(), neural.kernelSelfCheck(1).simd];
      });
      assert.deepEqual(result, ['baseline', false, false]);
      assert.deepEqual(wasmRequests(baseline.requests), ['core.wasm', 'neural.baseline.wasm']);
      assert.deepEqual(baseline.problems, []);
      await baseline.close();

      // The persistence module on OPFS, in the bundled worker: what one page commits, a new page
      // finds (and nothing it left uncommitted); while one worker holds the database, another
      // worker's open is a clean Error.
      const db = `bundled-${name}.db`;
      const writer = await openPage(chromium, `${server.url}/index.html`);
      const written = await writer.page.evaluate((db) => window.opfs('write', db), db);
      assert.equal(written.ok, true, written.error);
      assert.ok(written.result.exportedBytes > 0);
      await writer.close();
      const reader = await openPage(chromium, `${server.url}/index.html`);
      const verified = await reader.page.evaluate(async (db) => {
        const seen = await window.opfs('verify', db);
        const holding = await window.opfs('hold', db);
        const second = await window.opfs('verify', db);
        const several = await window.opfs('many', db);
        return { seen, holding, second, several };
      }, db);
      assert.equal(verified.seen.ok, true, verified.seen.error);
      assert.deepEqual(verified.seen.result, {
        agent: 'busy',
        tasks: [['t1', 'running', 'a1']],
        events: 1,
        latency: 4,
        integrity: [],
        schemaVersion: verified.seen.result.schemaVersion,
      });
      assert.ok(verified.seen.result.schemaVersion >= 1);
      assert.deepEqual(verified.holding, { ok: true, result: { open: true } });
      assert.equal(verified.second.ok, false, 'a second worker opened a database another worker holds');
      assert.equal(verified.second.isError, true, `not an Error: ${verified.second.error}`);
      assert.match(verified.second.error, /one worker at a time/);
      console.log(`${name}: a second worker's open of a held OPFS pool: ${verified.second.error}`);
      assert.equal(verified.several.ok, true, verified.several.error);
      // Each bundler's app is served from its own origin (port), so its OPFS starts empty.
      const several = verified.several.result;
      assert.deepEqual(several.sums, [0, 1, 2, 3, 4, 5].map((i) => ({ s: i, n: 1 })));
      assert.match(several.deleteWhileOpen, /cannot delete OPFS database/);
      assert.deepEqual(several.deleted, [true, true, true, true, true, true]);
      assert.equal(several.again, false, 'a deleted database is gone');
      assert.equal(several.tables, 0, 'a database reopened after deletion starts empty');
      assert.deepEqual(reader.problems, []);
      await reader.close();
    } finally {
      await server.close();
    }
  });
}
