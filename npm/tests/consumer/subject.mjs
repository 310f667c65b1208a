// The module a consumer test exercises. By default the module itself; when the runner sets
// RUV_CONSUMER_VIA=<module> (a module that bundles others, e.g. unified), that module: the same
// tests (real results, bad input, memory) must pass against it unchanged.
import { load } from '@ruv/swarm-wasm';

/** The bundling module the tests run through, or null for the modules themselves. */
export const VIA = process.env.RUV_CONSUMER_VIA || null;

/**
 * Loads the module under test for module `name`: `ns` (through load()), `direct` (the same
 * module through its subpath import), `own` (the module `name` itself, whose exports the test's
 * bad-input table must cover) and `label` (for test names).
 */
export async function subject(name) {
  const source = VIA ?? name;
  const ns = await load(source);
  const direct = await import(`@ruv/swarm-wasm/${source}`);
  const own = VIA ? await load(name) : ns;
  return { ns, direct, own, label: VIA ? `${name} (via ${VIA})` : name };
}
