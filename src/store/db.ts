/**
 * The one database seam: a tiny interface both drivers implement, so every query is written once in the
 * PostgreSQL dialect and runs on PGlite (embedded, single connection) or a real PostgreSQL server (pool).
 */
import { migrate } from './migrate.ts';
import { openPglite } from './pglite.ts';
import { openPostgres } from './postgres.ts';

export type Driver = 'pglite' | 'postgres';

export interface Db {
  readonly driver: Driver;
  /** One parameterised statement ($1, $2 …); returns the rows. */
  query<T>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** A script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /**
   * Runs `fn` in one transaction: commit when it resolves, roll back when it throws. On PostgreSQL `fn` is
   * re-run on serialization failures and deadlocks, so it must have no side effects outside `tx`. Calling
   * `transaction` on a `tx` joins the running transaction (no nesting).
   */
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface OpenDbOptions {
  /** PostgreSQL connection string; when absent the embedded PGlite is used. */
  readonly databaseUrl?: string;
  /** PGlite data directory; when absent (and no databaseUrl) the database lives in memory. */
  readonly dataDir?: string;
  /** PostgreSQL only: schema to create (if missing) and put first on the search_path, e.g. one per test run. */
  readonly schema?: string;
  /** PostgreSQL only: pool size per instance (default 10). */
  readonly poolSize?: number;
  /** Apply pending migrations before returning (default true). */
  readonly migrate?: boolean;
  /** PostgreSQL only: errors of idle pooled connections (default: ignored, the pool replaces them). */
  readonly onIdleError?: (err: Error) => void;
}

export async function openDb(options: OpenDbOptions = {}): Promise<Db> {
  const db = options.databaseUrl
    ? await openPostgres({
        connectionString: options.databaseUrl,
        schema: options.schema,
        poolSize: options.poolSize,
        onIdleError: options.onIdleError,
      })
    : await openPglite(options.dataDir);
  if (options.migrate !== false) {
    try {
      await migrate(db);
    } catch (err) {
      await db.close();
      throw err;
    }
  }
  return db;
}
