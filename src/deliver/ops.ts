/**
 * Operations for people (standards.md §5, "per-channel dashboard", "reprocessing from the original"): queue depth
 * and dead letters per destination, reprocess, pause/resume. Library functions; the admin router and the CLI are
 * thin shells over them.
 */
import type { Db, OutboxRow } from '../store/index.ts';
import { toDate, toDateOrNull, toNumber, toStringOrNull } from '../store/rows.ts';
import type { RawOutboxRow } from './queue.ts';
import { OUTBOX_COLUMNS, toRow } from './queue.ts';

export interface QueueStats {
  readonly destination: string;
  /** A destination row exists (else events wait for one: the organisation pulls its inbox). */
  readonly configured: boolean;
  readonly paused: boolean;
  readonly pending: number;
  /** Pending and due now (not waiting for a retry time). */
  readonly due: number;
  readonly inFlight: number;
  readonly dead: number;
  readonly oldestPendingAgeMs: number | null;
}

export async function queueStats(db: Db, now: Date): Promise<QueueStats[]> {
  const rows = await db.query<{ destination: string; configured: boolean; paused: boolean; pending: unknown; due: unknown; in_flight: unknown; dead: unknown; oldest: unknown }>(
    `WITH q AS (
       SELECT destination,
         count(*) FILTER (WHERE status = 'pending') AS pending,
         count(*) FILTER (WHERE status = 'pending' AND next_attempt_at <= $1::timestamptz
                          AND (locked_until IS NULL OR locked_until <= $1::timestamptz)) AS due,
         count(*) FILTER (WHERE status = 'pending' AND locked_until > $1::timestamptz) AS in_flight,
         count(*) FILTER (WHERE status = 'dead') AS dead,
         min(created) FILTER (WHERE status = 'pending') AS oldest
       FROM outbox WHERE status <> 'delivered' GROUP BY destination),
     names AS (SELECT destination FROM q UNION SELECT destination FROM delivery_destinations UNION SELECT destination FROM delivery_pauses)
     SELECT n.destination,
       EXISTS (SELECT 1 FROM delivery_destinations d WHERE d.destination = n.destination) AS configured,
       EXISTS (SELECT 1 FROM delivery_pauses p WHERE p.destination = n.destination) AS paused,
       COALESCE(q.pending, 0) AS pending, COALESCE(q.due, 0) AS due, COALESCE(q.in_flight, 0) AS in_flight,
       COALESCE(q.dead, 0) AS dead, q.oldest
     FROM names n LEFT JOIN q ON q.destination = n.destination ORDER BY n.destination`,
    [now.toISOString()],
  );
  return rows.map((r) => {
    const oldest = toDateOrNull(r.oldest);
    return {
      destination: r.destination,
      configured: r.configured,
      paused: r.paused,
      pending: toNumber(r.pending),
      due: toNumber(r.due),
      inFlight: toNumber(r.in_flight),
      dead: toNumber(r.dead),
      oldestPendingAgeMs: oldest ? Math.max(0, now.getTime() - oldest.getTime()) : null,
    };
  });
}

export interface ListOptions {
  readonly destination?: string;
  readonly limit?: number;
  readonly offset?: number;
}

export async function listDeadLetters(db: Db, options: ListOptions = {}): Promise<OutboxRow[]> {
  return listByStatus(db, 'dead', options);
}

export async function listPending(db: Db, options: ListOptions = {}): Promise<OutboxRow[]> {
  return listByStatus(db, 'pending', options);
}

async function listByStatus(db: Db, status: 'dead' | 'pending', options: ListOptions): Promise<OutboxRow[]> {
  const rows = await db.query<RawOutboxRow>(
    `SELECT ${OUTBOX_COLUMNS} FROM outbox o WHERE o.status = $1 AND ($2::text IS NULL OR o.destination = $2::text)
     ORDER BY o.id LIMIT $3 OFFSET $4`,
    [status, options.destination ?? null, Math.min(options.limit ?? 100, 1000), options.offset ?? 0],
  );
  return rows.map(toRow);
}

export interface AttemptRow {
  readonly attemptedAt: Date;
  readonly workerId: string;
  readonly outcome: 'delivered' | 'failed';
  readonly httpStatus: number | null;
  readonly error: string | null;
  readonly durationMs: number | null;
  readonly responseExcerpt: string | null;
}

export async function listAttempts(db: Db, outboxId: number): Promise<AttemptRow[]> {
  const rows = await db.query<{ attempted_at: unknown; worker_id: string; outcome: 'delivered' | 'failed'; http_status: unknown; error: unknown; duration_ms: unknown; response_excerpt: unknown }>(
    `SELECT attempted_at, worker_id, outcome, http_status, error, duration_ms, response_excerpt FROM delivery_attempts WHERE outbox_id = $1 ORDER BY id`,
    [outboxId],
  );
  return rows.map((r) => ({
    attemptedAt: toDate(r.attempted_at),
    workerId: r.worker_id,
    outcome: r.outcome,
    httpStatus: r.http_status === null ? null : toNumber(r.http_status),
    error: toStringOrNull(r.error),
    durationMs: r.duration_ms === null ? null : toNumber(r.duration_ms),
    responseExcerpt: toStringOrNull(r.response_excerpt),
  }));
}

export type ReprocessSelector = { readonly ids: readonly number[] } | { readonly destination: string } | { readonly all: true };

/**
 * Puts dead letters back in the queue from the stored original (the same outbox row: same payload, same
 * idempotency key), with a fresh attempt budget. Returns the ids requeued.
 */
export async function reprocess(db: Db, selector: ReprocessSelector, now: Date): Promise<number[]> {
  const where = 'ids' in selector ? 'id = ANY($2::bigint[])' : 'destination' in selector ? 'destination = $2' : '$2::text IS NULL';
  const param = 'ids' in selector ? selector.ids.map(String) : 'destination' in selector ? selector.destination : null;
  const rows = await db.query<{ id: unknown }>(
    `UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at = $1::timestamptz, last_error = NULL,
       locked_by = NULL, locked_until = NULL, requeued_at = $1::timestamptz
     WHERE status = 'dead' AND ${where} RETURNING id`,
    [now.toISOString(), param],
  );
  return rows.map((r) => toNumber(r.id)).sort((a, b) => a - b);
}

/** Pauses a destination: its queue is kept, nothing is claimed until `resumeDestination`. */
export async function pauseDestination(db: Db, destination: string, now: Date, by?: string): Promise<void> {
  await db.query(
    `INSERT INTO delivery_pauses (destination, paused_at, paused_by) VALUES ($1, $2::timestamptz, $3) ON CONFLICT (destination) DO NOTHING`,
    [destination, now.toISOString(), by ?? null],
  );
}

export async function resumeDestination(db: Db, destination: string): Promise<boolean> {
  const rows = await db.query('DELETE FROM delivery_pauses WHERE destination = $1 RETURNING destination', [destination]);
  return rows.length > 0;
}

export async function isPaused(db: Db, destination: string): Promise<boolean> {
  const rows = await db.query('SELECT 1 FROM delivery_pauses WHERE destination = $1', [destination]);
  return rows.length > 0;
}
