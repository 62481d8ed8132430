#!/usr/bin/env bash
# Clean-room install test for the .deb: installs it into a fresh Debian 12 root made by
# debootstrap, and checks there that `tokenpass --version` runs and that
# `tokenpass --headless --port 0` serves /api/status. Proves the package's Depends are complete:
# nothing from the build machine leaks in.
#
#   sudo installers/linux/clean-root-test.sh PATH/TO/tokenpass_*.deb [ROOT_DIR]
#
# Needs root, debootstrap (apt-get install debootstrap) and a Debian mirror (MIRROR, default
# deb.debian.org). The bare root is cached in ROOT_DIR.base (default
# /var/tmp/tokenpass-clean-root.base) and copied fresh for every run: about 6.5 minutes the first
# time, about 2 minutes after that (2-core machine). Too slow for every CI run: run it before each
# release (installers/README.md).
set -euo pipefail

deb="$(readlink -f "${1:?usage: clean-root-test.sh PATH/TO/tokenpass.deb [ROOT_DIR]}")"
root="${2:-/var/tmp/tokenpass-clean-root}"
base="$root.base"
suite="${SUITE:-bookworm}"
mirror="${MIRROR:-http://deb.debian.org/debian}"

[ "$(id -u)" -eq 0 ] || { echo "run as root (debootstrap and chroot need it)" >&2; exit 1; }
command -v debootstrap >/dev/null || { echo "needs debootstrap: apt-get install debootstrap" >&2; exit 1; }

if [ ! -x "$base/bin/bash" ]; then
  echo "==> debootstrap $suite into $base (first run only)"
  rm -rf "$base"
  debootstrap --variant=minbase --include=ca-certificates,curl "$suite" "$base" "$mirror"
fi

echo "==> fresh copy of the clean root: $root"
rm -rf "$root"
cp -a "$base" "$root"
cleanup() {
  umount -l "$root/proc" 2>/dev/null || true
  umount -l "$root/dev" 2>/dev/null || true
  rm -rf "$root"
}
trap cleanup EXIT
mount -t proc proc "$root/proc"
mount --bind /dev "$root/dev"
cp /etc/resolv.conf "$root/etc/resolv.conf"
cp "$deb" "$root/tmp/tokenpass.deb"

in_root() { chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root "$@"; }

echo "==> apt-get install ./tokenpass.deb (its Depends come from the mirror)"
in_root apt-get update -qq
in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends /tmp/tokenpass.deb

echo "==> tokenpass --version"
in_root tokenpass --version

echo "==> tokenpass --headless --port 0, then GET /api/status"
# shellcheck disable=SC2016  # expanded inside the chroot, not here
in_root bash -c '
  set -euo pipefail
  export TOKENPASS_HOME=/tmp/tp-data XDG_RUNTIME_DIR=/tmp/tp-run
  mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
  tokenpass --headless --port 0 >/tmp/tp.out 2>&1 &
  pid=$!
  url=""
  for _ in $(seq 1 100); do
    url="$(grep -oE "http://127\.0\.0\.1:[0-9]+/api/" /tmp/tp.out | head -1 || true)"
    [ -n "$url" ] && break
    kill -0 "$pid" 2>/dev/null || { cat /tmp/tp.out; echo "FAIL: tokenpass exited"; exit 1; }
    sleep 0.1
  done
  [ -n "$url" ] || { cat /tmp/tp.out; echo "FAIL: no listening line"; exit 1; }
  body="$(curl -fsS "${url}status")"
  kill "$pid"; wait "$pid" || true
  echo "GET ${url}status -> $body"
  case "$body" in *"{"*) ;; *) echo "FAIL: not JSON"; exit 1 ;; esac'
echo "==> PASS: the .deb installs and runs in a clean $suite root"
