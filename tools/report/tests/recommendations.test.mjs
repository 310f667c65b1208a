// The recommendation rules and the comparison on small reports built here: each rule fires on
// the figures that should make it fire, says them, and stays silent otherwise.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compareReports } from '../compare.mjs';
import { recommendations } from '../recommendations.mjs';

const sizes = (gzip) => ({ raw: gzip * 3, gzip, brotli: Math.round(gzip * 0.8) });

/** A group of a module of `total` gzip bytes. */
function group(name, kind, gzip, total, exportsReaching = null, names = []) {
  return {
    name, kind, functions: exportsReaching === null ? 0 : 10,
    named: { raw: gzip * 3, gzipAlone: gzip }, beforeOpt: null,
    shipped: { raw: gzip * 3, gzip }, share: { raw: gzip / total, gzip: gzip / total },
    exportsReaching, exportsReachingNames: names,
  };
}

function module(gzip, groups, { optLevel = 'Oz', saving = 0.2, exports = 40, bundles } = {}) {
  const kinds = {};
  for (const g of groups) {
    const k = (kinds[g.kind] ??= { raw: 0, gzip: 0, share: { raw: 0, gzip: 0 } });
    k.gzip += g.shipped.gzip;
    k.share.gzip += g.share.gzip;
  }
  const m = {
    optLevel, simd128: true, wasm: sizes(gzip), js: sizes(1000), wasmBeforeOpt: sizes(gzip * 1.2),
    wasmOptSaving: saving, simdInstructions: 10, exports, functions: 100,
    attribution: {
      source: 'test', exact: true, method: 'test',
      namedModule: { raw: gzip * 3, shippable: gzip * 3, strippedCustomSections: 0, functions: 100, namedFunctions: 100, functionExports: exports },
      groups, kinds, topFunctions: [],
    },
  };
  if (bundles) m.bundles = bundles;
  return m;
}

function report(modules) {
  const totals = { wasm: sizes(0), js: sizes(0), wasmBeforeOpt: sizes(0) };
  for (const m of Object.values(modules)) if (!m.bundles) totals.wasm.raw += m.wasm.raw;
  return { schemaVersion: 2, package: '@ruv/test', version: '1.0.0', modules, totals, recommendations: [] };
}

const ordinary = (total) => [
  group('ruv_core', 'ours', total * 0.5, total, 30, ['a']),
  group('core', 'rust-std', total * 0.3, total, 35, ['a']),
  group('data: .rodata', 'data', total * 0.2, total),
];

test('a heavy crate that few exports reach', () => {
  const total = 100_000;
  const r = report({
    swarm: module(total, [
      group('serde_json', 'rust', 30_000, total, 2, ['swarm_export', 'swarm_import']),
      group('ruv_swarm', 'ours', 50_000, total, 38, ['a']),
      group('core', 'rust-std', 20_000, total, 40, ['a']),
    ]),
  });
  const [rec] = recommendations(r).filter((x) => x.rule === 'heavy-group-few-exports');
  assert.equal(rec.module, 'swarm');
  assert.match(rec.message, /serde_json is 29\.3 KB gzip \(30\.0% of the module\) but only 2 of the module's 40 exported functions reach it \(swarm_export, swarm_import\)/);
  // Not when many exports reach it, nor when it is light.
  const many = report({ swarm: module(total, [group('serde_json', 'rust', 30_000, total, 20, ['x'])]) });
  assert.deepEqual(recommendations(many).filter((x) => x.rule === 'heavy-group-few-exports'), []);
  const light = report({ swarm: module(total, [group('serde_json', 'rust', 5_000, total, 1, ['x'])]) });
  assert.deepEqual(recommendations(light).filter((x) => x.rule === 'heavy-group-few-exports'), []);
});

test('a wasm-opt saving far below the other modules at the same level', () => {
  const r = report({
    a: module(50_000, ordinary(50_000), { saving: 0.2 }),
    b: module(50_000, ordinary(50_000), { saving: 0.25 }),
    c: module(50_000, ordinary(50_000), { saving: 0.04 }),
    d: module(50_000, ordinary(50_000), { optLevel: 'O2', saving: 0.01 }),
  });
  const recs = recommendations(r).filter((x) => x.rule === 'small-wasm-opt-saving');
  assert.deepEqual(recs.map((x) => x.module), ['c'], 'd is alone at O2: nothing to compare with');
  assert.match(recs[0].message, /c: wasm-opt -Oz saved 4\.0%, against a median of 22\.5% for the other modules at -Oz/);
});

test('a bundle bigger than its parts, with the groups that grew', () => {
  const r = report({
    core: module(40_000, [group('ruv_core', 'ours', 30_000, 40_000, 5), group('core', 'rust-std', 10_000, 40_000, 5)]),
    neural: module(60_000, [group('ruv_neural', 'ours', 50_000, 60_000, 5), group('core', 'rust-std', 10_000, 60_000, 5)]),
    unified: module(120_000, [
      group('ruv_core', 'ours', 30_000, 120_000, 5), group('ruv_neural', 'ours', 50_000, 120_000, 5),
      group('core', 'rust-std', 22_000, 120_000, 5), group('serde_json', 'rust', 18_000, 120_000, 5),
    ], { bundles: ['core', 'neural'] }),
  });
  r.modules.unified.comparedWithBundledModules = { sumOfWasm: sizes(100_000), gzipRatio: 1.1, rawRatio: 1.1 };
  const [rec] = recommendations(r).filter((x) => x.rule === 'bundle-bigger-than-parts');
  assert.match(rec.message, /unified is 117\.2 KB gzip, 1\.10x the sum of core, neural \(97\.7 KB\)/);
  assert.match(rec.message, /serde_json \+17\.6 KB, core \+2\.0 KB/);
  r.modules.unified.comparedWithBundledModules.gzipRatio = 0.8;
  assert.deepEqual(recommendations(r).filter((x) => x.rule === 'bundle-bigger-than-parts'), []);
});

test('unattributed bytes above 5% are reported; an ordinary report has no recommendation', () => {
  const total = 100_000;
  const r = report({ core: module(total, [...ordinary(total * 0.9), group('unattributed Rust', 'other', 10_000, total, 3)]) });
  const recs = recommendations(r);
  assert.deepEqual(recs.map((x) => x.rule), ['unattributed']);
  assert.match(recs[0].message, /10\.0% \(9\.8 KB gzip\) is unattributed \(unattributed Rust\)/);
  assert.deepEqual(recommendations(report({ a: module(total, ordinary(total)) })), []);
});

test('comparison: module and group growth, added and removed modules', () => {
  const before = report({ a: module(10_000, ordinary(10_000)), gone: module(5_000, ordinary(5_000)) });
  const after = report({ a: module(12_000, ordinary(12_000)), fresh: module(3_000, ordinary(3_000)) });
  const c = compareReports(after, before);
  const byName = Object.fromEntries(c.modules.map((m) => [m.name, m]));
  assert.deepEqual(byName.a.gzip, { before: 10_000, after: 12_000, delta: 2_000 });
  assert.equal(byName.gone.status, 'removed');
  assert.equal(byName.fresh.status, 'added');
  assert.deepEqual(byName.a.groups.map((g) => [g.name, g.delta]), [['ruv_core', 1000], ['core', 600], ['data: .rodata', 400]]);
  assert.deepEqual(byName.fresh.groups.map((g) => g.before), [0, 0, 0]);
  delete before.modules.a.attribution;
  assert.equal(compareReports(after, before).modules.find((m) => m.name === 'a').groups, null);
  assert.throws(() => compareReports(after, { version: 1 }), /no `modules`/);
});
