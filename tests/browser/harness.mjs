// What the browser scenarios share: the headless tokenpass child (port 0, temporary data folder,
// as tests/oauth-clients/code-flow.mjs starts it), Debian's chromium through puppeteer-core, small
// loopback web servers that play the relying site and the attacker, and the CDP view of what the
// browser really sent and received.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { listeningPort } from './listening-port.mjs';

export const PASSWORD = 'correct horse battery';

// `tokenpass --headless --port 0` with a fresh data folder and a wallet created by /api/register.
export async function startTokenPass(binary) {
  const dataDir = mkdtempSync(join(tmpdir(), 'tokenpass-browser-'));
  const child = spawn(binary, ['--headless', '--data-dir', dataDir, '--port', '0'],
                      { env: { ...process.env, TOKENPASS_PORT: '' } });
  const port = await listeningPort(child);
  const origin = `http://127.0.0.1:${port}`;
  const res = await fetch(`${origin}/api/register`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ password: PASSWORD }) });
  if (res.status !== 200) throw new Error(`register: ${res.status} ${await res.text()}`);
  return {
    origin,
    async stop() {
      child.kill('SIGTERM');
      if (child.exitCode === null) await new Promise((r) => child.once('exit', r));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

// A loopback web server on `host` (a distinct loopback address is a distinct *site* for the
// browser: 127.0.0.1:A and 127.0.0.1:B are the same site, 127.0.0.2 is another). `pages` maps a
// path to (url, req) => html. Every request is remembered in `hits` with its headers.
export async function startSite(host, pages) {
  const hits = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url, `http://${req.headers.host}`);
    hits.push({ method: req.method, url, headers: req.headers });
    const page = pages[url.pathname];
    if (!page) { res.writeHead(404, { 'Content-Type': 'text/plain' }); res.end('not here'); return; }
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(page(url, req));
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, resolve);
  });
  const origin = `http://${host}:${server.address().port}`;
  return {
    origin, hits,
    hitsOn: (path) => hits.filter((h) => h.url.pathname === path),
    stop: () => new Promise((r) => { server.closeAllConnections?.(); server.close(r); }),
  };
}

export const html = (body) => `<!DOCTYPE html><html><head><meta charset="utf-8"><title>site</title></head>` +
  `<body>${body}</body></html>`;
export const escapeHtml = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

// Debian's chromium, headless, as CI runs it (root: no sandbox), with its own profile folder.
export async function startBrowser(executablePath) {
  const userDataDir = mkdtempSync(join(tmpdir(), 'tokenpass-chromium-'));
  const browser = await puppeteer.launch({
    executablePath, headless: true, userDataDir,
    args: ['--headless=new', '--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu',
           '--no-first-run', '--no-default-browser-check'],
  });
  return {
    browser,
    async stop() {
      await browser.close().catch(() => {});
      rmSync(userDataDir, { recursive: true, force: true, maxRetries: 5 });
    },
  };
}

// A fresh page in its own incognito-like context (own cookies), with its wire recorded.
export async function openPage(browser) {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  return { ...(await recordWire(page)), close: () => context.close() };
}

// A CDP session on `page` that records, for every request and every redirect hop, what chromium
// really put on the wire (Network.requestWillBeSentExtraInfo: the Origin, the Cookie header, the
// cookies it left out and why, e.g. SameSiteStrict) and what it received (status, headers), plus
// the console messages.
export async function recordWire(page) {
  const cdp = await page.createCDPSession();
  const requests = new Map(); // requestId -> { hops: [{url, method, postData}], sent: [], received: [] }
  const request = (id) => {
    if (!requests.has(id)) requests.set(id, { hops: [], sent: [], received: [] });
    return requests.get(id);
  };
  cdp.on('Network.requestWillBeSent', (e) => request(e.requestId).hops.push({
    url: e.request.url, method: e.request.method, postData: e.request.postData }));
  cdp.on('Network.requestWillBeSentExtraInfo', (e) => request(e.requestId).sent.push(e));
  cdp.on('Network.responseReceivedExtraInfo', (e) => request(e.requestId).received.push(e));
  const console = [];
  page.on('console', (m) => console.push(m.text()));
  cdp.on('Log.entryAdded', (e) => console.push(e.entry.text));
  await cdp.send('Network.enable');
  await cdp.send('Log.enable');
  const hops = () => [...requests.values()].flatMap((r) => r.hops.map((h, i) => ({
    ...h, headers: lowerKeys(r.sent[i]?.headers), cookies: r.sent[i]?.associatedCookies || [],
    responseHeaders: lowerKeys(r.received[i]?.headers), status: r.received[i]?.statusCode })));
  return {
    page, cdp, console,
    // The request hops to `match` (the URL without its query, or a predicate), in order.
    sent: (match) => hops().filter((w) =>
      typeof match === 'function' ? match(w) : w.url.split('?')[0] === match),
    cookies: async (url) => (await cdp.send('Network.getCookies', { urls: [url] })).cookies,
    // Forgets what was recorded so far (a page is reused across checks: a new renderer costs
    // seconds on a busy CI machine).
    reset: () => { requests.clear(); console.length = 0; },
  };
}

function lowerKeys(headers) {
  const out = {};
  for (const [k, v] of Object.entries(headers || {})) out[k.toLowerCase()] = v;
  return out;
}

// The CSP `frame-ancestors 'none'` and/or `X-Frame-Options: DENY` of a response.
export function forbidsFraming(headers) {
  const csp = headers['content-security-policy'] || '';
  return /(^|;)\s*frame-ancestors\s+'none'\s*(;|$)/i.test(csp) ||
         /^\s*deny\s*$/i.test(headers['x-frame-options'] || '');
}

// Waits until `fn` is truthy (polling), or fails with `what`.
export async function until(fn, what, timeoutMs = 10000) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export function makeChecker() {
  const result = { passed: 0, failed: 0 };
  result.check = async (name, fn) => {
    const t0 = Date.now();
    try { await fn(); result.passed++; console.log(`ok   ${name} (${Date.now() - t0} ms)`); }
    catch (e) { result.failed++; console.log(`FAIL ${name}: ${e.stack || e.message}`); }
  };
  return result;
}
