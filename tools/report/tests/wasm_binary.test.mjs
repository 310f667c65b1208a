// The wasm reader against modules whose every byte the test wrote (tests/wasm_builder.mjs), and
// against real modules cross-checked with binaryen (function, export and call counts).
// Usage: node wasm_binary.test.mjs <binaryen index.js> <module.wasm | directory | other file>...
//   (a directory's .wasm files are read, at any depth; other files are ignored: `$(rootpaths
//   //npm:package)` gives the package directory and its .tgz)
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { parseWasm } from '../wasm_binary.mjs';
import { buildModule, call, drop, i32Const, nop, section, u32, vec } from './wasm_builder.mjs';

const [binaryenPath, ...inputs] = process.argv.slice(2);
// `$(rootpaths ...)` arrives as one argument, its paths separated by spaces.
const realModules = inputs.flatMap((arg) => arg.split(' ')).filter(Boolean).flatMap((input) => {
  if (fs.statSync(input).isDirectory()) {
    return fs.readdirSync(input, { recursive: true }).filter((f) => f.endsWith('.wasm')).sort().map((f) => path.join(input, f));
  }
  return input.endsWith('.wasm') ? [input] : [];
});
if (inputs.length > 0 && realModules.length === 0) throw new Error(`no .wasm file in ${inputs.join(', ')}`);

test('function bodies: extents, calls, names, imports offset the indices', () => {
  const bodies = [
    [...call(2), ...call(0)], // f0 (index 1): calls f1 and the import
    [...i32Const(300), drop, ...call(1)], // f1 (index 2): calls f0
    [nop, nop, nop], // f2 (index 3): nothing
  ];
  const bytes = buildModule({
    imports: ['host_log'],
    functions: bodies.map((body, i) => ({ name: `f${i}`, body })),
    exports: [{ name: 'run', index: 1 }],
  });
  const m = parseWasm(bytes);
  assert.equal(m.importedFunctions, 1);
  assert.deepEqual(m.functions.map((f) => f.index), [1, 2, 3]);
  assert.deepEqual(m.functions.map((f) => f.name), ['f0', 'f1', 'f2']);
  assert.deepEqual(m.functions.map((f) => f.calls), [[2, 0], [1], []]);
  // Size = size prefix (1 byte) + locals count (1) + instructions + end (1).
  assert.deepEqual(m.functions.map((f) => f.size), bodies.map((b) => b.length + 3));
  const code = m.sections.find((s) => s.name === 'code');
  const sum = m.functions.reduce((s, f) => s + f.size, 0);
  // The code section = id (1) + size (1) + count (1) + bodies.
  assert.equal(code.size, sum + 3);
  assert.equal(m.sections.reduce((s, x) => s + x.size, 0), bytes.length - 8, 'sections tile the module');
  assert.deepEqual(m.exports.map((e) => [e.name, e.kind, e.index]), [['run', 'function', 1], ['memory', 'memory', 0]]);
  assert.equal(m.names.functions.get(0), 'host_log');
});

test('a function body that is not balanced is an Error, not a size', () => {
  // `block` without its `end`: the body's final end closes the block, not the function.
  const bytes = buildModule({ functions: [{ name: 'f', body: [0x02, 0x40, nop] }] });
  assert.throws(() => parseWasm(bytes), /does not end with its `end`/);
  // An opcode the format does not have.
  assert.throws(() => parseWasm(buildModule({ functions: [{ name: 'f', body: [0xff] }] })), /unknown opcode 0xff/);
  assert.throws(() => parseWasm(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8])), /not a WebAssembly binary/);
  assert.throws(() => parseWasm(buildModule({ functions: [] }).subarray(0, 20)), /past the end|unexpected end/);
});

test('immediates of every instruction family are skipped exactly', () => {
  const memarg = [0x02, ...u32(70000)];
  const body = [
    0x02, 0x40, 0x03, 0x7f, ...i32Const(-5), 0x0b, drop, 0x0b, // block, loop with a result
    ...i32Const(1), 0x04, 0x40, 0x05, 0x0b, // if/else
    0x02, 0x40, ...i32Const(0), 0x0e, ...u32(2), 0x00, 0x00, 0x00, 0x0b, // br_table
    ...i32Const(0), 0x28, ...memarg, drop, // i32.load
    ...i32Const(0), 0x42, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7f, 0x37, ...memarg, // i64.store
    0x43, 0, 0, 0x80, 0x3f, drop, 0x44, 0, 0, 0, 0, 0, 0, 0xf0, 0x3f, drop, // f32/f64 const
    0x3f, 0x00, drop, // memory.size
    ...i32Const(0), ...i32Const(0), ...i32Const(0), 0xfc, 0x0a, 0x00, 0x00, // memory.copy
    ...i32Const(0), ...i32Const(0), ...i32Const(0), 0xfc, 0x0b, 0x00, // memory.fill
    0xfd, 0x0c, ...new Array(16).fill(7), // v128.const
    0xfd, 0x0c, ...new Array(16).fill(1), 0xfd, 0x0d, ...new Array(16).fill(3), // i8x16.shuffle
    0xfd, 0x15, 0x02, drop, // i8x16.extract_lane_s 2
    ...i32Const(0), 0xfd, 0x00, ...memarg, drop, // v128.load
    ...i32Const(0), 0xfd, 0x0c, ...new Array(16).fill(0), 0xfd, 0x54, ...memarg, 0x05, drop, // v128.load8_lane
    0xfd, 0x0c, ...new Array(16).fill(0), 0xfd, 0xae, 0x01, drop, // i32x4.add (two-byte LEB opcode)
    0xd2, 0x00, drop, // ref.func 0
    ...i32Const(7), 0x11, 0x00, 0x00, drop, // call_indirect type 1, table 0
    0x20, 0x00, 0x21, 0x00, // local.get/set 0
  ];
  const bytes = buildModule({
    functions: [{ name: 'everything', body, locals: [[0x01, 0x7f]] }],
    table: [0],
  });
  const [f] = parseWasm(bytes).functions;
  assert.equal(f.indirect, true);
  assert.deepEqual(f.refs, [0]);
  assert.deepEqual(f.calls, []);
  // Locals: count (1 byte) and one group (2 bytes); then the body and its end; then the size prefix.
  const inner = 3 + body.length + 1;
  assert.equal(f.size, u32(inner).length + inner);
});

test('data segments, element segments and the name section', () => {
  const bytes = buildModule({
    functions: [{ name: 'a', body: [] }, { name: 'b', body: [] }],
    table: [1, 0, 1],
    data: [{ name: '.rodata', bytes: [1, 2, 3, 4, 5] }, { name: '.data', bytes: [9, 9], offset: 4096 }],
    extraCustom: [{ name: 'producers', bytes: [0] }],
  });
  const m = parseWasm(bytes);
  assert.deepEqual(m.tableFunctions, [1, 0, 1]);
  assert.deepEqual(m.data.map((d) => [d.name, d.size, [...bytes.subarray(d.offset, d.offset + d.size)]]),
    [['.rodata', 5, [1, 2, 3, 4, 5]], ['.data', 2, [9, 9]]]);
  assert.equal(m.hasNameSection, true);
  assert.deepEqual(m.sections.filter((s) => s.id === 0).map((s) => s.name), ['custom:name', 'custom:producers']);
});

test('a module without a name section parses, with no names', () => {
  const m = parseWasm(buildModule({ functions: [{ name: 'a', body: [] }], names: false }));
  assert.equal(m.hasNameSection, false);
  assert.equal(m.functions[0].name, null);
});

test('an element segment in the expression form (flags 5..7) yields its ref.func targets', () => {
  const base = buildModule({ functions: [{ name: 'a', body: [] }], table: [0] });
  const m0 = parseWasm(base);
  const element = m0.sections.find((s) => s.name === 'element');
  // flags 4: active, table 0, offset expr, vec(expr).
  const content = vec([[...u32(4), 0x41, 0x00, 0x0b, ...vec([[0xd2, 0x00, 0x0b], [0xd0, 0x70, 0x0b]])]]);
  const replaced = new Uint8Array([
    ...base.subarray(0, element.offset), ...section(9, content), ...base.subarray(element.offset + element.size),
  ]);
  assert.deepEqual(parseWasm(replaced).tableFunctions, [0]);
});

for (const file of realModules) {
  test(`${path.basename(path.dirname(file))}/${path.basename(file)}: agrees with binaryen`, async () => {
    const bytes = fs.readFileSync(file);
    const m = parseWasm(bytes);
    const binaryen = (await import(pathToFileURL(binaryenPath).href)).default;
    binaryen.setDebugInfo(false);
    const module = binaryen.readBinary(bytes);
    try {
      module.setFeatures(binaryen.Features.All);
      assert.equal(m.functions.length + m.importedFunctions, module.getNumFunctions());
      assert.equal(m.exports.length, module.getNumExports());
      const text = module.emitText();
      const binaryenCalls = (text.match(/\((?:return_)?call \$/g) ?? []).length;
      const ours = m.functions.reduce((s, f) => s + f.calls.length, 0);
      assert.equal(ours, binaryenCalls, 'direct calls');
      assert.ok(ours > 100, `only ${ours} calls: not a real module?`);
    } finally {
      module.dispose();
    }
  });
}
