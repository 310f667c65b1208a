#!/usr/bin/env bash
# Pipeline benchmark (figures for the wasm -> npm pipeline), one run:
#   - each module's gzip size in //npm:package (its SIMD128 build, and its no-SIMD build) against
#     the same crate built the way wasm-pack does by default: `cargo build --release` (Cargo's
#     default profile: no LTO, 16 codegen units, no SIMD), wasm-bindgen, `wasm-opt -O`;
#   - wasm-opt's savings per module (from build-report.json);
#   - instantiate time per module in Node (a fresh process per module, `await load(name)`).
# Usage: tools/bench/size_vs_wasm_pack.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
tools/bazel build //npm:package //tools/wasm_bindgen:wasm_bindgen_tool 2>/dev/null
output_base="$(tools/bazel info output_base 2>/dev/null)"
work="$(mktemp -d /tmp/size-bench.XXXXXX)"
package="bazel-bin/npm/package"
modules=(core neural forecasting swarm persistence)

for module in "${modules[@]}"; do
  # wasm-pack's default: the crate's release profile as Cargo ships it (the workspace's
  # [profile.release] is overridden back to Cargo's defaults), the baseline wasm32 target, and
  # the standard library as rustup ships it for wasm32-unknown-unknown (built here from
  # Debian's rust-web-src with -Zbuild-std, panic=abort, the target's default). C (SQLite, in
  # persistence) is compiled by clang-19 at the cc crate's level for that profile (-O3).
  env CARGO_HOME="$work/cargo_home" CARGO_TARGET_DIR="$work/target" RUSTC=/usr/bin/rustc \
    CC_wasm32_unknown_unknown=clang-19 AR_wasm32_unknown_unknown=llvm-ar-19 \
    RUSTC_BOOTSTRAP=1 CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
    CARGO_PROFILE_RELEASE_OPT_LEVEL=3 CARGO_PROFILE_RELEASE_PANIC=abort \
    RUSTFLAGS="-C linker=wasm-ld-19" \
    /usr/bin/cargo build --quiet --release --target wasm32-unknown-unknown \
      -Zbuild-std=std,panic_abort -p "ruv-$module" --features module
  mkdir -p "$work/out/$module"
  bazel-bin/tools/wasm_bindgen/wasm_bindgen_tool \
    --input "$work/target/wasm32-unknown-unknown/release/ruv_${module}.wasm" --out-name "$module" \
    --out-js "$work/out/$module/$module.js" --out-dts "$work/out/$module/$module.d.ts" \
    --out-wasm "$work/out/$module/${module}_bg.wasm"
  node "$output_base/external/npm_tools/node_modules/binaryen/bin/wasm-opt" -O \
    "$work/out/$module/${module}_bg.wasm" -o "$work/out/$module/$module.wasm"
done

node - "$package" "$work/out" "${modules[@]}" <<'NODE'
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
const [packageDir, baselineDir, ...modules] = process.argv.slice(2);
const gzip = (file) => zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;
const report = JSON.parse(fs.readFileSync(path.join(packageDir, 'build-report.json'), 'utf8'));
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log('module       ours gzip   wasm-pack-style gzip   ratio   ours, no-SIMD build   ratio   wasm-opt saved   instantiate (Node)');
for (const name of modules) {
  const ours = gzip(path.join(packageDir, 'wasm', `${name}.wasm`));
  const oursBaseline = gzip(path.join(packageDir, 'wasm', `${name}.baseline.wasm`));
  const theirs = gzip(path.join(baselineDir, name, `${name}.wasm`));
  const saved = report.modules[name].wasmOptSaving;
  // A fresh Node process per module: import the package, time load(name).
  const ms = execFileSync(process.execPath, ['--input-type=module', '-e', `
    const { load } = await import(${JSON.stringify(path.resolve(packageDir, 'index.js'))});
    const start = performance.now();
    await load(${JSON.stringify(name)});
    console.log((performance.now() - start).toFixed(1));`]).toString().trim();
  console.log(`${name.padEnd(12)} ${kb(ours).padStart(9)}   ${kb(theirs).padStart(20)}   ${(ours / theirs).toFixed(2)}x   ${kb(oursBaseline).padStart(19)}   ${(oursBaseline / theirs).toFixed(2)}x   ${(saved * 100).toFixed(1).padStart(13)}%   ${ms.padStart(8)} ms`);
}
NODE
echo "work files: $work"
