// Prints a build-report.json: module sizes, what each module holds (attribution), and the
// recommendations; optionally the growth against an older report and an HTML page.
// Usage: node print_report.mjs <build-report.json> [--against <older build-report.json>] [--html <out.html>]
// Under `bazel run //npm:report -- ...`, relative paths are the caller's (BUILD_WORKING_DIRECTORY).
import fs from 'node:fs';
import path from 'node:path';
import { compareReports } from '../../report/compare.mjs';
import { reportHtml, KIND_LABELS } from '../../report/html_report.mjs';

const USAGE = 'usage: print_report.mjs <build-report.json> [--against <older build-report.json>] [--html <out.html>]';

function parseArgs(argv) {
  const options = { report: null, against: null, html: null };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--against' || arg === '--html') {
      const value = argv[++i];
      if (!value) throw new Error(`${arg} needs a file\n${USAGE}`);
      options[arg.slice(2)] = value;
    } else if (arg === '--help' || arg === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else if (arg.startsWith('-') || options.report) {
      throw new Error(`unexpected argument ${arg}\n${USAGE}`);
    } else {
      options.report = arg;
    }
  }
  if (!options.report) throw new Error(USAGE);
  return options;
}

/** A path the user typed: relative to where `bazel run` was called. */
const userPath = (p) => path.resolve(process.env.BUILD_WORKING_DIRECTORY ?? process.cwd(), p);
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
/** A signed size change: bytes under 1 KB, else KB. */
const signedKb = (bytes) => `${bytes >= 0 ? '+' : '-'}${Math.abs(bytes) < 1024 ? `${Math.abs(bytes)} B` : kb(Math.abs(bytes))}`;
const percent = (share) => `${(share * 100).toFixed(1)}%`;

function table(rows, { rightAlignFrom = 1 } = {}) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  const line = (r) => r.map((cell, i) => (i < rightAlignFrom ? String(cell).padEnd(widths[i]) : String(cell).padStart(widths[i])))
    .join('  ').trimEnd();
  return [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

function sizeTable(report) {
  const rows = [['module', 'wasm', 'gzip', 'budget', 'brotli', 'before opt', 'saved', 'js gzip', 'SIMD ops', 'exports']];
  for (const [name, m] of Object.entries(report.modules)) {
    rows.push([
      `${name}${m.simd128 ? '' : ' (baseline)'}`,
      kb(m.wasm.raw), kb(m.wasm.gzip), m.gzipBudget ? `${percent(m.wasm.gzip / m.gzipBudget)} of ${kb(m.gzipBudget)}` : '',
      kb(m.wasm.brotli), kb(m.wasmBeforeOpt.raw),
      `${(m.wasmOptSaving * 100).toFixed(1)}% (-${m.optLevel})`,
      kb(m.js.gzip), String(m.simdInstructions), String(m.exports),
    ]);
    if (m.baseline) {
      const b = m.baseline;
      rows.push([
        `  ${name} (baseline)`,
        kb(b.wasm.raw), kb(b.wasm.gzip), m.gzipBudget ? `${percent(b.wasm.gzip / m.gzipBudget)} of ${kb(m.gzipBudget)}` : '',
        kb(b.wasm.brotli), kb(b.wasmBeforeOpt.raw),
        `${(b.wasmOptSaving * 100).toFixed(1)}% (-${m.optLevel})`,
        '', String(b.simdInstructions), String(b.exports),
      ]);
    }
  }
  const t = report.totals;
  rows.push(['total (SIMD128 builds)', kb(t.wasm.raw), kb(t.wasm.gzip), '', kb(t.wasm.brotli),
    kb(t.wasmBeforeOpt.raw), '', kb(t.js.gzip), '', '']);
  return table(rows);
}

const GROUPS_SHOWN = 8;

function attributionText(name, m) {
  const a = m.attribution;
  if (!a) return `${name}: no attribution in this report.`;
  const rows = [['group', 'origin', 'gzip (est.)', 'share', a.exact ? 'raw' : 'raw (est.)', 'functions', 'exports reaching']];
  for (const g of a.groups.slice(0, GROUPS_SHOWN)) {
    rows.push([g.name, g.kind, kb(g.shipped.gzip), percent(g.share.gzip), kb(g.shipped.raw), String(g.functions),
      g.exportsReaching === null ? '' : `${g.exportsReaching}/${a.namedModule.functionExports}`]);
  }
  const rest = a.groups.slice(GROUPS_SHOWN);
  if (rest.length > 0) {
    const sum = (f) => rest.reduce((s, g) => s + f(g), 0);
    rows.push([`(${rest.length} more groups)`, '', kb(sum((g) => g.shipped.gzip)), percent(sum((g) => g.share.gzip)),
      kb(sum((g) => g.shipped.raw)), String(sum((g) => g.functions)), '']);
  }
  const kinds = Object.entries(a.kinds).sort((x, y) => y[1].gzip - x[1].gzip)
    .map(([kind, k]) => `${KIND_LABELS[kind] ?? kind} ${percent(k.share.gzip)}`).join(', ');
  const top = a.topFunctions.slice(0, 3).map((f) => `${f.name.length > 90 ? `${f.name.slice(0, 89)}…` : f.name} (${f.bytes} B)`);
  return [
    `${name}: ${kb(m.wasm.gzip)} gzip; by origin: ${kinds}`,
    table(rows, { rightAlignFrom: 2 }),
    `biggest functions${a.exact ? '' : ' before wasm-opt'}: ${top.join('; ')}`,
  ].join('\n');
}

function growthText(comparison) {
  const lines = [`Growth against ${comparison.olderVersion} (gzip; groups estimated):`];
  const rows = [['module', 'before', 'after', 'change', 'relative']];
  for (const m of comparison.modules) {
    const relative = m.gzip.before > 0 ? percent(m.gzip.delta / m.gzip.before) : 'new';
    rows.push([m.name, kb(m.gzip.before), kb(m.gzip.after), signedKb(m.gzip.delta), m.status === 'changed' ? relative : m.status]);
  }
  rows.push(['total (SIMD128 builds)', kb(comparison.total.before), kb(comparison.total.after), signedKb(comparison.total.delta), '']);
  lines.push(table(rows));
  for (const m of comparison.modules) {
    if (m.groups === null) {
      lines.push(`${m.name}: growth by crate unknown (the older report has no attribution).`);
      continue;
    }
    const changed = m.groups.filter((g) => g.delta !== 0).slice(0, 6);
    if (changed.length === 0) continue;
    lines.push(`${m.name}: ${changed.map((g) => `${g.name} ${signedKb(g.delta)}`).join(', ')}`);
  }
  return lines.join('\n');
}

let options;
try {
  options = parseArgs(process.argv.slice(2));
} catch (error) {
  console.error(error.message);
  process.exit(2);
}
const report = JSON.parse(fs.readFileSync(options.report, 'utf8'));
console.log(`${report.package} ${report.version}`);
console.log(sizeTable(report));
for (const [name, m] of Object.entries(report.modules)) {
  if (!m.comparedWithBundledModules) continue;
  const c = m.comparedWithBundledModules;
  console.log(`\n${name} bundles ${m.bundles.join(', ')}: ${kb(m.wasm.gzip)} gzip against ` +
    `${kb(c.sumOfWasm.gzip)} for the separate modules (${c.gzipRatio.toFixed(2)}x gzip, ` +
    `${c.rawRatio.toFixed(2)}x raw); not counted in the total.`);
}
const method = Object.values(report.modules)[0]?.attribution?.method;
console.log(`\nWhat the modules hold (SIMD128 builds). Method: ${method ?? 'none'}.`);
for (const [name, m] of Object.entries(report.modules)) console.log(`\n${attributionText(name, m)}`);
console.log(report.recommendations.length
  ? `\nRecommendations:\n${report.recommendations.map((r) => `- ${r.message ?? r}`).join('\n')}`
  : '\nRecommendations: none (no rule fired on this build; see tools/report/recommendations.mjs).');
if (options.against) {
  const older = JSON.parse(fs.readFileSync(userPath(options.against), 'utf8'));
  console.log(`\n${growthText(compareReports(report, older))}`);
}
if (options.html) {
  const out = userPath(options.html);
  fs.writeFileSync(out, reportHtml(report));
  console.log(`\nWrote ${out}`);
}
