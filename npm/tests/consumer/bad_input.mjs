// Table-driven bad-input checks shared by the consumer tests (imported by <module>.test.mjs).
//
// A table maps every callable export of a module to the bad calls it must reject:
//   'name'              a function export
//   'Class'             a class constructor (`new Class(...)`)
//   'Class.name'        a static method
//   'Class#name'        a prototype method, getter or setter; 'Class#[Symbol.dispose]'
//   'Enum'              an enum object (bad values are passed to an export that takes the enum)
// An entry is either
//   { bad: [[label, () => call, /message pattern/?], ...] }
//     every call must throw an `Error` (not a WebAssembly trap) with a non-empty message
//     (matching the pattern when one is given), and the module must keep working afterwards;
// or
//   { noInput: 'why', call: () => value, check: (value) => void }
//     for exports that take no input: called with junk extra arguments, the result must still
//     pass `check`.
// `checkTable` fails when the module has a callable export the table does not cover, or the
// table names one the module does not have.
import assert from 'node:assert/strict';
import { inspect } from 'node:util';

/** wasm-bindgen's instantiation entry points (the package loader calls them once); they are not
 * declared in types/<module>.d.ts. */
export const INIT_EXPORTS = Object.freeze(['default', 'initSync']);

const isClass = (value) => typeof value === 'function'
  && /^class\b/.test(Function.prototype.toString.call(value));

// Members of a wasm-bindgen class that are glue internals (not declared in the .d.ts).
const isInternal = (name) => typeof name === 'string' && name.startsWith('__');

// `Symbol.dispose` is `Symbol(nodejs.dispose)` in Node 20: name well-known symbols by their key.
const symbolName = (symbol) => Object.getOwnPropertyNames(Symbol)
  .filter((key) => Symbol[key] === symbol).map((key) => `Symbol.${key}`)[0] ?? symbol.description;

/** Every callable surface of a module namespace, as table keys (see the file comment). */
export function surface(ns) {
  const keys = [];
  for (const [name, value] of Object.entries(ns)) {
    if (INIT_EXPORTS.includes(name)) continue;
    if (isClass(value)) {
      keys.push(name);
      for (const key of Object.getOwnPropertyNames(value)) {
        if (['length', 'name', 'prototype'].includes(key) || isInternal(key)) continue;
        keys.push(`${name}.${key}`);
      }
      for (const key of Reflect.ownKeys(value.prototype)) {
        if (key === 'constructor' || isInternal(key)) continue;
        keys.push(typeof key === 'symbol' ? `${name}#[${symbolName(key)}]` : `${name}#${key}`);
      }
    } else if (typeof value === 'function' || (value !== null && typeof value === 'object')) {
      keys.push(name);
    }
  }
  return keys.sort();
}

const describe = (value) => inspect(value, { depth: 1, breakLength: Infinity, compact: true }).slice(0, 200);

/**
 * Runs `call`, which must throw an `Error` with a non-empty message (not a WebAssembly trap,
 * which is what a Rust panic under panic=abort or a glue-level crash looks like). Returns it.
 */
export function expectError(label, call, pattern) {
  let threw = false;
  let error;
  let result;
  try {
    result = call();
  } catch (e) {
    threw = true;
    error = e;
  }
  if (!threw && result && typeof result.free === 'function') result.free();
  assert.ok(threw, `${label}: returned ${describe(result)} instead of throwing`);
  assert.ok(!(error instanceof WebAssembly.RuntimeError),
    `${label}: the wasm instance trapped (${error.message}): a panic or crash, not an Error`);
  assert.ok(error instanceof Error, `${label}: threw ${describe(error)}, which is not an Error`);
  assert.equal(typeof error.message, 'string', `${label}: the error has no message`);
  assert.ok(error.message.trim().length > 0, `${label}: the error message is empty`);
  if (pattern) {
    assert.match(error.message, pattern, `${label}: unexpected message ${JSON.stringify(error.message)}`);
  }
  return error;
}

/**
 * Registers the coverage test and one test per table entry with node:test. The table covers the
 * exports of `own` (default: `ns`); `ns` is the module the calls go to, which may bundle `own`'s
 * API with others' (the unified module).
 * `sanity()` runs real calls of the module and asserts their results; it runs after every bad
 * call, so a call that kills or corrupts the instance fails the entry. Every case must pass:
 * there is no list of expected failures.
 */
export function checkTable(test, moduleName, ns, table, sanity, own = ns) {
  test(`${moduleName}: the bad-input table covers every export`, () => {
    // `own`: the module whose exports the table is for; `ns` may bundle more (unified).
    const exported = surface(own);
    const missing = exported.filter((key) => !Object.hasOwn(table, key));
    const stale = Object.keys(table).filter((key) => !exported.includes(key));
    assert.deepEqual(missing, [], `exports with no bad-input entry: ${missing.join(', ')}`);
    assert.deepEqual(stale, [], `table entries that are not exports: ${stale.join(', ')}`);
    const available = surface(ns);
    const absent = exported.filter((key) => !available.includes(key));
    assert.deepEqual(absent, [], `exports missing from the module under test: ${absent.join(', ')}`);
  });

  test(`${moduleName}: the module works before the bad input`, () => sanity());

  for (const [key, entry] of Object.entries(table)) {
    const what = entry.noInput ? `takes no input (${entry.noInput}): junk arguments change nothing`
      : 'rejects bad input and the module keeps working';
    test(`${moduleName}: ${key} ${what}`, () => {
      if (entry.noInput) {
        assert.equal(typeof entry.call, 'function', `${key}: noInput entry without call`);
        entry.check(entry.call());
        sanity();
        return;
      }
      assert.ok(Array.isArray(entry.bad) && entry.bad.length > 0, `${key}: no bad-input cases`);
      const failures = [];
      for (const [label, call, pattern] of entry.bad) {
        const name = `${key}: ${label}`;
        let failure;
        try {
          expectError(name, call, pattern);
        } catch (e) {
          failure = e.message;
        }
        try {
          sanity();
        } catch (e) {
          failure = `${failure ? `${failure}; then ` : ''}${name}: the module stopped working: ${e.message}`;
        }
        if (failure) failures.push(failure);
      }
      assert.deepEqual(failures, [], failures.join('\n'));
    });
  }
}

/** Linear memory growth of `cycle` run `count` times, in bytes. */
export function memoryGrowth(module, cycle, count = 1000) {
  const before = module.memoryUsage();
  for (let i = 0; i < count; i++) cycle(i);
  return module.memoryUsage() - before;
}
