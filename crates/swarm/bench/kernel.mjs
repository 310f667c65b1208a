// The swarm module's benchmark kernels: //tools/bench:engines runs each on the simd128 and the
// baseline build in every engine, side by side. No imports: `helpers` holds the benchmark's
// deterministic input generators (rng, floats).
//
// Each kernel's `setup(module, helpers)` prepares its inputs on one build and returns a step
// function that runs the kernel once and returns how many operations it did.
export const kernels = [{
  name: 'orchestration: 2,000 tasks on 100 agents to completion',
  setup(swarm, { rng }) {
    const next = rng(5);
    const caps = ['rust', 'python', 'go', 'sql', 'ml', 'web', 'ops', 'docs'];
    const agents = Array.from({ length: 100 }, (_, a) => ({ id: `a${a}`, capabilities: [caps[a % 8], caps[(a * 3 + 1) % 8]], maxConcurrent: 4 }));
    const tasks = Array.from({ length: 2000 }, (_, i) => ({
      id: `t${i}`,
      description: 'task',
      dependencies: i > 1 && next() < 0.5 ? [`t${Math.floor(next() * i)}`] : [],
      requiredCapabilities: next() < 0.5 ? [caps[Math.floor(next() * 8)]] : [],
    }));
    let run = 0;
    return () => {
      const s = swarm.createSwarm({ id: `bench-${run++}`, strategy: 'leastLoaded', maxAgents: 100 });
      for (const agent of agents) swarm.spawnAgent(s, agent);
      swarm.orchestrateTasks(s, tasks);
      let since = 0;
      let done = 0;
      for (;;) {
        const batch = swarm.getAssignments(s, since);
        since = batch.nextSeq;
        if (batch.taskIds.length === 0) break;
        swarm.startTasks(s, batch.taskIds);
        swarm.completeTasks(s, batch.taskIds);
        done += batch.taskIds.length;
      }
      swarm.destroySwarm(s);
      if (done !== tasks.length) throw new Error(`${done} of ${tasks.length} tasks completed`);
      return 1;
    };
  },
}];
