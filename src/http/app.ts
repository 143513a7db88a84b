/**
 * The express application: correlation id, request log and metrics around everything; health and metrics
 * outside auth; the token endpoint; /fhir; the web page; then the ONE error handler. Built from its deps only
 * (no module state), so tests and the benchmark can run several side by side.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { Express, NextFunction, Request, RequestHandler, Response } from 'express';
import express from 'express';
import { tokenRouter } from '../auth/token.ts';
import { notFoundOutcome, outcomeError } from '../fhir/outcomes.ts';
import { healthRouter } from '../ops/health.ts';
import type { RequestState } from './context.ts';
import { authenticate, requestState } from './context.ts';
import type { Actor } from '../workflow/types.ts';
import type { HttpDeps } from './deps.ts';
import { fhirRouter } from './fhir-router.ts';
import { journalRouter } from './journal-router.ts';
import { errorHandler } from './outcome.ts';
import { smartConfiguration } from './smart-config.ts';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

function observe(deps: HttpDeps, state: RequestState) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const given = req.get('x-request-id');
    const id = given && REQUEST_ID.test(given) ? given : randomUUID();
    state.setRequestId(req, id);
    res.set('X-Request-Id', id);
    const start = process.hrtime.bigint();
    res.on('finish', () => {
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      const route = state.route(req);
      deps.metrics.observeRequest(req.method, route, res.statusCode, seconds);
      deps.logger.info({ requestId: id, method: req.method, route, status: res.statusCode, ms: Math.round(seconds * 10000) / 10 }, 'request');
    });
    next();
  };
}

/**
 * A router mounted beside /fhir (the delivery admin API, the region's statistics), behind the same authentication,
 * before the web page and the 404 handler. `router` reads the caller through `actorOf`.
 */
export interface Mount {
  readonly path: string;
  readonly router: (actorOf: (req: Request) => Actor) => RequestHandler;
}

export function createHttpApp(deps: HttpDeps, mounts: readonly Mount[] = []): Express {
  const app = express();
  const state = requestState();
  app.disable('x-powered-by');
  app.disable('etag'); // ETags are FHIR versions, set explicitly
  app.use(observe(deps, state));
  app.use(healthRouter({ db: deps.repo.db, igResources: () => deps.conformance.size }));
  app.get('/metrics', async (_req: Request, res: Response) => {
    res.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics());
  });
  app.get('/.well-known/smart-configuration', (req: Request, res: Response) => {
    res.json(smartConfiguration(req, deps.config.PUBLIC_URL));
  });
  app.use('/auth', tokenRouter(deps.tokens));
  app.use('/fhir', fhirRouter(deps, state));
  if (deps.mapper) {
    app.use(journalRouter(deps, state, deps.mapper));
  }
  for (const m of mounts) {
    app.use(m.path, authenticate(deps.auth, state), m.router((req) => state.principal(req).actor));
  }
  if (existsSync(deps.config.WEB_DIR)) {
    app.use(express.static(deps.config.WEB_DIR, { index: 'index.html' }));
  }
  app.use((_req: Request, _res: Response, next: NextFunction) => {
    next(outcomeError(notFoundOutcome({ id: 'HTTP-NOT-FOUND', text: { sv: 'Sökvägen finns inte', en: 'No such path' } })));
  });
  app.use(errorHandler(deps.logger, (req) => state.requestId(req)));
  return app;
}
