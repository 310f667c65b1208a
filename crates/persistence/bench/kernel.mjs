// The persistence module's benchmark kernels: //tools/bench:engines runs each on the simd128 and the
// baseline build in every engine, side by side. No imports: `helpers` holds the benchmark's
// deterministic input generators (rng, floats).
//
// Each kernel's `setup(module, helpers)` prepares its inputs on one build and returns a step
// function that runs the kernel once and returns how many operations it did.
export const kernels = [{
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
