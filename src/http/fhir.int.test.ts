/** The /fhir interactions against a real server, a real PGlite store and the real workflow (small test validator). */
import type { AuditEvent, Bundle, CapabilityStatement, OperationOutcome, ServiceRequest, Task } from '@medplum/fhirtypes';
import type { TestServer } from './testing.ts';
import { devHeaders, FHIR_HEADERS, HSA, parties, referralBundle, startTestServer, submit } from './testing.ts';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
}, 180_000);
afterAll(async () => {
  await t.stop();
});

async function json<T>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

describe('metadata', () => {
  test('CapabilityStatement lists the route table: types, profiles, interactions, search params, operations', async () => {
    const res = await fetch(`${t.fhir}/metadata`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/fhir\+json/);
    const cs = await json<CapabilityStatement>(res);
    expect(cs.fhirVersion).toBe('4.0.1');
    const rest = cs.rest?.[0];
    const task = rest?.resource?.find((r) => r.type === 'Task');
    expect(task?.profile).toBe('https://remissbrygga.se/fhir/StructureDefinition/rb-referral-task');
    expect(task?.interaction?.map((i) => i.code).sort()).toEqual(['history-instance', 'patch', 'read', 'search-type', 'update', 'vread']);
    expect(task?.searchParam?.map((s) => s.name)).toEqual(expect.arrayContaining(['owner', 'status', 'focus', 'patient.identifier']));
    expect(task?.searchInclude).toContain('Task:focus');
    const sr = rest?.resource?.find((r) => r.type === 'ServiceRequest');
    expect(sr?.operation?.map((o) => o.name)).toEqual(['validate']);
    expect(rest?.resource?.find((r) => r.type === 'Communication')?.interaction?.map((i) => i.code)).toContain('create');
    expect(rest?.resource?.find((r) => r.type === 'Patient')?.interaction?.map((i) => i.code)).not.toContain('create');
    expect(rest?.resource?.find((r) => r.type === 'Observation')?.supportedProfile).toHaveLength(2);
    expect(rest?.interaction?.map((i) => i.code)).toEqual(['transaction']);
    expect(rest?.resource?.map((r) => r.type)).toEqual(
      expect.arrayContaining(['ServiceRequest', 'Task', 'QuestionnaireResponse', 'Questionnaire', 'Patient', 'Practitioner', 'PractitionerRole', 'Organization', 'Condition', 'Observation', 'Procedure', 'Communication', 'StructureDefinition', 'ValueSet', 'CodeSystem', 'ConceptMap', 'Bundle']),
    );
  });

  test('every interaction the CapabilityStatement advertises is routed (no 404/405 for advertised ones)', async () => {
    const cs = await json<CapabilityStatement>(await fetch(`${t.fhir}/metadata`));
    const admin = devHeaders(parties().admin);
    for (const r of cs.rest?.[0]?.resource ?? []) {
      const codes = r.interaction?.map((i) => i.code) ?? [];
      if (codes.includes('search-type')) {
        const res = await fetch(`${t.fhir}/${r.type}?_count=1`, { headers: admin });
        expect([r.type, res.status]).toEqual([r.type, 200]);
      }
      if (codes.includes('read')) {
        const res = await fetch(`${t.fhir}/${r.type}/does-not-exist`, { headers: admin });
        expect([r.type, res.status]).toEqual([r.type, 404]);
      }
    }
  });
});

describe('submit, read, vread, history', () => {
  test('POST /fhir stores the referral: 201 with the transaction-response; a repeat answers 200 with the same locations', async () => {
    const p = parties();
    const bundle = referralBundle(p);
    const first = await fetch(t.fhir, { method: 'POST', headers: { ...FHIR_HEADERS, ...devHeaders(p.vc) }, body: JSON.stringify(bundle) });
    expect(first.status).toBe(201);
    const r1 = await json<Bundle>(first);
    expect(r1.type).toBe('transaction-response');
    expect(r1.entry?.some((e) => e.response?.location?.startsWith('ServiceRequest/'))).toBe(true);
    // the test validator warns about the missing note: the warning rides on the ServiceRequest entry
    const srEntry = r1.entry?.find((e) => e.response?.location?.startsWith('ServiceRequest/'));
    expect(srEntry?.response?.outcome?.issue[0]?.details?.coding?.[0]?.code).toBe('TEST-NOTE');
    const again = await fetch(t.fhir, { method: 'POST', headers: { ...FHIR_HEADERS, ...devHeaders(p.vc) }, body: JSON.stringify(bundle) });
    expect(again.status).toBe(200);
    expect((await json<Bundle>(again)).entry?.map((e) => e.response?.location)).toEqual(r1.entry?.map((e) => e.response?.location));
  });

  test('read: ETag and Last-Modified; vread; history newest first', async () => {
    const p = parties();
    const { taskId } = await submit(t, p);
    const read = await fetch(`${t.fhir}/Task/${taskId}`, { headers: devHeaders(p.provider) });
    expect(read.status).toBe(200);
    expect(read.headers.get('etag')).toBe('W/"1"');
    expect(new Date(read.headers.get('last-modified') ?? '').getTime()).not.toBeNaN();
    const task = await json<Task>(read);
    const put = await fetch(`${t.fhir}/Task/${taskId}`, {
      method: 'PUT',
      headers: { ...FHIR_HEADERS, ...devHeaders(p.provider), 'If-Match': 'W/"1"' },
      body: JSON.stringify({ ...task, status: 'received' }),
    });
    expect(put.status).toBe(200);
    expect(put.headers.get('etag')).toBe('W/"2"');
    const v1 = await fetch(`${t.fhir}/Task/${taskId}/_history/1`, { headers: devHeaders(p.provider) });
    expect((await json<Task>(v1)).status).toBe('requested');
    const history = await json<Bundle<Task>>(await fetch(`${t.fhir}/Task/${taskId}/_history`, { headers: devHeaders(p.provider) }));
    expect(history.type).toBe('history');
    expect(history.entry?.map((e) => e.resource?.status)).toEqual(['received', 'requested']);
    expect(history.entry?.map((e) => e.request?.method)).toEqual(['PUT', 'POST']);
  });

  test('If-Match with a stale version → 412, nothing changed', async () => {
    const p = parties();
    const { taskId } = await submit(t, p);
    const task = await json<Task>(await fetch(`${t.fhir}/Task/${taskId}`, { headers: devHeaders(p.provider) }));
    const stale = await fetch(`${t.fhir}/Task/${taskId}`, {
      method: 'PUT',
      headers: { ...FHIR_HEADERS, ...devHeaders(p.provider), 'If-Match': 'W/"7"' },
      body: JSON.stringify({ ...task, status: 'received' }),
    });
    expect(stale.status).toBe(412);
    expect((await json<OperationOutcome>(stale)).issue[0]?.details?.coding?.[0]?.code).toBe('STORE-VERSION-CONFLICT');
    expect((await json<Task>(await fetch(`${t.fhir}/Task/${taskId}`, { headers: devHeaders(p.provider) }))).status).toBe('requested');
  });

  test('PUT with an id that differs from the URL → 400', async () => {
    const p = parties();
    const { taskId } = await submit(t, p);
    const res = await fetch(`${t.fhir}/Task/${taskId}`, { method: 'PUT', headers: { ...FHIR_HEADERS, ...devHeaders(p.provider) }, body: JSON.stringify({ resourceType: 'Task', id: 'other', status: 'received', intent: 'order' }) });
    expect(res.status).toBe(400);
  });
});

describe('Prefer', () => {
  test('return=minimal: no body, headers only; return=OperationOutcome: the outcome', async () => {
    const p = parties();
    const { taskId } = await submit(t, p);
    const task = await json<Task>(await fetch(`${t.fhir}/Task/${taskId}`, { headers: devHeaders(p.provider) }));
    const minimal = await fetch(`${t.fhir}/Task/${taskId}`, {
      method: 'PUT',
      headers: { ...FHIR_HEADERS, ...devHeaders(p.provider), Prefer: 'return=minimal' },
      body: JSON.stringify({ ...task, status: 'received' }),
    });
    expect(minimal.status).toBe(200);
    expect(await minimal.text()).toBe('');
    expect(minimal.headers.get('etag')).toBe('W/"2"');
    const oo = await fetch(`${t.fhir}/Task/${taskId}`, {
      method: 'PUT',
      headers: { ...FHIR_HEADERS, ...devHeaders(p.provider), Prefer: 'return=OperationOutcome' },
      body: JSON.stringify({ ...task, meta: undefined, status: 'accepted' }),
    });
    expect(oo.status).toBe(200);
    expect((await json<OperationOutcome>(oo)).resourceType).toBe('OperationOutcome');
  });

  test('submit with return=OperationOutcome answers the validation warnings; return=minimal nothing', async () => {
    const p = parties();
    const res = await fetch(t.fhir, { method: 'POST', headers: { ...FHIR_HEADERS, ...devHeaders(p.vc), Prefer: 'return=OperationOutcome' }, body: JSON.stringify(referralBundle(p)) });
    expect(res.status).toBe(201);
    const oo = await json<OperationOutcome>(res);
    expect(oo.issue.map((i) => i.details?.coding?.[0]?.code)).toEqual(['TEST-NOTE']);
    const p2 = parties();
    const min = await fetch(t.fhir, { method: 'POST', headers: { ...FHIR_HEADERS, ...devHeaders(p2.vc), Prefer: 'return=minimal' }, body: JSON.stringify(referralBundle(p2, { note: 'ok' })) });
    expect(min.status).toBe(201);
    expect(await min.text()).toBe('');
  });
});

describe('search', () => {
  test('searchset with total, paging links that work, _sort', async () => {
    const p = parties();
    for (let i = 0; i < 5; i++) {
      await submit(t, p);
    }
    const first = await json<Bundle<Task>>(await fetch(`${t.fhir}/Task?owner=${p.provider.orgHsaId}&_count=2&_sort=_lastUpdated`, { headers: devHeaders(p.provider) }));
    expect(first.type).toBe('searchset');
    expect(first.total).toBe(5);
    expect(first.entry).toHaveLength(2);
    expect(first.link?.map((l) => l.relation)).toEqual(['self', 'first', 'next']);
    const seen = new Set(first.entry?.map((e) => e.resource?.id));
    let next = first.link?.find((l) => l.relation === 'next')?.url;
    let pages = 1;
    while (next) {
      const page = await json<Bundle<Task>>(await fetch(next, { headers: devHeaders(p.provider) }));
      page.entry?.forEach((e) => seen.add(e.resource?.id));
      expect(page.link?.some((l) => l.relation === 'previous')).toBe(true);
      next = page.link?.find((l) => l.relation === 'next')?.url;
      pages++;
    }
    expect(pages).toBe(3);
    expect(seen.size).toBe(5);
  });

  test('_include=Task:focus adds the ServiceRequests with search mode include', async () => {
    const p = parties();
    const { srId } = await submit(t, p);
    const b = await json<Bundle>(await fetch(`${t.fhir}/Task?owner=${p.provider.orgHsaId}&_include=Task:focus`, { headers: devHeaders(p.provider) }));
    expect(b.entry?.map((e) => [e.resource?.resourceType, e.search?.mode])).toEqual([
      ['Task', 'match'],
      ['ServiceRequest', 'include'],
    ]);
    expect(b.entry?.[1]?.resource?.id).toBe(srId);
  });

  test('unsupported search parameter → 400 OperationOutcome', async () => {
    const res = await fetch(`${t.fhir}/Task?colour=blue`, { headers: devHeaders(parties().provider) });
    expect(res.status).toBe(400);
    expect((await json<OperationOutcome>(res)).resourceType).toBe('OperationOutcome');
  });

  test('conformance resources come from the IG package: read and search by url', async () => {
    const h = devHeaders(parties().provider);
    const sd = await fetch(`${t.fhir}/StructureDefinition/rb-referral`, { headers: h });
    expect(sd.status).toBe(200);
    const b = await json<Bundle>(await fetch(`${t.fhir}/ValueSet?url=https://remissbrygga.se/fhir/ValueSet/rb-treatment-form`, { headers: h }));
    expect(b.total).toBe(1);
    const q = await json<Bundle>(await fetch(`${t.fhir}/Questionnaire`, { headers: h }));
    expect(q.entry?.[0]?.resource?.id).toBe('rb-psykoterapiremiss');
  });
});

describe('organisation scope and audit', () => {
  test('another provider cannot see the referral: read 404 (no existence leak), search empty', async () => {
    const p = parties();
    const { srId, taskId } = await submit(t, p);
    const other = devHeaders(p.otherProvider);
    expect((await fetch(`${t.fhir}/Task/${taskId}`, { headers: other })).status).toBe(404);
    expect((await fetch(`${t.fhir}/ServiceRequest/${srId}`, { headers: other })).status).toBe(404);
    expect((await fetch(`${t.fhir}/Task/${taskId}/_history`, { headers: other })).status).toBe(404);
    const b = await json<Bundle>(await fetch(`${t.fhir}/Task?focus=ServiceRequest/${srId}`, { headers: other }));
    expect(b.total).toBe(0);
    // the referrer and the addressed provider do see it
    expect((await fetch(`${t.fhir}/ServiceRequest/${srId}`, { headers: devHeaders(p.vc) })).status).toBe(200);
    expect((await fetch(`${t.fhir}/ServiceRequest/${srId}`, { headers: devHeaders(p.provider) })).status).toBe(200);
  });

  test('reads, searches, writes and denied attempts are audited without patient data', async () => {
    const p = parties();
    const { srId, taskId } = await submit(t, p);
    await fetch(`${t.fhir}/Task/${taskId}`, { headers: devHeaders(p.provider) });
    await fetch(`${t.fhir}/Task/${taskId}`, { headers: devHeaders(p.otherProvider) });
    await fetch(`${t.fhir}/ServiceRequest?patient.identifier=199001012385`, { headers: devHeaders(p.vc) });
    const mine = await t.server.repo.searchAudit({ agentOrg: p.provider.orgHsaId });
    const read = mine.events.find((e) => e.subtype?.[0]?.code === 'read');
    expect(read).toMatchObject({ action: 'R', outcome: '0', entity: [{ what: { reference: `Task/${taskId}` } }] });
    const denied = await t.server.repo.searchAudit({ agentOrg: p.otherProvider.orgHsaId });
    expect(denied.events.map((e: AuditEvent) => [e.subtype?.[0]?.code, e.outcome, e.entity?.[0]?.what?.reference])).toEqual([['read', '4', `Task/${taskId}`]]);
    const vc = await t.server.repo.searchAudit({ agentOrg: p.vc.orgHsaId });
    expect(vc.events.map((e) => e.subtype?.[0]?.code).sort()).toEqual(['search-type', 'transaction']);
    const search = vc.events.find((e) => e.subtype?.[0]?.code === 'search-type');
    expect(search?.entity?.map((e) => e.what?.reference)).toContain(`ServiceRequest/${srId}`);
    expect(JSON.stringify(vc.events)).not.toContain('199001012385');
    expect(JSON.stringify(vc.events)).not.toContain('Testsson');
  });
});

describe('writes through the workflow', () => {
  test('PUT ServiceRequest (withdraw) by the referrer; Communication create with Location', async () => {
    const p = parties();
    const { srId } = await submit(t, p);
    const sr = await json<ServiceRequest>(await fetch(`${t.fhir}/ServiceRequest/${srId}`, { headers: devHeaders(p.vc) }));
    const comm = await fetch(`${t.fhir}/Communication`, {
      method: 'POST',
      headers: { ...FHIR_HEADERS, ...devHeaders(p.provider) },
      body: JSON.stringify({
        resourceType: 'Communication',
        status: 'completed',
        basedOn: [{ reference: `ServiceRequest/${srId}` }],
        subject: sr.subject,
        category: [{ coding: [{ system: 'https://remissbrygga.se/fhir/CodeSystem/rb-communication-category', code: 'question' }] }],
        sender: { type: 'Organization', identifier: { system: HSA, value: p.provider.orgHsaId } },
        recipient: [{ type: 'Organization', identifier: { system: HSA, value: p.vc.orgHsaId } }],
        payload: [{ contentString: 'Fråga' }],
      }),
    });
    expect(comm.status).toBe(201);
    expect(comm.headers.get('location')).toMatch(/\/fhir\/Communication\/[^/]+\/_history\/1$/);
    const withdrawn = await fetch(`${t.fhir}/ServiceRequest/${srId}`, {
      method: 'PUT',
      headers: { ...FHIR_HEADERS, ...devHeaders(p.vc), 'If-Match': 'W/"1"' },
      body: JSON.stringify({ ...sr, status: 'revoked' }),
    });
    expect(withdrawn.status).toBe(200);
    expect((await json<ServiceRequest>(withdrawn)).status).toBe('revoked');
    const seen = await json<Bundle>(await fetch(`${t.fhir}/Communication?based-on=ServiceRequest/${srId}`, { headers: devHeaders(p.vc) }));
    expect(seen.total).toBe(1);
  });

  test('an illegal transition from the workflow → 422; a referrer changing the Task → 403', async () => {
    const p = parties();
    const { taskId } = await submit(t, p);
    const task = await json<Task>(await fetch(`${t.fhir}/Task/${taskId}`, { headers: devHeaders(p.provider) }));
    const illegal = await fetch(`${t.fhir}/Task/${taskId}`, { method: 'PUT', headers: { ...FHIR_HEADERS, ...devHeaders(p.provider) }, body: JSON.stringify({ ...task, status: 'completed' }) });
    expect(illegal.status).toBe(422);
    const byReferrer = await fetch(`${t.fhir}/Task/${taskId}`, { method: 'PUT', headers: { ...FHIR_HEADERS, ...devHeaders(p.vc) }, body: JSON.stringify({ ...task, status: 'received' }) });
    expect(byReferrer.status).toBe(403);
  });

  test('a referral with validation errors → 422 with all issues, nothing stored', async () => {
    const p = parties();
    const res = await fetch(t.fhir, { method: 'POST', headers: { ...FHIR_HEADERS, ...devHeaders(p.vc) }, body: JSON.stringify(referralBundle(p, { authoredOn: null })) });
    expect(res.status).toBe(422);
    const oo = await json<OperationOutcome>(res);
    expect(oo.issue.filter((i) => i.severity === 'error').map((i) => i.expression?.[0])).toEqual(['Bundle.entry[0].resource.authoredOn']);
    const tasks = await json<Bundle>(await fetch(`${t.fhir}/Task?owner=${p.provider.orgHsaId}`, { headers: devHeaders(p.provider) }));
    expect(tasks.total).toBe(0);
  });
});

describe('$validate and language', () => {
  test('type-level, Parameters form, system-level: 200 with the outcome, nothing stored', async () => {
    const p = parties();
    const h = { ...FHIR_HEADERS, ...devHeaders(p.vc) };
    const sr = referralBundle(p, { authoredOn: null }).entry?.[0]?.resource;
    const a = await fetch(`${t.fhir}/ServiceRequest/$validate`, { method: 'POST', headers: h, body: JSON.stringify(sr) });
    expect(a.status).toBe(200);
    expect((await json<OperationOutcome>(a)).issue.map((i) => i.details?.coding?.[0]?.code)).toEqual(['TEST-AUTHORED', 'TEST-NOTE']);
    const b = await fetch(`${t.fhir}/ServiceRequest/$validate`, {
      method: 'POST',
      headers: h,
      body: JSON.stringify({ resourceType: 'Parameters', parameter: [{ name: 'resource', resource: sr }, { name: 'profile', valueUri: 'https://remissbrygga.se/fhir/StructureDefinition/rb-referral' }] }),
    });
    expect(b.status).toBe(200);
    const c = await fetch(`${t.fhir}/$validate`, { method: 'POST', headers: h, body: JSON.stringify(referralBundle(p, { note: 'x' })) });
    expect(c.status).toBe(200);
    expect((await json<OperationOutcome>(c)).issue[0]?.severity).toBe('information');
    const bundle = await fetch(`${t.fhir}/Bundle/$validate`, { method: 'POST', headers: h, body: JSON.stringify(referralBundle(p)) });
    expect(bundle.status).toBe(200);
    const wrong = await fetch(`${t.fhir}/QuestionnaireResponse/$validate`, { method: 'POST', headers: h, body: JSON.stringify(sr) });
    expect(wrong.status).toBe(400);
    expect((await json<Bundle>(await fetch(`${t.fhir}/ServiceRequest?requester=${p.vc.orgHsaId}`, { headers: devHeaders(p.vc) }))).total).toBe(0);
  });

  test('Swedish by default; English with Accept-Language or _lang', async () => {
    const p = parties();
    const sr = referralBundle(p, { authoredOn: null }).entry?.[0]?.resource;
    const h = { ...FHIR_HEADERS, ...devHeaders(p.vc) };
    const sv = await json<OperationOutcome>(await fetch(`${t.fhir}/ServiceRequest/$validate`, { method: 'POST', headers: h, body: JSON.stringify(sr) }));
    expect(sv.issue[0]?.details?.text).toBe('Remissdatum saknas');
    const en = await json<OperationOutcome>(await fetch(`${t.fhir}/ServiceRequest/$validate`, { method: 'POST', headers: { ...h, 'Accept-Language': 'en-GB,en;q=0.8' }, body: JSON.stringify(sr) }));
    expect(en.issue[0]?.details?.text).toBe('Referral date missing');
    const q = await json<OperationOutcome>(await fetch(`${t.fhir}/Task/nope?_lang=en`, { headers: devHeaders(p.vc) }));
    expect(q.issue[0]?.details?.text).toBe('Task/nope not found');
  });
});
