#!/bin/sh
# Issue 19 (lean headless): what the binaries link, and what tokenpassd has mapped once it has
# started. Neither binary may need Qt Network, Qt SQL, Qt HTTP Server or Qt WebSockets, and the
# started tokenpassd must have loaded none of those, nor libssl or Qt's TLS plugins (they come
# only with the upstream module, on the first /api/sync or /api/bap-profile call).
#   lean-start.sh TOKENPASSD TOKENPASS
set -u
daemon="$1"
tray="$2"
status=0
for binary in "$daemon" "$tray"; do
    needed=$(readelf -d "$binary" | grep NEEDED)
    echo "$needed" | grep -q 'libQt6Core' || { echo "cannot read NEEDED of $binary"; exit 1; }
    if echo "$needed" | grep -E 'libQt6(Network|Sql|HttpServer|WebSockets)'; then
        echo "FAIL: $binary links a library it must not need"
        status=1
    fi
done

scratch=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null; rm -rf "$scratch"' EXIT
HOME="$scratch" "$daemon" --data-dir "$scratch/data" --port 0 >"$scratch/log" 2>&1 &
pid=$!
# Started: its database is open (and mapped, for the WAL index).
for _ in $(seq 1 100); do
    grep -q 'tokenpass.sqlite' "/proc/$pid/maps" 2>/dev/null && break
    sleep 0.05
done
grep -q 'libQt6Core' "/proc/$pid/maps" || { echo "tokenpassd did not start"; cat "$scratch/log"; exit 1; }
sleep 0.3 # what runs right after the first event loop turn
if grep -E 'libQt6(Network|Sql|HttpServer|WebSockets)|libssl|tls' "/proc/$pid/maps"; then
    echo "FAIL: tokenpassd loaded the above at start"
    status=1
fi
exit $status
