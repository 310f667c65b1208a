// Writes the bundle report as one self-contained HTML page: inline CSS and SVG, no script, no
// external resource (it opens from a file, offline, and draws without JavaScript).
// - One stacked bar per module (its estimated gzip bytes by origin), all on one scale.
// - Per module, a treemap of its groups (crates, C code, glue, data) by estimated gzip bytes,
//   the table of groups and the module's biggest functions.

/** Colours by origin kind; groups of one kind get lighter shades in order of size. */
const KIND_COLOURS = {
  ours: [37, 99, 235],
  rust: [234, 88, 12],
  'rust-std': [100, 116, 139],
  bindgen: [147, 51, 234],
  c: [22, 163, 74],
  data: [202, 138, 4],
  structure: [148, 163, 184],
  other: [220, 38, 38],
};

export const KIND_LABELS = {
  ours: 'our crates',
  rust: 'third-party Rust crates',
  'rust-std': 'Rust standard library',
  bindgen: 'wasm-bindgen (runtime crates and generated glue)',
  c: 'C code',
  data: 'data segments',
  structure: 'module structure (types, imports, exports, tables)',
  other: 'unattributed',
};

const escapeHtml = (text) => String(text).replace(/[&<>"']/g, (c) => ({
  '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;',
})[c]);

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const percent = (share) => `${(share * 100).toFixed(1)}%`;

/** The fill colour of the `rank`-th group of a kind (0 = the kind's biggest). */
function colour(kind, rank) {
  const [r, g, b] = KIND_COLOURS[kind] ?? KIND_COLOURS.other;
  const mix = Math.min(0.6, rank * 0.12);
  const tint = (c) => Math.round(c + (255 - c) * mix);
  return `rgb(${tint(r)}, ${tint(g)}, ${tint(b)})`;
}

/** Colour of every group of a module: by kind, then by rank within the kind. */
function groupColours(groups) {
  const ranks = {};
  const colours = new Map();
  for (const g of groups) {
    const rank = ranks[g.kind] ?? 0;
    ranks[g.kind] = rank + 1;
    colours.set(g.name, colour(g.kind, rank));
  }
  return colours;
}

/**
 * Squarified treemap (Bruls, Huizing, van Wijk 2000): lays `items` (value > 0, sorted by value,
 * largest first) out in the rectangle, rows of near-square cells along its shorter side.
 * @template {{ value: number }} T
 * @param {T[]} items
 * @returns {{ item: T, x: number, y: number, w: number, h: number }[]}
 */
export function squarify(items, x, y, w, h) {
  const cells = [];
  const total = items.reduce((sum, item) => sum + item.value, 0);
  if (total <= 0) return cells;
  const scale = (w * h) / total;
  let rest = items.map((item) => ({ item, area: item.value * scale }));
  const worst = (row, side) => {
    const sum = row.reduce((s, r) => s + r.area, 0);
    const max = Math.max(...row.map((r) => r.area));
    const min = Math.min(...row.map((r) => r.area));
    return Math.max((side * side * max) / (sum * sum), (sum * sum) / (side * side * min));
  };
  while (rest.length > 0) {
    const side = Math.min(w, h);
    const row = [rest[0]];
    let i = 1;
    while (i < rest.length && worst([...row, rest[i]], side) <= worst(row, side)) row.push(rest[i++]);
    rest = rest.slice(i);
    const rowArea = row.reduce((s, r) => s + r.area, 0);
    if (w >= h) {
      const rowWidth = rowArea / h;
      let cy = y;
      for (const r of row) {
        const ch = r.area / rowWidth;
        cells.push({ item: r.item, x, y: cy, w: rowWidth, h: ch });
        cy += ch;
      }
      x += rowWidth;
      w -= rowWidth;
    } else {
      const rowHeight = rowArea / w;
      let cx = x;
      for (const r of row) {
        const cw = r.area / rowHeight;
        cells.push({ item: r.item, x: cx, y, w: cw, h: rowHeight });
        cx += cw;
      }
      y += rowHeight;
      h -= rowHeight;
    }
  }
  return cells;
}

const fixed = (n) => Number(n.toFixed(2));

function stackedBars(report) {
  const modules = Object.entries(report.modules);
  const widest = Math.max(...modules.map(([, m]) => m.wasm.gzip));
  const labelWidth = 150;
  const barWidth = 760;
  const rowHeight = 34;
  const height = modules.length * rowHeight + 10;
  const rows = modules.map(([name, m], i) => {
    const y = i * rowHeight + 5;
    const colours = groupColours(m.attribution.groups);
    let x = labelWidth;
    const segments = m.attribution.groups.filter((g) => g.shipped.gzip > 0).map((g) => {
      const w = (g.shipped.gzip / widest) * barWidth;
      const rect = `<rect class="segment" data-module="${escapeHtml(name)}" data-group="${escapeHtml(g.name)}" ` +
        `data-bytes="${g.shipped.gzip}" x="${fixed(x)}" y="${y}" width="${fixed(w)}" height="24" ` +
        `fill="${colours.get(g.name)}"><title>${escapeHtml(`${name}: ${g.name}, ${kb(g.shipped.gzip)} gzip (${percent(g.share.gzip)})`)}</title></rect>`;
      x += w;
      return rect;
    });
    return [
      `<text x="0" y="${y + 17}" class="label">${escapeHtml(name)}</text>`,
      ...segments,
      `<text x="${fixed(x + 6)}" y="${y + 17}" class="value">${kb(m.wasm.gzip)}</text>`,
    ].join('');
  });
  return `<svg class="bars" role="img" aria-label="Estimated gzip bytes of each module by origin" ` +
    `viewBox="0 0 ${labelWidth + barWidth + 90} ${height}" width="${labelWidth + barWidth + 90}" height="${height}">` +
    `${rows.join('\n')}</svg>`;
}

function treemap(name, m) {
  const width = 900;
  const height = 360;
  const colours = groupColours(m.attribution.groups);
  const items = m.attribution.groups.filter((g) => g.shipped.gzip > 0).map((g) => ({ value: g.shipped.gzip, group: g }));
  const cells = squarify(items, 0, 0, width, height).map(({ item, x, y, w, h }) => {
    const g = item.group;
    const label = w > 70 && h > 30
      ? `<text x="${fixed(x + 4)}" y="${fixed(y + 15)}" class="cell">${escapeHtml(g.name.length * 7 > w ? `${g.name.slice(0, Math.max(3, Math.floor(w / 7) - 1))}…` : g.name)}</text>` +
        `<text x="${fixed(x + 4)}" y="${fixed(y + 29)}" class="cell small">${kb(g.shipped.gzip)} · ${percent(g.share.gzip)}</text>`
      : '';
    return `<g><rect class="cell" data-module="${escapeHtml(name)}" data-group="${escapeHtml(g.name)}" ` +
      `data-bytes="${g.shipped.gzip}" x="${fixed(x)}" y="${fixed(y)}" width="${fixed(w)}" height="${fixed(h)}" ` +
      `fill="${colours.get(g.name)}" stroke="#fff" stroke-width="1">` +
      `<title>${escapeHtml(`${g.name} (${KIND_LABELS[g.kind]}): ${kb(g.shipped.gzip)} gzip, ${percent(g.share.gzip)}; ${kb(g.shipped.raw)} raw`)}</title></rect>${label}</g>`;
  });
  return `<svg class="treemap" data-module="${escapeHtml(name)}" role="img" aria-label="${escapeHtml(name)} by origin" ` +
    `viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">${cells.join('\n')}</svg>`;
}

function groupTable(m) {
  const rows = m.attribution.groups.map((g) => `<tr><td>${escapeHtml(g.name)}</td><td>${escapeHtml(KIND_LABELS[g.kind])}</td>` +
    `<td class="n">${kb(g.shipped.gzip)}</td><td class="n">${percent(g.share.gzip)}</td><td class="n">${kb(g.shipped.raw)}</td>` +
    `<td class="n">${g.functions}</td><td class="n">${g.exportsReaching === null ? '' : `${g.exportsReaching}/${m.attribution.namedModule.functionExports}`}</td></tr>`);
  return `<table><thead><tr><th>group</th><th>origin</th><th>gzip (est.)</th><th>share</th><th>${m.attribution.exact ? 'raw' : 'raw (est.)'}</th>` +
    `<th>functions</th><th>exports reaching it</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function functionTable(m) {
  const rows = m.attribution.topFunctions.map((f) => `<tr><td class="fn">${escapeHtml(f.name)}</td><td>${escapeHtml(f.group)}</td>` +
    `<td class="n">${f.bytes}</td><td class="n">${percent(f.share)}</td></tr>`);
  return `<table><thead><tr><th>function${m.attribution.exact ? '' : ' (before wasm-opt)'}</th><th>group</th><th>bytes</th><th>share</th></tr></thead>` +
    `<tbody>${rows.join('')}</tbody></table>`;
}

function legend() {
  return `<ul class="legend">${Object.entries(KIND_LABELS).map(([kind, label]) =>
    `<li><span class="swatch" style="background:${colour(kind, 0)}"></span>${escapeHtml(label)}</li>`).join('')}</ul>`;
}

/**
 * The HTML page for a build report (the object bundle_report.mjs writes).
 * @param {object} report
 * @returns {string}
 */
export function reportHtml(report) {
  const modules = Object.entries(report.modules);
  const method = modules[0]?.[1].attribution?.method ?? '';
  const sections = modules.map(([name, m]) => [
    `<section class="module" id="module-${escapeHtml(name)}">`,
    `<h2>${escapeHtml(name)} <small>${kb(m.wasm.gzip)} gzip · ${kb(m.wasm.raw)} raw · wasm-opt -${escapeHtml(m.optLevel)}` +
      `${m.gzipBudget ? ` · budget ${kb(m.gzipBudget)}` : ''}</small></h2>`,
    treemap(name, m),
    groupTable(m),
    '<details><summary>Biggest functions</summary>',
    functionTable(m),
    '</details>',
    '</section>',
  ].join('\n'));
  const recommendations = report.recommendations.length > 0
    ? `<ul>${report.recommendations.map((r) => `<li>${escapeHtml(r.message)}</li>`).join('')}</ul>`
    : '<p>None.</p>';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escapeHtml(`${report.package} ${report.version}: bundle report`)}</title>
<style>
body { font: 14px/1.4 system-ui, sans-serif; margin: 24px; color: #111; background: #fff; }
h1 { font-size: 20px; } h2 { font-size: 17px; margin-top: 32px; } h2 small { font-weight: normal; color: #555; }
svg text.label { font-size: 13px; font-weight: 600; fill: #111; } svg text.value { font-size: 12px; fill: #333; }
svg text.cell { font-size: 12px; fill: #fff; pointer-events: none; } svg text.small { font-size: 11px; }
table { border-collapse: collapse; margin: 8px 0; } td, th { padding: 2px 8px; border-bottom: 1px solid #e5e7eb; text-align: left; }
td.n { text-align: right; font-variant-numeric: tabular-nums; } td.fn { font-family: monospace; font-size: 12px; max-width: 700px; overflow-wrap: anywhere; }
.legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 6px 18px; }
.swatch { display: inline-block; width: 12px; height: 12px; margin-right: 6px; vertical-align: -1px; }
.note { color: #555; max-width: 900px; }
</style></head>
<body>
<h1>${escapeHtml(`${report.package} ${report.version}`)}: what the modules hold</h1>
<p class="note">Sizes are each module's shipped SIMD128 build. ${escapeHtml(method)}.</p>
${legend()}
${stackedBars(report)}
<h2>Recommendations</h2>
${recommendations}
${sections.join('\n')}
</body></html>
`;
}
