import type { Task } from '@medplum/fhirtypes';
import { createMapper } from '../index.ts';
import { cs } from '../fhir/urls.ts';
import { inboundReply, taskToMessage } from './index.ts';
import { readFileSync } from 'node:fs';

const NOW = '2025-04-02T09:30:00+02:00';
const base: Task = {
  resourceType: 'Task',
  status: 'accepted',
  intent: 'order',
  focus: { reference: 'ServiceRequest/1', identifier: { system: 'https://remissbrygga.se/fhir/sid/remiss-id', value: 'SE2321000016-F835#R-2025-0042' } },
  owner: { reference: 'Organization/2', identifier: { system: 'urn:oid:1.2.752.29.4.19', value: 'SE2321000016-T777' } },
  lastModified: '2025-10-26T00:30:00Z',
};

function text(r: ReturnType<typeof taskToMessage>): string {
  if (!('text' in r)) {
    throw new Error('expected a message');
  }
  return r.text;
}

describe('Task changes → messages back to the referrer', () => {
  it.each([
    [{ status: 'received' }, 'BEK'],
    [{ status: 'accepted' }, 'BEK'],
    [{ status: 'rejected', statusReason: { coding: [{ system: cs('rb-rejection-reason'), code: 'diagnos-utanfor-uppdrag' }], text: 'F33.1 ingår inte' } }, 'AVV'],
    [{ status: 'cancelled' }, 'AVB'],
    [{ status: 'received', businessStatus: { coding: [{ code: 'information-requested' }] }, note: [{ text: 'Saknar AUDIT-poäng.' }] }, 'KOM'],
    [{ status: 'rejected', businessStatus: { coding: [{ code: 'returned-to-referrer' }] } }, 'AVV'],
  ] as [Partial<Task>, string][])('%j → RIV-TA Confirmation %s', (change, kind) => {
    const xml = text(taskToMessage('riv', { ...base, ...change }, { now: NOW }));
    expect(xml).toContain('<ProcessRequestConfirmation xmlns="urn:riv:clinicalprocess:activity:request:ProcessRequestConfirmationResponder:1">');
    expect(xml).toContain(`<code>${kind}</code>`);
    expect(xml).toContain('<requestId>SE2321000016-F835#R-2025-0042</requestId>');
    // 00:30Z on the autumn DST night is 02:30 summer time in Stockholm.
    expect(xml).toContain('<confirmationTimeStamp>20251026023000</confirmationTimeStamp>');
  });

  it('carries the rejection reason and the KOM question', () => {
    const avv = text(taskToMessage('riv', { ...base, status: 'rejected', statusReason: { coding: [{ code: 'ingen-kapacitet' }], text: 'Fullt till hösten' } }, { now: NOW }));
    expect(avv).toContain('<code>ingen-kapacitet</code>');
    expect(avv).toContain('<originalText>Fullt till hösten</originalText>');
    const kom = text(taskToMessage('riv', { ...base, businessStatus: { coding: [{ code: 'information-requested' }] }, note: [{ text: 'Saknar <AUDIT> & DUDIT' }] }, { now: NOW }));
    expect(kom).toContain('<comment>Saknar &lt;AUDIT&gt; &amp; DUDIT</comment>');
  });

  it('completion → ProcessRequestOutcome SSV with the treatment summary', () => {
    const done: Task = {
      ...base,
      status: 'completed',
      output: [
        { type: { coding: [{ system: cs('rb-task-output'), code: 'first-session-date' }] }, valueDate: '2025-04-10' },
        { type: { coding: [{ system: cs('rb-task-output'), code: 'sessions-used' }] }, valueUnsignedInt: 14 },
        { type: { coding: [{ system: cs('rb-task-output'), code: 'summary' }] }, valueString: 'PHQ-9 17 → 6.\nAvslutad enligt plan.' },
      ],
    };
    const xml = text(taskToMessage('riv', done, { now: NOW }));
    expect(xml).toContain('<ProcessRequestOutcome');
    expect(xml).toContain('<code>SSV</code>');
    expect(xml).toContain('Antal sessioner: 14');
    expect(xml).toContain('Sammanfattning: PHQ-9 17 → 6.\\nAvslutad enligt plan.');
    const hl7 = text(taskToMessage('hl7', done, { now: NOW, receiver: 'ASTRA' }));
    expect(hl7).toMatch(/^MSH\|\^~\\&\|REMISSBRYGGA\|SE2321000016-T777\|ASTRA\|\|20251026023000\+0200\|\|RRI\^I12\^RRI_I12\|/);
    expect(hl7).toContain('\rRF1|A^Accepted^HL70283|||||SE2321000016-F835#R-2025-0042|');
    expect(hl7).toContain('OBX|2|NM|sessions-used^^rb-task-output||14||||||F');
    expect(hl7).toContain('PHQ-9 17 → 6.\\.br\\Avslutad enligt plan.');
    const flat = JSON.parse(text(taskToMessage('flat', done, { now: NOW }))) as Record<string, unknown>;
    expect(flat).toMatchObject({ meddelandetyp: 'slutsvar', antal_sessioner: 14, forsta_behandlingstillfalle: '2025-04-10' });
  });

  it('has no message for in-progress and needs a referral id', () => {
    expect(taskToMessage('riv', { ...base, status: 'in-progress' }, { now: NOW })).toEqual({ none: true });
    const { focus: _f, ...noFocus } = base;
    const r = taskToMessage('riv', { ...noFocus, status: 'accepted' }, { now: NOW });
    expect('outcome' in r && r.outcome.issue[0]?.details?.coding?.[0]?.code).toBe('MAP-TASK-REFERRAL-ID');
    expect('text' in taskToMessage('riv', { ...noFocus, status: 'accepted' }, { now: NOW, referralId: 'X#1' })).toBe(true);
  });

  it('HL7 RRI^I12 status codes follow table 0283', () => {
    const rejected = text(taskToMessage('hl7', { ...base, status: 'rejected', statusReason: { coding: [{ code: 'ej-lamplig' }] } }, { now: NOW }));
    expect(rejected).toContain('RF1|R^Rejected^HL70283|');
    expect(rejected).toContain('|ej-lamplig^^rb-rejection-reason');
    expect(text(taskToMessage('hl7', { ...base, status: 'received' }, { now: NOW }))).toContain('RF1|P^Pending^HL70283|');
  });
});

describe('replies to inbound messages', () => {
  const mapper = createMapper({ today: () => '2025-06-01' });
  const golden = (p: string): string => readFileSync(new URL(`../../../test/golden/${p}`, import.meta.url), 'utf8');

  it('RIV-TA: OK, or ERROR with VALIDATION_ERROR and the positions', () => {
    expect(inboundReply('riv', '', NOW).text).toContain('<resultCode>OK</resultCode>');
    const r = mapper.toFhir('riv', golden('riv/missing-direct-phone.input.xml'));
    const reply = inboundReply('riv', '', NOW, 'outcome' in r ? r.outcome : undefined).text;
    expect(reply).toContain('<resultCode>ERROR</resultCode>');
    expect(reply).toContain('<errorCode>VALIDATION_ERROR</errorCode>');
    expect(reply).toContain('MAP-DIRECT-PHONE-MISSING');
    expect(inboundReply('riv', '', NOW, 'outcome' in r ? r.outcome : undefined, true).text).toContain('APPLICATION_ERROR');
  });

  it('HL7: ACK AA, AE with one ERR per issue and its location, AR for unreadable input', () => {
    const ok = inboundReply('hl7', golden('hl7/ptsd-nearest.input.hl7'), NOW).text;
    expect(ok).toContain('\rMSA|AA|MSG-000917\r');
    const input = golden('hl7/missing-direct-phone.input.hl7');
    const r = mapper.toFhir('hl7', input);
    const ae = inboundReply('hl7', input, NOW, 'outcome' in r ? r.outcome : undefined).text;
    expect(ae).toContain('MSA|AE|MSG-000917');
    expect(ae).toContain('ERR||PID^1^3^1|207^value^HL70357|E|||MAP-PNR-CHECK-DIGIT|');
    expect(ae.split('\r').filter((s) => s.startsWith('ERR')).length).toBe(4);
    const bad = mapper.toFhir('hl7', 'nonsense');
    expect(inboundReply('hl7', 'nonsense', NOW, 'outcome' in bad ? bad.outcome : undefined).text).toContain('MSA|AR');
  });
});
