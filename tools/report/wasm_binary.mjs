// Reads the parts of a WebAssembly binary that size attribution needs: every section's extent,
// the imports and exports, each defined function's body (its bytes and the functions it calls or
// takes a reference to), the table's element segments, the data segments and the `name` custom
// section (function and data segment names).
//
// Why not binaryen (already a build input): binaryen.js rewrites the module into its own IR, so it
// cannot say how many bytes of the binary a function occupies; and its text output of the
// persistence module (before wasm-opt) is tens of MB to scan for calls. Decoding the binary
// directly gives exact byte extents and the call graph in one pass, in well under a second.
//
// Decoding covers the instructions rustc/LLVM 22 and wasm-bindgen emit for wasm32 (MVP, sign-ext,
// non-trapping float-to-int, bulk memory, reference types, multi-value, SIMD128, tail calls,
// legacy exception handling); an unknown opcode is an Error naming its offset, never a guess.

const SECTION_NAMES = [
  'custom', 'type', 'import', 'function', 'table', 'memory', 'global', 'export', 'start',
  'element', 'code', 'data', 'datacount', 'tag',
];

const EXTERNAL_KIND = ['function', 'table', 'memory', 'global', 'tag'];

/** Reads LEB128 integers, strings and bytes from a Uint8Array, bounds-checked. */
class Reader {
  /** @param {Uint8Array} bytes @param {number} [start] @param {number} [end] */
  constructor(bytes, start = 0, end = bytes.length) {
    this.bytes = bytes;
    this.pos = start;
    this.end = end;
  }

  /** @returns {never} */
  fail(message) {
    throw new Error(`wasm: ${message} at byte ${this.pos}`);
  }

  byte() {
    if (this.pos >= this.end) this.fail('unexpected end');
    return this.bytes[this.pos++];
  }

  /** An unsigned LEB128 of up to 32 bits (a u32 in the format). */
  u32() {
    let result = 0;
    let shift = 0;
    for (;;) {
      const b = this.byte();
      if (shift === 28 && (b & 0x70) !== 0) this.fail('u32 out of range');
      result += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) return result;
      shift += 7;
      if (shift > 28) this.fail('u32 too long');
    }
  }

  /** Skips a (signed or unsigned) LEB128 of up to `maxBytes` bytes. */
  skipLeb(maxBytes) {
    for (let i = 0; i < maxBytes; i++) {
      if ((this.byte() & 0x80) === 0) return;
    }
    this.fail('LEB128 too long');
  }

  skip(count) {
    if (this.pos + count > this.end) this.fail(`${count} bytes past the end`);
    this.pos += count;
  }

  string() {
    const length = this.u32();
    const start = this.pos;
    this.skip(length);
    return new TextDecoder('utf-8', { fatal: false }).decode(this.bytes.subarray(start, start + length));
  }

  atEnd() {
    return this.pos >= this.end;
  }
}

/** Skips a value type (a single byte, or a GC-proposal reference type with its heap type). */
function skipValueType(r) {
  const type = r.byte();
  if (type === 0x63 || type === 0x64) r.skipLeb(5);
}

function skipLimits(r) {
  const flags = r.byte();
  r.skipLeb(10);
  if (flags & 0x01) r.skipLeb(10);
}

function skipTableType(r) {
  skipValueType(r);
  skipLimits(r);
}

function skipGlobalType(r) {
  skipValueType(r);
  r.byte();
}

/** A block type: 0x40 (empty), a value type, or a type index (all one signed LEB128). */
function skipBlockType(r) {
  const first = r.bytes[r.pos];
  if (first === 0x63 || first === 0x64) {
    r.byte();
    r.skipLeb(5);
  } else {
    r.skipLeb(5);
  }
}

function skipMemarg(r) {
  const align = r.u32();
  if (align & 0x40) r.u32(); // multi-memory: an explicit memory index follows
  r.skipLeb(10);
}

// Opcodes without immediates: control (unreachable, nop, else, return, drop, select, catch_all,
// throw_ref), the numeric range 0x45-0xC4 and the reference tests.
const NO_IMMEDIATE = new Set([0x00, 0x01, 0x05, 0x0a, 0x0f, 0x19, 0x1a, 0x1b, 0xd1, 0xd3, 0xd5]);
for (let op = 0x45; op <= 0xc4; op++) NO_IMMEDIATE.add(op);

/**
 * Decodes one expression (a function body's instructions or a constant expression) up to the
 * end of its extent. Records direct call targets and `ref.func` targets into `calls`/`refs`
 * and whether it makes indirect calls.
 */
function scanExpression(r, out) {
  // Nesting depth: the body's own `end` takes it to -1, which must be its last byte. A decoder
  // that misread an immediate loses this balance, so a wrong decode is an Error, not a wrong size.
  let depth = 0;
  while (!r.atEnd()) {
    const op = r.byte();
    if (op === 0x0b) {
      depth--;
      if (depth < 0 && !r.atEnd()) r.fail('instructions after the function body\'s end');
      continue;
    }
    if (NO_IMMEDIATE.has(op)) continue;
    switch (op) {
      case 0x02: case 0x03: case 0x04: case 0x06: // block loop if try
        depth++;
        skipBlockType(r);
        break;
      case 0x07: case 0x08: case 0x09: case 0x18: // catch throw rethrow delegate
      case 0x0c: case 0x0d: // br br_if
      case 0x20: case 0x21: case 0x22: case 0x23: case 0x24: // local.* global.*
      case 0x25: case 0x26: // table.get table.set
      case 0x3f: case 0x40: // memory.size memory.grow
      case 0xd4: case 0xd6: // br_on_null br_on_non_null
        r.u32();
        break;
      case 0x0e: { // br_table
        const count = r.u32();
        for (let i = 0; i <= count; i++) r.u32();
        break;
      }
      case 0x10: case 0x12: // call return_call
        out.calls.push(r.u32());
        break;
      case 0x11: case 0x13: // call_indirect return_call_indirect
        r.u32();
        r.u32();
        out.indirect = true;
        break;
      case 0x1c: { // select with types
        const count = r.u32();
        for (let i = 0; i < count; i++) skipValueType(r);
        break;
      }
      case 0x1f: { // try_table
        depth++;
        skipBlockType(r);
        const count = r.u32();
        for (let i = 0; i < count; i++) {
          const kind = r.byte();
          if (kind === 0x00 || kind === 0x01) r.u32();
          r.u32();
        }
        break;
      }
      case 0x41: r.skipLeb(5); break; // i32.const
      case 0x42: r.skipLeb(10); break; // i64.const
      case 0x43: r.skip(4); break; // f32.const
      case 0x44: r.skip(8); break; // f64.const
      case 0xd0: skipBlockType(r); break; // ref.null heaptype
      case 0xd2: out.refs.push(r.u32()); break; // ref.func
      case 0xfc: scanMiscOp(r); break;
      case 0xfd: scanSimdOp(r); break;
      default:
        if (op >= 0x28 && op <= 0x3e) {
          skipMemarg(r);
          break;
        }
        r.pos--;
        r.fail(`unknown opcode 0x${op.toString(16)}`);
    }
  }
  if (depth !== -1) r.fail('function body does not end with its `end`');
}

function scanMiscOp(r) {
  const sub = r.u32();
  if (sub <= 7) return; // saturating truncations
  switch (sub) {
    case 8: case 10: case 12: case 14: // memory.init memory.copy table.init table.copy
      r.u32();
      r.u32();
      return;
    case 9: case 11: case 13: case 15: case 16: case 17: // data.drop memory.fill elem.drop table.*
      r.u32();
      return;
    default:
      r.fail(`unknown 0xfc opcode ${sub}`);
  }
}

function scanSimdOp(r) {
  const sub = r.u32();
  if (sub <= 11 || sub === 92 || sub === 93) { // loads, stores, load*_zero
    skipMemarg(r);
  } else if (sub === 12 || sub === 13) { // v128.const, i8x16.shuffle
    r.skip(16);
  } else if (sub >= 21 && sub <= 34) { // extract_lane / replace_lane
    r.byte();
  } else if (sub >= 84 && sub <= 91) { // load*_lane / store*_lane
    skipMemarg(r);
    r.byte();
  } else if (sub > 0x113) {
    r.fail(`unknown 0xfd opcode ${sub}`);
  }
}

function scanConstExpression(r) {
  const out = { calls: [], refs: [], indirect: false };
  // A constant expression has no blocks: it ends at its first `end` (0x0b). Besides constants
  // and global.get it may hold ref.null/ref.func and extended-const i32/i64 add, sub, mul.
  for (;;) {
    const opcode = r.byte();
    if (opcode === 0x0b) return out;
    if (opcode === 0x41) r.skipLeb(5);
    else if (opcode === 0x42) r.skipLeb(10);
    else if (opcode === 0x43) r.skip(4);
    else if (opcode === 0x44) r.skip(8);
    else if (opcode === 0x23) r.u32();
    else if (opcode === 0xd2) out.refs.push(r.u32());
    else if (opcode === 0xd0) skipBlockType(r);
    else if (opcode === 0xfd && r.u32() === 12) r.skip(16);
    else if (![0x6a, 0x6b, 0x6c, 0x7c, 0x7d, 0x7e].includes(opcode)) {
      r.pos--;
      r.fail(`opcode 0x${opcode.toString(16)} in a constant expression`);
    }
  }
}

function parseNameSection(r, names) {
  while (!r.atEnd()) {
    const id = r.byte();
    const size = r.u32();
    const end = r.pos + size;
    const sub = new Reader(r.bytes, r.pos, end);
    if (id === 0) {
      names.module = sub.string();
    } else if (id === 1 || id === 7 || id === 9) {
      const map = id === 1 ? names.functions : id === 7 ? names.globals : names.dataSegments;
      const count = sub.u32();
      for (let i = 0; i < count; i++) {
        const index = sub.u32();
        map.set(index, sub.string());
      }
    }
    r.pos = end;
  }
}

/**
 * @typedef {{ id: number, name: string, offset: number, size: number }} SectionExtent
 *   offset: the section's first byte (its id); size: every byte of it, header included.
 * @typedef {{ index: number, name: string | null, offset: number, size: number,
 *   calls: number[], refs: number[], indirect: boolean }} FunctionBody
 *   index: the function index (imports first); size: the body's bytes with its size prefix.
 * @typedef {{ index: number, name: string | null, offset: number, size: number, passive: boolean }} DataSegment
 *   offset: where the segment's data starts in the binary; size: its data bytes.
 * @typedef {{ name: string, kind: string, index: number }} Export
 * @typedef {{ module: string, name: string, kind: string }} Import
 * @typedef {{ sections: SectionExtent[], imports: Import[], importedFunctions: number,
 *   exports: Export[], functions: FunctionBody[], tableFunctions: number[], data: DataSegment[],
 *   names: { module: string | null, functions: Map<number, string>, globals: Map<number, string>,
 *            dataSegments: Map<number, string> },
 *   hasNameSection: boolean, size: number }} WasmBinary
 */

/**
 * Parses a module's structure. Throws an Error naming the offset for a malformed binary.
 * @param {Uint8Array} bytes
 * @returns {WasmBinary}
 */
export function parseWasm(bytes) {
  const r = new Reader(bytes);
  const magic = [0x00, 0x61, 0x73, 0x6d];
  if (bytes.length < 8 || magic.some((b, i) => bytes[i] !== b)) {
    throw new Error('wasm: not a WebAssembly binary (no \\0asm magic)');
  }
  const version = bytes[4] | (bytes[5] << 8) | (bytes[6] << 16) | (bytes[7] << 24);
  if (version !== 1) throw new Error(`wasm: unsupported binary version ${version}`);
  r.pos = 8;
  /** @type {WasmBinary} */
  const module = {
    sections: [],
    imports: [],
    importedFunctions: 0,
    exports: [],
    functions: [],
    tableFunctions: [],
    data: [],
    names: { module: null, functions: new Map(), globals: new Map(), dataSegments: new Map() },
    hasNameSection: false,
    size: bytes.length,
  };
  while (!r.atEnd()) {
    const offset = r.pos;
    const id = r.byte();
    const size = r.u32();
    const start = r.pos;
    const end = start + size;
    if (end > bytes.length) r.fail(`section ${id} runs past the end of the module`);
    const s = new Reader(bytes, start, end);
    let name = SECTION_NAMES[id] ?? `unknown(${id})`;
    if (id === 0) {
      name = `custom:${s.string()}`;
      if (name === 'custom:name') {
        module.hasNameSection = true;
        parseNameSection(s, module.names);
      }
    } else if (id === 2) {
      const count = s.u32();
      for (let i = 0; i < count; i++) {
        const importModule = s.string();
        const importName = s.string();
        const kind = s.byte();
        if (kind === 0) {
          s.u32();
          module.importedFunctions++;
        } else if (kind === 1) skipTableType(s);
        else if (kind === 2) skipLimits(s);
        else if (kind === 3) skipGlobalType(s);
        else if (kind === 4) {
          s.byte();
          s.u32();
        } else s.fail(`unknown import kind ${kind}`);
        module.imports.push({ module: importModule, name: importName, kind: EXTERNAL_KIND[kind] });
      }
    } else if (id === 7) {
      const count = s.u32();
      for (let i = 0; i < count; i++) {
        const exportName = s.string();
        const kind = s.byte();
        module.exports.push({ name: exportName, kind: EXTERNAL_KIND[kind] ?? `kind ${kind}`, index: s.u32() });
      }
    } else if (id === 9) {
      parseElements(s, module.tableFunctions);
    } else if (id === 10) {
      const count = s.u32();
      for (let i = 0; i < count; i++) {
        const entryOffset = s.pos;
        const bodySize = s.u32();
        const bodyEnd = s.pos + bodySize;
        const body = new Reader(bytes, s.pos, bodyEnd);
        const localGroups = body.u32();
        for (let g = 0; g < localGroups; g++) {
          body.u32();
          skipValueType(body);
        }
        const out = { calls: [], refs: [], indirect: false };
        scanExpression(body, out);
        module.functions.push({
          index: module.importedFunctions + i,
          name: null,
          offset: entryOffset,
          size: bodyEnd - entryOffset,
          ...out,
        });
        s.pos = bodyEnd;
      }
    } else if (id === 11) {
      const count = s.u32();
      for (let i = 0; i < count; i++) {
        const flags = s.u32();
        if (flags === 2) s.u32();
        if (flags !== 1) scanConstExpression(s);
        const length = s.u32();
        module.data.push({ index: i, name: null, offset: s.pos, size: length, passive: flags === 1 });
        s.skip(length);
      }
    }
    module.sections.push({ id, name, offset, size: end - offset });
    r.pos = end;
  }
  for (const f of module.functions) f.name = module.names.functions.get(f.index) ?? null;
  for (const d of module.data) d.name = module.names.dataSegments.get(d.index) ?? null;
  return module;
}

function parseElements(s, tableFunctions) {
  const count = s.u32();
  for (let i = 0; i < count; i++) {
    const flags = s.u32();
    if (flags & 0x02 && !(flags & 0x01)) s.u32(); // explicit table index
    if (!(flags & 0x01)) scanConstExpression(s); // active: offset expression
    const usesExpressions = (flags & 0x04) !== 0;
    if (flags & 0x03) {
      if (usesExpressions) skipValueType(s);
      else s.byte(); // elemkind 0x00 (funcref)
    }
    const length = s.u32();
    for (let j = 0; j < length; j++) {
      if (usesExpressions) tableFunctions.push(...scanConstExpression(s).refs);
      else tableFunctions.push(s.u32());
    }
  }
}

/**
 * The module without its `name` section: what wasm-opt's --strip-debug leaves of that section,
 * so that a module kept with names for attribution measures as the one wasm-opt optimizes.
 * @param {Uint8Array} bytes
 * @param {WasmBinary} [parsed] the module already parsed
 * @returns {Uint8Array}
 */
export function withoutNameSection(bytes, parsed = parseWasm(bytes)) {
  if (!parsed.hasNameSection) return bytes;
  const kept = parsed.sections.filter((s) => s.name !== 'custom:name');
  return Buffer.concat([bytes.subarray(0, 8), ...kept.map((s) => bytes.subarray(s.offset, s.offset + s.size))]);
}
