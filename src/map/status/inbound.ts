/**
 * A provider system's answer in RIV-TA (ProcessRequestConfirmation / ProcessRequestOutcome) or as flat status JSON
 * → the Task change the workflow applies: BEK accepted, KOM information requested (status received), AVV
 * rejected, AVB cancelled, SSV completed with the treatment summary as Task outputs (standards.md §3).
 */
import type { OperationOutcome, OperationOutcomeIssue, Task } from '@medplum/fhirtypes';
import { issue, unprocessableIssues } from '../../fhir/outcomes.ts';
import { DEFAULT_LIMITS } from '../../parse/limits.ts';
import { createRivStatusParser } from '../../parse/riv/parse-status.ts';
import type { SourceDoc } from '../source.ts';
import { compactToFhirDateTime } from '../transforms/datetime.ts';
import { cs } from '../fhir/urls.ts';
import type { StatusKind } from './task-status.ts';

export interface TaskChange {
  readonly referralId: string;
  readonly kind: StatusKind;
  readonly status: Task['status'];
  readonly time?: string;
  readonly businessStatus?: Task['businessStatus'];
  readonly statusReason?: Task['statusReason'];
  readonly note?: Task['note'];
  readonly output?: Task['output'];
}

export type TaskChangeResult = { readonly change: TaskChange } | { readonly outcome: OperationOutcome };

const STATUS: Readonly<Record<StatusKind, Task['status']>> = { BEK: 'accepted', KOM: 'received', AVV: 'rejected', AVB: 'cancelled', SSV: 'completed' };

function isKind(v: string): v is StatusKind {
  return v in STATUS;
}

function outputs(first: string | undefined, sessions: string | undefined, summary: string | undefined): Task['output'] {
  const type = (code: string): { coding: { system: string; code: string }[] } => ({ coding: [{ system: cs('rb-task-output'), code }] });
  return [
    ...(first ? [{ type: type('first-session-date'), valueDate: first }] : []),
    ...(sessions && /^\d+$/.test(sessions) ? [{ type: type('sessions-used'), valueUnsignedInt: Number(sessions) }] : []),
    ...(summary ? [{ type: type('summary'), valueString: summary }] : []),
  ];
}

function change(kind: StatusKind, referralId: string, time: string | undefined, reasonCode: string | undefined, reasonText: string | undefined, comment: string | undefined, out: Task['output']): TaskChange {
  return {
    referralId,
    kind,
    status: STATUS[kind],
    ...(time ? { time } : {}),
    ...(kind === 'KOM' ? { businessStatus: { coding: [{ system: cs('rb-task-business-status'), code: 'information-requested' }] } } : {}),
    ...(reasonCode || reasonText ? { statusReason: { ...(reasonCode ? { coding: [{ system: cs('rb-rejection-reason'), code: reasonCode }] } : {}), ...(reasonText ? { text: reasonText } : {}) } } : {}),
    ...(comment ? { note: [{ text: comment }] } : {}),
    ...(out && out.length > 0 ? { output: out } : {}),
  };
}

function first(doc: SourceDoc, path: string): string | undefined {
  const v = doc.read(path)[0]?.value;
  return v === undefined ? undefined : String(v);
}

export function createInboundStatusReader(): (format: string, input: string | Buffer) => TaskChangeResult {
  const riv = createRivStatusParser(DEFAULT_LIMITS);
  return (format, input) => {
    if (format === 'riv') {
      const parsed = riv(input);
      if (!parsed.ok) {
        return { outcome: parsed.outcome };
      }
      const { message, doc } = parsed.value;
      const root = message === 'ProcessRequestOutcome' ? `${message}.outcome` : `${message}.confirmation`;
      const typePath = message === 'ProcessRequestOutcome' ? `${root}.outcomeType.code` : `${root}.confirmationType.code`;
      const timePath = message === 'ProcessRequestOutcome' ? `${root}.outcomeTimeStamp` : `${root}.confirmationTimeStamp`;
      const referralId = first(doc, `${root}.requestId`);
      const kind = first(doc, typePath) ?? '';
      const problems: OperationOutcomeIssue[] = [];
      if (!referralId) {
        problems.push(issue('required', { id: 'MAP-REQUIRED', text: { sv: 'requestId saknas.', en: 'requestId is missing.' }, expression: ['Task.focus.identifier.value'], diagnostics: doc.where(`${root}.requestId`) }));
      }
      if (!isKind(kind)) {
        problems.push(issue('code-invalid', { id: 'MAP-RIV-STATUS', text: { sv: `Typen "${kind}" stöds inte (BEK, KOM, AVV, AVB, SSV).`, en: `The type "${kind}" is not supported (BEK, KOM, AVV, AVB, SSV).` }, expression: ['Task.status'], diagnostics: doc.where(typePath) }));
      }
      const rawTime = first(doc, timePath);
      const time = rawTime ? compactToFhirDateTime(rawTime) : undefined;
      if (time && !time.ok) {
        problems.push(issue('value', { id: time.problem.id, text: { sv: time.problem.sv, en: time.problem.en }, expression: ['Task.lastModified'], diagnostics: doc.read(timePath)[0]?.position ?? doc.where(timePath) }));
      }
      if (problems.length > 0 || !referralId || !isKind(kind)) {
        return { outcome: unprocessableIssues(problems) };
      }
      const out = kind === 'SSV' ? outputs(first(doc, `${root}.text#Första behandlingstillfälle`), first(doc, `${root}.text#Antal sessioner`), first(doc, `${root}.text#Sammanfattning`)) : [];
      return { change: change(kind, referralId, time?.ok ? time.value : undefined, first(doc, `${root}.reason.code`), first(doc, `${root}.reason.originalText`), first(doc, `${root}.comment`), out) };
    }
    if (format === 'flat' || format === 'flat-json' || format === 'csv') {
      let body: unknown;
      try {
        body = JSON.parse(typeof input === 'string' ? input : input.toString('utf8'));
      } catch {
        return { outcome: unprocessableIssues([issue('structure', { id: 'MAP-PARSE', text: { sv: 'Ogiltig JSON.', en: 'Invalid JSON.' }, diagnostics: 'JSON' })]) };
      }
      const o = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
      const s = (k: string): string | undefined => (typeof o[k] === 'string' ? o[k] : typeof o[k] === 'number' ? String(o[k]) : undefined);
      const kind = s('riv_typ') ?? '';
      const referralId = s('remiss_id');
      if (!referralId || !isKind(kind)) {
        return {
          outcome: unprocessableIssues([
            issue('required', { id: 'MAP-REQUIRED', text: { sv: 'remiss_id och riv_typ (BEK, KOM, AVV, AVB, SSV) krävs.', en: 'remiss_id and riv_typ (BEK, KOM, AVV, AVB, SSV) are required.' }, diagnostics: referralId ? 'JSON /riv_typ' : 'JSON /remiss_id' }),
          ]),
        };
      }
      return { change: change(kind, referralId, s('tidpunkt'), s('orsak'), s('orsak_text'), s('kommentar'), outputs(s('forsta_behandlingstillfalle'), s('antal_sessioner'), s('sammanfattning'))) };
    }
    return { outcome: unprocessableIssues([issue('not-supported', { id: 'MAP-FORMAT-UNKNOWN', text: { sv: `Okänt format "${format}".`, en: `Unknown format "${format}".` } })]) };
  };
}
