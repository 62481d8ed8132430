// The real oauth4webapi and jose from npm, unchanged, against `tokenpass --headless` (OAUTH.md §0,
// §5): discovery, dynamic registration, authorize, the code grant with PKCE and resource, the ES256
// id_token checked by oauth4webapi, the access token checked by jose against the JWKS (as bsv-mcp
// does), userinfo, revocation, refresh with rotation, and refresh reuse.
// Consent goes through the headless consent form exactly as OAUTH.md §6 tells independent checks
// to: fetch the authorize page, echo every hidden input, send the wallet password and
// decision=approve with the page's cookie and Origin = the issuer. The device flow (RFC 8628,
// §4) is approved on its verification page the same way.
// Usage: node code-flow.mjs <path-to-tokenpass>
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import * as oauth from 'oauth4webapi';
import * as jose from 'jose';
import { listeningPort } from './listening-port.mjs';

const binary = process.argv[2];
const dataDir = mkdtempSync(join(tmpdir(), 'tokenpass-oauth-'));
const server = spawn(binary, ['--headless', '--data-dir', dataDir, '--port', '0'],
                     { env: { ...process.env, TOKENPASS_PORT: '' } });
let passed = 0, failed = 0;
async function check(name, fn) {
  try { await fn(); passed++; console.log(`ok   ${name}`); }
  catch (e) { failed++; console.log(`FAIL ${name}: ${e.stack || e.message}`); }
}
const insecure = { [oauth.allowInsecureRequests]: true }; // loopback http is the point

try {
  const port = await listeningPort(server);
  const issuer = new URL(`http://127.0.0.1:${port}`);
  const resource = 'http://127.0.0.1:3000/mcp';
  const redirectUri = 'http://localhost:8123/callback';
  const password = 'correct horse battery';
  const post = (path, body) => fetch(new URL(path, issuer), {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  assert.equal((await post('/api/register', { password })).status, 200);

  // OAUTH.md §6: GET the page, echo every hidden input, add password and decision, POST with the
  // cookie and Origin = the issuer. Returns the decision's response (not followed).
  async function approveOnPage(pageUrl, decision = 'approve') {
    const page = await fetch(pageUrl, { redirect: 'manual' });
    const html = await page.text();
    assert.equal(page.status, 200, html);
    assert.match(page.headers.get('content-type'), /^text\/html/);
    assert.equal(page.headers.get('x-frame-options'), 'DENY');
    const cookie = page.headers.get('set-cookie').split(';')[0];
    const action = html.match(/<form method="post" action="([^"]+)">/)[1];
    const body = new URLSearchParams();
    for (const [, name, value] of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g))
      body.set(name, value);
    body.set('password', password);
    body.set('decision', decision);
    return fetch(new URL(action, pageUrl), { method: 'POST', redirect: 'manual', body,
      headers: { Cookie: cookie, Origin: issuer.origin } });
  }

  let as, client, tokens, firstRefresh;
  await check('RFC 8414 discovery (algorithm oauth2) and OIDC discovery', async () => {
    as = await oauth.processDiscoveryResponse(issuer,
      await oauth.discoveryRequest(issuer, { algorithm: 'oauth2', ...insecure }));
    const oidc = await oauth.processDiscoveryResponse(issuer,
      await oauth.discoveryRequest(issuer, { algorithm: 'oidc', ...insecure }));
    assert.deepEqual(oidc, as);
    assert.deepEqual(as.code_challenge_methods_supported, ['S256']);
  });
  await check('dynamic client registration', async () => {
    client = await oauth.processDynamicClientRegistrationResponse(
      await oauth.dynamicClientRegistrationRequest(as, {
        redirect_uris: [redirectUri], client_name: 'oauth4webapi e2e',
        grant_types: ['authorization_code', 'refresh_token'], token_endpoint_auth_method: 'none',
      }, insecure));
    assert.ok(client.client_id);
  });
  await check('a site cannot name itself oauth:<client> in POST /api/auth', async () => {
    const res = await post('/api/auth', { host: `oauth:${client.client_id}`, password });
    assert.equal(res.status, 400);
  });
  await check('the consent form approves, and the redirect carries code, state and iss', async () => {
    const verifier = oauth.generateRandomCodeVerifier();
    const state = oauth.generateRandomState();
    const nonce = oauth.generateRandomNonce();
    const url = new URL(as.authorization_endpoint);
    for (const [k, v] of Object.entries({
      response_type: 'code', client_id: client.client_id, redirect_uri: redirectUri, state, nonce,
      code_challenge: await oauth.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256',
      scope: 'openid bsv:tools', resource })) url.searchParams.set(k, v);
    const res = await approveOnPage(url);
    assert.ok(res.status === 302 || res.status === 303, `${res.status}`);
    const callback = new URL(res.headers.get('location'));
    assert.equal(callback.origin + callback.pathname, redirectUri);
    const params = oauth.validateAuthResponse(as, client, callback, state); // checks iss (RFC 9207)
    const response = await oauth.authorizationCodeGrantRequest(as, client, oauth.None(), params, redirectUri,
                                                               verifier, { additionalParameters: { resource }, ...insecure });
    tokens = await oauth.processAuthorizationCodeResponse(as, client, response, { expectedNonce: nonce });
    firstRefresh = tokens.refresh_token;
    assert.equal(tokens.token_type.toLowerCase(), 'bearer');
    const claims = oauth.getValidatedIdTokenClaims(tokens);
    assert.equal(claims.iss, issuer.href.replace(/\/$/, ''));
    assert.equal(claims.aud, client.client_id);
  });
  const jwks = jose.createRemoteJWKSet(new URL(as.jwks_uri));
  await check('jose verifies the access token against the JWKS as bsv-mcp does', async () => {
    const { payload, protectedHeader } = await jose.jwtVerify(tokens.access_token, jwks, {
      issuer: as.issuer, audience: resource, typ: 'at+jwt', algorithms: ['ES256'],
      requiredClaims: ['sub', 'iss', 'aud', 'exp'] });
    assert.equal(protectedHeader.alg, 'ES256');
    assert.equal(payload.client_id, client.client_id);
    assert.match(payload.pubkey, /^0[23][0-9a-f]{64}$/);
  });
  await check('jose verifies the id_token too', async () => {
    await jose.jwtVerify(tokens.id_token, jwks, { issuer: as.issuer, audience: client.client_id });
  });
  await check('refresh rotates the refresh token', async () => {
    const res = await oauth.refreshTokenGrantRequest(as, client, oauth.None(), firstRefresh,
                                                     { additionalParameters: { resource }, ...insecure });
    const next = await oauth.processRefreshTokenResponse(as, client, res);
    assert.notEqual(next.refresh_token, firstRefresh);
    await jose.jwtVerify(next.access_token, jwks, { issuer: as.issuer, audience: resource });
  });
  await check('userinfo answers for the token\'s subject', async () => {
    const sub = oauth.getValidatedIdTokenClaims(tokens).sub;
    const info = await oauth.processUserInfoResponse(as, client, sub,
      await oauth.userInfoRequest(as, client, tokens.access_token, insecure));
    assert.equal(info.sub, sub);
    assert.match(info.bitcoin_address, /^1[1-9A-HJ-NP-Za-km-z]{25,34}$/);
  });
  await check('revocation of the access token, then userinfo refuses it', async () => {
    await oauth.processRevocationResponse(
      await oauth.revocationRequest(as, client, oauth.None(), tokens.access_token, insecure));
    const res = await oauth.userInfoRequest(as, client, tokens.access_token, insecure);
    assert.equal(res.status, 401);
    assert.match(res.headers.get('www-authenticate'), /error="invalid_token"/);
  });
  await check('reusing the first refresh token is invalid_grant', async () => {
    const res = await oauth.refreshTokenGrantRequest(as, client, oauth.None(), firstRefresh, insecure);
    await assert.rejects(oauth.processRefreshTokenResponse(as, client, res),
                         (e) => e instanceof oauth.ResponseBodyError && e.error === 'invalid_grant');
  });
  await check('device flow (RFC 8628): pending, approved on the verification page, tokens', async () => {
    const device = await oauth.processDynamicClientRegistrationResponse(
      await oauth.dynamicClientRegistrationRequest(as, {
        client_name: 'oauth4webapi device e2e', token_endpoint_auth_method: 'none',
        grant_types: ['urn:ietf:params:oauth:grant-type:device_code', 'refresh_token'],
      }, insecure));
    const started = await oauth.processDeviceAuthorizationResponse(as, device,
      await oauth.deviceAuthorizationRequest(as, device, oauth.None(),
        { scope: 'openid bsv:tools', resource }, insecure));
    assert.match(started.user_code, /^[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}$/);
    const pending = await oauth.deviceCodeGrantRequest(as, device, oauth.None(), started.device_code, insecure);
    await assert.rejects(oauth.processDeviceCodeResponse(as, device, pending),
                         (e) => e instanceof oauth.ResponseBodyError && e.error === 'authorization_pending');
    const done = await approveOnPage(new URL(started.verification_uri_complete));
    assert.ok(done.status === 200 || done.status === 303, `${done.status}`);
    await new Promise((r) => setTimeout(r, started.interval * 1000));
    const granted = await oauth.processDeviceCodeResponse(as, device,
      await oauth.deviceCodeGrantRequest(as, device, oauth.None(), started.device_code, insecure));
    await jose.jwtVerify(granted.access_token, jwks, { issuer: as.issuer, audience: resource });
    assert.ok(granted.refresh_token);
  });
} catch (e) {
  failed++;
  console.log(`FAIL setup: ${e.stack || e.message}`);
} finally {
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));
  rmSync(dataDir, { recursive: true, force: true });
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
