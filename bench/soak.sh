#!/usr/bin/env bash
# Soak test (issue 8, "Soak"): memory must stay flat and every answer must be right under hours of
# mixed use. Starts `tokenpass --headless` on a fresh data folder and port 0, registers a wallet,
# then for $SOAK_MINUTES runs with wrk, round robin:
#   POST /api/sign (message mode), POST /api/encrypt + POST /api/decrypt (friend mode, the
#   plaintext must come back), POST /api/auth (password-less, standing grant),
# while a second loop locks (/api/logout) and at once unlocks (/api/login) the wallet every 15 s
# (login allows 5 tries a minute). VmRSS is sampled every minute into a CSV.
# Fails if RSS grew more than 10 % from minute 1 to the end, or if any answer was wrong: anything
# but 200 with the expected body, except 401 code 1 ("locked") from the lock churn.
#
#   SOAK_MINUTES=5 bash bench/soak.sh build/app/tokenpass     (needs wrk, curl, python3)
# Builds nothing. Environment: SOAK_MINUTES (30), SOAK_CSV (./soak-rss.csv),
# SOAK_CONNECTIONS (2), SOAK_THREADS (1).
set -euo pipefail
binary="${1:?usage: soak.sh path/to/tokenpass}"
minutes="${SOAK_MINUTES:-30}"
csv="${SOAK_CSV:-$PWD/soak-rss.csv}"
connections="${SOAK_CONNECTIONS:-2}"
threads="${SOAK_THREADS:-1}"
for tool in wrk curl python3; do
  command -v "$tool" >/dev/null || { echo "soak: $tool is not installed" >&2; exit 1; }
done

data=$(mktemp -d)
pid=""
churn=""
cleanup() {
  [ -n "$churn" ] && kill "$churn" 2>/dev/null
  [ -n "$pid" ] && kill "$pid" 2>/dev/null
  rm -rf "$data"
}
trap cleanup EXIT

"$binary" --headless --data-dir "$data/home" --port 0 2>"$data/log" &
pid=$!
# The app reports its port on stderr: "tokenpass: listening on http://127.0.0.1:<port>/api/ ...".
for _ in $(seq 200); do
  port=$(sed -n 's|.*listening on http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$data/log" | head -n1)
  [ -n "$port" ] && break
  kill -0 "$pid" 2>/dev/null || { echo "soak: tokenpass exited:" >&2; cat "$data/log" >&2; exit 1; }
  sleep 0.05
done
[ -n "${port:-}" ] || { echo "soak: no port reported in 10 s" >&2; cat "$data/log" >&2; exit 1; }
base="http://127.0.0.1:$port"
password="soak password"
json_field() { python3 -c "import json,sys; print(json.load(sys.stdin)[\"$1\"])"; }

curl -sf -X POST -d "{\"password\":\"$password\"}" "$base/api/register" >/dev/null
token=$(curl -sf -X POST "$base/api/auth" \
  -d "{\"host\":\"soak.example\",\"password\":\"$password\",\"scopes\":[\"sign\",\"encrypt\",\"decrypt\"],\"expiry\":\"1d\"}" \
  | json_field accessToken)
# A standing grant for the host the load re-authorizes password-less (its token is replaced each
# time, so it is not the one the load signs with).
curl -sf -X POST -d "{\"host\":\"churn.example\",\"password\":\"$password\",\"scopes\":[\"sign\"]}" \
  "$base/api/auth" >/dev/null
ciphertext=$(curl -sf -X POST -H "Authorization: Bearer $token" \
  -d '{"data":"soak plaintext","friendBapId":"soak-friend"}' "$base/api/encrypt" | json_field ciphertext)

lua="$data/soak.lua"
cat >"$lua" <<LUA
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args)
  i = 0; ok = 0; locked = 0; wrong = 0; first_wrong = ""
end
local h = {["Content-Type"] = "application/json", ["Authorization"] = "Bearer $token"}
-- Each request kind and the text its 200 answer must contain. With several connections per
-- thread, answers come back in any order, so an answer counts as right if it has one of them.
local kinds = {
  {"/api/sign", '{"message":"soak message"}', '"sig":"'},
  {"/api/encrypt", '{"data":"soak plaintext","friendBapId":"soak-friend"}', '"ciphertext":"'},
  {"/api/decrypt", '{"ciphertext":"$ciphertext","friendBapId":"soak-friend"}', '"data":"soak plaintext"'},
  {"/api/auth", '{"host":"churn.example","scopes":["sign"]}', '"accessToken":"'},
}
function request()
  i = i + 1
  local k = kinds[(i % #kinds) + 1]
  return wrk.format("POST", k[1], h, k[2])
end
local function expected(body)
  for _, k in ipairs(kinds) do
    if body:find(k[3], 1, true) then return true end
  end
  return false
end
function response(status, headers, body)
  if status == 200 and expected(body) then
    ok = ok + 1
  elseif status == 401 and body:find('"code":1', 1, true) then
    locked = locked + 1
  else
    wrong = wrong + 1
    if first_wrong == "" then first_wrong = status .. " " .. body end
  end
end
function done(summary, latency, requests)
  local o, l, w, f = 0, 0, 0, ""
  for _, t in ipairs(threads) do
    o = o + t:get("ok"); l = l + t:get("locked"); w = w + t:get("wrong")
    if f == "" then f = t:get("first_wrong") end
  end
  local e = summary.errors
  io.write(string.format("SOAK requests=%d ok=%d locked=%d wrong=%d socket_errors=%d rps=%.0f p50_ms=%.2f p99_ms=%.2f\n",
    summary.requests, o, l, w, e.connect + e.read + e.write + e.timeout,
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000))
  if f ~= "" then io.write("SOAK first_wrong=" .. f .. "\n") end
end
LUA

# Lock/unlock churn: every 15 s, logout and log in again at once; the wallet stays locked while
# the login runs its 600,000 PBKDF2 rounds. Any non-200 is recorded.
churn_log="$data/churn.log"
(
  while true; do
    sleep 15
    code=$(curl -s -o /dev/null -w '%{http_code}' -X POST "$base/api/logout")
    echo "logout $code"
    result=$(curl -s -o "$data/login.body" -w '%{http_code} %{time_total}' -X POST \
      -d "{\"password\":\"$password\"}" "$base/api/login")
    echo "login ${result% *} $(cat "$data/login.body") ${result#* }"
  done
) >"$churn_log" 2>&1 &
churn=$!

rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$pid/status"; }
echo "minute,rss_kb" >"$csv"
echo "0,$(rss_kb)" >>"$csv"
echo "soak: tokenpass pid $pid on port $port, $minutes min, $connections connections, $(nproc) cores"
wrk -t "$threads" -c "$connections" -d "$((minutes * 60 + 5))s" -s "$lua" "$base" >"$data/wrk.out" 2>&1 &
wrk_pid=$!
for m in $(seq "$minutes"); do
  sleep 60
  kill -0 "$pid" 2>/dev/null || { echo "soak: tokenpass died in minute $m" >&2; cat "$data/log" >&2; exit 1; }
  echo "$m,$(rss_kb)" >>"$csv"
  echo "soak: minute $m RSS $(tail -n1 "$csv" | cut -d, -f2) kB"
done
wait "$wrk_pid" || true
kill "$churn" 2>/dev/null || true
wait "$churn" 2>/dev/null || true
churn=""

grep '^SOAK' "$data/wrk.out" || { echo "soak: wrk failed:" >&2; cat "$data/wrk.out" >&2; exit 1; }
cycles=$(grep -c '^login 200' "$churn_log" || true)
churn_bad=$(grep -cv -e '^logout 200$' -e '^login 200 ' "$churn_log" || true)
first=$(sed -n '3p' "$csv" | cut -d, -f2) # minute 1
last=$(tail -n1 "$csv" | cut -d, -f2)
growth=$(python3 -c "print(f'{($last - $first) * 100 / $first:.1f}')")
wrong=$(sed -n 's/^SOAK requests=.* wrong=\([0-9]*\).*/\1/p' "$data/wrk.out")
socket=$(sed -n 's/^SOAK requests=.* socket_errors=\([0-9]*\).*/\1/p' "$data/wrk.out")
login_s=$(awk '/^login 200 / {t += $NF; n++} END {if (n) printf "%.2f", t / n; else print "-"}' "$churn_log")
echo "soak: lock/unlock cycles $cycles (mean login ${login_s} s), failed churn calls $churn_bad"
echo "soak: RSS minute 1 $first kB, end $last kB, growth $growth % (limit 10 %); CSV $csv"

status=0
if python3 -c "import sys; sys.exit(0 if $last <= $first * 1.10 else 1)"; then :; else
  echo "soak: FAIL: RSS grew more than 10 %" >&2; status=1
fi
if [ "${wrong:-1}" != 0 ] || [ "${socket:-1}" != 0 ] || [ "$churn_bad" != 0 ]; then
  echo "soak: FAIL: wrong answers ($wrong), socket errors ($socket) or failed lock/unlock calls ($churn_bad)" >&2
  grep -v -e '^logout 200$' -e '^login 200 ' "$churn_log" | head -n5 >&2 || true
  status=1
fi
[ "$status" = 0 ] && echo "soak: PASS"
exit "$status"
