#!/usr/bin/env bash
# Build benchmark (figures for the Bazel foundation), in a fresh output base so nothing is cached:
#   1. cold build of every wasm target, with the time spent on the sysroots and third-party crates;
#   2. a no-op rebuild (Bazel's elapsed time);
#   3. the actions that run after a one-line edit in crates/core/src;
#   4. `bazel build --nofetch` after the first build.
# Usage: tools/bench/build.sh [targets...]   (default: every wasm module)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
workspace="$PWD"
bench="$(mktemp -d /tmp/build-bench.XXXXXX)"
output_base="$bench/output_base"
targets=("$@")
if (( ${#targets[@]} == 0 )); then
  targets=(//crates/core:core_module //crates/neural:neural_module //crates/neural:neural_module_baseline
    //crates/swarm:swarm_module //crates/forecasting:forecasting_module)
fi
bazel_cmd() { tools/bazel --output_base="$output_base" "$@"; }
elapsed() { sed -n 's/.*INFO: Elapsed time: \([0-9.]*\)s.*/\1/p' "$1" | tail -1; }
processes() { sed -n 's/.*INFO: \([0-9]*\) process.*/\1/p' "$1" | tail -1; }

echo "== cold build of ${targets[*]} (fresh output base; crates and npm tools are fetched too)"
bazel_cmd build --profile="$bench/cold.profile.json" "${targets[@]}" 2>"$bench/cold.log"
echo "cold build: $(elapsed "$bench/cold.log") s"
node - "$bench/cold.profile.json" <<'NODE'
const fs = require('fs');
const trace = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const events = (trace.traceEvents || trace).filter((e) => e.ph === 'X' && e.dur);
const actions = events.filter((e) => e.cat === 'action processing');
const sum = (pred) => actions.filter(pred).reduce((t, e) => t + e.dur, 0) / 1e6;
const total = sum(() => true);
const sysroot = sum((e) => /standard library/.test(e.name));
const crates = sum((e) => /third-party crates/.test(e.name));
console.log(`action time (sum over both cores): ${total.toFixed(1)} s`);
console.log(`  sysroots:           ${sysroot.toFixed(1)} s (${(100 * sysroot / total).toFixed(0)}%)`);
console.log(`  third-party crates: ${crates.toFixed(1)} s (${(100 * crates / total).toFixed(0)}%)`);
console.log(`  everything else:    ${(total - sysroot - crates).toFixed(1)} s`);
NODE

echo "== no-op rebuild"
bazel_cmd build "${targets[@]}" 2>"$bench/noop.log"
echo "no-op rebuild: $(elapsed "$bench/noop.log") s, $(processes "$bench/noop.log") processes"

echo "== one-line edit in crates/core/src/lib.rs"
edited=crates/core/src/lib.rs
cp "$edited" "$bench/lib.rs.orig"
trap 'cp "$bench/lib.rs.orig" "$workspace/$edited"' EXIT
echo "// benchmark edit $(date +%s%N)" >> "$edited"
bazel_cmd build --execution_log_json_file="$bench/edit.exec.json" "${targets[@]}" 2>"$bench/edit.log"
cp "$bench/lib.rs.orig" "$edited"
echo "after the edit: $(elapsed "$bench/edit.log") s"
node - "$bench/edit.exec.json" <<'NODE'
const fs = require('fs');
// Bazel 4 writes concatenated JSON objects, one per spawn.
const text = fs.readFileSync(process.argv[2], 'utf8');
const spawns = [];
let depth = 0, start = 0, inString = false, escaped = false;
for (let i = 0; i < text.length; i++) {
  const c = text[i];
  if (inString) { if (escaped) escaped = false; else if (c === '\\') escaped = true; else if (c === '"') inString = false; continue; }
  if (c === '"') inString = true;
  else if (c === '{') { if (depth++ === 0) start = i; }
  else if (c === '}') { if (--depth === 0) spawns.push(JSON.parse(text.slice(start, i + 1))); }
}
const ran = spawns.filter((s) => !s.remoteCacheHit && !s.cacheHit);
console.log(`actions executed: ${ran.length}`);
for (const s of ran) console.log(`  ${s.mnemonic}  ${s.listedOutputs?.[0] ?? ''}`);
const heavy = ran.filter((s) => /RustSysroot|CargoCrates/.test(s.mnemonic));
console.log(heavy.length ? 'FAIL: sysroot or third-party actions re-ran' : 'no sysroot or third-party action re-ran');
NODE

echo "== bazel build --nofetch"
if bazel_cmd build --nofetch "${targets[@]}" 2>"$bench/nofetch.log"; then
  echo "--nofetch build: ok ($(elapsed "$bench/nofetch.log") s)"
else
  echo "--nofetch build: FAILED (see $bench/nofetch.log)"
fi
bazel_cmd shutdown 2>/dev/null || true
echo "logs: $bench"
