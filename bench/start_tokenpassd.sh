# Sourced by the load benchmarks (bench/oauth_load.sh, bench/mcp_load.sh): starts `$binary`
# (tokenpassd) on a fresh data folder and a free port, waits for /api/status and creates a wallet.
# Sets: data, port, pid, base, password; removes the folder and stops the server on exit.
data=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$data"' EXIT
"$binary" --data-dir "$data" --port "$port" 2>"$data/log" &
pid=$!
base="http://127.0.0.1:$port"
until curl -sf "$base/api/status" >/dev/null; do sleep 0.01; done
password="benchmark password"
curl -sf -X POST -d "{\"password\":\"$password\"}" "$base/api/register" >/dev/null
