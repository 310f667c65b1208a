#!/usr/bin/env bash
# Optimiser study behind ets::DEFAULT_STARTS: fits exponential smoothing models (every trend x
# season x initialisation of the reference grid) to generated series other than the grid's,
# with statsmodels and with the crate for 1 to 8 optimiser starts, and prints how often the
# crate ends more than 0.01% above or below statsmodels' in-sample SSE, and the time taken.
#
# Usage: crates/forecasting/bench/optimizer_study.sh [count]   (series per study file, default 40)
# statsmodels comes from PyPI, pinned in requirements.txt, into the virtualenv of
# compare_statsmodels.sh (RUV_BENCH_VENV); the crate is built by Debian's cargo (TOOLCHAIN.md).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../../.."
count="${1:-40}"
bench=crates/forecasting/bench
requirements="$bench/requirements.txt"
venv="${RUV_BENCH_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/ruv-swarm-wasm/bench-venv}"
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
echo "== statsmodels fits (two study files of $count series) =="
"$venv/bin/python" crates/forecasting/testdata/make_reference.py --study "$work/a.txt" --seed 1000 --count "$count" &
"$venv/bin/python" crates/forecasting/testdata/make_reference.py --study "$work/b.txt" --seed 5000 --count "$count"
wait
echo "== the crate (release build) =="
RUSTC=/usr/bin/rustc RUV_ETS_STUDY="$work/a.txt:$work/b.txt" \
  /usr/bin/cargo test --quiet --release -p ruv-forecasting --test optimizer_study -- --ignored --nocapture
