#!/usr/bin/env bash
# Drives Debian's chromium, headless, through TokenPass's browser pages (tests/browser/*.mjs).
#   run-browser-tests.sh <tokenpass-binary> <work-dir> <scenario>...   (auth-page, oauth-consent)
# The browser is $CHROMIUM, else `chromium` on PATH (Debian package chromium); puppeteer-core
# never downloads one.
set -euo pipefail
binary="$1" work="$2"
shift 2
here="$(cd "$(dirname "$0")" && pwd)"
chromium="${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}"
if [ -z "$chromium" ] || [ ! -x "$chromium" ]; then
  echo "run-browser-tests: no chromium (apt-get install chromium, or set CHROMIUM=/path/to/it)" >&2
  exit 1
fi
export PUPPETEER_SKIP_DOWNLOAD=1
bash "$here/../support/npm-ci-once.sh" "$here" "$work" package.json package-lock.json .npmrc \
  browser-tests.mjs harness.mjs auth-page.mjs oauth-consent.mjs
cp "$here/../support/listening-port.mjs" "$work/listening-port.mjs"
node "$work/browser-tests.mjs" "$binary" "$chromium" "$@"
