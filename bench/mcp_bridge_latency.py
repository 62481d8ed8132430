#!/usr/bin/env python3
"""What the stdio bridge (`tokenpass mcp`, issue 18 part 3) adds to an MCP call: the median of N
tools/call round trips made directly on POST /mcp (one keep-alive HTTP connection, as an
MCP client with the Streamable HTTP transport does) against the same calls written as JSON-RPC
lines to a `tokenpass mcp` child and read back from its stdout.

Starts `tokenpassd` on a fresh data folder and a free port, creates a wallet, signs both clients
in through the device flow (approved on the headless /oauth/device page with the password), then
alternates blocks of calls so load changes hit both sides alike. The tool is `wallet_status`
(no key use: the figure is transport only) unless --tool sign_message is given.

    python3 bench/mcp_bridge_latency.py [build/app] [calls] [--tool sign_message]
"""
import http.client
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse

PASSWORD = "correct horse battery"


def http_call(port, method, path, body=None, headers=None):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    c.request(method, path, body=body, headers=headers or {})
    r = c.getresponse()
    data = r.read()
    out = (r.status, dict((k.lower(), v) for k, v in r.getheaders()), data)
    c.close()
    return out


def approve(port, user_code):
    status, headers, page = http_call(port, "GET", "/oauth/device?user_code=" + user_code)
    assert status == 200, page
    fields = dict(re.findall(rb'<input type="hidden" name="([^"]+)" value="([^"]*)">', page))
    form = {k.decode(): v.decode() for k, v in fields.items()}
    form.update(password=PASSWORD, decision="approve")
    cookie = headers["set-cookie"].split(";")[0]
    status, _, body = http_call(port, "POST", "/oauth/authorize/decision", urllib.parse.urlencode(form),
                                {"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie,
                                 "Origin": "http://127.0.0.1:%d" % port})
    assert status in (200, 303), body


def direct_token(port):
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    status, _, body = http_call(port, "POST", "/oauth/register", json.dumps({
        "client_name": "bench", "token_endpoint_auth_method": "none",
        "grant_types": ["urn:ietf:params:oauth:grant-type:device_code", "refresh_token"]}),
        {"Content-Type": "application/json"})
    client_id = json.loads(body)["client_id"]
    resource = "http://127.0.0.1:%d/mcp" % port
    _, _, body = http_call(port, "POST", "/oauth/device_authorization", urllib.parse.urlencode(
        {"client_id": client_id, "scope": "sign encrypt decrypt read_profile", "resource": resource}), form)
    started = json.loads(body)
    approve(port, started["user_code"])
    time.sleep(started["interval"])
    _, _, body = http_call(port, "POST", "/oauth/token", urllib.parse.urlencode({
        "grant_type": "urn:ietf:params:oauth:grant-type:device_code", "device_code": started["device_code"],
        "client_id": client_id}), form)
    return json.loads(body)["access_token"]


def rpc(id_, method, params=None):
    m = {"jsonrpc": "2.0", "id": id_, "method": method}
    if params is not None:
        m["params"] = params
    return json.dumps(m)


INIT = {"protocolVersion": "2025-11-25", "capabilities": {}, "clientInfo": {"name": "bench", "version": "1"}}


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    tool = "sign_message" if "--tool" in sys.argv else "wallet_status"
    if "--tool" in sys.argv:
        tool = sys.argv[sys.argv.index("--tool") + 1]
        args = [a for a in args if a != tool]
    bindir = args[0] if args else "build/app"
    calls = int(args[1]) if len(args) > 1 else 500
    arguments = {"message": "bench"} if tool == "sign_message" else {}
    env = dict(os.environ, TOKENPASS_PORT="")
    with tempfile.TemporaryDirectory() as tmp:
        server = subprocess.Popen([os.path.join(bindir, "tokenpassd"), "--port", "0", "--data-dir",
                                   os.path.join(tmp, "server")], stderr=subprocess.PIPE, env=env)
        try:
            line = b""
            while b"listening on" not in line:
                line = server.stderr.readline()
                if not line:
                    sys.exit("tokenpassd did not start")
            port = int(re.search(rb"127\.0\.0\.1:(\d+)/", line).group(1))
            status, _, _ = http_call(port, "POST", "/api/register", json.dumps({"password": PASSWORD}),
                                     {"Content-Type": "application/json"})
            assert status == 200

            # Direct: one keep-alive connection, as the Streamable HTTP client keeps one.
            token = direct_token(port)
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            headers = {"Authorization": "Bearer " + token, "Content-Type": "application/json",
                       "Accept": "application/json, text/event-stream"}

            def direct(body, session=None):
                h = dict(headers)
                if session:
                    h.update({"MCP-Session-Id": session, "MCP-Protocol-Version": "2025-11-25"})
                conn.request("POST", "/mcp", body=body, headers=h)
                r = conn.getresponse()
                return r.getheader("MCP-Session-Id"), r.read()

            session, _ = direct(rpc(0, "initialize", INIT))
            direct(json.dumps({"jsonrpc": "2.0", "method": "notifications/initialized"}), session)

            # Through the bridge.
            bridge = subprocess.Popen([os.path.join(bindir, "tokenpass"), "mcp", "--url",
                                       "http://127.0.0.1:%d" % port, "--data-dir", os.path.join(tmp, "bridge")],
                                      stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                      env=env)
            bridge.stdin.write((rpc(0, "initialize", INIT) + "\n").encode())
            bridge.stdin.flush()
            text = b""
            while not re.search(rb"the code ([A-Z]{4}-[A-Z]{4})", text):
                text += bridge.stderr.readline()
            approve(port, re.search(rb"the code ([A-Z]{4}-[A-Z]{4})", text).group(1).decode())
            bridge.stdout.readline()
            bridge.stdin.write(b'{"jsonrpc":"2.0","method":"notifications/initialized"}\n')

            def through_bridge(body):
                bridge.stdin.write(body.encode() + b"\n")
                bridge.stdin.flush()
                return bridge.stdout.readline()

            call = lambda i: rpc(i, "tools/call", {"name": tool, "arguments": arguments})
            timings = {"direct": [], "bridge": []}
            for block in range(10):
                for name, fn in (("direct", lambda b: direct(b, session)), ("bridge", through_bridge)):
                    for i in range(calls // 10):
                        t = time.perf_counter()
                        answer = fn(call(i + 1))
                        timings[name].append(time.perf_counter() - t)
                        if block == 0 and i == 0:
                            body = answer[1] if isinstance(answer, tuple) else answer
                            assert b'"result"' in body and b'"isError":false' in body, body
            bridge.stdin.close()
            bridge.wait(10)
            d = statistics.median(timings["direct"]) * 1000
            b = statistics.median(timings["bridge"]) * 1000
            print("tool %s, %d calls each, load average %.1f" % (tool, len(timings["direct"]), os.getloadavg()[0]))
            print("direct POST /mcp   median %.3f ms  p90 %.3f ms" %
                  (d, statistics.quantiles(timings["direct"], n=10)[8] * 1000))
            print("tokenpass mcp      median %.3f ms  p90 %.3f ms" %
                  (b, statistics.quantiles(timings["bridge"], n=10)[8] * 1000))
            print("the bridge adds    %.3f ms per call (median)" % (b - d))
        finally:
            server.terminate()
            server.wait(10)


if __name__ == "__main__":
    main()
