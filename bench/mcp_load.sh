#!/usr/bin/env bash
# Throughput and latency of the MCP endpoint (issue 18, "Performance"): `tools/call sign_message`
# over HTTP with a valid token and policy allow, at 4 connections. Starts `tokenpassd` (headless)
# on a fresh data folder and a free port, creates a wallet, gets an access token for the resource
# <base>/mcp with scope `sign` through the real flow (registration, the headless consent form with
# the password, which grants policy allow for its scopes; the code exchange: bench/oauth_tokens.py),
# opens an MCP session (initialize), then measures with wrk. Every answer is checked: a 200 whose
# body is not a tool result with a signature counts as an error.
# Target on the 2-core reference machine: >= 4,000 calls/s at 4 connections with p99 <= 3 ms.
#
#   bash bench/mcp_load.sh [path/to/tokenpassd]      (needs wrk, curl, python3)
set -euo pipefail
binary="${1:-build/app/tokenpassd}"
duration="${DURATION:-10s}"
command -v wrk >/dev/null || { echo "mcp_load: wrk is not installed (apt-get install wrk)" >&2; exit 1; }
# shellcheck source=bench/start_tokenpassd.sh
source "$(dirname "$0")/start_tokenpassd.sh"
python3 "$(dirname "$0")/oauth_tokens.py" "$base" "$password" 0 sign "$base/mcp" > "$data/tokens.json"
access=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["access_token"])' "$data/tokens.json")

version="2025-11-25"
session=$(curl -s -D - -o "$data/init.json" -X POST "$base/mcp" \
  -H "Authorization: Bearer $access" -H 'Content-Type: application/json' \
  -H 'Accept: application/json, text/event-stream' \
  -d "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"$version\",\"capabilities\":{},\"clientInfo\":{\"name\":\"mcp bench\",\"version\":\"1\"}}}" \
  | tr -d '\r' | sed -n 's/^[Mm][Cc][Pp]-[Ss]ession-[Ii]d: //p')
[ -n "$session" ] || { echo "mcp_load: initialize gave no session: $(cat "$data/init.json")" >&2; exit 1; }
call='{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"sign_message","arguments":{"message":"benchmark message"}}}'
# One call by hand first: it must be a signature, not an error result.
first=$(curl -s -X POST "$base/mcp" -H "Authorization: Bearer $access" -H 'Content-Type: application/json' \
  -H 'Accept: application/json, text/event-stream' -H "MCP-Session-Id: $session" \
  -H "MCP-Protocol-Version: $version" -d "$call")
echo "$first" | grep -q '"signature"' || { echo "mcp_load: sign_message did not sign: $first" >&2; exit 1; }

# The request, the same for both runs.
request_lua=$(cat <<LUA
wrk.method = "POST"
wrk.body = '$call'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = "application/json, text/event-stream"
wrk.headers["Authorization"] = "Bearer $access"
wrk.headers["MCP-Session-Id"] = "$session"
wrk.headers["MCP-Protocol-Version"] = "$version"
LUA
)
cat > "$data/call.lua" <<LUA
$request_lua
done = function(summary, latency, requests)
  io.write(string.format("RESULT %.0f calls/s  p50 %.2f ms  p99 %.2f ms  calls %d  errors %d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, summary.requests, summary.errors.status + summary.errors.connect
    + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
LUA
# wrk's error count covers non-2xx answers only; a short single-connection run checks every body
# (a tool error is a 200 with isError) and prints the first wrong one.
cat > "$data/check.lua" <<LUA
$request_lua
local wrong = 0
response = function(status, headers, body)
  if status ~= 200 or not body:find('"signature"', 1, true) or body:find('"isError":true', 1, true) then
    wrong = wrong + 1
    if wrong == 1 then io.stderr:write("wrong answer: ", status, " ", body, "\n") end
  end
end
done = function(summary, latency, requests)
  io.write(string.format("CHECK %d calls\n", summary.requests))
end
LUA

echo "tokenpassd, port $port, $(nproc) cores; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for c in 1 4; do
  printf 'tools/call sign_message, %d connection(s): ' "$c"
  wrk -t "$(( c < 2 ? 1 : 2 ))" -c "$c" -d "$duration" -s "$data/call.lua" "$base/mcp" | grep RESULT | cut -c8-
done
printf 'body check (2 s, 1 connection): '
wrk -t 1 -c 1 -d 2s -s "$data/check.lua" "$base/mcp" 2>&1 | grep -E "CHECK|wrong answer" | cut -c1-200
echo "RSS after the runs: $(( $(awk '/VmRSS/ {print $2}' /proc/$pid/status) / 1024 )) MB"
