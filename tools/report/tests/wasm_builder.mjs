// A minimal WebAssembly binary writer for the tests: enough to make small valid modules with
// imports, a table, exports, functions that call each other, data segments and a name section,
// whose every byte the test knows.

export function u32(n) {
  const out = [];
  do {
    let b = n & 0x7f;
    n = Math.floor(n / 128);
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}

export function s32(n) {
  const out = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
}

export const str = (s) => {
  const bytes = [...new TextEncoder().encode(s)];
  return [...u32(bytes.length), ...bytes];
};
export const vec = (items) => [...u32(items.length), ...items.flat()];
export const section = (id, content) => [id, ...u32(content.length), ...content];

/**
 * Builds a module. Every function has type () -> () (type 0) unless `type` 1 (i32) -> (i32).
 * @param {{ imports?: string[], functions: { name?: string, body: number[], locals?: number[][] }[],
 *   exports?: { name: string, index: number }[], table?: number[],
 *   data?: { name?: string, bytes: number[], offset?: number }[], names?: boolean,
 *   extraCustom?: { name: string, bytes: number[] }[] }} spec
 *   imports: function imports (module "env", type 0); body: the instructions without the final end.
 * @returns {Uint8Array}
 */
export function buildModule(spec) {
  const imports = spec.imports ?? [];
  const bytes = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
  bytes.push(...section(1, vec([[0x60, 0x00, 0x00], [0x60, 0x01, 0x7f, 0x01, 0x7f]])));
  if (imports.length > 0) bytes.push(...section(2, vec(imports.map((name) => [...str('env'), ...str(name), 0x00, 0x00]))));
  bytes.push(...section(3, vec(spec.functions.map(() => [0x00]))));
  if (spec.table) bytes.push(...section(4, vec([[0x70, 0x00, ...u32(spec.table.length)]])));
  bytes.push(...section(5, vec([[0x00, 0x01]])));
  const exports = (spec.exports ?? []).map((e) => [...str(e.name), 0x00, ...u32(e.index)]);
  exports.push([...str('memory'), 0x02, 0x00]);
  bytes.push(...section(7, vec(exports)));
  if (spec.table) {
    bytes.push(...section(9, vec([[0x00, 0x41, 0x00, 0x0b, ...vec(spec.table.map((i) => u32(i)))]])));
  }
  const bodies = spec.functions.map((f) => {
    const body = [...vec((f.locals ?? []).map((l) => l)), ...f.body, 0x0b];
    return [...u32(body.length), ...body];
  });
  bytes.push(...section(10, vec(bodies)));
  if (spec.data) {
    bytes.push(...section(11, vec(spec.data.map((d) => [0x00, 0x41, ...s32(d.offset ?? 1024), 0x0b, ...vec(d.bytes)]))));
  }
  if (spec.names !== false) {
    const functionNames = [];
    spec.functions.forEach((f, i) => {
      if (f.name) functionNames.push([...u32(imports.length + i), ...str(f.name)]);
    });
    imports.forEach((name, i) => functionNames.unshift([...u32(i), ...str(name)]));
    const subsections = [[1, vec(functionNames)]];
    if (spec.data?.some((d) => d.name)) {
      subsections.push([9, vec(spec.data.flatMap((d, i) => (d.name ? [[...u32(i), ...str(d.name)]] : [])))]);
    }
    const payload = [...str('name'), ...subsections.flatMap(([id, content]) => [id, ...u32(content.length), ...content])];
    bytes.push(...section(0, payload));
  }
  for (const custom of spec.extraCustom ?? []) bytes.push(...section(0, [...str(custom.name), ...custom.bytes]));
  return new Uint8Array(bytes);
}

/** The same module without custom sections (what wasm-opt --strip-* leaves of them). */
export function stripCustomSections(bytes) {
  const out = [...bytes.subarray(0, 8)];
  let pos = 8;
  while (pos < bytes.length) {
    const id = bytes[pos];
    let size = 0;
    let shift = 0;
    let p = pos + 1;
    for (;;) {
      const b = bytes[p++];
      size += (b & 0x7f) * 2 ** shift;
      shift += 7;
      if ((b & 0x80) === 0) break;
    }
    const end = p + size;
    if (id !== 0) out.push(...bytes.subarray(pos, end));
    pos = end;
  }
  return new Uint8Array(out);
}

// Instruction helpers.
export const call = (index) => [0x10, ...u32(index)];
export const i32Const = (n) => [0x41, ...s32(n)];
export const drop = [0x1a];
export const nop = [0x01];
