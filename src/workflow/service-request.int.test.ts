import { getStatus } from '@medplum/core';
import type { ServiceRequest, Task } from '@medplum/fhirtypes';
import type { Db, Repository } from '../store/index.ts';
import { createRepository, listOutbox } from '../store/index.ts';
import { testDrivers, uniqueSuffix } from '../store/testing.ts';
import { createDirectory } from './directory.ts';
import { referralBundle } from './fixtures.ts';
import { updateServiceRequest } from './service-request.ts';
import { submitReferral } from './submit.ts';
import { transitionTask } from './task-transition.ts';
import { countRows, deps, outcomeOf, output, provider, referrer, rejectionReason } from './testing.ts';

describe.each(testDrivers(process.env.TEST_DATABASE_URL))('updateServiceRequest (withdrawal) on $name', (driver) => {
  let db: Db;
  let repo: Repository;
  const directory = createDirectory([]);

  beforeAll(async () => {
    db = await driver.open();
    repo = createRepository(db);
  });

  afterAll(async () => {
    await db.close();
    await driver.dispose();
  });

  async function referral(): Promise<{ vc: string; prov: string; sr: ServiceRequest; task: Task }> {
    const s = uniqueSuffix();
    const vc = `SE2321000016-V${s}`;
    const prov = `SE2321000016-P${s}`;
    const r = await submitReferral(deps(repo, directory), referralBundle({ vardcentral: vc, provider: prov, localId: s }), referrer(vc));
    return { vc, prov, sr: r.serviceRequest, task: r.task };
  }

  test.each<[string, Task['status'][]]>([
    ['requested', []],
    ['received', ['received']],
    ['accepted', ['accepted']],
  ])('withdrawing a %s referral revokes it, cancels the Task and tells the provider', async (_state, moves) => {
    const { vc, prov, sr, task } = await referral();
    let t = task;
    for (const status of moves) {
      t = await transitionTask(deps(repo, directory), t.id ?? '', { ...t, status }, provider(prov));
    }
    const revoked = await updateServiceRequest(deps(repo, directory), { ...sr, status: 'revoked' }, referrer(vc), 'W/"1"');
    expect([revoked.status, revoked.meta?.versionId]).toEqual(['revoked', '2']);
    const cancelled = await repo.read('Task', task.id ?? '');
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.statusReason?.text).toBeDefined();
    const events = await listOutbox(db, sr.id ?? '');
    expect(events.slice(-2).map((e) => [e.eventType, e.destination])).toEqual([
      ['task.status-changed', prov],
      ['referral.revoked', prov],
    ]);
    expect((await repo.searchAudit({ entity: `ServiceRequest/${sr.id ?? ''}`, action: 'U' })).total).toBe(1);
  });

  test('withdrawing after a rejection revokes the referral and leaves the rejected Task as it is', async () => {
    const { vc, prov, sr, task } = await referral();
    const rejected = await transitionTask(deps(repo, directory), task.id ?? '', { ...task, status: 'rejected', statusReason: rejectionReason('ingen-kapacitet') }, provider(prov));
    await updateServiceRequest(deps(repo, directory), { ...sr, status: 'revoked' }, referrer(vc));
    expect((await repo.read('Task', task.id ?? '')).meta?.versionId).toBe(rejected.meta?.versionId);
    expect((await repo.read('ServiceRequest', sr.id ?? '')).status).toBe('revoked');
  });

  test('once treatment has started the withdrawal is refused (422) and nothing changes', async () => {
    const { vc, prov, sr, task } = await referral();
    const d = deps(repo, directory);
    const accepted = await transitionTask(d, task.id ?? '', { ...task, status: 'accepted' }, provider(prov));
    await transitionTask(d, task.id ?? '', { ...accepted, status: 'in-progress', output: [output('first-session-date', { valueDate: '2025-04-01' })] }, provider(prov));
    const before = await countRows(repo, 'outbox');
    const err = await outcomeOf(updateServiceRequest(d, { ...sr, status: 'revoked' }, referrer(vc)));
    expect(getStatus(err.outcome)).toBe(422);
    expect(err.outcome.issue[0]?.details?.coding?.[0]?.code).toBe('WF-SR-REVOKE-STARTED');
    expect((await repo.read('ServiceRequest', sr.id ?? '')).status).toBe('active');
    expect((await repo.read('Task', task.id ?? '')).status).toBe('in-progress');
    expect(await countRows(repo, 'outbox')).toBe(before);
  });

  test('any other change is 422 naming the element; other statuses are 422 on ServiceRequest.status', async () => {
    const { vc, sr } = await referral();
    const d = deps(repo, directory);
    const note = await outcomeOf(updateServiceRequest(d, { ...sr, status: 'revoked', note: [{ text: 'ändrad' }], priority: 'urgent' }, referrer(vc)));
    expect(note.outcome.issue.map((i) => i.expression?.[0])).toEqual(['ServiceRequest.note', 'ServiceRequest.priority']);
    const completed = await outcomeOf(updateServiceRequest(d, { ...sr, status: 'completed' }, referrer(vc)));
    expect(completed.outcome.issue.map((i) => [i.details?.coding?.[0]?.code, i.expression?.[0]])).toEqual([['WF-SR-STATUS', 'ServiceRequest.status']]);
    expect(getStatus((await outcomeOf(updateServiceRequest(d, { ...sr, id: undefined }, referrer(vc)))).outcome)).toBe(422);
    // Unchanged: no new version.
    expect((await updateServiceRequest(d, sr, referrer(vc))).meta?.versionId).toBe('1');
  });

  test('the provider may not withdraw (403); another vårdcentral does not see it (404); a stale If-Match is 412', async () => {
    const { vc, prov, sr } = await referral();
    const d = deps(repo, directory);
    expect(getStatus((await outcomeOf(updateServiceRequest(d, { ...sr, status: 'revoked' }, provider(prov)))).outcome)).toBe(403);
    expect(getStatus((await outcomeOf(updateServiceRequest(d, { ...sr, status: 'revoked' }, referrer(`${vc}X`)))).outcome)).toBe(404);
    expect(getStatus((await outcomeOf(updateServiceRequest(d, { ...sr, status: 'revoked' }, referrer(vc), 'W/"7"'))).outcome)).toBe(412);
    expect((await repo.read('ServiceRequest', sr.id ?? '')).status).toBe('active');
  });
});
