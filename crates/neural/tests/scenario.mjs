// The neural module's scenario: run in every engine on every build by the package's engine tests
// (npm/tests/browser/scenarios.mjs), which require bit-identical results everywhere. No imports:
// `helpers` holds the suite's deterministic inputs (rng, floats, series), made with exact
// arithmetic so every engine sees the same bits.

/** Exercises the module's API; returns plain data (compared across engines and builds). */
export function scenario(neural, { rng, floats }) {
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
}

/** One create/use/free cycle, run 1000 times by the suite: the wasm memory must grow < 1 MB. */
export function memoryCycle(neural, i) {
  const net = new neural.NeuralNetwork([8, 16, 4], { seed: i });
  net.run(new Float32Array(8).fill(i / 1000));
  net.free();
}
