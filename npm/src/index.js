// @ruv/swarm-wasm: loads the package's WebAssembly modules on demand.
//
// `await load('neural')` fetches and instantiates only the neural module, once; later calls get
// the same instance. In Node the bytes are read from the package's files; in browsers they are
// streamed with fetch + WebAssembly.instantiateStreaming from `new URL(..., import.meta.url)`,
// a pattern bundlers (Vite, esbuild, webpack) recognize and emit as assets.
import { modules, packageVersion } from './lib/modules.js';
import { wasmSource } from '#wasm-source';

/** The names of all modules, in package order. */
export const moduleNames = Object.freeze(Object.keys(modules));

/** The package version. */
export const version = packageVersion;

// A tiny module whose one function returns an `i8x16.splat` (a SIMD128 instruction): engines
// validate it exactly when they support WebAssembly SIMD.
const SIMD_PROBE = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // magic, version 1
  0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7b, // type section: () -> v128
  0x03, 0x02, 0x01, 0x00, // function section: one function of type 0
  0x0a, 0x08, 0x01, 0x06, 0x00, 0x41, 0x00, 0xfd, 0x0f, 0x0b, // code: i32.const 0; i8x16.splat
]);

let simd;
/** Whether this engine supports WebAssembly SIMD128. */
export function simdSupported() {
  if (simd === undefined) simd = WebAssembly.validate(SIMD_PROBE);
  return simd;
}

const instances = new Map();

/**
 * Loads and instantiates one module. Rejects for an unknown name (listing the known ones) and
 * when the module fails to load; never substitutes another module.
 */
export function load(name) {
  if (typeof name !== 'string' || !Object.hasOwn(modules, name)) {
    return Promise.reject(new Error(
      `Unknown module ${JSON.stringify(name)}. Known modules: ${moduleNames.join(', ')}`,
    ));
  }
  let instance = instances.get(name);
  if (!instance) {
    instance = instantiate(name);
    instances.set(name, instance);
    // A failed load is not cached: a later call may succeed (e.g. after a network error).
    instance.catch(() => instances.delete(name));
  }
  return instance;
}

async function instantiate(name) {
  const entry = modules[name];
  try {
    const glue = await entry.glue();
    await glue.default({ module_or_path: await wasmSource(entry.wasmUrl()) });
    return glue;
  } catch (error) {
    throw new Error(`Failed to load module '${name}': ${error.message}`, { cause: error });
  }
}
