/**
 * The delivery queue over the store's `outbox` table: claim (per destination, skipping paused or unconfigured
 * destinations, FOR UPDATE SKIP LOCKED with a lease), complete, fail (retry or dead letter), expired-lease
 * recovery. Same semantics as src/store/outbox.ts (per (destination, aggregate_key) strict id order; a lease that
 * runs out makes the event claimable again) plus what delivery needs: pauses and response excerpts.
 */
import type { Db, OutboxRow, OutboxStatus } from '../store/index.ts';
import { completeOutbox, failOutbox } from '../store/index.ts';
import type { AttemptDetails, FailureDetails } from '../store/index.ts';
import { toDate, toDateOrNull, toNumber, toStringOrNull } from '../store/rows.ts';

interface RawRow {
  id: unknown;
  created: unknown;
  destination: string;
  event_type: string;
  aggregate_key: string;
  payload: unknown;
  status: OutboxStatus;
  attempts: unknown;
  next_attempt_at: unknown;
  locked_by: unknown;
  locked_until: unknown;
  last_error: unknown;
}

export const OUTBOX_COLUMNS =
  'o.id, o.created, o.destination, o.event_type, o.aggregate_key, o.payload, o.status, o.attempts, o.next_attempt_at, o.locked_by, o.locked_until, o.last_error';

/** Claimable = pending, due, not leased, destination configured and not paused, no earlier pending event of its aggregate. */
const CLAIMABLE = `c.status = 'pending' AND c.next_attempt_at <= $1::timestamptz
  AND (c.locked_until IS NULL OR c.locked_until <= $1::timestamptz)
  AND EXISTS (SELECT 1 FROM delivery_destinations d WHERE d.destination = c.destination)
  AND NOT EXISTS (SELECT 1 FROM delivery_pauses p WHERE p.destination = c.destination)
  AND NOT EXISTS (
    SELECT 1 FROM outbox e
    WHERE e.destination = c.destination AND e.aggregate_key = c.aggregate_key AND e.status = 'pending' AND e.id < c.id)`;

/** Destinations with at least one claimable event, oldest first (one queue each). */
export async function dueDestinations(db: Db, now: Date): Promise<string[]> {
  const rows = await db.query<{ destination: string }>(
    `SELECT c.destination FROM outbox c WHERE ${CLAIMABLE} GROUP BY c.destination ORDER BY min(c.id)`,
    [now.toISOString()],
  );
  return rows.map((r) => r.destination);
}

export interface ClaimedRow extends OutboxRow {
  /** Start of the age budget: `created`, or when an operator last requeued the dead letter. */
  readonly ageBase: Date;
}

export async function claimDue(db: Db, workerId: string, destination: string, limit: number, now: Date, leaseMs: number): Promise<ClaimedRow[]> {
  const rows = await db.query<RawRow & { age_base: unknown }>(
    `UPDATE outbox o SET locked_by = $2, locked_until = $3::timestamptz, attempts = o.attempts + 1
     FROM (
       SELECT c.id FROM outbox c
       WHERE ${CLAIMABLE} AND c.destination = $4
       ORDER BY c.next_attempt_at, c.id
       LIMIT $5
       FOR UPDATE SKIP LOCKED
     ) picked
     WHERE o.id = picked.id
     RETURNING ${OUTBOX_COLUMNS}, COALESCE(o.requeued_at, o.created) AS age_base`,
    [now.toISOString(), workerId, new Date(now.getTime() + leaseMs).toISOString(), destination, limit],
  );
  return rows.map((r) => ({ ...toRow(r), ageBase: toDate(r.age_base) })).sort((a, b) => a.id - b.id);
}

/** One attempt as recorded in delivery_attempts (the store's record, with the stripped response excerpt). */
export type AttemptRecord = AttemptDetails;

/** Delivered; false when this worker no longer holds the event (its lease ran out and someone else took it). */
export const markDelivered: (db: Db, id: number, workerId: string, a: AttemptRecord) => Promise<boolean> = completeOutbox;

/** A failed attempt: back to the queue at `retryAt`, or a dead letter (no `retryAt`) with `error` as the reason. */
export const markFailed: (db: Db, id: number, workerId: string, a: FailureDetails) => Promise<boolean> = failOutbox;

export interface ExpiredLease {
  readonly id: number;
  readonly destination: string;
  readonly lockedBy: string;
  readonly attempts: number;
  readonly created: Date;
}

/**
 * Events whose worker died (lease over, still pending): records the lost attempt and frees them, or dead-letters
 * them through `decide` (the retry policy). Claim would take them anyway; this makes the crash visible and
 * enforces the attempt/age limits on attempts that never reported back.
 */
export async function recoverExpiredLeases(
  db: Db,
  now: Date,
  decide: (lease: ExpiredLease) => Promise<{ readonly retryAt?: Date; readonly reason?: string }>,
): Promise<{ released: number; dead: number }> {
  return recoverLeases(db, now, 'expired', decide);
}

/**
 * Every lease still held, whatever its end: for a process that knows no other worker can be alive, i.e. a server
 * that has just opened its own PGlite data directory (one process at a time). Its events were claimed by this
 * server's previous run, which was killed before it reported; without this they would wait out the lease
 * (60 s or more) before anyone sends them again.
 */
export async function recoverOrphanedLeases(
  db: Db,
  now: Date,
  decide: (lease: ExpiredLease) => Promise<{ readonly retryAt?: Date; readonly reason?: string }>,
): Promise<{ released: number; dead: number }> {
  return recoverLeases(db, now, 'orphaned', decide);
}

async function recoverLeases(
  db: Db,
  now: Date,
  which: 'expired' | 'orphaned',
  decide: (lease: ExpiredLease) => Promise<{ readonly retryAt?: Date; readonly reason?: string }>,
): Promise<{ released: number; dead: number }> {
  const rows = await db.query<{ id: unknown; destination: string; locked_by: string; attempts: unknown; created: unknown }>(
    `SELECT id, destination, locked_by, attempts, COALESCE(requeued_at, created) AS created FROM outbox
     WHERE status = 'pending' AND locked_until IS NOT NULL AND (locked_until <= $1::timestamptz OR $2::boolean) ORDER BY id LIMIT 1000`,
    [now.toISOString(), which === 'orphaned'],
  );
  let released = 0;
  let dead = 0;
  for (const r of rows) {
    const lease: ExpiredLease = { id: toNumber(r.id), destination: r.destination, lockedBy: r.locked_by, attempts: toNumber(r.attempts), created: toDate(r.created) };
    const decision = await decide(lease);
    const what = which === 'expired' ? 'lease expired' : 'found at start-up';
    const error = `${what} (worker ${lease.lockedBy.slice(0, 80)} did not report)${decision.retryAt ? '' : `; ${decision.reason ?? 'giving up'}`}`;
    const ok = await markFailed(db, lease.id, lease.lockedBy, { at: now, error, retryAt: decision.retryAt ?? undefined });
    if (ok) {
      if (decision.retryAt) {
        released++;
      } else {
        dead++;
      }
    }
  }
  return { released, dead };
}

export function toRow(r: RawRow): OutboxRow {
  return {
    id: toNumber(r.id),
    created: toDate(r.created),
    destination: r.destination,
    eventType: r.event_type,
    aggregateKey: r.aggregate_key,
    payload: r.payload,
    status: r.status,
    attempts: toNumber(r.attempts),
    nextAttemptAt: toDate(r.next_attempt_at),
    lockedBy: toStringOrNull(r.locked_by),
    lockedUntil: toDateOrNull(r.locked_until),
    lastError: toStringOrNull(r.last_error),
  };
}
export type { RawRow as RawOutboxRow };
