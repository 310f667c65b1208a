// The core module's benchmark kernels: //tools/bench:engines runs each on the simd128 and the
// baseline build in every engine, side by side. No imports: `helpers` holds the benchmark's
// deterministic input generators (rng, floats).
//
// Each kernel's `setup(module, helpers)` prepares its inputs on one build and returns a step
// function that runs the kernel once and returns how many operations it did.
export const kernels = [{
  name: 'findCycle: 5,000-task dependency graph',
  setup(core, { rng }) {
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
}];
