// Size budgets: each module declares the gzip bytes it may ship (`gzip_budget` in its BUILD
// file); the build fails when a build of the module (SIMD128 or baseline: either may be what an
// engine downloads) exceeds it.
//
// The failure explains the size. Growth needs a reference, so when the package has a committed
// baseline report (an earlier build-report.json), the message lists the groups (crates, C code,
// glue, data) that grew most since it; it always lists the module's biggest groups now, which is
// all a budget set without a baseline can be compared against.
import { groupGrowth } from './compare.mjs';

const CONTRIBUTORS = 5;
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const bytesText = (n) => `${n.toLocaleString('en-US')} bytes`;
const percent = (share) => `${(share * 100).toFixed(1)}%`;
const signed = (n) => `${n >= 0 ? '+' : '-'}${Math.abs(n) < 1024 ? `${Math.abs(n)} B` : kb(Math.abs(n))}`;

/**
 * The budget failures of a report, each a message naming the module, its budget and the
 * biggest contributors; empty when every module is within its budget (or has none).
 * @param {object} report the build report (modules with `gzipBudget` where declared)
 * @param {{ report: object, path: string } | null} baseline the committed baseline report
 * @returns {string[]}
 */
export function budgetFailures(report, baseline) {
  const failures = [];
  for (const [name, m] of Object.entries(report.modules)) {
    if (m.gzipBudget === undefined || m.gzipBudget === null) continue;
    const builds = [['SIMD128 build', m.wasm.gzip, m.attribution]];
    if (m.baseline) builds.push(['baseline build', m.baseline.wasm.gzip, m.baseline.attribution ?? null]);
    for (const [build, gzip, attribution] of builds) {
      if (gzip <= m.gzipBudget) continue;
      const over = gzip - m.gzipBudget;
      const lines = [
        `module ${name} (${build}) is ${bytesText(gzip)} gzip, over its budget of ${bytesText(m.gzipBudget)} ` +
          `by ${bytesText(over)} (${percent(over / m.gzipBudget)}).`,
      ];
      const before = baseline?.report.modules?.[name];
      if (before) {
        const beforeGzip = build === 'baseline build' ? before.baseline?.wasm?.gzip : before.wasm?.gzip;
        const beforeAttribution = build === 'baseline build' ? before.baseline?.attribution : before.attribution;
        if (beforeGzip !== undefined) {
          lines.push(`  Since ${baseline.path} (version ${baseline.report.version}): ${signed(gzip - beforeGzip)} gzip.`);
        }
        const growth = groupGrowth(beforeAttribution ?? null, attribution);
        const grown = growth?.filter((x) => x.delta > 0).slice(0, CONTRIBUTORS);
        if (!growth) {
          lines.push('  The baseline report has no attribution: growth by group unknown.');
        } else if (grown.length === 0) {
          lines.push('  No group grew since it: the budget is below what the baseline already shipped.');
        } else {
          lines.push('  Biggest growth by group (estimated gzip):');
          for (const g of grown) lines.push(`    ${g.name}: ${signed(g.delta)} (${kb(g.before)} -> ${kb(g.after)})`);
        }
      } else {
        lines.push('  No baseline report to measure growth against: the biggest groups now follow.');
      }
      if (attribution) {
        lines.push('  Biggest groups now (estimated gzip):');
        for (const g of attribution.groups.slice(0, CONTRIBUTORS)) {
          lines.push(`    ${g.name}: ${kb(g.shipped.gzip)} (${percent(g.share.gzip)})`);
        }
      }
      lines.push('  Fix: make the module smaller (`bazel run //npm:report` shows what it holds), or raise ' +
        '`gzip_budget` in its BUILD file if the growth is intended.');
      failures.push(lines.join('\n'));
    }
  }
  return failures;
}
