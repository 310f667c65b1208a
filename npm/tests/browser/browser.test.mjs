// The installed package in Debian's Chromium (headless, via playwright-core), served from
// 127.0.0.1 without a bundler (an import map resolves '@ruv/swarm-wasm'): every module's
// scenario gives exactly Node's results for both builds, modules are fetched on demand and once,
// and the seed's module checks (core greet, neural NeuralNetwork/ActivationFunction, memory
// growth under 1 MB over 1000 cycles) pass in both engines.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  launchChromium, openPage, packageModules, pageHtml, runAndCompare, runInNode, serve, wasmFile, wasmRequests,
} from './harness.mjs';
import { bundlesOf, coverage } from './scenarios.mjs';

const MODULES = packageModules();
const glueRequests = (requests) => requests.filter((p) => /\/wasm\/[^/]+\.js$/.test(p)).map((p) => p.split('/').pop());
const sorted = (list) => [...list].sort();

let server;
let chromium;
before(async () => {
  server = await serve(process.cwd(), { '/page.html': pageHtml('/page.mjs') });
  chromium = await launchChromium();
});
after(async () => {
  await chromium?.close();
  await server?.close();
});

test('modules.json lists exactly the package\'s modules (each with a scenario, or bundling modules that have one)', () => {
  const { missing, unknown } = coverage(MODULES);
  assert.deepEqual(missing, [], `modules the package has that modules.json lacks: ${missing.join(', ')}`);
  assert.deepEqual(unknown, [], `modules in modules.json that the package does not have: ${unknown.join(', ')}`);
});

for (const variant of ['simd128', 'baseline']) {
  test(`${variant}: Chromium computes exactly what Node computes, fetching each module once, on demand`, { timeout: 240_000 }, async () => {
    const node = runInNode(variant);
    const serverStart = server.log.length;
    const page = await openPage(chromium, `${server.url}/page.html`);
    await runAndCompare(page, variant, node);
    for (const name of MODULES.filter((n) => bundlesOf(n).length > 0)) {
      assert.deepEqual(node.bundlesEqualModules[name], Object.fromEntries(bundlesOf(name).map((n) => [n, true])),
        `the ${name} module computes exactly what each module it bundles computes`);
    }
    // The server saw the same wasm requests (no-store: none answered from a cache).
    assert.deepEqual(sorted(wasmRequests(server.log.slice(serverStart))), sorted(MODULES.map((n) => wasmFile(n, variant))));
    await page.close();
  });
}

test("load('core') fetches core's wasm and no other module's; loading it again fetches nothing", async () => {
  const page = await openPage(chromium, `${server.url}/page.html`);
  assert.deepEqual(wasmRequests(page.requests), [], 'nothing is fetched before load()');
  const first = await page.page.evaluate(async () => {
    const core = await window.pkg.load('core');
    return [core.greet('browser'), window.pkg.variantOf('core'), window.pkg.simdSupported()];
  });
  assert.deepEqual(first, ['Hello, browser!', 'simd128', true]);
  assert.deepEqual(wasmRequests(page.requests), ['core.wasm']);
  assert.deepEqual(glueRequests(page.requests), ['core.js']);
  const same = await page.page.evaluate(async () => (await window.pkg.load('core')) === (await window.pkg.load('core')));
  assert.equal(same, true);
  assert.deepEqual(wasmRequests(page.requests), ['core.wasm'], 'a second load() fetches nothing');
  assert.deepEqual(await page.instantiateCalls(), { streaming: 1, bytes: 0 });
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('a subpath import instantiates only its module, as the same instance load() gives', async () => {
  const page = await openPage(chromium, `${server.url}/page.html`);
  const result = await page.page.evaluate(async () => {
    const direct = await import('@ruv/swarm-wasm/neural');
    const loaded = await window.pkg.load('neural');
    const net = new direct.NeuralNetwork([2, 3, 1], { seed: 1 });
    const out = Array.from(net.run([0.5, -0.5]));
    net.free();
    return {
      same: direct.NeuralNetwork === loaded.NeuralNetwork,
      activation: direct.ActivationFunction.SigmoidSymmetric,
      outputs: out.length,
      variant: window.pkg.variantOf('neural'),
    };
  });
  assert.deepEqual(result, { same: true, activation: 5, outputs: 1, variant: 'simd128' });
  assert.deepEqual(wasmRequests(page.requests), ['neural.wasm']);
  assert.deepEqual(glueRequests(page.requests), ['neural.js']);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('persistence: an IndexedDB store on the main thread keeps what it committed across pages, one store per name', async () => {
  const name = `browser-test-${Date.now()}`;
  const writer = await openPage(chromium, `${server.url}/page.html`);
  const written = await writer.page.evaluate(async (db) => {
    const { Store } = await window.pkg.load('persistence');
    const store = await Store.openIndexedDb({ name: db });
    const backend = store.backend;
    store.saveAgent('sw', { id: 'a1', status: 'busy', time: 1 });
    store.transaction(() => {
      for (let i = 0; i < 500; i++) store.appendEvent('sw', { kind: 'tick', time: i, data: { i } });
    });
    store.execute('CREATE TABLE notes (body TEXT)');
    await store.flush();
    // A second store on the same name, while this one is open: refused.
    let second = null;
    await Store.openIndexedDb({ name: db }).catch((e) => { second = `${e instanceof Error}: ${e.message}`; });
    // Left uncommitted at close: rolled back, never saved.
    store.begin();
    store.execute("INSERT INTO notes VALUES ('uncommitted')");
    store.close();
    await store.flush();
    return { backend, second };
  }, name);
  assert.equal(written.backend, 'indexeddb');
  assert.match(written.second, /^true: the IndexedDB store '.*' is open in another store/);
  assert.deepEqual(writer.problems, []);
  await writer.close();

  const reader = await openPage(chromium, `${server.url}/page.html`);
  const read = await reader.page.evaluate(async (db) => {
    const { Store } = await window.pkg.load('persistence');
    const store = await Store.openIndexedDb({ name: db });
    const result = {
      agent: store.getAgent('sw', 'a1')?.status,
      events: store.queryEvents('sw', { since: 0 }).length,
      notes: store.query('SELECT count(*) AS n FROM notes')[0].n,
      integrity: store.checkIntegrity(),
    };
    // A change after reopening is saved too; reopening right after close() (no flush) waits
    // for the closed store's last save.
    store.saveAgent('sw', { id: 'a2', status: 'idle', time: 2 });
    store.close();
    const again = await Store.openIndexedDb({ name: db });
    result.agentsAfterReopen = again.listAgents('sw').map((a) => a.id);
    let deleteWhileOpen = null;
    await Store.deleteIndexedDb({ name: db }).catch((e) => { deleteWhileOpen = e.message; });
    again.close();
    await again.flush();
    result.deleteWhileOpen = deleteWhileOpen;
    result.deleted = await Store.deleteIndexedDb({ name: db });
    result.deletedAgain = await Store.deleteIndexedDb({ name: db });
    const fresh = await Store.openIndexedDb({ name: db });
    result.freshAgents = fresh.listAgents('sw').length;
    fresh.close();
    await Store.deleteIndexedDb({ name: db });
    return result;
  }, name);
  assert.deepEqual(read, {
    agent: 'busy',
    events: 500,
    notes: 0,
    integrity: [],
    agentsAfterReopen: ['a1', 'a2'],
    deleteWhileOpen: `cannot delete the IndexedDB store '${name}': a store has it open`,
    deleted: true,
    deletedAgain: false,
    freshAgents: 0,
  });
  assert.deepEqual(reader.problems, []);
  await reader.close();
});

test('persistence: an IndexedDB store closed by its page going away mid-work keeps a committed prefix, with every flushed commit', async () => {
  const name = `browser-crash-${Date.now()}`;
  const seen = [];
  for (let round = 0; round < 3; round++) {
    const page = await openPage(chromium, `${server.url}/page.html`);
    await page.page.evaluate(async (db) => {
      const { Store } = await window.pkg.load('persistence');
      const store = await Store.openIndexedDb({ name: db });
      store.executeBatch('CREATE TABLE IF NOT EXISTS ledger (n INTEGER PRIMARY KEY, payload TEXT NOT NULL)');
      let n = store.query('SELECT count(*) AS c FROM ledger')[0].c;
      window.__flushed = n;
      // Commits forever, one row per transaction, yielding so saves run; every 7th commit waits
      // for its save and reports how many rows are then known to be saved.
      (async () => {
        for (;;) {
          store.transaction(() => store.execute('INSERT INTO ledger VALUES (?, ?)', [n, 'x'.repeat(100 + (n % 900))]));
          n++;
          if (n % 7 === 0) {
            await store.flush();
            window.__flushed = n;
          } else {
            await new Promise((resolve) => setTimeout(resolve, 0));
          }
        }
      })();
    }, name);
    const start = await page.page.evaluate(() => window.__flushed);
    await page.page.waitForFunction((from) => window.__flushed >= from + 40, start, { timeout: 60_000 });
    await new Promise((resolve) => setTimeout(resolve, (round * 37) % 50));
    const flushed = await page.page.evaluate(() => window.__flushed);
    await page.page.close({ runBeforeUnload: false }); // the page and its store are gone, saves in flight or not

    const check = await openPage(chromium, `${server.url}/page.html`);
    const found = await check.page.evaluate(async (db) => {
      const { Store } = await window.pkg.load('persistence');
      // The closed page's lock goes with it; wait for the browser to drop it.
      for (let i = 0; i < 50; i++) {
        const { held } = await navigator.locks.query();
        if (!held.some((l) => l.name.endsWith(`:${db}`))) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const store = await Store.openIndexedDb({ name: db });
      const rows = store.query('SELECT n, length(payload) AS len FROM ledger ORDER BY n');
      const result = {
        count: rows.length,
        prefix: rows.every((row, i) => row.n === i && row.len === 100 + (i % 900)),
        integrity: store.checkIntegrity(),
      };
      store.close();
      await store.flush();
      return result;
    }, name);
    await check.close();
    assert.deepEqual(found.integrity, [], `round ${round}`);
    assert.equal(found.prefix, true, `round ${round}: the rows are not a committed prefix`);
    assert.ok(found.count >= flushed, `round ${round}: ${flushed} rows were flushed, ${found.count} came back`);
    seen.push({ flushed, found: found.count });
  }
  console.log(`page closed mid-work, 3 rounds (rows flushed -> rows found): ${seen.map((s) => `${s.flushed} -> ${s.found}`).join(', ')}`);
});
