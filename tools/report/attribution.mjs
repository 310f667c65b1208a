// Size attribution of one wasm module: which crates, C code, glue and data its bytes are, read
// from a build of the module that keeps its `name` section.
//
// Bytes are counted in the named module: each function's body (with its size prefix) from the
// code section, each data segment's bytes, and the module's other sections and framing as
// "module structure" (types, imports, exports, tables). Custom sections that the shipped module
// does not carry (name, producers, target_features) are listed apart, never counted.
//
// Two modes, by what the build provides:
// - exact: wasm-opt's output kept with names (`wasm-opt -g`). Without its name section it must be
//   byte for byte the shipped module (checked here), so each group's raw bytes are the shipped
//   module's own. wasm-opt's inlining has already moved code into the functions that remain,
//   which is where it is shipped.
// - estimate: only the module before wasm-opt has names (wasm-bindgen's output). Its groups'
//   shares are applied to the shipped size: raw = shipped raw x share of bytes.
// In both, gzip is shared out by each group's bytes gzipped alone (shipped gzip x group's gzip
// alone / sum of all groups' gzip alone), so that data that compresses well (zeroed tables) weighs
// less than code; a group's gzip bytes are therefore always an estimate.
import zlib from 'node:zlib';
import { parseWasm, withoutNameSection } from './wasm_binary.mjs';
import { entryPointNames, functionOrigin, readableName } from './symbols.mjs';

/** Custom sections the shipped module does not carry (wasm-opt --strip-debug/-producers/-target-features). */
const STRIPPED_CUSTOM_SECTIONS = new Set(['custom:name', 'custom:producers', 'custom:target_features']);
const TOP_FUNCTIONS = 15;
const EXPORT_NAMES_LISTED = 5;

const gzip = (bytes) => zlib.gzipSync(bytes, { level: 9 }).length;
const round4 = (x) => Number(x.toFixed(4));

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
 * Splits a named module into groups: { groups (by name), functions (per function), stripped }.
 * Each group: { name, kind, parts (its bytes, for compression), raw, functions, indices }.
 */
function groupBytes(bytes, module, ourCrates) {
  const exportedFunctions = new Set(module.exports.filter((e) => e.kind === 'function').map((e) => e.index));
  const hasSqlite = [...module.names.functions.values()].some((n) => n.startsWith('sqlite3'));
  const entryPoints = entryPointNames(module.names.functions.values(),
    module.exports.filter((e) => e.kind === 'function').map((e) => e.name));
  const groups = new Map();
  const group = (name, kind) => {
    let g = groups.get(name);
    if (!g) {
      g = { name, kind, parts: [], raw: 0, functions: 0, indices: new Set() };
      groups.set(name, g);
    }
    return g;
  };
  const functions = [];
  for (const f of module.functions) {
    const origin = functionOrigin(f.name, { ourCrates, exported: exportedFunctions.has(f.index), entryPoints, hasSqlite });
    const g = group(origin.group, origin.kind);
    g.parts.push(bytes.subarray(f.offset, f.offset + f.size));
    g.raw += f.size;
    g.functions++;
    g.indices.add(f.index);
    functions.push({ name: f.name === null ? `function[${f.index}]` : readableName(f.name), group: origin.group, bytes: f.size });
  }
  const codeBodies = module.functions.reduce((sum, f) => sum + f.size, 0);
  const segmentBytes = module.data.reduce((sum, d) => sum + d.size, 0);
  // The binary's header (magic and version, 8 bytes) is structure too.
  group('module structure', 'structure').raw += 8;
  let stripped = 0;
  for (const section of module.sections) {
    if (STRIPPED_CUSTOM_SECTIONS.has(section.name)) {
      stripped += section.size;
      continue;
    }
    // The code and data sections' own framing (header, count, segment headers) belongs to the
    // structure; their bodies and payloads to their groups.
    const g = group('module structure', 'structure');
    if (section.name === 'code') {
      g.raw += section.size - codeBodies;
      g.parts.push(bytes.subarray(section.offset, section.offset + section.size - codeBodies));
    } else if (section.name === 'data') {
      g.raw += section.size - segmentBytes;
    } else {
      g.raw += section.size;
      g.parts.push(bytes.subarray(section.offset, section.offset + section.size));
    }
  }
  // Data segments by name: wasm-ld names them .rodata, .data, ...; wasm-opt splits them into
  // .rodata.1, .rodata.2, ..., which count as the segment they came from.
  for (const segment of module.data) {
    const g = group(`data: ${segment.name?.replace(/\.\d+$/, '') ?? 'unnamed segments'}`, 'data');
    g.parts.push(bytes.subarray(segment.offset, segment.offset + segment.size));
    g.raw += segment.size;
  }
  return { groups, functions, stripped };
}

/** Whether a module has function names to attribute by. */
export function hasFunctionNames(module) {
  return module.hasNameSection && module.names.functions.size > 0;
}

function requireNames(module, source) {
  if (!hasFunctionNames(module)) {
    throw new Error(`${source} has no function names (no \`name\` section). Fix: give the report's ` +
      'config `wasmNames`, the module as tools/wasm_bindgen writes it with --out-wasm-names ' +
      '(tools/report/README.md)');
  }
}

/**
 * @typedef {import('./symbols.mjs').OriginKind | 'data' | 'structure'} GroupKind
 * @typedef {{ name: string, kind: GroupKind, functions: number,
 *   named: { raw: number, gzipAlone: number }, beforeOpt: { raw: number } | null,
 *   shipped: { raw: number, gzip: number }, share: { raw: number, gzip: number },
 *   exportsReaching: number | null, exportsReachingNames: string[] }} Group
 */

/**
 * Attributes a module's bytes.
 * @param {{ optimizedNamed?: Uint8Array | null, beforeOptNamed?: Uint8Array | null,
 *   shippedBytes: Uint8Array, shippedGzip: number, ourCrates: (crate: string) => boolean,
 *   source: string }} input
 *   optimizedNamed: wasm-opt's output with names (exact mode); beforeOptNamed: the module before
 *   wasm-opt with names (estimate mode, and per-group sizes before wasm-opt in exact mode);
 *   shippedBytes/shippedGzip: the shipped module; ourCrates: whether a crate is this project's;
 *   source: which file(s) were read, for the report.
 */
export function attributeModule({ optimizedNamed = null, beforeOptNamed = null, shippedBytes, shippedGzip, ourCrates, source }) {
  const exact = optimizedNamed !== null;
  const bytes = exact ? optimizedNamed : beforeOptNamed;
  if (!bytes) {
    throw new Error(`${source} has no function names (no \`name\` section). Fix: give the report's ` +
      'config `wasmNames`, the module as tools/wasm_bindgen writes it with --out-wasm-names ' +
      '(tools/report/README.md)');
  }
  const module = parseWasm(bytes);
  requireNames(module, source);
  if (exact && Buffer.compare(Buffer.from(withoutNameSection(bytes, module)), Buffer.from(shippedBytes)) !== 0) {
    throw new Error(`${source}: the optimized module with names is not the shipped module plus a name ` +
      'section; build both from one wasm-opt run (wasm-opt -g, then drop the name section)');
  }
  const { groups, functions, stripped } = groupBytes(bytes, module, ourCrates);
  let before = null;
  if (exact && beforeOptNamed) {
    const beforeModule = parseWasm(beforeOptNamed);
    requireNames(beforeModule, `${source} (before wasm-opt)`);
    before = groupBytes(beforeOptNamed, beforeModule, ourCrates).groups;
  }

  const shippable = [...groups.values()].reduce((sum, g) => sum + g.raw, 0);
  if (exact && shippable !== shippedBytes.length) throw new Error(`${source}: groups add up to ${shippable}, not ${shippedBytes.length}`);
  const gzipAlone = new Map([...groups.values()].map((g) => [g.name, gzip(Buffer.concat(g.parts))]));
  const gzipTotal = [...gzipAlone.values()].reduce((a, b) => a + b, 0);
  const exportsReach = reachability(module);
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
      beforeOpt: before ? { raw: before.get(g.name)?.raw ?? 0 } : null,
      shipped: {
        raw: exact ? g.raw : Math.round(shippedBytes.length * rawShare),
        gzip: Math.round(shippedGzip * gzipShare),
      },
      share: { raw: round4(rawShare), gzip: round4(gzipShare) },
      exportsReaching: reaching ? reaching.length : null,
      exportsReachingNames: reaching ? reaching.slice(0, EXPORT_NAMES_LISTED) : [],
      exactShare: { raw: rawShare, gzip: gzipShare },
    };
  }).sort((a, b) => b.shipped.gzip - a.shipped.gzip || b.shipped.raw - a.shipped.raw || a.name.localeCompare(b.name));

  // Kinds from the unrounded shares, so that no sum of rounded figures exceeds 1.
  const kinds = {};
  for (const g of result) {
    const k = (kinds[g.kind] ??= { raw: 0, gzip: 0, share: { raw: 0, gzip: 0 } });
    k.raw += g.shipped.raw;
    k.gzip += g.shipped.gzip;
    k.share.raw += g.exactShare.raw;
    k.share.gzip += g.exactShare.gzip;
  }
  for (const k of Object.values(kinds)) k.share = { raw: round4(k.share.raw), gzip: round4(k.share.gzip) };
  for (const g of result) delete g.exactShare;
  functions.sort((a, b) => b.bytes - a.bytes || a.name.localeCompare(b.name));
  return {
    source,
    exact,
    method: exact
      ? 'raw: exact (the shipped module, read with the names wasm-opt kept); gzip: estimated, ' +
        'shipped gzip shared out by each group gzipped alone'
      : 'estimated from the module before wasm-opt: raw = shipped raw x the group\'s share of bytes; ' +
        'gzip = shipped gzip shared out by each group gzipped alone',
    namedModule: {
      raw: bytes.length,
      shippable,
      strippedCustomSections: stripped,
      functions: module.functions.length,
      namedFunctions: module.functions.filter((f) => f.name !== null).length,
      functionExports: exportsReach.length,
    },
    groups: result,
    kinds,
    topFunctions: functions.slice(0, TOP_FUNCTIONS).map((f) => ({ ...f, share: round4(f.bytes / shippable) })),
  };
}
