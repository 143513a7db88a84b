/**
 * Transactional outbox. `appendOutbox` must be called with the transaction that makes the change the event
 * reports, so both commit or neither does. Workers claim due events with `FOR UPDATE SKIP LOCKED` and a lease;
 * within one (destination, aggregate_key), typically one referral, events go out strictly in id order: an event
 * is not claimable while an earlier one for the same key is still pending (standards.md §5, "ordered
 * processing per key"). A crashed worker's lease runs out and the event becomes claimable again.
 */
import type { Db } from './db.ts';
import { recordEffects } from './effects.ts';
import { toDate, toDateOrNull, toNumber, toStringOrNull } from './rows.ts';

export interface OutboxEvent {
  readonly destination: string;
  readonly eventType: string;
  /** Ordering key, e.g. the referral's identifier or ServiceRequest id. */
  readonly aggregateKey: string;
  readonly payload: unknown;
  readonly nextAttemptAt?: Date;
}

export type OutboxStatus = 'pending' | 'delivered' | 'dead';

export interface OutboxRow {
  readonly id: number;
  readonly created: Date;
  readonly destination: string;
  readonly eventType: string;
  readonly aggregateKey: string;
  readonly payload: unknown;
  readonly status: OutboxStatus;
  readonly attempts: number;
  readonly nextAttemptAt: Date;
  readonly lockedBy: string | null;
  readonly lockedUntil: Date | null;
  readonly lastError: string | null;
}

interface RawOutboxRow {
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

const COLUMNS = 'o.id, o.created, o.destination, o.event_type, o.aggregate_key, o.payload, o.status, o.attempts, o.next_attempt_at, o.locked_by, o.locked_until, o.last_error';

export async function appendOutbox(tx: Db, event: OutboxEvent): Promise<number> {
  // The INSERT lives in effects.ts, where a change usually appends its events together with its audit row.
  const { outboxIds } = await recordEffects(tx, { outbox: [event] });
  return outboxIds[0] ?? 0;
}

export interface ClaimOptions {
  /** How long the claim holds (default 60 s); after that another worker may take the event. */
  readonly leaseMs?: number;
  /** Only this destination (one worker pool per destination queue). */
  readonly destination?: string;
}

/**
 * Claims up to `limit` due events for `workerId` until `now + leaseMs`. Two workers never get the same row:
 * rows locked by a concurrent claim are skipped, and a committed claim holds the lease.
 */
export async function claimOutbox(db: Db, workerId: string, limit: number, now: Date, options: ClaimOptions = {}): Promise<OutboxRow[]> {
  const leaseMs = options.leaseMs ?? 60_000;
  const rows = await db.query<RawOutboxRow>(
    `UPDATE outbox o SET locked_by = $1, locked_until = $3::timestamptz, attempts = o.attempts + 1
     FROM (
       SELECT c.id FROM outbox c
       WHERE c.status = 'pending' AND c.next_attempt_at <= $2::timestamptz
         AND (c.locked_until IS NULL OR c.locked_until <= $2::timestamptz)
         AND ($5::text IS NULL OR c.destination = $5::text)
         AND NOT EXISTS (
           SELECT 1 FROM outbox e
           WHERE e.destination = c.destination AND e.aggregate_key = c.aggregate_key AND e.status = 'pending' AND e.id < c.id)
       ORDER BY c.id
       LIMIT $4
       FOR UPDATE SKIP LOCKED
     ) picked
     WHERE o.id = picked.id
     RETURNING ${COLUMNS}`,
    [workerId, now.toISOString(), new Date(now.getTime() + leaseMs).toISOString(), limit, options.destination ?? null],
  );
  return rows.map(toOutboxRow).sort((a, b) => a.id - b.id);
}

export interface AttemptDetails {
  readonly at: Date;
  readonly httpStatus?: number;
  readonly durationMs?: number;
  /** Receiver's answer, already stripped of patient data by the caller (src/deliver/excerpt.ts). */
  readonly excerpt?: string;
}

/** Marks a claimed event delivered; false when `workerId` no longer holds it (lease lost). */
export function completeOutbox(db: Db, id: number, workerId: string, attempt: AttemptDetails): Promise<boolean> {
  return db.transaction(async (tx) => {
    const rows = await tx.query(
      `UPDATE outbox SET status = 'delivered', delivered_at = $3::timestamptz, locked_by = NULL, locked_until = NULL, last_error = NULL
       WHERE id = $1 AND locked_by = $2 AND status = 'pending' RETURNING id`,
      [id, workerId, attempt.at.toISOString()],
    );
    if (rows.length === 0) {
      return false;
    }
    await recordAttempt(tx, id, workerId, 'delivered', attempt, null);
    return true;
  });
}

export interface FailureDetails extends AttemptDetails {
  readonly error: string;
  /** When to try again; absent means give up (status `dead`). */
  readonly retryAt?: Date;
}

/** Records a failed attempt and releases the event for a retry at `retryAt`, or parks it as `dead`. */
export function failOutbox(db: Db, id: number, workerId: string, failure: FailureDetails): Promise<boolean> {
  return db.transaction(async (tx) => {
    const rows = await tx.query(
      `UPDATE outbox SET status = $3, next_attempt_at = COALESCE($4::timestamptz, next_attempt_at), last_error = $5,
         locked_by = NULL, locked_until = NULL
       WHERE id = $1 AND locked_by = $2 AND status = 'pending' RETURNING id`,
      [id, workerId, failure.retryAt ? 'pending' : 'dead', failure.retryAt?.toISOString() ?? null, failure.error],
    );
    if (rows.length === 0) {
      return false;
    }
    await recordAttempt(tx, id, workerId, 'failed', failure, failure.error);
    return true;
  });
}

export async function getOutbox(db: Db, id: number): Promise<OutboxRow | undefined> {
  const rows = await db.query<RawOutboxRow>(`SELECT ${COLUMNS} FROM outbox o WHERE o.id = $1`, [id]);
  return rows[0] ? toOutboxRow(rows[0]) : undefined;
}

/** Events for one aggregate (e.g. one referral), oldest first. */
export async function listOutbox(db: Db, aggregateKey: string): Promise<OutboxRow[]> {
  const rows = await db.query<RawOutboxRow>(`SELECT ${COLUMNS} FROM outbox o WHERE o.aggregate_key = $1 ORDER BY o.id`, [aggregateKey]);
  return rows.map(toOutboxRow);
}

async function recordAttempt(tx: Db, id: number, workerId: string, outcome: 'delivered' | 'failed', a: AttemptDetails, error: string | null): Promise<void> {
  await tx.query(
    `INSERT INTO delivery_attempts (outbox_id, attempted_at, worker_id, outcome, http_status, error, duration_ms, response_excerpt)
     VALUES ($1, $2::timestamptz, $3, $4, $5, $6, $7, $8)`,
    [id, a.at.toISOString(), workerId, outcome, a.httpStatus ?? null, error, a.durationMs === undefined ? null : Math.round(a.durationMs), a.excerpt ?? null],
  );
}

function toOutboxRow(r: RawOutboxRow): OutboxRow {
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
