// Node tests of the `persistence` wasm module through its JavaScript API: SQLite running inside
// the module, in memory and in files through Node's fs.
// Usage: node api.test.mjs <glue .js> <module .wasm>. Uses node:test; exits non-zero on failure.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [js, wasm] = process.argv.slice(2);
if (!js || !wasm) throw new Error('usage: node api.test.mjs <glue.js> <module.wasm>');
const m = await import(pathToFileURL(path.resolve(js)).href);
await m.default({ module_or_path: fs.readFileSync(wasm) });
const { Store } = m;

const tmp = fs.mkdtempSync(path.join(process.env.TEST_TMPDIR || os.tmpdir(), 'persistence-'));
let fileCount = 0;
const freshPath = (name) => path.join(tmp, `${fileCount++}-${name}.db`);

/** `f` must throw an Error (not a wasm trap) whose message matches `re`; returns it. */
function throws(f, re, code) {
  let error;
  try {
    f();
  } catch (e) {
    error = e;
  }
  assert.ok(error, `expected an error matching ${re}`);
  assert.ok(!(error instanceof WebAssembly.RuntimeError), `the instance trapped: ${error.message}`);
  assert.ok(error instanceof Error, `threw a non-Error ${error}`);
  assert.match(error.message, re);
  if (code) assert.equal(error.code, code);
  return error;
}

test('module interface', () => {
  assert.equal(typeof m.version(), 'string');
  assert.equal(m.sqliteVersion(), '3.54.1');
  assert.equal(m.schemaVersion(), 2);
  assert.ok(m.memoryUsage() > 0);
  assert.equal(typeof m.simdEnabled(), 'boolean');
});

test('typed API: agents, tasks, events, messages, metrics, snapshots', () => {
  const s = new Store();
  assert.equal(s.backend, 'memory');
  assert.equal(s.path, undefined);
  assert.equal(s.schemaVersion, 2);
  const a = s.saveAgent('sw', { id: 'a1', name: 'Ada', role: 'researcher', status: 'idle', capabilities: ['search', 'read', 'search'], data: { model: 'x', n: [1, null] }, time: 10 });
  assert.deepEqual(a, { swarmId: 'sw', id: 'a1', name: 'Ada', role: 'researcher', status: 'idle', capabilities: ['read', 'search'], data: { model: 'x', n: [1, null] }, createdAt: 10, updatedAt: 10 });
  const b = s.saveAgent('sw', { id: 'a1', status: 'busy', time: 20 });
  assert.equal(b.createdAt, 10);
  assert.equal(b.updatedAt, 20);
  assert.equal(s.saveAgents('sw', [{ id: 'a2', status: 'idle' }, { id: 'a3', status: 'removed' }]), 2);
  assert.deepEqual(s.listAgents('sw', { status: 'busy' }).map((x) => x.id), ['a1']);
  assert.deepEqual(s.listAgents('sw', { limit: 2 }).map((x) => x.id), ['a1', 'a2']);
  assert.equal(s.getAgent('sw', 'zz'), undefined);
  assert.ok(s.deleteAgent('sw', 'a3'));
  assert.ok(!s.deleteAgent('sw', 'a3'));

  s.saveTasks('sw', [
    { id: 't1', status: 'completed', agentId: 'a1', result: 'done', time: 1 },
    { id: 't2', status: 'running', agentId: 'a1', dependencies: ['t1'], time: 2 },
    { id: 't3', status: 'pending', priority: 'critical', time: 3 },
  ]);
  assert.deepEqual(s.listTasks('sw', { status: 'running' }).map((t) => t.id), ['t2']);
  assert.deepEqual(s.listTasks('sw', { agentId: 'a1' }).map((t) => t.id), ['t1', 't2']);
  assert.deepEqual(s.listTasks('sw', { since: 2, until: 3 }).map((t) => t.id), ['t2']);
  const t = s.saveTask('sw', { id: 't3', status: 'failed', error: 'oops', time: 4 });
  assert.deepEqual([t.priority, t.status, t.error, t.createdAt, t.updatedAt], ['medium', 'failed', 'oops', 3, 4]);
  assert.equal(s.getTask('sw', 't2').dependencies[0], 't1');
  assert.ok(s.deleteTask('sw', 't3'));

  const seq = s.appendEvent('sw', { kind: 'agentJoined', agentId: 'a1', time: 1 });
  const seqs = s.appendEvents('sw', [{ kind: 'taskAssigned', taskId: 't1', agentId: 'a1', time: 2 }, { kind: 'taskCompleted', taskId: 't1', time: 3, data: { ms: 5 } }]);
  assert.ok(seqs[0] > seq && seqs[1] > seqs[0]);
  assert.deepEqual(s.queryEvents('sw', { since: 2 }).map((e) => e.kind), ['taskAssigned', 'taskCompleted']);
  assert.deepEqual(s.queryEvents('sw', { kinds: ['agentJoined'] }).map((e) => e.seq), [seq]);
  assert.deepEqual(s.queryEvents('sw', { afterSeq: seqs[0] })[0].data, { ms: 5 });

  const m1 = s.sendMessage('sw', { from: 'a1', to: 'a2', content: 'hi', time: 5 });
  s.sendMessage('sw', { from: 'a2', kind: 'broadcast', content: 'all', time: 6 });
  assert.equal(s.queryMessages('sw', { to: 'a2' })[0].content, 'hi');
  assert.equal(s.markMessagesRead('sw', [m1], 7), 1);
  assert.deepEqual(s.queryMessages('sw', { unreadOnly: true }).map((x) => x.content), ['all']);

  s.recordMetric('sw', { name: 'latency', value: 10, time: 1 });
  assert.equal(s.recordMetrics('sw', [{ name: 'latency', value: 30, agentId: 'a1', time: 2, tags: { host: 'n1' } }]), 1);
  assert.deepEqual(s.queryMetrics('sw', { agentId: 'a1' })[0].tags, { host: 'n1' });
  assert.deepEqual(s.summarizeMetric('sw', 'latency'), { name: 'latency', count: 2, sum: 40, min: 10, max: 30, mean: 20 });
  assert.deepEqual(s.summarizeMetric('sw', 'none'), { name: 'none', count: 0, sum: 0 });

  const id = s.saveSnapshot('sw', new Uint8Array([1, 2, 3]), 'first');
  assert.deepEqual([...s.loadSnapshot('sw')], [1, 2, 3]);
  assert.deepEqual([...s.loadSnapshot('sw', id)], [1, 2, 3]);
  assert.equal(s.loadSnapshot('other'), undefined);
  assert.deepEqual(s.listSnapshots('sw').map((x) => [x.id, x.label, x.size]), [[id, 'first', 3]]);
  assert.deepEqual(s.listSwarms(), ['sw']);
  const stats = s.stats();
  assert.deepEqual([stats.agents, stats.tasks, stats.events, stats.messages, stats.metrics, stats.snapshots], [2, 2, 3, 2, 2, 1]);
  assert.deepEqual(s.checkIntegrity(), []);
  assert.ok(s.deleteSnapshot('sw', id));
  assert.ok(s.deleteSwarm('sw') > 0);
  assert.deepEqual(s.listSwarms(), []);
  s.close();
  assert.equal(s.isOpen, false);
  throws(() => s.listSwarms(), /the store is closed/);
  s.close();
});

test('raw SQL: parameters, value types, statements', () => {
  const s = new Store();
  s.executeBatch('CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT UNIQUE NOT NULL, v); CREATE INDEX t_v ON t (v);');
  assert.deepEqual(s.execute('INSERT INTO t (name, v) VALUES (?, ?)', ['a', 1.5]), { changes: 1, lastInsertRowid: 1 });
  s.execute('INSERT INTO t (name, v) VALUES (:name, $v)', { name: 'b', v: new Uint8Array([0, 255]) });
  s.execute('INSERT INTO t (name, v) VALUES (@name, @v)', { name: 'c', v: 2n ** 62n });
  s.execute('INSERT INTO t (name, v) VALUES (?2, ?1)', [null, 'd']);
  s.execute('INSERT INTO t (name, v) VALUES (?, ?)', ['e', true]);
  s.execute('INSERT INTO t (name, v) VALUES (?, ?)', ['f', undefined]);
  s.execute('INSERT INTO t (name, v) VALUES (?, ?)', ['g', 2 ** 53 + 2]);
  const rows = s.query('SELECT name, v, typeof(v) AS type FROM t ORDER BY id');
  assert.deepEqual(rows, [
    { name: 'a', v: 1.5, type: 'real' },
    { name: 'b', v: new Uint8Array([0, 255]), type: 'blob' },
    { name: 'c', v: 2n ** 62n, type: 'integer' },
    { name: 'd', v: null, type: 'null' },
    { name: 'e', v: 1, type: 'integer' },
    { name: 'f', v: null, type: 'null' },
    { name: 'g', v: 2n ** 53n + 2n, type: 'integer' },
  ]);
  assert.deepEqual(s.get('SELECT count(*) AS n FROM t WHERE v IS NULL'), { n: 2 });
  assert.equal(s.get('SELECT 1 WHERE 0'), undefined);
  assert.deepEqual(s.query("SELECT 'quote\" back\\\\ nl\n tab\t ctl\u0001 é 🐝' AS s"), [{ s: 'quote" back\\\\ nl\n tab\t ctl\u0001 é 🐝' }]);
  assert.deepEqual(s.executeMany('UPDATE t SET v = ? WHERE name = ?', [[10, 'a'], [11, 'b']]), { changes: 2, lastInsertRowid: 7 });
  // executeMany is atomic: a failing set undoes the others.
  throws(() => s.executeMany('INSERT INTO t (name) VALUES (?)', [['x1'], ['a']]), /UNIQUE constraint failed: t.name/, 'SQLITE_CONSTRAINT_UNIQUE');
  assert.equal(s.get("SELECT count(*) AS n FROM t WHERE name = 'x1'").n, 0);

  const insert = s.prepare('INSERT INTO t (name, v) VALUES (?, ?)');
  assert.equal(insert.readonly, false);
  for (let i = 0; i < 100; i++) insert.run([`p${i}`, i]);
  const select = s.prepare('SELECT name, v FROM t WHERE v >= ? AND name LIKE ? ORDER BY v');
  assert.deepEqual(select.columns, ['name', 'v']);
  assert.equal(select.sql, 'SELECT name, v FROM t WHERE v >= ? AND name LIKE ? ORDER BY v');
  assert.equal(select.readonly, true);
  assert.deepEqual(select.all([98, 'p%']), [{ name: 'p98', v: 98 }, { name: 'p99', v: 99 }]);
  assert.deepEqual(select.get([97, 'p%']), { name: 'p97', v: 97 });
  assert.deepEqual(select.values([99, 'p%']), [['p99', 99]]);
  assert.deepEqual(s.prepare('SELECT 1 AS x, 2 AS x').values(), [[1, 2]]);
  select.finalize();
  throws(() => select.all([1, 'p%']), /the statement is closed/);
  select.finalize();
  s.close();
  throws(() => insert.run(['z', 1]), /closed/);
});

test('SQL errors and bad arguments throw Errors with messages; the store keeps working', () => {
  const s = new Store();
  s.executeBatch('CREATE TABLE u (id INTEGER PRIMARY KEY, name TEXT UNIQUE NOT NULL CHECK (length(name) < 5))');
  s.execute('INSERT INTO u VALUES (1, ?)', ['x']);
  throws(() => s.query('SELEC 1'), /^near "SELEC": syntax error$/, 'SQLITE_ERROR');
  throws(() => s.query('SELECT * FROM nowhere'), /^no such table: nowhere$/, 'SQLITE_ERROR');
  const e = throws(() => s.execute('INSERT INTO u VALUES (1, ?)', ['y']), /UNIQUE constraint failed: u.id/, 'SQLITE_CONSTRAINT_PRIMARYKEY');
  assert.equal(e.sqliteCode, 1555);
  throws(() => s.execute('INSERT INTO u VALUES (2, NULL)'), /NOT NULL constraint failed: u.name/, 'SQLITE_CONSTRAINT_NOTNULL');
  throws(() => s.execute("INSERT INTO u VALUES (3, 'toolong')"), /CHECK constraint failed/, 'SQLITE_CONSTRAINT_CHECK');
  throws(() => s.execute("INSERT INTO agents VALUES ('s', 'a', '', NULL, 'asleep', '[]', NULL, 0, 0)"), /CHECK constraint failed/, 'SQLITE_CONSTRAINT_CHECK');
  throws(() => s.query('SELECT ?, ?', [1]), /2 parameter\(s\) but 1/);
  throws(() => s.query('SELECT :a', { b: 1 }), /no value given for parameter :a/);
  throws(() => s.query('SELECT 1; SELECT 2'), /more than one statement/);
  throws(() => s.query('SELECT ?', [{}]), /params\[0\]: expected a number, bigint, string, boolean, Uint8Array or null, got object/);
  throws(() => s.query('SELECT ?', [[1]]), /params\[0\]/);
  throws(() => s.query('SELECT ?', [2n ** 64n]), /outside the 64-bit integer range/);
  throws(() => s.query('SELECT ?', 5), /params must be an array or an object/);
  throws(() => s.query(42), /sql must be a string, got number/);
  throws(() => s.saveAgent('sw', { id: 'a', status: 'sleeping' }), /invalid agent: unknown variant `sleeping`/);
  throws(() => s.saveAgent('sw', { id: 'a', status: 'idle', colour: 'red' }), /unknown field `colour`/);
  throws(() => s.saveAgent('sw', { id: 'a', status: 'idle', time: NaN }), /time/);
  throws(() => s.saveAgent('bad swarm', { id: 'a', status: 'idle' }), /invalid swarmId/);
  throws(() => s.saveAgents('sw', { id: 'a' }), /agents must be an array/);
  const cyclic = { id: 'a', status: 'idle' };
  cyclic.data = cyclic;
  throws(() => s.saveAgent('sw', cyclic), /invalid agent: .*circular/i);
  throws(() => s.recordMetric('sw', { name: 'x', value: Infinity }), /value/);
  throws(() => s.listTasks('sw', { limit: -1 }), /invalid query/);
  throws(() => s.markMessagesRead('sw', [0]), /ids\[0\]: 0 is not a positive integer/);
  throws(() => s.loadSnapshot('sw', 1.5), /invalid id/);
  throws(() => s.saveSnapshot('sw', [1, 2]), /bytes must be a Uint8Array/);
  throws(() => s.importBytes(new Uint8Array(10)), /not a SQLite database/);
  throws(() => s.begin('later'), /invalid mode/);
  assert.deepEqual(s.query('SELECT name FROM u'), [{ name: 'x' }], 'the store still works');
  s.close();
});

test('transactions: begin/commit/rollback and transaction(fn) with nesting', () => {
  const s = new Store();
  s.executeBatch('CREATE TABLE t (x)');
  const count = () => s.get('SELECT count(*) AS n FROM t').n;
  s.begin('immediate');
  assert.equal(s.inTransaction, true);
  throws(() => s.begin(), /already open/);
  s.execute('INSERT INTO t VALUES (1)');
  s.rollback();
  assert.equal(count(), 0);
  throws(() => s.commit(), /no transaction is open/);
  assert.equal(s.transaction(() => { s.execute('INSERT INTO t VALUES (1)'); return 'ok'; }), 'ok');
  assert.throws(() => s.transaction(() => { s.execute('INSERT INTO t VALUES (2)'); throw new TypeError('mine'); }), TypeError);
  assert.equal(count(), 1);
  s.transaction(() => {
    s.execute('INSERT INTO t VALUES (3)');
    assert.throws(() => s.transaction(() => { s.execute('INSERT INTO t VALUES (4)'); throw new Error('inner'); }), /inner/);
    s.transaction(() => s.execute('INSERT INTO t VALUES (5)'));
  });
  assert.deepEqual(s.query('SELECT x FROM t ORDER BY x').map((r) => r.x), [1, 3, 5]);
  throws(() => s.transaction(async () => { s.execute('INSERT INTO t VALUES (6)'); }), /must be synchronous/);
  throws(() => s.transaction(42), /fn must be a function/);
  assert.equal(count(), 3);
  assert.equal(s.inTransaction, false);
  s.close();
});

/** An fs that records the calls of the VFS (write, fsync...) and forwards them to Node's fs. */
function recordingFs(log) {
  const wrap = (name) => (...args) => {
    log.push([name, typeof args[0] === 'number' ? args[0] : String(args[0])]);
    return fs[name](...args);
  };
  const names = ['openSync', 'closeSync', 'readSync', 'writeSync', 'fsyncSync', 'fdatasyncSync', 'ftruncateSync', 'fstatSync', 'existsSync', 'accessSync', 'unlinkSync'];
  return { ...Object.fromEntries(names.map((n) => [n, wrap(n)])), constants: fs.constants };
}

for (const journalMode of ['wal', 'delete']) {
  test(`file store (${journalMode}): data survives reopening; every commit is fsynced before it returns`, () => {
    const file = freshPath(journalMode);
    const log = [];
    let s = new Store({ path: file, fs: recordingFs(log), journalMode });
    assert.equal(s.backend, 'file');
    assert.equal(s.path, file);
    assert.equal(s.stats().journalMode, journalMode);
    s.saveAgent('sw', { id: 'a1', status: 'idle' });
    for (let i = 0; i < 5; i++) {
      log.length = 0;
      s.execute('INSERT INTO metrics (swarm_id, name, value, time) VALUES (?, ?, ?, ?)', ['sw', 'm', i, i]);
      const writes = log.map(([op], i) => op === 'writeSync' ? i : -1).filter((i) => i >= 0);
      const syncs = log.map(([op], i) => op === 'fsyncSync' || op === 'fdatasyncSync' ? i : -1).filter((i) => i >= 0);
      assert.ok(writes.length > 0, 'the commit wrote');
      assert.ok(syncs.length > 0, 'the commit fsynced');
      assert.ok(Math.max(...syncs) > Math.max(...writes), `the last write is fsynced before the commit returns: ${JSON.stringify(log)}`);
    }
    throws(() => new Store({ path: file, fs }), /already open by another store/);
    s.close();
    s = new Store({ path: file, fs, journalMode });
    assert.equal(s.getAgent('sw', 'a1').status, 'idle');
    assert.equal(s.queryMetrics('sw').length, 5);
    // synchronous: 'off' never fsyncs.
    s.close();
    log.length = 0;
    s = new Store({ path: file, fs: recordingFs(log), journalMode, synchronous: 'off' });
    s.execute('INSERT INTO metrics (swarm_id, name, value, time) VALUES (?, ?, ?, ?)', ['sw', 'm', 9, 9]);
    assert.ok(!log.some(([op]) => op === 'fsyncSync' || op === 'fdatasyncSync'), 'no fsync with synchronous: off');
    assert.deepEqual(s.checkIntegrity(), []);
    s.close();
  });
}

test('file store: export/import between memory and file stores', () => {
  const mem = new Store();
  for (let i = 0; i < 200; i++) mem.saveAgent('sw', { id: `a${i}`, status: 'idle', data: { i } });
  const bytes = mem.exportBytes();
  assert.equal(new TextDecoder().decode(bytes.subarray(0, 15)), 'SQLite format 3');
  const file = freshPath('import');
  const f = new Store({ path: file, fs });
  f.importBytes(bytes);
  assert.equal(f.listAgents('sw').length, 200);
  const back = f.exportBytes();
  f.close();
  const reopened = new Store({ path: file, fs });
  assert.equal(reopened.getAgent('sw', 'a150').data.i, 150);
  reopened.close();
  const copy = new Store();
  copy.importBytes(back);
  assert.equal(copy.listAgents('sw').length, 200);
  // Damaged bytes are refused, and nothing changes.
  const damaged = back.slice();
  for (let i = damaged.length / 2; i < damaged.length; i++) damaged[i] ^= 0x5a;
  const e = throws(() => copy.importBytes(damaged), /corrupt|malformed|not a database/);
  assert.ok(e.code.startsWith('SQLITE_'), e.code);
  assert.equal(copy.listAgents('sw').length, 200);
});

test('file store: bad options and unusable paths are errors', () => {
  throws(() => new Store({ path: freshPath('nofs') }), /needs `fs`/);
  throws(() => new Store({ fs }), /give `path` too/);
  throws(() => new Store({ path: freshPath('x'), fs: {} }), /options.fs has no function openSync/);
  throws(() => new Store({ path: freshPath('x'), fs, journalMode: 'memory' }), /journalMode/);
  throws(() => new Store({ path: freshPath('x'), fs, colour: 1 }), /unknown field `colour`/);
  throws(() => new Store({ path: ':memory:', fs }), /not a file path/);
  throws(() => new Store('x.db'), /options must be an object/);
  const e = throws(() => new Store({ path: path.join(tmp, 'missing', 'dir', 'x.db'), fs }), /unable to open database file \(ENOENT/);
  assert.equal(e.code, 'SQLITE_CANTOPEN');
  throws(() => new Store({ path: tmp, fs }), /unable to open|EISDIR/);
});

test('OPFS stores: bad options throw; where there is no OPFS (Node) the promise rejects', async () => {
  throws(() => Store.openOpfs(), /options must be an object, got undefined/);
  throws(() => Store.openOpfs({}), /options.name must be a string, got undefined/);
  throws(() => Store.openOpfs({ name: ':memory:' }), /not a database name/);
  throws(() => Store.openOpfs({ name: 'x.db', journalMode: 'off' }), /journalMode/);
  throws(() => Store.openOpfs({ name: 'x.db', size: 1 }), /unknown field `size`/);
  await assert.rejects(Store.openOpfs({ name: 'x.db' }), (e) => e instanceof Error && /OPFS is not available: .*dedicated worker/.test(e.message));
  throws(() => Store.deleteOpfs({ name: 'x.db', size: 1 }), /unknown field `size`/);
  await assert.rejects(Store.deleteOpfs({ name: 'x.db' }), (e) => e instanceof Error && /OPFS is not available/.test(e.message));
  // The module still works.
  assert.deepEqual(new Store().query('SELECT 1 AS one'), [{ one: 1 }]);
});

test('corrupted files are reported as errors, never crashes', () => {
  // Not a database at all.
  const garbage = freshPath('garbage');
  fs.writeFileSync(garbage, Buffer.alloc(16384, 0x5a));
  throws(() => new Store({ path: garbage, fs }), /file is not a database/, 'SQLITE_NOTADB');
  // Another application's SQLite database.
  const foreignBytes = (() => {
    const s = new Store();
    s.executeBatch('PRAGMA application_id = 7');
    return s.exportBytes();
  })();
  const foreign = freshPath('foreign');
  fs.writeFileSync(foreign, foreignBytes);
  throws(() => new Store({ path: foreign, fs }), /not a swarm store/);

  // A real store, damaged in many ways: every outcome is a clean Error or a correct answer.
  const good = freshPath('good');
  const s = new Store({ path: good, fs, journalMode: 'delete' });
  s.transaction(() => { for (let i = 0; i < 400; i++) s.appendEvent('sw', { kind: 'k', time: i, data: { pad: 'x'.repeat(100) } }); });
  s.close();
  const original = fs.readFileSync(good);
  let rng = 12345;
  const random = (n) => { rng = (rng * 1103515245 + 12345) % 2147483648; return rng % n; };
  let errors = 0;
  for (let trial = 0; trial < 60; trial++) {
    const bytes = Buffer.from(original);
    if (trial % 3 === 0) {
      bytes.fill(random(256), 100 + random(bytes.length - 200), bytes.length);
    } else if (trial % 3 === 1) {
      for (let k = 0; k < 20; k++) bytes[100 + random(bytes.length - 100)] ^= 1 + random(255);
    }
    const file = freshPath(`damaged${trial}`);
    fs.writeFileSync(file, trial % 3 === 2 ? bytes.subarray(0, 8192 * (1 + random(4))) : bytes);
    try {
      const d = new Store({ path: file, fs, journalMode: 'delete' });
      try {
        const events = d.queryEvents('sw');
        const problems = d.checkIntegrity();
        if (problems.length === 0) assert.equal(events.length, 400, 'a database that checks sound holds every event');
        else errors++;
      } finally {
        d.close();
      }
    } catch (e) {
      assert.ok(!(e instanceof WebAssembly.RuntimeError), `trial ${trial}: the instance trapped: ${e.message}`);
      assert.ok(e instanceof Error && /^SQLITE_/.test(e.code ?? 'SQLITE_'), `trial ${trial}: ${e}`);
      errors++;
    }
  }
  assert.ok(errors > 30, `most damaged files are detected (${errors}/60)`);
  // The module still works.
  const ok = new Store({ path: good, fs });
  assert.equal(ok.queryEvents('sw').length, 400);
  ok.close();
});
