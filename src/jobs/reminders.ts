/**
 * A reminder: an rb-referral-communication (category `reminder`, basedOn → the referral, about → the Task) to the
 * provider and/or the referrer, optionally with a Task businessStatus flag, and outbox `communication.created`
 * events to each recipient, all in ONE transaction with the "once" mark, so a reminder is sent exactly once or
 * not at all. Texts are Swedish (clinician-facing), without patient data.
 */
import type { Communication, Organization, Reference, Task } from '@medplum/fhirtypes';
import { OperationOutcomeError } from '../fhir/outcomes.ts';
import type { Repository } from '../store/index.ts';
import { auditEvent } from '../workflow/audit.ts';
import { claimMark } from './marks.ts';
import type { TaskRow } from './tasks.ts';
import { BUSINESS_STATUS_SYSTEM } from './tasks.ts';

export const COMMUNICATION_CATEGORY_SYSTEM = 'https://remissbrygga.se/fhir/CodeSystem/rb-communication-category';
const HSA_SYSTEM = 'urn:oid:1.2.752.29.4.19';

/** businessStatus values the watch jobs own; any other (e.g. information-requested) is left as it is. */
const WATCH_STATUSES = new Set(['start-overdue', 'rating-missing', 'no-response']);

export interface ReminderSpec {
  readonly job: string;
  readonly mark: string;
  readonly row: TaskRow;
  readonly to: readonly ('provider' | 'referrer')[];
  readonly text: string;
  readonly now: Date;
  /** rb-task-business-status code to set on the Task. */
  readonly flag?: string;
}

/** Sends it unless this (job, Task, mark) was already done; true when sent now. */
export async function sendReminder(repo: Repository, spec: ReminderSpec): Promise<boolean> {
  const { task } = spec.row;
  const taskId = task.id ?? '';
  const srRef = task.focus?.reference;
  const srId = srRef?.startsWith('ServiceRequest/') ? srRef.slice('ServiceRequest/'.length) : taskId;
  const orgs = { ownerOrg: spec.row.ownerOrg ?? undefined, requesterOrg: spec.row.requesterOrg ?? undefined };
  const ctx = { orgs, actor: { user: `job:${spec.job}` } };
  const recipients = spec.to.flatMap((who) => {
    const org = who === 'provider' ? spec.row.ownerOrg : spec.row.requesterOrg;
    return org ? [{ who, org }] : [];
  });
  if (recipients.length === 0) {
    return false;
  }
  try {
    return await repo.transaction(async (tx) => {
      if (!(await claimMark(tx.db, spec.job, `Task/${taskId}`, spec.mark, spec.now))) {
        return false;
      }
      if (spec.flag && !(task.businessStatus && !WATCH_STATUSES.has(currentCode(task) ?? ''))) {
        const flagged: Task = { ...task, businessStatus: { coding: [{ system: BUSINESS_STATUS_SYSTEM, code: spec.flag }] }, lastModified: spec.now.toISOString() };
        // If-Match: a provider who changed the Task meanwhile wins; the whole reminder is retried next run.
        await tx.update(flagged, ctx, { ifMatch: task.meta?.versionId });
      }
      const communication: Communication = {
        resourceType: 'Communication',
        status: 'completed',
        category: [{ coding: [{ system: COMMUNICATION_CATEGORY_SYSTEM, code: 'reminder' }] }],
        ...(srRef ? { basedOn: [{ reference: srRef }] } : {}),
        about: [{ reference: `Task/${taskId}` }],
        ...(task.for?.reference?.startsWith('Patient/') ? { subject: { reference: task.for.reference } } : {}),
        sent: spec.now.toISOString(),
        recipient: recipients.map((r): Reference<Organization> => ({ type: 'Organization', identifier: { system: HSA_SYSTEM, value: r.org } })),
        payload: [{ contentString: spec.text }],
      };
      const stored = await tx.create(communication, ctx);
      // The system's own writes are audited like anyone's: who = the job, what = the Communication (and the Task).
      const audit = auditEvent({
        actor: { orgHsaId: '', userId: `job:${spec.job}`, roles: ['system'] },
        interaction: 'create',
        entities: [`Communication/${stored.id ?? ''}`, `Task/${taskId}`],
        description: `reminder (${spec.mark})`,
        now: spec.now,
      });
      await tx.recordEffects({
        audit,
        outbox: recipients.map((r) => ({
          destination: r.org,
          eventType: 'communication.created',
          aggregateKey: srId,
          payload: { communicationId: stored.id, serviceRequestId: srId, taskId },
        })),
      });
      return true;
    });
  } catch (err) {
    // A concurrent change (412/409) rolls everything back, mark included: the next run tries again.
    if (err instanceof OperationOutcomeError && (err.outcome.id === 'precondition-failed' || err.outcome.id === 'conflict')) {
      return false;
    }
    throw err;
  }
}

function currentCode(task: Task): string | undefined {
  return task.businessStatus?.coding?.find((c) => c.system === BUSINESS_STATUS_SYSTEM)?.code;
}
