/**
 * Liveness and readiness, outside authentication. `/healthz` answers while the process runs; `/readyz` checks
 * that the database answers, that every migration is applied and that the IG package is loaded.
 */
import type { Request, Response, Router } from 'express';
import express from 'express';
import type { Db } from '../store/index.ts';
import { loadMigrations } from '../store/index.ts';

export interface ReadinessChecks {
  readonly db: Db;
  /** Number of conformance resources loaded from the IG package. */
  readonly igResources: () => number;
}

export interface Readiness {
  readonly ready: boolean;
  readonly checks: { readonly database: boolean; readonly migrations: boolean; readonly ig: boolean };
}

export async function checkReadiness(c: ReadinessChecks): Promise<Readiness> {
  let database = false;
  let migrations = false;
  try {
    await c.db.query('SELECT 1');
    database = true;
    const expected = (await loadMigrations()).map((m) => m.version);
    const rows = await c.db.query<{ version: unknown }>('SELECT version FROM schema_migrations');
    const applied = new Set(rows.map((r) => String(r.version)));
    migrations = expected.every((v) => applied.has(v));
  } catch {
    // not ready: reported below
  }
  const ig = c.igResources() > 0;
  return { ready: database && migrations && ig, checks: { database, migrations, ig } };
}

export function healthRouter(c: ReadinessChecks): Router {
  const router = express.Router();
  router.get('/healthz', (_req: Request, res: Response) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req: Request, res: Response) => {
    const r = await checkReadiness(c);
    res.status(r.ready ? 200 : 503).json({ status: r.ready ? 'ready' : 'not-ready', ...r.checks });
  });
  return router;
}
