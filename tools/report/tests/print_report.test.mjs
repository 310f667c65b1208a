// print_report.mjs (`bazel run //npm:report -- ...`) on the package's build report, as a user
// runs it: the tables, growth --against an older report (one with attribution, one in the first
// format without it), and --html.
// Usage: node print_report.test.mjs <print_report.mjs> <build-report.json>
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

const [script, reportPath] = process.argv.slice(2).map((p) => path.resolve(p));
const report = JSON.parse(fs.readFileSync(reportPath, 'utf8'));
const tmp = fs.mkdtempSync(path.join(process.env.TEST_TMPDIR ?? os.tmpdir(), 'print-report-'));
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const re = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Runs the CLI from `tmp` as `bazel run` would: relative paths are BUILD_WORKING_DIRECTORY's. */
function run(...args) {
  const result = spawnSync(process.execPath, [script, reportPath, ...args], {
    encoding: 'utf8',
    cwd: os.tmpdir(),
    env: { ...process.env, BUILD_WORKING_DIRECTORY: tmp },
  });
  return { status: result.status, out: result.stdout, err: result.stderr };
}

test('prints every module, what it holds, and the recommendations', () => {
  const { status, out, err } = run();
  assert.equal(status, 0, err);
  for (const [name, m] of Object.entries(report.modules)) {
    assert.match(out, new RegExp(`^${name}: ${re(kb(m.wasm.gzip))} gzip; by origin: `, 'm'));
    const top = m.attribution.groups[0];
    assert.ok(out.includes(top.name), `${name}'s biggest group ${top.name}`);
  }
  assert.match(out, /Recommendations/);
});

test('--against an older report: growth per module and per group', () => {
  // The older build: persistence's biggest group 20 KB smaller, core 1 KB bigger.
  const older = structuredClone(report);
  older.version = '0.0.0-older';
  const p = older.modules.persistence;
  const group = p.attribution.groups[0];
  group.shipped.gzip -= 20480;
  p.wasm.gzip -= 20480;
  older.modules.core.wasm.gzip += 1024;
  delete older.modules.forecasting;
  fs.writeFileSync(path.join(tmp, 'older.json'), JSON.stringify(older));
  const { status, out, err } = run('--against', 'older.json');
  assert.equal(status, 0, err);
  assert.match(out, /Growth against 0\.0\.0-older/);
  assert.match(out, new RegExp(`^persistence +${re(kb(p.wasm.gzip))} +${re(kb(report.modules.persistence.wasm.gzip))} +\\+20\\.0 KB`, 'm'));
  assert.match(out, /^core .* -1\.0 KB/m);
  assert.match(out, /^forecasting .* added$/m);
  assert.match(out, new RegExp(`^persistence: ${re(group.name)} \\+20\\.0 KB`, 'm'));
});

test('--against a report of the first format (no attribution): module growth only, said so', () => {
  const first = { package: report.package, version: '0.1.0', modules: {}, totals: report.totals, recommendations: [] };
  for (const [name, m] of Object.entries(report.modules)) first.modules[name] = { wasm: m.wasm, optLevel: m.optLevel };
  fs.writeFileSync(path.join(tmp, 'v1.json'), JSON.stringify(first));
  const { status, out, err } = run('--against', 'v1.json');
  assert.equal(status, 0, err);
  assert.match(out, /^core: growth by crate unknown \(the older report has no attribution\)\.$/m);
});

test('--html writes a self-contained page', () => {
  const { status, out, err } = run('--html', 'report.html');
  assert.equal(status, 0, err);
  const html = fs.readFileSync(path.join(tmp, 'report.html'), 'utf8');
  assert.match(out, /Wrote .*report\.html/);
  assert.match(html, /^<!doctype html>/);
  assert.doesNotMatch(html, /<script|<link|src=|url\(|https?:\/\//, 'no script, no external resource');
  for (const name of Object.keys(report.modules)) assert.ok(html.includes(`data-module="${name}"`));
});

test('bad arguments: a usage message and exit 2', () => {
  const { status, err } = run('--against');
  assert.equal(status, 2);
  assert.match(err, /--against needs a file/);
  assert.equal(run('--frobnicate').status, 2);
});
