// Size attribution of one wasm module: which crates, C code, glue and data its bytes are, read
// from a build of the module that still has its `name` section.
//
// Bytes are counted in the named module: each function's body (with its size prefix) from the
// code section, each data segment's bytes, and the module's other sections as "module structure"
// (types, imports, exports, tables). Custom sections that wasm-opt strips (name, producers,
// target_features) are listed apart and never counted as shipped.
//
// The shipped module is the output of wasm-opt, which drops the names, so its bytes cannot be
// mapped back to functions. The report estimates each group's share of the shipped module as
// its share of the named module, applied to the shipped size:
//   raw:  shipped raw  x (group's bytes / named module's shippable bytes);
//   gzip: shipped gzip x (gzip of the group's bytes alone / sum of every group's gzip alone),
//         so that data that compresses well (zeroed tables) weighs less than code.
// Every figure so derived is labelled an estimate in the report (`method`).
import zlib from 'node:zlib';
import { parseWasm } from './wasm_binary.mjs';
import { functionOrigin, readableName } from './symbols.mjs';

/** Custom sections wasm-opt removes from the shipped module (--strip-debug/-producers/-target-features). */
const STRIPPED_CUSTOM_SECTIONS = new Set(['custom:name', 'custom:producers', 'custom:target_features']);
const TOP_FUNCTIONS = 15;
const EXPORT_NAMES_LISTED = 5;

const gzip = (bytes) => zlib.gzipSync(bytes, { level: 9 }).length;

/**
 * Export -> set of function indices it reaches through direct calls and references, where a
 * function that makes an indirect call reaches every function in the table (conservative: a
 * call_indirect's target is known only at run time).
 */
function reachability(module) {
  const byIndex = new Map(module.functions.map((f) => [f.index, f]));
  const tableTargets = [...new Set(module.tableFunctions)];
  const reach = (root) => {
    const seen = new Set();
    const stack = [root];
    let tableVisited = false;
    while (stack.length > 0) {
      const index = stack.pop();
      if (seen.has(index)) continue;
      seen.add(index);
      const f = byIndex.get(index);
      if (!f) continue; // an import
      for (const callee of f.calls) if (!seen.has(callee)) stack.push(callee);
      for (const target of f.refs) if (!seen.has(target)) stack.push(target);
      if (f.indirect && !tableVisited) {
        tableVisited = true;
        for (const target of tableTargets) if (!seen.has(target)) stack.push(target);
      }
    }
    return seen;
  };
  return module.exports.filter((e) => e.kind === 'function').map((e) => ({ name: e.name, reached: reach(e.index) }));
}

/**
 * @typedef {import('./symbols.mjs').OriginKind | 'data' | 'structure'} GroupKind
 * @typedef {{ name: string, kind: GroupKind, functions: number,
 *   named: { raw: number, gzipAlone: number },
 *   shipped: { raw: number, gzip: number }, share: { raw: number, gzip: number },
 *   exportsReaching: number | null, exportsReachingNames: string[] }} Group
 */

/**
 * Attributes a module's bytes.
 * @param {Uint8Array} namedBytes a build of the module with its name section (before wasm-opt)
 * @param {{ raw: number, gzip: number }} shipped the shipped (optimized, stripped) module's sizes
 * @param {{ ourCrates: (crate: string) => boolean, source: string }} options
 *   ourCrates: whether a crate is this project's; source: which file was read (for the report)
 */
export function attributeModule(namedBytes, shipped, { ourCrates, source }) {
  const module = parseWasm(namedBytes);
  if (!module.hasNameSection || module.names.functions.size === 0) {
    throw new Error(`${source} has no function names (no \`name\` section): attribution needs a ` +
      'build of the module that keeps it (see tools/report/README.md)');
  }
  const exportedFunctions = new Set(module.exports.filter((e) => e.kind === 'function').map((e) => e.index));
  const hasSqlite = [...module.names.functions.values()].some((n) => n.startsWith('sqlite3'));
  /** @type {Map<string, { name: string, kind: GroupKind, parts: Uint8Array[], raw: number, functions: number, indices: Set<number> }>} */
  const groups = new Map();
  const group = (name, kind) => {
    let g = groups.get(name);
    if (!g) {
      g = { name, kind, parts: [], raw: 0, functions: 0, indices: new Set() };
      groups.set(name, g);
    }
    return g;
  };
  const functionSizes = [];
  for (const f of module.functions) {
    const origin = functionOrigin(f.name, { ourCrates, exported: exportedFunctions.has(f.index), hasSqlite });
    const g = group(origin.group, origin.kind);
    g.parts.push(namedBytes.subarray(f.offset, f.offset + f.size));
    g.raw += f.size;
    g.functions++;
    g.indices.add(f.index);
    functionSizes.push({ name: f.name === null ? `function[${f.index}]` : readableName(f.name), group: origin.group, bytes: f.size });
  }
  const codeBodies = module.functions.reduce((sum, f) => sum + f.size, 0);
  let stripped = 0;
  let dataBytes = 0;
  for (const section of module.sections) {
    const bytes = namedBytes.subarray(section.offset, section.offset + section.size);
    if (STRIPPED_CUSTOM_SECTIONS.has(section.name)) {
      stripped += section.size;
    } else if (section.name === 'data') {
      dataBytes = section.size;
    } else {
      const g = group('module structure', 'structure');
      // The code section's own header and body count belong to the structure, its bodies to
      // their functions.
      const own = section.name === 'code' ? section.size - codeBodies : section.size;
      g.parts.push(section.name === 'code' ? bytes.subarray(0, own) : bytes);
      g.raw += own;
    }
  }
  // Data segments by name (wasm-ld names them .rodata, .data, ...); the section's framing
  // (segment count, flags, offset expressions, lengths) goes to the structure.
  let segmentBytes = 0;
  for (const segment of module.data) {
    const g = group(`data: ${segment.name ?? `segment ${segment.index}`}`, 'data');
    g.parts.push(namedBytes.subarray(segment.offset, segment.offset + segment.size));
    g.raw += segment.size;
    segmentBytes += segment.size;
  }
  if (dataBytes > 0) {
    const s = group('module structure', 'structure');
    s.raw += dataBytes - segmentBytes;
  }

  const shippable = [...groups.values()].reduce((sum, g) => sum + g.raw, 0);
  const gzipAlone = new Map([...groups.values()].map((g) => [g.name, gzip(Buffer.concat(g.parts))]));
  const gzipTotal = [...gzipAlone.values()].reduce((a, b) => a + b, 0);
  const exportsReach = reachability(module);
  const functionExports = exportsReach.length;
  const result = [...groups.values()].map((g) => {
    const rawShare = g.raw / shippable;
    const gzipShare = gzipAlone.get(g.name) / gzipTotal;
    const reaching = g.indices.size > 0
      ? exportsReach.filter((e) => [...g.indices].some((i) => e.reached.has(i))).map((e) => e.name)
      : null;
    return {
      name: g.name,
      kind: g.kind,
      functions: g.functions,
      named: { raw: g.raw, gzipAlone: gzipAlone.get(g.name) },
      shipped: { raw: Math.round(shipped.raw * rawShare), gzip: Math.round(shipped.gzip * gzipShare) },
      share: { raw: round4(rawShare), gzip: round4(gzipShare) },
      exact: { raw: rawShare, gzip: gzipShare },
      exportsReaching: reaching ? reaching.length : null,
      exportsReachingNames: reaching ? reaching.slice(0, EXPORT_NAMES_LISTED) : [],
    };
  }).sort((a, b) => b.shipped.gzip - a.shipped.gzip || a.name.localeCompare(b.name));

  // Kinds from the unrounded shares, so that no sum of rounded figures exceeds 1.
  const kinds = {};
  for (const g of result) {
    const k = (kinds[g.kind] ??= { raw: 0, gzip: 0, share: { raw: 0, gzip: 0 } });
    k.raw += g.shipped.raw;
    k.gzip += g.shipped.gzip;
    k.share.raw += g.exact.raw;
    k.share.gzip += g.exact.gzip;
  }
  for (const k of Object.values(kinds)) k.share = { raw: round4(k.share.raw), gzip: round4(k.share.gzip) };
  for (const g of result) delete g.exact;
  functionSizes.sort((a, b) => b.bytes - a.bytes || a.name.localeCompare(b.name));
  return {
    source,
    method: 'estimate: share of the named module before wasm-opt, applied to the shipped size ' +
      '(raw: share of bytes; gzip: share of each group gzipped alone)',
    namedModule: {
      raw: namedBytes.length,
      shippable,
      strippedCustomSections: stripped,
      functions: module.functions.length,
      namedFunctions: module.functions.filter((f) => f.name !== null).length,
      functionExports,
    },
    groups: result,
    kinds,
    topFunctions: functionSizes.slice(0, TOP_FUNCTIONS).map((f) => ({
      ...f,
      share: round4(f.bytes / shippable),
    })),
  };
}

function round4(x) {
  return Number(x.toFixed(4));
}
