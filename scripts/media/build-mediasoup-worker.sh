#!/usr/bin/env bash
# Build the mediasoup C++ worker offline against Debian 12 (bookworm) libraries.
#
#   scripts/media/build-mediasoup-worker.sh
#   export MEDIASOUP_WORKER_BIN="$(scripts/media/build-mediasoup-worker.sh)"
#
# `npm install mediasoup` cannot fetch or build its worker without internet
# access. Its postinstall downloads a prebuilt worker from GitHub, and the
# fallback build pip-installs meson and downloads meson subprojects. This script:
#   1. installs the Debian build dependencies if they are missing (apt-get),
#   2. gets the mediasoup source from the npm registry (`npm pack`) and checks it,
#   3. replaces the meson .wrap subprojects with the local shims in ./subprojects,
#      which wrap Debian's libraries (see subprojects/README.md),
#   4. builds with meson (>= 1.1, pip-installed into the cache) and ninja,
#   5. installs the binary to
#      ${MEDIASOUP_CACHE_DIR:-$HOME/.cache/hop-truc-tuyen}/mediasoup-worker-<version>.
# If that binary already exists and runs, the script exits at once.
#
# stdout gets only one line: the absolute path of the worker binary. All
# progress goes to stderr. Give that path to mediasoup through MEDIASOUP_WORKER_BIN
# at `npm install` time (any value skips the download in mediasoup's
# postinstall) and at run time.
#
# Environment:
#   MEDIASOUP_CACHE_DIR   cache directory (default $HOME/.cache/hop-truc-tuyen)
#   MEDIASOUP_BUILD_JOBS  parallel compile jobs (default: nproc)
#   MEDIASOUP_KEEP_BUILD  set to 1 to keep the temporary build directory
#   MEDIASOUP_MESON_SPEC  pip requirement for meson (default 'meson>=1.1,<2')
set -euo pipefail

readonly MEDIASOUP_VERSION=3.12.16
# `npm view mediasoup@3.12.16 dist.integrity`
readonly MEDIASOUP_INTEGRITY='sha512-yLk/OBlHKrosfFBWKVGLpAQ55tssQ/9+EteOrt/C5xgS8OHOpGTIIrP0/OFjfCA/lhxAr1xV8qUTXM3D7NGxJA=='
readonly DEBIAN_PACKAGES=(
  g++ pkg-config ninja-build python3-pip
  libssl-dev libuv1-dev libsrtp2-dev libusrsctp-dev libabsl-dev nlohmann-json3-dev
)

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
readonly SCRIPT_DIR
CACHE_DIR="${MEDIASOUP_CACHE_DIR:-${HOME:?HOME is not set}/.cache/hop-truc-tuyen}"
mkdir -p "$CACHE_DIR"
CACHE_DIR="$(cd "$CACHE_DIR" && pwd -P)"
readonly CACHE_DIR
readonly WORKER_BIN="$CACHE_DIR/mediasoup-worker-$MEDIASOUP_VERSION"
readonly MESON_DIR="$CACHE_DIR/tools/meson"

# Keep stdout for the final path; everything else goes to stderr.
exec 3>&1 1>&2

log() { printf '[build-mediasoup-worker] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# The worker exits with code 41 when it is started without MEDIASOUP_VERSION
# (that is, not by mediasoup's Node library). Getting 41 shows that the binary
# loads and that all its shared libraries resolve.
worker_runs() {
  [[ -x "$1" ]] || return 1
  local rc=0
  env -u MEDIASOUP_VERSION "$1" </dev/null >/dev/null 2>&1 || rc=$?
  [[ $rc -eq 41 ]]
}

finish() {
  log "worker ready: $WORKER_BIN"
  printf '%s\n' "$WORKER_BIN" >&3
  exit 0
}

if worker_runs "$WORKER_BIN"; then
  finish
fi

# One build at a time per cache directory.
if command -v flock >/dev/null 2>&1; then
  exec 9>"$CACHE_DIR/.mediasoup-worker.lock"
  flock 9
  if worker_runs "$WORKER_BIN"; then
    finish
  fi
fi

# ---------------------------------------------------------------- Debian deps
if [[ -r /etc/os-release ]]; then
  # shellcheck disable=SC1091
  codename="$(. /etc/os-release && printf '%s' "${VERSION_CODENAME:-}")"
  if [[ "$codename" != bookworm ]]; then
    log "WARNING: written for Debian 12 (bookworm), this is '${codename:-unknown}'; library versions may not match"
  fi
fi

missing=()
for pkg in "${DEBIAN_PACKAGES[@]}"; do
  if [[ "$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)" != "install ok installed" ]]; then
    missing+=("$pkg")
  fi
done
if ((${#missing[@]})); then
  log "installing Debian packages: ${missing[*]}"
  if [[ $EUID -eq 0 ]]; then
    SUDO=()
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO=(sudo -n)
  else
    die "missing Debian packages and not root (no password-less sudo): apt-get install ${missing[*]}"
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt_install() { "${SUDO[@]}" apt-get install -y --no-install-recommends "${missing[@]}" </dev/null; }
  # Container images often ship without package lists.
  if ! compgen -G '/var/lib/apt/lists/*_Packages*' >/dev/null; then
    "${SUDO[@]}" apt-get update </dev/null
  fi
  if ! apt_install; then
    log "apt-get install failed; refreshing package lists and retrying"
    "${SUDO[@]}" apt-get update </dev/null
    apt_install
  fi
else
  log "Debian packages already installed"
fi

command -v npm >/dev/null 2>&1 || die "npm not found"
command -v node >/dev/null 2>&1 || die "node not found"
command -v ninja >/dev/null 2>&1 || die "ninja not found (Debian package ninja-build)"

# ---------------------------------------------------------------- meson >= 1.1
# Debian 12's meson is 1.0.1, and mediasoup 3.12.16 requires >= 1.1.0. pip-install
# meson into the cache (--target avoids PEP 668's externally-managed error
# and keeps it out of the system).
PYTHON="$(command -v python3)" || die "python3 not found"
meson_ok() {
  PYTHONPATH="$MESON_DIR" "$PYTHON" - <<'EOF' >/dev/null 2>&1
import mesonbuild.coredata as c, sys
v = tuple(int(x) for x in c.version.split('.')[:2])
sys.exit(0 if v >= (1, 1) else 1)
EOF
}
if ! meson_ok; then
  meson_spec="${MEDIASOUP_MESON_SPEC:-meson>=1.1,<2}"
  rm -rf "$MESON_DIR" "$MESON_DIR.tmp"
  mkdir -p "$(dirname "$MESON_DIR")"
  pip_install=("$PYTHON" -m pip install --disable-pip-version-check --no-input --quiet
               --root-user-action=ignore
               --target "$MESON_DIR.tmp" "$meson_spec")
  installed=0
  # Machines with a local package index configured for pip (`pip config list`,
  # file:// URLs): try that index alone first, which avoids slow retries
  # against an unreachable public index.
  local_indexes=()
  while IFS= read -r url; do
    dir="${url#file://}"
    if [[ "$url" == file://* && -e "$dir/meson" ]]; then
      local_indexes+=("$url")
    fi
  done < <("$PYTHON" -m pip config list 2>/dev/null \
             | sed -n -E "s/^[^=]*\.(extra-)?index-url='(.*)'$/\2/p" | tr ' ' '\n')
  for url in "${local_indexes[@]}"; do
    log "pip-installing $meson_spec from local index $url"
    if "${pip_install[@]}" --index-url "$url"; then installed=1; break; fi
    rm -rf "$MESON_DIR.tmp"
  done
  if ((!installed)); then
    log "pip-installing $meson_spec with pip's default configuration"
    "${pip_install[@]}" || die "could not pip-install meson ($meson_spec)"
  fi
  mv "$MESON_DIR.tmp" "$MESON_DIR"
  meson_ok || die "meson in $MESON_DIR is not usable (need >= 1.1)"
fi
export PYTHONPATH="$MESON_DIR${PYTHONPATH:+:$PYTHONPATH}"
meson() { "$PYTHON" -m mesonbuild.mesonmain "$@"; }
log "meson $(meson --version), ninja $(ninja --version)"

# ---------------------------------------------------------------- source
WORK="$(mktemp -d "${TMPDIR:-/tmp}/mediasoup-worker-build.XXXXXX")"
cleanup() {
  if [[ "${MEDIASOUP_KEEP_BUILD:-0}" == 1 ]]; then
    log "build directory kept: $WORK"
  else
    rm -rf "$WORK"
  fi
}
trap cleanup EXIT

log "fetching mediasoup@$MEDIASOUP_VERSION from the npm registry"
tarball="$(cd "$WORK" && npm pack "mediasoup@$MEDIASOUP_VERSION" --silent | tail -n 1)"
tarball="$WORK/$tarball"
[[ -f "$tarball" ]] || die "npm pack did not produce a tarball"
integrity="sha512-$(node -e 'const c=require("crypto"),f=require("fs");process.stdout.write(c.createHash("sha512").update(f.readFileSync(process.argv[1])).digest("base64"))' "$tarball")"
[[ "$integrity" == "$MEDIASOUP_INTEGRITY" ]] \
  || die "tarball integrity mismatch: got $integrity, expected $MEDIASOUP_INTEGRITY"
tar -xzf "$tarball" -C "$WORK"
SRC="$WORK/package/worker"
for f in meson.build src/main.cpp src/lib.cpp include/DepLibUV.hpp deps/libwebrtc/meson.build; do
  [[ -f "$SRC/$f" ]] || die "tarball has no worker/$f: it does not contain the worker sources"
done
pkg_version="$(node -p 'require(process.argv[1]).version' "$WORK/package/package.json")"
[[ "$pkg_version" == "$MEDIASOUP_VERSION" ]] || die "tarball is mediasoup $pkg_version, expected $MEDIASOUP_VERSION"

# ---------------------------------------------------------------- subprojects
# Drop the .wrap files (they download) and put the shims in their place.
rm -rf "$SRC/subprojects"
mkdir -p "$SRC/subprojects"
for shim in "$SCRIPT_DIR"/subprojects/*/; do
  cp -R "$shim" "$SRC/subprojects/"
done
[[ -f "$SRC/subprojects/libuv/meson.build" ]] || die "shim subprojects not found in $SCRIPT_DIR/subprojects"

# ---------------------------------------------------------------- build
# Same options as mediasoup's own Release build (worker/Makefile). No wrap may
# download anything.
BUILD="$WORK/build"
jobs="${MEDIASOUP_BUILD_JOBS:-$(nproc 2>/dev/null || echo 2)}"
log "configuring"
meson setup \
  --buildtype release \
  -Db_ndebug=true \
  -Db_pie=true \
  -Db_staticpic=true \
  --wrap-mode=nodownload \
  "$BUILD" "$SRC"
log "compiling with $jobs jobs (about 4 minutes on 2 cores)"
started=$SECONDS
meson compile -C "$BUILD" -j "$jobs" mediasoup-worker
log "compiled in $((SECONDS - started)) s"

built="$BUILD/mediasoup-worker"
worker_runs "$built" || die "the built worker does not run: $built"
install -m 0755 "$built" "$WORKER_BIN.tmp.$$"
mv -f "$WORKER_BIN.tmp.$$" "$WORKER_BIN"
worker_runs "$WORKER_BIN" || die "installed worker does not run: $WORKER_BIN"
finish
