// The swarm module's scenario: run in every engine on every build by the package's engine tests
// (npm/tests/browser/scenarios.mjs), which require bit-identical results everywhere. No imports:
// `helpers` holds the suite's deterministic inputs (rng, floats, series), made with exact
// arithmetic so every engine sees the same bits.

/** Exercises the module's API; returns plain data (compared across engines and builds). */
export function scenario(swarm, { rng }) {
  const s = swarm.createSwarm({ id: 'browser', topology: 'hierarchical', strategy: 'leastLoaded', seed: 11, maxConcurrentPerAgent: 2 });
  const caps = ['rust', 'python', 'go', 'sql'];
  const next = rng(3);
  for (let a = 0; a < 12; a++) {
    swarm.spawnAgent(s, { id: `a${a}`, capabilities: [caps[a % 4], caps[(a * 3 + 1) % 4]], maxConcurrent: 2 });
  }
  const tasks = Array.from({ length: 300 }, (_, i) => {
    const dependencies = [];
    if (i > 0 && next() < 0.6) dependencies.push(`t${Math.floor(next() * i)}`);
    if (i > 1 && next() < 0.3) dependencies.push(`t${Math.floor(next() * i)}`);
    return {
      id: `t${i}`, description: `task ${i}`, dependencies: [...new Set(dependencies)],
      requiredCapabilities: next() < 0.5 ? [caps[Math.floor(next() * 4)]] : [],
      priority: ['low', 'medium', 'high', 'critical'][Math.floor(next() * 4)],
    };
  });
  swarm.orchestrateTasks(s, tasks);
  const assignments = [];
  let since = 0;
  for (let round = 0; round < 1000; round++) {
    const batch = swarm.getAssignments(s, since);
    since = batch.nextSeq;
    if (batch.taskIds.length === 0) break;
    batch.taskIds.forEach((t, i) => assignments.push(`${t}@${batch.agentIds[i]}`));
    swarm.startTasks(s, batch.taskIds);
    swarm.completeTasks(s, batch.taskIds, batch.taskIds.map((t) => `done ${t}`));
  }
  swarm.verifySwarm(s);
  const status = swarm.getStatus(s);
  const snapshot = swarm.snapshot(s);
  const restored = swarm.restore(snapshot, 'browser-restored');
  const result = {
    assignments,
    tasks: status.tasks,
    agents: status.agents,
    routes: [swarm.route(s, 'a0', 'a11'), swarm.neighbors(s, 'a5')],
    events: swarm.getEvents(s, 0, 20).events,
    snapshotBytes: snapshot.length,
    restoredStatus: swarm.getStatus(restored).tasks,
  };
  swarm.destroySwarm(restored);
  swarm.destroySwarm(s);
  return result;
}

/** One create/use/free cycle, run 1000 times by the suite: the wasm memory must grow < 1 MB. */
export function memoryCycle(swarm, i) {
  const s = swarm.createSwarm({ id: `m${i}` });
  swarm.spawnAgent(s, { id: 'a' });
  swarm.orchestrateTasks(s, [{ id: 't', description: 'x' }]);
  swarm.destroySwarm(s);
}
