// Debian's chromium, headless, through TokenPass's browser-facing pages (issue 16, "A real
// browser"): cookies, SameSite, the Origin a browser really sends with a form POST, CSP and
// framing, which only a browser can prove (a script can forge any header; a browser cannot).
// Usage: node browser-tests.mjs <tokenpass> <chromium> <scenario>...
//   auth-page      the v0.0.8 GET /auth page (auth-page.mjs)
//   oauth-consent  the headless OAuth consent form of OAUTH.md §6 (oauth-consent.mjs)
import { startBrowser, startTokenPass, makeChecker } from './harness.mjs';
import { authPageScenario } from './auth-page.mjs';
import { oauthConsentScenario } from './oauth-consent.mjs';

const [binary, chromium, ...names] = process.argv.slice(2);
const scenarios = { 'auth-page': authPageScenario, 'oauth-consent': oauthConsentScenario };
if (!binary || !chromium || !names.length || names.some((n) => !scenarios[n])) {
  console.error(`usage: node browser-tests.mjs <tokenpass> <chromium> ${Object.keys(scenarios).join('|')}...`);
  process.exit(2);
}

const t0 = Date.now();
const result = makeChecker();
let tp, browser;
try {
  tp = await startTokenPass(binary);
  browser = await startBrowser(chromium);
  console.log(`# ${await browser.browser.version()} against ${tp.origin}`);
  for (const name of names)
    await scenarios[name]({ tp, browser: browser.browser, check: result.check });
} catch (e) {
  result.failed++;
  console.log(`FAIL setup: ${e.stack || e.message}`);
} finally {
  await browser?.stop();
  await tp?.stop();
}
console.log(`${result.passed} passed, ${result.failed} failed in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
process.exit(result.failed || !result.passed ? 1 : 0);
