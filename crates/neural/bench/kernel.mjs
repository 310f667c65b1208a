// The neural module's benchmark kernels: //tools/bench:engines runs each on the simd128 and the
// baseline build in every engine, side by side. No imports: `helpers` holds the benchmark's
// deterministic input generators (rng, floats).
//
// Each kernel's `setup(module, helpers)` prepares its inputs on one build and returns a step
// function that runs the kernel once and returns how many operations it did.
export const kernels = [{
  name: 'run(): 784-256-128-10 sigmoid, one sample',
  setup(neural, { rng, floats }) {
    const net = new neural.NeuralNetwork([784, 256, 128, 10], { seed: 1, hiddenActivation: 'sigmoid', outputActivation: 'sigmoid' });
    const input = floats(784, rng(2));
    return () => {
      net.run(input);
      return 1;
    };
  },
}, {
  name: 'runBatch(): 784-256-128-10 sigmoid, 64 samples',
  setup(neural, { rng, floats }) {
    const net = new neural.NeuralNetwork([784, 256, 128, 10], { seed: 1, hiddenActivation: 'sigmoid', outputActivation: 'sigmoid' });
    const inputs = floats(784 * 64, rng(3));
    return () => {
      net.runBatch(inputs);
      return 64;
    };
  },
}];
