#!/usr/bin/env bash
# Stops the remote cache tools/remote_cache/start.sh started (the cached entries stay on disk).
# Usage: tools/remote_cache/stop.sh [--dir DIR]
set -euo pipefail
dir="${RUV_REMOTE_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/ruv-swarm-wasm/remote-cache}"
if [[ "${1:-}" == --dir ]]; then dir="$2"; fi
if [[ -s "$dir/nginx.pid" ]] && kill -0 "$(cat "$dir/nginx.pid")" 2>/dev/null; then
  nginx -p "$dir" -c "$dir/nginx.conf" -e "$dir/error.log" -s stop
  for _ in $(seq 50); do
    [[ -e "$dir/nginx.pid" ]] || break
    sleep 0.1
  done
  echo "remote cache stopped ($dir)"
else
  echo "remote cache not running ($dir)"
fi
