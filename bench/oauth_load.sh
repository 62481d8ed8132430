#!/usr/bin/env bash
# Load and latency of the OAuth provider (OAUTH.md; issue 16). Starts `tokenpassd` (headless) on a
# fresh data folder and a free port, creates a wallet, mints tokens through the real flow
# (registration, the headless consent form, the code exchange: bench/oauth_tokens.py), then
# measures with wrk at 4 connections:
#   POST /oauth/token, grant_type=refresh_token: rotation in SQLite + ES256 signing. Refresh
#     tokens rotate and a reused one revokes its family, so no request may repeat one: each of the
#     4 connections (one per wrk thread) owns its own family and sends the refresh token the
#     previous response returned (a chain per connection, no pipelining). A broken chain would show
#     as non-200 answers in "errors";
#   GET /oauth/userinfo with an ES256 access token (verify + deny-list lookup);
#   GET /oauth/jwks and GET /.well-known/openid-configuration.
# Targets on the 2-core reference machine: refresh >= 2,000 req/s; userinfo >= 8,000 req/s with
# p99 <= 2 ms.
#
#   bash bench/oauth_load.sh [path/to/tokenpassd]    (needs wrk, curl, python3: apt-get install wrk curl)
set -euo pipefail
binary="${1:-build/app/tokenpassd}"
duration="${DURATION:-10s}"
connections=4
command -v wrk >/dev/null || { echo "oauth_load: wrk is not installed (apt-get install wrk)" >&2; exit 1; }
# shellcheck source=bench/start_tokenpassd.sh
source "$(dirname "$0")/start_tokenpassd.sh"
python3 "$(dirname "$0")/oauth_tokens.py" "$base" "$password" "$connections" > "$data/tokens.json"
client_id=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["client_id"])' "$data/tokens.json")
access=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["access_token"])' "$data/tokens.json")
families=$(python3 -c 'import json,sys; print(",".join("\"%s\"" % t for t in json.load(open(sys.argv[1]))["refresh_tokens"]))' "$data/tokens.json")

report='done = function(summary, latency, requests)
  io.write(string.format("RESULT %.0f req/s  p50 %.2f ms  p99 %.2f ms  requests %d  errors %d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, summary.requests, summary.errors.status + summary.errors.connect
    + summary.errors.read + summary.errors.write + summary.errors.timeout))
end'

# One refresh family per thread (setup hands them out); each thread has one connection, so its
# next request is built only after the previous response, from that response's refresh_token.
cat > "$data/refresh.lua" <<LUA
local families = { $families }
local next_family = 1
setup = function(thread)
  thread:set("rt", families[next_family])
  next_family = next_family + 1
end
local function urlencode(s)
  return (s:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end
request = function()
  return wrk.format("POST", "/oauth/token", { ["Content-Type"] = "application/x-www-form-urlencoded" },
    "grant_type=refresh_token&client_id=$client_id&refresh_token=" .. urlencode(rt))
end
local reported = false
response = function(status, headers, body)
  local t = body:match('"refresh_token":"([^"]+)"')
  if status == 200 and t then
    rt = t
  elseif not reported then -- the chain is broken: say why once; later answers count as errors
    reported = true
    io.stderr:write("refresh chain broken: ", status, " ", body, "\n")
  end
end
$report
LUA
cat > "$data/userinfo.lua" <<LUA
wrk.headers["Authorization"] = "Bearer $access"
$report
LUA
echo "$report" > "$data/get.lua"

echo "tokenpassd, port $port, $(nproc) cores; $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "load average before the runs: $(cut -d' ' -f1-3 /proc/loadavg)"
printf 'POST /oauth/token (refresh),        %d connections: ' "$connections"
wrk -t "$connections" -c "$connections" -d "$duration" -s "$data/refresh.lua" "$base/oauth/token" | grep RESULT | cut -c8-
printf 'GET /oauth/userinfo,                %d connections: ' "$connections"
wrk -t 2 -c "$connections" -d "$duration" -s "$data/userinfo.lua" "$base/oauth/userinfo" | grep RESULT | cut -c8-
printf 'GET /oauth/jwks,                    %d connections: ' "$connections"
wrk -t 2 -c "$connections" -d "$duration" -s "$data/get.lua" "$base/oauth/jwks" | grep RESULT | cut -c8-
printf 'GET /.well-known/openid-configuration, %d conn.:  ' "$connections"
wrk -t 2 -c "$connections" -d "$duration" -s "$data/get.lua" "$base/.well-known/openid-configuration" | grep RESULT | cut -c8-
echo "load average after the runs: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "RSS after the runs: $(( $(awk '/VmRSS/ {print $2}' /proc/$pid/status) / 1024 )) MB"
