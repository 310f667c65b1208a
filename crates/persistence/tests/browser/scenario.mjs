// A browser scenario for the persistence module, for a Chromium test to run in a dedicated
// Worker (OPFS sync access handles exist only there): an in-memory store, then an OPFS store
// written, closed, reopened and checked, then removed from the pool. Returns what it saw;
// throws on the first wrong result. `persistence` is the loaded module (`await load('persistence')`).
export async function persistenceScenario(persistence, { name = `scenario-${Date.now()}.db`, directory } = {}) {
  const { Store } = persistence;
  const check = (ok, what) => {
    if (!ok) throw new Error(`persistence scenario: ${what}`);
  };
  const result = { sqliteVersion: persistence.sqliteVersion(), simd: persistence.simdEnabled() };

  const memory = new Store();
  memory.saveAgent('sw', { id: 'a1', status: 'busy', capabilities: ['browser'] });
  memory.transaction(() => memory.appendEvents('sw', [{ kind: 'k', time: 1 }, { kind: 'k', time: 2 }]));
  check(memory.queryEvents('sw', { since: 2 }).length === 1, 'memory: time range query');
  const bytes = memory.exportBytes();
  memory.close();
  result.memory = { exportedBytes: bytes.length };

  const options = { name, ...(directory ? { directory } : {}) };
  let store = await Store.openOpfs(options);
  check(store.backend === 'opfs' && store.path === name, 'opfs: backend and name');
  store.importBytes(bytes);
  store.transaction(() => {
    store.saveTask('sw', { id: 't1', status: 'running', agentId: 'a1' });
    store.recordMetrics('sw', [{ name: 'latency', value: 3 }, { name: 'latency', value: 5 }]);
  });
  store.close();
  store = await Store.openOpfs(options);
  check(store.getAgent('sw', 'a1')?.status === 'busy', 'opfs: the imported agent survived reopening');
  check(store.getTask('sw', 't1')?.agentId === 'a1', 'opfs: the committed task survived reopening');
  check(store.summarizeMetric('sw', 'latency').mean === 4, 'opfs: metrics survived reopening');
  check(store.checkIntegrity().length === 0, 'opfs: integrity check');
  result.opfs = { stats: store.stats() };
  store.executeBatch('DELETE FROM agents; DELETE FROM tasks; DELETE FROM events; DELETE FROM metrics');
  store.close();
  return result;
}
