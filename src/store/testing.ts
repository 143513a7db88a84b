/**
 * Test support: the store suites run once per driver. PGlite in memory always; real PostgreSQL when a URL is
 * given (CI sets TEST_DATABASE_URL), each run in its own fresh schema so concurrent runs never collide.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Db } from './db.ts';
import { openDb } from './db.ts';

export interface TestDriver {
  readonly name: 'pglite' | 'postgres';
  /** A migrated database for this suite (one per call on PGlite; one schema shared by all calls on PostgreSQL). */
  open(options?: { readonly migrate?: boolean }): Promise<Db>;
  /**
   * A second connection to the same database, as a second server instance would have. On PGlite (one
   * connection) it is the same database with a no-op close.
   */
  peer(db: Db): Promise<Db>;
  /** Drops what `open` created. */
  dispose(): Promise<void>;
}

export function testDrivers(testDatabaseUrl: string | undefined): TestDriver[] {
  const drivers: TestDriver[] = [pgliteDriver()];
  if (testDatabaseUrl) {
    drivers.push(postgresDriver(testDatabaseUrl));
  }
  return drivers;
}

function pgliteDriver(): TestDriver {
  return {
    name: 'pglite',
    open: (options) => openDb({ migrate: options?.migrate ?? true }),
    peer: (db) => Promise.resolve({ ...db, close: () => Promise.resolve() }),
    dispose: () => Promise.resolve(),
  };
}

function postgresDriver(databaseUrl: string): TestDriver {
  const schema = `rb_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  return {
    name: 'postgres',
    open: (options) => openDb({ databaseUrl, schema, poolSize: 5, migrate: options?.migrate ?? true }),
    peer: () => openDb({ databaseUrl, schema, poolSize: 5, migrate: false }),
    async dispose() {
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}

/** A short random suffix so every test makes its own organisations, identifiers and patients. */
export function uniqueSuffix(): string {
  return randomBytes(5).toString('hex');
}
