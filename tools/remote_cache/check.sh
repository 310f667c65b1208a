#!/usr/bin/env bash
# Measures the remote cache and checks builds are byte-identical, on this machine, in one run:
#   1. cold: //npm:package in a fresh output base, writing to an empty cache (a full build);
#   2. warm: the same in another fresh output base, reading that cache: the share of actions the
#      cache served (target >= 95%) and the time against the cold build (target <= 0.1x);
#   3. faults: with the server stopped, a build succeeds with a warning; a corrupted cache entry
#      is rejected by Bazel's digest check and the action runs again, never using it;
#   4. byte-identical rebuilds: a third full build, without the cache, in an output base at
#      another absolute path: package.tgz and every .wasm must hash as the cold build's.
# Usage: tools/remote_cache/check.sh   (takes about two cold builds; uses port 9093 and /tmp)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
work="$(mktemp -d /tmp/remote-cache-check.XXXXXX)"
port=9093
url="http://127.0.0.1:$port"
cache="$work/cache"
bases=()
cleanup() {
  tools/remote_cache/stop.sh --dir "$cache" >/dev/null 2>&1 || true
  for base in "${bases[@]}"; do tools/bazel --output_base="$base" shutdown >/dev/null 2>&1 || true; done
}
trap cleanup EXIT
failures=0
check() { # condition-status message
  if [[ "$1" == 0 ]]; then echo "  ok: $2"; else echo "  FAILED: $2"; failures=$((failures + 1)); fi
}

# build <output base> <log> <bazel build args...>: prints the wall time in seconds.
build() {
  local base="$1" log="$2"
  shift 2
  bases+=("$base")
  local start end
  start="$(date +%s.%N)"
  tools/bazel --output_base="$base" build "$@" >"$log" 2>&1 || {
    echo "build failed, see $log" >&2
    tail -20 "$log" >&2
    exit 1
  }
  end="$(date +%s.%N)"
  awk -v s="$start" -v e="$end" 'BEGIN { printf "%.1f\n", e - s }'
}
# The "INFO: N processes: ..." summary of a build log.
processes() { grep -E '^INFO: [0-9]+ processes' "$1" | tail -1 | sed 's/^INFO: //'; }
count() { # log kind: the number of processes of that kind ("remote cache hit", "internal", ...)
  processes "$1" | grep -oE "[0-9]+ $2" | grep -oE '^[0-9]+' || echo 0
}
package_hashes() { # output base: sha256 of package.tgz and of each packaged .wasm
  local bin
  bin="$(tools/bazel --output_base="$1" info bazel-bin 2>/dev/null)"
  (cd "$bin/npm" && sha256sum package.tgz package/wasm/*.wasm)
}

tools/remote_cache/start.sh --port "$port" --dir "$cache" >/dev/null
echo "== 1. cold build (empty cache, writes it) =="
cold="$(build "$work/a" "$work/cold.log" --remote_cache="$url" --remote_upload_local_results //npm:package)"
echo "  $(processes "$work/cold.log"); ${cold} s"

echo "== 2. warm build (fresh output base, reads the cache) =="
warm="$(build "$work/b" "$work/warm.log" --remote_cache="$url" //npm:package)"
total="$(processes "$work/warm.log" | grep -oE '^[0-9]+')"
hits="$(count "$work/warm.log" 'remote cache hit')"
internal="$(count "$work/warm.log" internal)"
share="$(awk -v h="$hits" -v n="$((total - internal))" 'BEGIN { printf "%.4f", h / n }')"
ratio="$(awk -v w="$warm" -v c="$cold" 'BEGIN { printf "%.4f", w / c }')"
echo "  $(processes "$work/warm.log"); ${warm} s"
printf '  remote cache hits: %s of %s actions (%.1f%%, target >= 95%%); time %.3fx the cold build (target <= 0.1x)\n' \
  "$hits" "$((total - internal))" "$(awk -v s="$share" 'BEGIN { print s * 100 }')" "$ratio"

echo "== 3. faults =="
probe=(//tools/remote_cache:fault_probe)
tools/remote_cache/stop.sh --dir "$cache" >/dev/null
build "$work/c" "$work/down.log" --remote_cache="$url" "${probe[@]}" >/dev/null
grep -qiE 'WARNING:.*remote cache|WARNING:.*(connect|refused)' "$work/down.log"
check $? "with the server stopped the build succeeds, warning: $(grep -m1 -iE '^WARNING' "$work/down.log" | cut -c1-120)"
tools/remote_cache/start.sh --port "$port" --dir "$cache" >/dev/null
tools/bazel --output_base="$work/c" clean >/dev/null 2>&1
build "$work/c" "$work/upload.log" --remote_cache="$url" --remote_upload_local_results "${probe[@]}" >/dev/null
probe_file="$(tools/bazel --output_base="$work/c" info bazel-bin 2>/dev/null)/tools/remote_cache/fault_probe.txt"
expected="$(sha256sum "$probe_file" | cut -d' ' -f1)"
entry="$cache/data/cas/$expected"
[[ -f "$entry" ]]
check $? "the probe's output is in the cache (cas/$expected)"
echo "corrupted" >"$entry"
tools/bazel --output_base="$work/c" clean >/dev/null 2>&1
build "$work/c" "$work/corrupt.log" --remote_cache="$url" "${probe[@]}" >/dev/null
[[ "$(sha256sum "$probe_file" | cut -d' ' -f1)" == "$expected" ]]
check $? "after corrupting that entry the output is still right ($(processes "$work/corrupt.log"))"
grep -qiE 'digest|does not match' "$work/corrupt.log"
check $? "Bazel reported the mismatch: $(grep -m1 -iE 'digest|does not match' "$work/corrupt.log" | cut -c1-140)"

echo "== 4. byte-identical rebuild (no cache, another absolute path) =="
other="$work/a/much/deeper/output/base"
mkdir -p "$(dirname "$other")"
rebuild="$(build "$other" "$work/rebuild.log" //npm:package)"
echo "  $(processes "$work/rebuild.log"); ${rebuild} s"
package_hashes "$work/a" >"$work/hashes.a"
package_hashes "$other" >"$work/hashes.b"
sed 's/^/  /' "$work/hashes.a"
cmp -s "$work/hashes.a" "$work/hashes.b"
check $? "the two output bases ($work/a, $other) give identical package.tgz and .wasm files"
if ! cmp -s "$work/hashes.a" "$work/hashes.b"; then diff "$work/hashes.a" "$work/hashes.b" | sed 's/^/  /'; fi

echo
awk -v s="$share" 'BEGIN { exit !(s >= 0.95) }'
check $? "cache hit share >= 95%"
awk -v r="$ratio" 'BEGIN { exit !(r <= 0.1) }'
check $? "warm build <= 0.1x the cold build"
echo "logs: $work"
exit $((failures > 0))
