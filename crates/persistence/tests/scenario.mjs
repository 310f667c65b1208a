// The persistence module's scenario: run in every engine on every build by the package's engine
// tests (npm/tests/browser/scenarios.mjs), which require bit-identical results everywhere. No
// imports. SQLite inside the module, in memory (a page's main thread has no OPFS sync access).

/** Exercises the module's API; returns plain data (compared across engines and builds). */
export function scenario(p) {
  // Record timestamps default to the clock, so the compared results leave them out.
  const untimed = ({ createdAt, updatedAt, ...rest }) => rest;
  const store = new p.Store();
  store.transaction(() => {
    store.saveAgents('sw', [{ id: 'a1', status: 'busy', capabilities: ['rust', 'wasm'] }, { id: 'a2', status: 'idle' }]);
    store.saveTask('sw', { id: 't1', status: 'running', agentId: 'a1', time: 5 });
    store.saveTask('sw', { id: 't2', status: 'pending', dependencies: ['t1'], time: 6 });
    store.appendEvents('sw', [{ kind: 'taskStarted', taskId: 't1', agentId: 'a1', time: 5 }, { kind: 'tick', time: 7 }]);
    store.recordMetrics('sw', [{ name: 'latency', value: 3, time: 5 }, { name: 'latency', value: 5.5, time: 6 }]);
  });
  let rolledBack = null;
  try {
    store.transaction(() => {
      store.saveAgent('sw', { id: 'a3', status: 'idle' });
      throw new Error('abandon');
    });
  } catch (e) {
    rolledBack = e.message;
  }
  store.execute('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL UNIQUE, score REAL)');
  const inserted = Array.from({ length: 50 }, (_, i) => store.execute('INSERT INTO notes (body, score) VALUES (?, ?)', [`note ${i}`, i / 4]));
  const errors = [
    () => store.execute('INSERT INTO notes (body) VALUES (?)', ['note 1']),
    () => store.query('SELEC 1'),
    () => store.execute('INSERT INTO notes (score) VALUES (1)'),
  ].map((f) => { try { f(); return null; } catch (e) { return e.message; } });
  const result = {
    sqliteVersion: p.sqliteVersion(),
    agents: store.listAgents('sw').map(untimed),
    busy: store.listAgents('sw', { status: 'busy' }).map((a) => a.id),
    tasks: store.listTasks('sw').map(untimed),
    events: store.queryEvents('sw', { since: 5, until: 6 }),
    latency: store.summarizeMetric('sw', 'latency'),
    rolledBack,
    agentCount: store.query('SELECT count(*) AS n FROM agents'),
    inserted: inserted.slice(-2),
    notes: store.query('SELECT id, body, score FROM notes WHERE score >= ? ORDER BY id', [11]),
    errors,
    integrity: store.checkIntegrity(),
  };
  const bytes = store.exportBytes();
  store.close();
  const copy = new p.Store();
  copy.importBytes(bytes);
  result.reimported = copy.query('SELECT count(*) AS n FROM notes');
  copy.close();
  return result;
}

/** One create/use/free cycle, run 1000 times by the suite: the wasm memory must grow < 1 MB. */
export function memoryCycle(p, i) {
  const store = new p.Store();
  store.saveAgent('sw', { id: `a${i}`, status: 'idle', capabilities: ['x'] });
  store.query('SELECT * FROM agents');
  store.close();
  store.free();
}
