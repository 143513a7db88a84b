import { getStatus, OperationOutcomeError } from '@medplum/core';
import type { Resource, Task } from '@medplum/fhirtypes';
import type { Db, Repository } from '../store/index.ts';
import { createRepository, listOutbox } from '../store/index.ts';
import { testDrivers, uniqueSuffix } from '../store/testing.ts';
import { createDirectory } from './directory.ts';
import { referralBundle } from './fixtures.ts';
import { submitReferral } from './submit.ts';
import { transitionTask } from './task-transition.ts';
import type { Actor, Directory } from './types.ts';
import { businessStatus, countRows, deps, failingRepo, outcomeOf, output, provider, referrer, rejectionReason, SYSTEM_ACTOR } from './testing.ts';

type Who = 'owner' | 'requester' | 'system';
interface Step {
  readonly status: Task['status'];
  readonly by?: Who;
  readonly change?: Partial<Task>;
}

const FIRST_SESSION = output('first-session-date', { valueDate: '2025-04-02' });
const COMPLETION = [
  output('sessions-used', { valueUnsignedInt: 14 }),
  output('start-rating', { valueReference: { reference: 'Observation/phq9-start' } }),
  output('end-rating', { valueReference: { reference: 'Observation/phq9-end' } }),
  output('summary', { valueString: 'Behandlingen avslutad enligt plan.' }),
];

/** Steps that reach each state from `requested` (all legal). */
const TO: Readonly<Record<string, readonly Step[]>> = {
  requested: [],
  received: [{ status: 'received' }],
  accepted: [{ status: 'received' }, { status: 'accepted' }],
  'in-progress': [{ status: 'accepted' }, { status: 'in-progress', change: { output: [FIRST_SESSION] } }],
  'on-hold': [{ status: 'accepted' }, { status: 'in-progress', change: { output: [FIRST_SESSION] } }, { status: 'on-hold' }],
  completed: [{ status: 'accepted' }, { status: 'in-progress', change: { output: [FIRST_SESSION] } }, { status: 'completed', change: { output: [FIRST_SESSION, ...COMPLETION] } }],
  rejected: [{ status: 'rejected', change: { statusReason: rejectionReason('ingen-kapacitet') } }],
  cancelled: [{ status: 'cancelled', by: 'requester' }],
};

describe.each(testDrivers(process.env.TEST_DATABASE_URL))('transitionTask on $name', (driver) => {
  let db: Db;
  let repo: Repository;
  const directory: Directory = createDirectory([]);

  beforeAll(async () => {
    db = await driver.open();
    repo = createRepository(db);
  });

  afterAll(async () => {
    await db.close();
    await driver.dispose();
  });

  interface Referral {
    readonly vc: string;
    readonly prov: string;
    readonly task: Task;
    readonly srId: string;
    readonly actors: Readonly<Record<Who, Actor>>;
  }

  async function referral(): Promise<Referral> {
    const s = uniqueSuffix();
    const vc = `SE2321000016-V${s}`;
    const prov = `SE2321000016-P${s}`;
    const result = await submitReferral(deps(repo, directory), referralBundle({ vardcentral: vc, provider: prov, localId: s }), referrer(vc));
    return { vc, prov, task: result.task, srId: result.serviceRequest.id ?? '', actors: { owner: provider(prov), requester: referrer(vc), system: SYSTEM_ACTOR } };
  }

  async function step(r: Referral, task: Task, s: Step, ifMatch?: string): Promise<Task> {
    return transitionTask(deps(repo, directory), task.id ?? '', { ...task, status: s.status, ...s.change }, r.actors[s.by ?? 'owner'], ifMatch);
  }

  async function walk(r: Referral, steps: readonly Step[]): Promise<Task> {
    let task = r.task;
    for (const s of steps) {
      task = await step(r, task, s);
    }
    return task;
  }

  test('the whole loop: received → accepted → in-progress → on-hold → in-progress → completed, each a version, audited, and told to the vårdcentral', async () => {
    const r = await referral();
    const done = await walk(r, [
      { status: 'received' },
      { status: 'accepted' },
      { status: 'in-progress', change: { output: [FIRST_SESSION] } },
      { status: 'on-hold' },
      { status: 'in-progress' },
      { status: 'completed', change: { output: [FIRST_SESSION, ...COMPLETION] } },
    ]);
    expect(done.status).toBe('completed');
    expect(done.meta?.versionId).toBe('7');
    expect(done.executionPeriod?.start).toBe('2025-04-02');
    expect(done.executionPeriod?.end).toBeDefined();
    expect(done.lastModified).toBeDefined();
    const history = await repo.history('Task', done.id ?? '');
    expect(history.map((h) => h.resource.status)).toEqual(['completed', 'in-progress', 'on-hold', 'in-progress', 'accepted', 'received', 'requested']);
    expect(history[0]?.actor).toEqual({ org: r.prov, user: `${r.prov}-T1` });

    const events = (await listOutbox(db, r.srId)).filter((e) => e.eventType === 'task.status-changed');
    expect(events.map((e) => e.destination)).toEqual(Array(6).fill(r.vc));
    expect(events.map((e) => (e.payload as { status: string }).status)).toEqual(['received', 'accepted', 'in-progress', 'on-hold', 'in-progress', 'completed']);
    expect(events[5]?.payload).toEqual({ serviceRequestId: r.srId, taskId: done.id, status: 'completed', previousStatus: 'in-progress', versionId: '7' });
    expect((await repo.searchAudit({ entity: `Task/${done.id ?? ''}` })).total).toBe(6);
    // The vårdcentral reads the outcome through its own scope.
    const seen = await repo.read('Task', done.id ?? '', { orgScope: { requesterOrg: r.vc } });
    expect(seen.output?.find((o) => o.type.coding?.[0]?.code === 'sessions-used')?.valueUnsignedInt).toBe(14);
  });

  test.each<[string, readonly Step[]]>([
    ['requested → accepted directly', [{ status: 'accepted' }]],
    ['requested → rejected with a coded reason', TO.rejected ?? []],
    ['received → rejected', [{ status: 'received' }, { status: 'rejected', change: { statusReason: rejectionReason('diagnos-utanfor-uppdrag') } }]],
    [
      'accepted → återremiss (rejected + returned-to-referrer)',
      [...(TO.accepted ?? []), { status: 'rejected', change: { statusReason: rejectionReason('ej-lamplig'), businessStatus: businessStatus('returned-to-referrer') } }],
    ],
    ['in-progress → failed with a reason', [...(TO['in-progress'] ?? []), { status: 'failed', change: { statusReason: { text: 'Patienten uteblev' } } }]],
    ['on-hold → failed', [...(TO['on-hold'] ?? []), { status: 'failed', change: { statusReason: rejectionReason('patient-avbojer') } }]],
    [
      'in-progress → återremiss after start (failed + returned-to-referrer)',
      [...(TO['in-progress'] ?? []), { status: 'failed', change: { statusReason: { text: 'Behöver psykiatrisk bedömning' }, businessStatus: businessStatus('returned-to-referrer') } }],
    ],
    ['requester cancels a requested Task', [{ status: 'cancelled', by: 'requester' }]],
    ['requester cancels a received Task', [{ status: 'received' }, { status: 'cancelled', by: 'requester' }]],
    ['requester cancels an accepted Task', [...(TO.accepted ?? []), { status: 'cancelled', by: 'requester' }]],
    ['owner asks for more information (status unchanged)', [{ status: 'received' }, { status: 'received', change: { businessStatus: businessStatus('information-requested') } }]],
    ['system flags a late start (status unchanged)', [{ status: 'accepted' }, { status: 'accepted', by: 'system', change: { businessStatus: businessStatus('start-overdue') } }]],
    ['owner adds a note without a status change', [{ status: 'received' }, { status: 'received', change: { note: [{ text: 'Första kontakt bokad' }] } }]],
  ])('legal: %s', async (_name, steps) => {
    const r = await referral();
    const last = steps[steps.length - 1];
    const task = await walk(r, steps);
    expect(task.status).toBe(last?.status);
    expect(task.meta?.versionId).toBe(String(steps.length + 1));
    const events = (await listOutbox(db, r.srId)).filter((e) => e.eventType === 'task.status-changed');
    expect(events.at(-1)?.destination).toBe(last?.by === 'requester' ? r.prov : r.vc);
  });

  test.each<[string, string, Task['status'], string]>([
    ['requested', 'in-progress', 'in-progress', 'WF-TASK-TRANSITION'],
    ['requested', 'completed', 'completed', 'WF-TASK-TRANSITION'],
    ['received', 'back to requested', 'requested', 'WF-TASK-TRANSITION'],
    ['accepted', 'on-hold', 'on-hold', 'WF-TASK-TRANSITION'],
    ['in-progress', 'back to accepted', 'accepted', 'WF-TASK-TRANSITION'],
    ['on-hold', 'completed', 'completed', 'WF-TASK-TRANSITION'],
    ['completed', 'in-progress (final)', 'in-progress', 'WF-TASK-FINAL'],
    ['rejected', 'accepted (final)', 'accepted', 'WF-TASK-FINAL'],
    ['cancelled', 'received (final)', 'received', 'WF-TASK-FINAL'],
  ])('illegal: from %s to %s → 422 on Task.status, nothing stored', async (from, _name, to, code) => {
    const r = await referral();
    const task = await walk(r, TO[from] ?? []);
    const before = await countRows(repo, 'outbox');
    const err = await outcomeOf(step(r, task, { status: to, change: { output: [FIRST_SESSION, ...COMPLETION], statusReason: rejectionReason('annan') } }));
    expect(getStatus(err.outcome)).toBe(422);
    expect(err.outcome.issue.map((i) => [i.details?.coding?.[0]?.code, i.expression?.[0]])).toEqual([[code, 'Task.status']]);
    expect((await repo.read('Task', task.id ?? '')).meta?.versionId).toBe(task.meta?.versionId);
    expect(await countRows(repo, 'outbox')).toBe(before);
  });

  test('an unknown or foreign sub-state is 422 on Task.businessStatus', async () => {
    const r = await referral();
    const err = await outcomeOf(step(r, r.task, { status: 'requested', change: { businessStatus: businessStatus('returned-to-referrer') } }));
    expect(err.outcome.issue.map((i) => i.expression?.[0])).toEqual(['Task.businessStatus']);
    const foreign = await outcomeOf(step(r, r.task, { status: 'requested', change: { businessStatus: { coding: [{ system: 'urn:x', code: 'y' }] } } }));
    expect(foreign.outcome.issue[0]?.details?.coding?.[0]?.code).toBe('WF-TASK-BUSINESS-STATUS');
  });

  test('required data: a rejection needs a coded rb-rejection-reason, a start the first session date, completion all outputs (every problem reported)', async () => {
    const r = await referral();
    const noReason = await outcomeOf(step(r, r.task, { status: 'rejected' }));
    expect(noReason.outcome.issue.map((i) => [i.details?.coding?.[0]?.code, i.expression?.[0]])).toEqual([['WF-TASK-REJECTION-REASON', 'Task.statusReason']]);
    const wrongSystem = await outcomeOf(step(r, r.task, { status: 'rejected', change: { statusReason: { coding: [{ system: 'urn:other', code: 'annan' }] } } }));
    expect(getStatus(wrongSystem.outcome)).toBe(422);

    const accepted = await walk(r, TO.accepted ?? []);
    const noDate = await outcomeOf(step(r, accepted, { status: 'in-progress' }));
    expect(noDate.outcome.issue.map((i) => [i.details?.coding?.[0]?.code, i.expression?.[0]])).toEqual([['WF-TASK-OUTPUT-MISSING', 'Task.output']]);
    const badDate = await outcomeOf(step(r, accepted, { status: 'in-progress', change: { output: [output('first-session-date', { valueString: 'snart' })] } }));
    expect(badDate.outcome.issue.map((i) => i.expression?.[0])).toEqual(['Task.output[0].valueDate']);

    const started = await step(r, accepted, { status: 'in-progress', change: { output: [FIRST_SESSION] } });
    const partial = await outcomeOf(
      step(r, started, { status: 'completed', change: { output: [FIRST_SESSION, output('sessions-used', { valueUnsignedInt: 0 }), output('start-rating', { valueReference: { reference: 'Observation/a' } })] } }),
    );
    expect(partial.outcome.issue.map((i) => [i.details?.coding?.[0]?.code, i.expression?.[0]])).toEqual([
      ['WF-TASK-OUTPUT-VALUE', 'Task.output[1].valueUnsignedInt'],
      ['WF-TASK-OUTPUT-MISSING', 'Task.output'],
      ['WF-TASK-OUTPUT-MISSING', 'Task.output'],
    ]);
    expect((await repo.read('Task', started.id ?? '')).status).toBe('in-progress');
  });

  test('ratings may ride along as contained Observations: `#id` must name one in Task.contained', async () => {
    const r = await referral();
    const started = await walk(r, TO['in-progress'] ?? []);
    const phq9 = (id: string, value: number): Resource => ({
      resourceType: 'Observation',
      id,
      status: 'final',
      code: { coding: [{ system: 'http://loinc.org', code: '44261-6' }] },
      valueInteger: value,
    });
    const outputs = [
      FIRST_SESSION,
      output('sessions-used', { valueUnsignedInt: 12 }),
      output('start-rating', { valueReference: { reference: '#start' } }),
      output('end-rating', { valueReference: { reference: '#missing' } }),
      output('summary', { valueString: 'Klar.' }),
    ];
    const err = await outcomeOf(step(r, started, { status: 'completed', change: { contained: [phq9('start', 17)], output: outputs } }));
    expect(err.outcome.issue.map((i) => i.expression?.[0])).toEqual(['Task.output[3].valueReference.reference']);
    const done = await step(r, started, { status: 'completed', change: { contained: [phq9('start', 17), phq9('missing', 6)], output: outputs } });
    expect(done.contained).toHaveLength(2);
  });

  test('focus, for, owner and requester are fixed: 422 naming each changed element, even with a legal status change', async () => {
    const r = await referral();
    const err = await outcomeOf(
      step(r, r.task, {
        status: 'received',
        change: { owner: { identifier: { system: 'urn:oid:1.2.752.29.4.19', value: 'SE2321000016-OTHER' } }, focus: { reference: 'ServiceRequest/x' }, for: { reference: 'Patient/x' } },
      }),
    );
    expect(getStatus(err.outcome)).toBe(422);
    expect(err.outcome.issue.map((i) => i.expression?.[0])).toEqual(['Task.focus', 'Task.for', 'Task.owner']);
    const id = await outcomeOf(transitionTask(deps(repo, directory), r.task.id ?? '', { ...r.task, id: 'other' }, r.actors.owner));
    expect(err.outcome.issue[0]?.details?.coding?.[0]?.code).toBe('WF-TASK-IMMUTABLE');
    expect(id.outcome.issue[0]?.expression).toEqual(['Task.id']);
  });

  test('who: the requester cannot accept, the owner cannot cancel (403); other organisations get 404; admin may not move it', async () => {
    const r = await referral();
    expect(getStatus((await outcomeOf(step(r, r.task, { status: 'accepted', by: 'requester' }))).outcome)).toBe(403);
    const cancel = await outcomeOf(step(r, r.task, { status: 'cancelled', by: 'owner' }));
    expect(getStatus(cancel.outcome)).toBe(403);
    expect(cancel.outcome.issue[0]?.details?.coding?.[0]?.code).toBe('WF-TASK-PARTY');
    const d = deps(repo, directory);
    const id = r.task.id ?? '';
    expect(getStatus((await outcomeOf(transitionTask(d, id, { ...r.task, status: 'received' }, provider(`${r.prov}X`)))).outcome)).toBe(404);
    expect(getStatus((await outcomeOf(transitionTask(d, id, { ...r.task, status: 'cancelled' }, referrer(`${r.vc}X`)))).outcome)).toBe(404);
    expect(getStatus((await outcomeOf(transitionTask(d, 'no-such-task', { ...r.task, id: undefined, status: 'received' }, r.actors.owner))).outcome)).toBe(404);
    const admin: Actor = { orgHsaId: 'SE2321000016-REG', userId: 'admin', roles: ['admin'] };
    expect(getStatus((await outcomeOf(transitionTask(d, id, { ...r.task, status: 'received' }, admin))).outcome)).toBe(403);
    expect((await repo.read('Task', id)).meta?.versionId).toBe('1');
  });

  test('If-Match: the current version passes, a stale one is 412 and changes nothing', async () => {
    const r = await referral();
    const received = await step(r, r.task, { status: 'received' }, 'W/"1"');
    const err = await outcomeOf(step(r, r.task, { status: 'accepted' }, 'W/"1"'));
    expect(getStatus(err.outcome)).toBe(412);
    expect((await repo.read('Task', received.id ?? '')).status).toBe('received');
    await expect(step(r, received, { status: 'accepted' }, '"2"')).resolves.toMatchObject({ status: 'accepted' });
  });

  test('two concurrent moves of one version (If-Match W/"1"): exactly one wins, the other is 412', async () => {
    const r = await referral();
    const results = await Promise.allSettled([step(r, r.task, { status: 'received' }, 'W/"1"'), step(r, r.task, { status: 'accepted' }, 'W/"1"')]);
    expect(results.filter((x) => x.status === 'fulfilled')).toHaveLength(1);
    const failed = results.find((x) => x.status === 'rejected');
    expect(failed?.reason).toBeInstanceOf(OperationOutcomeError);
    expect(failed?.reason instanceof OperationOutcomeError ? getStatus(failed.reason.outcome) : 0).toBe(412);
    expect((await repo.read('Task', r.task.id ?? '')).meta?.versionId).toBe('2');
    expect((await listOutbox(db, r.srId)).filter((e) => e.eventType === 'task.status-changed')).toHaveLength(1);
  });

  test('the outbox event is in the same transaction: a failure writing it leaves the Task unchanged', async () => {
    const r = await referral();
    const failing = deps(failingRepo(repo, { step: 'appendOutbox' }), directory);
    await expect(transitionTask(failing, r.task.id ?? '', { ...r.task, status: 'received' }, r.actors.owner)).rejects.toThrow('injected failure');
    const task = await repo.read('Task', r.task.id ?? '');
    expect([task.status, task.meta?.versionId]).toEqual(['requested', '1']);
    expect((await repo.history('Task', task.id ?? '')).length).toBe(1);
    expect((await repo.searchAudit({ entity: `Task/${task.id ?? ''}` })).total).toBe(0);
  });

  test('more information: the referrer answers with a new version; the Task goes back to requested; later changes are 409', async () => {
    const s = uniqueSuffix();
    const vc = `SE2321000016-V${s}`;
    const prov = `SE2321000016-P${s}`;
    const d = deps(repo, directory);
    const first = await submitReferral(d, referralBundle({ vardcentral: vc, provider: prov, localId: s }), referrer(vc));
    const received = await transitionTask(d, first.task.id ?? '', { ...first.task, status: 'received' }, provider(prov));
    await transitionTask(d, received.id ?? '', { ...received, businessStatus: businessStatus('information-requested') }, provider(prov));

    const v2 = referralBundle({ vardcentral: vc, provider: prov, localId: s, assessment: 'Kompletterad bedömning med PHQ-9 22.' });
    const second = await submitReferral(d, v2, referrer(vc));
    expect(second.created).toBe(false);
    expect(second.serviceRequest.id).toBe(first.serviceRequest.id);
    expect(second.serviceRequest.meta?.versionId).toBe('2');
    expect(second.task).toMatchObject({ id: first.task.id, status: 'requested' });
    expect(second.task.businessStatus).toBeUndefined();
    expect(second.response.entry?.every((e) => e.response?.status === '200 OK' && e.response.etag === 'W/"2"')).toBe(true);
    const qrId = first.response.entry?.[1]?.response?.location?.split('/')[1] ?? '';
    const qr = await repo.read('QuestionnaireResponse', qrId);
    expect(qr.item?.[0]?.answer?.[0]?.valueString).toBe('Kompletterad bedömning med PHQ-9 22.');
    expect((await repo.history('QuestionnaireResponse', qrId)).length).toBe(2);
    const events = await listOutbox(db, first.serviceRequest.id ?? '');
    expect(events.at(-1)).toMatchObject({ eventType: 'referral.updated', destination: prov, payload: { status: 'requested', previousStatus: 'received', versionId: '2' } });

    // Two different answers at once after another request for information: one applies, the other is refused.
    const again = await transitionTask(d, second.task.id ?? '', { ...second.task, businessStatus: businessStatus('information-requested') }, provider(prov));
    const racing = await Promise.allSettled(
      ['Svar A', 'Svar B'].map((assessment) => submitReferral(d, referralBundle({ vardcentral: vc, provider: prov, localId: s, assessment }), referrer(vc))),
    );
    expect(racing.filter((x) => x.status === 'fulfilled')).toHaveLength(1);
    const refused = racing.find((x) => x.status === 'rejected')?.reason;
    expect(refused instanceof OperationOutcomeError ? getStatus(refused.outcome) : refused).toBe(409);
    expect((await repo.read('Task', again.id ?? '')).meta?.versionId).toBe(String(Number(again.meta?.versionId) + 1));
    expect((await repo.read('ServiceRequest', first.serviceRequest.id ?? '')).meta?.versionId).toBe('3');
    const qrNow = await repo.read('QuestionnaireResponse', qrId);

    // The new version repeated: nothing new. Different content again: no longer awaited.
    const outboxBefore = await countRows(repo, 'outbox');
    const winnerText = qrNow.item?.[0]?.answer?.[0]?.valueString ?? '';
    expect(['Svar A', 'Svar B']).toContain(winnerText);
    expect((await submitReferral(d, referralBundle({ vardcentral: vc, provider: prov, localId: s, assessment: winnerText }), referrer(vc))).created).toBe(false);
    expect(await countRows(repo, 'outbox')).toBe(outboxBefore);
    const third = await outcomeOf(submitReferral(d, referralBundle({ vardcentral: vc, provider: prov, localId: s, assessment: 'Tredje' }), referrer(vc)));
    expect(getStatus(third.outcome)).toBe(409);
  });
});
