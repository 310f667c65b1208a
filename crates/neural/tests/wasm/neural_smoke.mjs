// Smoke test of the `neural` wasm module in Node (>= 18).
//
// Usage: node neural_smoke.mjs <ruv_neural.js> <ruv_neural_bg.wasm> [--build=simd128|baseline]
//   (the .js and _bg.wasm of `wasm-bindgen --target web`)
//
// Exercises the whole JavaScript API: network creation, run/runBatch, training (XOR with
// RPROP and Adam, progress callbacks), test, weights, FANN .net/.data text, the SIMD/scalar
// kernel comparison, and that bad input throws an Error with a useful message and leaves the
// module usable. Exits with status 1 on the first failure.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import assert from 'node:assert/strict';

const [jsPath, wasmPath, build] = process.argv.slice(2);
if (!jsPath || !wasmPath || ![undefined, '--build=simd128', '--build=baseline'].includes(build)) {
  console.error('usage: node neural_smoke.mjs <ruv_neural.js> <ruv_neural_bg.wasm> [--build=simd128|baseline]');
  process.exit(2);
}
const m = await import(pathToFileURL(jsPath).href);
await m.default({ module_or_path: readFileSync(wasmPath) });

let checks = 0;
function check(name, fn) {
  try {
    fn();
    checks++;
  } catch (e) {
    console.error(`FAIL ${name}:`, e);
    process.exit(1);
  }
}
function throwsWith(fn, pattern) {
  let err;
  try {
    fn();
  } catch (e) {
    err = e;
  }
  assert.ok(err instanceof Error, `expected an Error matching ${pattern}, got ${err}`);
  assert.match(err.message, pattern);
}

check('module interface', () => {
  assert.equal(typeof m.version(), 'string');
  assert.ok(m.memoryUsage() > 0);
  // The build the test was given: its kernels do or do not use SIMD128.
  if (build) assert.equal(m.simdEnabled(), build === '--build=simd128');
});

check('kernels: SIMD and scalar paths agree', () => {
  for (const seed of [1, 2, 3]) {
    const r = m.kernelSelfCheck(seed);
    assert.equal(r.simd, m.simdEnabled());
    assert.equal(r.kernels.length, 8);
    assert.ok(r.maxRelativeDifference <= 1e-6, JSON.stringify(r));
  }
});

check('DenseMatrix.mulVec', () => {
  const rows = 37, cols = 53;
  const a = new Float32Array(rows * cols).map((_, i) => Math.sin(i));
  const x = new Float32Array(cols).map((_, i) => Math.cos(i));
  const mat = new m.DenseMatrix(rows, cols, a);
  const y = mat.mulVec(x);
  for (let r = 0; r < rows; r++) {
    let s = 0;
    for (let c = 0; c < cols; c++) s += a[r * cols + c] * x[c];
    assert.ok(Math.abs(y[r] - s) < 1e-4, `row ${r}: ${y[r]} vs ${s}`);
  }
  throwsWith(() => mat.mulVec(new Float32Array(3)), /53 columns/);
  throwsWith(() => new m.DenseMatrix(2, 2, new Float32Array(3)), /needs 4 values/);
  mat.free();
});

const xorIn = [[-1, -1], [-1, 1], [1, -1], [1, 1]];
const xorOut = [[-1], [1], [1], [-1]];

check('XOR with RPROP', () => {
  const data = m.TrainingData.fromArrays(xorIn, xorOut);
  assert.equal(data.length, 4);
  const net = new m.NeuralNetwork([2, 3, 1], {
    hiddenActivation: m.ActivationFunction.SigmoidSymmetric,
    outputActivation: 'sigmoid_symmetric',
    seed: 1,
  });
  assert.equal(net.numInputs, 2);
  assert.equal(net.numOutputs, 1);
  assert.equal(net.totalConnections, 13);
  assert.deepEqual(Array.from(net.layerSizes()), [2, 3, 1]);
  assert.equal(net.trainingAlgorithm, m.TrainingAlgorithm.Rprop);
  const mse = net.train(data, { maxEpochs: 1000, desiredError: 0.001 });
  assert.ok(mse <= 0.001, `mse ${mse}`);
  for (let i = 0; i < 4; i++) {
    const out = net.run(new Float32Array(xorIn[i]));
    assert.ok(out instanceof Float32Array);
    assert.ok(Math.abs(out[0] - xorOut[i][0]) < 0.2, `${xorIn[i]} -> ${out[0]}`);
  }
  const t = net.test(data);
  assert.ok(t.mse < 0.01 && t.bitFail === 0 && t.samples === 4, JSON.stringify(t));
  const batch = net.runBatch(new Float32Array(xorIn.flat()));
  assert.equal(batch.length, 4);
  assert.equal(batch[1], net.run(new Float32Array([-1, 1]))[0]);

  // FANN text round trip keeps the outputs bit for bit.
  const text = net.toFann();
  assert.ok(text.startsWith('FANN_FLO_2.1\n'));
  const back = m.NeuralNetwork.fromFann(text);
  assert.deepEqual(back.runBatch(new Float32Array(xorIn.flat())), batch);
  assert.equal(back.toFann(), text);

  // Weights
  const w = net.getWeights();
  assert.equal(w.length, 13);
  const copy = net.clone();
  copy.setWeights(new Float32Array(13));
  assert.equal(copy.run(new Float32Array([1, 1]))[0], 0);
  copy.setWeight(0, 3, 0.5);
  assert.equal(copy.getWeights()[0], 0.5);
  const cons = net.getConnections();
  assert.equal(cons.length, 13);
  assert.deepEqual(Object.keys(cons[0]).sort(), ['fromNeuron', 'toNeuron', 'weight']);
  const info = net.info();
  assert.equal(info.networkType, 'standard');
  assert.deepEqual(info.layerSizes, [2, 3, 1]);
  assert.equal(info.layers[1].activationFunctions[0], m.ActivationFunction.SigmoidSymmetric);
  assert.equal(m.activationFunctionName(m.ActivationFunction.Elliot), 'FANN_ELLIOT');
  for (const x of [net, back, copy, data]) x.free();
});

check('Adam, shortcut topology, progress callback', () => {
  const data = m.TrainingData.fromFann('4 2 1\n-1 -1\n-1\n-1 1\n1\n1 -1\n1\n1 1\n-1\n');
  const net = new m.NeuralNetwork(new Uint32Array([2, 2, 1]), {
    topology: 'shortcut',
    hiddenActivation: 'tanh',
    outputActivation: m.ActivationFunction.SigmoidSymmetric,
    algorithm: m.TrainingAlgorithm.Adam,
    adamLearningRate: 0.05,
    seed: 3,
  });
  assert.equal(net.info().networkType, 'shortcut');
  const seen = [];
  const mse = net.train(data, { maxEpochs: 3000, desiredError: 0.005, epochsBetweenReports: 50 },
    (epoch, mse, bitFail) => { seen.push(epoch); });
  assert.ok(mse <= 0.005, `adam mse ${mse}`);
  assert.equal(seen[0], 1);
  assert.ok(seen.length >= 2);
  // returning false stops training
  const net2 = new m.NeuralNetwork([2, 4, 1], { seed: 2 });
  const epochs = [];
  net2.train(data, { maxEpochs: 500, desiredError: 0, epochsBetweenReports: 10 },
    (e) => { epochs.push(e); return e < 30; });
  assert.deepEqual(epochs, [1, 10, 20, 30]);
  // a throwing callback aborts training with its error
  throwsWith(() => net2.train(data, { maxEpochs: 10, epochsBetweenReports: 1 },
    () => { throw new Error('stop here'); }), /stop here/);
  throwsWith(() => net2.train(data, { maxEpochs: 1 }, 'not a function'), /must be a function/);
  // Using the network being trained from its own callback is refused with an Error (the
  // module stays usable).
  throwsWith(() => net2.train(data, { maxEpochs: 3, epochsBetweenReports: 1 },
    () => { net2.run(new Float32Array([0, 0])); }), /recursive use of an object/);
  assert.equal(net2.run(new Float32Array([0, 0])).length, 1);
  const p = net2.getTrainingParams();
  assert.equal(p.algorithm, m.TrainingAlgorithm.Rprop);
  assert.equal(p.rpropDeltaMax, 50);
  net2.setTrainingParams({ algorithm: 'quickprop', learningRate: 0.5 });
  assert.equal(net2.trainingAlgorithm, m.TrainingAlgorithm.Quickprop);
  assert.ok(Math.abs(net2.getTrainingParams().learningRate - 0.5) < 1e-7);
  const e = net2.trainEpoch(data);
  assert.ok(e >= 0);
  net2.trainingAlgorithm = m.TrainingAlgorithm.Incremental;
  net2.trainSample(new Float32Array([1, -1]), new Float32Array([1]));
  net.free();
  net2.free();
  data.free();
});

check('TrainingData', () => {
  const d = new m.TrainingData(new Float32Array([1, 2, 3, 4, 5, 6]), new Float32Array([0, 1, 0]), 2, 1);
  assert.equal(d.length, 3);
  assert.deepEqual(Array.from(d.getInput(1)), [3, 4]);
  const text = d.toFann();
  assert.equal(text, '3 2 1\n1 2\n0\n3 4\n1\n5 6\n0\n');
  const d2 = m.TrainingData.fromFann(text);
  assert.deepEqual(d2.inputs(), d.inputs());
  const merged = d.merge(d2);
  assert.equal(merged.length, 6);
  assert.equal(merged.subset(2, 3).length, 3);
  merged.shuffle(7);
  merged.scale(-1, 1);
  assert.ok(merged.inputs().every((v) => v >= -1 && v <= 1));
  throwsWith(() => d.getInput(3), /does not exist/);
  throwsWith(() => merged.subset(5, 3), /outside/);
});

check('bad input throws Errors and leaves the module usable', () => {
  const net = new m.NeuralNetwork([2, 3, 1]);
  throwsWith(() => net.run(new Float32Array([1])), /2 inputs but the input vector has 1/);
  throwsWith(() => net.run(new Float32Array([1, NaN])), /input\[1\] is NaN/);
  throwsWith(() => net.run(new Float32Array([Infinity, 0])), /input\[0\] is inf/);
  throwsWith(() => net.runBatch(new Float32Array(3)), /not a multiple/);
  throwsWith(() => net.setWeights(new Float32Array(5)), /13 weights but 5/);
  throwsWith(() => net.setWeights(new Float32Array(13).fill(NaN)), /weights\[0\] is NaN/);
  throwsWith(() => new m.NeuralNetwork([2, 0, 1]), /layers\[1\] is 0/);
  throwsWith(() => new m.NeuralNetwork([2]), /at least 2 layers/);
  throwsWith(() => new m.NeuralNetwork('2,3'), /must be an array/);
  throwsWith(() => new m.NeuralNetwork([2, 1.5]), /integers/);
  throwsWith(() => new m.NeuralNetwork([2, 1], { connectionRate: 0 }), /connection rate/);
  throwsWith(() => new m.NeuralNetwork([2, 1], { hiddenActivation: 'softmax' }), /unknown activation function name/);
  throwsWith(() => new m.NeuralNetwork([2, 1], { hiddenActivation: 42 }), /unknown activation function code 42/);
  throwsWith(() => new m.NeuralNetwork([2, 1], { learningrate: 0.1 }), /unknown field `learningrate`/);
  throwsWith(() => new m.NeuralNetwork([2, 1], { learningRate: NaN }), /learning_rate is NaN/);
  throwsWith(() => new m.NeuralNetwork([2, 1], { topology: 'ring' }), /topology/);
  throwsWith(() => new m.NeuralNetwork([100000, 100000]), /connections/);
  throwsWith(() => m.NeuralNetwork.fromFann('FANN_FLO_2.1\nnum_layers=3\n'), /parse error/);
  throwsWith(() => m.NeuralNetwork.fromFann('hello'), /first line/);
  const good = new m.NeuralNetwork([2, 2, 1]).toFann();
  throwsWith(() => m.NeuralNetwork.fromFann(good.replace('layer_sizes=3 3 2', 'layer_sizes=3 0 2')), /layer 1 has size 0/);
  throwsWith(() => m.NeuralNetwork.fromFann(good.replace('weight)=(0, ', 'weight)=(0, x')), /weight/);
  throwsWith(() => m.TrainingData.fromFann('2 2 1\n1 2\n0\n'), /ends before/);
  throwsWith(() => m.TrainingData.fromFann('1 2 1\n1 x\n0\n'), /not a number/);
  throwsWith(() => m.TrainingData.fromFann('1 0 1\n'), /at least 1/);
  throwsWith(() => m.TrainingData.fromArrays([[1, 2], [3]], [[1], [1]]), /sample 1 has 1 inputs/);
  throwsWith(() => m.TrainingData.fromArrays([[1, NaN]], [[1]]), /finite/);
  throwsWith(() => m.TrainingData.fromArrays('nope', [[1]]), /array of number arrays/);
  throwsWith(() => new m.TrainingData(new Float32Array(3), new Float32Array(1), 2, 1), /whole number/);
  throwsWith(() => new m.TrainingData(new Float32Array(2), new Float32Array(1), 0, 1), /at least one input/);
  const wrong = m.TrainingData.fromArrays([[1, 2, 3]], [[1]]);
  throwsWith(() => net.train(wrong), /3 inputs per sample but the network has 2/);
  throwsWith(() => net.train(m.TrainingData.fromArrays([[1, 2]], [[1]]), { maxEpochs: 5, bogus: 1 }), /unknown field `bogus`/);
  throwsWith(() => net.train(m.TrainingData.fromArrays([[1, 2]], [[1]]), { desiredError: -1 }), /desired error/);
  throwsWith(() => net.setActivationFunctionLayer(0, m.ActivationFunction.Linear), /layer 0 is out of range/);
  throwsWith(() => net.setActivationFunction(1, 9, m.ActivationFunction.Linear), /neuron 9 is out of range/);
  throwsWith(() => net.setActivationSteepnessHidden(NaN), /steepness is NaN/);
  throwsWith(() => net.setTrainingParams({ rpropDeltaMax: -1 }), /rprop_delta_max/);
  throwsWith(() => net.setTrainingParams(undefined), /expected an object/);
  throwsWith(() => net.setWeight(0, 1, 1), /no connection from neuron 0 to neuron 1/);
  throwsWith(() => net.randomizeWeights(1, -1), /greater than/);
  net.setActivationFunctionHidden(m.ActivationFunction.Threshold);
  throwsWith(() => net.trainEpoch(m.TrainingData.fromArrays([[1, 2]], [[1]])), /FANN_THRESHOLD/);
  // An invalid enum value is rejected by the bindings, not by a panic.
  let err;
  try { net.setActivationFunctionOutput(99); } catch (e) { err = e; }
  assert.ok(err !== undefined, 'invalid enum value was accepted');
  // Still alive and working after all that.
  net.setActivationFunctionHidden(m.ActivationFunction.Sigmoid);
  assert.equal(net.run(new Float32Array([0.5, 0.5])).length, 1);
});

check('libfann-written network loads and runs', () => {
  // Written by libfann 2.2's fann_save (tests/data/libfann_standard_2_3_1.net).
  const net = m.NeuralNetwork.fromFann(
    readFileSync(new URL('../data/libfann_standard_2_3_1.net', import.meta.url), 'utf8'));
  assert.deepEqual(Array.from(net.layerSizes()), [2, 3, 1]);
  assert.equal(net.getActivationFunction(1, 0), m.ActivationFunction.SigmoidStepwise);
  const out = net.run(new Float32Array([0.25, -0.5]));
  assert.ok(out[0] > 0 && out[0] < 1);
});

console.log(`ok: ${checks} checks passed (simd=${m.simdEnabled()})`);
