// One scenario per module of @ruv/swarm-wasm, run the same way in Chromium and in Node so the
// browser test can require identical results. Plain ESM with no Node or DOM imports.
//
// Every input is deterministic and made with exact arithmetic (integers and divisions by powers
// of two), so both engines see bit-identical inputs; wasm arithmetic is deterministic, so the
// results must be bit-identical too (compared as `encode`d JSON).
//
// A module added to the package needs an entry in `scenarios` and in `memoryCycles`: the test
// fails naming any module without one.

/** mulberry32: a small deterministic generator of numbers in [0, 1) (exact: k / 2^32). */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const floats = (n, next, lo = -1, hi = 1) => Float32Array.from({ length: n }, () => lo + (hi - lo) * next());

/** A seasonal series with a trend and noise (period 12), from exact arithmetic only. */
export function series(k, n) {
  const next = rng(1000 + k);
  // One period of a smooth seasonal shape as exact fractions (no Math.sin: engines may differ).
  const shape = [0, 0.5, 0.875, 1, 0.875, 0.5, 0, -0.5, -0.875, -1, -0.875, -0.5];
  const out = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    out[t] = 100 + 5 * (k % 7) + 0.25 * (k % 5 - 2) * t + (4 + (k % 3)) * shape[t % 12] + 2 * (next() - 0.5);
  }
  return out;
}

/** Results as JSON text that keeps every bit: typed arrays as arrays, NaN, infinities and -0
 * as strings, bigints as strings. Class instances (wasm-bindgen handles) are refused. */
export function encode(value) {
  const plain = (v) => {
    if (typeof v === 'number') {
      if (Number.isNaN(v) || !Number.isFinite(v) || Object.is(v, -0)) return `#${String(Object.is(v, -0) ? '-0' : v)}`;
      return v;
    }
    if (typeof v === 'bigint') return `#${v}n`;
    if (v === null || typeof v !== 'object') return v;
    if (ArrayBuffer.isView(v)) return { [v.constructor.name]: Array.from(v, plain) };
    if (Array.isArray(v)) return v.map(plain);
    const proto = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) throw new Error(`cannot encode a ${v.constructor?.name ?? 'class'} instance`);
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
  };
  return JSON.stringify(plain(value));
}

/** The per-module scenarios: each takes the loaded module and returns plain data. */
export const scenarios = {
  core(core) {
    const chain = Array.from({ length: 500 }, (_, i) => ({ id: `t${i}`, dependencies: i ? [`t${i - 1}`] : [] }));
    const noCycle = core.findCycle(chain);
    chain[0].dependencies = ['t499'];
    return {
      greet: ['Ada', '', 'Zoë 🐝', 'x'.repeat(300)].map((n) => core.greet(n)),
      vocabulary: [core.topologies(), core.strategies(), core.agentRoles(), core.cognitivePatterns()],
      handOff: core.topologies().map((t) => core.handOffRule(t)),
      patterns: core.agentRoles().map((r) => core.defaultCognitivePattern(r)),
      swarm: core.validateSwarmConfig({ id: 's-1', topology: 'star', maxAgents: 10, seed: 7n }),
      agent: core.validateAgentConfig({ role: 'tester', capabilities: ['b', 'a', 'b'] }),
      task: core.validateTaskConfig({ description: 'build', requiredCapabilities: ['z', 'a', 'z'], dependencies: ['t2', 't1'] }),
      noCycle,
      cycleLength: core.findCycle(chain).length,
      errors: [() => core.greet(42), () => core.validateSwarmConfig({ maxAgents: 0 }), () => core.handOffRule('tree')]
        .map((f) => { try { f(); return null; } catch (e) { return e.message; } }),
    };
  },

  neural(neural) {
    const { ActivationFunction, DenseMatrix, NeuralNetwork, TrainingData } = neural;
    const next = rng(7);
    const net = new NeuralNetwork([16, 24, 8], { hiddenActivation: 'sigmoid_symmetric', outputActivation: ActivationFunction.Sigmoid });
    const weights = floats(net.getWeights().length, next, -0.5, 0.5);
    net.setWeights(weights);
    const inputs = floats(16 * 32, next);
    const single = Array.from({ length: 4 }, (_, i) => net.run(inputs.subarray(i * 16, (i + 1) * 16)));
    const batch = net.runBatch(inputs);
    // Training from fixed weights is deterministic: RPROP epochs on a fixed data set.
    const data = new TrainingData(floats(16 * 40, next), floats(8 * 40, next, 0, 1), 16, 8);
    const mses = Array.from({ length: 5 }, () => net.trainEpoch(data));
    const trained = net.getWeights();
    const fann = net.toFann();
    const copy = NeuralNetwork.fromFann(fann);
    const copyOut = copy.run(inputs.subarray(0, 16));
    const matrix = new DenseMatrix(33, 17, floats(33 * 17, next));
    const product = matrix.mulVec(floats(17, next));
    const result = {
      activationFunctions: Object.keys(ActivationFunction).filter((k) => Number.isNaN(Number(k))).map((k) => [k, ActivationFunction[k]]),
      single, batch, mses, trained, test: net.test(data), copyOut, fannLength: fann.length, product,
      info: net.info(),
    };
    for (const handle of [net, copy, data, matrix]) handle.free();
    return result;
  },

  forecasting(fc) {
    const y = series(3, 96);
    const out = { kinds: fc.modelKinds() };
    const options = {
      seasonalNaive: { period: 12 }, windowAverage: { window: 6 }, holtWinters: { period: 12 },
      theta: { period: 12 }, ar: { lags: 3 }, dlinear: { lookback: 24, kernel: 5 }, nlinear: { lookback: 24 },
      mlp: { lookback: 12, hidden: [8] },
    };
    const fitOptions = { mlp: { epochs: 30, seed: 5 } };
    out.forecasts = {};
    for (const kind of fc.modelKinds()) {
      const model = new fc.ForecastModel(kind, options[kind]);
      model.fit(y, fitOptions[kind]);
      out.forecasts[kind] = { predict: model.predict(6), mse: model.inSampleMse(), params: model.params() };
      model.free();
    }
    const many = Array.from({ length: 12 }, (_, k) => series(k, 60));
    const values = new Float64Array(many.reduce((n, s) => n + s.length, 0));
    const offsets = new Uint32Array(many.length + 1);
    many.forEach((s, k) => { values.set(s, offsets[k]); offsets[k + 1] = offsets[k] + s.length; });
    const batch = fc.forecastBatch(values, offsets, 'holtWinters', 4, { model: { period: 12 } });
    out.batch = { forecasts: batch.forecasts(), mse: batch.inSampleMse(), failures: batch.failures() };
    batch.free();
    out.cv = fc.crossValidate(y, 'holt', { initial: 60, horizon: 6, step: 12 });
    out.metrics = fc.evaluate(y.subarray(84), fc.fitPredict(y.subarray(0, 84), 'ses', 12), y.subarray(0, 84), 12);
    return out;
  },

  swarm(swarm) {
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
  },

  persistence(p) {
    // SQLite inside the module, in memory (on the page's main thread; OPFS needs a worker). Record
    // timestamps default to the clock, so the compared results leave them out.
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
  },
};

// The unified module bundles these modules' APIs: it runs each one's scenario, whose results must
// equal the module's own (checked by runAll), in both engines.
export const UNIFIED_BUNDLES = ['core', 'neural', 'forecasting', 'swarm'];
scenarios.unified = (unified) => Object.fromEntries(UNIFIED_BUNDLES.map((name) => [name, encode(scenarios[name](unified))]));

/** One create/use/free cycle per module, run 1000 times: the wasm memory must grow < 1 MB. */
export const memoryCycles = {
  core(core, i) {
    core.greet(`agent-${i}`.repeat(10));
    core.validateSwarmConfig({ id: `s${i}`, maxAgents: 1 + (i % 50) });
    core.findCycle([{ id: 'a', dependencies: ['b'] }, { id: 'b', dependencies: ['a'] }]);
  },
  neural(neural, i) {
    const net = new neural.NeuralNetwork([8, 16, 4], { seed: i });
    net.run(new Float32Array(8).fill(i / 1000));
    net.free();
  },
  forecasting(fc, i) {
    const model = new fc.ForecastModel('holt');
    model.fit(series(i % 5, 30), { alpha: 0.5, beta: 0.25 });
    model.predict(3);
    model.free();
  },
  swarm(swarm, i) {
    const s = swarm.createSwarm({ id: `m${i}` });
    swarm.spawnAgent(s, { id: 'a' });
    swarm.orchestrateTasks(s, [{ id: 't', description: 'x' }]);
    swarm.destroySwarm(s);
  },
  persistence(p, i) {
    const store = new p.Store();
    store.saveAgent('sw', { id: `a${i}`, status: 'idle', capabilities: ['x'] });
    store.query('SELECT * FROM agents');
    store.close();
    store.free();
  },
  // Every bundled module's cycle, in the one shared memory.
  unified(unified, i) {
    for (const name of UNIFIED_BUNDLES) memoryCycles[name](unified, i);
  },
};

/** Module names the package has that `table` lacks, and names `table` has that the package does not. */
export function coverage(table, moduleNames) {
  return {
    missing: moduleNames.filter((n) => !Object.hasOwn(table, n)),
    unknown: Object.keys(table).filter((n) => !moduleNames.includes(n)),
  };
}

/**
 * Runs everything for one build with the package's API (`pkg`: the '@ruv/swarm-wasm' namespace),
 * loading modules one at a time; `afterLoad(name)` is awaited after each first load (the browser
 * test checks the network log there). Returns plain data; `results` holds the encoded scenario
 * results (compared between engines), the rest is checked by the caller.
 */
export async function runAll(pkg, variant, afterLoad = async () => {}) {
  for (const table of [scenarios, memoryCycles]) {
    const { missing, unknown } = coverage(table, pkg.moduleNames);
    if (missing.length || unknown.length) {
      throw new Error(`scenarios.mjs is out of date: no entry for ${missing.join(', ') || '-'}; unknown ${unknown.join(', ') || '-'}`);
    }
  }
  pkg.setDefaultVariant(variant);
  const out = { simdSupported: pkg.simdSupported(), modules: {}, results: {}, seed: {} };
  for (const name of pkg.moduleNames) {
    const m = await pkg.load(name);
    await afterLoad(name);
    const again = await pkg.load(name);
    out.modules[name] = {
      variant: pkg.variantOf(name), simd: m.simdEnabled(), version: m.version(), sameInstance: again === m,
    };
    out.results[name] = encode(scenarios[name](m));
  }
  // The unified module computes exactly what each bundled module computes on its own.
  if (out.results.unified) {
    const parts = JSON.parse(out.results.unified);
    out.unifiedEqualsModules = Object.fromEntries(UNIFIED_BUNDLES.map((name) => [name, parts[name] === out.results[name]]));
  }
  // The seed's module tests: core greet, neural NeuralNetwork/ActivationFunction, memory growth.
  const core = await pkg.load('core');
  const neural = await pkg.load('neural');
  out.seed.greet = typeof core.greet === 'function' ? core.greet('seed') : null;
  out.seed.neuralApi = [typeof neural.NeuralNetwork, typeof neural.ActivationFunction, neural.ActivationFunction.Sigmoid];
  out.seed.memoryGrowth = {};
  for (const name of pkg.moduleNames) {
    const m = await pkg.load(name);
    const before = m.memoryUsage();
    for (let i = 0; i < 1000; i++) memoryCycles[name](m, i);
    out.seed.memoryGrowth[name] = m.memoryUsage() - before;
  }
  return out;
}
