import type { Observation, Task } from '@medplum/fhirtypes';
// The page's own module, plain JavaScript run by the browser (types in task-actions.d.ts); jest imports it as ESM.
import type { Role } from './task-actions.js';
import { actionsFor, applyAction as apply } from './task-actions.js';

const offered = (task: Task, role: Role): string[] => actionsFor(task, role).map((a) => a.id);

const base: Task = {
  resourceType: 'Task',
  id: 't1',
  meta: { versionId: '1' },
  status: 'requested',
  intent: 'order',
  focus: { reference: 'ServiceRequest/s1' },
  output: [],
};

test('a provider is offered receive, accept, more information and reject for a new referral; the referrer only withdraw', () => {
  expect(offered(base, 'provider')).toEqual(['receive', 'accept', 'moreInfo', 'reject']);
  expect(offered(base, 'referrer')).toEqual(['cancel']);
  expect(offered({ ...base, status: 'completed' }, 'provider')).toEqual([]);
});

test('reject carries the coded reason and drops a stale business status', () => {
  const task = { ...base, businessStatus: { text: 'old' } };
  const next = apply(task, 'provider', 'reject', { reason: 'ingen-kapacitet' });
  expect(next.status).toBe('rejected');
  expect(next.statusReason?.coding?.[0]).toEqual({ system: 'https://remissbrygga.se/fhir/CodeSystem/rb-rejection-reason', code: 'ingen-kapacitet' });
  expect(next.businessStatus).toBeUndefined();
  expect(task.status).toBe('requested');
});

test('start records the first session date; complete adds sessions and summary and keeps it', () => {
  const started = apply({ ...base, status: 'accepted' }, 'provider', 'start', { firstSession: '2026-02-03' });
  expect(started.output).toEqual([
    { type: { coding: [{ system: 'https://remissbrygga.se/fhir/CodeSystem/rb-task-output', code: 'first-session-date' }] }, valueDate: '2026-02-03' },
  ]);
  const done = apply({ ...started, for: { reference: 'Patient/p1' } }, 'provider', 'complete', {
    sessions: '12',
    instrument: 'PHQ-9',
    startScore: '17',
    endScore: '6',
    summary: 'Förbättrad',
    today: '2026-01-20',
  });
  expect(done.status).toBe('completed');
  expect(done.output?.map((o) => o.type.coding?.[0]?.code)).toEqual(['first-session-date', 'sessions-used', 'start-rating', 'end-rating', 'summary']);
  expect(done.output?.[1]?.valueUnsignedInt).toBe(12);
  expect(done.output?.[2]?.valueReference?.reference).toBe('#rating-start');
  const contained = (done.contained ?? []) as Observation[];
  expect(contained.map((o) => [o.id, o.code.coding?.[0]?.code, o.valueInteger, o.effectiveDateTime, o.subject?.reference])).toEqual([
    ['rating-start', '44261-6', 17, '2026-02-03', 'Patient/p1'],
    ['rating-end', '44261-6', 6, '2026-01-20', 'Patient/p1'],
  ]);
});

test('missing input and actions not offered are refused', () => {
  expect(() => apply({ ...base, status: 'accepted' }, 'provider', 'start', {})).toThrow(/firstSession/);
  expect(() => apply(base, 'provider', 'complete', { sessions: '1', summary: 'x' })).toThrow(/not offered/);
  expect(() => apply({ ...base, status: 'in-progress' }, 'provider', 'complete', { sessions: '1', summary: 'x' })).toThrow(/instrument, startScore, endScore/);
  expect(() => apply(base, 'referrer', 'accept')).toThrow(/not offered/);
});

test('return to the vårdcentral is a rejection with business status returned-to-referrer', () => {
  const next = apply({ ...base, status: 'received' }, 'provider', 'return', { reason: 'ej-lamplig', note: 'Behöver psykiatri' });
  expect([next.status, next.businessStatus?.coding?.[0]?.code, next.note?.[0]?.text]).toEqual(['rejected', 'returned-to-referrer', 'Behöver psykiatri']);
});
