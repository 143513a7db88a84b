/**
 * Status record → RIV-TA ProcessRequestConfirmation (BEK/KOM/AVV/AVB) or ProcessRequestOutcome (SSV, with the
 * treatment summary as structured lines, src/parse/riv/lines.ts). Times are Swedish local time without zone.
 */
import { formatLine } from '../../parse/riv/lines.ts';
import { RIV_NS, xmlElement } from '../../parse/riv/write.ts';
import { fhirDateTimeToRiv } from '../transforms/datetime.ts';
import type { StatusRecord } from './task-status.ts';

const HSA_ROOT = '1.2.752.129.2.1.4.1';
/** Code system of the RIV-TA confirmation and outcome types (unverified: no public OID was confirmed). */
export const RIV_STATUS_CODE_SYSTEM = 'urn:riv:clinicalprocess:activity:request:status';

const DISPLAY: Readonly<Record<StatusRecord['kind'], string>> = {
  BEK: 'Bekräftad',
  KOM: 'Komplettering begärd',
  AVV: 'Avvisad',
  AVB: 'Avbruten',
  SSV: 'Slutsvar',
};

function rivTime(time: string): string {
  const r = fhirDateTimeToRiv(time);
  return r.ok ? r.value : time;
}

export function summaryLines(s: StatusRecord): string {
  const lines: string[] = [];
  if (s.firstSessionDate) {
    lines.push(formatLine('Första behandlingstillfälle', s.firstSessionDate));
  }
  if (s.sessionsUsed !== undefined) {
    lines.push(formatLine('Antal sessioner', String(s.sessionsUsed)));
  }
  if (s.summary) {
    lines.push(formatLine('Sammanfattning', s.summary));
  }
  return lines.join('\n');
}

export function rivStatusMessage(s: StatusRecord): string {
  const careUnit = s.providerHsaId ? { careUnitId: { root: HSA_ROOT, extension: s.providerHsaId } } : undefined;
  const code = { code: s.kind, codeSystem: RIV_STATUS_CODE_SYSTEM, displayName: DISPLAY[s.kind] };
  const reason = s.reasonCode || s.reasonText ? { reason: { ...(s.reasonCode ? { code: s.reasonCode, codeSystem: 'https://remissbrygga.se/fhir/CodeSystem/rb-rejection-reason' } : {}), ...(s.reasonText ? { originalText: s.reasonText } : {}) } } : {};
  if (s.kind === 'SSV') {
    const outcome = {
      '@_xmlns': RIV_NS.ProcessRequestOutcome,
      outcome: { requestId: s.referralId, outcomeType: code, outcomeTimeStamp: rivTime(s.time), ...(careUnit ? { careUnit } : {}), text: summaryLines(s) },
    };
    return `<?xml version="1.0" encoding="UTF-8"?>\n${xmlElement('ProcessRequestOutcome', outcome, '')}`;
  }
  const confirmation = {
    '@_xmlns': RIV_NS.ProcessRequestConfirmation,
    confirmation: {
      requestId: s.referralId,
      confirmationType: code,
      confirmationTimeStamp: rivTime(s.time),
      ...(careUnit ? { careUnit } : {}),
      ...reason,
      ...(s.comment ? { comment: s.comment } : {}),
    },
  };
  return `<?xml version="1.0" encoding="UTF-8"?>\n${xmlElement('ProcessRequestConfirmation', confirmation, '')}`;
}
