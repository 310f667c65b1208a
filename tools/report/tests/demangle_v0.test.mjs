// demangle_v0.mjs against LLVM's demangler (llvm-cxxfilt-19) on v0 symbols of a real module
// (fixtures/v0_symbols.tsv, written by make_v0_fixture.mjs), disambiguators aside: the report
// prints names without them.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { demangleV0 } from '../demangle_v0.mjs';

const fixture = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'v0_symbols.tsv');
const pairs = fs.readFileSync(fixture, 'utf8').trimEnd().split('\n').map((line) => line.split('\t'));

test('the fixture covers the grammar', () => {
  assert.ok(pairs.length > 100, `${pairs.length} symbols`);
  const all = pairs.map(([, d]) => d).join('\n');
  for (const form of ['dyn ', 'fn(', '{closure#', '{shim:', ' as ', '*const ', '; ', ',)']) {
    assert.ok(all.includes(form), `no symbol with ${form}`);
  }
});

test('demangles as llvm-cxxfilt does', () => {
  const wrong = [];
  for (const [symbol, expected] of pairs) {
    const ours = demangleV0(symbol)?.text;
    if (ours !== expected.replace(/\[[0-9a-f]+\]/g, '')) wrong.push(`${symbol}\n  ours: ${ours}\n  llvm: ${expected}`);
  }
  assert.deepEqual(wrong, []);
});

test('not v0, or malformed', () => {
  assert.equal(demangleV0('sqlite3_open'), null);
  assert.equal(demangleV0('_ZN4core3fmt5write17h0123456789abcdefE'), null);
  assert.throws(() => demangleV0('_RNvNtCs1234_'), /v0 symbol/);
  assert.throws(() => demangleV0('_RNvB9_3foo'), /back-reference forward/);
});
