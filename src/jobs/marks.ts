/** "Once" bookkeeping: a job acts on a subject at most once per mark (job_marks primary key). */
import type { Db } from '../store/index.ts';

/** Claims the mark; false when it was already taken (by an earlier run, or a concurrent one). */
export async function claimMark(db: Db, job: string, subject: string, mark: string, now: Date): Promise<boolean> {
  const rows = await db.query(
    'INSERT INTO job_marks (job, subject, mark, at) VALUES ($1, $2, $3, $4::timestamptz) ON CONFLICT DO NOTHING RETURNING mark',
    [job, subject, mark, now.toISOString()],
  );
  return rows.length > 0;
}

export async function hasMark(db: Db, job: string, subject: string, mark: string): Promise<boolean> {
  const rows = await db.query('SELECT 1 FROM job_marks WHERE job = $1 AND subject = $2 AND mark = $3', [job, subject, mark]);
  return rows.length > 0;
}
