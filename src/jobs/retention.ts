/**
 * Job 6, retention: delivered outbox events older than `deliveredDays` (with their attempts), attempts older than
 * `attemptsDays`, finished job runs older than `jobRunsDays`, used client-assertion ids whose assertion expired. Pending events and dead letters stay until handled;
 * audit events are never pruned here (they are the record of who did what).
 */
import { pruneAssertions } from '../store/assertions.ts';
import { toNumber } from '../store/rows.ts';
import type { JobDefinition } from './runner.ts';
import { daysBefore } from './tasks.ts';

export const RETENTION = 'retention';

export interface RetentionOptions {
  readonly schedule: string;
  readonly deliveredDays: number;
  readonly attemptsDays: number;
  readonly jobRunsDays: number;
}

export function retentionJob(o: RetentionOptions): JobDefinition {
  return {
    name: RETENTION,
    schedule: o.schedule,
    async run({ db, now }) {
      return db.transaction(async (tx) => {
        const deliveredBefore = daysBefore(now, o.deliveredDays).toISOString();
        const attemptsOfDelivered = await tx.query<{ n: unknown }>(
          `WITH d AS (DELETE FROM delivery_attempts a USING outbox o
             WHERE a.outbox_id = o.id AND o.status = 'delivered' AND o.delivered_at < $1::timestamptz RETURNING a.id)
           SELECT count(*) AS n FROM d`,
          [deliveredBefore],
        );
        const events = await tx.query<{ n: unknown }>(
          `WITH d AS (DELETE FROM outbox WHERE status = 'delivered' AND delivered_at < $1::timestamptz RETURNING id) SELECT count(*) AS n FROM d`,
          [deliveredBefore],
        );
        const attempts = await tx.query<{ n: unknown }>(
          `WITH d AS (DELETE FROM delivery_attempts WHERE attempted_at < $1::timestamptz RETURNING id) SELECT count(*) AS n FROM d`,
          [daysBefore(now, o.attemptsDays).toISOString()],
        );
        const runs = await tx.query<{ n: unknown }>(
          `WITH d AS (DELETE FROM job_runs WHERE finished IS NOT NULL AND started < $1::timestamptz RETURNING id) SELECT count(*) AS n FROM d`,
          [daysBefore(now, o.jobRunsDays).toISOString()],
        );
        const assertions = await pruneAssertions(tx, now);
        return {
          assertions,
          deliveredEvents: toNumber(events[0]?.n),
          attempts: toNumber(attemptsOfDelivered[0]?.n) + toNumber(attempts[0]?.n),
          jobRuns: toNumber(runs[0]?.n),
        };
      });
    },
  };
}
