/**
 * Who is calling /fhir: a Bearer access token from /auth/token (always accepted), or in dev mode the identity
 * headers. No identity → 401 OperationOutcome with a WWW-Authenticate challenge.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { jwtVerify } from 'jose';
import { z } from 'zod';
import { outcomeError, unauthorizedOutcome } from '../fhir/outcomes.ts';
import { actorFromHeaders } from './dev.ts';
import type { ServerKeys } from './keys.ts';
import { TOKEN_ALG } from './keys.ts';
import type { Principal } from './principal.ts';
import { ALL_SCOPES, parseScopes } from './scopes.ts';
import { TOKEN_AUDIENCE, TOKEN_ISSUER } from './token.ts';

export interface Authenticator {
  readonly mode: 'dev' | 'smart';
  authenticate(headers: IncomingHttpHeaders): Promise<Principal>;
}

const claimsSchema = z.object({
  sub: z.string().min(1),
  org: z.string(),
  roles: z.array(z.enum(['referrer', 'provider', 'admin', 'system', 'region'])).min(1),
  scope: z.string(),
});

function unauthorized(sv: string, en: string): Error {
  return outcomeError(unauthorizedOutcome({ id: 'AUTH-UNAUTHENTICATED', text: { sv, en } }));
}

export function createAuthenticator(mode: 'dev' | 'smart', keys: ServerKeys, now: () => Date = () => new Date()): Authenticator {
  return {
    mode,
    async authenticate(headers) {
      const authorization = headers.authorization;
      if (authorization?.startsWith('Bearer ')) {
        let payload: unknown;
        try {
          ({ payload } = await jwtVerify(authorization.slice(7).trim(), keys.publicKey, {
            issuer: TOKEN_ISSUER,
            audience: TOKEN_AUDIENCE,
            algorithms: [TOKEN_ALG],
            currentDate: now(),
          }));
        } catch {
          throw unauthorized('Ogiltig eller utgången åtkomsttoken', 'Invalid or expired access token');
        }
        const claims = claimsSchema.safeParse(payload);
        if (!claims.success) {
          throw unauthorized('Åtkomsttoken saknar anspråk', 'Access token lacks required claims');
        }
        const c = claims.data;
        return { actor: { orgHsaId: c.org, userId: c.sub, roles: c.roles }, scopes: parseScopes(c.scope), via: 'bearer' };
      }
      if (mode === 'dev') {
        const r = actorFromHeaders(headers);
        if ('error' in r) {
          throw unauthorized(`Identitet saknas (utvecklingsläge): ${r.error}`, `No identity (development mode): ${r.error}`);
        }
        return { actor: r.actor, scopes: ALL_SCOPES, via: 'dev-headers' };
      }
      throw unauthorized('Autentisering krävs (Bearer-token från /auth/token)', 'Authentication required (Bearer token from /auth/token)');
    },
  };
}
