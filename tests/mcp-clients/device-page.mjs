// The headless device page (/oauth/device, RFC 8628 §3.3), approved as a person would: open the
// page for the user code, check it shows that code, echo its hidden inputs, add the wallet password
// and decision=approve, POST with the page's cookie and Origin = the issuer. Shared by the Node
// tests that sign `tokenpass mcp` in (stdio-bridge.mjs, readme-agent.mjs).
import assert from 'node:assert/strict';

export async function approveOnDevicePage(issuer, userCode, password) {
  const url = new URL(`/oauth/device?user_code=${encodeURIComponent(userCode)}`, issuer);
  const page = await fetch(url, { redirect: 'manual' });
  const html = await page.text();
  assert.equal(page.status, 200, html);
  assert.ok(html.includes(userCode), 'the page shows the code to compare');
  const cookie = page.headers.get('set-cookie').split(';')[0];
  const action = html.match(/<form method="post" action="([^"]+)">/)[1];
  const body = new URLSearchParams();
  for (const [, name, value] of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g))
    body.set(name, value);
  body.set('password', password);
  body.set('decision', 'approve');
  const res = await fetch(new URL(action, url), { method: 'POST', redirect: 'manual', body,
    headers: { Cookie: cookie, Origin: new URL(issuer).origin } });
  assert.ok(res.status === 200 || res.status === 303, `${res.status} ${await res.text()}`);
}
