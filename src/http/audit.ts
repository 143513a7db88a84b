/**
 * One AuditEvent per read, search and write (and per denied attempt with a known caller): who (organisation and
 * user), what (Type/id), action, outcome, time. No patient data: never the query string, never resource content.
 * https://hl7.org/fhir/R4/auditevent.html, restful-interaction codes.
 */
import type { AuditEvent, AuditEventAgent, AuditEventEntity, ResourceType } from '@medplum/fhirtypes';
import type { Repository } from '../store/index.ts';
import { HSA_SYSTEMS } from '../store/index.ts';
import type { Actor } from '../workflow/types.ts';

export type Interaction = 'read' | 'vread' | 'history-instance' | 'search-type' | 'create' | 'update' | 'patch' | 'transaction' | 'operation';

const ACTION: Readonly<Record<Interaction, AuditEvent['action']>> = {
  read: 'R',
  vread: 'R',
  'history-instance': 'R',
  'search-type': 'E',
  create: 'C',
  update: 'U',
  patch: 'U',
  transaction: 'C',
  operation: 'E',
};

export interface AuditInput {
  readonly actor: Actor;
  readonly interaction: Interaction;
  /** `Type/id` references of what was touched; for a search the returned resources. */
  readonly entities: readonly string[];
  /** Resource type acted on (search, create). */
  readonly resourceType?: ResourceType;
  readonly status: number;
  readonly requestId: string;
}

function outcomeCode(status: number): AuditEvent['outcome'] {
  return status < 400 ? '0' : status < 500 ? '4' : '8';
}

export function auditEvent(input: AuditInput, now: Date = new Date()): AuditEvent {
  const hsa = HSA_SYSTEMS[0] ?? 'urn:oid:1.2.752.29.4.19';
  const entities: AuditEventEntity[] = input.entities.slice(0, 100).map((reference) => ({ what: { reference } }));
  if (input.resourceType && entities.length === 0) {
    entities.push({ what: { type: input.resourceType } });
  }
  const agent: AuditEventAgent[] = [{ who: { identifier: { value: input.actor.userId } }, requestor: true, role: input.actor.roles.map((r) => ({ text: r })) }];
  if (input.actor.orgHsaId) {
    agent.unshift({ who: { type: 'Organization', identifier: { system: hsa, value: input.actor.orgHsaId } }, requestor: false });
  }
  return {
    resourceType: 'AuditEvent',
    type: { system: 'http://terminology.hl7.org/CodeSystem/audit-event-type', code: 'rest', display: 'RESTful Operation' },
    subtype: [{ system: 'http://hl7.org/fhir/restful-interaction', code: input.interaction }],
    action: ACTION[input.interaction],
    recorded: now.toISOString(),
    outcome: outcomeCode(input.status),
    outcomeDesc: `HTTP ${input.status}`,
    agent,
    source: { observer: { display: 'remissbrygga' }, site: input.requestId },
    entity: entities,
  };
}

export async function recordAuditEvent(repo: Repository, input: AuditInput): Promise<void> {
  await repo.recordAudit(auditEvent(input), { ...(input.actor.orgHsaId ? { agentOrg: input.actor.orgHsaId } : {}), agentUser: input.actor.userId });
}
