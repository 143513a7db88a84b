/**
 * Messages back to the referrer and synchronous replies, per format:
 * - `taskToMessage`: a provider's Task change → RIV-TA Confirmation/Outcome, HL7 RRI^I12, flat status JSON.
 * - `inboundReply`: the answer to an inbound message in the sender's own format (RIV-TA result, HL7 ACK, JSON).
 */
import type { OperationOutcome, Task } from '@medplum/fhirtypes';
import { issue, unprocessableIssues } from '../../fhir/outcomes.ts';
import { flatStatusMessage } from './flat-status.ts';
import { hl7Ack, hl7StatusMessage } from './hl7-status.ts';
import { rivResponse } from './riv-response.ts';
import { rivStatusMessage } from './riv-status.ts';
import { statusOf } from './task-status.ts';

export type { StatusRecord, StatusKind } from './task-status.ts';
export { statusOf, kindOf } from './task-status.ts';

export type TaskMessageResult = { readonly text: string; readonly contentType: string } | { readonly outcome: OperationOutcome } | { readonly none: true };

export interface TaskMessageOptions {
  /** The referral id (`HSA-id#local-id`) when Task.focus carries no identifier. */
  readonly referralId?: string;
  /** FHIR dateTime used when the Task has no lastModified. */
  readonly now: string;
  /** HL7 MSH-5 receiving application. */
  readonly receiver?: string;
}

export function taskToMessage(format: string, task: Task, opts: TaskMessageOptions): TaskMessageResult {
  const referralId = task.focus?.identifier?.value ?? opts.referralId;
  if (!referralId) {
    return {
      outcome: unprocessableIssues([
        issue('required', { id: 'MAP-TASK-REFERRAL-ID', text: { sv: 'Remiss-id saknas (Task.focus.identifier).', en: 'The referral id is missing (Task.focus.identifier).' }, expression: ['Task.focus.identifier.value'] }),
      ]),
    };
  }
  const s = statusOf(task, referralId, opts.now);
  if (!s) {
    return { none: true };
  }
  switch (format) {
    case 'riv':
      return { text: rivStatusMessage(s), contentType: 'application/xml' };
    case 'hl7':
      return { text: hl7StatusMessage(s, opts.receiver ?? ''), contentType: 'x-application/hl7-v2+er7' };
    case 'csv':
    case 'flat':
    case 'flat-json':
      return { text: flatStatusMessage(s), contentType: 'application/json' };
    default:
      return {
        outcome: unprocessableIssues([
          issue('not-supported', { id: 'MAP-FORMAT-UNKNOWN', text: { sv: `Okänt format "${format}".`, en: `Unknown format "${format}".` } }),
        ]),
      };
  }
}

/**
 * The synchronous reply to an inbound message in the sender's format. `outcome` is the conversion's (or the
 * validator's) OperationOutcome; none or no errors means accepted. `failed` marks our own failure
 * (RIV-TA APPLICATION_ERROR).
 */
export function inboundReply(format: string, input: string, now: string, outcome?: OperationOutcome, failed = false): { text: string; contentType: string } {
  switch (format) {
    case 'riv':
      return { text: rivResponse('ProcessRequestResponse', outcome, failed ? 'APPLICATION_ERROR' : 'VALIDATION_ERROR'), contentType: 'application/xml' };
    case 'hl7':
      return { text: hl7Ack(input, now, outcome), contentType: 'x-application/hl7-v2+er7' };
    default:
      return { text: `${JSON.stringify(outcome ?? { resourceType: 'OperationOutcome', issue: [{ severity: 'information', code: 'informational', diagnostics: 'OK' }] }, null, 2)}\n`, contentType: 'application/fhir+json' };
  }
}

export { createInboundStatusReader } from './inbound.ts';
export type { TaskChange, TaskChangeResult } from './inbound.ts';
