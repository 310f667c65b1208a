#!/usr/bin/env bash
# Installs the Debian packages this workspace builds with, if any is missing.
# Usage: ensure_system_deps.sh [more packages...] (e.g. tools/remote_cache/start.sh adds nginx-light).
#
# Idempotent and fast when everything is present (one dpkg-query call). Run by tools/bazel before
# every Bazel command; safe to run by hand. Exits non-zero with one message naming the fix when
# the machine is not a supported Debian or a package cannot be installed.
set -euo pipefail

# Every system package the build uses, with the reason it is here.
packages=(
  bazel-bootstrap   # Bazel 4.2.3, the only Bazel installable here
  rustc-web         # rustc 1.96 (LLVM 22): the Rust compiler for host and wasm32
  cargo-web         # cargo 1.96: builds the wasm32 sysroot and third-party crates inside Bazel actions
  rust-web-src      # the standard library's source, from which the wasm32 sysroot is built
  rustfmt-web       # rustfmt matching rustc-web (format checks)
  rust-web-clippy   # clippy matching rustc-web (lint checks)
  lld-19            # wasm-ld-19, the wasm32 linker
  nodejs            # Node >= 18 with npm: runs wasm-opt (npm's binaryen), tests, `npm pack`
  gcc               # host linker for native Rust tests and tools
  libfann-dev       # FANN 2.2, the C reference the neural module is tested against
  chromium          # the browser the package's browser and bundler tests run in (headless, via playwright-core)
  clang-19          # C compiler for wasm32: builds SQLite (sqlite-wasm-rs) into the persistence module
  llvm-19           # llvm-ar-19: archives the wasm32 objects of SQLite for rustc to link
  "$@"              # what the caller needs besides
)

fail() {
  printf 'ensure_system_deps: %s\n' "$1" >&2
  exit 1
}

if [[ ! -r /etc/os-release ]] || ! grep -qE '^ID=debian' /etc/os-release; then
  fail "this workspace supports Debian 12 (bookworm) x86_64 only; use such a machine (see README.md)."
fi
if [[ "$(uname -m)" != x86_64 ]]; then
  fail "this workspace supports x86_64 only (found $(uname -m)); use a Debian 12 x86_64 machine."
fi

installed="$(dpkg-query -W -f='${Package} ${db:Status-Status}\n' "${packages[@]}" 2>/dev/null || true)"
missing=()
for p in "${packages[@]}"; do
  grep -qx "$p installed" <<<"$installed" || missing+=("$p")
done
# Debian's nodejs ships npm separately; a NodeSource nodejs (which conflicts with Debian's npm)
# already contains it.
if ! command -v npm >/dev/null 2>&1; then
  missing+=(npm)
fi

if (( ${#missing[@]} == 0 )); then
  exit 0
fi

if [[ "$(id -u)" != 0 ]]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    as_root=(sudo -n)
  else
    fail "missing Debian packages: ${missing[*]}. Fix: sudo apt-get install -y ${missing[*]}"
  fi
else
  as_root=()
fi

printf 'ensure_system_deps: installing %s\n' "${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -q >&2 || fail "apt-get update failed; check the network to Debian's mirrors."
"${as_root[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}" >&2 \
  || fail "apt-get install ${missing[*]} failed; run it by hand to see why."
