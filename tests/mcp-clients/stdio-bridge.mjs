// The real @modelcontextprotocol/sdk client with its StdioClientTransport, unchanged from npm,
// spawning `tokenpass mcp` (issue 18 part 3) against `tokenpass --headless`: the bridge registers
// itself and signs in with the device flow, which is approved here on the headless device page
// (/oauth/device: the consent form with the wallet password, as a person would); then tools/list,
// sign_message verified with @bsv/sdk, an encrypt/decrypt round trip, and a second bridge process
// that signs in from the saved refresh token without asking.
// Usage: node stdio-bridge.mjs <path-to-tokenpass>
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import assert from 'node:assert/strict';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { listeningPort } from './listening-port.mjs';
import { approveOnDevicePage } from './device-page.mjs';

const require = createRequire(import.meta.url);
const { BSM, Signature, Utils, PublicKey } = require('@bsv/sdk');

const binary = process.argv[2];
const serverDir = mkdtempSync(join(tmpdir(), 'tokenpass-stdio-server-'));
const bridgeDir = mkdtempSync(join(tmpdir(), 'tokenpass-stdio-bridge-'));
const server = spawn(binary, ['--headless', '--data-dir', serverDir, '--port', '0'],
                     { env: { ...process.env, TOKENPASS_PORT: '' } });
let passed = 0, failed = 0;
async function check(name, fn) {
  try { await fn(); passed++; console.log(`ok   ${name}`); }
  catch (e) { failed++; console.log(`FAIL ${name}: ${e.stack || e.message}`); }
}

// A transport spawning `tokenpass mcp`; its stderr is collected (the bridge prints the code there).
function bridgeTransport(issuer) {
  const transport = new StdioClientTransport({
    command: binary, args: ['mcp', '--url', issuer, '--data-dir', bridgeDir],
    env: { ...process.env, TOKENPASS_PORT: '' }, stderr: 'pipe' });
  transport.stderrText = '';
  transport.stderr.on('data', (chunk) => { transport.stderrText += chunk; });
  return transport;
}

function waitForUserCode(transport, timeoutMs = 20000) {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const timer = setInterval(() => {
      const m = /the code ([A-Z]{4}-[A-Z]{4})/.exec(transport.stderrText);
      if (m) { clearInterval(timer); resolve(m[1]); }
      else if (Date.now() - started > timeoutMs) {
        clearInterval(timer); reject(new Error(`no user code on stderr: ${transport.stderrText}`));
      }
    }, 50);
  });
}

try {
  const port = await listeningPort(server);
  const issuer = `http://127.0.0.1:${port}`;
  const password = 'correct horse battery';
  const reg = await fetch(`${issuer}/api/register`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ password }) });
  assert.equal(reg.status, 200);

  const client = new Client({ name: 'tokenpass-stdio-e2e', version: '1.0.0' });
  let identity;
  await check('the SDK connects through `tokenpass mcp`, approved on the device page', async () => {
    const transport = bridgeTransport(issuer);
    const connected = client.connect(transport, { timeout: 60000 });
    const userCode = await waitForUserCode(transport);
    assert.match(transport.stderrText, new RegExp(`/oauth/device\\?user_code=${userCode}`));
    await approveOnDevicePage(issuer, userCode, password);
    await connected;
    assert.equal(client.getServerVersion().name, 'tokenpass');
    const saved = join(bridgeDir, 'mcp-client.json');
    assert.equal(statSync(saved).mode & 0o777, 0o600);
    assert.ok(JSON.parse(readFileSync(saved, 'utf8')).refresh_token);
  });
  await check('tools/list through the bridge', async () => {
    const { tools } = await client.listTools();
    assert.deepEqual(tools.map((t) => t.name),
                     ['wallet_status', 'get_identity', 'sign_message', 'create_auth_token', 'encrypt', 'decrypt',
                      'sign_transaction', 'list_sites', 'revoke_site']);
    identity = (await client.callTool({ name: 'get_identity', arguments: {} })).structuredContent;
  });
  await check('sign_message through the bridge verifies with @bsv/sdk', async () => {
    const message = 'Signed through the stdio bridge';
    const r = await client.callTool({ name: 'sign_message', arguments: { message } });
    assert.equal(r.isError, false);
    const sig = Signature.fromCompact(Utils.toArray(r.structuredContent.signature, 'base64'));
    assert.equal(BSM.verify(Utils.toArray(message, 'utf8'), sig, PublicKey.fromString(identity.pubkey)), true);
  });
  await check('decrypt(encrypt(x)) == x through the bridge', async () => {
    const data = 'stdio \u00e9';
    const e = await client.callTool({ name: 'encrypt', arguments: { data } });
    const d = await client.callTool({ name: 'decrypt', arguments: { ciphertext: e.structuredContent.ciphertext } });
    assert.equal(d.structuredContent.data, data);
  });
  await client.close();
  await check('a second bridge signs in from the saved refresh token, without asking', async () => {
    const before = JSON.parse(readFileSync(join(bridgeDir, 'mcp-client.json'), 'utf8')).refresh_token;
    const again = new Client({ name: 'tokenpass-stdio-e2e-2', version: '1.0.0' });
    const transport = bridgeTransport(issuer);
    await again.connect(transport, { timeout: 20000 });
    const r = await again.callTool({ name: 'wallet_status', arguments: {} });
    assert.deepEqual(r.structuredContent, { has_wallet: true, unlocked: true });
    assert.doesNotMatch(transport.stderrText, /the code/);
    const after = JSON.parse(readFileSync(join(bridgeDir, 'mcp-client.json'), 'utf8')).refresh_token;
    assert.notEqual(after, before, 'the refresh token rotated');
    await again.close();
  });
} catch (e) {
  failed++;
  console.log(`FAIL setup: ${e.stack || e.message}`);
} finally {
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));
  rmSync(serverDir, { recursive: true, force: true });
  rmSync(bridgeDir, { recursive: true, force: true });
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
