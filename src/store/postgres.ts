/**
 * PostgreSQL driver (node-postgres pool). Several server instances may share one database: writes use row
 * locks (`SELECT … FOR UPDATE`), unique keys and `FOR UPDATE SKIP LOCKED`, and transactions that lose a
 * serialization race or a deadlock are re-run a few times (https://www.postgresql.org/docs/current/mvcc-serialization-failure-handling.html).
 */
import pg from 'pg';
import type { Db } from './db.ts';
import { withRetry } from './sql-errors.ts';

export interface PostgresOptions {
  readonly connectionString: string;
  readonly schema?: string | undefined;
  readonly poolSize?: number | undefined;
  readonly onIdleError?: ((err: Error) => void) | undefined;
}

/** A schema name we are willing to splice into SQL (it cannot be a bind parameter). */
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export async function openPostgres(options: PostgresOptions): Promise<Db> {
  const { schema } = options;
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
    throw new Error(`invalid schema name: ${schema}`);
  }
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.poolSize ?? 10,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  pool.on('error', (err) => {
    options.onIdleError?.(err);
  });
  try {
    if (schema) {
      await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    } else {
      await pool.query('SELECT 1');
    }
  } catch (err) {
    await pool.end();
    throw err;
  }

  return {
    driver: 'postgres',
    async query<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
      const result = await pool.query(sql, [...params]);
      return result.rows as T[];
    },
    async exec(sql: string): Promise<void> {
      await pool.query(sql);
    },
    transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
      return withRetry(async () => {
        const client = await pool.connect();
        let broken: Error | undefined;
        try {
          await client.query('BEGIN');
          const result = await fn(clientDb(client));
          await client.query('COMMIT');
          return result;
        } catch (err) {
          try {
            await client.query('ROLLBACK');
          } catch (rollbackErr) {
            broken = rollbackErr instanceof Error ? rollbackErr : new Error('rollback failed');
          }
          throw err;
        } finally {
          // A connection that could not roll back is destroyed rather than handed to the next caller.
          client.release(broken);
        }
      });
    },
    close(): Promise<void> {
      return pool.end();
    },
  };
}

function clientDb(client: pg.PoolClient): Db {
  const db: Db = {
    driver: 'postgres',
    async query<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
      const result = await client.query(sql, [...params]);
      return result.rows as T[];
    },
    async exec(sql: string): Promise<void> {
      await client.query(sql);
    },
    transaction<T>(fn: (inner: Db) => Promise<T>): Promise<T> {
      return fn(db);
    },
    close(): Promise<void> {
      return Promise.reject(new Error('close() called on a transaction'));
    },
  };
  return db;
}
