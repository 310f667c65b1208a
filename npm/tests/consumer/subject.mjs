// The module a consumer test exercises. By default the module itself; when the runner sets
// RUV_CONSUMER_VIA=unified, the unified module, which bundles every module's API: the same tests
// (real results, bad input, memory) must pass against it unchanged.
import { load } from '@ruv/swarm-wasm';

export const VIA_UNIFIED = process.env.RUV_CONSUMER_VIA === 'unified';

/**
 * Loads the module under test for module `name`: `ns` (through load()), `direct` (the same
 * module through its subpath import), `own` (the module `name` itself, whose exports the test's
 * bad-input table must cover) and `label` (for test names).
 */
export async function subject(name) {
  const source = VIA_UNIFIED ? 'unified' : name;
  const ns = await load(source);
  const direct = await import(`@ruv/swarm-wasm/${source}`);
  const own = VIA_UNIFIED ? await load(name) : ns;
  return { ns, direct, own, label: VIA_UNIFIED ? `${name} (via unified)` : name };
}
