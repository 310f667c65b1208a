// Prints a build-report.json as a table. Usage: node print_report.mjs <build-report.json>
import fs from 'node:fs';

const report = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const rows = [['module', 'wasm', 'gzip', 'brotli', 'before opt', 'saved', 'js gzip', 'SIMD ops', 'exports']];
for (const [name, m] of Object.entries(report.modules)) {
  rows.push([
    `${name}${m.simd128 ? '' : ' (baseline)'}`,
    kb(m.wasm.raw), kb(m.wasm.gzip), kb(m.wasm.brotli), kb(m.wasmBeforeOpt.raw),
    `${(m.wasmOptSaving * 100).toFixed(1)}% (-${m.optLevel})`,
    kb(m.js.gzip), String(m.simdInstructions), String(m.exports),
  ]);
  if (m.baseline) {
    const b = m.baseline;
    rows.push([
      `  ${name} (baseline)`,
      kb(b.wasm.raw), kb(b.wasm.gzip), kb(b.wasm.brotli), kb(b.wasmBeforeOpt.raw),
      `${(b.wasmOptSaving * 100).toFixed(1)}% (-${m.optLevel})`,
      '', String(b.simdInstructions), String(b.exports),
    ]);
  }
}
const t = report.totals;
rows.push(['total (SIMD128 builds)', kb(t.wasm.raw), kb(t.wasm.gzip), kb(t.wasm.brotli),
  kb(t.wasmBeforeOpt.raw), '', kb(t.js.gzip), '', '']);
const bundling = Object.entries(report.modules).filter(([, m]) => m.comparedWithBundledModules);
const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
const line = (r) => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
console.log(`${report.package} ${report.version}`);
console.log(line(rows[0]));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const row of rows.slice(1)) console.log(line(row));
for (const [name, m] of bundling) {
  const c = m.comparedWithBundledModules;
  console.log(`\n${name} bundles ${m.bundles.join(', ')}: ${kb(m.wasm.gzip)} gzip against ` +
    `${kb(c.sumOfWasm.gzip)} for the separate modules (${c.gzipRatio.toFixed(2)}x gzip, ` +
    `${c.rawRatio.toFixed(2)}x raw); not counted in the total.`);
}
console.log(report.recommendations.length
  ? `\nRecommendations:\n${report.recommendations.map((r) => `- ${r}`).join('\n')}`
  : '\nRecommendations: none (all modules within the size thresholds).');
