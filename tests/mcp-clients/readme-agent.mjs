// The README's "Try it: an agent in a dozen lines (MCP SDK)", followed word for word (issue 18,
// "Done when"): the js block is taken from README.md as it is, saved as agent.mjs next to the
// pinned @modelcontextprotocol/sdk, and run with `node agent.mjs` against `tokenpass --headless`.
// As a new user would: a wallet made first, the code printed by `tokenpass mcp` approved on the
// headless device page with the password. The only stand-in is the `tokenpass` on PATH: a script
// that runs the built binary against this test's port (never 21000), with HOME a temporary folder
// (the SDK passes HOME and PATH to the command it starts, so the bridge keeps its sign-in there).
// The printed signature is checked with @bsv/sdk against the printed public key; a second run must
// sign in from the saved refresh token without printing a code.
// Usage: node readme-agent.mjs <path-to-tokenpass> <path-to-README.md>
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import assert from 'node:assert/strict';
import { listeningPort } from './listening-port.mjs';
import { approveOnDevicePage } from './device-page.mjs';

const require = createRequire(import.meta.url);
const { BSM, Signature, Utils, PublicKey } = require('@bsv/sdk');

const binary = resolve(process.argv[2]), readmePath = process.argv[3];
const here = dirname(fileURLToPath(import.meta.url));
const serverDir = mkdtempSync(join(tmpdir(), 'tokenpass-readme-server-'));
const home = mkdtempSync(join(tmpdir(), 'tokenpass-readme-home-'));
const shim = mkdtempSync(join(tmpdir(), 'tokenpass-readme-path-'));
const server = spawn(binary, ['--headless', '--data-dir', serverDir, '--port', '0'],
                     { env: { ...process.env, TOKENPASS_PORT: '' } });
let passed = 0, failed = 0;
async function check(name, fn) {
  try { await fn(); passed++; console.log(`ok   ${name}`); }
  catch (e) { failed++; console.log(`FAIL ${name}: ${e.stack || e.message}`); }
}

// The README's section: its npm line and its only js block.
function readmeExample() {
  const readme = readFileSync(readmePath, 'utf8');
  const start = readme.indexOf('### Try it: an agent in a dozen lines (MCP SDK)');
  assert.ok(start >= 0, 'the README has the section');
  const section = readme.slice(start, readme.indexOf('\n### ', start + 4));
  assert.match(section, /`npm install @modelcontextprotocol\/sdk`/);
  assert.match(section, /`node agent\.mjs`/);
  const blocks = [...section.matchAll(/```js\n([\s\S]*?)```/g)];
  assert.equal(blocks.length, 1, 'one js block');
  return blocks[0][1];
}

// `node agent.mjs` as the README says; `approve` gets the printed user code, if any.
function runAgent(approve) {
  return new Promise((resolve, reject) => {
    const agent = spawn(process.execPath, ['agent.mjs'], {
      cwd: here, env: { ...process.env, PATH: `${shim}:${process.env.PATH}`, HOME: home } });
    let stdout = '', stderr = '', asked = false;
    const timer = setTimeout(() => { agent.kill(); reject(new Error(`agent timed out: ${stderr}`)); }, 90000);
    agent.stdout.on('data', (c) => { stdout += c; });
    agent.stderr.on('data', (c) => {
      stderr += c;
      const m = /Check that it shows the code ([A-Z]{4}-[A-Z]{4})/.exec(stderr);
      if (m && !asked) { asked = true; approve(m[1]).catch(reject); }
    });
    agent.on('exit', (code) => { clearTimeout(timer); resolve({ code, stdout, stderr, asked }); });
  });
}

try {
  const port = await listeningPort(server);
  const issuer = `http://127.0.0.1:${port}`;
  const password = 'correct horse battery';
  const reg = await fetch(`${issuer}/api/register`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ password }) });
  assert.equal(reg.status, 200);
  writeFileSync(join(here, 'agent.mjs'), readmeExample());
  writeFileSync(join(shim, 'tokenpass'), `#!/bin/sh\nexec '${binary}' "$@" --url '${issuer}'\n`);
  chmodSync(join(shim, 'tokenpass'), 0o755);

  await check('the README example runs, approved on the device page, and its signature verifies', async () => {
    const run = await runAgent((code) => approveOnDevicePage(issuer, code, password));
    assert.equal(run.code, 0, `exit ${run.code}\n${run.stdout}\n${run.stderr}`);
    assert.ok(run.asked, 'the first run printed a code to approve');
    const tools = /^tools: (.*)$/m.exec(run.stdout)[1].split(' ');
    assert.ok(tools.includes('sign_message') && tools.includes('get_identity'), run.stdout);
    const pubkey = /^pubkey: (0[23][0-9a-f]{64})$/m.exec(run.stdout)[1];
    const signature = /^signature: (\S+)$/m.exec(run.stdout)[1];
    const sig = Signature.fromCompact(Utils.toArray(signature, 'base64'));
    const message = Utils.toArray('hello from my agent', 'utf8');
    assert.equal(BSM.verify(message, sig, PublicKey.fromString(pubkey)), true);
    assert.equal(BSM.verify(Utils.toArray('hello from my agent!', 'utf8'), sig, PublicKey.fromString(pubkey)), false);
    assert.equal(statSync(join(home, '.tokenpass', 'mcp-client.json')).mode & 0o777, 0o600);
  });
  await check('a second run signs in without asking', async () => {
    const run = await runAgent(async () => { throw new Error('asked again'); });
    assert.equal(run.code, 0, `${run.stdout}\n${run.stderr}`);
    assert.equal(run.asked, false, run.stderr);
    assert.match(run.stdout, /^signature: \S+$/m);
  });
} catch (e) {
  failed++;
  console.log(`FAIL setup: ${e.stack || e.message}`);
} finally {
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));
  for (const dir of [serverDir, home, shim]) rmSync(dir, { recursive: true, force: true });
  rmSync(join(here, 'agent.mjs'), { force: true });
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
