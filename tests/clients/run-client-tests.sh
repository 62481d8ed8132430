#!/usr/bin/env bash
# Runs the real client libraries against the tokenpass binary (tests/clients/*.mjs).
#   run-client-tests.sh <tokenpass-binary> <work-dir> [script.mjs] [args...]
# The script defaults to sigma-local-signer.mjs; tx-signing.mjs is the transaction test (issue 17).
set -euo pipefail
binary="$1" work="$2" script="${3:-sigma-local-signer.mjs}"
shift $(( $# < 3 ? $# : 3 ))
here="$(cd "$(dirname "$0")" && pwd)"
bash "$here/../support/npm-ci-once.sh" "$here" "$work" package.json package-lock.json .npmrc \
  sigma-local-signer.mjs tx-signing.mjs
cp "$here/../support/listening-port.mjs" "$work/listening-port.mjs"
node "$work/$script" "$binary" "$@"
