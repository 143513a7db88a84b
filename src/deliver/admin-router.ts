/**
 * Admin API for delivery operations: a thin express shell over ops.ts. The lead mounts it under /admin/delivery
 * behind authentication; `actorOf` reads the authenticated actor, and every route requires the `admin` role.
 * Errors are thrown as OperationOutcomeError for the app's one error handler (express 5 forwards async throws).
 *
 *   GET  /queues                          depth, due, in flight, dead, oldest age, paused, per destination
 *   GET  /destinations                    configured destinations (header values hidden)
 *   GET  /dead?destination=&limit=&offset=   dead letters
 *   GET  /pending?destination=&limit=&offset=
 *   GET  /events/:id/attempts             attempts of one event (excerpts are stripped of patient data)
 *   POST /reprocess  {"ids":[1,2]} | {"destination":"SE…"} | {"all":true}
 *   POST /destinations/:destination/pause | /resume
 */
import type { NextFunction, Request, Response } from 'express';
import express from 'express';
import { z } from 'zod';
import { badRequestOutcome, forbiddenOutcome, notFoundOutcome, outcomeError } from '../fhir/outcomes.ts';
import type { Db } from '../store/index.ts';
import { dbDestinationStore } from './destinations.ts';
import { listAttempts, listDeadLetters, listPending, pauseDestination, queueStats, reprocess, resumeDestination } from './ops.ts';

export interface AdminActor {
  readonly userId: string;
  readonly roles: readonly string[];
}

export interface DeliveryAdminDeps {
  readonly db: Db;
  readonly clock?: () => Date;
  /** The authenticated actor of a request (the server's auth owns how). */
  actorOf(req: Request): AdminActor | undefined;
  /** Called after a pause/resume/reprocess, e.g. to wake the local worker. */
  readonly onChange?: () => void;
}

const listQuery = z.object({
  destination: z.string().min(1).max(64).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

const reprocessBody = z.union([
  z.object({ ids: z.array(z.number().int().positive()).min(1).max(10_000) }).strict(),
  z.object({ destination: z.string().min(1).max(64) }).strict(),
  z.object({ all: z.literal(true) }).strict(),
]);

export function createDeliveryAdminRouter(deps: DeliveryAdminDeps): express.Router {
  const router = express.Router();
  const clock = deps.clock ?? (() => new Date());
  router.use(express.json({ limit: '256kb' }));
  router.use((req: Request, _res: Response, next: NextFunction) => {
    const actor = deps.actorOf(req);
    if (!actor?.roles.includes('admin')) {
      throw outcomeError(forbiddenOutcome({ id: 'DELIVER-ADMIN-ROLE', text: { sv: 'Administratörsroll krävs.', en: 'The admin role is required.' } }));
    }
    next();
  });

  router.get('/queues', async (_req, res) => {
    res.json({ queues: await queueStats(deps.db, clock()) });
  });

  router.get('/destinations', async (_req, res) => {
    const list = await dbDestinationStore(deps.db).list();
    res.json({ destinations: list.map((d) => ({ ...d, headers: Object.keys(d.headers) })) });
  });

  router.get('/dead', async (req, res) => {
    res.json({ events: await listDeadLetters(deps.db, parse(listQuery, req.query, 'query')) });
  });

  router.get('/pending', async (req, res) => {
    res.json({ events: await listPending(deps.db, parse(listQuery, req.query, 'query')) });
  });

  router.get('/events/:id/attempts', async (req, res) => {
    const id = parse(z.coerce.number().int().positive(), req.params['id'], 'id');
    res.json({ attempts: await listAttempts(deps.db, id) });
  });

  router.post('/reprocess', async (req, res) => {
    const selector = parse(reprocessBody, req.body, 'body');
    const ids = await reprocess(deps.db, selector, clock());
    deps.onChange?.();
    res.json({ requeued: ids });
  });

  router.post('/destinations/:destination/pause', async (req, res) => {
    const destination = parse(z.string().min(1).max(64), req.params['destination'], 'destination');
    await pauseDestination(deps.db, destination, clock(), deps.actorOf(req)?.userId);
    res.json({ destination, paused: true });
  });

  router.post('/destinations/:destination/resume', async (req, res) => {
    const destination = parse(z.string().min(1).max(64), req.params['destination'], 'destination');
    if (!(await resumeDestination(deps.db, destination))) {
      throw outcomeError(notFoundOutcome({ id: 'DELIVER-NOT-PAUSED', text: { sv: `Mottagaren ${destination} är inte pausad.`, en: `Destination ${destination} is not paused.` } }));
    }
    deps.onChange?.();
    res.json({ destination, paused: false });
  });

  return router;
}

function parse<T>(schema: z.ZodType<T>, value: unknown, where: string): T {
  const r = schema.safeParse(value);
  if (!r.success) {
    const detail = r.error.issues.map((i) => `${[where, ...i.path.map(String)].join('.')}: ${i.message}`).join('; ');
    throw outcomeError(badRequestOutcome({ id: 'DELIVER-ADMIN-INPUT', text: { sv: `Ogiltig förfrågan: ${detail}`, en: `Invalid request: ${detail}` } }));
  }
  return r.data;
}
