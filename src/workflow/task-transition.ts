/**
 * transitionTask: the provider (owner) moves the referral Task through the state machine (task-rules.ts); the
 * referring vårdcentral may only cancel. One transaction: read (scoped: invisible → 404), If-Match (412),
 * rule check (422 / 403), new version (history keeps who and when), AuditEvent, and an outbox
 * `task.status-changed` to the other party (normally the vårdcentral, issue 4: "the answer goes back to the
 * referrer").
 */
import type { Task } from '@medplum/fhirtypes';
import { issue, outcomeError, unprocessableIssues } from '../fhir/outcomes.ts';
import type { Repository } from '../store/index.ts';
import { hasRole, isOwner, isRequester, scopeFor } from './access.ts';
import { auditEvent } from './audit.ts';
import { CS } from './codes.ts';
import { checkIfMatch } from './etag.ts';
import { workflowEvent } from './events.ts';
import type { Parties } from './parties.ts';
import { idOf, partiesOf } from './parties.ts';
import { checkTransition } from './task-check.ts';
import type { Party, TransitionRule } from './task-rules.ts';
import type { Actor, WorkflowDeps } from './types.ts';

export async function transitionTask(deps: WorkflowDeps, taskId: string, proposed: Task, actor: Actor, ifMatch?: string): Promise<Task> {
  if (proposed.id !== undefined && proposed.id !== taskId) {
    throw outcomeError(
      unprocessableIssues([
        issue('invariant', {
          id: 'WF-ID-MISMATCH',
          text: { sv: `Task.id (${proposed.id}) stämmer inte med adressen (${taskId})`, en: `Task.id (${proposed.id}) does not match the URL (${taskId})` },
          expression: ['Task.id'],
        }),
      ]),
    );
  }
  const validation = await deps.validate(proposed);
  const errors = validation.issue.filter((i) => i.severity === 'error' || i.severity === 'fatal');
  if (errors.length > 0) {
    throw outcomeError(unprocessableIssues(validation.issue));
  }
  const now = deps.now();
  const scope = scopeFor(actor);
  return deps.repo.transaction(async (tx) => {
    const current = await tx.read('Task', taskId, scope ? { orgScope: scope } : {});
    checkIfMatch(ifMatch, 'Task', taskId, current.meta?.versionId);
    const parties = await partiesOf(tx, current);
    const rule = checkTransition(current, proposed, partiesFor(actor, parties));
    return applyTransition(tx, { current, proposed: { ...proposed, id: taskId }, rule, actor, parties, now });
  });
}

/** The caller's parties in this referral. */
export function partiesFor(actor: Actor, parties: Parties): Party[] {
  const result: Party[] = [];
  if (isOwner(actor, parties.ownerOrg)) {
    result.push('owner');
  }
  if (isRequester(actor, parties.requesterOrg)) {
    result.push('requester');
  }
  if (hasRole(actor, 'system')) {
    result.push('system');
  }
  return result;
}

export interface TransitionInput {
  readonly current: Task;
  readonly proposed: Task;
  readonly rule: TransitionRule;
  readonly actor: Actor;
  readonly parties: Parties;
  readonly now: Date;
}

/** Writes a checked transition inside the caller's transaction (also used by the withdrawal). */
export async function applyTransition(tx: Repository, t: TransitionInput): Promise<Task> {
  const { current, proposed, actor, parties, now } = t;
  const next: Task = {
    ...proposed,
    meta: current.meta,
    lastModified: now.toISOString(),
    ...executionPeriod(current, proposed, now),
  };
  const stored = await tx.update(next, { actor: { org: actor.orgHsaId, user: actor.userId }, orgs: parties }, { ifMatch: current.meta?.versionId });
  const taskId = stored.id ?? '';
  const serviceRequestId = idOf(current.focus?.reference, 'ServiceRequest') ?? '';
  const audit = auditEvent({ actor, interaction: 'update', entities: [`Task/${taskId}`, `ServiceRequest/${serviceRequestId}`], description: `task ${t.rule.name}`, now });
  // Tell the other party: the vårdcentral about the provider's moves, the provider about a cancellation.
  const destination = t.rule.by === 'requester' ? parties.ownerOrg : parties.requesterOrg;
  const businessStatus = stored.businessStatus?.coding?.find((c) => c.system === CS.taskBusinessStatus)?.code;
  await tx.recordEffects({
    audit,
    outbox: [
      workflowEvent('task.status-changed', destination, {
        serviceRequestId,
        taskId,
        status: stored.status,
        previousStatus: current.status,
        ...(businessStatus ? { businessStatus } : {}),
        versionId: stored.meta?.versionId,
      }),
    ],
  });
  return stored;
}

/** Treatment start and end on the Task (the 30-day measure reads the start, domain.md §3, 000:268). */
function executionPeriod(current: Task, proposed: Task, now: Date): Pick<Task, 'executionPeriod'> {
  const period = { ...proposed.executionPeriod };
  if (proposed.status === 'in-progress' && current.status === 'accepted' && !period.start) {
    const first = proposed.output?.find((o) => o.type.coding?.some((c) => c.system === CS.taskOutput && c.code === 'first-session-date'))?.valueDate;
    period.start = first ?? now.toISOString();
  }
  if ((proposed.status === 'completed' || proposed.status === 'failed') && !period.end) {
    period.end = now.toISOString();
  }
  return period.start || period.end ? { executionPeriod: period } : {};
}
