/**
 * Per-app request state: the authenticated principal and the correlation id, kept in WeakMaps owned by one app
 * instance (no module-level state, no untyped res.locals).
 */
import type { NextFunction, Request, Response } from 'express';
import type { Authenticator } from '../auth/authenticate.ts';
import type { Principal } from '../auth/principal.ts';
import type { ScopeLetter } from '../auth/scopes.ts';
import { forbiddenOutcome, outcomeError } from '../fhir/outcomes.ts';

export interface RequestState {
  setPrincipal(req: Request, p: Principal): void;
  principal(req: Request): Principal;
  setRequestId(req: Request, id: string): void;
  requestId(req: Request): string;
  /** Remembers the matched route template while the request is inside its router (errors leave it). */
  markRoute(req: Request): void;
  /** Route template for logs and metrics: never the concrete URL (ids, query values). */
  route(req: Request): string;
}

function currentTemplate(req: Request): string | undefined {
  const path: unknown = (req.route as { path?: unknown } | undefined)?.path;
  return typeof path === 'string' ? `${req.baseUrl}${path}` : undefined;
}

export function requestState(): RequestState {
  const principals = new WeakMap<Request, Principal>();
  const ids = new WeakMap<Request, string>();
  const routes = new WeakMap<Request, string>();
  return {
    setPrincipal: (req, p) => principals.set(req, p),
    principal(req) {
      const p = principals.get(req);
      if (!p) {
        // Routes behind authenticate always have one; reaching here is a wiring bug, not a client error.
        throw new Error('no principal on request');
      }
      return p;
    },
    setRequestId: (req, id) => ids.set(req, id),
    requestId: (req) => ids.get(req) ?? '',
    markRoute(req) {
      const template = currentTemplate(req);
      if (template) {
        routes.set(req, template);
      }
    },
    route: (req) => routes.get(req) ?? currentTemplate(req) ?? 'unmatched',
  };
}

/**
 * The one authentication step of every authenticated router: the caller (Bearer token, or dev headers) becomes the
 * request's principal; a failure is the 401 OperationOutcome with a `WWW-Authenticate` challenge.
 */
export function authenticate(auth: Authenticator, state: RequestState) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    try {
      state.setPrincipal(req, await auth.authenticate(req.headers));
      next();
    } catch (err) {
      res.set('WWW-Authenticate', 'Bearer realm="remissbrygga"');
      next(err);
    }
  };
}

/** 403 unless the token's scopes allow `letter` on `type`. */
export function requireScope(p: Principal, type: string, letter: ScopeLetter): void {
  if (!p.scopes.allows(type, letter)) {
    throw outcomeError(
      forbiddenOutcome({
        id: 'AUTH-SCOPE',
        text: { sv: `Behörighet saknas: system/${type}.${letter}`, en: `Scope required: system/${type}.${letter}` },
      }),
    );
  }
}
