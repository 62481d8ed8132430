// POST /api/sign/transaction (TX.md, issue 17) against a running `tokenpass --headless`, checked by
// an independent implementation: random EF transactions built with @bsv/sdk that spend the site's
// address, signed by TokenPass with the wallet password, and every returned signature run through
// the SDK's script interpreter (Spend). Usage: node tx-signing.mjs <path-to-tokenpass> [count]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { randomBytes, randomInt } from 'node:crypto';
import assert from 'node:assert/strict';
import { listeningPort } from './listening-port.mjs';

const require = createRequire(import.meta.url);
const { Transaction, P2PKH, PrivateKey, Script, Spend, Utils } = require('@bsv/sdk');

const binary = process.argv[2];
const count = Number(process.argv[3] ?? 25);
const password = 'correct horse battery';
const dataDir = mkdtempSync(join(tmpdir(), 'tokenpass-tx-'));
const server = spawn(binary, ['--headless', '--data-dir', dataDir, '--port', '0'],
                     { env: { ...process.env, TOKENPASS_PORT: '' } });
let passed = 0, failed = 0;

async function check(name, fn) {
  try { await fn(); passed++; console.log(`ok   ${name}`); }
  catch (e) { failed++; console.log(`FAIL ${name}: ${e.message}`); }
}

// A parent transaction paying `satoshis` to `lockingScript` at output `vout`.
function sourceOf(lockingScript, satoshis, vout) {
  const parent = new Transaction();
  parent.addInput({ sourceTXID: randomBytes(32).toString('hex'), sourceOutputIndex: 0,
                    unlockingScript: new Script(), sequence: 0xffffffff });
  for (let i = 0; i < vout; i++)
    parent.addOutput({ lockingScript: new P2PKH().lock(PrivateKey.fromRandom().toAddress()), satoshis: 1 });
  parent.addOutput({ lockingScript, satoshis });
  return parent;
}

// Random: 1–5 inputs from the site's address, 1–4 payments, maybe an OP_RETURN, maybe change.
function randomSpend(siteAddress) {
  const tx = new Transaction();
  let totalIn = 0;
  const inputs = randomInt(1, 6);
  for (let i = 0; i < inputs; i++) {
    const satoshis = randomInt(1000, 5_000_000);
    const vout = randomInt(0, 3);
    tx.addInput({ sourceTransaction: sourceOf(new P2PKH().lock(siteAddress), satoshis, vout),
                  sourceOutputIndex: vout, unlockingScript: new Script(), sequence: 0xffffffff });
    totalIn += satoshis;
  }
  const fee = randomInt(50, Math.min(2000, Math.floor(totalIn / 2)));
  let left = totalIn - fee;
  const payments = randomInt(1, 5);
  const change = Math.random() < 0.6;
  for (let i = 0; i < payments; i++) {
    const last = i === payments - 1 && !change;
    const satoshis = last ? left : randomInt(1, Math.max(2, Math.floor(left / (payments + 1))));
    tx.addOutput({ lockingScript: new P2PKH().lock(PrivateKey.fromRandom().toAddress()), satoshis });
    left -= satoshis;
  }
  if (Math.random() < 0.3)
    tx.addOutput({ lockingScript: Script.fromASM(`OP_FALSE OP_RETURN ${Buffer.from('hello tokenpass').toString('hex')}`),
                   satoshis: 0 });
  if (change)
    tx.addOutput({ lockingScript: new P2PKH().lock(siteAddress), satoshis: left });
  return { tx, fee };
}

// Runs every input through the interpreter; returns how many verified.
function verifyAll(signed) {
  let ok = 0;
  for (let i = 0; i < signed.inputs.length; i++) {
    const input = signed.inputs[i];
    const source = input.sourceTransaction.outputs[input.sourceOutputIndex];
    const spend = new Spend({
      sourceTXID: input.sourceTXID, sourceOutputIndex: input.sourceOutputIndex,
      sourceSatoshis: source.satoshis, lockingScript: source.lockingScript,
      transactionVersion: signed.version, otherInputs: signed.inputs.filter((_, j) => j !== i),
      outputs: signed.outputs, inputIndex: i, unlockingScript: input.unlockingScript,
      inputSequence: input.sequence, lockTime: signed.lockTime,
    });
    assert.equal(spend.validate(), true, `input ${i}`);
    ok++;
  }
  return ok;
}

try {
  const port = await listeningPort(server);
  const base = `http://localhost:${port}`;
  const post = (path, body, token) => fetch(base + path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body) });

  let token = '', address = '';
  await check('register, then a token with scope transfer', async () => {
    assert.equal((await post('/api/register', { password })).status, 200);
    const res = await post('/api/auth', { host: 'shop.example', password, scopes: ['transfer', 'sign'] });
    assert.equal(res.status, 200);
    token = (await res.json()).accessToken;
    assert.ok(token);
  });
  await check('the site address is the one /api/sign reports', async () => {
    const res = await post('/api/sign', { message: 'which key?' }, token);
    assert.equal(res.status, 200);
    address = (await res.json()).address;
    assert.match(address, /^1[1-9A-HJ-NP-Za-km-z]{25,34}$/);
  });

  let verifiedInputs = 0, lastSigned = null;
  await check(`${count} random EF transactions signed and verified by the @bsv/sdk interpreter`, async () => {
    for (let n = 0; n < count; n++) {
      const { tx, fee } = randomSpend(address);
      const res = await post('/api/sign/transaction',
                             { tx: tx.toHexEF(), password, description: `random #${n}` }, token);
      const body = await res.json();
      assert.equal(res.status, 200, JSON.stringify(body));
      assert.equal(body.complete, true);
      assert.equal(body.fee, fee);
      assert.equal(body.signedInputs.length, tx.inputs.length);
      const signed = Transaction.fromHexEF(body.ef);
      assert.equal(signed.toHexEF(), body.ef, 'the EF re-serialises to the same bytes');
      assert.equal(signed.toHex(), body.rawtx);
      assert.equal(signed.id('hex'), body.txid);
      assert.equal(tx.id('hex') === body.txid, false, 'signatures changed the txid');
      // Only unlocking scripts changed: same outpoints, outputs, version and lock time.
      signed.inputs.forEach((input, i) => input.unlockingScript = tx.inputs[i].unlockingScript);
      assert.equal(signed.toHexEF(), tx.toHexEF());
      const again = Transaction.fromHexEF(body.ef);
      for (const s of body.signedInputs) {
        assert.equal(s.address, address);
        assert.equal(s.sighash, 0x41);
        const chunks = again.inputs[s.inputIndex].unlockingScript.chunks;
        assert.equal(Utils.toHex(chunks[0].data), s.signature);
        assert.equal(Utils.toHex(chunks[1].data), s.publicKey);
      }
      verifiedInputs += verifyAll(again);
      lastSigned = again;
    }
    console.log(`     ${verifiedInputs} signed inputs verified`);
  });
  await check('the interpreter check can fail: one satoshi more on an input breaks its signature', async () => {
    const ef = lastSigned.toHexEF();
    const tampered = Transaction.fromHexEF(ef);
    const input = tampered.inputs[0];
    input.sourceTransaction.outputs[input.sourceOutputIndex].satoshis += 1;
    assert.throws(() => verifyAll(tampered));
  });

  const refusal = async (body, reason) => {
    const res = await post('/api/sign/transaction', body, token);
    const json = await res.json();
    assert.equal(res.status, 400, JSON.stringify(json));
    assert.equal(json.success, false);
    assert.equal(typeof json.error, 'string');
    assert.equal(json.reason, reason);
  };
  await check('a fee above the cap is refused with FEE_TOO_HIGH', async () => {
    const tx = new Transaction();
    tx.addInput({ sourceTransaction: sourceOf(new P2PKH().lock(address), 5_000_000, 0), sourceOutputIndex: 0, unlockingScript: new Script() });
    tx.addOutput({ lockingScript: new P2PKH().lock(PrivateKey.fromRandom().toAddress()), satoshis: 1000 });
    await refusal({ tx: tx.toHexEF(), password }, 'FEE_TOO_HIGH');
  });
  await check('outputs above the inputs are refused with NEGATIVE_FEE', async () => {
    const { tx } = randomSpend(address);
    tx.outputs[0].satoshis += 1_000_000_000;
    await refusal({ tx: tx.toHexEF(), password }, 'NEGATIVE_FEE');
  });
  await check('a truncated transaction is refused with MALFORMED_TX', async () => {
    const { tx } = randomSpend(address);
    await refusal({ tx: tx.toHexEF().slice(0, -10), password }, 'MALFORMED_TX');
  });
  await check('coins of another address: NO_SIGNABLE_INPUT', async () => {
    const { tx } = randomSpend(PrivateKey.fromRandom().toAddress());
    await refusal({ tx: tx.toHexEF(), password }, 'NO_SIGNABLE_INPUT');
  });
  await check('a signed outpoint claimed with another amount: AMOUNT_MISMATCH', async () => {
    const input = lastSigned.inputs[0];
    const tx = new Transaction();
    const parent = input.sourceTransaction;
    parent.outputs[input.sourceOutputIndex].satoshis += 5000;
    tx.addInput({ sourceTransaction: parent, sourceTXID: input.sourceTXID,
                  sourceOutputIndex: input.sourceOutputIndex, unlockingScript: new Script(),
                  sequence: 0xffffffff });
    tx.addOutput({ lockingScript: new P2PKH().lock(PrivateKey.fromRandom().toAddress()),
                   satoshis: parent.outputs[input.sourceOutputIndex].satoshis - 500 });
    await refusal({ tx: tx.toHexEF(), password }, 'AMOUNT_MISMATCH');
  });
  await check('a wrong password is 401 and signs nothing', async () => {
    const { tx } = randomSpend(address);
    const res = await post('/api/sign/transaction', { tx: tx.toHexEF(), password: 'wrong password!' }, token);
    assert.equal(res.status, 401);
    assert.deepEqual(await res.json(), { error: 'Invalid password', success: false });
  });
  await check('without the password, headless mode refuses', async () => {
    const { tx } = randomSpend(address);
    const res = await post('/api/sign/transaction', { tx: tx.toHexEF() }, token);
    assert.equal(res.status, 400);
  });
  await check('a token without scope transfer gets 401 code 6', async () => {
    const auth = await post('/api/auth', { host: 'other.example', password, scopes: ['sign'] });
    const other = (await auth.json()).accessToken;
    const { tx } = randomSpend(address);
    const res = await post('/api/sign/transaction', { tx: tx.toHexEF(), password }, other);
    assert.equal(res.status, 401);
    assert.equal((await res.json()).code, 6);
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
