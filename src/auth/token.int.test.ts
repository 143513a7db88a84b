/**
 * SMART Backend Services against the real server in AUTH_MODE=smart: client secret (demo) and private_key_jwt
 * (RS384, ES384) at /auth/token, then the token on /fhir; replay, wrong audience, unknown client, scope narrowing
 * and enforcement; dev headers refused in smart mode.
 */
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Bundle, OperationOutcome } from '@medplum/fhirtypes';
import type { CryptoKey, JWK } from 'jose';
import { decodeJwt, exportJWK, generateKeyPair, SignJWT } from 'jose';
import type { TestServer } from '../http/testing.ts';
import { devHeaders, parties, startTestServer } from '../http/testing.ts';
import { sha256Hex } from './clients.ts';

interface ClientKey {
  readonly kid: string;
  readonly alg: 'RS384' | 'ES384';
  readonly privateKey: CryptoKey;
  readonly jwk: JWK;
}

async function clientKey(alg: 'RS384' | 'ES384'): Promise<ClientKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  const kid = randomUUID();
  return { kid, alg, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg } };
}

let t: TestServer;
let clientsFile: string;
let rsKey: ClientKey;
let ecKey: ClientKey;
const p = parties();

beforeAll(async () => {
  rsKey = await clientKey('RS384');
  ecKey = await clientKey('ES384');
  clientsFile = join(tmpdir(), `rb-clients-${randomUUID()}.json`);
  await writeFile(
    clientsFile,
    JSON.stringify({
      clients: [
        { clientId: 'vc-secret', orgHsaId: p.vc.orgHsaId, roles: ['referrer'], scope: 'system/*.rs system/ServiceRequest.c', clientSecretSha256: sha256Hex('s3cret') },
        { clientId: 'pt-jwt', orgHsaId: p.provider.orgHsaId, roles: ['provider'], scope: 'system/Task.rs system/Task.u', jwks: { keys: [rsKey.jwk, ecKey.jwk] } },
      ],
    }),
  );
  t = await startTestServer({ AUTH_MODE: 'smart', CLIENTS_FILE: clientsFile, TOKEN_TTL_SECONDS: '120' });
}, 180_000);
afterAll(async () => {
  await t.stop();
});

async function token(form: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${t.origin}/auth/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(form).toString(),
  });
}

async function assertion(key: ClientKey, claims: { aud?: string; jti?: string; exp?: number; iss?: string } = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'JWT' })
    .setIssuer(claims.iss ?? 'pt-jwt')
    .setSubject(claims.iss ?? 'pt-jwt')
    .setAudience(claims.aud ?? `${t.origin}/auth/token`)
    .setJti(claims.jti ?? randomUUID())
    .setExpirationTime(claims.exp ?? now + 240)
    .sign(key.privateKey);
}

const jwtForm = (a: string, scope?: string): Record<string, string> => ({
  grant_type: 'client_credentials',
  client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
  client_assertion: a,
  ...(scope ? { scope } : {}),
});

test('client secret (form or Basic) → a short-lived token with org, roles and scope claims that opens /fhir', async () => {
  const res = await token({ grant_type: 'client_credentials', client_id: 'vc-secret', client_secret: 's3cret' });
  expect(res.status).toBe(200);
  expect(res.headers.get('cache-control')).toBe('no-store');
  const body = (await res.json()) as { access_token: string; expires_in: number; token_type: string; scope: string };
  expect(body).toMatchObject({ token_type: 'bearer', expires_in: 120, scope: 'system/*.rs system/ServiceRequest.c' });
  const claims = decodeJwt(body.access_token);
  expect(claims).toMatchObject({ org: p.vc.orgHsaId, sub: 'vc-secret', roles: ['referrer'] });
  expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(120);
  const search = await fetch(`${t.origin}/fhir/ServiceRequest`, { headers: { Authorization: `Bearer ${body.access_token}` } });
  expect(search.status).toBe(200);
  expect(((await search.json()) as Bundle).type).toBe('searchset');
  const basic = await token({ grant_type: 'client_credentials' }, { Authorization: `Basic ${Buffer.from('vc-secret:s3cret').toString('base64')}` });
  expect(basic.status).toBe(200);
});

test('wrong secret, unknown client, wrong grant → OAuth errors', async () => {
  const wrong = await token({ grant_type: 'client_credentials', client_id: 'vc-secret', client_secret: 'nope' });
  expect(wrong.status).toBe(401);
  expect(await wrong.json()).toMatchObject({ error: 'invalid_client' });
  expect((await token({ grant_type: 'client_credentials', client_id: 'ghost', client_secret: 'x' })).status).toBe(401);
  const grant = await token({ grant_type: 'password', client_id: 'vc-secret', client_secret: 's3cret' });
  expect(grant.status).toBe(400);
  expect(await grant.json()).toMatchObject({ error: 'unsupported_grant_type' });
});

test.each(['RS384', 'ES384'] as const)('private_key_jwt with %s; the same assertion twice is refused', async (alg) => {
  const key = alg === 'RS384' ? rsKey : ecKey;
  const a = await assertion(key);
  const ok = await token(jwtForm(a, 'system/Task.rs'));
  expect(ok.status).toBe(200);
  const body = (await ok.json()) as { access_token: string; scope: string };
  expect(body.scope).toBe('system/Task.rs');
  expect(decodeJwt(body.access_token)).toMatchObject({ org: p.provider.orgHsaId, roles: ['provider'] });
  const replay = await token(jwtForm(a));
  expect(replay.status).toBe(401);
  expect(await replay.json()).toMatchObject({ error: 'invalid_client' });
});

test('a replay is refused by another server instance on the same database (the used ids are shared)', async () => {
  // The second instance serves the same public URL, so the assertion's audience is valid at both.
  const second = await startTestServer({ AUTH_MODE: 'smart', CLIENTS_FILE: clientsFile, TOKEN_TTL_SECONDS: '120', PUBLIC_URL: t.origin }, {}, { db: t.db });
  try {
    const a = await assertion(ecKey);
    expect((await token(jwtForm(a))).status).toBe(200);
    const replay = await fetch(`${second.origin}/auth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(jwtForm(a)).toString(),
    });
    expect(replay.status).toBe(401);
    expect(await replay.json()).toMatchObject({ error: 'invalid_client', error_description: 'client_assertion jti already used' });
    // A fresh assertion is accepted there: the second instance is otherwise able to issue tokens.
    const fresh = await fetch(`${second.origin}/auth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(jwtForm(await assertion(ecKey))).toString(),
    });
    expect(fresh.status).toBe(200);
  } finally {
    await second.stop();
  }
});

test('assertions with the wrong audience, too long a lifetime, an unregistered key or an unknown issuer are refused', async () => {
  expect((await token(jwtForm(await assertion(ecKey, { aud: 'https://elsewhere.example/token' })))).status).toBe(401);
  expect((await token(jwtForm(await assertion(ecKey, { exp: Math.floor(Date.now() / 1000) + 3600 })))).status).toBe(401);
  expect((await token(jwtForm(await assertion(ecKey, { exp: Math.floor(Date.now() / 1000) - 60 })))).status).toBe(401);
  const stranger = await clientKey('ES384');
  expect((await token(jwtForm(await assertion(stranger)))).status).toBe(401);
  expect((await token(jwtForm(await assertion(ecKey, { iss: 'vc-secret' })))).status).toBe(401);
  expect((await token(jwtForm('not-a-jwt'))).status).toBe(400);
});

test('scopes: asking for more than registered gets invalid_scope; the token only opens what it grants (403)', async () => {
  const none = await token(jwtForm(await assertion(ecKey), 'system/Patient.c'));
  expect(none.status).toBe(400);
  expect(await none.json()).toMatchObject({ error: 'invalid_scope' });
  const res = await token(jwtForm(await assertion(ecKey), 'system/Task.rs'));
  const { access_token } = (await res.json()) as { access_token: string };
  const auth = { Authorization: `Bearer ${access_token}` };
  expect((await fetch(`${t.origin}/fhir/Task`, { headers: auth })).status).toBe(200);
  const patients = await fetch(`${t.origin}/fhir/Patient`, { headers: auth });
  expect(patients.status).toBe(403);
  expect(((await patients.json()) as OperationOutcome).issue[0]?.details?.coding?.[0]?.code).toBe('AUTH-SCOPE');
  const put = await fetch(`${t.origin}/fhir/Task/x`, { method: 'PUT', headers: { ...auth, 'Content-Type': 'application/fhir+json' }, body: '{"resourceType":"Task","id":"x"}' });
  expect(put.status).toBe(403);
});

test('smart mode: dev identity headers are not enough; a token signed by another key is refused', async () => {
  const res = await fetch(`${t.origin}/fhir/Task`, { headers: devHeaders(p.provider) });
  expect(res.status).toBe(401);
  const { privateKey } = await generateKeyPair('ES384');
  const forged = await new SignJWT({ org: p.provider.orgHsaId, roles: ['admin'], scope: 'system/*.*' })
    .setProtectedHeader({ alg: 'ES384' })
    .setIssuer('urn:remissbrygga:auth')
    .setAudience('urn:remissbrygga:fhir')
    .setSubject('x')
    .setExpirationTime('5m')
    .sign(privateKey);
  expect((await fetch(`${t.origin}/fhir/Task`, { headers: { Authorization: `Bearer ${forged}` } })).status).toBe(401);
});

test('discovery: smart-configuration and the server JWKS', async () => {
  const conf = (await (await fetch(`${t.origin}/fhir/.well-known/smart-configuration`)).json()) as Record<string, unknown>;
  expect(conf.token_endpoint).toBe(`${t.origin}/auth/token`);
  const jwks = (await (await fetch(`${t.origin}/auth/jwks`)).json()) as { keys: JWK[] };
  expect(jwks.keys[0]).toMatchObject({ kty: 'EC', crv: 'P-384', alg: 'ES384' });
  expect(jwks.keys[0]?.d).toBeUndefined();
});
