// The real @modelcontextprotocol/sdk client, unchanged from npm, against `tokenpass --headless`
// (issue 18): Streamable HTTP with the SDK's OAuth client flow (401 -> RFC 9728 -> RFC 8414 ->
// dynamic registration -> authorize with resource -> code grant), tools/list, then sign_message
// verified with @bsv/sdk against get_identity's pubkey, create_auth_token verified with
// bitcoin-auth, and an encrypt/decrypt round trip.
// Consent goes through the headless consent form (OAUTH.md §6) as a person would: GET the
// authorize page, echo its hidden inputs, add the wallet password and decision=approve, POST
// with the page's cookie and Origin = the issuer.
// Usage: node mcp-flow.mjs <path-to-tokenpass>
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import assert from 'node:assert/strict';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { UnauthorizedError } from '@modelcontextprotocol/sdk/client/auth.js';
import { listeningPort } from './listening-port.mjs';

const require = createRequire(import.meta.url);
const { verifyAuthToken, parseAuthToken } = require('bitcoin-auth');
const { BSM, Signature, Utils, PublicKey } = require('@bsv/sdk');

const binary = process.argv[2];
const dataDir = mkdtempSync(join(tmpdir(), 'tokenpass-mcp-'));
const server = spawn(binary, ['--headless', '--data-dir', dataDir, '--port', '0'],
                     { env: { ...process.env, TOKENPASS_PORT: '' } });
let passed = 0, failed = 0;
async function check(name, fn) {
  try { await fn(); passed++; console.log(`ok   ${name}`); }
  catch (e) { failed++; console.log(`FAIL ${name}: ${e.stack || e.message}`); }
}

// The SDK's OAuthClientProvider, in memory. The "browser" is fetch: it gives consent, follows
// the authorization URL and keeps the code for finishAuth.
class TestProvider {
  constructor(issuer, password) { this.issuer = issuer; this.password = password; }
  get redirectUrl() { return 'http://localhost:8123/callback'; }
  get clientMetadata() {
    return { client_name: 'MCP SDK e2e', redirect_uris: [this.redirectUrl],
             grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'],
             token_endpoint_auth_method: 'none' };
  }
  clientInformation() { return this.client; }
  saveClientInformation(info) { this.client = info; }
  tokens() { return this.savedTokens; }
  saveTokens(tokens) { this.savedTokens = tokens; }
  // OAUTH.md §5.2 rule 2 requires state; the SDK sends it when the provider implements state().
  state() { this.sentState = crypto.randomUUID(); return this.sentState; }
  saveCodeVerifier(v) { this.verifier = v; }
  codeVerifier() { return this.verifier; }
  async redirectToAuthorization(url) {
    this.authorizationUrl = url;
    const page = await fetch(url, { redirect: 'manual' });
    const html = await page.text();
    assert.equal(page.status, 200, `${page.headers.get('location') ?? ''} ${html}`);
    const cookie = page.headers.get('set-cookie').split(';')[0];
    const action = html.match(/<form method="post" action="([^"]+)">/)[1];
    const body = new URLSearchParams();
    for (const [, name, value] of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g))
      body.set(name, value);
    body.set('password', this.password);
    body.set('decision', 'approve');
    const res = await fetch(new URL(action, url), { method: 'POST', redirect: 'manual', body,
      headers: { Cookie: cookie, Origin: new URL(this.issuer).origin } });
    assert.equal(res.status, 303, await res.text());
    const callback = new URL(res.headers.get('location'));
    assert.equal(callback.searchParams.get('state'), this.sentState);
    assert.equal(callback.searchParams.get('iss'), new URL(this.issuer).origin);
    this.code = callback.searchParams.get('code');
    assert.ok(this.code, callback.href);
  }
}

try {
  const port = await listeningPort(server);
  const issuer = `http://127.0.0.1:${port}`;
  const mcpUrl = new URL(`${issuer}/mcp`);
  const password = 'correct horse battery';
  const reg = await fetch(`${issuer}/api/register`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ password }) });
  assert.equal(reg.status, 200);

  const provider = new TestProvider(issuer, password);
  const client = new Client({ name: 'tokenpass-e2e', version: '1.0.0' });
  let identity;
  await check('the SDK signs in through the 401, RFC 9728 and our provider', async () => {
    const first = new StreamableHTTPClientTransport(mcpUrl, { authProvider: provider });
    await assert.rejects(client.connect(first), (e) => e instanceof UnauthorizedError);
    assert.equal(provider.authorizationUrl.searchParams.get('resource'), mcpUrl.href);
    assert.equal(provider.authorizationUrl.searchParams.get('scope'), 'sign encrypt decrypt transfer read_profile');
    await first.finishAuth(provider.code);
    assert.ok(provider.tokens().access_token);
    await client.connect(new StreamableHTTPClientTransport(mcpUrl, { authProvider: provider }));
    assert.equal(client.getServerVersion().name, 'tokenpass');
  });
  await check('tools/list', async () => {
    const { tools } = await client.listTools();
    assert.deepEqual(tools.map((t) => t.name),
                     ['wallet_status', 'get_identity', 'sign_message', 'create_auth_token', 'encrypt', 'decrypt',
                      'sign_transaction', 'list_sites', 'revoke_site']);
    for (const t of tools) assert.equal(t.outputSchema.type, 'object');
  });
  await check('get_identity is the consented identity', async () => {
    const r = await client.callTool({ name: 'get_identity', arguments: {} });
    identity = r.structuredContent;
    assert.match(identity.pubkey, /^0[23][0-9a-f]{64}$/);
    assert.equal(PublicKey.fromString(identity.pubkey).toAddress(), identity.address);
    assert.deepEqual(JSON.parse(r.content[0].text), identity);
  });
  await check('sign_message verifies with @bsv/sdk against get_identity\'s pubkey', async () => {
    const message = 'Signed by an agent, approved in TokenPass';
    const r = await client.callTool({ name: 'sign_message', arguments: { message } });
    assert.equal(r.isError, false);
    const sig = Signature.fromCompact(Utils.toArray(r.structuredContent.signature, 'base64'));
    assert.equal(BSM.verify(Utils.toArray(message, 'utf8'), sig, PublicKey.fromString(identity.pubkey)), true);
    assert.equal(BSM.verify(Utils.toArray(message + '!', 'utf8'), sig, PublicKey.fromString(identity.pubkey)), false);
  });
  for (const scheme of ['brc77', 'bsm']) {
    await check(`create_auth_token (${scheme}) verifies with bitcoin-auth`, async () => {
      const body = JSON.stringify({ hello: 'agent' });
      const r = await client.callTool({ name: 'create_auth_token',
                                        arguments: { request_path: '/api/items', body, scheme } });
      const token = r.structuredContent.token;
      assert.equal(parseAuthToken(token).pubkey, identity.pubkey);
      const target = { requestPath: '/api/items', timestamp: new Date().toISOString(), body };
      assert.equal(verifyAuthToken(token, target), true);
      assert.equal(verifyAuthToken(token, { ...target, body: body + ' ' }), false);
    });
  }
  await check('decrypt(encrypt(x)) == x', async () => {
    const data = 'a note only this identity can read \u00e9';
    const e = await client.callTool({ name: 'encrypt', arguments: { data } });
    const d = await client.callTool({ name: 'decrypt', arguments: { ciphertext: e.structuredContent.ciphertext } });
    assert.equal(d.structuredContent.data, data);
  });
  await check('sign_transaction is refused plainly in headless mode', async () => {
    const r = await client.callTool({ name: 'sign_transaction', arguments: { tx: '0100' } });
    assert.equal(r.isError, true);
    assert.match(r.content[0].text, /^Rejected in TokenPass: sign_transaction needs the person/);
  });
  await check('a locked wallet is a plain tool error', async () => {
    assert.equal((await fetch(`${issuer}/api/logout`, { method: 'POST' })).status, 200);
    const r = await client.callTool({ name: 'sign_message', arguments: { message: 'x' } });
    assert.equal(r.isError, true);
    assert.equal(r.content[0].text, 'TokenPass is locked: unlock it from the tray');
  });
  await client.close();
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
