#!/usr/bin/env bash
# Load and latency of the local API (issue: REST API, "Performance"). Starts `tokenpass --headless`
# on a fresh data folder and a free port, creates a wallet and a token, then measures with wrk:
#   POST /api/sign (message mode, valid token) at 1, 4 and 32 connections, 10 s each;
#   GET /api/status at 4 connections;
#   time from process start to the first 200 on /api/status (bench/startup_time.py);
#   RSS of the process after the sign runs (well over 10,000 signs).
# Targets on the 2-core reference machine: >= 5,000 signs/s at 4 connections with p99 <= 5 ms,
# start-up <= 150 ms, RSS <= 40 MB.
#
#   bash bench/api_load.sh [path/to/tokenpass]      (needs wrk and curl: apt-get install wrk curl)
set -euo pipefail
binary="${1:-build/app/tokenpass}"
duration="${DURATION:-10s}"
command -v wrk >/dev/null || { echo "api_load: wrk is not installed (apt-get install wrk)" >&2; exit 1; }
data=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$data"' EXIT

# Start-up on its own (best and median of 5 fresh starts): polling with curl here would add a
# curl start-up per poll to the figure (that made 65 ms read as 276 ms).
startup=$(python3 "$(dirname "$0")/startup_time.py" "$binary" 5 | tail -1)
"$binary" --headless --data-dir "$data" --port "$port" 2>"$data/log" &
pid=$!
until curl -sf "http://127.0.0.1:$port/api/status" >/dev/null; do sleep 0.002; done

base="http://127.0.0.1:$port"
curl -sf -X POST -d '{"password":"benchmark password"}' "$base/api/register" >/dev/null
token=$(curl -sf -X POST -d '{"host":"bench.example","password":"benchmark password","scopes":["sign"]}' \
  "$base/api/auth" | python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])')

lua="$data/sign.lua"
cat > "$lua" <<LUA
wrk.method = "POST"
wrk.body = '{"message":"benchmark message"}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $token"
done = function(summary, latency, requests)
  io.write(string.format("RESULT %.0f req/s  p50 %.2f ms  p99 %.2f ms  errors %d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, summary.errors.status + summary.errors.connect + summary.errors.read
    + summary.errors.write + summary.errors.timeout))
end
LUA
status_lua="$data/status.lua"
sed -e '/^wrk.method/d' -e '/^wrk.body/d' -e '/Authorization/d' "$lua" > "$status_lua"

echo "tokenpass --headless, port $port, $(nproc) cores"
echo "$startup"
echo "load average before the runs: $(cut -d' ' -f1-3 /proc/loadavg)"
for c in 1 4 32; do
  printf 'POST /api/sign, %2d connections: ' "$c"
  wrk -t "$(( c < 2 ? 1 : 2 ))" -c "$c" -d "$duration" -s "$lua" "$base/api/sign" | grep RESULT | cut -c8-
done
printf 'GET /api/status,  4 connections: '
wrk -t 2 -c 4 -d "$duration" -s "$status_lua" "$base/api/status" | grep RESULT | cut -c8-
echo "RSS after the sign runs: $(( $(awk '/VmRSS/ {print $2}' /proc/$pid/status) / 1024 )) MB"
