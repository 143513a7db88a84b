/**
 * The writes of a referral submission, all inside the caller's transaction: the bundle's resources, the
 * Task, the AuditEvent, the outbox event and the idempotency record. Org scope on every resource:
 * requesterOrg = the referring vårdcentral, ownerOrg = the provider.
 */
import { randomUUID } from 'node:crypto';
import type { Bundle, BundleEntry, OperationOutcome, Resource, ServiceRequest, Task } from '@medplum/fhirtypes';
import { conflictOutcome, getStatus, OperationOutcomeError, outcomeError } from '../fhir/outcomes.ts';
import type { ChangeEffects, Repository, WriteContext } from '../store/index.ts';
import { auditEvent } from './audit.ts';
import { resolveBundle } from './bundle.ts';
import { HSA_SYSTEM, PROFILE, REMISS_ID_SYSTEM } from './codes.ts';
import { workflowEvent } from './events.ts';
import type { ReferralFacts } from './referral.ts';
import type { SubmitRecord } from './submit-record.ts';
import type { Actor, SubmitResult } from './types.ts';

export interface SubmitInput {
  readonly bundle: Bundle;
  readonly facts: ReferralFacts;
  readonly hash: string;
  readonly actor: Actor;
  readonly now: Date;
  readonly outcome: OperationOutcome;
}

export async function storeNewReferral(tx: Repository, input: SubmitInput): Promise<SubmitResult> {
  const { facts, actor, now } = input;
  const ctx = writeContext(actor, facts.requesterOrg, facts.ownerOrg);
  const resolved = resolveBundle(input.bundle, () => randomUUID());
  // Ids are assigned in resolveBundle, so the Task can name its focus before anything is written: the referral
  // and its Task go to the store in one statement.
  const draftTask = newTask(serviceRequestOf(resolved.map((e) => e.resource)), facts, now);
  const written = await tx.createMany([...resolved.map((e) => e.resource), draftTask], ctx);
  const stored = resolved.map((e, i) => ({ index: e.index, resource: written[i] ?? e.resource }));
  const serviceRequest = serviceRequestOf(stored.map((s) => s.resource));
  const task = written.at(-1);
  if (task?.resourceType !== 'Task') {
    throw new Error('createMany did not return the Task');
  }
  const srId = serviceRequest.id ?? '';
  const taskId = task.id ?? '';
  const refs = [`ServiceRequest/${srId}`, `Task/${taskId}`, ...stored.filter((s) => s.resource.resourceType !== 'ServiceRequest').map((s) => ref(s.resource))];
  const response = responseBundle(stored.map((s) => ({ resource: s.resource, status: '201 Created' })));
  // The audit, the provider's event and the idempotency record: one statement.
  await tx.recordEffects({
    audit: auditEvent({ actor, interaction: 'transaction', entities: refs, description: 'referral submitted', now }),
    outbox: [workflowEvent('referral.created', facts.ownerOrg, { serviceRequestId: srId, taskId, status: task.status })],
    idempotency: completion(input, { serviceRequestId: srId, taskId, ownerOrg: facts.ownerOrg, stored, response }),
  });
  return { created: true, response, outcome: input.outcome, serviceRequest, task };
}

/** The same referral again: nothing new, the stored answer with 200 statuses and the current versions. */
export async function repeatReferral(tx: Repository, record: SubmitRecord, outcome: OperationOutcome): Promise<SubmitResult> {
  const serviceRequest = await tx.read('ServiceRequest', record.serviceRequestId);
  const task = await tx.read('Task', record.taskId);
  const response: Bundle = {
    ...record.response,
    entry: record.response.entry?.map((e) => (e.response ? { ...e, response: { ...e.response, status: '200 OK' } } : e)),
  };
  return { created: false, response, outcome, serviceRequest, task };
}

/**
 * A new version answering "more information requested": entries are matched to the stored ones by resource
 * type and position among that type (the k-th Observation replaces the k-th Observation); matched ones get a
 * new version, extra ones are created, stored ones without a counterpart stay as they are. The Task goes back
 * to `requested` with the sub-state cleared; its owner does not change.
 */
export async function storeReferralVersion(tx: Repository, input: SubmitInput, record: SubmitRecord, task: Task): Promise<SubmitResult> {
  const { actor, now } = input;
  const ctx = writeContext(actor, record.requesterOrg, record.ownerOrg);
  const previous = new Map<string, string[]>();
  for (const e of [...record.entries].sort((a, b) => a.index - b.index)) {
    previous.set(e.resourceType, [...(previous.get(e.resourceType) ?? []), e.id]);
  }
  // The Task first, conditional on the version read: a concurrent new version of the same referral waits on
  // its row lock and then fails with 412 instead of applying a second time.
  const { businessStatus: _bs, statusReason: _reason, ...rest } = task;
  const updatedTask = await tx.update<Task>({ ...rest, status: 'requested', lastModified: now.toISOString() }, ctx, { ifMatch: task.meta?.versionId }).catch((err: unknown) => {
    throw err instanceof OperationOutcomeError && getStatus(err.outcome) === 412
      ? outcomeError(
          conflictOutcome({
            id: 'WF-REMISS-ID-CONCURRENT',
            text: { sv: 'En annan version av remissen togs emot samtidigt', en: 'Another version of this referral was received at the same time' },
            expression: ['ServiceRequest.identifier'],
          }),
        )
      : err;
  });
  const known = new Set(record.entries.map((e) => `${e.resourceType}/${e.id}`));
  const seen = new Map<string, number>();
  const resolved = resolveBundle(input.bundle, (r) => {
    const k = seen.get(r.resourceType) ?? 0;
    seen.set(r.resourceType, k + 1);
    return previous.get(r.resourceType)?.[k] ?? randomUUID();
  });
  const stored: { index: number; resource: Resource; status: string }[] = [];
  for (const e of resolved) {
    const exists = known.has(ref(e.resource));
    const resource = exists ? await tx.update(e.resource, ctx) : await tx.create(e.resource, ctx, { id: e.resource.id });
    stored.push({ index: e.index, resource, status: exists ? '200 OK' : '201 Created' });
  }
  const serviceRequest = serviceRequestOf(stored.map((s) => s.resource));
  const srId = serviceRequest.id ?? '';
  const taskId = updatedTask.id ?? '';
  const response = responseBundle(stored);
  await tx.recordEffects({
    audit: auditEvent({
      actor,
      interaction: 'update',
      entities: [`ServiceRequest/${srId}`, `Task/${taskId}`, ...stored.filter((s) => s.resource.resourceType !== 'ServiceRequest').map((s) => ref(s.resource))],
      description: 'referral new version (information requested)',
      now,
    }),
    outbox: [
      workflowEvent('referral.updated', record.ownerOrg, {
        serviceRequestId: srId,
        taskId,
        status: updatedTask.status,
        previousStatus: task.status,
        versionId: serviceRequest.meta?.versionId,
      }),
    ],
    idempotency: completion(input, { serviceRequestId: srId, taskId, ownerOrg: record.ownerOrg, stored, response }),
  });
  return { created: false, response, outcome: input.outcome, serviceRequest, task: updatedTask };
}

function newTask(sr: ServiceRequest, facts: ReferralFacts, now: Date): Task {
  const performerRef = facts.ownerFromDirectory ? undefined : sr.performer?.[0]?.reference;
  return {
    resourceType: 'Task',
    meta: { profile: [PROFILE.task] },
    identifier: [{ system: REMISS_ID_SYSTEM, value: facts.remissId }],
    status: 'requested',
    intent: 'order',
    focus: { reference: `ServiceRequest/${sr.id ?? ''}` },
    for: sr.subject,
    ...(sr.requester ? { requester: sr.requester } : {}),
    owner: {
      ...(performerRef ? { reference: performerRef } : {}),
      type: 'Organization',
      identifier: { system: HSA_SYSTEM, value: facts.ownerOrg },
      ...(facts.ownerName ? { display: facts.ownerName } : {}),
    },
    authoredOn: now.toISOString(),
    lastModified: now.toISOString(),
  };
}

/** The idempotency record a stored referral completes: what a repeat of it will be answered with. */
function completion(
  input: SubmitInput,
  r: { serviceRequestId: string; taskId: string; ownerOrg: string; stored: readonly { index: number; resource: Resource }[]; response: Bundle },
): NonNullable<ChangeEffects['idempotency']> {
  const record: SubmitRecord = {
    kind: 'rb-referral-submit',
    contentHash: input.hash,
    requesterOrg: input.facts.requesterOrg,
    ownerOrg: r.ownerOrg,
    serviceRequestId: r.serviceRequestId,
    taskId: r.taskId,
    entries: r.stored.map((s) => ({ index: s.index, resourceType: s.resource.resourceType, id: s.resource.id ?? '' })),
    response: r.response,
  };
  return {
    system: REMISS_ID_SYSTEM,
    value: input.facts.remissId,
    resourceIds: [...r.stored.map((s) => ref(s.resource)), `Task/${r.taskId}`],
    response: record,
  };
}

function responseBundle(entries: readonly { resource: Resource; status: string }[]): Bundle {
  return {
    resourceType: 'Bundle',
    type: 'transaction-response',
    entry: entries.map(({ resource, status }): BundleEntry => {
      const version = resource.meta?.versionId ?? '1';
      return {
        response: {
          status,
          location: `${ref(resource)}/_history/${version}`,
          etag: `W/"${version}"`,
          ...(resource.meta?.lastUpdated ? { lastModified: resource.meta.lastUpdated } : {}),
        },
      };
    }),
  };
}

function serviceRequestOf(resources: readonly Resource[]): ServiceRequest {
  const sr = resources.find((r): r is ServiceRequest => r.resourceType === 'ServiceRequest');
  if (!sr) {
    throw new Error('referral bundle without ServiceRequest reached the store step');
  }
  return sr;
}

function ref(resource: Resource): string {
  return `${resource.resourceType}/${resource.id ?? ''}`;
}

function writeContext(actor: Actor, requesterOrg: string, ownerOrg: string): WriteContext {
  return { actor: { org: actor.orgHsaId, user: actor.userId }, orgs: { requesterOrg, ownerOrg } };
}
