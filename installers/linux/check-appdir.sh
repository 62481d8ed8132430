#!/usr/bin/env bash
# Runs TokenPass from an AppDir the way the AppImage would (through AppRun, with the bundled
# libraries first on the search path) and checks `--version`, `--headless` serving /api/status on
# a free port, and that the running process has core dumps off. A temporary HOME and data folder
# keep it away from real data.
#
#   installers/linux/check-appdir.sh APPDIR
set -euo pipefail

appdir="$(cd "${1:?usage: check-appdir.sh APPDIR}" && pwd)"
scratch="$(mktemp -d)"
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$scratch"; }
trap cleanup EXIT
export HOME="$scratch/home" TOKENPASS_HOME="$scratch/data" XDG_RUNTIME_DIR="$scratch/run"
mkdir -p "$HOME" "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
export LD_LIBRARY_PATH="$appdir/usr/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"

echo "==> $appdir/AppRun --version"
version_line="$("$appdir/AppRun" --version)"
echo "$version_line"
case "$version_line" in TokenPass\ *) ;; *) echo "FAIL: unexpected --version output" >&2; exit 1 ;; esac

if [ -d "$appdir/usr/lib" ]; then
  # The bundled Qt must be the one loaded, not the host's. ldd's output is captured first: with
  # pipefail, `ldd | grep -q` fails at random when grep exits early and ldd gets SIGPIPE.
  resolved="$(ldd "$appdir/usr/bin/tokenpass")"
  bundled="$(grep -c "=> $appdir/usr/lib" <<<"$resolved" || true)"
  echo "==> libraries resolved from the AppDir: $bundled"
  grep -q "libQt6Core.so.6 => $appdir/usr/lib/" <<<"$resolved" \
    || { echo "FAIL: libQt6Core does not come from the AppDir" >&2; exit 1; }
fi

echo "==> $appdir/AppRun --headless --port 0"
"$appdir/AppRun" --headless --port 0 --data-dir "$TOKENPASS_HOME" >"$scratch/out" 2>&1 &
pid=$!
url=""
for _ in $(seq 1 100); do
  url="$(grep -oE 'http://127\.0\.0\.1:[0-9]+/api/' "$scratch/out" | head -1 || true)"
  [ -n "$url" ] && break
  kill -0 "$pid" 2>/dev/null || { cat "$scratch/out" >&2; echo "FAIL: exited early" >&2; exit 1; }
  sleep 0.1
done
[ -n "$url" ] || { cat "$scratch/out" >&2; echo "FAIL: no listening line" >&2; exit 1; }
# Process hardening (platform::hardenProcess) is on in the shipped binary: no core files.
grep -Eq '^Max core file size +0 +0 ' "/proc/$pid/limits" \
  || { grep -i core "/proc/$pid/limits" >&2; echo "FAIL: core dumps are not disabled" >&2; exit 1; }
echo "==> core dumps disabled (RLIMIT_CORE 0)"
if command -v curl >/dev/null 2>&1; then
  status="$(curl -fsS "${url}status")"
else
  status="$(python3 -c 'import sys, urllib.request; print(urllib.request.urlopen(sys.argv[1]).read().decode())' "${url}status")"
fi
echo "GET ${url}status -> $status"
case "$status" in *'{'*) echo "OK" ;; *) echo "FAIL: /api/status did not answer JSON" >&2; exit 1 ;; esac
