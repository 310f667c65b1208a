// The kernels of tools/bench/engines.mjs, run unchanged in Node and in Chromium (plain ESM, no
// Node or DOM imports). `measure` times both builds of every module in one engine, side by side.
//
// A module added to the package needs an entry in KERNELS: engines.mjs reports the modules
// without one and exits non-zero.

import { median, rate, rng } from './measure.mjs';

const floats = (n, next) => Float32Array.from({ length: n }, () => next() * 2 - 1);

/**
 * Each module's main kernels: `setup(module)` prepares the inputs on one build and returns a
 * step function that runs the kernel and returns how many operations it did.
 */
export const KERNELS = {
  core: [{
    name: 'findCycle: 5,000-task dependency graph',
    setup(core) {
      const next = rng(1);
      const graph = Array.from({ length: 5000 }, (_, i) => ({
        id: `t${i}`,
        dependencies: i ? [`t${Math.floor(next() * i)}`, `t${i - 1}`] : [],
      }));
      return () => {
        if (core.findCycle(graph) !== null) throw new Error('the graph has no cycle');
        return 1;
      };
    },
  }],
  neural: [{
    name: 'run(): 784-256-128-10 sigmoid, one sample',
    setup(neural) {
      const net = new neural.NeuralNetwork([784, 256, 128, 10], { seed: 1, hiddenActivation: 'sigmoid', outputActivation: 'sigmoid' });
      const input = floats(784, rng(2));
      return () => {
        net.run(input);
        return 1;
      };
    },
  }, {
    name: 'runBatch(): 784-256-128-10 sigmoid, 64 samples',
    setup(neural) {
      const net = new neural.NeuralNetwork([784, 256, 128, 10], { seed: 1, hiddenActivation: 'sigmoid', outputActivation: 'sigmoid' });
      const inputs = floats(784 * 64, rng(3));
      return () => {
        net.runBatch(inputs);
        return 64;
      };
    },
  }],
  forecasting: [{
    name: 'Holt-Winters fit + 12-step forecast, 144 points',
    setup(fc) {
      const next = rng(4);
      const shape = [0, 0.5, 0.87, 1, 0.87, 0.5, 0, -0.5, -0.87, -1, -0.87, -0.5];
      const y = Float64Array.from({ length: 144 }, (_, t) => 100 + 0.2 * t + 8 * shape[t % 12] + 2 * (next() - 0.5));
      return () => {
        const model = new fc.ForecastModel('holtWinters', { period: 12 });
        model.fit(y);
        model.predict(12);
        model.free();
        return 1;
      };
    },
  }],
  swarm: [{
    name: 'orchestration: 2,000 tasks on 100 agents to completion',
    setup(swarm) {
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
  }],
};

KERNELS.persistence = [{
  name: 'SQLite in memory: 100 inserts in a transaction + 100 point reads',
  setup(persistence) {
    const store = new persistence.Store();
    store.execute('CREATE TABLE kv (k INTEGER PRIMARY KEY, v TEXT NOT NULL)');
    let rows = 0;
    return () => {
      store.transaction(() => {
        for (let i = 0; i < 100; i++) store.execute('INSERT INTO kv (k, v) VALUES (?, ?)', [rows++, `value ${rows}`]);
      });
      for (let i = 0; i < 100; i++) {
        if (store.query('SELECT v FROM kv WHERE k = ?', [(i * 7919) % rows]).length !== 1) throw new Error('a row is missing');
      }
      return 200;
    };
  },
}];

// The unified module runs the kernels of the modules it bundles.
KERNELS.unified = ['neural', 'forecasting', 'swarm'].map((name) => ({ ...KERNELS[name][0], name: `${name}: ${KERNELS[name][0].name}` }));

/**
 * Measures every module in this engine. `prepare(name, variant)` imports a fresh instance of the
 * module's glue and returns `{ glue, init }`, `init()` instantiating that build into it; `init`
 * alone is timed as the instantiate figure (median of `instantiations`, builds alternating). Then each kernel runs on
 * both builds for `rounds` timed rounds after one untimed warm-up round, the builds alternating
 * and their order flipping every round. Returns plain data: per module, instantiate medians and
 * per kernel the per-round ops/s of each build.
 */
export async function measure(moduleNames, prepare, { rounds = 7, ms = 300, instantiations = 7 } = {}) {
  const variants = ['simd128', 'baseline'];
  const out = {};
  for (const name of moduleNames) {
    const times = { simd128: [], baseline: [] };
    const instances = {};
    for (let i = 0; i < instantiations; i++) {
      for (const variant of i % 2 ? [...variants].reverse() : variants) {
        const { glue, init } = await prepare(name, variant);
        const start = performance.now();
        await init();
        times[variant].push(performance.now() - start);
        instances[variant] = glue;
      }
    }
    const entry = {
      instantiateMs: { simd128: median(times.simd128), baseline: median(times.baseline) },
      simdEnabled: { simd128: instances.simd128.simdEnabled(), baseline: instances.baseline.simdEnabled() },
      kernels: [],
    };
    for (const kernel of KERNELS[name] ?? []) {
      const steps = Object.fromEntries(variants.map((v) => [v, kernel.setup(instances[v])]));
      const results = { simd128: [], baseline: [] };
      for (let r = -1; r < rounds; r++) {
        for (const variant of r % 2 ? [...variants].reverse() : variants) {
          const value = rate(steps[variant], ms);
          if (r >= 0) results[variant].push(value);
        }
      }
      entry.kernels.push({ name: kernel.name, opsPerSecond: results });
    }
    out[name] = entry;
  }
  return out;
}
