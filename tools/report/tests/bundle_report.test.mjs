// bundle_report.mjs end to end, as the build runs it, on modules this test writes: attribution
// of every byte, budgets that fail the build with a message naming the module, the budget and the
// contributors, and growth against a baseline report.
// Usage: node bundle_report.test.mjs <bundle_report.mjs> <binaryen index.js> <build-report.schema.json>
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { validate } from '../json_schema.mjs';
import { buildModule, call, drop, i32Const, stripCustomSections } from './wasm_builder.mjs';

const [bundleReportScript, binaryen, schemaPath] = process.argv.slice(2).map((p) => path.resolve(p));
const schema = JSON.parse(fs.readFileSync(schemaPath, 'utf8'));
const tmp = fs.mkdtempSync(path.join(process.env.TEST_TMPDIR ?? os.tmpdir(), 'bundle-report-'));

/** Deterministic pseudo-random instructions (`i32.const n; drop`), so gzip cannot squash them. */
function noise(seed, count) {
  let x = seed;
  const out = [];
  for (let i = 0; i < count; i++) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    out.push(...i32Const(x % 1_000_000), ...drop);
  }
  return out;
}

/**
 * A module like ours: our crate's functions (`ourSize` instructions), serde_json, std, SQLite's C,
 * wasm-bindgen glue, an export shim, data. Function indices: 0 is the import, then in order.
 */
function moduleBytes({ ourSize, producers = true }) {
  const functions = [
    { name: 'agent_run', body: [...call(2), ...call(5)] }, // 1: the export shim
    { name: 'ruv_core::agent::Agent::run::h0123456789abcdef', body: [...noise(1, ourSize), ...call(3)] }, // 2
    { name: '<ruv_core::agent::Agent as serde::ser::Serialize>::serialize::h1111111111111111', body: [...noise(2, 400), ...call(4)] }, // 3
    { name: 'serde_json::ser::to_string::h2222222222222222', body: noise(3, 3000) }, // 4
    { name: 'core::fmt::write::h3333333333333333', body: noise(4, 800) }, // 5
    { name: 'sqlite3VdbeExec', body: noise(5, 6000) }, // 6: reached by one export only
    { name: 'sqlite3_open', body: [...call(6)] }, // 7
    { name: '__wbindgen_malloc', body: noise(6, 50) }, // 8
    { name: 'store_open_0123abcd', body: [...call(7)] }, // 9: an export shim (wasm-bindgen keeps the macro's name)
  ];
  return buildModule({
    imports: ['__wbg_log'],
    functions,
    exports: [
      { name: 'agent_run', index: 1 },
      { name: 'store_open', index: 9 },
      { name: '__wbindgen_malloc', index: 8 },
    ],
    data: [{ name: '.rodata', bytes: [...new TextEncoder().encode('a static string table '.repeat(200))] }],
    extraCustom: producers ? [{ name: 'producers', bytes: new Array(40).fill(1) }] : [],
  });
}

/**
 * Writes the module's files and a config; runs bundle_report.mjs; returns its outcome.
 * exact: also give wasmOptNames (the shipped module plus its name section), as wasm-opt -g makes.
 */
function runReport(name, { ourSize = 1000, gzipBudget, sizeBaseline, exact = false, optNames } = {}) {
  const dir = fs.mkdtempSync(path.join(tmp, `${name}-`));
  const named = moduleBytes({ ourSize });
  const files = {
    wasm: path.join(dir, 'core.wasm'),
    wasmBeforeOpt: path.join(dir, 'core_bg.wasm'),
    js: path.join(dir, 'core.js'),
  };
  fs.writeFileSync(files.wasm, stripCustomSections(named));
  fs.writeFileSync(files.wasmBeforeOpt, named);
  fs.writeFileSync(files.js, 'export function run() { return 1; }\n');
  if (exact) {
    files.wasmOptNames = path.join(dir, 'core.names.wasm');
    fs.writeFileSync(files.wasmOptNames, optNames ?? moduleBytes({ ourSize, producers: false }));
  }
  const module = {
    name: 'core', ...files, optLevel: 'Oz', simd128: true,
    baseline: { wasm: files.wasm, wasmBeforeOpt: files.wasmBeforeOpt, wasmOptNames: files.wasmOptNames }, bundledManifests: [],
  };
  if (gzipBudget !== undefined) module.gzipBudget = gzipBudget;
  const config = { binaryen, package: '@ruv/test', version: '0.0.1', modules: [module] };
  if (sizeBaseline) config.sizeBaseline = sizeBaseline;
  const configPath = path.join(dir, 'config.json');
  fs.writeFileSync(configPath, JSON.stringify(config));
  const out = path.join(dir, 'build-report.json');
  const run = spawnSync(process.execPath, [bundleReportScript, configPath, out], { encoding: 'utf8' });
  return {
    status: run.status,
    stderr: run.stderr,
    out,
    report: fs.existsSync(out) ? JSON.parse(fs.readFileSync(out, 'utf8')) : null,
  };
}

test('every byte of the module is in one group, and the report follows its schema', () => {
  const { status, stderr, report } = runReport('plain');
  assert.equal(status, 0, stderr);
  assert.deepEqual(validate(report, schema), []);
  const m = report.modules.core;
  const a = m.attribution;
  const named = moduleBytes({ ourSize: 1000 });
  assert.equal(a.namedModule.raw, named.length);
  assert.equal(a.namedModule.raw - a.namedModule.strippedCustomSections, stripCustomSections(named).length,
    'shippable = the module without its name and producers sections');
  assert.equal(a.groups.reduce((s, g) => s + g.named.raw, 0), a.namedModule.shippable);
  const byName = Object.fromEntries(a.groups.map((g) => [g.name, g]));
  assert.deepEqual(Object.keys(byName).sort(), [
    'C: SQLite', 'core', 'data: .rodata', 'module structure', 'our #[wasm_bindgen] entry points', 'ruv_core',
    'serde_json', 'wasm-bindgen glue',
  ]);
  assert.equal(byName.ruv_core.functions, 2);
  assert.equal(byName.ruv_core.kind, 'ours');
  assert.equal(byName['C: SQLite'].functions, 2);
  // Reachability: SQLite only from store_open; ruv_core and serde_json only from agent_run.
  assert.deepEqual(byName['C: SQLite'].exportsReachingNames, ['store_open']);
  assert.deepEqual(byName.serde_json.exportsReachingNames, ['agent_run']);
  assert.equal(byName['data: .rodata'].exportsReaching, null);
  // Estimates add up to the shipped sizes (each rounded to the byte).
  const sum = (f) => a.groups.reduce((s, g) => s + f(g), 0);
  assert.ok(Math.abs(sum((g) => g.shipped.raw) - m.wasm.raw) <= a.groups.length);
  assert.ok(Math.abs(sum((g) => g.shipped.gzip) - m.wasm.gzip) <= a.groups.length);
  // SQLite's 6000 random constants are the biggest group; the repeated string compresses.
  assert.equal(a.groups[0].name, 'C: SQLite');
  assert.ok(byName['data: .rodata'].share.gzip < byName['data: .rodata'].share.raw);
  assert.equal(a.topFunctions[0].name, 'sqlite3VdbeExec');
  assert.equal(a.exact, false);
  assert.equal(byName.ruv_core.beforeOpt, null);
  // The size before wasm-opt is without the name section (the shipped module never has it).
  const nameSection = a.namedModule.strippedCustomSections - (1 + 1 + 10 + 40); // producers: id, size, name, payload
  assert.equal(m.wasmBeforeOpt.raw, named.length - nameSection);
});

test('exact mode: wasm-opt\'s output with names gives the shipped bytes of every group', () => {
  const { status, stderr, report } = runReport('exact', { exact: true });
  assert.equal(status, 0, stderr);
  assert.deepEqual(validate(report, schema), []);
  const m = report.modules.core;
  const a = m.attribution;
  assert.equal(a.exact, true);
  assert.equal(a.groups.reduce((s, g) => s + g.shipped.raw, 0), m.wasm.raw, 'raw bytes add up exactly');
  for (const g of a.groups) {
    assert.equal(g.shipped.raw, g.named.raw);
    assert.ok(g.beforeOpt, `${g.name} has its size before wasm-opt`);
  }
  const byName = Object.fromEntries(a.groups.map((g) => [g.name, g]));
  assert.equal(byName.serde_json.beforeOpt.raw, byName.serde_json.shipped.raw, 'the same function before and after');

  // A names file that is not the shipped module plus names is refused.
  const wrong = runReport('exact-wrong', { exact: true, optNames: moduleBytes({ ourSize: 999, producers: false }) });
  assert.equal(wrong.status, 1);
  assert.match(wrong.stderr, /is not the shipped module plus a name section/);
});

test('a module over its gzip budget fails the build with the module, the budget and the contributors', () => {
  const within = runReport('within', { gzipBudget: 1_000_000 });
  assert.equal(within.status, 0, within.stderr);
  assert.equal(within.report.modules.core.gzipBudget, 1_000_000);
  const gzip = within.report.modules.core.wasm.gzip;

  const over = runReport('over', { gzipBudget: gzip - 100 });
  assert.equal(over.status, 1);
  assert.equal(over.report, null, 'no report is written');
  assert.match(over.stderr, new RegExp(`module core \\(SIMD128 build\\) is ${gzip.toLocaleString('en-US')} bytes gzip, ` +
    `over its budget of ${(gzip - 100).toLocaleString('en-US')} bytes by 100 bytes`));
  assert.match(over.stderr, /No baseline report/);
  assert.match(over.stderr, /Biggest groups now \(estimated gzip\):\n {4}C: SQLite: [\d.]+ KB/);
  assert.match(over.stderr, /gzip_budget/);
});

test('with a baseline report, the failure lists the groups that grew since it', () => {
  const before = runReport('before', { ourSize: 500 });
  assert.equal(before.status, 0, before.stderr);
  const after = runReport('after', { ourSize: 4000, gzipBudget: before.report.modules.core.wasm.gzip + 10, sizeBaseline: before.out });
  assert.equal(after.status, 1);
  const growth = /Biggest growth by group \(estimated gzip\):\n((?: {4}.*\n)+)/.exec(after.stderr);
  assert.ok(growth, after.stderr);
  const first = growth[1].split('\n')[0].trim();
  assert.match(first, /^ruv_core: \+[\d.]+ KB/, 'our crate grew: it leads the growth');
  assert.match(after.stderr, /Since .*build-report\.json \(version 0\.0\.1\): \+[\d.]+ KB gzip/);
  // Nothing grew: the budget was set below what the baseline already shipped, and it says so.
  const same = runReport('same', { ourSize: 500, gzipBudget: before.report.modules.core.wasm.gzip - 10, sizeBaseline: before.out });
  assert.equal(same.status, 1);
  assert.match(same.stderr, /No group grew since it/);
});

test('a budget that is not a positive integer is an error', () => {
  for (const gzipBudget of [0, -5, 1.5, '100']) {
    const run = runReport('bad', { gzipBudget });
    assert.equal(run.status, 1);
    assert.match(run.stderr, /gzipBudget must be a positive integer/);
  }
});
