/**
 * submitReferral: the referral intake (issue 4 "Submit"). Order of checks:
 *   1. role referrer, else 403;
 *   2. the injected validator (or the caller's outcome of it): any error → 422 with ALL its issues, nothing stored;
 *   3. the bundle facts the workflow needs (referral.ts), 422 when missing;
 *   4. the caller's organisation is the referring vårdcentral, else 403;
 *   5. in ONE transaction: claim the referral identifier (remiss-id), then store a new referral, answer a
 *      repeat, store a new version (more information was requested), or refuse (409).
 * Warnings from the validator come back in SubmitResult.outcome.
 */
import type { Bundle, OperationOutcome, OperationOutcomeIssue, Task } from '@medplum/fhirtypes';
import { conflictOutcome, forbiddenOutcome, outcomeError, unprocessableIssues } from '../fhir/outcomes.ts';
import { hasRole } from './access.ts';
import { resolveBundle } from './bundle.ts';
import { contentHash } from './canonical.ts';
import { REMISS_ID_SYSTEM } from './codes.ts';
import { analyseReferral } from './referral.ts';
import { parseSubmitRecord } from './submit-record.ts';
import { repeatReferral, storeNewReferral, storeReferralVersion } from './submit-store.ts';
import { businessStatusOf } from './task-check.ts';
import type { Actor, SubmitResult, WorkflowDeps } from './types.ts';

/**
 * `validated`: what `deps.validate` answered for this same bundle, when the caller already asked (POST /inbound
 * validates while converting a journal message); the bundle is then not validated a second time.
 */
export async function submitReferral(deps: WorkflowDeps, bundle: Bundle, actor: Actor, validated?: OperationOutcome): Promise<SubmitResult> {
  if (!hasRole(actor, 'referrer')) {
    throw outcomeError(
      forbiddenOutcome({
        id: 'WF-SUBMIT-ROLE',
        text: { sv: 'Endast remittenter (vårdcentraler) kan skicka remisser', en: 'Only referrers (vårdcentraler) can submit referrals' },
      }),
    );
  }
  const validation = validated ?? (await deps.validate(bundle));
  if (validation.issue.some(isError)) {
    throw outcomeError(unprocessableIssues(validation.issue));
  }
  const outcome: OperationOutcome = { resourceType: 'OperationOutcome', issue: validation.issue.filter((i) => !isError(i)) };
  const facts = analyseReferral(bundle, deps.directory);
  if (facts.requesterOrg !== actor.orgHsaId) {
    throw outcomeError(
      forbiddenOutcome({
        id: 'WF-SUBMIT-ORG',
        text: {
          sv: 'Remissen kan bara skickas av den vårdcentral som står som remittent',
          en: "A referral can only be submitted by the referrer's own vårdcentral",
        },
        expression: [`Bundle.entry[${facts.serviceRequestIndex}].resource.requester`],
      }),
    );
  }
  // Content identity ignores the sender's urn:uuids (regenerated on a resend by many clients) and Bundle.id/meta.
  const hash = contentHash(resolveBundle(bundle, (_r, i) => `entry-${i}`).map((e) => e.resource));
  const now = deps.now();
  const input = { bundle, facts, hash, actor, now, outcome };
  return deps.repo.transaction(async (tx) => {
    const claim = await tx.claimIdempotency(REMISS_ID_SYSTEM, facts.remissId);
    if (claim.claimed) {
      return storeNewReferral(tx, input);
    }
    const record = parseSubmitRecord(claim.existing.response);
    if (record?.requesterOrg !== facts.requesterOrg) {
      throw conflict('WF-REMISS-ID-TAKEN', 'Remiss-id används redan', 'The remiss-id is already in use');
    }
    if (record.contentHash === hash) {
      return repeatReferral(tx, record, outcome);
    }
    const task = await tx.read('Task', record.taskId);
    if (awaitingInformation(task)) {
      return storeReferralVersion(tx, input, record, task);
    }
    throw conflict(
      'WF-REMISS-ID-CONFLICT',
      `En annan remiss med samma remiss-id finns redan (uppdrag ${task.status}); en ny version tas bara emot när mer information begärts`,
      `A different referral with this remiss-id exists (task ${task.status}); a new version is accepted only when more information was requested`,
    );
  });
}

/** "More information requested": the referrer may answer with a new version (issue 4 Workflow). */
function awaitingInformation(task: Task): boolean {
  return (task.status === 'requested' || task.status === 'received') && businessStatusOf(task) === 'information-requested';
}

function isError(i: OperationOutcomeIssue): boolean {
  return i.severity === 'error' || i.severity === 'fatal';
}

function conflict(id: string, sv: string, en: string): Error {
  return outcomeError(conflictOutcome({ id, text: { sv, en }, expression: ['ServiceRequest.identifier'] }));
}
