/**
 * The closed loop, end to end, with nothing replaced: the real server (startServer with the default composition:
 * the IG package, the validator prepared once with the regional rule sets, the workflow, the demo directory) on
 * 127.0.0.1, a real PGlite store, SMART backend-services tokens obtained with signed client assertions
 * (private_key_jwt), and MedplumClient from @medplum/core as the vårdcentral and as two providers.
 *
 * submit (the IG's example referral) → the provider's inbox → received → accepted → in-progress → completed
 * with the treatment summary; messages both ways; the vårdcentral sees the outcome and the history; another
 * provider sees nothing; an invalid referral is refused with its rule and stores nothing; all of it audited.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MedplumClient, OperationOutcomeError } from '@medplum/core';
import type { Bundle, Communication, Observation, OperationOutcome, Task } from '@medplum/fhirtypes';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import type { RunningServer } from '../../src/app/server.ts';
import { startServer, stopServer } from '../../src/app/server.ts';
import { configWith } from '../../src/config/schema.ts';

const root = join(import.meta.dirname, '..', '..');
const example = (name: string): Promise<Bundle> =>
  readFile(join(root, 'profiles/package/example', name), 'utf8').then((t) => JSON.parse(t) as Bundle);

// The organisations of the IG's example referral (profiles/package/example) and the demo directory.
const VC = 'SE2321000016-E1LM';
const PROVIDER = 'SE2321000016-P4MA';
const OTHER_PROVIDER = 'SE2321000016-P5LU';
const REGION = 'SE2321000016-RS01';
const OUTPUT = 'https://remissbrygga.se/fhir/CodeSystem/rb-task-output';

let dir: string;
let server: RunningServer;
const keys = new Map<string, Awaited<ReturnType<typeof generateKeyPair>>['privateKey']>();

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rb-e2e-'));
  const clients = [];
  for (const [clientId, org, role, scope] of [
    ['vc', VC, 'referrer', 'system/*.rs system/ServiceRequest.cu system/Communication.c'],
    ['pt', PROVIDER, 'provider', 'system/*.rs system/Task.u system/Communication.c'],
    ['pt2', OTHER_PROVIDER, 'provider', 'system/*.rs system/Task.u system/Communication.c'],
    ['region', REGION, 'region', 'system/*.rs'],
  ] as const) {
    const pair = await generateKeyPair('ES384', { extractable: true });
    keys.set(clientId, pair.privateKey);
    clients.push({ clientId, name: clientId, orgHsaId: org, roles: [role], scope, jwks: { keys: [{ ...(await exportJWK(pair.publicKey)), kid: clientId, alg: 'ES384' }] } });
  }
  await writeFile(join(dir, 'clients.json'), JSON.stringify({ clients }));
  const config = configWith({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: join(dir, 'pglite'), AUTH_MODE: 'smart', CLIENTS_FILE: join(dir, 'clients.json'), LOG_LEVEL: 'silent' });
  server = await startServer(config, { defaultMetrics: false });
}, 120_000);

afterAll(async () => {
  await stopServer(server);
  await rm(dir, { recursive: true, force: true });
});

/** A MedplumClient holding an access token from /auth/token, obtained with a signed client assertion. */
async function clientFor(clientId: string): Promise<MedplumClient> {
  const tokenUrl = `${server.origin}/auth/token`;
  const assertion = await new SignJWT({})
    .setProtectedHeader({ alg: 'ES384', kid: clientId })
    .setIssuer(clientId)
    .setSubject(clientId)
    .setAudience(tokenUrl)
    .setJti(randomUUID())
    .setExpirationTime('2m')
    .sign(keys.get(clientId) ?? new Uint8Array());
  const res = await fetch(tokenUrl, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: assertion,
    }).toString(),
  });
  expect(res.status).toBe(200);
  const { access_token } = (await res.json()) as { access_token: string };
  const medplum = new MedplumClient({ baseUrl: `${server.origin}/`, fhirUrlPath: 'fhir', cacheTime: 0, fetch: (url: string | URL | Request, init?: RequestInit) => fetch(url, init) });
  medplum.setAccessToken(access_token);
  return medplum;
}

const org = (hsaId: string): { type: 'Organization'; identifier: { system: string; value: string } } => ({
  type: 'Organization',
  identifier: { system: 'urn:oid:1.2.752.29.4.19', value: hsaId },
});

const output = (code: string, value: Partial<NonNullable<Task['output']>[number]>): NonNullable<Task['output']>[number] => ({
  type: { coding: [{ system: OUTPUT, code }] },
  ...value,
});

test('submit → receive → accept → start → complete, messages both ways, scope and audit', async () => {
  const vc = await clientFor('vc');
  const pt = await clientFor('pt');
  const pt2 = await clientFor('pt2');

  // An invalid referral (the PTSD one asking for plain KBT) is refused with its rule, and nothing is stored.
  const invalid = await example('Bundle-ex-invalid-rem-ptsd-trauma-kbt.json');
  const refused = await vc.executeBatch(invalid).then(
    () => undefined,
    (err: unknown) => (err instanceof OperationOutcomeError ? err.outcome : undefined),
  );
  const codes = (o: OperationOutcome | undefined): string[] => (o?.issue ?? []).flatMap((i) => i.details?.coding?.map((c) => c.code ?? '') ?? []);
  expect(codes(refused)).toContain('REM-PTSD-TRAUMA-KBT');
  expect(refused?.issue.find((i) => codes({ resourceType: 'OperationOutcome', issue: [i] }).includes('REM-PTSD-TRAUMA-KBT'))?.expression?.[0]).toMatch(/^Bundle\.entry\[\d+\]\.resource\./);
  expect(await vc.searchResources('ServiceRequest', {})).toHaveLength(0);

  // The valid example referral.
  const response = await vc.executeBatch(await example('Bundle-ex-valid-f32-1-depression-kbt.json'));
  expect(response.type).toBe('transaction-response');
  const srId = response.entry?.map((e) => e.response?.location ?? '').find((l) => l.startsWith('ServiceRequest/'))?.split('/')[1] ?? '';
  expect(srId).not.toBe('');

  // The provider's inbox, with the referral included.
  const inbox = await pt.search('Task', { status: 'requested', _include: 'Task:focus' });
  const tasks = inbox.entry?.filter((e) => e.resource?.resourceType === 'Task').map((e) => e.resource as Task) ?? [];
  expect(tasks).toHaveLength(1);
  expect(inbox.entry?.some((e) => e.search?.mode === 'include' && e.resource?.id === srId)).toBe(true);
  let task = tasks[0] as Task;
  expect(task.owner?.identifier?.value ?? task.owner?.reference).toBeDefined();

  // The referrer's direct phone travels with the referral (domain.md §4: the most cited failure).
  const referral = await pt.readResource('ServiceRequest', srId);
  const role = await pt.readResource('PractitionerRole', referral.requester?.reference?.split('/')[1] ?? '');
  expect(role.telecom?.find((c) => c.system === 'phone')?.value).toMatch(/^\+46/);

  task = await pt.updateResource({ ...task, status: 'received' });
  task = await pt.updateResource({ ...task, status: 'accepted' });
  task = await pt.updateResource({ ...task, status: 'in-progress', output: [output('first-session-date', { valueDate: '2025-10-01' })] });
  expect(task.status).toBe('in-progress');

  // Messages both ways, tied to the referral.
  const toReferrer = await pt.createResource<Communication>({
    resourceType: 'Communication',
    status: 'completed',
    basedOn: [{ reference: `ServiceRequest/${srId}` }],
    subject: { reference: referral.subject.reference ?? '' },
    category: [{ coding: [{ system: 'https://remissbrygga.se/fhir/CodeSystem/rb-communication-category', code: 'question' }] }],
    sender: org(PROVIDER),
    recipient: [org(VC)],
    payload: [{ contentString: 'Har patienten ändrad medicinering?' }],
  });
  expect(toReferrer.id).toBeDefined();
  const toProvider = await vc.createResource<Communication>({
    resourceType: 'Communication',
    status: 'completed',
    basedOn: [{ reference: `ServiceRequest/${srId}` }],
    subject: { reference: referral.subject.reference ?? '' },
    category: [{ coding: [{ system: 'https://remissbrygga.se/fhir/CodeSystem/rb-communication-category', code: 'medication-change' }] }],
    sender: org(VC),
    recipient: [org(PROVIDER)],
    payload: [{ contentString: 'Sertralin höjt till 100 mg.' }],
  });
  expect(toProvider.id).toBeDefined();

  // Start and end ratings (PHQ-9) ride along as contained rb-rating-observations (domain.md §3, 000:220).
  const phq9 = (id: string, value: number, date: string): Observation => ({
    resourceType: 'Observation',
    id,
    meta: { profile: ['https://remissbrygga.se/fhir/StructureDefinition/rb-rating-observation'] },
    status: 'final',
    code: { coding: [{ system: 'http://loinc.org', code: '44261-6', display: 'PHQ-9 total score' }] },
    subject: referral.subject,
    effectiveDateTime: date,
    valueInteger: value,
  });
  task = await pt.updateResource({
    ...task,
    status: 'completed',
    contained: [phq9('phq9-start', 17, '2025-10-01'), phq9('phq9-end', 6, '2026-01-20')],
    output: [
      ...(task.output ?? []),
      output('start-rating', { valueReference: { reference: '#phq9-start' } }),
      output('end-rating', { valueReference: { reference: '#phq9-end' } }),
      output('sessions-used', { valueUnsignedInt: 12 }),
      output('summary', { valueString: 'Behandlingen avslutad med god effekt.' }),
    ],
  });
  expect(task.status).toBe('completed');

  // The vårdcentral sees the outcome, the history and both messages.
  const seen = await vc.readResource('Task', task.id ?? '');
  expect(seen.status).toBe('completed');
  expect(seen.output?.find((o) => o.type.coding?.[0]?.code === 'summary')?.valueString).toBe('Behandlingen avslutad med god effekt.');
  const history = await vc.readHistory('Task', task.id ?? '');
  expect(history.entry?.map((e) => e.resource?.status)).toEqual(['completed', 'in-progress', 'accepted', 'received', 'requested']);
  expect(await vc.searchResources('Communication', { 'based-on': `ServiceRequest/${srId}` })).toHaveLength(2);

  // Another provider can neither see it nor tell that it exists, nor change it.
  await expect(pt2.readResource('ServiceRequest', srId)).rejects.toMatchObject({ outcome: { id: 'not-found' } });
  await expect(pt2.readResource('Task', task.id ?? '')).rejects.toMatchObject({ outcome: { id: 'not-found' } });
  expect(await pt2.searchResources('Task', {})).toHaveLength(0);
  await expect(pt2.updateResource({ ...task, status: 'failed' })).rejects.toBeInstanceOf(OperationOutcomeError);

  // Everything audited by organisation, denied attempts included; the region reads the trail over FHIR, but no
  // patient data.
  const region = await clientFor('region');
  const audit = async (org: string): Promise<string[]> =>
    (await region.searchResources('AuditEvent', { agent: org, _count: '200' })).map((e) => `${e.subtype?.[0]?.code ?? ''}:${e.outcome ?? ''}`);
  await expect(region.readResource('ServiceRequest', srId)).rejects.toMatchObject({ outcome: { issue: [{ details: { coding: [{ code: 'AUTH-NO-PATIENT-DATA' }] } }] } });
  await expect(region.searchResources('Task', {})).rejects.toBeInstanceOf(OperationOutcomeError);
  expect(await audit(REGION)).toEqual(expect.arrayContaining(['read:4', 'search-type:4']));
  expect(await audit(VC)).toEqual(expect.arrayContaining(['transaction:0', 'transaction:4', 'read:0', 'history-instance:0', 'search-type:0', 'create:0']));
  expect((await audit(PROVIDER)).filter((a) => a === 'update:0')).toHaveLength(4);
  expect(await audit(OTHER_PROVIDER)).toEqual(expect.arrayContaining(['read:4']));
});
