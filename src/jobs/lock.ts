/**
 * Single runner across instances: a job runs only while it holds an unexpired lease on its `job_locks` row. A
 * row lease (rather than a session advisory lock) works the same on PGlite and on a pooled PostgreSQL connection,
 * and a crashed runner's lease simply runs out.
 */
import type { Db } from '../store/index.ts';

export async function acquireJobLock(db: Db, name: string, runner: string, now: Date, leaseMs: number): Promise<boolean> {
  const rows = await db.query(
    `INSERT INTO job_locks (name, locked_by, locked_until) VALUES ($1, $2, $3::timestamptz)
     ON CONFLICT (name) DO UPDATE SET locked_by = EXCLUDED.locked_by, locked_until = EXCLUDED.locked_until
       WHERE job_locks.locked_until IS NULL OR job_locks.locked_until <= $4::timestamptz
     RETURNING name`,
    [name, runner, new Date(now.getTime() + leaseMs).toISOString(), now.toISOString()],
  );
  return rows.length > 0;
}

export async function releaseJobLock(db: Db, name: string, runner: string): Promise<void> {
  await db.query('UPDATE job_locks SET locked_by = NULL, locked_until = NULL WHERE name = $1 AND locked_by = $2', [name, runner]);
}
