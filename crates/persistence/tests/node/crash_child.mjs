// The writer of the crash test (crash.test.mjs), killed with SIGKILL at a random moment.
// Usage: node crash_child.mjs <glue.js> <module.wasm> <db path> <journal mode> <seed>
// Commits transactions forever; after each commit returns it prints the transaction's number.
// Each transaction adds 1-40 rows of random size to `ledger`, records their count in `sizes`,
// deletes the rows of transaction n-20 (freeing pages) and advances `head`: a verifier can
// tell a missing, a half-applied and a complete transaction apart.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [js, wasm, file, journalMode, seedText] = process.argv.slice(2);
const m = await import(pathToFileURL(path.resolve(js)).href);
await m.default({ module_or_path: fs.readFileSync(wasm) });
let seed = Number(seedText) >>> 0 || 1;
const random = (n) => {
  seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
  return seed % n;
};

const store = new m.Store({ path: file, fs, journalMode });
store.executeBatch(`
  CREATE TABLE IF NOT EXISTS ledger (tx INTEGER NOT NULL, row INTEGER NOT NULL, payload TEXT NOT NULL, PRIMARY KEY (tx, row));
  CREATE TABLE IF NOT EXISTS sizes (tx INTEGER PRIMARY KEY, rows INTEGER NOT NULL, deleted INTEGER NOT NULL DEFAULT 0);
  CREATE TABLE IF NOT EXISTS head (id INTEGER PRIMARY KEY CHECK (id = 1), tx INTEGER NOT NULL);
  INSERT OR IGNORE INTO head VALUES (1, 0);
`);
const insert = store.prepare('INSERT INTO ledger VALUES (?, ?, ?)');
fs.writeSync(1, 'ready\n');
for (let tx = store.get('SELECT tx FROM head').tx + 1; ; tx++) {
  const rows = 1 + random(40);
  store.transaction(() => {
    for (let r = 0; r < rows; r++) insert.run([tx, r, String(tx % 10).repeat(10 + random(2000))]);
    store.execute('INSERT INTO sizes (tx, rows) VALUES (?, ?)', [tx, rows]);
    store.execute('DELETE FROM ledger WHERE tx = ?', [tx - 20]);
    store.execute('UPDATE sizes SET deleted = 1 WHERE tx = ?', [tx - 20]);
    store.execute('UPDATE head SET tx = ?', [tx]);
  });
  fs.writeSync(1, `${tx}\n`);
}
