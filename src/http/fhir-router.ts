/**
 * The /fhir router, registered from the route table (routes.ts). Order: content negotiation, the public
 * metadata, authentication, then the interactions; a method a type does not support is 405, an unknown type 404.
 */
import type { NextFunction, Request, Response, Router } from 'express';
import express from 'express';
import { notFoundOutcome, outcomeError } from '../fhir/outcomes.ts';
import { rawBody } from './body.ts';
import { capabilityStatement } from './capability.ts';
import type { RequestState } from './context.ts';
import { authenticate } from './context.ts';
import type { HttpDeps } from './deps.ts';
import { auditSearchHandler } from './audit-search.ts';
import { audited } from './handler.ts';
import { negotiate } from './negotiate.ts';
import { patchHandler } from './patch.ts';
import { FHIR_JSON, methodNotAllowedOutcome, sendOutcome } from './outcome.ts';
import { historyHandler, readHandler, vreadHandler } from './read.ts';
import { fhirBase } from './respond.ts';
import { OPERATION_ONLY_ROUTES, RESOURCE_ROUTES } from './routes.ts';
import { searchHandler } from './search.ts';
import { smartConfiguration } from './smart-config.ts';
import { validateHandler } from './validate.ts';
import { transactionHandler, writeHandler } from './writes.ts';


export function fhirRouter(deps: HttpDeps, state: RequestState): Router {
  const r = express.Router({ caseSensitive: true, strict: false });
  const methodNotAllowed = (req: Request, res: Response): void => {
    state.markRoute(req);
    sendOutcome(req, res, methodNotAllowedOutcome(req.method, req.baseUrl + req.path));
  };
  const body = rawBody({ limitBytes: deps.config.BODY_LIMIT, maxDepth: deps.config.JSON_MAX_DEPTH, maxArray: deps.config.JSON_MAX_ARRAY });
  const patchBody = rawBody({ limitBytes: deps.config.BODY_LIMIT, maxDepth: deps.config.JSON_MAX_DEPTH, maxArray: deps.config.JSON_MAX_ARRAY }, 'json-patch');
  const idOf = (req: Request, type: string): string | undefined => (typeof req.params.id === 'string' ? `${type}/${req.params.id}` : undefined);

  r.use(negotiate);
  // The statement depends only on the route table and the base URL: built once per base URL (per app).
  const statements = new Map<string, string>();
  r.get('/metadata', (req: Request, res: Response) => {
    const baseUrl = fhirBase(req, deps.config.PUBLIC_URL);
    let body = statements.get(baseUrl);
    if (body === undefined) {
      body = JSON.stringify(capabilityStatement({ baseUrl, version: deps.version, authMode: deps.auth.mode }));
      if (statements.size < 16) {
        statements.set(baseUrl, body);
      }
    }
    res.status(200).type(FHIR_JSON).send(body);
  });
  r.get('/.well-known/smart-configuration', (req: Request, res: Response) => {
    res.json(smartConfiguration(req, deps.config.PUBLIC_URL));
  });
  r.all('/metadata', methodNotAllowed);

  r.use(authenticate(deps.auth, state));

  r.post('/', ...body, audited(deps, state, { interaction: 'transaction', resourceType: 'ServiceRequest', scope: 'c', successAuditedByWorkflow: true }, transactionHandler(deps)));
  r.post('/\\$validate', ...body, audited(deps, state, { interaction: 'operation' }, validateHandler(deps, undefined)));
  r.all('/', methodNotAllowed);

  for (const route of RESOURCE_ROUTES) {
    const t = route.type;
    const target = (req: Request): string | undefined => idOf(req, t);
    r.get(`/${t}`, audited(deps, state, { interaction: 'search-type', resourceType: t, scope: 's' }, searchHandler(deps, route)));
    if (route.validate) {
      r.post(`/${t}/\\$validate`, ...body, audited(deps, state, { interaction: 'operation', resourceType: t }, validateHandler(deps, t)));
    }
    if (route.create) {
      r.post(`/${t}`, ...body, audited(deps, state, { interaction: 'create', resourceType: t, scope: 'c', successAuditedByWorkflow: true }, writeHandler(deps, route.create)));
    }
    r.get(`/${t}/:id`, audited(deps, state, { interaction: 'read', resourceType: t, scope: 'r', target }, readHandler(deps, route)));
    if (route.source === 'store') {
      r.get(`/${t}/:id/_history`, audited(deps, state, { interaction: 'history-instance', resourceType: t, scope: 'r', target }, historyHandler(deps, route)));
      r.get(`/${t}/:id/_history/:vid`, audited(deps, state, { interaction: 'vread', resourceType: t, scope: 'r', target }, vreadHandler(deps, route)));
    }
    if (route.update) {
      r.put(`/${t}/:id`, ...body, audited(deps, state, { interaction: 'update', resourceType: t, scope: 'u', target, successAuditedByWorkflow: true }, writeHandler(deps, route.update)));
    }
    if (route.patch) {
      r.patch(`/${t}/:id`, ...patchBody, audited(deps, state, { interaction: 'patch', resourceType: t, scope: 'u', target, successAuditedByWorkflow: true }, patchHandler(deps, route, route.patch)));
    }
    r.all(`/${t}`, methodNotAllowed);
    r.all(`/${t}/:id`, methodNotAllowed);
    r.all(`/${t}/:id/*rest`, methodNotAllowed);
  }
  r.get('/AuditEvent', audited(deps, state, { interaction: 'search-type', resourceType: 'AuditEvent', scope: 's' }, auditSearchHandler(deps)));
  r.all('/AuditEvent', methodNotAllowed);
  for (const route of OPERATION_ONLY_ROUTES) {
    r.post(`/${route.type}/\\$validate`, ...body, audited(deps, state, { interaction: 'operation', resourceType: route.type }, validateHandler(deps, route.type)));
  }

  r.use((req: Request, _res: Response, next: NextFunction) => {
    const type = req.path.split('/')[1] ?? '';
    next(
      outcomeError(
        notFoundOutcome({
          id: 'HTTP-UNKNOWN-TYPE',
          text: { sv: `Okänd resurstyp eller sökväg: ${type.slice(0, 64)}`, en: `Unknown resource type or path: ${type.slice(0, 64)}` },
        }),
      ),
    );
  });
  return r;
}
