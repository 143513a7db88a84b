/**
 * Versioned migrations: `migrations/NNNN_name.sql`, applied in order, each in its own transaction and recorded
 * in `schema_migrations`. Every transaction first takes one advisory transaction lock, so instances starting
 * together apply each migration exactly once (the loser waits, then sees it recorded).
 */
import { readdir, readFile } from 'node:fs/promises';
import type { Db } from './db.ts';

export interface Migration {
  /** `0001` */
  readonly version: string;
  /** `0001_init` */
  readonly name: string;
  readonly sql: string;
}

/** Arbitrary but fixed key for pg_advisory_xact_lock: ASCII "rbmigr" as a number. */
const MIGRATION_LOCK_KEY = 0x72626d696772;

const MIGRATION_FILE = /^(\d{4})_[a-z0-9_]+\.sql$/;

const MIGRATIONS_DIR = new URL('./migrations/', import.meta.url);

export async function loadMigrations(dir: URL = MIGRATIONS_DIR): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((f) => MIGRATION_FILE.test(f)).sort();
  return Promise.all(
    files.map(async (file) => ({
      version: file.slice(0, 4),
      name: file.slice(0, -'.sql'.length),
      sql: await readFile(new URL(file, dir), 'utf8'),
    })),
  );
}

/** Applies the pending migrations; returns the versions it applied (empty when the schema was current). */
export async function migrate(db: Db, migrations?: readonly Migration[]): Promise<string[]> {
  const applied: string[] = [];
  for (const m of migrations ?? (await loadMigrations())) {
    const didApply = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1::bigint)', [MIGRATION_LOCK_KEY]);
      // Created under the lock: two instances racing on CREATE TABLE IF NOT EXISTS can otherwise both try.
      await tx.exec(
        'CREATE TABLE IF NOT EXISTS schema_migrations (version text PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
      );
      const done = await tx.query('SELECT 1 FROM schema_migrations WHERE version = $1', [m.version]);
      if (done.length > 0) {
        return false;
      }
      await tx.exec(m.sql);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      return true;
    });
    if (didApply) {
      applied.push(m.version);
    }
  }
  return applied;
}
