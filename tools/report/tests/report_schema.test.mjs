// The package's build-report.json against its documented schema (build-report.schema.json), and
// the attribution's own arithmetic for every module; the validator itself rejects what it must.
// Usage: node report_schema.test.mjs <build-report.schema.json> <build-report.json>
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { test } from 'node:test';
import { validate } from '../json_schema.mjs';

const [schemaPath, reportPath] = process.argv.slice(2);
const schema = JSON.parse(fs.readFileSync(schemaPath, 'utf8'));
const report = JSON.parse(fs.readFileSync(reportPath, 'utf8'));

test('the build report follows the schema', () => {
  assert.deepEqual(validate(report, schema), []);
});

test('the validator rejects a report that strays from the schema', () => {
  const copy = () => structuredClone(report);
  const [first] = Object.keys(report.modules);
  const cases = [
    [(r) => delete r.modules[first].attribution, /missing required property attribution/],
    [(r) => { r.modules[first].wasm.gzip = '12'; }, /wasm\/gzip: expected integer, got string/],
    [(r) => { r.modules[first].attribution.groups[0].kind = 'mystery'; }, /is not one of/],
    [(r) => { r.modules[first].surprise = 1; }, /property surprise is not in the schema/],
    [(r) => { r.modules[first].attribution.groups[0].share.gzip = 1.5; }, /> maximum 1/],
    [(r) => { r.recommendations.push('a bare string'); }, /recommendations\/\d+: expected object/],
    [(r) => { r.modules['Not A Name'] = r.modules[first]; }, /does not match/],
    [(r) => { r.schemaVersion = 1; }, /expected 2/],
  ];
  for (const [mutate, error] of cases) {
    const r = copy();
    mutate(r);
    const errors = validate(r, schema);
    assert.ok(errors.some((e) => error.test(e)), `${error}: got ${JSON.stringify(errors)}`);
  }
  assert.throws(() => validate({}, { type: 'object', oneOf: [] }), /keyword oneOf .* not supported/);
});

for (const [name, m] of Object.entries(report.modules)) {
  test(`${name}: the attribution accounts for the whole module`, () => {
    for (const [build, b] of [['SIMD128', m], ['baseline', m.baseline]]) {
      const a = b.attribution;
      const sum = (f) => a.groups.reduce((s, g) => s + f(g), 0);
      assert.equal(sum((g) => g.named.raw), a.namedModule.shippable, `${build}: groups tile the named module`);
      assert.equal(a.namedModule.shippable + a.namedModule.strippedCustomSections, a.namedModule.raw);
      // Every estimate is rounded to the byte: the sums may be off by one per group.
      assert.ok(Math.abs(sum((g) => g.shipped.gzip) - b.wasm.gzip) <= a.groups.length, `${build}: gzip estimates add up`);
      assert.ok(Math.abs(sum((g) => g.shipped.raw) - b.wasm.raw) <= a.groups.length, `${build}: raw estimates add up`);
      assert.ok(Math.abs(sum((g) => g.share.gzip) - 1) < 0.001 * a.groups.length);
      assert.equal(a.namedModule.namedFunctions, a.namedModule.functions, `${build}: every function has a name`);
      assert.ok(a.groups.some((g) => g.kind === 'ours' && g.shipped.gzip > 0), `${build}: our code is found`);
      assert.ok(a.groups.some((g) => g.name === 'core'), `${build}: the standard library is found`);
      const other = a.kinds.other?.share.gzip ?? 0;
      assert.ok(other < 0.02, `${build}: ${(other * 100).toFixed(1)}% unattributed (${a.groups.filter((g) => g.kind === 'other').map((g) => g.name)})`);
      for (let i = 1; i < a.groups.length; i++) assert.ok(a.groups[i - 1].shipped.gzip >= a.groups[i].shipped.gzip, 'sorted');
    }
  });
}

test('persistence: SQLite is C and the biggest part', () => {
  const a = report.modules.persistence.attribution;
  assert.equal(a.groups[0].name, 'C: SQLite');
  assert.ok(a.kinds.c.share.gzip > 0.3, `C is ${a.kinds.c.share.gzip}`);
  for (const [name, m] of Object.entries(report.modules)) {
    if (name !== 'persistence') assert.equal(m.attribution.kinds.c, undefined, `${name} has no C code`);
  }
});
