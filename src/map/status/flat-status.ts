/** Status record → the flat status/outcome message a small referrer journal imports (JSON, Swedish keys). */
import type { StatusRecord } from './task-status.ts';

export function flatStatusMessage(s: StatusRecord): string {
  const body: Record<string, string | number> = {
    meddelandetyp: s.kind === 'SSV' ? 'slutsvar' : 'status',
    remiss_id: s.referralId,
    status: s.taskStatus,
    riv_typ: s.kind,
    tidpunkt: s.time,
  };
  const optional: [string, string | number | undefined][] = [
    ['affarsstatus', s.businessStatus],
    ['mottagare_hsaid', s.providerHsaId],
    ['orsak', s.reasonCode],
    ['orsak_text', s.reasonText],
    ['kommentar', s.comment],
    ['forsta_behandlingstillfalle', s.firstSessionDate],
    ['antal_sessioner', s.sessionsUsed],
    ['sammanfattning', s.summary],
  ];
  for (const [k, v] of optional) {
    if (v !== undefined) {
      body[k] = v;
    }
  }
  return `${JSON.stringify(body, null, 2)}\n`;
}
