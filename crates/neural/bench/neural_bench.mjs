// Benchmark of the `neural` wasm module (//crates/neural:bench).
//
// Run:  tools/bazel run //crates/neural:bench [-- options]
// By hand (from the runfiles root, after building :neural_module and :fann_bench):
//   node neural_bench.mjs <neural_module.module.json> <fann_bench executable> [options]
//
// What it measures, all in one run, with every figure measured now (nothing is hard-coded):
//   1. SIMD128 vs baseline: the shipped module (//crates/neural:neural_module, simd128) against
//      the same crate built without simd128 (its baseline build), both loaded in this Node
//      process: forward pass of a 784-256-128-10 sigmoid network (run() per sample and
//      runBatch()), a 1024x1024 matrix-vector product (DenseMatrix.mulVec), a 1024->1024
//      linear network's run(), and one RPROP epoch of the 784-256-128-10 network. Target: 3x.
//   2. wasm (simd128) vs native libfann 2.2 (Debian's libfann-dev, fann_bench.c built -O2 and
//      linked with -lfann): libfann creates a 784-256-128-10 sigmoid network and saves it, the
//      wasm side loads that .net (NeuralNetwork.fromFann), and both read the same generated
//      FANN .data file; inference (runs/s, fann_run vs run()) and iRPROP- training (FANN's
//      default algorithm, epochs/s and samples/s from the same initial weights). Target: 1x.
//   3. The gzip size of the shipped .wasm (and of the baseline build and the JS glue).
// The machine is shared and noisy, so every measurement is repeated for several rounds in which
// the contenders alternate (their order flips every round), after one untimed warm-up round;
// the figures are medians over the rounds, and the ratio's spread over the rounds is shown.
//
// Options (defaults keep a run near one minute on 2 cores):
//   --rounds N     timed rounds per measurement (default 7)
//   --ms N         time budget of one inference/kernel measurement, in ms (default 300)
//   --samples N    samples in the generated data set of part 2 (default 200)
//   --epochs N     RPROP epochs per training measurement of part 2 (default 3)
//   --seed N       seed of the generated data and of the networks (default 42)
//   --only LIST    comma separated subset of simd,fann,size (default: all)
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { gzipSync, constants as zlibConstants } from 'node:zlib';
import { tmpdir, cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { median, rate, rng } from '../../../tools/bench/measure.mjs';

const USAGE =
  'usage: node neural_bench.mjs <neural_module.module.json> <fann_bench> ' +
  '[--rounds N] [--ms N] [--samples N] [--epochs N] [--seed N] [--only simd,fann,size]';

function parseArgs(argv) {
  const positional = [];
  const opts = { rounds: 7, ms: 300, samples: 200, epochs: 3, seed: 42, only: 'simd,fann,size' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) {
      positional.push(a);
      continue;
    }
    const key = a.slice(2);
    const value = argv[++i];
    if (!(key in opts) || value === undefined) throw new Error(`unknown or incomplete option ${a}\n${USAGE}`);
    if (key === 'only') {
      opts.only = value;
    } else {
      const n = Number(value);
      if (!Number.isInteger(n) || n < (key === 'seed' ? 0 : 1)) throw new Error(`${a} needs a positive integer`);
      opts[key] = n;
    }
  }
  if (positional.length !== 2) throw new Error(USAGE);
  const sections = new Set(opts.only.split(',').map((s) => s.trim()));
  for (const s of sections) if (!['simd', 'fann', 'size'].includes(s)) throw new Error(`--only: unknown section ${s}`);
  return { paths: positional, opts, sections };
}

let parsed;
try {
  parsed = parseArgs(process.argv.slice(2));
} catch (e) {
  console.error(e.message);
  process.exit(2);
}
const { paths, opts, sections } = parsed;
// The module's description (rust_wasm_module's module.json): runfiles paths of both builds.
const { builds } = JSON.parse(readFileSync(paths[0], 'utf8'));
const [simdWasmArg, baseWasmArg] = [builds.simd128.wasm, builds.baseline.wasm];
const [simdJs, simdWasm, baseJs, baseWasm, fannBench] = [
  builds.simd128.js, simdWasmArg, builds.baseline.js, baseWasmArg, paths[1],
].map((p) => resolve(p));

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

async function loadModule(jsPath, wasmPath) {
  const m = await import(pathToFileURL(jsPath).href);
  await m.default({ module_or_path: readFileSync(wasmPath) });
  return m;
}

function randomVector(n, next, lo = -1, hi = 1) {
  const v = new Float32Array(n);
  for (let i = 0; i < n; i++) v[i] = lo + (hi - lo) * next();
  return v;
}

function fmt(x, digits = 4) {
  if (!Number.isFinite(x)) return String(x);
  return x >= 100 ? Math.round(x).toLocaleString('en-US') : x.toPrecision(digits);
}

function table(header, rows) {
  const all = [header, ...rows];
  const widths = header.map((_, c) => Math.max(...all.map((r) => String(r[c]).length)));
  for (const r of all) {
    console.log('  ' + r.map((cell, c) => (c === 0 ? String(cell).padEnd(widths[c]) : String(cell).padStart(widths[c]))).join('   '));
  }
}

function ratioCell(num, den) {
  return `${(median(num) / median(den)).toFixed(2)}x`;
}

function spreadCell(num, den) {
  const r = num.map((x, i) => x / den[i]);
  return `${Math.min(...r).toFixed(2)}..${Math.max(...r).toFixed(2)}`;
}

/**
 * Runs `rounds` timed rounds (after one untimed warm-up round) of every contender of every
 * workload; within a round the contenders alternate and their order flips every round.
 * Returns results[workload][contender] = array of per-round figures.
 */
function alternate(workloads, contenders, rounds) {
  const results = workloads.map(() => contenders.map(() => []));
  for (let r = -1; r < rounds; r++) {
    workloads.forEach((w, wi) => {
      const order = r % 2 === 0 ? contenders.map((_, i) => i) : contenders.map((_, i) => contenders.length - 1 - i);
      for (const ci of order) {
        const value = w.measure(contenders[ci]);
        if (r >= 0) results[wi][ci].push(value);
      }
    });
  }
  return results;
}

function fann(...args) {
  const p = spawnSync(fannBench, args.map(String), { encoding: 'utf8' });
  if (p.error) throw p.error;
  if (p.status !== 0) throw new Error(`fann_bench ${args.join(' ')} failed (${p.status}): ${p.stderr}`);
  const out = {};
  for (const kv of p.stdout.trim().split(/\s+/)) {
    const eq = kv.indexOf('=');
    const v = kv.slice(eq + 1);
    out[kv.slice(0, eq)] = Number.isNaN(Number(v)) ? v : Number(v);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

const t0 = performance.now();
const simd = await loadModule(simdJs, simdWasm);
const base = await loadModule(baseJs, baseWasm);

console.log('neural module benchmark');
console.log(`  node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model ?? 'unknown'})`);
console.log(`  simd128 build:  ${simdWasmArg}  simdEnabled()=${simd.simdEnabled()}  kernelSelfCheck.simd=${simd.kernelSelfCheck(1).simd}`);
console.log(`  baseline build: ${baseWasmArg}  simdEnabled()=${base.simdEnabled()}  kernelSelfCheck.simd=${base.kernelSelfCheck(1).simd}`);
console.log(`  options: --rounds ${opts.rounds} --ms ${opts.ms} --samples ${opts.samples} --epochs ${opts.epochs} --seed ${opts.seed}`);
if (simd.simdEnabled() !== true || base.simdEnabled() !== false) {
  console.log('  WARNING: the builds do not report the expected SIMD state; the comparison below is not SIMD vs scalar');
}

// ---------------------------------------------------------------------------------------------
// 1. SIMD128 vs baseline
// ---------------------------------------------------------------------------------------------

if (sections.has('simd')) {
  const next = rng(opts.seed);
  const BATCH = 32;
  const mlpInputs = randomVector(784 * BATCH, next, 0, 1);
  const one = mlpInputs.subarray(0, 784);
  const matrix = randomVector(1024 * 1024, next);
  const vec1024 = randomVector(1024, next);
  const trainSamples = 32;
  const trainIn = randomVector(784 * trainSamples, next, 0, 1);
  const trainOut = new Float32Array(10 * trainSamples);
  for (let i = 0; i < trainSamples; i++) trainOut[i * 10 + (i % 10)] = 1;

  // The same networks (same seed, same code) in both builds.
  const state = new Map();
  for (const m of [simd, base]) {
    const sigmoid = { hiddenActivation: 'sigmoid', outputActivation: 'sigmoid', seed: opts.seed };
    state.set(m, {
      mlp: new m.NeuralNetwork([784, 256, 128, 10], sigmoid),
      trainNet: new m.NeuralNetwork([784, 256, 128, 10], sigmoid),
      trainData: new m.TrainingData(trainIn, trainOut, 784, 10),
      matrix: new m.DenseMatrix(1024, 1024, matrix),
      linear: new m.NeuralNetwork([1024, 1024], { outputActivation: 'linear', seed: opts.seed }),
    });
  }
  // Both builds must compute the same thing (the kernels are documented as bit-identical).
  const same = (a, b) => a.length === b.length && a.every((x, i) => Object.is(x, b[i]));
  const s = state.get(simd);
  const b = state.get(base);
  const identical = {
    forward: same(s.mlp.runBatch(mlpInputs), b.mlp.runBatch(mlpInputs)),
    matvec: same(s.matrix.mulVec(vec1024), b.matrix.mulVec(vec1024)),
    linear: same(s.linear.run(vec1024), b.linear.run(vec1024)),
  };

  const workloads = [
    { name: 'forward 784-256-128-10, run() per sample', unit: 'runs/s', measure: (m) => rate(() => (state.get(m).mlp.run(one), 1), opts.ms) },
    { name: `forward 784-256-128-10, runBatch(${BATCH})`, unit: 'runs/s', measure: (m) => rate(() => (state.get(m).mlp.runBatch(mlpInputs), BATCH), opts.ms) },
    { name: 'matvec 1024x1024, DenseMatrix.mulVec', unit: 'products/s', measure: (m) => rate(() => (state.get(m).matrix.mulVec(vec1024), 1), opts.ms) },
    { name: 'linear net 1024->1024, run()', unit: 'runs/s', measure: (m) => rate(() => (state.get(m).linear.run(vec1024), 1), opts.ms) },
    {
      name: `RPROP epoch 784-256-128-10, ${trainSamples} samples`,
      unit: 'samples/s',
      measure: (m) => rate(() => (state.get(m).trainNet.trainEpoch(state.get(m).trainData), trainSamples), opts.ms),
    },
  ];
  const res = alternate(workloads, [simd, base], opts.rounds);

  console.log('');
  console.log(`== 1. SIMD128 vs baseline (same crate without simd128), median of ${opts.rounds} alternating rounds of ${opts.ms} ms ==`);
  table(
    ['workload', 'simd128', 'baseline', 'unit', 'simd/baseline', 'per-round range'],
    workloads.map((w, i) => [w.name, fmt(median(res[i][0])), fmt(median(res[i][1])), w.unit, ratioCell(res[i][0], res[i][1]), spreadCell(res[i][0], res[i][1])]),
  );
  const gflops = (macs, perSec) => ((2 * macs * perSec) / 1e9).toFixed(2);
  const mlpMacs = 785 * 256 + 257 * 128 + 129 * 10;
  console.log(
    `  arithmetic rate: forward runBatch ${gflops(mlpMacs, median(res[1][0]))} vs ${gflops(mlpMacs, median(res[1][1]))} GFLOP/s, ` +
      `matvec ${gflops(1024 * 1024, median(res[2][0]))} vs ${gflops(1024 * 1024, median(res[2][1]))} GFLOP/s (simd128 vs baseline)`,
  );
  console.log(
    `  same results in both builds: forward ${identical.forward ? 'bit-identical' : 'DIFFERENT'}, ` +
      `matvec ${identical.matvec ? 'bit-identical' : 'DIFFERENT'}, linear net ${identical.linear ? 'bit-identical' : 'DIFFERENT'}`,
  );
  console.log('  target: 3x on the forward pass and the matvec');
}

// ---------------------------------------------------------------------------------------------
// 2. wasm (simd128) vs native libfann 2.2
// ---------------------------------------------------------------------------------------------

if (sections.has('fann')) {
  const dir = mkdtempSync(join(tmpdir(), 'neural-bench-'));
  try {
    const layers = [784, 256, 128, 10];
    const netPath = join(dir, 'mlp.net');
    const dataPath = join(dir, 'bench.data');

    // Deterministic MNIST-like data: inputs k/256 in [0, 1) (exact in decimal and in f32, so both
    // parsers read the same values), one-hot targets of 10 classes around random prototypes.
    const next = rng(opts.seed + 1);
    const n = opts.samples;
    const prototypes = Array.from({ length: 10 }, () => Array.from({ length: 784 }, () => next()));
    const lines = [`${n} 784 10`];
    for (let i = 0; i < n; i++) {
      const cls = i % 10;
      const x = prototypes[cls].map((p) => {
        const v = Math.min(255, Math.max(0, Math.floor(256 * (0.7 * p + 0.3 * next()))));
        return v / 256;
      });
      lines.push(x.join(' '));
      lines.push(Array.from({ length: 10 }, (_, k) => (k === cls ? 1 : 0)).join(' '));
    }
    writeFileSync(dataPath, lines.join('\n') + '\n');

    // libfann creates the network (its own initialisation) and saves it; wasm loads that file.
    fann('create', netPath, layers.join(','), opts.seed);
    const netText = readFileSync(netPath, 'utf8');
    const dataText = readFileSync(dataPath, 'utf8');
    const data = simd.TrainingData.fromFann(dataText);
    const net = simd.NeuralNetwork.fromFann(netText);
    const inputs = data.inputs();
    const samples = Array.from({ length: n }, (_, i) => inputs.subarray(i * 784, (i + 1) * 784));

    // Same network, same data: the outputs must agree (checksum over one pass of the data set).
    let wasmChecksum = 0;
    let worst = 0;
    const cRun = fann('run', netPath, dataPath, 1);
    for (const x of samples) for (const y of net.run(x)) wasmChecksum += y;
    worst = Math.abs(wasmChecksum - cRun.checksum) / Math.max(1, Math.abs(cRun.checksum));

    const info = net.info();
    const wasmRun = () => {
      let i = 0;
      return rate(() => {
        net.run(samples[i]);
        i = i + 1 === n ? 0 : i + 1;
        return 1;
      }, opts.ms);
    };
    const contenders = ['libfann', 'wasm'];
    const lastMse = { libfann: NaN, wasm: NaN };
    let cAlgorithm = '';
    const workloads = [
      {
        name: 'inference 784-256-128-10 (fann_run / run())',
        unit: 'runs/s',
        measure: (who) => (who === 'libfann' ? fann('run', netPath, dataPath, opts.ms).runs_per_s : wasmRun()),
      },
      {
        name: `RPROP training, ${n} samples x ${opts.epochs} epochs`,
        unit: 'epochs/s',
        measure: (who) => {
          if (who === 'libfann') {
            const r = fann('train', netPath, dataPath, opts.epochs);
            lastMse.libfann = r.mse;
            cAlgorithm = r.algorithm;
            return r.epochs_per_s;
          }
          const fresh = simd.NeuralNetwork.fromFann(netText); // same initial weights, untimed
          const start = performance.now();
          let mse = 0;
          for (let e = 0; e < opts.epochs; e++) mse = fresh.trainEpoch(data);
          const seconds = (performance.now() - start) / 1000;
          lastMse.wasm = mse;
          fresh.free();
          return opts.epochs / seconds;
        },
      },
    ];
    const res = alternate(workloads, contenders, opts.rounds);

    console.log('');
    console.log(`== 2. wasm simd128 (Node) vs native libfann 2.2 (-O2, -lfann), median of ${opts.rounds} alternating rounds ==`);
    console.log(
      `  network: ${info.layerSizes.join('-')} sigmoid, ${info.totalConnections} connections, made and saved by libfann, loaded by NeuralNetwork.fromFann; ` +
        `data: ${n} generated samples in one FANN .data file read by both`,
    );
    table(
      ['workload', 'libfann', 'wasm', 'unit', 'wasm/libfann', 'per-round range'],
      workloads.map((w, i) => [w.name, fmt(median(res[i][0])), fmt(median(res[i][1])), w.unit, ratioCell(res[i][1], res[i][0]), spreadCell(res[i][1], res[i][0])]),
    );
    console.log(`  training samples/s: libfann ${fmt(median(res[1][0]) * n)}, wasm ${fmt(median(res[1][1]) * n)}`);
    const wasmAlgorithm = Object.keys(simd.TrainingAlgorithm).find((k) => simd.TrainingAlgorithm[k] === net.trainingAlgorithm);
    console.log(`  algorithm: libfann ${cAlgorithm}, wasm ${wasmAlgorithm} (both read from the .net)`);
    console.log(
      `  same computation: outputs checksum libfann ${cRun.checksum.toPrecision(9)} vs wasm ${wasmChecksum.toPrecision(9)} (relative difference ${worst.toExponential(1)}); ` +
        `MSE after ${opts.epochs} epochs libfann ${lastMse.libfann.toPrecision(6)} vs wasm ${lastMse.wasm.toPrecision(6)}`,
    );
    console.log('  target: wasm/libfann 1x or better');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// 3. Size
// ---------------------------------------------------------------------------------------------

if (sections.has('size')) {
  const gz = (bytes) => gzipSync(bytes, { level: zlibConstants.Z_BEST_COMPRESSION }).length;
  const kb = (n) => `${(n / 1024).toFixed(1)} KiB (${n} B)`;
  const sw = readFileSync(simdWasm);
  const bw = readFileSync(baseWasm);
  const sj = readFileSync(simdJs);
  console.log('');
  console.log('== 3. Size (gzip -9) ==');
  table(
    ['file', 'raw', 'gzip'],
    [
      ['shipped neural.wasm (simd128)', kb(sw.length), kb(gz(sw))],
      ['baseline neural.wasm', kb(bw.length), kb(gz(bw))],
      ['neural.js glue', kb(sj.length), kb(gz(sj))],
    ],
  );
}

console.log('');
console.log(`done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
