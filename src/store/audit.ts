/**
 * AuditEvent storage: the full resource as JSON plus indexed agent organisation, action, outcome, time and the
 * first entity reference, so the region can ask "what did organisation X do, and when" without scanning JSON.
 */
import { randomUUID } from 'node:crypto';
import type { AuditEvent, AuditEventAgent } from '@medplum/fhirtypes';
import type { Db } from './db.ts';
import { orgKey, orgKeyFromParam } from './extract.ts';
import { toNumber } from './rows.ts';
import { sqlBuilder } from './search.ts';

export interface AuditContext {
  /** Org key of the acting client (HSA-id); overrides what the event's agents say. */
  readonly agentOrg?: string;
  readonly agentUser?: string;
}

export interface AuditQuery {
  readonly agentOrg?: string;
  /** AuditEvent.action: C R U D E */
  readonly action?: string;
  /** AuditEvent.outcome: 0 4 8 12 */
  readonly outcome?: string;
  /** `Type/id` of the entity */
  readonly entity?: string;
  /** recorded >= since */
  readonly since?: Date;
  /** recorded < until */
  readonly until?: Date;
  readonly count?: number;
  readonly offset?: number;
}

export async function recordAudit(db: Db, event: AuditEvent, ctx: AuditContext = {}): Promise<AuditEvent> {
  const row = auditRow(event, ctx);
  await db.query(`INSERT INTO audit_events (${AUDIT_COLUMNS}) VALUES ($1, $2::timestamptz, $3, $4, $5, $6, $7, $8::jsonb)`, row.values);
  return row.stored;
}

export const AUDIT_COLUMNS = 'id, recorded, agent_org, agent_user, action, outcome, entity_ref, content';

/** The stored event (new id, `recorded` defaulted) and its column values in AUDIT_COLUMNS order. */
export function auditRow(event: AuditEvent, ctx: AuditContext = {}): { stored: AuditEvent; values: unknown[] } {
  const stored: AuditEvent = { ...event, id: randomUUID(), recorded: event.recorded || new Date().toISOString() };
  const agents = stored.agent;
  const requestor = agents.find((a) => a.requestor) ?? agents[0];
  const orgAgent = agents.find(isOrganisationAgent);
  return {
    stored,
    values: [
      stored.id,
      stored.recorded,
      ctx.agentOrg ?? (orgAgent?.who ? (orgKey(orgAgent.who) ?? null) : null),
      ctx.agentUser ?? requestor?.who?.identifier?.value ?? requestor?.who?.reference ?? null,
      stored.action ?? null,
      stored.outcome ?? null,
      stored.entity?.find((e) => e.what?.reference)?.what?.reference ?? null,
      JSON.stringify(stored),
    ],
  };
}

export async function searchAudit(db: Db, q: AuditQuery): Promise<{ events: AuditEvent[]; total: number }> {
  const sql = sqlBuilder();
  const where: string[] = ['true'];
  if (q.agentOrg !== undefined) {
    where.push(`agent_org = ${sql.bind(orgKeyFromParam(q.agentOrg))}`);
  }
  if (q.action !== undefined) {
    where.push(`action = ${sql.bind(q.action)}`);
  }
  if (q.outcome !== undefined) {
    where.push(`outcome = ${sql.bind(q.outcome)}`);
  }
  if (q.entity !== undefined) {
    where.push(`entity_ref = ${sql.bind(q.entity)}`);
  }
  if (q.since !== undefined) {
    where.push(`recorded >= ${sql.bind(q.since.toISOString())}::timestamptz`);
  }
  if (q.until !== undefined) {
    where.push(`recorded < ${sql.bind(q.until.toISOString())}::timestamptz`);
  }
  const condition = where.join(' AND ');
  const totals = await db.query<{ total: unknown }>(`SELECT count(*) AS total FROM audit_events WHERE ${condition}`, sql.values);
  const page = [...sql.values, q.count ?? 50, q.offset ?? 0];
  const rows = await db.query<{ content: AuditEvent }>(
    `SELECT content FROM audit_events WHERE ${condition} ORDER BY recorded DESC, id LIMIT $${page.length - 1} OFFSET $${page.length}`,
    page,
  );
  return { events: rows.map((r) => r.content), total: toNumber(totals[0]?.total) };
}

function isOrganisationAgent(agent: AuditEventAgent): boolean {
  const who = agent.who;
  return who?.type === 'Organization' || who?.reference?.startsWith('Organization/') === true;
}
