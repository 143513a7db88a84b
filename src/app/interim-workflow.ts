/**
 * INTERIM workflow: a small real implementation of the contract (contract-workflow.md) so the server runs and
 * its tests exercise real storage before src/workflow is merged. The lead replaces it in compose.ts with
 * `import * as workflow from '../workflow/index.ts'`. Deliberately minimal: no outbox events, a plain state
 * table, no "more information requested" loop; the real rules live in src/workflow.
 */
import type { Bundle, BundleEntry, Communication, Resource, ServiceRequest, Task } from '@medplum/fhirtypes';
import { randomUUID } from 'node:crypto';
import {
  conflictOutcome,
  forbiddenOutcome,
  notFoundOutcome,
  outcomeError,
  unprocessableIssues,
  unprocessableOutcome,
} from '../fhir/outcomes.ts';
import type { OrgScope } from '../store/index.ts';
import { HSA_SYSTEMS } from '../store/index.ts';
import type { Actor, SubmitResult, WorkflowDeps } from '../workflow/types.ts';

const has = (actor: Actor, ...roles: Actor['roles'][number][]): boolean => actor.roles.some((r) => roles.includes(r));

export function scopeFor(actor: Actor): OrgScope | undefined {
  if (has(actor, 'admin', 'system')) {
    return undefined;
  }
  return {
    ...(has(actor, 'provider') ? { ownerOrg: actor.orgHsaId } : {}),
    ...(has(actor, 'referrer') ? { requesterOrg: actor.orgHsaId } : {}),
  };
}

function unprocessable(id: string, sv: string, en: string, expression?: string): Error {
  return outcomeError(unprocessableOutcome({ id, text: { sv, en }, ...(expression ? { expression: [expression] } : {}) }));
}

function hsaOf(resource: Resource | undefined): string | undefined {
  if (resource?.resourceType !== 'Organization') {
    return undefined;
  }
  return resource.identifier?.find((i) => i.system && HSA_SYSTEMS.includes(i.system))?.value;
}

/** Replaces every `reference` equal to a key of `map`, anywhere in the resource. */
function rewrite<T>(value: T, map: ReadonlyMap<string, string>): T {
  return JSON.parse(JSON.stringify(value), (key, v: unknown) => (key === 'reference' && typeof v === 'string' ? (map.get(v) ?? v) : v)) as T;
}

export async function submitReferral(deps: WorkflowDeps, bundle: Bundle, actor: Actor): Promise<SubmitResult> {
  if (!has(actor, 'referrer', 'system')) {
    throw outcomeError(forbiddenOutcome({ id: 'WF-ROLE', text: { sv: 'Endast remittenter kan skicka remisser', en: 'Only referrers can submit referrals' } }));
  }
  const outcome = await deps.validate(bundle);
  const errors = outcome.issue.filter((i) => i.severity === 'error' || i.severity === 'fatal');
  if (errors.length > 0) {
    throw outcomeError(unprocessableIssues(errors));
  }
  const warnings = { resourceType: 'OperationOutcome' as const, issue: outcome.issue.filter((i) => !errors.includes(i)) };
  const entries = bundle.entry ?? [];
  const srIndex = entries.findIndex((e) => e.resource?.resourceType === 'ServiceRequest');
  const srEntry = entries[srIndex]?.resource;
  const key = srEntry?.resourceType === 'ServiceRequest' ? srEntry.identifier?.[0] : undefined;
  if (!key?.system || !key.value) {
    throw unprocessable('WF-REFERRAL-ID', 'Remissen saknar remiss-id', 'The referral has no identifier', `Bundle.entry[${srIndex}].resource.identifier`);
  }
  const { system, value } = key;
  return deps.repo.transaction(async (repo) => {
    const claim = await repo.claimIdempotency(system, value);
    if (!claim.claimed) {
      const [srId, taskId] = claim.existing.resourceIds;
      if (!srId || !taskId) {
        throw outcomeError(conflictOutcome({ id: 'WF-IN-PROGRESS', text: { sv: 'Remissen behandlas redan', en: 'The referral is being processed' } }));
      }
      const response = claim.existing.response as Bundle;
      return { created: false, response, outcome: warnings, serviceRequest: await repo.read('ServiceRequest', srId), task: await repo.read('Task', taskId) };
    }
    const ids = new Map<string, string>();
    entries.forEach((e) => {
      if (e.fullUrl && e.resource) {
        ids.set(e.fullUrl, `${e.resource.resourceType}/${randomUUID()}`);
      }
    });
    const performerRef = srEntry?.resourceType === 'ServiceRequest' ? srEntry.performer?.[0]?.reference : undefined;
    const performer = entries.find((e) => e.fullUrl === performerRef)?.resource;
    const orgs = { requesterOrg: actor.orgHsaId, ...(hsaOf(performer) ? { ownerOrg: hsaOf(performer) } : {}) };
    const ctx = { actor: { org: actor.orgHsaId, user: actor.userId }, orgs };
    const responseEntries: BundleEntry[] = [];
    let serviceRequest: ServiceRequest | undefined;
    for (const e of entries) {
      if (!e.resource) {
        continue;
      }
      const ref = e.fullUrl ? ids.get(e.fullUrl) : undefined;
      const stored = await repo.create(rewrite(e.resource, ids), ctx, ref ? { id: ref.split('/')[1] } : {});
      if (stored.resourceType === 'ServiceRequest') {
        serviceRequest = stored;
      }
      responseEntries.push({ response: { status: '201 Created', location: `${stored.resourceType}/${stored.id ?? ''}/_history/1`, etag: 'W/"1"' } });
    }
    if (!serviceRequest?.id) {
      throw unprocessable('WF-NO-SERVICEREQUEST', 'Remissen saknas i Bundle', 'No ServiceRequest in the Bundle', 'Bundle.entry');
    }
    const performerRef0 = serviceRequest.performer?.[0]?.reference;
    const owner: Task['owner'] = orgs.ownerOrg
      ? { ...(performerRef0 ? { reference: performerRef0 } : {}), type: 'Organization', identifier: { system: HSA_SYSTEMS[0], value: orgs.ownerOrg } }
      : undefined;
    const task = await repo.create<Task>(
      {
        resourceType: 'Task',
        status: 'requested',
        intent: 'order',
        focus: { reference: `ServiceRequest/${serviceRequest.id}` },
        for: serviceRequest.subject,
        ...(owner ? { owner } : {}),
        authoredOn: deps.now().toISOString(),
      },
      ctx,
    );
    const response: Bundle = { resourceType: 'Bundle', type: 'transaction-response', entry: responseEntries };
    await repo.completeIdempotency(system, value, { resourceIds: [serviceRequest.id, task.id ?? ''], response });
    return { created: true, response, outcome: warnings, serviceRequest, task };
  });
}

/** Allowed Task transitions (standards.md §5, simplified; the real table lives in src/workflow). */
const NEXT: Readonly<Partial<Record<Task['status'], readonly Task['status'][]>>> = {
  requested: ['received', 'rejected', 'cancelled'],
  received: ['accepted', 'rejected', 'cancelled'],
  accepted: ['in-progress', 'cancelled'],
  'in-progress': ['on-hold', 'completed', 'failed'],
  'on-hold': ['in-progress', 'failed'],
};

export async function transitionTask(deps: WorkflowDeps, taskId: string, proposed: Task, actor: Actor, ifMatch?: string): Promise<Task> {
  const scope = scopeFor(actor);
  const current = await deps.repo.read('Task', taskId, scope ? { orgScope: scope } : {});
  if (!has(actor, 'provider', 'system')) {
    throw outcomeError(forbiddenOutcome({ id: 'WF-ROLE', text: { sv: 'Endast mottagaren kan ändra uppdraget', en: 'Only the provider can change the task' } }));
  }
  if (proposed.status !== current.status && !(NEXT[current.status] ?? []).includes(proposed.status)) {
    throw unprocessable('WF-TRANSITION', `Otillåten övergång ${current.status} → ${proposed.status}`, `Illegal transition ${current.status} → ${proposed.status}`, 'Task.status');
  }
  const next: Task = { ...proposed, focus: current.focus, ...(current.owner ? { owner: current.owner } : {}), ...(current.for ? { for: current.for } : {}) };
  return deps.repo.update(next, { actor: { org: actor.orgHsaId, user: actor.userId } }, ifMatch ? { ifMatch } : {});
}

export async function updateServiceRequest(deps: WorkflowDeps, proposed: ServiceRequest, actor: Actor, ifMatch?: string): Promise<ServiceRequest> {
  const scope = scopeFor(actor);
  const current = await deps.repo.read('ServiceRequest', proposed.id ?? '', scope ? { orgScope: scope } : {});
  if (!has(actor, 'referrer', 'system')) {
    throw outcomeError(forbiddenOutcome({ id: 'WF-ROLE', text: { sv: 'Endast remittenten kan ändra remissen', en: 'Only the referrer can change the referral' } }));
  }
  if (proposed.status !== current.status && proposed.status !== 'revoked') {
    throw unprocessable('WF-SR-STATUS', 'Remissen kan bara återkallas (status revoked)', 'A referral can only be withdrawn (status revoked)', 'ServiceRequest.status');
  }
  return deps.repo.update({ ...current, status: proposed.status, ...(proposed.note ? { note: proposed.note } : {}) }, { actor: { org: actor.orgHsaId, user: actor.userId } }, ifMatch ? { ifMatch } : {});
}

export async function postCommunication(deps: WorkflowDeps, communication: Communication, actor: Actor): Promise<Communication> {
  const ref = [...(communication.basedOn ?? []), ...(communication.partOf ?? [])].map((r) => r.reference).find((r) => r?.startsWith('ServiceRequest/'));
  if (!ref) {
    throw unprocessable('WF-COMM-REFERRAL', 'Meddelandet måste gälla en remiss', 'A Communication must refer to a referral', 'Communication.basedOn');
  }
  const scope = scopeFor(actor);
  let sr: ServiceRequest;
  try {
    sr = await deps.repo.read('ServiceRequest', ref.slice('ServiceRequest/'.length), scope ? { orgScope: scope } : {});
  } catch {
    throw outcomeError(notFoundOutcome({ id: 'WF-NOT-FOUND', text: { sv: `${ref} finns inte`, en: `${ref} not found` } }));
  }
  const rows = await deps.repo.db.query<{ owner_org: string | null; requester_org: string | null }>(
    'SELECT owner_org, requester_org FROM resources WHERE resource_type = $1 AND id = $2',
    ['ServiceRequest', sr.id ?? ''],
  );
  const orgs = { ownerOrg: rows[0]?.owner_org ?? undefined, requesterOrg: rows[0]?.requester_org ?? undefined };
  return deps.repo.create({ ...communication, sent: communication.sent ?? deps.now().toISOString() }, { actor: { org: actor.orgHsaId, user: actor.userId }, orgs });
}
