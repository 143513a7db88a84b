/**
 * /convert and /inbound/{format} on the real server (IG, validator prepared once, workflow, PGlite): journal
 * messages from the golden files become stored referrals, replies come back in the sender's own format, and a
 * bad message gets its problems with source positions and stores nothing.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Bundle, OperationOutcome } from '@medplum/fhirtypes';
import type { RunningServer } from '../app/server.ts';
import { startServer, stopServer } from '../app/server.ts';
import { configWith } from '../config/schema.ts';
import { createMapper } from '../map/index.ts';
import { buildValidator } from '../app/compose.ts';

const golden = (path: string): Buffer => readFileSync(join(import.meta.dirname, '../../test/golden', path));
const VC = { 'X-Org-Id': 'SE2321000016-F835', 'X-User-Id': 'SE2321000016-T777', 'X-Roles': 'referrer' };
let server: RunningServer;

beforeAll(async () => {
  server = await startServer(configWith({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: ':memory:', LOG_LEVEL: 'silent', DELIVERY: 'off', JOBS: 'off' }), { defaultMetrics: false });
}, 180_000);
afterAll(async () => {
  await stopServer(server);
});

const post = (path: string, body: Buffer | string, headers: Record<string, string> = VC): Promise<Response> =>
  fetch(`${server.origin}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/octet-stream', ...headers }, body });

test('every valid golden message maps to a bundle the real validator accepts (mapping and IG agree)', async () => {
  const mapper = createMapper({ today: () => '2025-06-01' });
  const validator = await buildValidator({ IG_DIR: 'profiles/package', RULESET: undefined });
  for (const [format, file] of [['riv', 'riv/basic.input.xml'], ['hl7', 'hl7/ptsd-nearest.input.hl7'], ['flat-json', 'flat-json/basic.input.json'], ['csv', 'csv/basic.input.csv'], ['csv', 'csv/windows-1252.input.csv']] as const) {
    const mapped = mapper.toFhir(format, golden(file));
    expect('bundle' in mapped).toBe(true);
    if (!('bundle' in mapped)) continue;
    const outcome = await validator.validate(mapped.bundle);
    expect({ file, errors: outcome.issue.filter((i) => i.severity === 'error').map((i) => `${i.details?.coding?.[0]?.code ?? ''} ${i.expression?.[0] ?? ''}`) }).toEqual({ file, errors: [] });
  }
});

test('/convert: RIV-TA to FHIR and on to HL7 v2, nothing stored; unknown formats and bad input are 4xx outcomes', async () => {
  const fhir = await post('/convert?from=riv&to=fhir', golden('riv/basic.input.xml'));
  expect(fhir.status).toBe(200);
  const bundle = (await fhir.json()) as Bundle;
  expect(bundle.resourceType).toBe('Bundle');
  expect(bundle.entry?.find((e) => e.resource?.resourceType === 'ServiceRequest')?.resource).toMatchObject({ identifier: [{ value: 'SE2321000016-F835#R-2025-0042' }] });

  const hl7 = await post('/convert?from=riv&to=hl7', golden('riv/basic.input.xml'));
  expect(hl7.status).toBe(200);
  expect(await hl7.text()).toMatch(/^MSH\|\^~\\&\|/);

  const none = await fetch(`${server.origin}/fhir/ServiceRequest`, { headers: { Accept: 'application/fhir+json', ...VC } });
  expect(((await none.json()) as Bundle).total).toBe(0);

  const unknown = await post('/convert?from=edifact&to=fhir', 'x');
  expect(unknown.status).toBe(400);
  expect(((await unknown.json()) as OperationOutcome).issue[0]?.details?.coding?.[0]?.code).toBe('MAP-FORMAT-UNKNOWN');

  const missingPhone = await post('/convert?from=hl7&to=fhir', golden('hl7/missing-direct-phone.input.hl7'));
  expect(missingPhone.status).toBe(422);
  const outcome = (await missingPhone.json()) as OperationOutcome;
  expect(outcome.issue.some((i) => /PRD/.test(i.diagnostics ?? ''))).toBe(true);

  expect((await fetch(`${server.origin}/convert?from=riv&to=fhir`, { method: 'POST', body: 'x' })).status).toBe(401);
});

test('/inbound/riv stores the referral and answers a RIV-TA resultCode OK; a repeat is no duplicate; a bad one is ERROR and stores nothing', async () => {
  const first = await post('/inbound/riv', golden('riv/basic.input.xml'));
  expect(first.status).toBe(200);
  const text = await first.text();
  expect(text).toMatch(/<(\w+:)?resultCode>OK<\/(\w+:)?resultCode>/);

  const again = await post('/inbound/riv', golden('riv/basic.input.xml'));
  expect(await again.text()).toMatch(/resultCode>OK</);
  const stored = (await (await fetch(`${server.origin}/fhir/ServiceRequest`, { headers: { Accept: 'application/fhir+json', ...VC } })).json()) as Bundle;
  expect(stored.total).toBe(1);

  const bad = await post('/inbound/riv', golden('riv/bad-pnr.input.xml'));
  expect(bad.status).toBe(200);
  const badText = await bad.text();
  expect(badText).toMatch(/resultCode>ERROR</);
  expect(badText).toMatch(/VALIDATION_ERROR/);
  const after = (await (await fetch(`${server.origin}/fhir/ServiceRequest`, { headers: { Accept: 'application/fhir+json', ...VC } })).json()) as Bundle;
  expect(after.total).toBe(1);
});

test('/inbound/hl7 answers an HL7 ACK: AA when stored, AE with ERR segments for a bad message', async () => {
  const hl7Vc = { 'X-Org-Id': 'SE2321000016-F900', 'X-User-Id': 'SE2321000016-P5678', 'X-Roles': 'referrer' };
  const ok = await post('/inbound/hl7', golden('hl7/ptsd-nearest.input.hl7'), hl7Vc);
  expect(ok.status).toBe(200);
  expect(await ok.text()).toMatch(/MSA\|AA\|MSG-000917/);
  const bad = await post('/inbound/hl7', golden('hl7/missing-direct-phone.input.hl7'), hl7Vc);
  const badText = await bad.text();
  expect(badText).toMatch(/MSA\|A[ER]\|/);
  expect(badText).toMatch(/ERR\|/);
});

test('/outbound/{format}: the provider fetches the referral in its own format; another organisation gets 404', async () => {
  const vc = { 'X-Org-Id': 'SE2321000016-E1LM', 'X-User-Id': 'SE2321000016-R100', 'X-Roles': 'referrer' };
  const provider = { 'X-Org-Id': 'SE2321000016-P4MA', 'X-User-Id': 'SE2321000016-T400', 'X-Roles': 'provider' };
  const other = { 'X-Org-Id': 'SE2321000016-P5LU', 'X-User-Id': 'SE2321000016-T500', 'X-Roles': 'provider' };
  const example = readFileSync(join(import.meta.dirname, '../../profiles/package/example/Bundle-ex-valid-f41-1-gad-kbt.json'));
  const submitted = await fetch(`${server.origin}/fhir`, { method: 'POST', headers: { 'Content-Type': 'application/fhir+json', ...vc }, body: example });
  expect(submitted.status).toBe(201);
  const srId = ((await submitted.json()) as Bundle).entry?.map((e) => e.response?.location ?? '').find((l) => l.startsWith('ServiceRequest/'))?.split('/')[1] ?? '';

  const hl7 = await fetch(`${server.origin}/outbound/hl7/ServiceRequest/${srId}`, { headers: provider });
  expect(hl7.status).toBe(200);
  const message = await hl7.text();
  expect(message).toMatch(/^MSH\|/);
  expect(message).toMatch(/\rRF1\|[^\r]*SE2321000016-E1LM#/);
  expect(message).toMatch(/\rPRD\|RP\|[^\r]*\+46/);

  const riv = await fetch(`${server.origin}/outbound/riv/ServiceRequest/${srId}`, { headers: provider });
  expect(riv.status).toBe(200);
  expect(await riv.text()).toContain('Direkttelefon remittent');

  expect((await fetch(`${server.origin}/outbound/hl7/ServiceRequest/${srId}`, { headers: other })).status).toBe(404);
  expect((await fetch(`${server.origin}/outbound/edifact/ServiceRequest/${srId}`, { headers: provider })).status).toBe(400);
});

test('/inbound validates a message once: the workflow takes the outcome, and each warning is in the reply once', async () => {
  const real = await buildValidator({ IG_DIR: 'profiles/package', RULESET: undefined });
  let calls = 0;
  const warning = { severity: 'warning' as const, code: 'informational' as const, details: { coding: [{ code: 'TEST-WARNING' }] } };
  const counting = {
    validate: async (...args: Parameters<typeof real.validate>): Promise<OperationOutcome> => {
      calls++;
      const o = await real.validate(...args);
      return { ...o, issue: [...o.issue.filter((i) => i.severity !== 'information'), warning] };
    },
  };
  const own = await startServer(configWith({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: ':memory:', LOG_LEVEL: 'silent', DELIVERY: 'off', JOBS: 'off' }), {
    defaultMetrics: false,
    composition: { validator: counting },
  });
  try {
    const res = await fetch(`${own.origin}/inbound/flat-json`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...VC }, body: golden('flat-json/basic.input.json') });
    expect(res.status).toBe(201);
    expect(calls).toBe(1);
    const reply = (await res.json()) as OperationOutcome;
    expect(reply.issue.filter((i) => i.details?.coding?.[0]?.code === 'TEST-WARNING')).toHaveLength(1);
  } finally {
    await stopServer(own);
  }
}, 120_000);
