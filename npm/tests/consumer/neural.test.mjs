// The neural module through the installed package: real results (XOR training, an independent
// forward pass, FANN text round trips, data set operations), bad input for every export, memory.
import assert from 'node:assert/strict';
import test from 'node:test';
import { checkTable, INIT_EXPORTS, memoryGrowth } from './bad_input.mjs';
import { subject } from './subject.mjs';

const { ns: neural, direct, own, label } = await subject('neural');
const {
  ActivationFunction, DenseMatrix, ErrorFunction, NeuralNetwork, StopFunction, TrainingAlgorithm,
  TrainingData,
} = neural;

const XOR_IN = [[-1, -1], [-1, 1], [1, -1], [1, 1]];
const XOR_OUT = [[-1], [1], [1], [-1]];

const close = (actual, expected, tolerance, what) => {
  assert.ok(Math.abs(actual - expected) <= tolerance,
    `${what}: ${actual} is not within ${tolerance} of ${expected}`);
};

// Activation functions as the d.ts documents them, applied to steepness * sum.
const ACTIVATIONS = {
  [ActivationFunction.Linear]: (x) => x,
  [ActivationFunction.Sigmoid]: (x) => 1 / (1 + Math.exp(-2 * x)),
  [ActivationFunction.SigmoidSymmetric]: (x) => Math.tanh(x),
  [ActivationFunction.Gaussian]: (x) => Math.exp(-x * x),
  [ActivationFunction.Elliot]: (x) => (x / 2) / (1 + Math.abs(x)) + 0.5,
  [ActivationFunction.ElliotSymmetric]: (x) => x / (1 + Math.abs(x)),
};

/** The network's output computed in JavaScript from its connections and activation functions. */
function forward(net, input) {
  const info = net.info();
  const neurons = []; // FANN numbering: every layer's neurons, then its bias neuron
  info.layers.forEach((layer, l) => {
    for (let k = 0; k < layer.neurons; k++) neurons.push({ layer: l, index: k });
    if (layer.bias) neurons.push({ bias: true });
  });
  const values = neurons.map((n) => (n.bias ? 1 : NaN));
  input.forEach((x, i) => { values[i] = x; });
  const incoming = new Map();
  for (const c of net.getConnections()) {
    if (!incoming.has(c.toNeuron)) incoming.set(c.toNeuron, []);
    incoming.get(c.toNeuron).push(c);
  }
  for (const id of [...incoming.keys()].sort((a, b) => a - b)) {
    const { layer, index } = neurons[id];
    const sum = incoming.get(id).reduce((s, c) => s + c.weight * values[c.fromNeuron], 0);
    const f = ACTIVATIONS[net.getActivationFunction(layer, index)];
    assert.ok(f, `no JS reference for activation ${net.getActivationFunction(layer, index)}`);
    values[id] = f(net.getActivationSteepness(layer, index) * sum);
  }
  const last = info.layers.length - 1;
  return neurons.flatMap((n, id) => (n.layer === last ? [values[id]] : []));
}

test('neural: load() and the subpath export are the same instance', () => {
  for (const name of Object.keys(neural)) {
    if (!INIT_EXPORTS.includes(name)) assert.equal(direct[name], neural[name], name);
  }
});

test('neural: enums use FANN numbering', () => {
  assert.equal(ActivationFunction.Linear, 0);
  assert.equal(ActivationFunction.SigmoidStepwise, 4);
  assert.equal(ActivationFunction.SigmoidSymmetric, 5);
  assert.equal(ActivationFunction.LeakyRelu, 19);
  assert.equal(TrainingAlgorithm.Incremental, 0);
  assert.equal(TrainingAlgorithm.Rprop, 2);
  assert.equal(TrainingAlgorithm.Adam, 5);
  assert.equal(ErrorFunction.Tanh, 1);
  assert.equal(StopFunction.Bit, 1);
  assert.equal(neural.activationFunctionName(ActivationFunction.SigmoidSymmetric), 'FANN_SIGMOID_SYMMETRIC');
  assert.equal(neural.activationFunctionName(ActivationFunction.Linear), 'FANN_LINEAR');
  for (let code = 0; code <= 19; code++) assert.match(neural.activationFunctionName(code), /^FANN_[A-Z_]+$/);
});

test('neural: a network trained on XOR (via the subpath import) reaches a low MSE and answers right', () => {
  const data = direct.TrainingData.fromArrays(XOR_IN, XOR_OUT);
  const net = new direct.NeuralNetwork([2, 3, 1], {
    hiddenActivation: 'sigmoid_symmetric', outputActivation: direct.ActivationFunction.SigmoidSymmetric, seed: 3,
  });
  const reports = [];
  const mse = net.train(data, { maxEpochs: 5000, desiredError: 0.001, epochsBetweenReports: 10 },
    (epoch, epochMse, bitFail) => { reports.push([epoch, epochMse, bitFail]); });
  assert.ok(mse <= 0.001, `training stopped at MSE ${mse}`);
  assert.equal(reports[0][0], 1);
  assert.ok(reports.at(-1)[1] <= 0.001);
  // The MSE computed here from run(): FANN halves the errors of symmetric outputs.
  let sum = 0;
  XOR_IN.forEach((input, i) => {
    const [out] = net.run(input);
    assert.equal(Math.sign(out), XOR_OUT[i][0], `XOR(${input}) = ${out}`);
    assert.ok(Math.abs(out - XOR_OUT[i][0]) < 0.2, `XOR(${input}) = ${out}`);
    sum += ((out - XOR_OUT[i][0]) / 2) ** 2;
  });
  const result = net.test(data);
  assert.equal(result.samples, 4);
  assert.equal(result.bitFail, 0);
  close(result.mse, sum / 4, 1e-6, 'test().mse against the MSE of run()');
  close(net.mse, result.mse, 1e-9, 'the mse getter');
  assert.equal(net.bitFail, 0);
  net.resetMse();
  assert.equal(net.mse, 0);
  // runBatch is run on each sample.
  const batch = net.runBatch(XOR_IN.flat());
  XOR_IN.forEach((input, i) => close(batch[i], net.run(input)[0], 1e-6, `runBatch[${i}]`));
  net.free();
  data.free();
});

test('neural: every training algorithm learns XOR', () => {
  const data = TrainingData.fromArrays(XOR_IN, XOR_OUT);
  for (const algorithm of ['rprop', 'quickprop', 'sarprop', 'batch', 'adam']) {
    const net = new NeuralNetwork([2, 3, 1], {
      hiddenActivation: 'sigmoid_symmetric', outputActivation: 'sigmoid_symmetric', seed: 3, algorithm,
    });
    const before = net.test(data).mse;
    net.train(data, { maxEpochs: 5000, desiredError: 0.002 });
    const after = net.test(data);
    assert.ok(after.mse < 0.01 && after.mse < before, `${algorithm}: MSE ${before} -> ${after.mse}`);
    XOR_IN.forEach((input, i) => assert.equal(Math.sign(net.run(input)[0]), XOR_OUT[i][0], `${algorithm}: XOR(${input})`));
    net.free();
  }
  // Stop on bit fails: training ends as soon as no output is off by the bit-fail limit.
  const net = new NeuralNetwork([2, 3, 1], { hiddenActivation: 'tanh', outputActivation: 'tanh', seed: 3 });
  net.train(data, { maxEpochs: 5000, desiredError: 0, stopFunction: 'bit', bitFailLimit: 0.35 });
  assert.equal(net.test(data).bitFail, 0);
  assert.equal(net.getTrainingParams().stopFunction, StopFunction.Bit);
  net.free();
  data.free();
});

test('neural: the progress callback can stop training', () => {
  const data = TrainingData.fromArrays(XOR_IN, XOR_OUT);
  const net = new NeuralNetwork([2, 3, 1], { seed: 1 });
  const epochs = [];
  net.train(data, { maxEpochs: 1000, desiredError: 0, epochsBetweenReports: 10 }, (epoch) => {
    epochs.push(epoch);
    return epoch < 20;
  });
  assert.deepEqual(epochs, [1, 10, 20]);
  net.free();
  data.free();
});

test('neural: run() matches a forward pass computed in JavaScript', () => {
  const net = new NeuralNetwork([3, 4, 2], {
    hiddenActivation: ActivationFunction.SigmoidSymmetric, hiddenSteepness: 0.7,
    outputActivation: 'sigmoid', outputSteepness: 0.5, seed: 11,
  });
  net.randomizeWeights(-1, 1, 5);
  for (const input of [[0, 0, 0], [0.5, -0.25, 1], [-3, 2, 0.1]]) {
    const out = net.run(input);
    forward(net, input).forEach((v, i) => close(out[i], v, 1e-5, `output ${i} of [${input}]`));
  }
  // Per-layer and per-neuron settings are used by the forward pass.
  net.setActivationFunctionLayer(1, ActivationFunction.Elliot);
  net.setActivationSteepnessLayer(1, 0.3);
  net.setActivationFunction(2, 1, ActivationFunction.Linear);
  net.setActivationSteepness(2, 1, 2);
  assert.equal(net.getActivationFunction(1, 3), ActivationFunction.Elliot);
  assert.equal(net.getActivationFunction(2, 0), ActivationFunction.Sigmoid);
  assert.equal(net.getActivationFunction(2, 1), ActivationFunction.Linear);
  close(net.getActivationSteepness(1, 0), 0.3, 1e-7, 'steepness');
  close(net.getActivationSteepness(2, 1), 2, 1e-7, 'steepness');
  const input = [0.5, -0.25, 1];
  net.run(input).forEach((v, i) => close(v, forward(net, input)[i], 1e-5, `output ${i}`));
  net.setActivationFunctionHidden(ActivationFunction.Gaussian);
  net.setActivationSteepnessHidden(0.9);
  net.setActivationFunctionOutput(ActivationFunction.ElliotSymmetric);
  net.setActivationSteepnessOutput(1.5);
  assert.deepEqual(net.info().layers.map((l) => l.activationFunctions),
    [[], [ActivationFunction.Gaussian], [ActivationFunction.ElliotSymmetric]]);
  net.run(input).forEach((v, i) => close(v, forward(net, input)[i], 1e-5, `output ${i}`));
  net.free();
});

test('neural: structure, weights and connections', () => {
  const net = new NeuralNetwork(new Uint32Array([2, 3, 1]), { seed: 1 });
  assert.equal(net.numInputs, 2);
  assert.equal(net.numOutputs, 1);
  assert.deepEqual(Array.from(net.layerSizes()), [2, 3, 1]);
  assert.equal(net.totalConnections, (2 + 1) * 3 + (3 + 1) * 1);
  const info = net.info();
  assert.deepEqual(info.layerSizes, [2, 3, 1]);
  assert.equal(info.networkType, 'standard');
  assert.equal(info.totalConnections, 13);
  assert.equal(info.trainingAlgorithm, TrainingAlgorithm.Rprop);
  assert.equal(info.hasScaling, false);
  const weights = Float32Array.from({ length: 13 }, (_, i) => (i - 6) / 10);
  net.setWeights(weights);
  assert.deepEqual(Array.from(net.getWeights()), Array.from(weights));
  const connections = net.getConnections();
  assert.equal(connections.length, 13);
  connections.forEach((c, i) => assert.equal(c.weight, weights[i]));
  const { fromNeuron, toNeuron } = connections[4];
  net.setWeight(fromNeuron, toNeuron, 0.25);
  assert.equal(net.getConnections()[4].weight, 0.25);
  assert.equal(net.getWeights()[4], 0.25);
  net.randomizeWeights(-0.1, 0.1, 42);
  const first = Array.from(net.getWeights());
  assert.ok(first.every((w) => w >= -0.1 && w < 0.1));
  net.randomizeWeights(-0.1, 0.1, 42);
  assert.deepEqual(Array.from(net.getWeights()), first, 'the same seed gives the same weights');
  const data = TrainingData.fromArrays([[0, 10], [5, -10]], [[0], [1]]);
  net.initWeights(data);
  assert.notDeepEqual(Array.from(net.getWeights()), first);
  assert.ok(Array.from(net.getWeights()).every(Number.isFinite));
  // A sparse and a shortcut network.
  const sparse = new NeuralNetwork([4, 8, 2], { connectionRate: 0.5, seed: 2 });
  assert.ok(sparse.totalConnections < (4 + 1) * 8 + (8 + 1) * 2);
  assert.equal(sparse.info().connectionRate, 0.5);
  const shortcut = new NeuralNetwork([2, 2, 1], { topology: 'shortcut', seed: 2 });
  assert.equal(shortcut.info().networkType, 'shortcut');
  assert.ok(shortcut.totalConnections > (2 + 1) * 2 + (2 + 1) * 1);
  for (const x of [net, data, sparse, shortcut]) x.free();
});

test('neural: training parameters', () => {
  const net = new NeuralNetwork([2, 2, 1], { learningRate: 0.3 });
  const params = net.getTrainingParams();
  assert.equal(params.algorithm, TrainingAlgorithm.Rprop);
  close(params.learningRate, 0.3, 1e-7, 'learningRate');
  assert.equal(params.errorFunction, ErrorFunction.Tanh);
  close(params.rpropDeltaMax, 50, 0, 'rpropDeltaMax');
  net.setTrainingParams({ algorithm: 'quickprop', learningMomentum: 0.4, errorFunction: ErrorFunction.Linear });
  const changed = net.getTrainingParams();
  assert.equal(changed.algorithm, TrainingAlgorithm.Quickprop);
  close(changed.learningMomentum, 0.4, 1e-7, 'learningMomentum');
  assert.equal(changed.errorFunction, ErrorFunction.Linear);
  assert.equal(net.trainingAlgorithm, TrainingAlgorithm.Quickprop);
  net.trainingAlgorithm = TrainingAlgorithm.Adam;
  assert.equal(net.getTrainingParams().algorithm, TrainingAlgorithm.Adam);
  // A rejected change changes nothing.
  assert.throws(() => net.setTrainingParams({ learningRate: 0.5, adamBeta1: 2 }));
  close(net.getTrainingParams().learningRate, 0.3, 1e-7, 'learningRate after a rejected change');
  net.free();
});

test('neural: trainSample and trainEpoch move the outputs toward the targets', () => {
  const net = new NeuralNetwork([2, 4, 1], { hiddenActivation: 'tanh', outputActivation: 'tanh', seed: 9 });
  const before = Math.abs(net.run([1, -1])[0] - 0.8);
  for (let i = 0; i < 20; i++) net.trainSample([1, -1], [0.8]);
  const after = Math.abs(net.run([1, -1])[0] - 0.8);
  assert.ok(after < before / 2, `|error| ${before} -> ${after}`);
  const data = TrainingData.fromArrays(XOR_IN, XOR_OUT);
  const first = net.trainEpoch(data);
  let last = first;
  for (let i = 0; i < 300; i++) last = net.trainEpoch(data);
  assert.ok(last < first, `epoch MSE ${first} -> ${last}`);
  net.free();
  data.free();
});

test('neural: FANN .net text round trip and clone', () => {
  const net = new NeuralNetwork([3, 5, 2], { hiddenActivation: 'elliot_symmetric', seed: 4 });
  net.randomizeWeights(-0.5, 0.5, 4);
  const text = net.toFann();
  assert.match(text, /^FANN_FLO_2\.1\n/);
  assert.match(text, /layer_sizes=4 6 3 /);
  const back = NeuralNetwork.fromFann(text);
  assert.equal(back.toFann(), text);
  const copy = net.clone();
  for (const input of [[0.1, 0.2, 0.3], [-1, 0, 1]]) {
    assert.deepEqual(Array.from(back.run(input)), Array.from(net.run(input)));
    assert.deepEqual(Array.from(copy.run(input)), Array.from(net.run(input)));
  }
  copy.setWeights(new Float32Array(copy.totalConnections));
  assert.notDeepEqual(Array.from(net.getWeights()), Array.from(copy.getWeights()), 'the clone is independent');
  for (const x of [net, back, copy]) x.free();
});

test('neural: scaling parameters', () => {
  const data = TrainingData.fromArrays([[1, 100], [3, 300], [5, 500]], [[10], [20], [30]]);
  const net = new NeuralNetwork([2, 2, 1], { seed: 1 });
  net.setScalingParams(data, -1, 1, -1, 1);
  assert.equal(net.info().hasScaling, true);
  const scaled = net.scaleInput([3, 300]);
  // The middle sample is the mean of each input column: it maps to the middle of [-1, 1].
  close(scaled[0], 0, 1e-5, 'scaled input 0');
  close(scaled[1], 0, 1e-5, 'scaled input 1');
  const low = net.scaleInput([1, 100]);
  close(low[0], low[1], 1e-5, 'columns with the same shape scale alike');
  assert.ok(low[0] < 0);
  for (const y of [10, 17.5, 30]) close(net.descaleOutput(net.scaleOutput([y]))[0], y, 1e-3, `descale(scale(${y}))`);
  net.clearScalingParams();
  assert.equal(net.info().hasScaling, false);
  assert.throws(() => net.scaleInput([1, 2]), /scaling/);
  net.free();
  data.free();
});

test('neural: TrainingData operations', () => {
  const flat = new TrainingData([1, 2, 3, 4, 5, 6], [10, 20, 30], 2, 1);
  const rows = TrainingData.fromArrays([[1, 2], [3, 4], [5, 6]], [[10], [20], [30]]);
  const text = TrainingData.fromFann('3 2 1\n1 2\n10\n3 4\n20\n5 6\n30\n');
  for (const d of [flat, rows, text]) {
    assert.equal(d.length, 3);
    assert.equal(d.numInputs, 2);
    assert.equal(d.numOutputs, 1);
    assert.deepEqual(Array.from(d.inputs()), [1, 2, 3, 4, 5, 6]);
    assert.deepEqual(Array.from(d.outputs()), [10, 20, 30]);
  }
  assert.equal(flat.toFann(), '3 2 1\n1 2\n10\n3 4\n20\n5 6\n30\n');
  assert.deepEqual(Array.from(flat.getInput(1)), [3, 4]);
  assert.deepEqual(Array.from(flat.getOutput(2)), [30]);
  const sub = flat.subset(1, 2);
  assert.deepEqual(Array.from(sub.inputs()), [3, 4, 5, 6]);
  const merged = flat.merge(sub);
  assert.equal(merged.length, 5);
  assert.deepEqual(Array.from(merged.outputs()), [10, 20, 30, 20, 30]);
  // shuffle permutes whole samples, reproducibly for a seed.
  const big = TrainingData.fromArrays(Array.from({ length: 50 }, (_, i) => [i, -i]), Array.from({ length: 50 }, (_, i) => [i * 10]));
  const other = TrainingData.fromFann(big.toFann());
  big.shuffle(12);
  other.shuffle(12);
  assert.deepEqual(Array.from(big.inputs()), Array.from(other.inputs()));
  assert.notDeepEqual(Array.from(big.inputs()), Array.from({ length: 50 }, (_, i) => [i, -i]).flat());
  const pairs = Array.from({ length: 50 }, (_, i) => [big.getInput(i)[0], big.getInput(i)[1], big.getOutput(i)[0]]);
  for (const [a, b, y] of pairs) assert.deepEqual([b, y], [-a, a * 10]);
  assert.deepEqual(pairs.map((p) => p[0]).sort((a, b) => a - b), Array.from({ length: 50 }, (_, i) => i));
  // Scaling maps all inputs (or outputs) linearly from their overall range onto [min, max].
  const scaled = TrainingData.fromArrays([[1, 5], [3, 7], [2, 2]], [[10], [20], [30]]);
  scaled.scaleInput(-1, 1);
  Array.from(scaled.inputs()).forEach((v, i) => close(v, ([1, 5, 3, 7, 2, 2][i] - 1) / 6 * 2 - 1, 1e-6, `input ${i}`));
  scaled.scaleOutput(0, 1);
  assert.deepEqual(Array.from(scaled.outputs()), [0, 0.5, 1]);
  scaled.scale(0, 2);
  close(Math.min(...scaled.inputs()), 0, 1e-6, 'min input');
  close(Math.max(...scaled.inputs()), 2, 1e-6, 'max input');
  assert.deepEqual(Array.from(scaled.outputs()), [0, 1, 2]);
  for (const d of [flat, rows, text, sub, merged, big, other, scaled]) d.free();
});

test('neural: DenseMatrix and the kernel self-check', () => {
  const rows = 5;
  const cols = 7;
  const a = Float32Array.from({ length: rows * cols }, (_, i) => Math.sin(i));
  const x = Float32Array.from({ length: cols }, (_, i) => Math.cos(i));
  const m = new DenseMatrix(rows, cols, a);
  assert.equal(m.rows, rows);
  assert.equal(m.cols, cols);
  const y = m.mulVec(x);
  for (let r = 0; r < rows; r++) {
    let s = 0;
    for (let c = 0; c < cols; c++) s += a[r * cols + c] * x[c];
    close(y[r], s, 1e-5, `row ${r}`);
  }
  m.free();
  const check = neural.kernelSelfCheck(7);
  assert.equal(check.simd, true);
  assert.ok(check.maxRelativeDifference < 1e-4, `max difference ${check.maxRelativeDifference}`);
  assert.ok(check.kernels.some((k) => k.name === 'matvec'));
  assert.deepEqual(neural.kernelSelfCheck(7), check);
  assert.equal(neural.kernelSelfCheck().simd, true);
});

// ----------------------------------------------------------------------------------------------
// Bad input
// ----------------------------------------------------------------------------------------------

const ref = new DenseMatrix(2, 2, [1, 2, 3, 4]);
const refNet = new NeuralNetwork([2, 3, 1], { seed: 5 });
const refOut = Array.from(refNet.run([0.5, -0.5]));
const sanity = () => {
  assert.deepEqual(Array.from(ref.mulVec([1, 1])), [3, 7]);
  const fresh = new NeuralNetwork([2, 3, 1], { seed: 5 });
  assert.deepEqual(Array.from(fresh.run([0.5, -0.5])), refOut);
  fresh.free();
  assert.deepEqual(Array.from(refNet.run([0.5, -0.5])), refOut);
};

const net = new NeuralNetwork([2, 3, 1], { seed: 1 });
const data = TrainingData.fromArrays(XOR_IN, XOR_OUT);
const wide = TrainingData.fromArrays([[1, 2, 3]], [[1]]);
const freedNet = new NeuralNetwork([2, 1]);
freedNet.free();
const freedData = TrainingData.fromArrays([[1]], [[1]]);
freedData.free();
const freedMatrix = new DenseMatrix(1, 1, [1]);
freedMatrix.free();
const foreign = (cls, name) => () => Reflect.apply(Object.getOwnPropertyDescriptor(cls.prototype, name).get, {}, []);
const NET_TEXT = refNet.toFann();

const freedCases = (what, calls) => calls.map(([label, call]) => [`${label} on a freed ${what}`, call, /null pointer/]);

const table = {
  ActivationFunction: { bad: [
    ['99 as an activation function', () => net.setActivationFunctionHidden(99), /enum/],
    ['a name where the enum value is needed', () => net.setActivationFunctionOutput('sigmoid'), /enum/],
    ['an unknown name in options', () => new NeuralNetwork([2, 1], { hiddenActivation: 'softmax' }), /softmax/],
  ] },
  TrainingAlgorithm: { bad: [
    ['99 as an algorithm', () => { net.trainingAlgorithm = 99; }, /enum/],
    ['an unknown name', () => net.setTrainingParams({ algorithm: 'lbfgs' }), /lbfgs/],
  ] },
  ErrorFunction: { bad: [
    ['7 as an error function', () => net.setTrainingParams({ errorFunction: 7 })],
    ['an unknown name', () => net.setTrainingParams({ errorFunction: 'huber' }), /huber/],
  ] },
  StopFunction: { bad: [
    ['5 as a stop function', () => net.setTrainingParams({ stopFunction: 5 })],
    ['an unknown name', () => net.train(data, { stopFunction: 'never' }), /never/],
  ] },
  activationFunctionName: { bad: [
    ['99', () => neural.activationFunctionName(99), /enum/],
    ['-1', () => neural.activationFunctionName(-1), /enum/],
    ['a string', () => neural.activationFunctionName('linear'), /enum/],
    ['undefined', () => neural.activationFunctionName(), /enum/],
  ] },
  kernelSelfCheck: { bad: [
    ['a NaN seed', () => neural.kernelSelfCheck(NaN), /seed/],
    ['a negative seed', () => neural.kernelSelfCheck(-1), /seed/],
    ['a fractional seed', () => neural.kernelSelfCheck(1.5), /seed/],
    ['a string seed', () => neural.kernelSelfCheck('x'), /seed/],
  ] },
  version: { noInput: 'takes no arguments', call: () => neural.version(1, 2), check: (v) => assert.match(v, /^\d+\.\d+\.\d+/) },
  memoryUsage: { noInput: 'takes no arguments', call: () => neural.memoryUsage('x'), check: (v) => assert.ok(v >= 65536) },
  simdEnabled: { noInput: 'takes no arguments', call: () => neural.simdEnabled(false), check: (v) => assert.equal(v, true) },

  DenseMatrix: { bad: [
    ['0 rows', () => new DenseMatrix(0, 2, []), /row/],
    ['too few values', () => new DenseMatrix(2, 2, [1, 2, 3]), /needs 4 values/],
    ['a NaN value', () => new DenseMatrix(1, 2, [1, NaN]), /NaN/],
    ['an infinite value', () => new DenseMatrix(1, 1, [Infinity]), /inf/i],
    ['NaN rows', () => new DenseMatrix(NaN, 1, [1]), /rows/],
    ['fractional columns', () => new DenseMatrix(1, 1.5, [1]), /cols/],
    ['data not an array', () => new DenseMatrix(1, 1, 42)],
    ['null data', () => new DenseMatrix(1, 1, null)],
  ] },
  'DenseMatrix#mulVec': { bad: [
    ['a short vector', () => ref.mulVec([1]), /columns/],
    ['a NaN entry', () => ref.mulVec([1, NaN]), /NaN|finite/],
    ['a string', () => ref.mulVec('ab'), /NaN|finite/],
    ...freedCases('matrix', [['mulVec', () => freedMatrix.mulVec([1])]]),
  ] },
  'DenseMatrix#rows': { bad: [...freedCases('matrix', [['rows', () => freedMatrix.rows]]), ['on a foreign object', foreign(DenseMatrix, 'rows')]] },
  'DenseMatrix#cols': { bad: [...freedCases('matrix', [['cols', () => freedMatrix.cols]]), ['on a foreign object', foreign(DenseMatrix, 'cols')]] },
  'DenseMatrix#free': { bad: freedCases('matrix', [['free', () => freedMatrix.free()]]) },
  'DenseMatrix#[Symbol.dispose]': { bad: freedCases('matrix', [['dispose', () => freedMatrix[Symbol.dispose]()]]) },

  TrainingData: { bad: [
    ['inputs not a multiple of numInputs', () => new TrainingData([1, 2, 3], [1], 2, 1)],
    ['outputs for a different sample count', () => new TrainingData([1, 2], [1, 2], 2, 1), /mismatch|samples/],
    ['numInputs 0', () => new TrainingData([], [1], 0, 1)],
    ['numInputs NaN', () => new TrainingData([1], [1], NaN, 1), /numInputs/],
    ['numOutputs 1.5', () => new TrainingData([1], [1], 1, 1.5), /numOutputs/],
    ['a NaN input', () => new TrainingData([NaN], [1], 1, 1), /NaN|finite/],
    ['inputs as a number', () => new TrainingData(42, [1], 1, 1)],
    ['null outputs', () => new TrainingData([1], null, 1, 1)],
  ] },
  'TrainingData.fromArrays': { bad: [
    ['different sample counts', () => TrainingData.fromArrays([[1], [2]], [[1]])],
    ['ragged rows', () => TrainingData.fromArrays([[1, 2], [3]], [[1], [2]])],
    ['a NaN', () => TrainingData.fromArrays([[NaN]], [[1]]), /NaN/],
    ['a string entry', () => TrainingData.fromArrays([['a']], [[1]]), /inputs/],
    ['a flat array', () => TrainingData.fromArrays([1, 2], [1, 2]), /inputs/],
    ['null', () => TrainingData.fromArrays(null, [[1]]), /inputs/],
    ['no samples', () => TrainingData.fromArrays([], [])],
  ] },
  'TrainingData.fromFann': { bad: [
    ['a number', () => TrainingData.fromFann(42), /text must be a string/],
    ['undefined', () => TrainingData.fromFann(), /text must be a string/],
    ['garbage text', () => TrainingData.fromFann('x'), /parse error/],
    ['a truncated file', () => TrainingData.fromFann('2 2 1\n1 2\n0\n'), /ends before/],
    ['a non-number value', () => TrainingData.fromFann('1 2 1\n1 x\n0\n'), /not a number/],
    ['a header promising too much', () => TrainingData.fromFann('4000000000 1 1\n1\n1\n'), /header/],
  ] },
  'TrainingData#toFann': { bad: freedCases('data set', [['toFann', () => freedData.toFann()]]) },
  'TrainingData#length': { bad: [...freedCases('data set', [['length', () => freedData.length]]), ['on a foreign object', foreign(TrainingData, 'length')]] },
  'TrainingData#numInputs': { bad: [...freedCases('data set', [['numInputs', () => freedData.numInputs]]), ['on a foreign object', foreign(TrainingData, 'numInputs')]] },
  'TrainingData#numOutputs': { bad: [...freedCases('data set', [['numOutputs', () => freedData.numOutputs]]), ['on a foreign object', foreign(TrainingData, 'numOutputs')]] },
  'TrainingData#inputs': { bad: freedCases('data set', [['inputs', () => freedData.inputs()]]) },
  'TrainingData#outputs': { bad: freedCases('data set', [['outputs', () => freedData.outputs()]]) },
  'TrainingData#getInput': { bad: [
    ['an index past the end', () => data.getInput(4), /does not exist/],
    ['-1', () => data.getInput(-1), /index/],
    ['NaN', () => data.getInput(NaN), /index/],
    ['1.5', () => data.getInput(1.5), /index/],
    ...freedCases('data set', [['getInput', () => freedData.getInput(0)]]),
  ] },
  'TrainingData#getOutput': { bad: [
    ['an index past the end', () => data.getOutput(4), /does not exist/],
    ['NaN', () => data.getOutput(NaN), /index/],
    ['a string', () => data.getOutput('first'), /index/],
    ...freedCases('data set', [['getOutput', () => freedData.getOutput(0)]]),
  ] },
  'TrainingData#shuffle': { bad: [
    ['a NaN seed', () => data.shuffle(NaN), /seed/],
    ['a negative seed', () => data.shuffle(-3), /seed/],
    ['a seed above 2^32', () => data.shuffle(2 ** 40), /seed/],
    ...freedCases('data set', [['shuffle', () => freedData.shuffle(1)]]),
  ] },
  'TrainingData#scaleInput': { bad: [
    ['min > max', () => data.scaleInput(1, -1), /range/],
    ['NaN', () => data.scaleInput(NaN, 1), /range|NaN/],
    ...freedCases('data set', [['scaleInput', () => freedData.scaleInput(0, 1)]]),
  ] },
  'TrainingData#scaleOutput': { bad: [
    ['min > max', () => data.scaleOutput(2, 1), /range/],
    ['Infinity', () => data.scaleOutput(0, Infinity), /range|inf/i],
    ...freedCases('data set', [['scaleOutput', () => freedData.scaleOutput(0, 1)]]),
  ] },
  'TrainingData#scale': { bad: [
    ['min > max', () => data.scale(1, 0), /range/],
    ['a string', () => data.scale('a', 1), /range|NaN/],
    ...freedCases('data set', [['scale', () => freedData.scale(0, 1)]]),
  ] },
  'TrainingData#merge': { bad: [
    ['a data set of another shape', () => data.merge(wide)],
    ['a network', () => data.merge(net), /TrainingData/],
    ['a plain object', () => data.merge({}), /TrainingData/],
    ['a freed data set', () => data.merge(freedData), /null pointer/],
    ...freedCases('data set', [['merge', () => freedData.merge(data)]]),
  ] },
  'TrainingData#subset': { bad: [
    ['a range past the end', () => data.subset(3, 2), /outside/],
    ['NaN', () => data.subset(NaN, NaN), /position/],
    ['a fractional length', () => data.subset(0, 1.5), /length/],
    ...freedCases('data set', [['subset', () => freedData.subset(0, 1)]]),
  ] },
  'TrainingData#free': { bad: freedCases('data set', [['free', () => freedData.free()]]) },
  'TrainingData#[Symbol.dispose]': { bad: freedCases('data set', [['dispose', () => freedData[Symbol.dispose]()]]) },

  NeuralNetwork: { bad: [
    ['one layer', () => new NeuralNetwork([2]), /2 layers/],
    ['a zero-sized layer', () => new NeuralNetwork([2, 0, 1]), /layers\[1\]/],
    ['a NaN layer size', () => new NeuralNetwork([2, NaN]), /layers\[1\]/],
    ['a fractional layer size', () => new NeuralNetwork([2.5, 1]), /layers\[0\]/],
    ['a string layer size', () => new NeuralNetwork(['2', 1]), /layers\[0\]/],
    ['layers as a number', () => new NeuralNetwork(3), /layers/],
    ['too many connections', () => new NeuralNetwork([65535, 65535, 65535]), /connections/],
    ['an unknown option', () => new NeuralNetwork([2, 1], { learnRate: 0.1 }), /unknown field `learnRate`/],
    ['an unknown topology', () => new NeuralNetwork([2, 1], { topology: 'ring' }), /topology/],
    ['connectionRate 0', () => new NeuralNetwork([2, 1], { connectionRate: 0 })],
    ['options as a string', () => new NeuralNetwork([2, 1], 'fast'), /object/],
    ['a negative seed', () => new NeuralNetwork([2, 1], { seed: -1 })],
  ] },
  'NeuralNetwork.fromFann': { bad: [
    ['a number', () => NeuralNetwork.fromFann(42), /text must be a string/],
    ['null', () => NeuralNetwork.fromFann(null), /text must be a string/],
    ['garbage text', () => NeuralNetwork.fromFann('hello'), /first line/],
    ['a truncated file', () => NeuralNetwork.fromFann(NET_TEXT.slice(0, NET_TEXT.length / 2)), /parse error/],
    ['a zero-sized layer', () => NeuralNetwork.fromFann(NET_TEXT.replace('layer_sizes=3 4 2', 'layer_sizes=3 0 2')), /parse error/],
    ['a bad weight', () => NeuralNetwork.fromFann(NET_TEXT.replace(/\(0, [-0-9.e+]+\)/, '(0, x)')), /weight/],
  ] },
  'NeuralNetwork#toFann': { bad: freedCases('network', [['toFann', () => freedNet.toFann()]]) },
  'NeuralNetwork#clone': { bad: freedCases('network', [['clone', () => freedNet.clone()]]) },
  'NeuralNetwork#run': { bad: [
    ['too few inputs', () => net.run([1]), /2 inputs/],
    ['too many inputs', () => net.run([1, 2, 3]), /2 inputs/],
    ['a NaN input', () => net.run([NaN, 1]), /NaN/],
    ['an infinite input', () => net.run([1, -Infinity]), /inf/i],
    ['a number', () => net.run(42)],
    ['undefined', () => net.run()],
    ...freedCases('network', [['run', () => freedNet.run([1, 2])]]),
  ] },
  'NeuralNetwork#runBatch': { bad: [
    ['not a multiple of the inputs', () => net.runBatch([1, 2, 3]), /multiple|inputs/],
    ['a NaN', () => net.runBatch([1, 2, NaN, 4]), /NaN/],
    ...freedCases('network', [['runBatch', () => freedNet.runBatch([1, 2])]]),
  ] },
  'NeuralNetwork#train': { bad: [
    ['a data set of another shape', () => net.train(wide), /input|size/],
    ['not a data set', () => net.train([[0, 0]]), /TrainingData/],
    ['an unknown option', () => net.train(data, { epochs: 10 }), /unknown field `epochs`/],
    ['maxEpochs NaN', () => net.train(data, { maxEpochs: NaN }), /NaN/],
    ['maxEpochs -1', () => net.train(data, { maxEpochs: -1 })],
    ['a negative learning rate', () => net.train(data, { learningRate: -1 }), /learning/i],
    ['a progress callback that is not a function', () => net.train(data, {}, 5), /function/],
    ['a progress callback that throws', () => net.train(data, { maxEpochs: 5 }, () => { throw new Error('stop here'); }), /stop here/],
    ['a freed data set', () => net.train(freedData), /null pointer/],
    ...freedCases('network', [['train', () => freedNet.train(data)]]),
  ] },
  'NeuralNetwork#trainEpoch': { bad: [
    ['a data set of another shape', () => net.trainEpoch(wide)],
    ['not a data set', () => net.trainEpoch({}), /TrainingData/],
    ...freedCases('network', [['trainEpoch', () => freedNet.trainEpoch(data)]]),
  ] },
  'NeuralNetwork#trainSample': { bad: [
    ['too few inputs', () => net.trainSample([1], [1]), /inputs/],
    ['too many outputs', () => net.trainSample([1, 2], [1, 2]), /output/],
    ['a NaN target', () => net.trainSample([1, 2], [NaN]), /NaN/],
    ...freedCases('network', [['trainSample', () => freedNet.trainSample([1, 2], [1])]]),
  ] },
  'NeuralNetwork#test': { bad: [
    ['a data set of another shape', () => net.test(wide)],
    ['null', () => net.test(null)],
    ...freedCases('network', [['test', () => freedNet.test(data)]]),
  ] },
  'NeuralNetwork#mse': { bad: [...freedCases('network', [['mse', () => freedNet.mse]]), ['on a foreign object', foreign(NeuralNetwork, 'mse')]] },
  'NeuralNetwork#bitFail': { bad: [...freedCases('network', [['bitFail', () => freedNet.bitFail]]), ['on a foreign object', foreign(NeuralNetwork, 'bitFail')]] },
  'NeuralNetwork#resetMse': { bad: freedCases('network', [['resetMse', () => freedNet.resetMse()]]) },
  'NeuralNetwork#getWeights': { bad: freedCases('network', [['getWeights', () => freedNet.getWeights()]]) },
  'NeuralNetwork#setWeights': { bad: [
    ['too few weights', () => net.setWeights([1, 2]), /13|weights|connections/],
    ['a NaN weight', () => net.setWeights(new Array(net.totalConnections).fill(NaN)), /NaN/],
    ...freedCases('network', [['setWeights', () => freedNet.setWeights([1, 2, 3])]]),
  ] },
  'NeuralNetwork#getConnections': { bad: freedCases('network', [['getConnections', () => freedNet.getConnections()]]) },
  'NeuralNetwork#setWeight': { bad: [
    ['no such connection', () => net.setWeight(0, 1, 1), /no connection/],
    ['a NaN neuron', () => net.setWeight(NaN, 3, 1), /from/],
    ['a NaN weight', () => net.setWeight(0, 3, NaN), /NaN/],
    ...freedCases('network', [['setWeight', () => freedNet.setWeight(0, 3, 1)]]),
  ] },
  'NeuralNetwork#randomizeWeights': { bad: [
    ['min > max', () => net.randomizeWeights(1, -1), /greater/],
    ['a NaN bound', () => net.randomizeWeights(NaN, 1), /NaN/],
    ['a NaN seed', () => net.randomizeWeights(0, 1, NaN), /seed/],
    ['a fractional seed', () => net.randomizeWeights(0, 1, 0.5), /seed/],
    ...freedCases('network', [['randomizeWeights', () => freedNet.randomizeWeights(0, 1)]]),
  ] },
  'NeuralNetwork#initWeights': { bad: [
    ['a data set of another shape', () => net.initWeights(wide)],
    ['not a data set', () => net.initWeights('xor'), /TrainingData/],
    ...freedCases('network', [['initWeights', () => freedNet.initWeights(data)]]),
  ] },
  'NeuralNetwork#numInputs': { bad: [...freedCases('network', [['numInputs', () => freedNet.numInputs]]), ['on a foreign object', foreign(NeuralNetwork, 'numInputs')]] },
  'NeuralNetwork#numOutputs': { bad: [...freedCases('network', [['numOutputs', () => freedNet.numOutputs]]), ['on a foreign object', foreign(NeuralNetwork, 'numOutputs')]] },
  'NeuralNetwork#totalConnections': { bad: [...freedCases('network', [['totalConnections', () => freedNet.totalConnections]]), ['on a foreign object', foreign(NeuralNetwork, 'totalConnections')]] },
  'NeuralNetwork#trainingAlgorithm': { bad: [
    ['an out-of-range value', () => { net.trainingAlgorithm = 6; }, /enum/],
    ['a name', () => { net.trainingAlgorithm = 'rprop'; }, /enum/],
    ...freedCases('network', [['trainingAlgorithm', () => freedNet.trainingAlgorithm]]),
    ['set on a freed network', () => { freedNet.trainingAlgorithm = TrainingAlgorithm.Rprop; }, /null pointer/],
  ] },
  'NeuralNetwork#layerSizes': { bad: freedCases('network', [['layerSizes', () => freedNet.layerSizes()]]) },
  'NeuralNetwork#info': { bad: freedCases('network', [['info', () => freedNet.info()]]) },
  'NeuralNetwork#getActivationFunction': { bad: [
    ['the input layer', () => net.getActivationFunction(0, 0), /layer/],
    ['a layer past the end', () => net.getActivationFunction(3, 0), /layer/],
    // FANN numbers a layer's bias neuron after its neurons: index 3 of layer 1 is valid.
    ['a neuron past the bias neuron', () => net.getActivationFunction(1, 4), /neuron/],
    ['NaN', () => net.getActivationFunction(NaN, 0), /layer/],
    ...freedCases('network', [['getActivationFunction', () => freedNet.getActivationFunction(1, 0)]]),
  ] },
  'NeuralNetwork#getActivationSteepness': { bad: [
    ['a neuron past the bias neuron', () => net.getActivationSteepness(2, 2), /neuron/],
    ['a fractional layer', () => net.getActivationSteepness(1.5, 0), /layer/],
    ...freedCases('network', [['getActivationSteepness', () => freedNet.getActivationSteepness(1, 0)]]),
  ] },
  'NeuralNetwork#setActivationFunction': { bad: [
    ['a neuron past the end', () => net.setActivationFunction(1, 9, ActivationFunction.Linear), /neuron/],
    ['the input layer', () => net.setActivationFunction(0, 0, ActivationFunction.Linear), /layer/],
    ['a bad enum value', () => net.setActivationFunction(1, 0, 42), /enum/],
    ...freedCases('network', [['setActivationFunction', () => freedNet.setActivationFunction(1, 0, 0)]]),
  ] },
  'NeuralNetwork#setActivationFunctionLayer': { bad: [
    ['the input layer', () => net.setActivationFunctionLayer(0, ActivationFunction.Linear), /layer/],
    ['a negative layer', () => net.setActivationFunctionLayer(-1, ActivationFunction.Linear), /layer/],
    ['a bad enum value', () => net.setActivationFunctionLayer(1, 20), /enum/],
    ...freedCases('network', [['setActivationFunctionLayer', () => freedNet.setActivationFunctionLayer(1, 0)]]),
  ] },
  'NeuralNetwork#setActivationFunctionHidden': { bad: [
    ['a bad enum value', () => net.setActivationFunctionHidden(-1), /enum/],
    ...freedCases('network', [['setActivationFunctionHidden', () => freedNet.setActivationFunctionHidden(0)]]),
  ] },
  'NeuralNetwork#setActivationFunctionOutput': { bad: [
    ['a bad enum value', () => net.setActivationFunctionOutput(1.5), /enum/],
    ...freedCases('network', [['setActivationFunctionOutput', () => freedNet.setActivationFunctionOutput(0)]]),
  ] },
  'NeuralNetwork#setActivationSteepness': { bad: [
    ['a NaN steepness', () => net.setActivationSteepness(1, 0, NaN), /NaN/],
    ['a neuron past the end', () => net.setActivationSteepness(1, 7, 0.5), /neuron/],
    ...freedCases('network', [['setActivationSteepness', () => freedNet.setActivationSteepness(1, 0, 0.5)]]),
  ] },
  'NeuralNetwork#setActivationSteepnessLayer': { bad: [
    ['an infinite steepness', () => net.setActivationSteepnessLayer(1, Infinity), /inf/i],
    ['a layer past the end', () => net.setActivationSteepnessLayer(5, 0.5), /layer/],
    ...freedCases('network', [['setActivationSteepnessLayer', () => freedNet.setActivationSteepnessLayer(1, 0.5)]]),
  ] },
  'NeuralNetwork#setActivationSteepnessHidden': { bad: [
    ['a NaN steepness', () => net.setActivationSteepnessHidden(NaN), /NaN/],
    ...freedCases('network', [['setActivationSteepnessHidden', () => freedNet.setActivationSteepnessHidden(0.5)]]),
  ] },
  'NeuralNetwork#setActivationSteepnessOutput': { bad: [
    ['a string steepness', () => net.setActivationSteepnessOutput('steep'), /NaN/],
    ...freedCases('network', [['setActivationSteepnessOutput', () => freedNet.setActivationSteepnessOutput(0.5)]]),
  ] },
  'NeuralNetwork#getTrainingParams': { bad: freedCases('network', [['getTrainingParams', () => freedNet.getTrainingParams()]]) },
  'NeuralNetwork#setTrainingParams': { bad: [
    ['undefined', () => net.setTrainingParams(), /object/],
    ['an unknown field', () => net.setTrainingParams({ learnRate: 1 }), /unknown field `learnRate`/],
    ['adamBeta1 of 1', () => net.setTrainingParams({ adamBeta1: 1 }), /adam/i],
    ['a NaN learning rate', () => net.setTrainingParams({ learningRate: NaN }), /NaN|learning/i],
    ['an array', () => net.setTrainingParams([0.7]), /object/],
    ...freedCases('network', [['setTrainingParams', () => freedNet.setTrainingParams({ learningRate: 0.1 })]]),
  ] },
  'NeuralNetwork#setScalingParams': { bad: [
    ['a data set of another shape', () => net.setScalingParams(wide, -1, 1, -1, 1)],
    ['a NaN bound', () => net.setScalingParams(data, NaN, 1, -1, 1), /NaN/],
    ['not a data set', () => net.setScalingParams({}, -1, 1, -1, 1), /TrainingData/],
    ...freedCases('network', [['setScalingParams', () => freedNet.setScalingParams(data, -1, 1, -1, 1)]]),
  ] },
  'NeuralNetwork#clearScalingParams': { bad: freedCases('network', [['clearScalingParams', () => freedNet.clearScalingParams()]]) },
  'NeuralNetwork#scaleInput': { bad: [
    ['without scaling parameters', () => net.scaleInput([1, 2]), /scaling/],
    ...freedCases('network', [['scaleInput', () => freedNet.scaleInput([1, 2])]]),
  ] },
  'NeuralNetwork#scaleOutput': { bad: [
    ['without scaling parameters', () => net.scaleOutput([1]), /scaling/],
    ...freedCases('network', [['scaleOutput', () => freedNet.scaleOutput([1])]]),
  ] },
  'NeuralNetwork#descaleOutput': { bad: [
    ['without scaling parameters', () => net.descaleOutput([1]), /scaling/],
    ...freedCases('network', [['descaleOutput', () => freedNet.descaleOutput([1])]]),
  ] },
  'NeuralNetwork#free': { bad: freedCases('network', [['free', () => freedNet.free()]]) },
  'NeuralNetwork#[Symbol.dispose]': { bad: freedCases('network', [['dispose', () => freedNet[Symbol.dispose]()]]) },
};

checkTable(test, label, neural, table, sanity, own);

test('neural: a scaled network rejects vectors of the wrong length and NaN', () => {
  const scaledNet = new NeuralNetwork([2, 2, 1], { seed: 1 });
  scaledNet.setScalingParams(data, -1, 1, -1, 1);
  for (const [label, call] of [
    ['scaleInput with 1 value', () => scaledNet.scaleInput([1])],
    ['scaleInput with NaN', () => scaledNet.scaleInput([NaN, 1])],
    ['scaleOutput with 2 values', () => scaledNet.scaleOutput([1, 2])],
    ['descaleOutput with Infinity', () => scaledNet.descaleOutput([Infinity])],
  ]) {
    assert.throws(call, (e) => e instanceof Error && !(e instanceof WebAssembly.RuntimeError) && e.message.length > 0, label);
    sanity();
  }
  scaledNet.free();
});

test('neural: memory grows by less than 1 MB over 1000 create/use/free cycles', () => {
  const growth = memoryGrowth(neural, (i) => {
    const d = TrainingData.fromArrays(XOR_IN, XOR_OUT);
    const n = new NeuralNetwork([2, 4, 1], { seed: i, hiddenActivation: 'tanh' });
    n.train(d, { maxEpochs: 5, desiredError: 0 });
    n.run([1, -1]);
    n.runBatch(XOR_IN.flat());
    n.test(d);
    const copy = NeuralNetwork.fromFann(n.toFann());
    const sub = d.subset(0, 2);
    const m = new DenseMatrix(3, 3, [1, 2, 3, 4, 5, 6, 7, 8, 9]);
    m.mulVec([1, 1, 1]);
    try { n.run([NaN, 1]); } catch { /* the error path too */ }
    for (const x of [d, n, copy, sub, m]) x.free();
  });
  assert.ok(growth < 1024 * 1024, `grew by ${growth} bytes`);
});
