import type { Task } from '@medplum/fhirtypes';
import { cs } from '../fhir/urls.ts';
import { createInboundStatusReader, taskToMessage } from './index.ts';

const read = createInboundStatusReader();
const base: Task = {
  resourceType: 'Task',
  status: 'accepted',
  intent: 'order',
  focus: { identifier: { value: 'SE2321000016-F835#R-2025-0042' } },
  owner: { identifier: { value: 'SE2321000016-T777' } },
  lastModified: '2025-03-30T03:30:00+02:00',
};

function message(format: string, task: Task): string {
  const r = taskToMessage(format, task, { now: '2025-04-01T10:00:00+02:00' });
  if (!('text' in r)) {
    throw new Error('expected a message');
  }
  return r.text;
}

describe('provider answers in RIV-TA or flat JSON → Task changes', () => {
  it.each(['riv', 'flat'])('%s: the messages we write read back to the same change', (format) => {
    const completed: Task = {
      ...base,
      status: 'completed',
      output: [
        { type: { coding: [{ system: cs('rb-task-output'), code: 'first-session-date' }] }, valueDate: '2025-04-10' },
        { type: { coding: [{ system: cs('rb-task-output'), code: 'sessions-used' }] }, valueUnsignedInt: 12 },
        { type: { coding: [{ system: cs('rb-task-output'), code: 'summary' }] }, valueString: 'Mål uppnådda.\nPHQ-9 18 → 7.' },
      ],
    };
    const r = read(format, message(format, completed));
    expect('change' in r && r.change).toEqual({
      referralId: 'SE2321000016-F835#R-2025-0042',
      kind: 'SSV',
      status: 'completed',
      time: '2025-03-30T03:30:00+02:00',
      output: completed.output,
    });
    const rejected = read(format, message(format, { ...base, status: 'rejected', statusReason: { coding: [{ code: 'ingen-kapacitet' }], text: 'Fullt' } }));
    expect('change' in rejected && rejected.change).toMatchObject({ kind: 'AVV', status: 'rejected', statusReason: { coding: [{ code: 'ingen-kapacitet' }], text: 'Fullt' } });
    const kom = read(format, message(format, { ...base, status: 'received', businessStatus: { coding: [{ code: 'information-requested' }] }, note: [{ text: 'AUDIT saknas' }] }));
    expect('change' in kom && kom.change).toMatchObject({ kind: 'KOM', status: 'received', businessStatus: { coding: [{ code: 'information-requested' }] }, note: [{ text: 'AUDIT saknas' }] });
    expect('change' in read(format, message(format, { ...base, status: 'cancelled' })) ? 'AVB' : '').toBe('AVB');
  });

  it('refuses an unknown type with its position, DTDs and other XML', () => {
    const vid = message('riv', base).replace('<code>BEK</code>', '<code>VID</code>');
    const r = read('riv', vid);
    expect('outcome' in r && r.outcome.issue.map((i) => [i.details?.coding?.[0]?.code, i.diagnostics])).toEqual([['MAP-RIV-STATUS', 'XML /ProcessRequestConfirmation/confirmation/confirmationType/code']]);
    expect('outcome' in read('riv', '<!DOCTYPE x><ProcessRequestConfirmation/>')).toBe(true);
    expect('outcome' in read('riv', '<ProcessRequest/>')).toBe(true);
    expect('outcome' in read('flat', '{"remiss_id":"A#1"}')).toBe(true);
  });
});
