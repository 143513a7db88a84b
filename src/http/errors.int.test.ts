/**
 * Every error class the HTTP edge produces, each as an OperationOutcome and never a 5xx for a client's mistake:
 * 400 (malformed JSON, hostile JSON, wrong type, bad id), 401, 403, 404, 405, 406, 409, 412 (see fhir suite),
 * 413, 415, 422, and the one 500 path (generic text + correlation id, nothing leaked).
 */
import type { OperationOutcome } from '@medplum/fhirtypes';
import request from 'supertest';
import { conflictOutcome, outcomeError } from '../fhir/outcomes.ts';
import * as workflow from '../workflow/index.ts';
import type { TestServer } from './testing.ts';
import { devHeaders, FHIR_HEADERS, parties, referralBundle, startTestServer, submit } from './testing.ts';

let t: TestServer;
let broken: TestServer;
const SECRET = 'SELECT * FROM patients WHERE pnr=199001012385';

beforeAll(async () => {
  t = await startTestServer({ BODY_LIMIT: '64kb', JSON_MAX_DEPTH: '32', JSON_MAX_ARRAY: '500' });
  // Small real implementations that fail the way a workflow can: a conflict, and an unexpected bug.
  broken = await startTestServer(
    {},
    {
      workflow: {
        ...workflow,
        transitionTask: () => Promise.reject(outcomeError(conflictOutcome({ id: 'WF-CONFLICT', text: { sv: 'Konflikt', en: 'Conflict' } }))),
        postCommunication: () => Promise.reject(new Error(SECRET)),
      },
    },
  );
}, 180_000);
afterAll(async () => {
  await t.stop();
  await broken.stop();
});

function expectOutcome(body: unknown, code?: string): OperationOutcome {
  const oo = body as OperationOutcome;
  expect(oo.resourceType).toBe('OperationOutcome');
  if (code) {
    expect(oo.issue[0]?.details?.coding?.[0]?.code).toBe(code);
  }
  return oo;
}

const provider = (): Record<string, string> => devHeaders(parties().provider);

describe('400: bodies a client got wrong', () => {
  test('malformed JSON', async () => {
    const res = await request(t.origin).post('/fhir').set({ ...FHIR_HEADERS, ...devHeaders(parties().vc) }).send('{"resourceType": "Bundle",');
    expect(res.status).toBe(400);
    expectOutcome(res.body, 'HTTP-JSON-MALFORMED');
  });

  test('JSON nested deeper than the limit, also absurdly deep (no stack overflow)', async () => {
    const deep = `${'{"a":'.repeat(40)}1${'}'.repeat(40)}`;
    const res = await request(t.origin).post('/fhir').set({ ...FHIR_HEADERS, ...devHeaders(parties().vc) }).send(deep);
    expect(res.status).toBe(400);
    expectOutcome(res.body, 'HTTP-JSON-DEPTH');
    const absurd = `${'['.repeat(30000)}${']'.repeat(30000)}`;
    const res2 = await request(t.origin).post('/fhir').set({ ...FHIR_HEADERS, ...devHeaders(parties().vc) }).send(absurd);
    expect(res2.status).toBe(400);
  });

  test('__proto__ and constructor keys are refused', async () => {
    for (const key of ['__proto__', 'constructor']) {
      const body = `{"resourceType":"Bundle","type":"transaction","entry":[{"resource":{"resourceType":"Patient","${key}":{"polluted":true}}}]}`;
      const res = await request(t.origin).post('/fhir').set({ ...FHIR_HEADERS, ...devHeaders(parties().vc) }).send(body);
      expect(res.status).toBe(400);
      expectOutcome(res.body, 'HTTP-JSON-KEY');
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test('huge arrays are refused', async () => {
    const body = JSON.stringify({ resourceType: 'Bundle', type: 'transaction', entry: Array.from({ length: 501 }, () => ({})) });
    const res = await request(t.origin).post('/fhir').set({ ...FHIR_HEADERS, ...devHeaders(parties().vc) }).send(body);
    expect(res.status).toBe(400);
    expectOutcome(res.body, 'HTTP-JSON-ARRAY');
  });

  test('wrong resourceType for the URL, not a resource, empty body, wrong Bundle type', async () => {
    const vc = { ...FHIR_HEADERS, ...devHeaders(parties().vc) };
    const wrong = await request(t.origin).post('/fhir').set(vc).send(JSON.stringify({ resourceType: 'Patient' }));
    expect(wrong.status).toBe(400);
    expectOutcome(wrong.body, 'HTTP-WRONG-RESOURCE-TYPE');
    const array = await request(t.origin).post('/fhir').set(vc).send('[1,2]');
    expect(array.status).toBe(400);
    expectOutcome(array.body, 'HTTP-NOT-A-RESOURCE');
    const empty = await request(t.origin).post('/fhir/Communication').set(vc).send('');
    expect(empty.status).toBe(400);
    const batch = await request(t.origin).post('/fhir').set(vc).send(JSON.stringify({ resourceType: 'Bundle', type: 'batch' }));
    expect(batch.status).toBe(400);
    expectOutcome(batch.body, 'HTTP-BUNDLE-TYPE');
  });

  test('malformed ids', async () => {
    const res = await request(t.origin).get(`/fhir/Task/${'x'.repeat(65)}`).set(provider());
    expect(res.status).toBe(400);
    expectOutcome(res.body, 'HTTP-INVALID-ID');
  });
});

test('401: no identity, a garbage token; with a challenge', async () => {
  const none = await request(t.origin).get('/fhir/Task');
  expect(none.status).toBe(401);
  expect(none.headers['www-authenticate']).toMatch(/^Bearer/);
  expectOutcome(none.body, 'AUTH-UNAUTHENTICATED');
  const bad = await request(t.origin).get('/fhir/Task').set('Authorization', 'Bearer not.a.token');
  expect(bad.status).toBe(401);
  const unknownRole = await request(t.origin).get('/fhir/Task').set({ 'X-Org-Id': 'SE1', 'X-User-Id': 'u', 'X-Roles': 'superuser' });
  expect(unknownRole.status).toBe(401);
});

test('404: unknown resource type, unknown path, unknown id', async () => {
  const type = await request(t.origin).get('/fhir/Spaceship/1').set(provider());
  expect(type.status).toBe(404);
  expectOutcome(type.body, 'HTTP-UNKNOWN-TYPE');
  expect((await request(t.origin).get('/nowhere')).status).toBe(404);
  expect((await request(t.origin).get('/fhir/Task/unknown-id').set(provider())).status).toBe(404);
});

test('405: writes the server does not offer', async () => {
  const p = provider();
  for (const [method, path] of [
    ['post', '/fhir/Patient'],
    ['put', '/fhir/Patient/1'],
    ['delete', '/fhir/Task/1'],
    ['patch', '/fhir/ServiceRequest/1'],
    ['patch', '/fhir/Patient/1'],
    ['put', '/fhir/StructureDefinition/rb-referral'],
    ['get', '/fhir'],
    ['post', '/fhir/metadata'],
  ] as const) {
    const res = await request(t.origin)[method](path).set({ ...FHIR_HEADERS, ...p }).send('{}');
    expect([method, path, res.status]).toEqual([method, path, 405]);
    expectOutcome(res.body, 'HTTP-METHOD-NOT-ALLOWED');
  }
});

test('406: a response format other than JSON; 415: a body in another media type', async () => {
  const xml = await request(t.origin).get('/fhir/metadata?_format=xml');
  expect(xml.status).toBe(406);
  expectOutcome(xml.body, 'HTTP-NOT-ACCEPTABLE');
  const accept = await request(t.origin).get('/fhir/metadata').set('Accept', 'application/fhir+xml');
  expect(accept.status).toBe(406);
  expect((await request(t.origin).get('/fhir/metadata?_format=json')).status).toBe(200);
  expect((await request(t.origin).get('/fhir/metadata').set('Accept', 'application/json')).status).toBe(200);
  const form = await request(t.origin).post('/fhir').set({ ...devHeaders(parties().vc), 'Content-Type': 'application/xml' }).send('<Bundle/>');
  expect(form.status).toBe(415);
  expectOutcome(form.body, 'HTTP-UNSUPPORTED-MEDIA-TYPE');
  const plainJson = await request(t.origin).post('/fhir/$validate').set({ ...devHeaders(parties().vc), 'Content-Type': 'application/json' }).send('{"resourceType":"Patient"}');
  expect(plainJson.status).toBe(200);
});

test('413: a body over the limit', async () => {
  const big = JSON.stringify({ resourceType: 'Bundle', type: 'transaction', entry: [{ resource: { resourceType: 'Patient', text: 'x'.repeat(70 * 1024) } }] });
  const res = await request(t.origin).post('/fhir').set({ ...FHIR_HEADERS, ...devHeaders(parties().vc) }).send(big);
  expect(res.status).toBe(413);
  expectOutcome(res.body, 'HTTP-BODY-TOO-LARGE');
});

test('403 from the workflow (a referrer may not move the Task) passes through; token scopes → see the auth suite', async () => {
  const p = parties();
  const { taskId } = await submit(t, p);
  const res = await request(t.origin)
    .put(`/fhir/Task/${taskId}`)
    .set({ ...FHIR_HEADERS, ...devHeaders(p.vc) })
    .send(JSON.stringify({ resourceType: 'Task', id: taskId, status: 'received', intent: 'order' }));
  expect(res.status).toBe(403);
  expectOutcome(res.body);
});

test('409 from the workflow passes through as 409', async () => {
  const p = parties();
  const { taskId } = await submit(broken, p);
  const res = await request(broken.origin)
    .put(`/fhir/Task/${taskId}`)
    .set({ ...FHIR_HEADERS, ...devHeaders(p.provider) })
    .send(JSON.stringify({ resourceType: 'Task', id: taskId, status: 'received', intent: 'order' }));
  expect(res.status).toBe(409);
  expectOutcome(res.body, 'WF-CONFLICT');
});

test('422: validation errors of a submitted referral', async () => {
  const p = parties();
  const res = await request(t.origin).post('/fhir').set({ ...FHIR_HEADERS, ...devHeaders(p.vc) }).send(JSON.stringify(referralBundle(p, { authoredOn: null })));
  expect(res.status).toBe(422);
  expectOutcome(res.body, 'TEST-AUTHORED');
});

test('500: an unexpected error answers generic text with the correlation id; the log names no data', async () => {
  const p = parties();
  const { srId } = await submit(broken, p);
  const res = await request(broken.origin)
    .post('/fhir/Communication')
    .set({ ...FHIR_HEADERS, ...devHeaders(p.vc), 'X-Request-Id': 'corr-12345' })
    .send(JSON.stringify({ resourceType: 'Communication', status: 'completed', basedOn: [{ reference: `ServiceRequest/${srId}` }] }));
  expect(res.status).toBe(500);
  expect(res.headers['x-request-id']).toBe('corr-12345');
  const oo = expectOutcome(res.body, 'HTTP-INTERNAL');
  expect(oo.issue[0]?.details?.text).toContain('corr-12345');
  expect(JSON.stringify(res.body)).not.toContain('SELECT');
  const logs = broken.logs().join('\n');
  expect(logs).toContain('unhandled error');
  expect(logs).toContain('corr-12345');
  expect(logs).not.toContain('199001012385');
  expect(logs).not.toContain('SELECT');
  // and the server still answers
  expect((await request(broken.origin).get('/healthz')).status).toBe(200);
});
