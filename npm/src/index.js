// @ruv/swarm-wasm: loads the package's WebAssembly modules on demand.
//
// `await load('neural')` fetches and instantiates only the neural module, once; later calls get
// the same instance. In Node the bytes are read from the package's files; in browsers they are
// streamed with fetch + WebAssembly.instantiateStreaming from `new URL(..., import.meta.url)`,
// a pattern bundlers (Vite, esbuild, webpack) recognize and emit as assets.
//
// Every module ships two builds of the same code: `simd128` and `baseline` (no SIMD). `auto`,
// the default, takes simd128 exactly where `WebAssembly.validate` accepts a SIMD probe, so
// engines without SIMD get the baseline build, never an instantiate error; load options or
// setDefaultVariant() force either, and variantOf() tells which one a module runs.
import { modules, packageVersion } from '#modules';
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

/** The builds every module ships: with SIMD128 instructions, and without. */
export const variants = Object.freeze(['simd128', 'baseline']);
const CHOICES = [...variants, 'auto'];

let defaultChoice = 'auto';

function checkChoice(choice) {
  if (!CHOICES.includes(choice)) {
    throw new Error(`Unknown variant ${JSON.stringify(choice)}: expected one of ${CHOICES.join(', ')}`);
  }
  return choice;
}

/**
 * The build later loads pick when they do not name one ('auto': simd128 where the engine
 * supports it, else baseline), including the subpath imports (`@ruv/swarm-wasm/neural`).
 */
export function setDefaultVariant(choice) {
  defaultChoice = checkChoice(choice);
}

// name -> { variant, promise }: one instance per module (a module's glue holds one instance).
const instances = new Map();

/** The build a module was loaded as (once load() was called for it), else undefined. */
export function variantOf(name) {
  return instances.get(name)?.variant;
}

/**
 * Loads and instantiates one module. Rejects for an unknown name (listing the known ones), for a
 * bad option, and when the module fails to load; never substitutes another module or build.
 */
export function load(name, options = {}) {
  try {
    return loadChecked(name, options);
  } catch (error) {
    return Promise.reject(error);
  }
}

function loadChecked(name, options) {
  if (typeof name !== 'string' || !Object.hasOwn(modules, name)) {
    throw new Error(`Unknown module ${JSON.stringify(name)}. Known modules: ${moduleNames.join(', ')}`);
  }
  if (options === null || typeof options !== 'object') {
    throw new Error(`load('${name}', options): options must be an object, not ${options === null ? 'null' : typeof options}`);
  }
  const choice = checkChoice(options.variant ?? defaultChoice);
  const existing = instances.get(name);
  if (existing) {
    if (options.variant !== undefined && choice !== 'auto' && choice !== existing.variant) {
      throw new Error(
        `Module '${name}' is already loaded as its ${existing.variant} build; a module has one ` +
        'instance, so choose its build before the first load (load options or setDefaultVariant)',
      );
    }
    return existing.promise;
  }
  const variant = choice === 'auto' ? (simdSupported() ? 'simd128' : 'baseline') : choice;
  if (variant === 'simd128' && !simdSupported()) {
    throw new Error(`Cannot load the simd128 build of '${name}': this engine does not support WebAssembly SIMD128 (use the baseline build)`);
  }
  const promise = instantiate(name, variant);
  instances.set(name, { variant, promise });
  // A failed load is not cached: a later call may succeed (e.g. after a network error).
  promise.catch(() => instances.delete(name));
  return promise;
}

async function instantiate(name, variant) {
  const entry = modules[name];
  try {
    const glue = await entry.glue();
    await glue.default({ module_or_path: await wasmSource(entry.wasmUrl[variant]()) });
    return glue;
  } catch (error) {
    throw new Error(`Failed to load module '${name}' (${variant} build): ${error.message}`, { cause: error });
  }
}
