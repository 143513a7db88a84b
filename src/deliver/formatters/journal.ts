/**
 * Journal formats over the mapping service (src/map): RIV-TA (`riv`), HL7 v2 (`hl7`) and flat JSON (`flat`).
 * - `referral.created` / `referral.updated` (to the provider): the referral in the provider's format
 *   (`Mapper.fromFhir`: RIV-TA ProcessRequest, HL7 REF^I12, flat JSON).
 * - `task.status-changed` / `referral.revoked` (a Task change): `taskToMessage` (RIV-TA Confirmation/Outcome,
 *   HL7 RRI^I12, flat status); a Task state with no message in the format is skipped.
 * - other events (e.g. `communication.created`): no journal message; skipped (the receiver pulls).
 * A mapping refusal (OperationOutcome) dead-letters the event with the issue ids as the reason.
 */
import type { Bundle, OperationOutcome, ServiceRequest, Task } from '@medplum/fhirtypes';
import type { Mapper } from '../../map/index.ts';
import { taskToMessage } from '../../map/index.ts';
import type { PayloadFormat } from '../config.ts';
import type { Formatter, RenderResult } from './formatter.ts';

const REMISS_ID_SYSTEM = 'https://remissbrygga.se/fhir/sid/remiss-id';

const CONTENT_TYPE: Readonly<Record<'riv' | 'hl7' | 'flat', string>> = {
  riv: 'application/xml; charset=utf-8',
  hl7: 'x-application/hl7-v2+er7',
  flat: 'application/json',
};

const MAP_FORMAT: Readonly<Record<'riv' | 'hl7' | 'flat', string>> = { riv: 'riv', hl7: 'hl7', flat: 'flat-json' };

export function journalFormatters(mapper: Mapper, options: { readonly receiver?: string } = {}): Formatter[] {
  return (['riv', 'hl7', 'flat'] as const).map((format) => journalFormatter(mapper, format, options.receiver));
}

function journalFormatter(mapper: Mapper, format: 'riv' | 'hl7' | 'flat', receiver: string | undefined): Formatter {
  const f: PayloadFormat = format;
  return {
    format: f,
    render({ event, resources }): RenderResult {
      switch (event.eventType) {
        case 'referral.created':
        case 'referral.updated': {
          // The mapping reads a referral Bundle; stored references are relative ("Patient/1"), so are the fullUrls.
          const bundle: Bundle = {
            resourceType: 'Bundle',
            type: 'collection',
            entry: resources.map((resource) => ({ fullUrl: `${resource.resourceType}/${resource.id ?? ''}`, resource })),
          };
          const result = mapper.fromFhir(MAP_FORMAT[format], bundle);
          return 'outcome' in result ? { error: refusal(result.outcome) } : { body: result.text, contentType: CONTENT_TYPE[format] };
        }
        case 'task.status-changed':
        case 'referral.revoked': {
          const task = resources.find((r): r is Task => r.resourceType === 'Task');
          if (!task) {
            return { error: 'the event names no Task' };
          }
          const sr = resources.find((r): r is ServiceRequest => r.resourceType === 'ServiceRequest');
          const referralId = sr?.identifier?.find((i) => i.system === REMISS_ID_SYSTEM)?.value;
          const result = taskToMessage(MAP_FORMAT[format], task, { now: new Date().toISOString(), ...(referralId ? { referralId } : {}), ...(receiver ? { receiver } : {}) });
          if ('none' in result) {
            return { skip: `Task status ${task.status} has no ${format} message` };
          }
          return 'outcome' in result ? { error: refusal(result.outcome) } : { body: result.text, contentType: result.contentType };
        }
        default:
          return { skip: `${event.eventType} has no ${format} message` };
      }
    },
  };
}

function refusal(outcome: OperationOutcome): string {
  const ids = outcome.issue.flatMap((i) => i.details?.coding?.map((c) => c.code ?? '') ?? []).filter((c) => c !== '');
  return `mapping refused: ${ids.slice(0, 10).join(', ') || 'no issue id'}`;
}

