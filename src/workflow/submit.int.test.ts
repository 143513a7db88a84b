import { join } from 'node:path';
import { getStatus } from '@medplum/core';
import type { Bundle, OperationOutcome, Task } from '@medplum/fhirtypes';
import type { Db, Repository } from '../store/index.ts';
import { createRepository, getIdempotency, listOutbox } from '../store/index.ts';
import { testDrivers, uniqueSuffix } from '../store/testing.ts';
import { loadDirectory } from './directory.ts';
import { referralBundle } from './fixtures.ts';
import { submitReferral } from './submit.ts';
import { countRows, deps, failingRepo, outcomeOf, provider, referrer, smallValidator } from './testing.ts';
import type { Directory } from './types.ts';

const REMISS = 'https://remissbrygga.se/fhir/sid/remiss-id';

describe.each(testDrivers(process.env.TEST_DATABASE_URL))('submitReferral on $name', (driver) => {
  let db: Db;
  let repo: Repository;
  let directory: Directory;

  beforeAll(async () => {
    db = await driver.open();
    repo = createRepository(db);
    directory = await loadDirectory(join(import.meta.dirname, '../../config/directory.json'));
  });

  afterAll(async () => {
    await db.close();
    await driver.dispose();
  });

  function parties(): { vc: string; prov: string; s: string } {
    const s = uniqueSuffix();
    return { vc: `SE2321000016-V${s}`, prov: `SE2321000016-P${s}`, s };
  }

  async function counts(): Promise<number[]> {
    return Promise.all([countRows(repo, 'resources'), countRows(repo, 'outbox'), countRows(repo, 'idempotency'), countRows(repo, 'audit_events')]);
  }

  test('stores every entry, creates the requested Task owned by the provider, audits, and queues referral.created', async () => {
    const { vc, prov, s } = parties();
    const bundle = referralBundle({ vardcentral: vc, provider: prov, localId: s });
    const result = await submitReferral(deps(repo, directory, smallValidator), bundle, referrer(vc));

    expect(result.created).toBe(true);
    expect(result.outcome.issue.map((i) => i.severity)).toEqual(['warning']);
    expect(result.response.type).toBe('transaction-response');
    expect(result.response.entry).toHaveLength(bundle.entry?.length ?? -1);
    for (const [i, e] of (result.response.entry ?? []).entries()) {
      expect(e.response?.status).toBe('201 Created');
      expect(e.response?.location).toMatch(new RegExp(`^${bundle.entry?.[i]?.resource?.resourceType ?? '?'}/[0-9a-f-]{36}/_history/1$`));
      expect(e.response?.etag).toBe('W/"1"');
    }
    const sr = result.serviceRequest;
    // References to urn:uuid entries now point at stored ids.
    expect(sr.subject.reference).toMatch(/^Patient\/[0-9a-f-]{36}$/);
    expect(JSON.stringify(sr)).not.toContain('urn:uuid:');
    const patient = await repo.read('Patient', sr.subject.reference?.split('/')[1] ?? '');
    expect(patient.generalPractitioner?.[0]?.reference).toMatch(/^Organization\//);

    const task = result.task;
    expect(task).toMatchObject<Partial<Task>>({ status: 'requested', intent: 'order', focus: { reference: `ServiceRequest/${sr.id ?? ''}` }, for: sr.subject, requester: sr.requester });
    expect(task.owner?.identifier).toEqual({ system: 'urn:oid:1.2.752.29.4.19', value: prov });
    expect(task.authoredOn).toBeDefined();

    // Org scope: the provider and the vårdcentral see both; another provider sees neither.
    await expect(repo.read('Task', task.id ?? '', { orgScope: { ownerOrg: prov } })).resolves.toMatchObject({ id: task.id });
    await expect(repo.read('Patient', patient.id ?? '', { orgScope: { requesterOrg: vc } })).resolves.toMatchObject({ id: patient.id });
    expect(getStatus((await outcomeOf(repo.read('ServiceRequest', sr.id ?? '', { orgScope: { ownerOrg: `${prov}X` } }))).outcome)).toBe(404);
    const inbox = await repo.search('Task', { owner: prov, status: 'requested' }, { orgScope: { ownerOrg: prov } });
    expect(inbox.resources.map((t) => t.id)).toEqual([task.id]);

    const events = await listOutbox(db, sr.id ?? '');
    expect(events.map((e) => [e.eventType, e.destination])).toEqual([['referral.created', prov]]);
    expect(events[0]?.payload).toEqual({ serviceRequestId: sr.id, taskId: task.id, status: 'requested' });
    expect(JSON.stringify(events)).not.toMatch(/191212121212|Tolvan/);

    const audit = await repo.searchAudit({ entity: `ServiceRequest/${sr.id ?? ''}` });
    expect(audit.total).toBe(1);
    expect(audit.events[0]).toMatchObject({ action: 'C', outcome: '0' });
    expect(JSON.stringify(audit.events)).not.toMatch(/191212121212|Tolvan/);

    const history = await repo.history('Task', task.id ?? '');
    expect(history[0]?.actor).toEqual({ org: vc, user: `${vc}-P1` });
  });

  test('validation errors: 422 with all issues (errors and warnings), nothing stored', async () => {
    const { vc, prov, s } = parties();
    const bundle = referralBundle({ vardcentral: vc, provider: prov, localId: s });
    const sr = bundle.entry?.[0]?.resource;
    if (sr?.resourceType !== 'ServiceRequest') {
      throw new Error('fixture: entry 0 is the ServiceRequest');
    }
    delete sr.reasonCode;
    const before = await counts();
    const err = await outcomeOf(submitReferral(deps(repo, directory, smallValidator), bundle, referrer(vc)));
    expect(getStatus(err.outcome)).toBe(422);
    expect(err.outcome.issue.map((i) => [i.severity, i.expression?.[0]])).toEqual([
      ['warning', undefined],
      ['error', 'Bundle.entry[0].resource.reasonCode'],
    ]);
    expect(await counts()).toEqual(before);
    expect(await repo.findByIdentifier('ServiceRequest', REMISS, `${vc}#${s}`)).toEqual([]);
  });

  test("a caller's outcome of the same validator is used instead of validating again: its errors refuse, its warnings come back", async () => {
    const { vc, prov, s } = parties();
    const bundle = referralBundle({ vardcentral: vc, provider: prov, localId: s });
    let calls = 0;
    const counting: typeof smallValidator = (r) => {
      calls++;
      return smallValidator(r);
    };
    const refused: OperationOutcome = { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'required', expression: ['Bundle.entry[1]'] }] };
    const before = await counts();
    const err = await outcomeOf(submitReferral(deps(repo, directory, counting), bundle, referrer(vc), refused));
    expect(getStatus(err.outcome)).toBe(422);
    expect(err.outcome.issue.map((i) => i.expression?.[0])).toEqual(['Bundle.entry[1]']);
    expect(await counts()).toEqual(before);

    const warned: OperationOutcome = { resourceType: 'OperationOutcome', issue: [{ severity: 'warning', code: 'informational', diagnostics: 'given' }] };
    const result = await submitReferral(deps(repo, directory, counting), bundle, referrer(vc), warned);
    expect(result.created).toBe(true);
    expect(result.outcome.issue.map((i) => i.diagnostics)).toEqual(['given']);
    expect(calls).toBe(0);
  });

  test.each([
    ['creating the Task', { create: (r: { resourceType: string }) => r.resourceType === 'Task' }],
    ['a resource mid-bundle', { create: (r: { resourceType: string }) => r.resourceType === 'Condition' }],
    ['appending the outbox event', { step: 'appendOutbox' as const }],
    ['completing the idempotency record (after the outbox event)', { step: 'completeIdempotency' as const }],
  ])('a failure %s rolls everything back, outbox and idempotency claim included', async (_what, fail) => {
    const { vc, prov, s } = parties();
    const bundle = referralBundle({ vardcentral: vc, provider: prov, localId: s });
    const before = await counts();
    await expect(submitReferral(deps(failingRepo(repo, fail), directory), bundle, referrer(vc))).rejects.toThrow('injected failure');
    expect(await counts()).toEqual(before);
    expect(await getIdempotency(db, REMISS, `${vc}#${s}`)).toBeUndefined();
    // The same referral then goes through.
    expect((await submitReferral(deps(repo, directory), bundle, referrer(vc))).created).toBe(true);
  });

  test('a repeat (same content, even with new urn:uuids) answers created=false with the same ids and stores nothing', async () => {
    const { vc, prov, s } = parties();
    const first = await submitReferral(deps(repo, directory), referralBundle({ vardcentral: vc, provider: prov, localId: s }), referrer(vc));
    const before = await counts();
    for (const bundle of [referralBundle({ vardcentral: vc, provider: prov, localId: s }), referralBundle({ vardcentral: vc, provider: prov, localId: s })]) {
      const again = await submitReferral(deps(repo, directory), bundle, referrer(vc));
      expect(again.created).toBe(false);
      expect(again.serviceRequest.id).toBe(first.serviceRequest.id);
      expect(again.task.id).toBe(first.task.id);
      expect(again.response.entry?.map((e) => e.response?.location)).toEqual(first.response.entry?.map((e) => e.response?.location));
      expect(again.response.entry?.every((e) => e.response?.status === '200 OK')).toBe(true);
    }
    expect(await counts()).toEqual(before);
  });

  test('two concurrent submits of one referral: exactly one is created, both answer the same ids', async () => {
    const { vc, prov, s } = parties();
    const submit = (): Promise<Awaited<ReturnType<typeof submitReferral>>> =>
      submitReferral(deps(repo, directory), referralBundle({ vardcentral: vc, provider: prov, localId: s }), referrer(vc));
    const results = await Promise.all([submit(), submit(), submit()]);
    expect(results.map((r) => r.created).sort()).toEqual([false, false, true]);
    expect(new Set(results.map((r) => r.serviceRequest.id)).size).toBe(1);
    expect(await repo.findByIdentifier('ServiceRequest', REMISS, `${vc}#${s}`)).toHaveLength(1);
    expect(await listOutbox(db, results[0].serviceRequest.id ?? '')).toHaveLength(1);
  });

  test('different content under the same remiss-id while no information was requested: 409, nothing changes', async () => {
    const { vc, prov, s } = parties();
    const first = await submitReferral(deps(repo, directory), referralBundle({ vardcentral: vc, provider: prov, localId: s }), referrer(vc));
    const before = await counts();
    const changed = referralBundle({ vardcentral: vc, provider: prov, localId: s, assessment: 'Annan bedömning' });
    const err = await outcomeOf(submitReferral(deps(repo, directory), changed, referrer(vc)));
    expect(getStatus(err.outcome)).toBe(409);
    expect(err.outcome.issue[0]?.details?.coding?.[0]?.code).toBe('WF-REMISS-ID-CONFLICT');
    expect(await counts()).toEqual(before);
    expect((await repo.read('ServiceRequest', first.serviceRequest.id ?? '')).meta?.versionId).toBe('1');
  });

  test('403 for a provider, for another vårdcentral, and for a remiss-id another vårdcentral already used', async () => {
    const { vc, prov, s } = parties();
    const bundle = referralBundle({ vardcentral: vc, provider: prov, localId: s });
    expect(getStatus((await outcomeOf(submitReferral(deps(repo, directory), bundle, provider(prov)))).outcome)).toBe(403);
    const other = await outcomeOf(submitReferral(deps(repo, directory), bundle, referrer(`${vc}X`)));
    expect(getStatus(other.outcome)).toBe(403);
    expect(other.outcome.issue[0]?.expression).toEqual(['Bundle.entry[0].resource.requester']);

    await submitReferral(deps(repo, directory), bundle, referrer(vc));
    const hijack: Bundle = referralBundle({ vardcentral: `${vc}X`, provider: prov, localId: s });
    const srOfHijack = hijack.entry?.[0]?.resource;
    if (srOfHijack?.resourceType === 'ServiceRequest') {
      srOfHijack.identifier = [{ system: REMISS, value: `${vc}#${s}` }];
    }
    expect(getStatus((await outcomeOf(submitReferral(deps(repo, directory), hijack, referrer(`${vc}X`)))).outcome)).toBe(409);
  });

  test('422 when the workflow cannot tell who receives the referral', async () => {
    const { vc, s } = parties();
    const bundle = referralBundle({ vardcentral: vc, localId: s });
    const sr = bundle.entry?.[0]?.resource;
    if (sr?.resourceType === 'ServiceRequest') {
      sr.extension = [];
    }
    const err = await outcomeOf(submitReferral(deps(repo, directory), bundle, referrer(vc)));
    expect(getStatus(err.outcome)).toBe(422);
    expect(err.outcome.issue.map((i) => [i.details?.coding?.[0]?.code, i.expression?.[0]])).toEqual([['WF-PERFORMER-MISSING', 'Bundle.entry[0].resource.performer']]);
  });

  test.each([
    ['22222', 'Lund', 'ipt', 'SE2321000016-PT03'],
    ['21428', 'Malmö', 'pdt', 'SE2321000016-PT02'],
    ['21428', 'Malmö', 'kbt-trauma', 'SE2321000016-PT01'],
    ['29134', 'Kristianstad', 'kbt', 'SE2321000016-PT05'],
    // No IPT provider shares more than the first digit with 25230: the tie goes to the lowest HSA-id.
    ['25230', 'Helsingborg', 'ipt', 'SE2321000016-P5LU'],
  ] as const)('provider choice "nearest" from %s %s for %s goes to %s (demo directory)', async (postalCode, city, form, expected) => {
    const { vc, s } = parties();
    const bundle = referralBundle({ vardcentral: vc, localId: s, postalCode, city, treatmentForm: form });
    const result = await submitReferral(deps(repo, directory), bundle, referrer(vc));
    expect(result.task.owner).toMatchObject({ type: 'Organization', identifier: { value: expected }, display: directory.byHsaId(expected)?.name });
    expect((await listOutbox(db, result.serviceRequest.id ?? ''))[0]?.destination).toBe(expected);
  });
});
