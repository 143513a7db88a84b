/**
 * AuditEvents for workflow writes (issue 4 "Access and audit": who, what, when, outcome). Entities are
 * references (`Type/id`) only: no names, personal identity numbers or clinical text.
 */
import type { AuditEvent, Organization, Reference } from '@medplum/fhirtypes';
import type { AuditContext } from '../store/index.ts';
import { HSA_SYSTEM } from './codes.ts';
import type { Actor } from './types.ts';

export type Interaction = 'create' | 'update' | 'transaction';

const ACTION: Readonly<Record<Interaction, 'C' | 'U'>> = { create: 'C', update: 'U', transaction: 'C' };

export interface AuditInput {
  readonly actor: Actor;
  readonly interaction: Interaction;
  /** `Type/id` of every resource written; the first is the main entity (indexed by the store). */
  readonly entities: readonly string[];
  /** What happened, e.g. `task accept` (no patient data). */
  readonly description: string;
  readonly now: Date;
}

export function auditEvent(input: AuditInput): { event: AuditEvent; ctx: AuditContext } {
  const { actor } = input;
  const org: Reference<Organization> | undefined = actor.orgHsaId ? { type: 'Organization', identifier: { system: HSA_SYSTEM, value: actor.orgHsaId } } : undefined;
  const event: AuditEvent = {
    resourceType: 'AuditEvent',
    type: { system: 'http://terminology.hl7.org/CodeSystem/audit-event-type', code: 'rest', display: 'RESTful Operation' },
    subtype: [{ system: 'http://hl7.org/fhir/restful-interaction', code: input.interaction }],
    action: ACTION[input.interaction],
    recorded: input.now.toISOString(),
    outcome: '0',
    outcomeDesc: input.description,
    agent: [
      { who: { identifier: { value: actor.userId } }, requestor: true },
      ...(org ? [{ who: org, requestor: false }] : []),
    ],
    source: { observer: { display: 'Remissbrygga workflow' } },
    entity: input.entities.map((reference) => ({ what: { reference } })),
  };
  return { event, ctx: { ...(actor.orgHsaId ? { agentOrg: actor.orgHsaId } : {}), agentUser: actor.userId } };
}
