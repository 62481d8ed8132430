#!/usr/bin/env bash
# Runs the real client libraries against the tokenpass binary (tests/clients/*.mjs).
#   run-client-tests.sh <tokenpass-binary> <work-dir>
set -euo pipefail
binary="$1" work="$2"
here="$(cd "$(dirname "$0")" && pwd)"
bash "$here/../support/npm-ci-once.sh" "$here" "$work" package.json package-lock.json .npmrc sigma-local-signer.mjs
node "$work/sigma-local-signer.mjs" "$binary"
