#!/usr/bin/env bash
# Checks TokenPass's own crypto output with the reference JavaScript libraries.
#
#   run-refcheck.sh <emitter> <refcheck-dir> <work-dir>
#
# <emitter> writes JSON lines (CRYPTO.md §11.2) made by our C++ code: signatures, ciphertexts,
# tokens and backups, plus deliberately broken copies marked "expect": false. verify.mjs from
# <refcheck-dir> (../shared/tools/refcheck) checks every line with @bsv/sdk, bitcoin-auth and
# bitcoin-backup. The shared folder is read-only, so the checker is copied to <work-dir> and its
# packages are installed there once (npm ci, from package-lock.json).
set -euo pipefail
emitter="$1" refcheck_dir="$2" work="$3"

if [ ! -f "$refcheck_dir/verify.mjs" ]; then
  echo "refcheck: $refcheck_dir/verify.mjs not found (is ../shared beside the checkout?)" >&2
  exit 1
fi
command -v node >/dev/null || { echo "refcheck: node is not installed" >&2; exit 1; }

mkdir -p "$work"
for f in package.json package-lock.json verify.mjs; do
  cmp -s "$refcheck_dir/$f" "$work/$f" 2>/dev/null || cp "$refcheck_dir/$f" "$work/$f"
done
stamp="$work/node_modules/.tokenpass-lock.sha256"
lock_sum=$(sha256sum "$work/package-lock.json" | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$lock_sum" ]; then
  echo "refcheck: installing the reference libraries (npm ci)"
  (cd "$work" && npm ci --no-audit --no-fund --loglevel=error)
  echo "$lock_sum" > "$stamp"
fi

"$emitter" > "$work/ours.jsonl"
lines=$(grep -c '"kind"' "$work/ours.jsonl" || true)
negatives=$(grep -c '"expect":false' "$work/ours.jsonl" || true)
echo "refcheck: checking $lines lines from our C++ code ($negatives of them must be rejected)"
if [ "$lines" -lt 20 ] || [ "$negatives" -lt 5 ]; then
  echo "refcheck: the emitter wrote too few checks" >&2
  exit 1
fi
node "$work/verify.mjs" "$work/ours.jsonl" --quiet
