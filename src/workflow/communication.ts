/**
 * postCommunication: messages between the two parties of a referral, both directions (issue 4; domain.md §4:
 * questions, medication changes and sick leave need sharing, 000_c04719a0eada0e20.txt:371). The
 * Communication is tied to the referral (basedOn → ServiceRequest), sent by the caller's organisation to the
 * other party; sender and recipient are filled in when absent and must be those two when given (as
 * Organization references with the HSA-id). Outbox `communication.created` to the recipient.
 */
import type { Communication, OperationOutcomeIssue, Organization, Reference } from '@medplum/fhirtypes';
import { forbiddenOutcome, issue, outcomeError, unprocessableIssues } from '../fhir/outcomes.ts';
import type { Repository } from '../store/index.ts';
import { hasRole, isOwner, isRequester, scopeFor } from './access.ts';
import { auditEvent } from './audit.ts';
import { COMMUNICATION_CATEGORIES, CS, HSA_SYSTEM, PROFILE } from './codes.ts';
import { workflowEvent } from './events.ts';
import { idOf, orgOfReference, partiesOf } from './parties.ts';
import { taskOfReferral } from './referral-task.ts';
import type { Actor, WorkflowDeps } from './types.ts';

export async function postCommunication(deps: WorkflowDeps, communication: Communication, actor: Actor): Promise<Communication> {
  if (!hasRole(actor, 'referrer') && !hasRole(actor, 'provider')) {
    throw outcomeError(
      forbiddenOutcome({
        id: 'WF-COMM-ROLE',
        text: { sv: 'Endast remittent och mottagning kan skicka meddelanden', en: 'Only the referrer and the provider can send messages' },
      }),
    );
  }
  const issues = shapeIssues(communication);
  const validation = await deps.validate(communication);
  if (issues.length > 0 || validation.issue.some((i) => i.severity === 'error' || i.severity === 'fatal')) {
    throw outcomeError(unprocessableIssues([...validation.issue, ...issues]));
  }
  const srId = referralIdOf(communication) ?? '';
  const now = deps.now();
  const scope = scopeFor(actor);
  return deps.repo.transaction(async (tx) => {
    const sr = await tx.read('ServiceRequest', srId, scope ? { orgScope: scope } : {});
    const parties = await partiesOf(tx, await taskOfReferral(tx, srId));
    const from = isRequester(actor, parties.requesterOrg) ? 'requester' : isOwner(actor, parties.ownerOrg) ? 'owner' : undefined;
    if (!from) {
      throw outcomeError(
        forbiddenOutcome({
          id: 'WF-COMM-PARTY',
          text: { sv: 'Endast remissens två parter kan skicka meddelanden om den', en: "Only the referral's two parties can send messages about it" },
          expression: ['Communication.basedOn'],
        }),
      );
    }
    const otherOrg = from === 'requester' ? parties.ownerOrg : parties.requesterOrg;
    const partyIssues = [
      ...(await orgIssues(tx, communication.sender ? [communication.sender] : [], actor.orgHsaId, 'WF-COMM-SENDER', 'Communication.sender', 'avsändare', 'sender')),
      ...(await orgIssues(tx, communication.recipient ?? [], otherOrg, 'WF-COMM-RECIPIENT', 'Communication.recipient', 'mottagare', 'recipient')),
      ...(communication.subject && communication.subject.reference !== sr.subject.reference
        ? [invalid('WF-COMM-SUBJECT', 'Meddelandets patient är inte remissens patient', "The message's patient is not the referral's patient", 'Communication.subject')]
        : []),
    ];
    if (partyIssues.length > 0) {
      throw outcomeError(unprocessableIssues(partyIssues));
    }
    const profiles = communication.meta?.profile ?? [];
    const toStore: Communication = {
      ...communication,
      meta: { ...communication.meta, profile: profiles.includes(PROFILE.communication) ? profiles : [...profiles, PROFILE.communication] },
      status: communication.status,
      subject: { reference: sr.subject.reference },
      sent: communication.sent ?? now.toISOString(),
      sender: communication.sender ?? orgRef(actor.orgHsaId),
      recipient: communication.recipient?.length ? communication.recipient : [orgRef(otherOrg)],
    };
    const stored = await tx.create(toStore, { actor: { org: actor.orgHsaId, user: actor.userId }, orgs: parties });
    const id = stored.id ?? '';
    const audit = auditEvent({ actor, interaction: 'create', entities: [`Communication/${id}`, `ServiceRequest/${srId}`], description: 'communication sent', now });
    const category = categoryOf(stored);
    await tx.recordEffects({
      audit,
      outbox: [workflowEvent('communication.created', otherOrg, { serviceRequestId: srId, communicationId: id, ...(category ? { category } : {}) })],
    });
    return stored;
  });
}

function referralIdOf(c: Communication): string | undefined {
  return [...(c.basedOn ?? []), ...(c.partOf ?? [])].map((r) => idOf(r.reference, 'ServiceRequest')).find((id) => id !== undefined);
}

function categoryOf(c: Communication): string | undefined {
  return c.category?.flatMap((cc) => cc.coding ?? []).find((x) => x.system === CS.communicationCategory)?.code;
}

/** What the workflow itself needs, whatever the validator says: the referral, a category, a payload. */
function shapeIssues(c: Communication): OperationOutcomeIssue[] {
  const issues: OperationOutcomeIssue[] = [];
  if (!referralIdOf(c)) {
    issues.push(invalid('WF-COMM-REFERRAL', 'Meddelandet ska gälla en remiss: basedOn → ServiceRequest', 'The message must be about a referral: basedOn → ServiceRequest', 'Communication.basedOn'));
  }
  const category = categoryOf(c);
  if (!category || !COMMUNICATION_CATEGORIES.includes(category)) {
    issues.push(
      invalid(
        'WF-COMM-CATEGORY',
        `Kategori krävs från rb-communication-category (${COMMUNICATION_CATEGORIES.join(', ')})`,
        `A category from rb-communication-category is required (${COMMUNICATION_CATEGORIES.join(', ')})`,
        'Communication.category',
      ),
    );
  }
  if (!c.payload?.length) {
    issues.push(invalid('WF-COMM-PAYLOAD', 'Meddelandet saknar innehåll (payload)', 'The message has no content (payload)', 'Communication.payload'));
  }
  return issues;
}

/** Each reference must stand for the expected organisation: HSA-id, or a stored Organization / PractitionerRole of it. */
async function orgIssues(tx: Repository, refs: readonly Reference[], expected: string, id: string, path: string, sv: string, en: string): Promise<OperationOutcomeIssue[]> {
  const issues: OperationOutcomeIssue[] = [];
  for (const [i, r] of refs.entries()) {
    if ((await orgOfReference(tx, r)) !== expected) {
      issues.push(
        invalid(
          id,
          `Fel ${sv}: ange organisationen (HSA-id ${expected}) eller en av dess PractitionerRole`,
          `Wrong ${en}: give the organisation (HSA-id ${expected}) or one of its PractitionerRoles`,
          path === 'Communication.sender' ? path : `${path}[${i}]`,
        ),
      );
    }
  }
  return issues;
}

function orgRef(hsaId: string): Reference<Organization> {
  return { type: 'Organization', identifier: { system: HSA_SYSTEM, value: hsaId } };
}

function invalid(id: string, sv: string, en: string, expression: string): OperationOutcomeIssue {
  return issue('invalid', { id, text: { sv, en }, expression: [expression] });
}
