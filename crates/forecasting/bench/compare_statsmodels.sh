#!/usr/bin/env bash
# Holt-Winters benchmark, side by side in one run: fitted additive Holt-Winters (season 12) +
# 12-step forecast on the same generated series (default 1,000 of length 144), statsmodels in
# Python against the `forecasting` module of the built npm package in Node. Prints each side's
# series per second, the speed-up, how the fits' in-sample MSEs compare, and the module's gzip size.
#
# Usage: crates/forecasting/bench/compare_statsmodels.sh [count]
# statsmodels comes from PyPI, pinned in requirements.txt, into a virtualenv made on first use
# (RUV_BENCH_VENV, default ~/.cache/ruv-swarm-wasm/bench-venv; Debian needs python3-venv).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../../.."
count="${1:-1000}"
bench=crates/forecasting/bench
requirements="$bench/requirements.txt"
venv="${RUV_BENCH_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/ruv-swarm-wasm/bench-venv}"

tools/bazel build //npm:package 2>/dev/null || tools/bazel build //npm:package
if ! cmp -s "$requirements" "$venv/requirements.txt"; then
  echo "Installing statsmodels into $venv ..."
  python3 -m venv "$venv" || {
    echo "python3 -m venv failed: on Debian, apt-get install python3-venv" >&2
    exit 1
  }
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$requirements"
  cp "$requirements" "$venv/requirements.txt"
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo "== statsmodels (Python) =="
"$venv/bin/python" "$bench/holt_winters_statsmodels.py" --count "$count" --mse-out "$work/statsmodels.json"
echo "== forecasting module (wasm, Node) =="
node "$bench/holt_winters.mjs" bazel-bin/npm/package --count "$count" --compare "$work/statsmodels.json"
