// Makes tests/data/jose-vectors.json: JWTs signed by the real `jose` (the library resource servers
// such as bsv-mcp verify with), for the C++ verifier's unit test (tests/unit/JoseVectorsTest.cpp).
// The keys are fresh each run; the file is committed, so the test needs no Node.js. Run it where
// this package's node_modules are (the build copies them under build/tests/oauth-clients):
//   cp tests/oauth-clients/make-jose-vectors.mjs build/tests/oauth-clients/ &&
//   node build/tests/oauth-clients/make-jose-vectors.mjs > tests/data/jose-vectors.json
import * as jose from 'jose';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const joseVersion = JSON.parse(readFileSync(require.resolve('jose/package.json'), 'utf8')).version;

async function publicJwk(pair, alg) {
  const jwk = await jose.exportJWK(pair.publicKey);
  jwk.kid = await jose.calculateJwkThumbprint(jwk);
  jwk.alg = alg;
  jwk.use = 'sig';
  return jwk;
}

const ec = await jose.generateKeyPair('ES256', { extractable: true });
const rsa = await jose.generateKeyPair('RS256', { extractable: true, modulusLength: 2048 });
const stranger = await jose.generateKeyPair('ES256', { extractable: true });
const ecJwk = await publicJwk(ec, 'ES256');
const rsaJwk = await publicJwk(rsa, 'RS256');

const claims = {
  iss: 'http://127.0.0.1:21000', sub: '1BAPidentityKeyExample', aud: 'http://127.0.0.1:21000/mcp',
  iat: 1764979200, exp: 4102444800, scope: 'openid sign', client_id: 'client-1', jti: 'jti-1',
  name: 'Grüße ✓ "quoted" \\ slash',
};
const sign = (alg, kid, key, typ, body = claims) =>
  new jose.SignJWT(body).setProtectedHeader(typ ? { alg, kid, typ } : { alg, kid }).sign(key);

const es = await sign('ES256', ecJwk.kid, ec.privateKey, 'at+jwt');
const [h, , s] = es.split('.');
const tampered = [h, jose.base64url.encode(JSON.stringify({ ...claims, scope: 'openid sign transfer' })), s].join('.');

const tokens = [
  { name: 'ES256 access token (typ at+jwt)', jwt: es, valid: true },
  { name: 'ES256 without typ', jwt: await sign('ES256', ecJwk.kid, ec.privateKey), valid: true },
  { name: 'RS256 id_token', jwt: await sign('RS256', rsaJwk.kid, rsa.privateKey, 'JWT'), valid: true },
  { name: 'ES256, payload changed after signing', jwt: tampered, valid: false },
  { name: 'ES256 signed by another key under our kid', jwt: await sign('ES256', ecJwk.kid, stranger.privateKey), valid: false },
  { name: 'RS256 header naming the EC kid', jwt: await sign('RS256', ecJwk.kid, rsa.privateKey), valid: false },
  { name: 'ES256 header naming the RSA kid', jwt: await sign('ES256', rsaJwk.kid, ec.privateKey), valid: false },
  { name: 'HS256 with the EC kid', jwt: await sign('HS256', ecJwk.kid, new TextEncoder().encode('x'.repeat(32))), valid: false },
  { name: 'alg none', jwt: new jose.UnsecuredJWT(claims).encode(), valid: false },
  { name: 'unknown kid', jwt: await sign('ES256', 'not-a-kid-of-ours', ec.privateKey), valid: false },
];

process.stdout.write(JSON.stringify({
  generatedBy: `jose ${joseVersion} (tests/oauth-clients/make-jose-vectors.mjs)`,
  claims, keys: [ecJwk, rsaJwk], tokens,
}, null, 2) + '\n');
