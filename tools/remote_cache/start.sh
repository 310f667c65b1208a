#!/usr/bin/env bash
# Starts the workspace's remote cache: Debian's nginx serving a directory over HTTP with WebDAV
# PUT, which Bazel uses as an HTTP remote cache (GET/HEAD reads, PUT writes of /ac/ and /cas/).
# Listens on 127.0.0.1 only. Idempotent: a running server for the same directory is left alone.
#
# Usage: tools/remote_cache/start.sh [--port PORT] [--dir DIR]
#   defaults: port 9092 (what .bazelrc's --config=ci and --config=cache-read use),
#             dir $RUV_REMOTE_CACHE_DIR or ~/.cache/ruv-swarm-wasm/remote-cache
# Stop it with tools/remote_cache/stop.sh (same --dir).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
port=9092
dir="${RUV_REMOTE_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/ruv-swarm-wasm/remote-cache}"
while (($#)); do
  case "$1" in
    --port) port="$2"; shift 2 ;;
    --dir) dir="$2"; shift 2 ;;
    *) echo "usage: $0 [--port PORT] [--dir DIR]" >&2; exit 2 ;;
  esac
done

"$here/../setup/ensure_system_deps.sh" nginx-light curl
mkdir -p "$dir/data" "$dir/tmp"
dir="$(cd "$dir" && pwd)"
if [[ -s "$dir/nginx.pid" ]] && kill -0 "$(cat "$dir/nginx.pid")" 2>/dev/null; then
  echo "remote cache already running: http://127.0.0.1:$(cat "$dir/port") ($dir)"
  exit 0
fi

# Every path nginx writes is under $dir, so no root and no /var/lib/nginx are needed. Workers run
# as the user who owns $dir (nginx started by root would otherwise drop them to `nobody`).
cat >"$dir/nginx.conf" <<CONF
$( [[ "$(id -u)" == 0 ]] && echo "user $(id -un) $(id -gn);" )
worker_processes 2;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events { worker_connections 512; }
http {
  access_log off;
  client_body_temp_path $dir/tmp/body;
  proxy_temp_path $dir/tmp/proxy;
  fastcgi_temp_path $dir/tmp/fastcgi;
  uwsgi_temp_path $dir/tmp/uwsgi;
  scgi_temp_path $dir/tmp/scgi;
  server {
    listen 127.0.0.1:$port;
    root $dir/data;
    client_max_body_size 0;
    location / {
      dav_methods PUT;
      create_full_put_path on;
      dav_access user:rw group:r all:r;
    }
  }
}
CONF
echo "$port" >"$dir/port"
nginx -p "$dir" -c "$dir/nginx.conf" -e "$dir/error.log"
# Ready when a PUT succeeds: listening, and allowed to write $dir/data.
for _ in $(seq 50); do
  if curl -fsS -o /dev/null -X PUT --data-binary probe "http://127.0.0.1:$port/.probe" 2>/dev/null; then
    echo "remote cache running: http://127.0.0.1:$port ($dir)"
    exit 0
  fi
  sleep 0.1
done
echo "remote cache did not answer on 127.0.0.1:$port; see $dir/error.log" >&2
exit 1
