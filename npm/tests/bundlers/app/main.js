// A consumer app of @ruv/swarm-wasm, built by the bundler test with esbuild and with Vite, then
// run in Chromium. It imports the package's entry and a module's subpath (which instantiates
// that module on import, with top-level await) as an application would, and starts a module
// worker (opfs_worker.js) that keeps a persistence store on OPFS.
import * as pkg from '@ruv/swarm-wasm';
import { greet } from '@ruv/swarm-wasm/core';
import { runAll } from './scenarios.mjs';

window.pkg = pkg;
window.runAll = runAll;
window.subpathGreeting = greet('bundle');
window.__ready = true;

/** Runs one phase of opfs_worker.js in a new dedicated worker; resolves to its answer. */
window.opfs = (phase, name) => new Promise((resolve) => {
  const worker = new Worker(new URL('./opfs_worker.js', import.meta.url), { type: 'module' });
  worker.onmessage = ({ data }) => {
    // A holding worker stays alive (its store open) until the page closes.
    if (phase !== 'hold') worker.terminate();
    resolve(data);
  };
  worker.onerror = (event) => resolve({ ok: false, error: `worker failed to start: ${event.message}` });
  worker.postMessage({ phase, name });
});
