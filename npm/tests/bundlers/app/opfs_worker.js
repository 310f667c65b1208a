// A dedicated worker of the consumer app: the persistence module's store on OPFS (SQLite's
// `opfs-sahpool` VFS needs sync access handles, which exist only in workers). main.js starts it
// with `new Worker(new URL('./opfs_worker.js', import.meta.url), { type: 'module' })`, the
// pattern bundlers follow, and posts one request; the worker answers `{ ok, result | error }`.
//
// Requests (`{ phase, name }`):
//   write:  import an in-memory store's bytes into a new OPFS database, commit more in a
//           transaction, leave one transaction uncommitted, close;
//   verify: reopen (a new page, a new worker), check exactly the committed state, remove it;
//   hold:   open the database and keep it open, so another worker's open must fail cleanly;
//   many:   six stores open at once in two other directories (more files than a pool's first
//           capacity), each written and read back, closed, then deleted; deleting an open
//           database fails and deleting a missing one reports that it did not exist.
import { load } from '@ruv/swarm-wasm';

const check = (ok, what) => {
  if (!ok) throw new Error(`opfs worker: ${what}`);
};
let held;

async function write(p, name) {
  const memory = new p.Store();
  memory.saveAgent('sw', { id: 'a1', status: 'busy', capabilities: ['browser'], time: 1 });
  memory.appendEvents('sw', [{ kind: 'k', time: 1 }, { kind: 'k', time: 2 }]);
  const bytes = memory.exportBytes();
  memory.close();

  const store = await p.Store.openOpfs({ name });
  check(store.backend === 'opfs' && store.path === name, `backend ${store.backend}, path ${store.path}`);
  store.importBytes(bytes);
  store.transaction(() => {
    store.saveTask('sw', { id: 't1', status: 'running', agentId: 'a1', time: 3 });
    store.recordMetrics('sw', [{ name: 'latency', value: 3, time: 3 }, { name: 'latency', value: 5, time: 4 }]);
  });
  // Left open: closing the store rolls it back; the verify phase must not see it.
  store.begin();
  store.saveTask('sw', { id: 't2', status: 'pending', time: 5 });
  store.close();
  return { exportedBytes: bytes.length };
}

async function verify(p, name) {
  const store = await p.Store.openOpfs({ name });
  const result = {
    agent: store.getAgent('sw', 'a1')?.status,
    tasks: store.listTasks('sw').map((t) => [t.id, t.status, t.agentId]),
    events: store.queryEvents('sw', { since: 2 }).length,
    latency: store.summarizeMetric('sw', 'latency').mean,
    integrity: store.checkIntegrity(),
    schemaVersion: store.schemaVersion,
  };
  store.close();
  return result;
}

async function many(p, name) {
  const stores = [];
  for (const directory of ['many-a', 'many-b']) {
    for (let i = 0; i < 3; i++) stores.push(await p.Store.openOpfs({ name: `${name}-${i}`, directory, journalMode: i % 2 ? 'wal' : 'delete' }));
  }
  stores.forEach((store, i) => {
    store.execute('CREATE TABLE t (i INTEGER)');
    store.execute('INSERT INTO t VALUES (?)', [i]);
  });
  const sums = stores.map((store) => store.get('SELECT sum(i) AS s, count(*) AS n FROM t'));
  let deleteWhileOpen = 'deleted';
  await p.Store.deleteOpfs({ name: `${name}-0`, directory: 'many-a' }).catch((e) => { deleteWhileOpen = e.message; });
  stores.forEach((store) => store.close());
  const deleted = [];
  for (const directory of ['many-a', 'many-b']) {
    for (let i = 0; i < 3; i++) deleted.push(await p.Store.deleteOpfs({ name: `${name}-${i}`, directory }));
  }
  const again = await p.Store.deleteOpfs({ name: `${name}-0`, directory: 'many-a' });
  const reopened = await p.Store.openOpfs({ name: `${name}-0`, directory: 'many-a' });
  const tables = reopened.query("SELECT name FROM sqlite_schema WHERE name = 't'").length;
  reopened.close();
  await p.Store.deleteOpfs({ name: `${name}-0`, directory: 'many-a' });
  return { sums, deleteWhileOpen, deleted, again, tables };
}

async function hold(p, name) {
  held = await p.Store.openOpfs({ name });
  return { open: held.isOpen };
}

self.onmessage = async ({ data: { phase, name } }) => {
  try {
    const p = await load('persistence');
    const phases = { write, verify, hold, many };
    check(Object.hasOwn(phases, phase), `unknown phase ${phase}`);
    self.postMessage({ ok: true, result: await phases[phase](p, name) });
  } catch (error) {
    self.postMessage({ ok: false, error: `${error?.name ?? 'Error'}: ${error?.message ?? error}`, isError: error instanceof Error });
  }
};
