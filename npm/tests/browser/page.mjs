// The browser test's page script: the installed package through the page's import map, and the
// scenarios shared with the Node side.
import * as pkg from '@ruv/swarm-wasm';
import { runAll } from './scenarios.mjs';

window.pkg = pkg;
window.runAll = runAll;
window.__ready = true;
