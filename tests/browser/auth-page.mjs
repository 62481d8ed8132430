// Scenario "auth-page": the v0.0.8 `GET /auth` page (API.md decision 13, §9.3) in a real browser.
// A site on another loopback port sends the person to /auth with its host and returnURL. Headless
// mode asks nobody, so a site without a standing grant gets the "denied" page, and a locked wallet
// the "locked" page; once the person has granted the site (POST /api/auth with the password), the
// page redirects the browser to returnURL with ?tokenPass=<token>. Checked as chromium sees it:
// statuses, the redirect, the headers (CSP, X-Frame-Options, Referrer-Policy and what it does to
// the Referer chromium sends on), the token working, and that a page on another site cannot frame
// /auth.
import assert from 'node:assert/strict';
import { PASSWORD, escapeHtml, forbidsFraming, html, openPage, startSite, until } from './harness.mjs';

export async function authPageScenario({ tp, browser, check }) {
  // The relying site, and another site (127.0.0.2 is another site for the browser).
  const site = await startSite('127.0.0.1', {
    '/start': (url) => html(`<a id="go" href="${escapeHtml(url.searchParams.get('to'))}">Sign in</a>`),
    '/callback': () => html('<h1 id="back">back on the site</h1>'),
  });
  const other = await startSite('127.0.0.2', {
    '/frame': (url) => html(`<iframe id="f" src="${escapeHtml(url.searchParams.get('src'))}" ` +
                            `onload="window.frameLoads=(window.frameLoads||0)+1"></iframe>`),
  });
  const siteHost = new URL(site.origin).host; // 127.0.0.1:<port>, what the site calls itself
  const authUrl = (params) => `${tp.origin}/auth?${new URLSearchParams(params)}`;
  const callback = `${site.origin}/callback`;

  // The site's page with a "Sign in" link to `to`; clicking it is a top-level navigation.
  async function followLink(p, to) {
    await p.page.goto(`${site.origin}/start?to=${encodeURIComponent(to)}`);
    const [response] = await Promise.all([p.page.waitForNavigation(), p.page.click('#go')]);
    return response;
  }

  const p = await openPage(browser);
  try {
    await check('auth-page: a site without a grant gets the denied page, no redirect, framing forbidden', async () => {
      p.reset();
      const response = await followLink(p, authUrl({ host: siteHost, scopes: 'sign', returnURL: callback }));
      assert.equal(response.status(), 403);
      assert.equal(p.page.url().split('?')[0], `${tp.origin}/auth`);
      assert.equal(await p.page.title(), 'TokenPass - Request denied');
      const headers = response.headers();
      assert.equal(headers['content-type'], 'text/html; charset=utf-8');
      assert.ok(forbidsFraming(headers), JSON.stringify(headers));
      assert.match(headers['content-security-policy'], /frame-ancestors 'none'/);
      assert.match(headers['content-security-policy'], /default-src 'none'/);
      assert.equal(headers['x-frame-options'], 'DENY');
      assert.equal(site.hitsOn('/callback').length, 0);
    });

    await check('auth-page: a returnURL on another host than `host` is refused (403, no redirect)', async () => {
      p.reset();
      const response = await followLink(p, authUrl({ host: siteHost, returnURL: `${other.origin}/callback` }));
      assert.equal(response.status(), 403);
      assert.equal(await p.page.title(), 'TokenPass - Request refused');
      assert.equal(other.hitsOn('/callback').length, 0);
    });

    await check('auth-page: a locked wallet gets the "locked" page (401), no redirect, even for a granted site', async () => {
      const post = (path, body) => fetch(`${tp.origin}${path}`, {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
      assert.equal((await post('/api/auth', { host: siteHost, password: PASSWORD })).status, 200);
      assert.equal((await post('/api/logout', {})).status, 200);
      try {
        p.reset();
        const response = await followLink(p, authUrl({ host: siteHost, returnURL: callback }));
        assert.equal(response.status(), 401);
        assert.equal(await p.page.title(), 'TokenPass - TokenPass is locked');
        assert.ok(forbidsFraming(response.headers()));
        assert.equal(site.hitsOn('/callback').length, 0);
      } finally {
        assert.equal((await post('/api/login', { password: PASSWORD })).status, 200);
      }
    });

    await check('auth-page: once granted, the browser lands on returnURL?tokenPass=<token>, which works', async () => {
      const grant = await fetch(`${tp.origin}/api/auth`, {
        method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ host: siteHost, password: PASSWORD, scopes: ['sign'] }) });
      assert.equal(grant.status, 200, await grant.clone().text());
      const first = (await grant.json()).accessToken;

      p.reset();
      const response = await followLink(p, authUrl({ host: siteHost, scopes: 'sign',
                                                     returnURL: `${callback}?keep=1` }));
      // Where the browser is now, and the redirect it followed (as chromium received it).
      const landed = new URL(p.page.url());
      assert.equal(landed.origin + landed.pathname, callback);
      assert.equal(landed.searchParams.get('keep'), '1');
      const token = landed.searchParams.get('tokenPass');
      assert.match(token, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      assert.equal(await p.page.$eval('#back', (e) => e.textContent), 'back on the site');
      assert.equal(response.status(), 200);
      const chain = response.request().redirectChain();
      assert.equal(chain.length, 1);
      const redirect = chain[0].response();
      assert.equal(redirect.url().split('?')[0], `${tp.origin}/auth`);
      assert.equal(redirect.status(), 302);
      assert.equal(redirect.headers().location, landed.href);
      assert.equal(redirect.headers()['referrer-policy'], 'no-referrer');
      // Referrer-Policy: no-referrer on the redirect: chromium sends the site no Referer, though
      // it sent one to /auth (and would send the /start page's URL on to the same origin).
      assert.equal(p.sent(`${tp.origin}/auth`)[0].headers.referer, `${site.origin}/`);
      const arrivals = site.hitsOn('/callback');
      assert.equal(arrivals.length, 1);
      assert.equal(arrivals[0].headers.referer, undefined);
      assert.match(site.hitsOn('/start').at(-1).headers['user-agent'], /Chrome\//);

      // The token the browser carried is the site's token now; the one /api/auth gave before
      // it was replaced (one token per host, API.md §3).
      const sign = (t) => fetch(`${tp.origin}/api/sign`, {
        method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${t}` },
        body: JSON.stringify({ message: 'hello from the browser test' }) });
      const signed = await sign(token);
      assert.equal(signed.status, 200, await signed.clone().text());
      assert.ok((await signed.json()).sig);
      const old = await sign(first);
      assert.equal(old.status, 401);
      assert.equal((await old.json()).code, 3);
    });

    await check('auth-page: a page on another site cannot frame /auth (chromium refuses to render it)', async () => {
      p.reset();
      await framingRefused(p, other, authUrl({ host: 'framed.example' }),
                           `${tp.origin}/`, 'TokenPass is running.');
    });
  } finally {
    await p.close();
    await site.stop();
    await other.stop();
  }
}

// Loads `target` in an iframe of `other`'s /frame page, in page `p`, and proves chromium did not
// render it: the frame ends on chromium's error page and chromium says why (frame-ancestors or
// X-Frame-Options). The control, `control` (a page of the same server without anti-framing
// headers) framed the same way, renders `controlText`: so the check can tell the two apart.
export async function framingRefused(p, other, target, control, controlText) {
  const framed = async (src) => {
    p.reset();
    await p.page.bringToFront();
    await p.page.goto(`${other.origin}/frame?src=${encodeURIComponent(src)}`);
    await p.page.waitForFunction(() => window.frameLoads >= 1, { timeout: 10000 });
    return until(() => p.page.frames().find((f) => f !== p.page.mainFrame()), 'the iframe');
  };

  const shown = await framed(control);
  assert.equal(shown.url(), control);
  assert.equal((await shown.evaluate(() => document.body.innerText)).trim(), controlText);

  const refused = await framed(target);
  // The response arrived (so this is the headers' doing, not a failed load)...
  const responses = await until(() => {
    const answered = p.sent((w) => w.url === target && w.status);
    return answered.length && answered;
  }, 'the framed page\'s response');
  assert.equal(responses.length, 1, 'chromium fetched the framed page once');
  assert.ok(forbidsFraming(responses[0].responseHeaders), JSON.stringify(responses[0].responseHeaders));
  // ...and chromium put its error page in the frame instead of the content.
  await until(() => refused.url() !== target, 'the frame to leave the target').catch(() => {});
  assert.match(refused.url(), /^chrome-error:/);
  const text = await refused.evaluate(() => document.body?.innerText || '').catch(() => '');
  assert.doesNotMatch(text, /TokenPass/);
  await until(() => p.console.some((m) => /frame-ancestors|X-Frame-Options/.test(m)),
              'chromium\'s refusal message');
}
