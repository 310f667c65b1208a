// The forecasting module's benchmark kernels: //tools/bench:engines runs each on the simd128 and the
// baseline build in every engine, side by side. No imports: `helpers` holds the benchmark's
// deterministic input generators (rng, floats).
//
// Each kernel's `setup(module, helpers)` prepares its inputs on one build and returns a step
// function that runs the kernel once and returns how many operations it did.
export const kernels = [{
  name: 'Holt-Winters fit + 12-step forecast, 144 points',
  setup(fc, { rng }) {
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
}];
