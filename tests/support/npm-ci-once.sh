#!/usr/bin/env bash
# Copies a Node package's files from <src-dir> into <work-dir> and installs its locked
# dependencies there with `npm ci`, once per package-lock.json (a stamp in node_modules remembers
# which lock was installed). The source folders may be read-only, so nothing is installed there.
#
#   npm-ci-once.sh <src-dir> <work-dir> <file>...
set -euo pipefail
src="$1" work="$2"
shift 2
command -v node >/dev/null || { echo "npm-ci-once: node is not installed" >&2; exit 1; }
command -v npm  >/dev/null || { echo "npm-ci-once: npm is not installed" >&2; exit 1; }
mkdir -p "$work"
for f in "$@"; do
  [ -f "$src/$f" ] || { echo "npm-ci-once: $src/$f not found" >&2; exit 1; }
  cmp -s "$src/$f" "$work/$f" 2>/dev/null || cp "$src/$f" "$work/$f"
done
stamp="$work/node_modules/.tokenpass-lock.sha256"
lock_sum=$(sha256sum "$work/package-lock.json" | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$lock_sum" ]; then
  echo "npm-ci-once: installing the locked packages of $src"
  (cd "$work" && npm ci --no-audit --no-fund --loglevel=error)
  echo "$lock_sum" > "$stamp"
fi
