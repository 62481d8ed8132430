#!/usr/bin/env bash
# Runs the real OAuth client libraries against the tokenpass binary (tests/oauth-clients/*.mjs).
#   run-oauth-client-tests.sh <tokenpass-binary> <work-dir>
set -euo pipefail
binary="$1" work="$2"
here="$(cd "$(dirname "$0")" && pwd)"
bash "$here/../support/npm-ci-once.sh" "$here" "$work" package.json package-lock.json .npmrc code-flow.mjs
cp "$here/../support/listening-port.mjs" "$work/listening-port.mjs"
node "$work/code-flow.mjs" "$binary"
