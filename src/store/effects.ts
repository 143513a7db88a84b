/**
 * The bookkeeping of one change, written in ONE statement beside it: its AuditEvent, the outbox events for whoever
 * must learn of it, and the idempotency record it completes. Every workflow step writes these; one statement
 * instead of two or three is one or two round trips fewer per change (docs/benchmarks.md "Store writes").
 */
import type { AuditEvent } from '@medplum/fhirtypes';
import type { AuditContext } from './audit.ts';
import { AUDIT_COLUMNS, auditRow } from './audit.ts';
import type { Db } from './db.ts';
import type { OutboxEvent } from './outbox.ts';
import { toNumber } from './rows.ts';
import { sqlBuilder } from './search.ts';

/** Casts of the AUDIT_COLUMNS values. */
const AUDIT_CASTS = ['', '::timestamptz', '', '', '', '', '', '::jsonb'];

export interface ChangeEffects {
  readonly audit?: { readonly event: AuditEvent; readonly ctx?: AuditContext };
  /** Appended in this order (ids ascending): per aggregate they are delivered in that order. */
  readonly outbox?: readonly OutboxEvent[];
  readonly idempotency?: { readonly system: string; readonly value: string; readonly resourceIds: readonly string[]; readonly response: unknown };
}

export interface RecordedEffects {
  readonly audit: AuditEvent | undefined;
  readonly outboxIds: number[];
}

export async function recordEffects(db: Db, effects: ChangeEffects): Promise<RecordedEffects> {
  const sql = sqlBuilder();
  const ctes: string[] = [];
  const audit = effects.audit ? auditRow(effects.audit.event, effects.audit.ctx) : undefined;
  if (audit) {
    const values = audit.values.map((v, i) => `${sql.bind(v)}${AUDIT_CASTS[i] ?? ''}`);
    ctes.push(`audit AS (INSERT INTO audit_events (${AUDIT_COLUMNS}) VALUES (${values.join(', ')}))`);
  }
  const idem = effects.idempotency;
  if (idem) {
    ctes.push(
      `idem AS (UPDATE idempotency SET resource_ids = ${sql.bind([...idem.resourceIds])}::text[], response = ${sql.bind(JSON.stringify(idem.response))}::jsonb,
         completed_at = now() WHERE key_system = ${sql.bind(idem.system)} AND key_value = ${sql.bind(idem.value)})`,
    );
  }
  const events = effects.outbox ?? [];
  const rows = events.map(
    (e) =>
      `(${sql.bind(e.destination)}, ${sql.bind(e.eventType)}, ${sql.bind(e.aggregateKey)}, ${sql.bind(JSON.stringify(e.payload))}::jsonb, ` +
      `COALESCE(${sql.bind(e.nextAttemptAt?.toISOString() ?? null)}::timestamptz, now()))`,
  );
  const main =
    rows.length > 0
      ? `INSERT INTO outbox (destination, event_type, aggregate_key, payload, next_attempt_at) VALUES ${rows.join(', ')} RETURNING id`
      : 'SELECT NULL::bigint AS id WHERE false';
  if (ctes.length === 0 && rows.length === 0) {
    return { audit: undefined, outboxIds: [] };
  }
  const result = await db.query<{ id: unknown }>(`${ctes.length > 0 ? `WITH ${ctes.join(', ')} ` : ''}${main}`, sql.values);
  return { audit: audit?.stored, outboxIds: result.map((r) => toNumber(r.id)).sort((a, b) => a - b) };
}
