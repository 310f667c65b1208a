// Growth between two build reports, per module and per group (crate, C code, glue, data).
// Works against an older report without attribution (module sizes only, then groups are null).

/**
 * @typedef {{ name: string, kind: string, before: number, after: number, delta: number }} GroupGrowth
 *   before/after/delta: estimated shipped gzip bytes (0 when the group is absent on that side).
 * @typedef {{ name: string, status: 'added' | 'removed' | 'changed',
 *   gzip: { before: number, after: number, delta: number },
 *   raw: { before: number, after: number, delta: number },
 *   brotli: { before: number, after: number, delta: number },
 *   groups: GroupGrowth[] | null }} ModuleGrowth
 */

const NO_GROUPS = { groups: [] };
const triple = (before, after) => ({ before, after, delta: after - before });

/** Per-group growth of one module between two attributions (largest change first). */
export function groupGrowth(beforeAttribution, afterAttribution) {
  if (!beforeAttribution || !afterAttribution) return null;
  const byName = new Map();
  for (const g of beforeAttribution.groups) byName.set(g.name, { name: g.name, kind: g.kind, before: g.shipped.gzip, after: 0 });
  for (const g of afterAttribution.groups) {
    const entry = byName.get(g.name) ?? { name: g.name, kind: g.kind, before: 0, after: 0 };
    entry.kind = g.kind;
    entry.after = g.shipped.gzip;
    byName.set(g.name, entry);
  }
  return [...byName.values()]
    .map((g) => ({ ...g, delta: g.after - g.before }))
    .sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta) || a.name.localeCompare(b.name));
}

/**
 * Compares `current` with `older` (both build-report.json objects).
 * @returns {{ olderVersion: string, modules: ModuleGrowth[],
 *   total: { before: number, after: number, delta: number } }}
 */
export function compareReports(current, older) {
  if (!older || typeof older.modules !== 'object') {
    throw new Error('the report to compare against has no `modules`: is it a build-report.json?');
  }
  const names = [...new Set([...Object.keys(older.modules), ...Object.keys(current.modules)])];
  const zero = { raw: 0, gzip: 0, brotli: 0 };
  const modules = names.map((name) => {
    const before = older.modules[name];
    const after = current.modules[name];
    const b = before?.wasm ?? zero;
    const a = after?.wasm ?? zero;
    return {
      name,
      status: !before ? 'added' : !after ? 'removed' : 'changed',
      gzip: triple(b.gzip, a.gzip),
      raw: triple(b.raw, a.raw),
      brotli: triple(b.brotli, a.brotli),
      // A module absent on one side has no groups there; one present without attribution (an
      // older report format) makes group growth unknown (null).
      groups: groupGrowth(before ? before.attribution ?? null : NO_GROUPS, after ? after.attribution ?? null : NO_GROUPS),
    };
  });
  return {
    olderVersion: String(older.version ?? 'unknown'),
    modules,
    total: triple(older.totals?.wasm?.gzip ?? 0, current.totals?.wasm?.gzip ?? 0),
  };
}
