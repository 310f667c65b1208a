// Regenerates fixtures/v0_symbols.tsv: v0 symbols from a real module's name section and their
// demangled form by the reference demangler, LLVM's llvm-cxxfilt (Debian's llvm-19, the
// toolchain's LLVM). demangle_v0.test.mjs checks demangle_v0.mjs against it.
// Usage: node make_v0_fixture.mjs <module with a name section.wasm> [llvm-cxxfilt] > fixtures/v0_symbols.tsv
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { parseWasm } from '../wasm_binary.mjs';

const [wasmPath, cxxfilt = 'llvm-cxxfilt-19'] = process.argv.slice(2);
if (!wasmPath) {
  console.error('usage: node make_v0_fixture.mjs <module.wasm> [llvm-cxxfilt]');
  process.exit(2);
}
const names = [...new Set([...parseWasm(fs.readFileSync(wasmPath)).names.functions.values()])]
  .filter((n) => /^_R[0-9A-Z]/.test(n))
  .sort();
const run = spawnSync(cxxfilt, { input: `${names.join('\n')}\n`, encoding: 'utf8' });
if (run.status !== 0) {
  console.error(`${cxxfilt} failed: ${run.stderr}`);
  process.exit(1);
}
const demangled = run.stdout.trimEnd().split('\n');
if (demangled.length !== names.length) throw new Error('llvm-cxxfilt returned a different number of lines');
// Every 10th symbol, and up to 12 of those using each rarer part of the grammar.
const features = [/dyn /, /fn\(/, /; \d/, /\*const /, /\*mut /, /\{shim/, /\{closure/, /,\)/, / as /, /&mut /, /::<.*, /];
const picked = new Set(names.map((_, i) => i).filter((i) => i % 10 === 0));
for (const feature of features) {
  for (const i of names.map((_, j) => j).filter((j) => feature.test(demangled[j])).slice(0, 12)) picked.add(i);
}
process.stdout.write([...picked].sort((a, b) => a - b).map((i) => `${names[i]}\t${demangled[i]}\n`).join(''));
