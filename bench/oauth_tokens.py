#!/usr/bin/env python3
"""Mints OAuth tokens through the real flow for bench/oauth_load.sh: registers a public client
(RFC 7591), then runs the code flow N times through the headless consent form (OAUTH.md §6: the
form's hidden inputs, its cookie, the wallet password, a same-origin Origin) and exchanges each code
(PKCE S256). Each exchange starts its own refresh-token family.

    python3 bench/oauth_tokens.py <base url> <wallet password> <families> [scope] [resource]

(scope defaults to "openid profile"; bench/mcp_load.sh asks for "sign" on the resource <base>/mcp.)

Prints JSON: {"client_id", "refresh_tokens": [one per family], "access_token"}: the access token
comes from one more family of its own, so a broken refresh chain (which revokes its family) cannot
revoke it.
"""
import base64
import hashlib
import http.client
import json
import re
import secrets
import sys
import urllib.parse

REDIRECT = "http://localhost:9999/cb"


def request(base, method, path, body=None, headers=None):
    url = urllib.parse.urlsplit(base)
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
    conn.request(method, path, body=body, headers=headers or {})
    r = conn.getresponse()
    data = r.read()
    conn.close()
    return r.status, r.getheader("Location"), r.getheader("Set-Cookie"), data


def register(base):
    body = json.dumps({"redirect_uris": [REDIRECT], "client_name": "oauth bench",
                       "grant_types": ["authorization_code", "refresh_token"],
                       "token_endpoint_auth_method": "none"})
    status, _, _, data = request(base, "POST", "/oauth/register", body, {"Content-Type": "application/json"})
    assert status == 201, data
    return json.loads(data)["client_id"]


def one_family(base, client_id, password, scope="openid profile", resource=None):
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    query = urllib.parse.urlencode({"response_type": "code", "client_id": client_id, "redirect_uri": REDIRECT,
                                    "state": secrets.token_hex(8), "code_challenge": challenge,
                                    "code_challenge_method": "S256", "scope": scope,
                                    **({"resource": resource} if resource else {})})
    status, _, cookie, page = request(base, "GET", "/oauth/authorize?" + query)
    assert status == 200, page
    fields = dict(re.findall(rb'<input type="hidden" name="([^"]+)" value="([^"]*)"', page))
    form = {k.decode(): v.decode() for k, v in fields.items()}
    form.update({"password": password, "decision": "approve"})
    status, location, _, page = request(
        base, "POST", "/oauth/authorize/decision", urllib.parse.urlencode(form),
        {"Content-Type": "application/x-www-form-urlencoded", "Origin": base, "Cookie": cookie.split(";")[0]})
    assert status in (302, 303), page
    code = urllib.parse.parse_qs(urllib.parse.urlsplit(location).query)["code"][0]
    body = urllib.parse.urlencode({"grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT,
                                   "client_id": client_id, "code_verifier": verifier,
                                   **({"resource": resource} if resource else {})})
    status, _, _, data = request(base, "POST", "/oauth/token", body,
                                 {"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 200, data
    return json.loads(data)


def main():
    base, password, families = sys.argv[1], sys.argv[2], int(sys.argv[3])
    scope = sys.argv[4] if len(sys.argv) > 4 else "openid profile"
    resource = sys.argv[5] if len(sys.argv) > 5 else None
    client_id = register(base)
    tokens = [one_family(base, client_id, password, scope, resource) for _ in range(families + 1)]
    print(json.dumps({"client_id": client_id, "access_token": tokens[-1]["access_token"],
                      "refresh_tokens": [t["refresh_token"] for t in tokens[:-1]]}))


if __name__ == "__main__":
    main()
