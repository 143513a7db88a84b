/**
 * `/region`: the region's follow-up (domain.md §5; issue 4 "region (statistics only, no patient data)").
 * Aggregates only: counts by provider, diagnosis, treatment form, referrer profession, status and rejection reason,
 * and the share started within 30 days per provider. Never identities, resource ids or free text (src/jobs
 * stats-snapshot.ts computes them). Roles: region and admin. The audit trail is `GET /fhir/AuditEvent`.
 *
 *   GET /statistics                  the latest nightly snapshot (404 before the first one)
 *   GET /statistics/current          computed now, not stored
 *   GET /statistics/history?from=&to=&limit=   snapshots taken in [from, to), newest first
 */
import type { NextFunction, Request, Response } from 'express';
import express from 'express';
import { z } from 'zod';
import { badRequestOutcome, forbiddenOutcome, notFoundOutcome, outcomeError } from '../fhir/outcomes.ts';
import type { StatsSnapshot } from '../jobs/index.ts';
import { computeStats, latestStats, listStats } from '../jobs/index.ts';
import type { Db } from '../store/index.ts';
import type { Actor } from '../workflow/types.ts';

export interface RegionDeps {
  readonly db: Db;
  readonly now: () => Date;
  /** domain.md §3: treatment starts within 30 days of arrival (the jobs configuration's startWatch.days). */
  readonly startDays: number;
  /** The authenticated actor of a request (the server's auth owns how). */
  actorOf(req: Request): Actor | undefined;
}

const historyQuery = z
  .object({
    from: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
    to: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(100),
  })
  .strict();

export function createRegionRouter(deps: RegionDeps): express.Router {
  const router = express.Router();
  router.use((req: Request, _res: Response, next: NextFunction) => {
    const roles = deps.actorOf(req)?.roles ?? [];
    if (!roles.includes('region') && !roles.includes('admin')) {
      throw outcomeError(
        forbiddenOutcome({
          id: 'AUTH-REGION-ROLE',
          text: { sv: 'Regionens uppföljning kräver rollen region eller admin', en: "The region's follow-up requires the region or admin role" },
        }),
      );
    }
    next();
  });

  router.get('/statistics', async (_req, res) => {
    const latest = await latestStats(deps.db);
    if (!latest) {
      throw outcomeError(
        notFoundOutcome({
          id: 'REGION-NO-SNAPSHOT',
          text: {
            sv: 'Ingen statistiksammanställning finns ännu (den tas varje natt); se /region/statistics/current',
            en: 'No statistics snapshot yet (one is taken nightly); see /region/statistics/current',
          },
        }),
      );
    }
    res.json(snapshotJson(latest));
  });

  router.get('/statistics/current', async (_req, res) => {
    const now = deps.now();
    res.json({ takenAt: now.toISOString(), stored: false, ...(await computeStats(deps.db, now, deps.startDays)) });
  });

  router.get('/statistics/history', async (req, res) => {
    const parsed = historyQuery.safeParse(req.query);
    if (!parsed.success) {
      throw outcomeError(
        badRequestOutcome({
          id: 'REGION-QUERY',
          text: { sv: 'Ogiltig fråga: from/to ska vara datum eller tidpunkter, limit 1–1000', en: 'Invalid query: from/to must be dates or instants, limit 1–1000' },
          diagnostics: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ').slice(0, 300),
        }),
      );
    }
    const { from, to, limit } = parsed.data;
    const snapshots = await listStats(deps.db, { ...(from ? { from: new Date(from) } : {}), ...(to ? { to: new Date(to) } : {}), limit });
    res.json({ snapshots: snapshots.map(snapshotJson) });
  });
  return router;
}

function snapshotJson(s: StatsSnapshot): Record<string, unknown> {
  return { id: s.id, takenAt: s.takenAt.toISOString(), stored: true, ...s.content };
}
