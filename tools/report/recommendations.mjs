// Recommendations derived from the report's attribution and measurements: each rule fires only
// on what this build measured, and its message carries the figures that made it fire.

/** A group this share of a module's gzip or more is "heavy"... */
export const HEAVY_SHARE = 0.1;
/** ...and at least this many bytes (gzip), so small modules do not produce noise. */
export const HEAVY_MIN_GZIP = 8 * 1024;
/** ...and "reached by few exports" when at most this share of the function exports reach it (at least 1 export). */
export const FEW_EXPORTS_SHARE = 0.1;
/** A module's wasm-opt saving under this fraction of the median saving at its level is "unusually small". */
export const SMALL_SAVING_FRACTION = 0.5;
/** The median needs this many other builds at the same level. */
export const SAVING_PEERS = 2;
/** Unattributed bytes above this share of a module make the attribution itself suspect. */
export const UNATTRIBUTED_SHARE = 0.05;

const MB = 1024 * 1024;
// The design's size thresholds.
const TOTAL_WASM_SPLIT = 5 * MB;
const UNIFIED_SPLIT = 3 * MB;
const NEURAL_LAZY = 2 * MB;

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const percent = (share) => `${(share * 100).toFixed(1)}%`;

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Crates (or C code, glue) that weigh much in a module while few of its exports reach them. */
function heavyGroupsFewExports(name, m) {
  const out = [];
  const exportsTotal = m.attribution.namedModule.functionExports;
  const few = Math.max(1, Math.floor(exportsTotal * FEW_EXPORTS_SHARE));
  for (const g of m.attribution.groups) {
    if (g.exportsReaching === null || ['structure', 'data', 'other'].includes(g.kind)) continue;
    if (g.share.gzip < HEAVY_SHARE || g.shipped.gzip < HEAVY_MIN_GZIP) continue;
    if (g.exportsReaching > few) continue;
    const reach = g.exportsReaching === 0
      ? 'no export reaches it (only the start function or the table does)'
      : `only ${g.exportsReaching} of the module's ${exportsTotal} exported functions reach it ` +
        `(${g.exportsReachingNames.join(', ')})`;
    out.push({
      rule: 'heavy-group-few-exports',
      module: name,
      message: `${name}: ${g.name} is ${kb(g.shipped.gzip)} gzip (${percent(g.share.gzip)} of the module) but ${reach}; ` +
        'moving those exports behind a Cargo feature or into a module of their own would spare the users who never call them.',
    });
  }
  return out;
}

/** Builds whose wasm-opt saving is far below the median of the other builds at the same level. */
function smallOptSavings(modules) {
  const builds = [];
  for (const [name, m] of Object.entries(modules)) {
    builds.push({ name, label: name, level: m.optLevel, saving: m.wasmOptSaving, m });
    if (m.baseline) builds.push({ name, label: `${name} (baseline build)`, level: m.optLevel, saving: m.baseline.wasmOptSaving, m });
  }
  const out = [];
  for (const build of builds) {
    const peers = builds.filter((b) => b.level === build.level && b.name !== build.name);
    if (new Set(peers.map((p) => p.name)).size < SAVING_PEERS) continue;
    const typical = median(peers.map((p) => p.saving));
    if (typical <= 0 || build.saving >= typical * SMALL_SAVING_FRACTION) continue;
    const attribution = build.m.attribution;
    const c = attribution?.kinds?.c;
    const why = c && c.share.gzip >= 0.25
      ? ` ${percent(c.share.gzip)} of it is C code, already optimized by clang: its compile flags, not wasm-opt, decide that part's size.`
      : attribution
        ? ` Its biggest groups: ${attribution.groups.slice(0, 3).map((g) => `${g.name} ${percent(g.share.gzip)}`).join(', ')}.`
        : '';
    out.push({
      rule: 'small-wasm-opt-saving',
      module: build.name,
      message: `${build.label}: wasm-opt -${build.level} saved ${percent(build.saving)}, against a median of ` +
        `${percent(typical)} for the other modules at -${build.level}.${why}`,
    });
  }
  return out;
}

/** A module bundling others that is bigger than their sum, with the groups that grew. */
function bundleBiggerThanParts(name, m, modules) {
  const c = m.comparedWithBundledModules;
  if (!c || c.gzipRatio <= 1) return [];
  let detail = '';
  if (m.attribution && m.bundles.every((b) => modules[b].attribution)) {
    const sum = new Map();
    for (const b of m.bundles) {
      for (const g of modules[b].attribution.groups) sum.set(g.name, (sum.get(g.name) ?? 0) + g.shipped.gzip);
    }
    const grown = m.attribution.groups
      .map((g) => ({ name: g.name, delta: g.shipped.gzip - (sum.get(g.name) ?? 0) }))
      .filter((g) => g.delta > 0)
      .sort((a, b) => b.delta - a.delta)
      .slice(0, 3);
    if (grown.length > 0) {
      detail = ` Groups bigger in ${name} than in the separate modules together: ` +
        `${grown.map((g) => `${g.name} +${kb(g.delta)}`).join(', ')}.`;
    }
  }
  return [{
    rule: 'bundle-bigger-than-parts',
    module: name,
    message: `${name} is ${kb(m.wasm.gzip)} gzip, ${c.gzipRatio.toFixed(2)}x the sum of ${m.bundles.join(', ')} ` +
      `(${kb(c.sumOfWasm.gzip)}): bundling should share the standard library and glue, not add code.${detail}`,
  }];
}

function unattributed(name, m) {
  const other = m.attribution.kinds.other;
  if (!other || other.share.gzip <= UNATTRIBUTED_SHARE) return [];
  const names = m.attribution.groups.filter((g) => g.kind === 'other').map((g) => g.name).join(', ');
  return [{
    rule: 'unattributed',
    module: name,
    message: `${name}: ${percent(other.share.gzip)} (${kb(other.gzip)} gzip) is unattributed (${names}): ` +
      'the symbol rules in tools/report/symbols.mjs do not explain those names; extend them.',
  }];
}

/**
 * Every recommendation for a report (its modules measured and attributed).
 * @returns {{ rule: string, module: string | null, message: string }[]}
 */
export function recommendations(report) {
  const { modules, totals } = report;
  const out = [];
  for (const [name, m] of Object.entries(modules)) {
    if (m.attribution) {
      out.push(...heavyGroupsFewExports(name, m));
      out.push(...unattributed(name, m));
    }
    out.push(...bundleBiggerThanParts(name, m, modules));
  }
  out.push(...smallOptSavings(modules));
  if (totals.wasm.raw > TOTAL_WASM_SPLIT) {
    out.push({ rule: 'design-threshold', module: null, message: `Total wasm is ${kb(totals.wasm.raw)}, over the design's 5 MB: split modules further for progressive loading.` });
  }
  if (modules.unified && modules.unified.wasm.raw > UNIFIED_SPLIT) {
    out.push({ rule: 'design-threshold', module: 'unified', message: `The unified module is ${kb(modules.unified.wasm.raw)}, over the design's 3 MB: prefer the separate modules, or split it.` });
  }
  if (modules.neural && modules.neural.wasm.raw > NEURAL_LAZY) {
    out.push({ rule: 'design-threshold', module: 'neural', message: `The neural module is ${kb(modules.neural.wasm.raw)}, over the design's 2 MB: load it lazily (load("neural") on first use).` });
  }
  return out;
}
