// Checks that a module's rustc build for //platforms:wasm32_simd128 contains SIMD (v128)
// instructions and its build for //platforms:wasm32 contains none.
// Usage: node simd_build_test.mjs <binaryen/index.js> <module.module.json> (rust_wasm_module's)
import fs from 'node:fs';
import { wasmStats } from './wasm_stats.mjs';

const [binaryen, descriptionPath] = process.argv.slice(2);
const { builds } = JSON.parse(fs.readFileSync(descriptionPath, 'utf8'));
const [simdPath, baselinePath] = [builds.simd128.cdylib, builds.baseline.cdylib];
const simd = await wasmStats(binaryen, fs.readFileSync(simdPath));
const baseline = await wasmStats(binaryen, fs.readFileSync(baselinePath));
console.log(`simd128 build: ${simd.simdInstructions} SIMD instructions in ${simd.bytes} bytes (${simdPath})`);
console.log(`baseline build: ${baseline.simdInstructions} SIMD instructions in ${baseline.bytes} bytes (${baselinePath})`);
let failed = 0;
if (simd.simdInstructions === 0) {
  console.error('FAIL: the simd128 build has no SIMD instructions: the simd128 target feature did not reach codegen');
  failed++;
}
if (baseline.simdInstructions !== 0) {
  console.error('FAIL: the baseline build has SIMD instructions: it would not instantiate on engines without SIMD');
  failed++;
}
console.log(`${2 - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
