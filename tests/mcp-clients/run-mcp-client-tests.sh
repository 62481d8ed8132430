#!/usr/bin/env bash
# Runs the real MCP SDK client against the tokenpass binary (tests/mcp-clients/*.mjs).
#   run-mcp-client-tests.sh <tokenpass-binary> <work-dir> [script.mjs [args...]]   (default mcp-flow.mjs)
set -euo pipefail
binary="$1" work="$2" script="${3:-mcp-flow.mjs}"
here="$(cd "$(dirname "$0")" && pwd)"
bash "$here/../support/npm-ci-once.sh" "$here" "$work" package.json package-lock.json .npmrc mcp-flow.mjs stdio-bridge.mjs readme-agent.mjs device-page.mjs
cp "$here/../support/listening-port.mjs" "$work/listening-port.mjs"
node "$work/$script" "$binary" "${@:4}"
