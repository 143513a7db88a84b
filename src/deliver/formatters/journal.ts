/**
 * RIV-TA, HL7 v2 and flat payloads for destinations whose systems speak a journal format (issue 5, issue 6):
 * a new or changed referral goes out as the referral message (ProcessRequest, REF^I12, flat provider import);
 * a Task change as the status message (RIV-TA ProcessRequestConfirmation BEK/AVV/KOM/AVB or ProcessRequestOutcome
 * SSV with the treatment summary; HL7 RRI^I12; flat status JSON). What a format has no message for (a
 * Communication in RIV-TA, an on-hold Task) is skipped with the reason; the receiver can always pull.
 */
import type { Bundle, Resource, ServiceRequest, Task } from '@medplum/fhirtypes';
import type { Mapper } from '../../map/index.ts';
import { taskToMessage } from '../../map/status/index.ts';
import type { PayloadFormat } from '../config.ts';
import type { Formatter, RenderResult } from './formatter.ts';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  riv: 'application/xml; charset=utf-8',
  hl7: 'x-application/hl7-v2+er7; charset=utf-8',
  'flat-json': 'application/json; charset=utf-8',
};

function find<K extends Resource['resourceType']>(resources: readonly Resource[], type: K): Extract<Resource, { resourceType: K }> | undefined {
  return resources.find((r): r is Extract<Resource, { resourceType: K }> => r.resourceType === type);
}

/** The stored resources as a referral bundle the mapping reads (references are `Type/id`, so are the fullUrls). */
function asBundle(resources: readonly Resource[]): Bundle {
  return {
    resourceType: 'Bundle',
    type: 'transaction',
    entry: resources.map((resource) => ({
      fullUrl: `${resource.resourceType}/${resource.id ?? ''}`,
      resource,
      request: { method: 'POST', url: resource.resourceType },
    })),
  };
}

function problems(outcome: { issue: readonly { details?: { text?: string } }[] }): string {
  return outcome.issue.map((i) => i.details?.text ?? '').filter(Boolean).join('; ').slice(0, 300);
}

export function journalFormatter(format: Extract<PayloadFormat, 'riv' | 'hl7' | 'flat'>, mapper: Mapper): Formatter {
  const mapFormat = format === 'flat' ? 'flat-json' : format;
  return {
    format,
    render({ event, resources }): RenderResult {
      const sr: ServiceRequest | undefined = find(resources, 'ServiceRequest');
      if (event.eventType === 'referral.created' || event.eventType === 'referral.updated') {
        const out = mapper.fromFhir(mapFormat, asBundle(resources));
        if ('outcome' in out) {
          throw new Error(`the referral cannot be written as ${format}: ${problems(out.outcome)}`);
        }
        return { body: out.text, contentType: CONTENT_TYPES[mapFormat] ?? 'text/plain' };
      }
      const task: Task | undefined = find(resources, 'Task');
      if ((event.eventType === 'task.status-changed' || event.eventType === 'referral.revoked') && task) {
        const referralId = sr?.identifier?.[0]?.value;
        const out = taskToMessage(mapFormat, task, { now: event.created.toISOString(), ...(referralId ? { referralId } : {}) });
        if ('none' in out) {
          return { skip: `${format} has no message for Task status ${task.status}` };
        }
        if ('outcome' in out) {
          throw new Error(`the Task change cannot be written as ${format}: ${problems(out.outcome)}`);
        }
        return { body: out.text, contentType: out.contentType };
      }
      return { skip: `${format} has no message for ${event.eventType}` };
    },
  };
}

export function journalFormatters(mapper: Mapper): Formatter[] {
  return [journalFormatter('riv', mapper), journalFormatter('hl7', mapper), journalFormatter('flat', mapper)];
}
