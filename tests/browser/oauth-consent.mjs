// Scenario "oauth-consent": the headless consent form of OAUTH.md §6 in a real browser, written
// to the contract only: the authorize page (200 HTML, no-store, anti-framing, Referrer-Policy
// same-origin, a tp_consent cookie: HttpOnly, SameSite=Strict, Path=/oauth), its one form posting
// to /oauth/authorize/decision with hidden inputs (csrf, and whatever else, echoed verbatim), a
// password field and decision=approve|deny buttons. A loopback client (RFC 7591) on another port
// receives the redirect; the code is exchanged with PKCE S256 by a plain fetch. Then what only a
// browser proves: the Origin chromium sends with the form, the cookie it withholds from a
// cross-site POST (SameSite=Strict), the Origin rule on its own for a same-site other-origin
// POST, and that the form cannot be framed.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { PASSWORD, escapeHtml, html, openPage, recordWire, startSite, until } from './harness.mjs';
import { framingRefused } from './auth-page.mjs';

const b64url = (buf) => buf.toString('base64url');

export async function oauthConsentScenario({ tp, browser, check }) {
  // The OAuth client's loopback redirect target, and pages that post to TokenPass from another
  // origin on the same site (127.0.0.1, other port) and from another site (127.0.0.2).
  const postPage = (url) => {
    const fields = JSON.parse(url.searchParams.get('fields'));
    const inputs = Object.entries(fields).map(([k, v]) =>
      `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`).join('');
    return html(`<form method="post" action="${escapeHtml(url.searchParams.get('action'))}">${inputs}</form>` +
                '<script>document.forms[0].submit()</script>');
  };
  const client = await startSite('127.0.0.1', { '/callback': () => html('<h1>client</h1>'), '/post': postPage });
  const other = await startSite('127.0.0.2', {
    '/post': postPage,
    '/frame': (url) => html(`<iframe src="${escapeHtml(url.searchParams.get('src'))}" ` +
                            `onload="window.frameLoads=(window.frameLoads||0)+1"></iframe>`),
  });
  const redirectUri = `${client.origin}/callback`;
  // One browser context for the scenario: the consent page's tab, and a second tab for the pages
  // of other origins (each authorization request replaces the tp_consent cookie).
  const p = await openPage(browser);
  const tab = await recordWire(await p.page.browserContext().newPage());
  try {
    const meta = await (await fetch(`${tp.origin}/.well-known/oauth-authorization-server`)).json();
    const issuer = meta.issuer;
    assert.equal(new URL(issuer).origin, tp.origin);
    const registered = await fetch(meta.registration_endpoint, {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ client_name: 'chromium e2e', redirect_uris: [redirectUri],
                             grant_types: ['authorization_code'], response_types: ['code'],
                             token_endpoint_auth_method: 'none' }) });
    assert.equal(registered.status, 201, await registered.clone().text());
    const clientId = (await registered.json()).client_id;

    // A fresh authorization request (PKCE S256), opened in the consent tab.
    async function authorize() {
      const verifier = b64url(randomBytes(32));
      const state = b64url(randomBytes(16));
      const url = new URL(meta.authorization_endpoint);
      for (const [k, v] of Object.entries({
        response_type: 'code', client_id: clientId, redirect_uri: redirectUri, state, scope: 'openid',
        code_challenge: b64url(createHash('sha256').update(verifier).digest()),
        code_challenge_method: 'S256' })) url.searchParams.set(k, v);
      p.reset();
      await p.page.bringToFront(); // a background tab is not rendered: clicks would go nowhere
      const response = await p.page.goto(url.href);
      return { response, state, verifier, url: url.href };
    }
    const form = () => p.page.evaluate(() => {
      const forms = [...document.querySelectorAll('form')];
      const f = forms[0];
      return {
        count: forms.length, method: f?.method, action: f?.action,
        hidden: Object.fromEntries([...(f?.querySelectorAll('input[type=hidden]') || [])]
          .map((i) => [i.name, i.value])),
        password: !!f?.querySelector('input[type=password][name=password]'),
        decisions: [...(f?.querySelectorAll('button[type=submit][name=decision]') || [])].map((b) => b.value),
      };
    });
    const decisionUrl = new URL('/oauth/authorize/decision', issuer).href;
    // Types the password and presses a decision button; resolves with where the browser went.
    async function decide(password, decision) {
      if (password !== null) await p.page.type('input[name=password]', password);
      await Promise.all([p.page.waitForNavigation(),
                         p.page.click(`button[name=decision][value=${decision}]`)]);
      return new URL(p.page.url());
    }
    const posted = () => p.sent((w) => w.url === decisionUrl && w.method === 'POST');

    await check('oauth-consent: the authorize page as chromium receives it (headers, cookie, form)', async () => {
      const { response } = await authorize();
      assert.equal(response.status(), 200);
      const h = response.headers();
      assert.equal(h['content-type'], 'text/html; charset=utf-8');
      assert.match(h['cache-control'], /no-store/);
      assert.ok(/frame-ancestors\s+'none'/.test(h['content-security-policy'] || '') ||
                /^deny$/i.test(h['x-frame-options'] || ''), JSON.stringify(h));
      assert.equal(h['referrer-policy'], 'same-origin');
      // The cookie as chromium stored it.
      const cookie = (await p.cookies(decisionUrl)).find((c) => c.name === 'tp_consent');
      assert.ok(cookie, 'chromium holds a tp_consent cookie for the decision URL');
      assert.equal(cookie.httpOnly, true);
      assert.equal(cookie.sameSite, 'Strict');
      assert.equal(cookie.path, '/oauth');
      assert.ok(cookie.value.length >= 16);
      assert.equal(await p.page.evaluate(() => document.cookie), ''); // HttpOnly: no script sees it
      const f = await form();
      assert.equal(f.count, 1);
      assert.equal(f.method, 'post');
      assert.equal(f.action, decisionUrl);
      assert.match(f.hidden.csrf || '', /^[A-Za-z0-9_\-+/=]{22,}$/); // ≥ 128 bits
      assert.equal(f.password, true);
      assert.deepEqual([...f.decisions].sort(), ['approve', 'deny']);
    });

    await check('oauth-consent: approve lands on redirect_uri with code, state, iss; the code works', async () => {
      const { state, verifier } = await authorize();
      const hidden = (await form()).hidden;
      const landed = await decide(PASSWORD, 'approve');
      assert.equal(landed.origin + landed.pathname, redirectUri);
      assert.equal(landed.searchParams.get('state'), state);
      assert.equal(landed.searchParams.get('iss'), issuer);
      assert.equal(landed.searchParams.get('error'), null);
      const code = landed.searchParams.get('code');
      assert.ok(code && code.length >= 22);
      // What chromium put on the wire: the issuer's Origin (Referrer-Policy same-origin, not
      // "null"), the cookie, and every hidden input verbatim.
      const [sent] = posted();
      assert.ok(sent, 'chromium posted the form');
      assert.equal(sent.headers.origin, new URL(issuer).origin);
      assert.match(sent.headers.cookie || '', /(^|; )tp_consent=/);
      assert.match(sent.headers['content-type'], /^application\/x-www-form-urlencoded/);
      assert.ok([302, 303].includes(sent.status), `decision answered ${sent.status}`);
      const body = new URLSearchParams(sent.postData);
      for (const [k, v] of Object.entries(hidden)) assert.equal(body.get(k), v);
      assert.equal(body.get('decision'), 'approve');
      // The client's callback got no Referer: the consent page's URL stays with TokenPass.
      assert.equal(client.hitsOn('/callback').at(-1).headers.referer, undefined);

      const token = await fetch(meta.token_endpoint, {
        method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri,
                                    client_id: clientId, code_verifier: verifier }) });
      assert.equal(token.status, 200, await token.clone().text());
      assert.match(token.headers.get('cache-control'), /no-store/);
      const tokens = await token.json();
      assert.equal(tokens.token_type.toLowerCase(), 'bearer');
      assert.equal(tokens.access_token.split('.').length, 3);
    });

    await check('oauth-consent: deny lands on redirect_uri with error=access_denied, state, iss', async () => {
      const { state } = await authorize();
      const landed = await decide(null, 'deny');
      assert.equal(landed.origin + landed.pathname, redirectUri);
      assert.equal(landed.searchParams.get('error'), 'access_denied');
      assert.equal(landed.searchParams.get('state'), state);
      assert.equal(landed.searchParams.get('iss'), issuer);
      assert.equal(landed.searchParams.get('code'), null);
    });

    await check('oauth-consent: a wrong password never redirects; the form again (new csrf) then works', async () => {
      const { state } = await authorize();
      const before = (await form()).hidden.csrf;
      const calls = client.hitsOn('/callback').length;
      const stayed = await decide('not the password', 'approve');
      assert.equal(stayed.origin, new URL(issuer).origin);
      assert.equal(client.hitsOn('/callback').length, calls);
      const status = posted()[0].status;
      assert.ok([200, 401, 403].includes(status), `wrong password answered ${status}`);
      if (status === 200) {
        const again = await form();
        assert.notEqual(again.hidden.csrf, before);
        const landed = await decide(PASSWORD, 'approve');
        assert.equal(landed.origin + landed.pathname, redirectUri);
        assert.equal(landed.searchParams.get('state'), state);
        assert.ok(landed.searchParams.get('code'));
      }
    });

    // The attacker knows every hidden value (worst case) and posts them with the password from
    // a page elsewhere, in the browser that holds the consent cookie.
    async function postFrom(attacker) {
      await authorize();
      const fields = { ...(await form()).hidden, password: PASSWORD, decision: 'approve' };
      tab.reset();
      await tab.page.bringToFront();
      const calls = client.hitsOn('/callback').length;
      await tab.page.goto(`${attacker.origin}/post?action=${encodeURIComponent(decisionUrl)}` +
                          `&fields=${encodeURIComponent(JSON.stringify(fields))}`);
      const sent = await until(() => tab.sent((w) => w.url === decisionUrl && w.status)[0],
                               'the answer to the POST from another origin');
      const status = sent.status, url = tab.page.url();
      return { sent, status, url, callbacks: client.hitsOn('/callback').length - calls };
    }

    await check('oauth-consent: a cross-site form POST (127.0.0.2) carries no tp_consent cookie and is refused', async () => {
      const r = await postFrom(other);
      assert.equal(r.sent.headers.origin, other.origin);
      assert.doesNotMatch(r.sent.headers.cookie || '', /tp_consent=/);
      const consent = r.sent.cookies.filter((c) => c.cookie.name === 'tp_consent');
      assert.equal(consent.length, 1, 'chromium considered the cookie');
      // Chromium names the reason SameSiteStrict (or SchemefulSameSiteStrict, its newer name).
      assert.ok(consent[0].blockedReasons.some((r) => /SameSiteStrict$/.test(r)), JSON.stringify(consent[0]));
      assert.ok([400, 403].includes(r.status), `answered ${r.status}`);
      assert.equal(r.callbacks, 0);
      assert.doesNotMatch(r.url, new RegExp(`^${redirectUri}`));
    });

    await check('oauth-consent: a same-site POST from another origin (cookie sent) is refused by Origin: 403', async () => {
      const r = await postFrom(client);
      assert.equal(r.sent.headers.origin, client.origin);
      assert.match(r.sent.headers.cookie || '', /(^|; )tp_consent=/); // SameSite let it through
      assert.equal(r.status, 403);
      assert.equal(r.callbacks, 0);
    });

    await check('oauth-consent: a page on another site cannot frame the consent form', async () => {
      const { url } = await authorize();
      await framingRefused(tab, other, url, `${tp.origin}/`, 'TokenPass is running.');
    });
  } finally {
    await p.close();
    await client.stop();
    await other.stop();
  }
}
