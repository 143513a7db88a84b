/**
 * updateServiceRequest: the placer's side of the referral. ServiceRequest.status stays with the placer
 * (standards.md §5); the only change the workflow takes is the withdrawal, status → revoked (issue 4
 * "The referrer withdraws by setting ServiceRequest.status = revoked"). The Task is then cancelled when it has
 * not started (requested / received / accepted), left as it is when already rejected or cancelled; once
 * treatment has started or ended the withdrawal is refused (422): the parties talk (Communication) and the
 * provider ends the Task. Outbox `referral.revoked` to the provider.
 */
import type { OperationOutcomeIssue, ServiceRequest, Task } from '@medplum/fhirtypes';
import { forbiddenOutcome, issue, outcomeError, unprocessableIssues } from '../fhir/outcomes.ts';
import type { Repository } from '../store/index.ts';
import { isRequester, scopeFor } from './access.ts';
import { auditEvent } from './audit.ts';
import { sameJson } from './canonical.ts';
import { checkIfMatch } from './etag.ts';
import { workflowEvent } from './events.ts';
import type { Parties } from './parties.ts';
import { partiesOf } from './parties.ts';
import { taskOfReferral } from './referral-task.ts';
import { checkTransition } from './task-check.ts';
import { applyTransition } from './task-transition.ts';
import type { Actor, WorkflowDeps } from './types.ts';

const MUTABLE: readonly string[] = ['status', 'meta', 'text'];

export async function updateServiceRequest(deps: WorkflowDeps, proposed: ServiceRequest, actor: Actor, ifMatch?: string): Promise<ServiceRequest> {
  const id = proposed.id;
  if (!id) {
    throw unprocessable('WF-SR-ID-MISSING', 'ServiceRequest.id saknas', 'ServiceRequest.id is missing', 'ServiceRequest.id');
  }
  const now = deps.now();
  const scope = scopeFor(actor);
  return deps.repo.transaction(async (tx) => {
    const current = await tx.read('ServiceRequest', id, scope ? { orgScope: scope } : {});
    checkIfMatch(ifMatch, 'ServiceRequest', id, current.meta?.versionId);
    const task = await taskOfReferral(tx, id);
    const parties = await partiesOf(tx, task);
    if (!isRequester(actor, parties.requesterOrg)) {
      throw outcomeError(
        forbiddenOutcome({
          id: 'WF-SR-PARTY',
          text: { sv: 'Endast remitterande vårdcentral kan ändra remissen', en: 'Only the referring vårdcentral can change the referral' },
          expression: ['ServiceRequest'],
        }),
      );
    }
    const issues = changedFields(current, proposed);
    if (issues.length > 0) {
      throw outcomeError(unprocessableIssues(issues));
    }
    if (proposed.status === current.status) {
      return current; // nothing to do
    }
    if (proposed.status !== 'revoked' || (current.status !== 'active' && current.status !== 'on-hold')) {
      throw unprocessable(
        'WF-SR-STATUS',
        `Remissens status kan bara ändras till revoked (återkallad), inte från ${current.status} till ${proposed.status}`,
        `The referral status can only change to revoked (withdrawn), not from ${current.status} to ${proposed.status}`,
        'ServiceRequest.status',
      );
    }
    await cancelTask(tx, task, actor, parties, now);
    const stored = await tx.update<ServiceRequest>({ ...current, status: 'revoked' }, { actor: { org: actor.orgHsaId, user: actor.userId }, orgs: parties }, { ifMatch: current.meta?.versionId });
    const audit = auditEvent({ actor, interaction: 'update', entities: [`ServiceRequest/${id}`, `Task/${task.id ?? ''}`], description: 'referral withdrawn', now });
    await tx.recordEffects({
      audit,
      outbox: [
        workflowEvent('referral.revoked', parties.ownerOrg, {
          serviceRequestId: id,
          taskId: task.id ?? '',
          status: 'revoked',
          previousStatus: current.status,
          versionId: stored.meta?.versionId,
        }),
      ],
    });
    return stored;
  });
}

async function cancelTask(tx: Repository, task: Task, actor: Actor, parties: Parties, now: Date): Promise<Task | undefined> {
  if (task.status === 'rejected' || task.status === 'cancelled') {
    return undefined;
  }
  if (task.status !== 'requested' && task.status !== 'received' && task.status !== 'accepted') {
    throw unprocessable(
      'WF-SR-REVOKE-STARTED',
      `Remissen kan inte återkallas: uppdraget har status ${task.status}. Kontakta mottagningen.`,
      `The referral cannot be withdrawn: the Task is ${task.status}. Contact the provider.`,
      'ServiceRequest.status',
    );
  }
  const proposed: Task = { ...task, status: 'cancelled', statusReason: { text: 'Remissen återkallad av remittenten' } };
  const rule = checkTransition(task, proposed, ['requester']);
  return applyTransition(tx, { current: task, proposed, rule, actor, parties, now });
}

function changedFields(current: ServiceRequest, proposed: ServiceRequest): OperationOutcomeIssue[] {
  const keys = [...new Set([...Object.keys(current), ...Object.keys(proposed)])].sort();
  return keys
    .filter((k) => !MUTABLE.includes(k) && !sameJson(Reflect.get(current, k), Reflect.get(proposed, k)))
    .map((k) =>
      issue('business-rule', {
        id: 'WF-SR-IMMUTABLE',
        text: { sv: `ServiceRequest.${k} får inte ändras; skicka ny remiss eller ett meddelande`, en: `ServiceRequest.${k} cannot be changed; send a new referral or a message` },
        expression: [`ServiceRequest.${k}`],
      }),
    );
}

function unprocessable(id: string, sv: string, en: string, expression: string): Error {
  return outcomeError(unprocessableIssues([issue('business-rule', { id, text: { sv, en }, expression: [expression] })]));
}
