// The persistence module against its peers, in one run, on this machine:
//   in memory: our Store (SQLite inside our wasm module) against sql.js (SQLite compiled to wasm
//              by Emscripten) and better-sqlite3 (native SQLite, for reference);
//   in a file: our durable file store (Node fs VFS, fsync at every commit) against
//              better-sqlite3 (native), with the same journal and durability settings.
// Workload: 100,000 row inserts in transactions of 100, then 10,000 point reads through a
// unique index, on the same schema, data and statements everywhere; every side's results are
// checked. Prints median figures of several rounds and their ratios, and the module sizes.
//
// Usage: node bench.mjs <dir with persistence_module_bindgen/ and persistence_module_opt/>
//                       <node_modules with sql.js [and better-sqlite3]> [--rounds N] [--quick]
// (crates/persistence/bench/run.sh builds the module, installs the peers and runs this.)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const [moduleDir, nodeModules] = args.filter((a, i) => !a.startsWith('--') && !(i > 0 && args[i - 1] === '--rounds'));
if (!moduleDir || !nodeModules) {
  console.error('usage: node bench.mjs <bazel-bin/crates/persistence> <node_modules> [--rounds N] [--quick]');
  process.exit(2);
}
const quick = args.includes('--quick');
const ROWS = quick ? 10_000 : 100_000;
const BATCH = 100;
const READS = quick ? 1_000 : 10_000;
const rounds = Number(flag('--rounds', '3'));

const SCHEMA = [
  'CREATE TABLE items (id INTEGER PRIMARY KEY, key TEXT NOT NULL, value REAL NOT NULL, payload TEXT NOT NULL)',
  'CREATE UNIQUE INDEX items_key ON items (key)',
];
const INSERT = 'INSERT INTO items (key, value, payload) VALUES (?, ?, ?)';
const SELECT = 'SELECT id, key, value, payload FROM items WHERE key = ?';
// The same SQLite settings on every side (ours: sqlite-wasm-rs's defaults).
const PRAGMAS = ['PRAGMA page_size = 8192', 'PRAGMA cache_size = -16384'];

const row = (i) => [`key-${i}`, i * 1.5, `payload ${i} `.padEnd(64, String.fromCharCode(97 + (i % 26)))];
const batches = [];
for (let start = 0; start < ROWS; start += BATCH) {
  batches.push(Array.from({ length: Math.min(BATCH, ROWS - start) }, (_, k) => row(start + k)));
}
let seed = 12345;
const readKeys = Array.from({ length: READS }, () => {
  seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
  return seed % ROWS;
});

const require = createRequire(path.join(path.resolve(nodeModules), 'index.js'));
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'persistence-bench-'));
let files = 0;
const freshFile = () => path.join(tmp, `${files++}.db`);
const removeDb = (file) => {
  for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(file + suffix, { force: true });
};

// ----- the engines: open, insert one batch in a transaction, read one key, close -----

async function ours(variant) {
  const dir = path.resolve(moduleDir);
  const wasm = variant === 'baseline' ? 'persistence_module_baseline_opt' : 'persistence_module_opt';
  // One glue instance per build: import the glue under a distinct URL.
  const m = await import(`${pathToFileURL(path.join(dir, 'persistence_module_bindgen', 'persistence.js')).href}?${variant}`);
  await m.default({ module_or_path: fs.readFileSync(path.join(dir, wasm, 'persistence.wasm')) });
  if (m.simdEnabled() !== (variant === 'simd128')) throw new Error(`${variant}: wrong build loaded`);
  const open = (store) => {
    store.executeBatch(SCHEMA.join(';'));
    return { store, insert: store.prepare(INSERT), select: store.prepare(SELECT) };
  };
  return {
    version: m.sqliteVersion(),
    memory: () => open(new m.Store()),
    file: (file, journalMode) => open(new m.Store({ path: file, fs, journalMode, synchronous: 'full' })),
    insertBatch: (db, rows) => {
      db.store.begin();
      for (const r of rows) db.insert.run(r);
      db.store.commit();
    },
    insertBatchMany: (db, rows) => db.store.executeMany(INSERT, rows),
    read: (db, key) => db.select.get([key]),
    count: (db) => db.store.get('SELECT count(*) AS n FROM items').n,
    close: (db) => db.store.close(),
  };
}

async function sqljs() {
  const initSqlJs = require('sql.js');
  const SQL = await initSqlJs();
  const db0 = new SQL.Database();
  const version = db0.exec('SELECT sqlite_version()')[0].values[0][0];
  db0.close();
  return {
    version,
    memory: () => {
      const db = new SQL.Database();
      for (const p of PRAGMAS) db.run(p);
      for (const s of SCHEMA) db.run(s);
      return { db, insert: db.prepare(INSERT), select: db.prepare(SELECT) };
    },
    insertBatch: (d, rows) => {
      d.db.run('BEGIN');
      for (const r of rows) d.insert.run(r);
      d.db.run('COMMIT');
    },
    read: (d, key) => {
      const r = d.select.getAsObject([key]);
      d.select.reset();
      return r;
    },
    count: (d) => d.db.exec('SELECT count(*) FROM items')[0].values[0][0],
    close: (d) => {
      d.insert.free();
      d.select.free();
      d.db.close();
    },
  };
}

function betterSqlite3() {
  let Database;
  try {
    Database = require('better-sqlite3');
    new Database(':memory:').close();
  } catch (e) {
    return { missing: e.message.split('\n')[0] };
  }
  const open = (file, pragmas) => {
    const db = new Database(file);
    for (const p of [...PRAGMAS, ...pragmas]) db.exec(p);
    for (const s of SCHEMA) db.exec(s);
    const insert = db.prepare(INSERT);
    return { db, insert, select: db.prepare(SELECT), tx: db.transaction((rows) => { for (const r of rows) insert.run(r); }) };
  };
  return {
    version: new Database(':memory:').prepare('SELECT sqlite_version() AS v').get().v,
    memory: () => open(':memory:', []),
    // Our file store's settings: WAL or rollback journal, exclusive locking, fsync at commit.
    file: (file, journalMode) => open(file, [`PRAGMA locking_mode = EXCLUSIVE`, `PRAGMA journal_mode = ${journalMode.toUpperCase()}`, 'PRAGMA synchronous = FULL']),
    insertBatch: (d, rows) => d.tx(rows),
    read: (d, key) => d.select.get(key),
    count: (d) => d.db.prepare('SELECT count(*) AS n FROM items').get().n,
    close: (d) => d.db.close(),
  };
}

// ----- measuring -----

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** One round: fresh database, ROWS inserts in batches, READS point reads; rates per second. */
function round(engine, open, insertBatch, close) {
  const db = open();
  let t = performance.now();
  for (const rows of batches) insertBatch(db, rows);
  const insertSeconds = (performance.now() - t) / 1000;
  if (engine.count(db) !== ROWS) throw new Error(`${engine.name}: ${engine.count(db)} rows after ${ROWS} inserts`);
  t = performance.now();
  let checksum = 0;
  for (const i of readKeys) {
    const r = engine.read(db, `key-${i}`);
    checksum += r.value;
  }
  const readSeconds = (performance.now() - t) / 1000;
  const expected = readKeys.reduce((sum, i) => sum + i * 1.5, 0);
  if (checksum !== expected) throw new Error(`${engine.name}: point reads returned wrong rows`);
  close(db);
  return { inserts: ROWS / insertSeconds, reads: READS / readSeconds };
}

/** Rounds of several configurations, interleaved (a, b, c, a, b, c, ...) so drift hits all. */
function measure(configs) {
  const results = configs.map(() => ({ inserts: [], reads: [] }));
  for (let r = 0; r < rounds; r++) {
    configs.forEach((c, i) => {
      const { inserts, reads } = c.run();
      results[i].inserts.push(inserts);
      results[i].reads.push(reads);
    });
  }
  return results.map((r) => ({ inserts: median(r.inserts), reads: median(r.reads) }));
}

const fmt = (x) => Math.round(x).toLocaleString('en-US').padStart(12);
const ratio = (a, b) => `${(a / b).toFixed(2)}x`.padStart(12);
const line = (label, r, withReads = true) => console.log(`  ${label.padEnd(44)}${fmt(r.inserts)}${withReads ? fmt(r.reads) : ''.padStart(12)}`);

const simd = await ours('simd128');
simd.name = 'ours (simd128)';
const baseline = await ours('baseline');
baseline.name = 'ours (baseline)';
const sql = await sqljs();
sql.name = 'sql.js';
const better = betterSqlite3();
better.name = 'better-sqlite3';
const packageVersion = (name) => JSON.parse(fs.readFileSync(path.join(path.resolve(nodeModules), name, 'package.json'), 'utf8')).version;
const sqljsVersion = packageVersion('sql.js');
const betterVersion = better.missing ? null : packageVersion('better-sqlite3');

console.log(`persistence benchmark: ${ROWS.toLocaleString('en-US')} row inserts in transactions of ${BATCH}, then ${READS.toLocaleString('en-US')} point reads through a unique index`);
console.log(`Node ${process.version}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}); median of ${rounds} interleaved rounds; rates per second`);
console.log(`SQLite: ours ${simd.version} (in our wasm module), sql.js ${sqljsVersion} (${sql.version}, wasm), better-sqlite3 ${betterVersion ?? '-'} (${better.version ?? 'not installed'}, native)`);
console.log(`Every side: ${PRAGMAS.join(', ')}; file stores: fsync at every commit (synchronous FULL), exclusive locking`);
console.log('');

const mem = (e, insertBatch = e.insertBatch) => ({ run: () => round(e, e.memory, insertBatch, e.close) });
console.log(`in memory${' '.repeat(37)}inserts/s  point reads/s`);
const memConfigs = [mem(simd), mem(sql), mem(simd, simd.insertBatchMany), mem(baseline)];
if (!better.missing) memConfigs.push(mem(better));
const [oursMem, sqlMem, oursMany, baseMem, betterMem] = measure(memConfigs);
line('ours, simd128 (Statement.run per row)', oursMem);
line('ours, simd128 (executeMany per batch)', oursMany, false);
line('ours, baseline (Statement.run per row)', baseMem);
line('sql.js (Statement.run per row)', sqlMem);
if (betterMem) line('better-sqlite3, native (:memory:)', betterMem);
console.log(`  ${'ours / sql.js (Statement.run)'.padEnd(44)}${ratio(oursMem.inserts, sqlMem.inserts)}${ratio(oursMem.reads, sqlMem.reads)}`);
console.log(`  ${'ours / sql.js (executeMany)'.padEnd(44)}${ratio(oursMany.inserts, sqlMem.inserts)}`);
if (betterMem) console.log(`  ${'ours / better-sqlite3 (native)'.padEnd(44)}${ratio(oursMem.inserts, betterMem.inserts)}${ratio(oursMem.reads, betterMem.reads)}`);
console.log('');

for (const journalMode of ['wal', 'delete']) {
  console.log(`file, journal ${journalMode} (durable)${' '.repeat(28 - journalMode.length)}inserts/s  point reads/s`);
  const fileConfig = (e) => ({
    run: () => {
      const file = freshFile();
      try {
        return round(e, () => e.file(file, journalMode), e.insertBatch, e.close);
      } finally {
        removeDb(file);
      }
    },
  });
  if (better.missing) {
    const [oursFile] = measure([fileConfig(simd)]);
    line('ours, simd128', oursFile);
    console.log(`  better-sqlite3: not installed here (${better.missing})`);
  } else {
    const [oursFile, betterFile] = measure([fileConfig(simd), fileConfig(better)]);
    line('ours, simd128', oursFile);
    line('better-sqlite3, native', betterFile);
    console.log(`  ${'ours / better-sqlite3'.padEnd(44)}${ratio(oursFile.inserts, betterFile.inserts)}${ratio(oursFile.reads, betterFile.reads)}`);
  }
  console.log('');
}

const size = (file) => {
  const bytes = fs.readFileSync(file);
  return `${bytes.length.toLocaleString('en-US')} B, gzip -9 ${zlib.gzipSync(bytes, { level: 9 }).length.toLocaleString('en-US')} B`;
};
console.log('sizes');
console.log(`  ours, simd128 persistence.wasm: ${size(path.join(moduleDir, 'persistence_module_opt', 'persistence.wasm'))}`);
console.log(`  ours, baseline persistence.wasm: ${size(path.join(moduleDir, 'persistence_module_baseline_opt', 'persistence.wasm'))}`);
console.log(`  sql.js sql-wasm.wasm: ${size(path.join(path.dirname(require.resolve('sql.js')), 'sql-wasm.wasm'))}`);
fs.rmSync(tmp, { recursive: true, force: true });
