/**
 * Used client-assertion ids (src/auth/token.ts), shared through the database by every server instance. The first
 * use of an id wins (INSERT … ON CONFLICT DO NOTHING; on PostgreSQL a concurrent second use waits on the primary
 * key and then loses); a row whose assertion has expired may be taken again (that assertion itself no longer
 * verifies, so this only reclaims the row).
 */
import type { Db } from './db.ts';

/** true when `jti` had not been used (and now is), false for a replay. */
export async function claimAssertion(db: Db, jti: string, expiresAt: Date, now: Date): Promise<boolean> {
  const rows = await db.query(
    `INSERT INTO auth_assertions (jti, expires_at) VALUES ($1, $2::timestamptz)
     ON CONFLICT (jti) DO UPDATE SET expires_at = EXCLUDED.expires_at WHERE auth_assertions.expires_at < $3::timestamptz
     RETURNING jti`,
    [jti, expiresAt.toISOString(), now.toISOString()],
  );
  return rows.length > 0;
}

/** Deletes the rows of assertions expired before `now`; returns how many. */
export async function pruneAssertions(db: Db, now: Date): Promise<number> {
  const rows = await db.query('DELETE FROM auth_assertions WHERE expires_at < $1::timestamptz RETURNING jti', [now.toISOString()]);
  return rows.length;
}
