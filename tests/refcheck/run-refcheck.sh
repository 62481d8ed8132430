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
bash "$(dirname "$0")/../support/npm-ci-once.sh" "$refcheck_dir" "$work" package.json package-lock.json verify.mjs

"$emitter" > "$work/ours.jsonl"
lines=$(grep -c '"kind"' "$work/ours.jsonl" || true)
negatives=$(grep -c '"expect":false' "$work/ours.jsonl" || true)
echo "refcheck: checking $lines lines from our C++ code ($negatives of them must be rejected)"
if [ "$lines" -lt 20 ] || [ "$negatives" -lt 5 ]; then
  echo "refcheck: the emitter wrote too few checks" >&2
  exit 1
fi
node "$work/verify.mjs" "$work/ours.jsonl" --quiet
