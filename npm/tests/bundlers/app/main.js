// A consumer app of @ruv/swarm-wasm, built by the bundler test with esbuild and with Vite, then
// run in Chromium. It imports the package's entry and a module's subpath (which instantiates
// that module on import, with top-level await) as an application would.
import * as pkg from '@ruv/swarm-wasm';
import { greet } from '@ruv/swarm-wasm/core';
import { runAll } from './scenarios.mjs';

window.pkg = pkg;
window.runAll = runAll;
window.subpathGreeting = greet('bundle');
window.__ready = true;
