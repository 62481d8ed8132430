// The real @sigma-auth/better-auth-plugin LocalServerSigner (API.md §9.1), unchanged from npm,
// against a running `tokenpass --headless`. Its outputs are checked with the real bitcoin-auth and
// @bsv/sdk. Usage: node sigma-local-signer.mjs <path-to-tokenpass>
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import assert from 'node:assert/strict';
import { listeningPort } from './listening-port.mjs';

const require = createRequire(import.meta.url);
// The signer module itself: the package's ./client entry pulls in better-auth, which a local
// signer does not need.
const { LocalServerSigner } = await import(
  new URL('./node_modules/@sigma-auth/better-auth-plugin/dist/client/local-signer.js', import.meta.url));
const { verifyAuthToken, parseAuthToken } = require('bitcoin-auth');
const { BSM, Signature, Utils, PublicKey } = require('@bsv/sdk');

const binary = process.argv[2];
const dataDir = mkdtempSync(join(tmpdir(), 'tokenpass-client-'));
const server = spawn(binary, ['--headless', '--data-dir', dataDir, '--port', '0'],
                     { env: { ...process.env, TOKENPASS_PORT: '' } });
let passed = 0, failed = 0;

async function check(name, fn) {
  try { await fn(); passed++; console.log(`ok   ${name}`); }
  catch (e) { failed++; console.log(`FAIL ${name}: ${e.message}`); }
}

try {
  const port = await listeningPort(server);
  const base = `http://localhost:${port}`;
  const post = (path, body) => fetch(base + path, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

  const signer = new LocalServerSigner({ baseUrl: base });
  const host = 'localhost:3000';

  await check('probe finds the server', async () => assert.equal(await signer.probe(), true));
  await check('status before a wallet exists', async () =>
    assert.deepEqual(await signer.getStatus(), { seed: false, unlocked: false, keys: [], states: [] }));
  await check('register (plaintext body, as the docs show)', async () => {
    const res = await post('/api/register', { password: 'correct horse battery' });
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { success: true });
  });
  await check('no grant yet: headless consent is denied, the signer reports false', async () =>
    assert.equal(await signer.authenticate(host), false));
  await check('auth with a password is consent and records a grant', async () => {
    const res = await post('/api/auth', { host, password: 'correct horse battery', scopes: ['sign', 'encrypt', 'decrypt'] });
    assert.equal(res.status, 200);
  });
  await check('the signer authenticates without a password', async () => {
    assert.equal(await signer.authenticate(host), true);
    assert.equal(signer.isReady(), true);
  });

  for (const scheme of ['brc77', 'bsm']) {
    await check(`sign(path, body, ${scheme}) verifies with bitcoin-auth`, async () => {
      const body = JSON.stringify({ hello: 'world', n: 1 });
      const token = await signer.sign('/api/v1/items?x=1', body, scheme);
      const parsed = parseAuthToken(token);
      assert.equal(parsed.scheme, scheme);
      const target = { requestPath: '/api/v1/items?x=1', timestamp: new Date().toISOString(), body };
      assert.equal(verifyAuthToken(token, target), true);
      assert.equal(verifyAuthToken(token, { ...target, body: body + ' ' }), false);
      const s = await signer.getStatus();
      const hostKey = s.keys.find((k) => k.host === host);
      assert.ok(hostKey, 'status lists the host key after signing');
      assert.equal(parsed.pubkey, hostKey.pub);
    });
  }
  await check('signAIP returns BITCOIN_ECDSA ops that @bsv/sdk verifies', async () => {
    const items = ['6a', Buffer.from('1BAPSuaPnfGnSBM3GLV9yhxUdYe4vGbdMT').toString('hex'), Buffer.from('ID').toString('hex')];
    const ops = await signer.signAIP(items);
    assert.equal(ops[0], 'BITCOIN_ECDSA');
    const s = await signer.getStatus();
    const hostKey = s.keys.find((k) => k.host === host);
    assert.equal(ops[1], hostKey.address);
    const message = Utils.toArray(items.join(''), 'hex');
    const sig = Signature.fromCompact(Utils.toArray(ops[2], 'base64'));
    assert.equal(BSM.verify(message, sig, PublicKey.fromString(hostKey.pub)), true);
  });
  await check('encrypt then decrypt for a friend round-trips', async () => {
    const ciphertext = await signer.encrypt('a note for a friend ✓', 'FriendBapId1');
    assert.match(ciphertext, /^42494531[0-9a-f]+$/);
    assert.equal(await signer.decrypt(ciphertext, 'FriendBapId1'), 'a note for a friend ✓');
  });
  await check('friend public key is a compressed key', async () =>
    assert.match(await signer.getFriendPublicKey('FriendBapId1'), /^0[23][0-9a-f]{64}$/));
  await check('after logout the signer gets code 1, not a signature', async () => {
    await post('/api/logout', {});
    await assert.rejects(signer.sign('/api/x'), /Wallet is locked/);
  });
} catch (e) {
  failed++;
  console.log(`FAIL setup: ${e.message}`);
} finally {
  server.kill('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
