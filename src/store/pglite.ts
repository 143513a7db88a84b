/**
 * Embedded driver: PGlite (PostgreSQL compiled to WASM), in a data directory or in memory.
 *
 * PGlite has one connection. Its own `transaction` and `query` both run under one internal exclusive mutex
 * (`_runExclusiveTransaction` in @electric-sql/pglite 0.5), so a transaction never interleaves with another
 * transaction or with a stray top-level query; we reuse that mutex instead of adding a second one. The
 * store suite checks the serialisation ("PGlite transactions are serialised").
 * A data directory belongs to one process at a time: PGlite does not lock it against a second one.
 */
import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import type { Transaction } from '@electric-sql/pglite';
import type { Db } from './db.ts';
import { withRetry } from './sql-errors.ts';

export async function openPglite(dataDir?: string): Promise<Db> {
  if (dataDir) {
    // PGlite creates only the last path component.
    await mkdir(dataDir, { recursive: true });
  }
  const pg = dataDir ? await PGlite.create(dataDir) : await PGlite.create();
  return {
    driver: 'pglite',
    async query<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
      const result = await pg.query<T>(sql, [...params]);
      return result.rows;
    },
    async exec(sql: string): Promise<void> {
      await pg.exec(sql);
    },
    transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
      // Same retry contract as PostgreSQL; with one connection only a caller-raised 40001 can trigger it.
      return withRetry(() => pg.transaction((tx) => fn(transactionDb(tx))));
    },
    close(): Promise<void> {
      return pg.close();
    },
  };
}

function transactionDb(tx: Transaction): Db {
  const db: Db = {
    driver: 'pglite',
    async query<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
      const result = await tx.query<T>(sql, [...params]);
      return result.rows;
    },
    async exec(sql: string): Promise<void> {
      await tx.exec(sql);
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
