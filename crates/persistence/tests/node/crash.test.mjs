// Crash safety of file stores: a writer process (crash_child.mjs) commits transactions and is
// killed with SIGKILL at random moments, many times, in each journal mode. After every kill the
// database is reopened and checked: every transaction the writer reported committed is there,
// complete; at most one more (committed, killed before it could report it); none half-applied;
// SQLite's integrity check passes.
// Usage: node crash.test.mjs <glue.js> <module.wasm> [--build=<build>] [--kills=<kills per journal mode, default 20>]
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const [js, wasm, ...options] = process.argv.slice(2);
const killsOption = options.find((o) => o.startsWith('--kills='));
const kills = Number(killsOption ? killsOption.slice('--kills='.length) : 20);
if (!js || !wasm || !Number.isInteger(kills) || kills < 1) {
  throw new Error('usage: node crash.test.mjs <glue.js> <module.wasm> [--build=<build>] [--kills=<n>]');
}
const m = await import(pathToFileURL(path.resolve(js)).href);
await m.default({ module_or_path: fs.readFileSync(wasm) });
const child = path.join(path.dirname(fileURLToPath(import.meta.url)), 'crash_child.mjs');
const tmp = fs.mkdtempSync(path.join(process.env.TEST_TMPDIR || os.tmpdir(), 'crash-'));

let seed = 20240917;
const random = (n) => {
  seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
  return seed % n;
};

/**
 * Runs the writer until it has reported `after` commits, lets it go on for `delay` ms (it
 * commits continuously: the kill lands anywhere in a transaction's life, from its first write
 * to its journal's deletion), kills it; returns what it reported.
 */
function runAndKill(file, journalMode, childSeed, after, delay) {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [child, js, wasm, file, journalMode, String(childSeed)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let timer;
    proc.stdout.on('data', (chunk) => {
      out += chunk;
      const lines = out.split('\n').length - 2; // complete lines after 'ready'
      if (!timer && out.startsWith('ready\n') && lines >= after) timer = setTimeout(() => proc.kill('SIGKILL'), delay);
    });
    proc.stderr.on('data', (chunk) => { err += chunk; });
    proc.on('error', reject);
    proc.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (signal !== 'SIGKILL') {
        reject(new Error(`the writer exited by itself (code ${code}, signal ${signal}): ${err}`));
        return;
      }
      const committed = out.split('\n').filter((l) => /^\d+$/.test(l)).map(Number);
      resolve({ committed, ready: out.startsWith('ready\n') });
    });
  });
}

/** Opens the database as a store and checks it against what the writer reported. */
function verify(file, journalMode, lastReported, label) {
  const store = new m.Store({ path: file, fs, journalMode });
  try {
    assert.deepEqual(store.checkIntegrity(), [], `${label}: integrity check`);
    const head = store.get('SELECT tx FROM head')?.tx ?? 0;
    assert.ok(head >= lastReported, `${label}: transaction ${lastReported} was reported committed but the database ends at ${head}`);
    assert.ok(head <= lastReported + 1, `${label}: the database has ${head}, more than one transaction past the last reported ${lastReported}`);
    const sizes = store.query('SELECT tx, rows, deleted FROM sizes ORDER BY tx');
    assert.equal(sizes.length, head, `${label}: one sizes row per transaction`);
    sizes.forEach((s, i) => assert.equal(s.tx, i + 1, `${label}: transactions are consecutive`));
    const counts = new Map(store.query('SELECT tx, count(*) AS n FROM ledger GROUP BY tx').map((r) => [r.tx, r.n]));
    for (const s of sizes) {
      const expected = s.deleted ? 0 : s.rows;
      assert.equal(counts.get(s.tx) ?? 0, expected, `${label}: transaction ${s.tx} has ${counts.get(s.tx) ?? 0} of its ${expected} rows`);
      counts.delete(s.tx);
    }
    assert.deepEqual([...counts.keys()], [], `${label}: ledger rows of transactions never recorded`);
    for (const s of sizes.slice(0, Math.max(0, head - 20))) assert.equal(s.deleted, 1, `${label}: transaction ${s.tx}'s cleanup`);
    return head;
  } finally {
    store.close();
  }
}

for (const journalMode of ['wal', 'delete']) {
  test(`${journalMode}: ${kills} SIGKILLs at random points lose no committed transaction and half-apply none`, async () => {
    const file = path.join(tmp, `${journalMode}.db`);
    let reported = 0;
    let awaited = 0;
    let recoveries = 0;
    for (let i = 0; i < kills; i++) {
      const after = random(4);
      const delay = random(40);
      awaited += after;
      const { committed, ready } = await runAndKill(file, journalMode, 1 + random(1e9), after, delay);
      assert.ok(ready, `run ${i}: the writer did not open the store`);
      assert.ok(committed.length >= after, `run ${i}: killed before its ${after} commits`);
      if (committed.length > 0) {
        assert.ok(committed[0] === reported + 1 || committed[0] === reported + 2, `run ${i}: the writer resumed at ${committed[0]} after ${reported}`);
        reported = committed[committed.length - 1];
      }
      // A hot rollback journal (its header intact) or a WAL with frames: SQLite must roll back
      // or replay on opening.
      const journal = `${file}-journal`;
      const hot = fs.existsSync(journal) && fs.readFileSync(journal).subarray(0, 8).equals(Buffer.from('d9d505f920a163d7', 'hex'));
      const pending = hot || (fs.existsSync(`${file}-wal`) && fs.statSync(`${file}-wal`).size > 32);
      if (pending) recoveries++;
      const head = verify(file, journalMode, reported, `run ${i} (killed ${delay} ms after commit ${after})`);
      reported = head;
    }
    assert.ok(reported >= awaited, `the writers committed ${reported} transactions, fewer than the ${awaited} awaited`);
    console.log(`${journalMode}: ${kills} kills (${recoveries} left a hot journal or WAL frames to recover), ${reported} transactions committed and verified`);
  });
}
