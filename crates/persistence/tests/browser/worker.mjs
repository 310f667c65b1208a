// Dedicated-Worker entry for scenario.mjs: `new Worker(new URL('worker.mjs', ...), { type: 'module' })`
// with the package importable as '@ruv/swarm-wasm' (an import map or a bundler); posts
// `{ ok: true, result }` or `{ ok: false, error }`.
import { load } from '@ruv/swarm-wasm';
import { persistenceScenario } from './scenario.mjs';

try {
  const result = await persistenceScenario(await load('persistence'));
  self.postMessage({ ok: true, result });
} catch (error) {
  self.postMessage({ ok: false, error: `${error?.message ?? error}` });
}
