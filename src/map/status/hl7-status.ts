/**
 * HL7 v2.5 answers: RRI^I12 for a provider's Task change (RF1-1 status from table 0283: P pending for received /
 * more information requested, A accepted and completed, R rejected, cancelled and returned; the reason in RF1-10,
 * the treatment summary as OBX), and ACK for an inbound message (MSA-1 AA/AE/AR, one ERR per issue with the
 * source position as ERR-2 and the Swedish text in ERR-8). Standards.md §4.
 */
import { Hl7Message } from '@medplum/core';
import type { OperationOutcome } from '@medplum/fhirtypes';
import { hl7Target } from '../../parse/hl7/write.ts';
import { fhirDateTimeToHl7, fhirDateToCompact } from '../transforms/datetime.ts';
import { getTransform } from '../transforms/registry.ts';
import type { StatusRecord } from './task-status.ts';

const ORDER = ['MSH', 'MSA', 'ERR', 'RF1', 'PRD', 'OBR', 'OBX', 'NTE'];

function hl7Time(time: string): string {
  const r = fhirDateTimeToHl7(time);
  return r.ok ? r.value : time;
}

function controlId(seed: string): string {
  const t = getTransform('control-id');
  const r = t?.(seed, { codes: { tables: {}, icd10se: {} }, referenceDate: '2000-01-01' });
  return r?.ok ? String(r.value) : seed.slice(0, 20);
}

export function rf1Status(s: StatusRecord): { code: string; text: string } {
  switch (s.kind) {
    case 'BEK':
      return s.taskStatus === 'accepted' ? { code: 'A', text: 'Accepted' } : { code: 'P', text: 'Pending' };
    case 'KOM':
      return { code: 'P', text: 'Pending' };
    case 'SSV':
      return { code: 'A', text: 'Accepted' };
    case 'AVV':
    case 'AVB':
      return { code: 'R', text: 'Rejected' };
  }
}

export function hl7StatusMessage(s: StatusRecord, receiver: string): string {
  const t = hl7Target(ORDER);
  const status = rf1Status(s);
  const w = (path: string, v: string | number | undefined): void => {
    if (v !== undefined && v !== '') {
      t.write(path, v);
    }
  };
  w('MSH-3.1', 'REMISSBRYGGA');
  w('MSH-4.1', s.providerHsaId);
  w('MSH-5.1', receiver);
  w('MSH-7.1', hl7Time(s.time));
  w('MSH-9.1', 'RRI');
  w('MSH-9.2', 'I12');
  w('MSH-9.3', 'RRI_I12');
  w('MSH-10.1', controlId(`${s.referralId}|${s.kind}|${s.time}`));
  w('MSH-11.1', 'P');
  w('MSH-12.1', '2.5');
  w('MSH-18.1', 'UNICODE UTF-8');
  w('MSA-1.1', 'AA');
  w('MSA-2.1', controlId(s.referralId));
  w('RF1-1.1', status.code);
  w('RF1-1.2', status.text);
  w('RF1-1.3', 'HL70283');
  w('RF1-6.1', s.referralId);
  w('RF1-7.1', hl7Time(s.time));
  w('RF1-10.1', s.reasonCode ?? s.businessStatus);
  w('RF1-10.2', s.reasonText);
  w('RF1-10.3', s.reasonCode ? 'rb-rejection-reason' : s.businessStatus ? 'rb-task-business-status' : undefined);
  w('PRD(1.1=RT)-7.1', s.providerHsaId);
  if (s.kind === 'SSV') {
    w('OBR-1.1', '1');
    w('OBR-4.1', 'behandlingssammanfattning');
    w('OBR-4.3', 'RBO');
    if (s.firstSessionDate) {
      const d = fhirDateToCompact(s.firstSessionDate);
      w('OBX(3.1=first-session-date;3.3=rb-task-output;2=DT;11=F)-5.1', d.ok ? d.value : s.firstSessionDate);
    }
    w('OBX(3.1=sessions-used;3.3=rb-task-output;2=NM;11=F)-5.1', s.sessionsUsed);
    w('OBX(3.1=summary;3.3=rb-task-output;2=TX;11=F)-5.1', s.summary);
  }
  w('NTE-3.1', s.comment);
  return t.serialise();
}

/** ERR-2 (ERL) from a diagnostics position `HL7 PID[1]-3.1`. */
function errorLocation(diagnostics: string | undefined): string[] | undefined {
  const m = /HL7 ([A-Z][A-Z0-9]{2})\[(\d+)\]-(\d+)(?:\.(\d+))?/.exec(diagnostics ?? '');
  return m ? [m[1] ?? '', m[2] ?? '', m[3] ?? '', m[4] ?? '1'] : undefined;
}

/**
 * ACK for an inbound HL7 message: AA when accepted, AE when the content has errors, AR when it could not be read.
 * @param input - the received message text (MSH-10 is echoed in MSA-2)
 */
export function hl7Ack(input: string, now: string, outcome?: OperationOutcome): string {
  let received: Hl7Message | undefined;
  try {
    received = Hl7Message.parse(input.trim());
  } catch {
    received = undefined;
  }
  const msh = received?.getSegment('MSH');
  const errors = outcome?.issue.filter((i) => i.severity === 'error' || i.severity === 'fatal') ?? [];
  const unreadable = received === undefined || outcome?.id === 'bad-request';
  const ack = errors.length === 0 ? 'AA' : unreadable ? 'AR' : 'AE';
  const t = hl7Target(ORDER);
  const w = (path: string, v: string | undefined): void => {
    if (v !== undefined && v !== '') {
      t.write(path, v);
    }
  };
  w('MSH-3.1', msh?.getField(5).getComponent(1) || 'REMISSBRYGGA');
  w('MSH-4.1', msh?.getField(6).getComponent(1));
  w('MSH-5.1', msh?.getField(3).getComponent(1));
  w('MSH-6.1', msh?.getField(4).getComponent(1));
  w('MSH-7.1', hl7Time(now));
  w('MSH-9.1', 'ACK');
  w('MSH-9.2', msh?.getField(9).getComponent(2));
  w('MSH-9.3', 'ACK');
  w('MSH-10.1', controlId(`${msh?.getField(10).getComponent(1) ?? ''}|ack|${now}`));
  w('MSH-11.1', 'P');
  w('MSH-12.1', msh?.getField(12).getComponent(1) || '2.5');
  w('MSA-1.1', ack);
  w('MSA-2.1', msh?.getField(10).getComponent(1));
  errors.forEach((issue, i) => {
    const seg = `ERR(3.1=${issue.code === 'required' ? '101' : unreadable ? '102' : '207'};4=E)[*]`;
    const loc = errorLocation(issue.diagnostics);
    if (loc) {
      loc.forEach((part, k) => {
        t.write(`${seg}-2.${k + 1}`, part, i);
      });
    }
    t.write(`${seg}-3.2`, issue.code, i);
    t.write(`${seg}-3.3`, 'HL70357', i);
    t.write(`${seg}-7.1`, issue.details?.coding?.[0]?.code ?? issue.code, i);
    t.write(`${seg}-8.1`, `${issue.details?.text ?? ''}${issue.expression?.[0] ? ` (${issue.expression[0]})` : ''}`, i);
  });
  return t.serialise();
}
