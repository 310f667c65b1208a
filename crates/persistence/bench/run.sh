#!/usr/bin/env bash
# Builds the persistence module, installs the benchmark's peers (sql.js; better-sqlite3, built
# from source against the system's Node headers when no prebuilt binary can be downloaded) at
# the versions of package-lock.json, and runs bench.mjs. Extra arguments go to bench.mjs
# (--rounds N, --quick).
# Usage: crates/persistence/bench/run.sh [--rounds N] [--quick]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
deps="${RUV_PERSISTENCE_BENCH_DEPS:-$HOME/.cache/ruv-swarm-wasm/persistence-bench}"

cd "$root"
tools/bazel build --config=cache-read //crates/persistence:persistence_module >&2

mkdir -p "$deps"
if ! cmp -s "$here/package-lock.json" "$deps/package-lock.json" || [[ ! -d "$deps/node_modules/sql.js" ]]; then
  cp "$here/package.json" "$here/package-lock.json" "$deps/"
  # better-sqlite3 is optional: when it cannot be built here, npm skips it and the benchmark
  # says so. Its install script falls back to node-gyp, which needs the Node headers.
  (cd "$deps" && npm_config_nodedir="${npm_config_nodedir:-/usr}" npm ci --no-audit --no-fund --loglevel=error >&2)
fi
exec node "$here/bench.mjs" "$root/bazel-bin/crates/persistence" "$deps/node_modules" "$@"
