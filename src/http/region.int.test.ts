/**
 * The region role (issue 4 Access and audit): statistics and the audit trail, never patient data. Real server,
 * real PGlite store, real workflow; the nightly statistics job is run directly.
 */
import type { AuditEvent, Bundle, CapabilityStatement, OperationOutcome } from '@medplum/fhirtypes';
import { statsSnapshotJob } from '../jobs/index.ts';
import type { Actor } from '../workflow/types.ts';
import type { TestServer } from './testing.ts';
import { devHeaders, FHIR_HEADERS, parties, startTestServer, submit } from './testing.ts';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
}, 180_000);
afterAll(async () => {
  await t.stop();
});

const region: Actor = { orgHsaId: 'SE2321000016-RS01', userId: 'SE2321000016-RS01-ANALYTIKER', roles: ['region'] };

async function json<T>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

function code(o: OperationOutcome): string | undefined {
  return o.issue[0]?.details?.coding?.[0]?.code;
}

test('the region reads no patient data: reads and searches of store types are 403, and the attempt is audited', async () => {
  const p = parties();
  const { srId, taskId } = await submit(t, p);
  for (const path of [`ServiceRequest/${srId}`, `Task/${taskId}`, `Task/${taskId}/_history`, 'Patient', `Task?owner=${p.provider.orgHsaId}`]) {
    const res = await fetch(`${t.fhir}/${path}`, { headers: devHeaders(region) });
    expect([path, res.status]).toEqual([path, 403]);
    expect(code(await json<OperationOutcome>(res))).toBe('AUTH-NO-PATIENT-DATA');
  }
  // Nor through the journal formats.
  const outbound = await fetch(`${t.origin}/outbound/riv/ServiceRequest/${srId}`, { headers: devHeaders(region) });
  expect(outbound.status).toBe(403);
  // Nor can it write: submitting is for referrers.
  const post = await fetch(t.fhir, { method: 'POST', headers: { ...FHIR_HEADERS, ...devHeaders(region) }, body: '{"resourceType":"Bundle","type":"transaction","entry":[]}' });
  expect(post.status).toBeGreaterThanOrEqual(400);
  expect(post.status).toBeLessThan(500);
  // Conformance resources are not patient data.
  expect((await fetch(`${t.fhir}/CodeSystem/rb-treatment-form`, { headers: devHeaders(region) })).status).toBe(200);
  const denied = await fetch(`${t.fhir}/AuditEvent?entity=ServiceRequest/${srId}&outcome=4&agent=${region.orgHsaId}`, { headers: devHeaders(region) });
  const events = await json<Bundle<AuditEvent>>(denied);
  expect(events.entry?.map((e) => e.resource?.agent.find((a) => a.requestor)?.who?.identifier?.value)).toContain(region.userId);
});

test('GET /fhir/AuditEvent: the region and admins search the trail by entity, agent, action, outcome and date; others are refused', async () => {
  const p = parties();
  const { srId } = await submit(t, p);
  expect((await fetch(`${t.fhir}/ServiceRequest/${srId}`, { headers: devHeaders(p.provider) })).status).toBe(200);
  expect((await fetch(`${t.fhir}/ServiceRequest/${srId}`, { headers: devHeaders(p.otherProvider) })).status).toBe(404);

  const search = async (q: string, actor: Actor = region): Promise<Bundle<AuditEvent>> => {
    const res = await fetch(`${t.fhir}/AuditEvent?${q}`, { headers: devHeaders(actor) });
    expect(res.status).toBe(200);
    return json<Bundle<AuditEvent>>(res);
  };
  const all = await search(`entity=ServiceRequest/${srId}`);
  // Created by the vårdcentral, read by the provider, refused (404) to the other provider; newest first.
  expect(all.entry?.map((e) => [e.resource?.action, e.resource?.outcome])).toEqual([
    ['R', '4'],
    ['R', '0'],
    ['C', '0'],
  ]);
  expect((await search(`entity=ServiceRequest/${srId}&agent=${p.provider.orgHsaId}`)).total).toBe(1);
  expect((await search(`entity=ServiceRequest/${srId}&action=C`)).total).toBe(1);
  const today = new Date().toISOString().slice(0, 10);
  expect((await search(`entity=ServiceRequest/${srId}&date=${today}`)).total).toBe(3);
  expect((await search(`entity=ServiceRequest/${srId}&date=lt${today}`)).total).toBe(0);
  // Paging links carry the query.
  const page = await search(`entity=ServiceRequest/${srId}&_count=1`);
  expect(page.entry).toHaveLength(1);
  expect(page.link?.find((l) => l.relation === 'next')?.url).toContain('_offset=1');
  // An admin may; a provider may not; bad parameters are 400 with the parameter named.
  expect((await search(`entity=ServiceRequest/${srId}`, p.admin)).total).toBe(3);
  const refused = await fetch(`${t.fhir}/AuditEvent`, { headers: devHeaders(p.provider) });
  expect(refused.status).toBe(403);
  expect(code(await json<OperationOutcome>(refused))).toBe('AUTH-AUDIT-ROLE');
  for (const bad of ['action=X', 'date=yesterday', 'entity=../etc', 'subject=Patient/1']) {
    const res = await fetch(`${t.fhir}/AuditEvent?${bad}`, { headers: devHeaders(region) });
    expect([bad, res.status]).toEqual([bad, 400]);
    expect((await json<OperationOutcome>(res)).issue[0]?.diagnostics).toContain(bad.split('=')[0]);
  }
  const cs = await json<CapabilityStatement>(await fetch(`${t.fhir}/metadata`));
  expect(cs.rest?.[0]?.resource?.find((r) => r.type === 'AuditEvent')?.searchParam?.map((s) => s.name)).toEqual(['agent', 'action', 'outcome', 'entity', 'date']);
});

test('/region/statistics: counts without identities for the region; snapshot, current and history; others are refused', async () => {
  const p = parties();
  await submit(t, p);
  await submit(t, p);
  const get = (path: string, actor: Actor = region): Promise<Response> => fetch(`${t.origin}/region/statistics${path}`, { headers: devHeaders(actor) });

  const current = await json<{ stored: boolean; referrals: number; byProvider: Record<string, number> }>(await get('/current'));
  expect(current.stored).toBe(false);
  expect(current.byProvider[p.provider.orgHsaId]).toBe(2);

  const job = statsSnapshotJob({ schedule: '0 2 * * *' });
  const taken = new Date();
  await job.run({ db: t.db, now: taken, repo: t.server.repo, logger: t.server.logger });
  const latest = await get('');
  expect(latest.status).toBe(200);
  const snapshot = await json<{ stored: boolean; takenAt: string; byProvider: Record<string, number>; referrals: number }>(latest);
  expect(snapshot).toMatchObject({ stored: true, takenAt: taken.toISOString() });
  expect(snapshot.byProvider[p.provider.orgHsaId]).toBe(2);
  const body = JSON.stringify(snapshot);
  expect(body).not.toMatch(/19\d{10}|Patient\/|ServiceRequest\//);

  const history = await json<{ snapshots: { takenAt: string }[] }>(await get(`/history?from=${taken.toISOString().slice(0, 10)}`));
  expect(history.snapshots.map((s) => s.takenAt)).toContain(taken.toISOString());
  expect((await get('/history?limit=0')).status).toBe(400);
  expect((await get('/history?from=igår')).status).toBe(400);

  for (const actor of [p.vc, p.provider]) {
    const res = await get('', actor);
    expect(res.status).toBe(403);
    expect(code(await json<OperationOutcome>(res))).toBe('AUTH-REGION-ROLE');
  }
  expect((await get('', p.admin)).status).toBe(200);
  expect((await fetch(`${t.origin}/region/statistics`)).status).toBe(401);
});
