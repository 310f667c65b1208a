// Facts about a WebAssembly module, read with binaryen: SIMD (v128) instruction count, exports,
// functions, size. Usage: node wasm_stats.mjs <binaryen/index.js> <module.wasm> [--out file.json]
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';

// An instruction is SIMD when it produces or consumes v128 lanes: its text name starts with a
// vector type (v128.load, f32x4.mul, i8x16.shuffle, ...).
const SIMD_INSTRUCTION = /^\s*\(?(v128|i8x16|i16x8|i32x4|i64x2|f32x4|f64x2)\.[a-z0-9_]+/;

export async function wasmStats(binaryenPath, wasmBytes) {
  const binaryen = (await import(pathToFileURL(binaryenPath).href)).default;
  binaryen.setDebugInfo(false);
  const module = binaryen.readBinary(wasmBytes);
  try {
    let simd = 0;
    for (const line of module.emitText().split('\n')) {
      if (SIMD_INSTRUCTION.test(line)) simd++;
    }
    return {
      bytes: wasmBytes.length,
      functions: module.getNumFunctions(),
      exports: module.getNumExports(),
      simdInstructions: simd,
    };
  } finally {
    module.dispose();
  }
}

// Run as a program (not imported): the symlink-resolved paths agree.
if (import.meta.url === pathToFileURL(fs.realpathSync(process.argv[1])).href) {
  const [binaryenPath, wasmPath, flag, out] = process.argv.slice(2);
  const stats = await wasmStats(binaryenPath, fs.readFileSync(wasmPath));
  const text = JSON.stringify(stats, null, 2) + '\n';
  if (flag === '--out') fs.writeFileSync(out, text);
  else process.stdout.write(text);
}
