/**
 * Idempotent referral intake keyed on the referral identifier (system|value, docs/ig-design.md: remiss-id).
 * Call `claimIdempotency` first thing in the intake transaction. On PostgreSQL a concurrent transaction with the
 * same key blocks on the primary key until the first commits or rolls back, then gets the stored record
 * (INSERT … ON CONFLICT DO NOTHING; https://www.postgresql.org/docs/current/sql-insert.html#SQL-ON-CONFLICT),
 * so exactly one transaction stores the referral.
 */
import type { Db } from './db.ts';
import { recordEffects } from './effects.ts';

export interface IdempotencyRecord {
  readonly resourceIds: readonly string[];
  /** What the first request answered; null while (or if) it never completed. */
  readonly response: unknown;
  readonly completed: boolean;
}

export type ClaimResult = { readonly claimed: true } | { readonly claimed: false; readonly existing: IdempotencyRecord };

export async function claimIdempotency(tx: Db, system: string, value: string): Promise<ClaimResult> {
  const inserted = await tx.query(
    'INSERT INTO idempotency (key_system, key_value) VALUES ($1, $2) ON CONFLICT (key_system, key_value) DO NOTHING RETURNING key_value',
    [system, value],
  );
  if (inserted.length > 0) {
    return { claimed: true };
  }
  const existing = await getIdempotency(tx, system, value);
  if (!existing) {
    // Only reachable if the row vanished between the two statements (a concurrent claim rolled back); the
    // pg driver re-runs the transaction on 40001, so report it as a serialization failure.
    throw Object.assign(new Error('idempotency key vanished; retry'), { code: '40001' });
  }
  return { claimed: false, existing };
}

export async function completeIdempotency(
  tx: Db,
  system: string,
  value: string,
  result: { readonly resourceIds: readonly string[]; readonly response: unknown },
): Promise<void> {
  // The SQL lives in effects.ts, where a change usually completes its record together with its audit and outbox rows.
  await recordEffects(tx, { idempotency: { system, value, resourceIds: result.resourceIds, response: result.response } });
}

export async function getIdempotency(db: Db, system: string, value: string): Promise<IdempotencyRecord | undefined> {
  const rows = await db.query<{ resource_ids: string[]; response: unknown; completed_at: unknown }>(
    'SELECT resource_ids, response, completed_at FROM idempotency WHERE key_system = $1 AND key_value = $2',
    [system, value],
  );
  const row = rows[0];
  return row ? { resourceIds: row.resource_ids, response: row.response, completed: row.completed_at !== null } : undefined;
}
