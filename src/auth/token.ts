/**
 * SMART Backend Services token endpoint (https://hl7.org/fhir/smart-app-launch/backend-services.html):
 * `grant_type=client_credentials` with a `client_assertion` JWT (RS384/ES384, signed by a key registered for the
 * client), or for the demo a client secret (form fields or HTTP Basic). Answers a short-lived access token signed
 * with the server key, claims: org (HSA-id), sub (client id), roles, scope. Errors follow RFC 6749 §5.2 (the
 * OAuth clients' format), not OperationOutcome: this endpoint is OAuth, not FHIR.
 */
import { randomUUID } from 'node:crypto';
import type { Request, Response, Router } from 'express';
import express from 'express';
import { createLocalJWKSet, decodeJwt, jwtVerify, SignJWT } from 'jose';
import type { ClientRegistry, RegisteredClient } from './clients.ts';
import { secretMatches } from './clients.ts';
import type { ServerKeys } from './keys.ts';
import { TOKEN_ALG } from './keys.ts';
import { grantScopes } from './scopes.ts';

export const TOKEN_ISSUER = 'urn:remissbrygga:auth';
export const TOKEN_AUDIENCE = 'urn:remissbrygga:fhir';
const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
/** SMART: the assertion's exp is at most five minutes in the future. */
const MAX_ASSERTION_LIFETIME_S = 300;

export interface TokenServiceOptions {
  readonly clients: ClientRegistry;
  readonly keys: ServerKeys;
  readonly ttlSeconds: number;
  /** Public base URL; the assertion's audience must be `<base>/auth/token` (or the URL the request came to). */
  readonly publicUrl?: string | undefined;
  readonly now?: () => Date;
  /**
   * Records a client assertion id and says whether it was new. The server passes one backed by the database, so
   * every instance refuses an assertion used at another; without it the ids are remembered in this process only.
   */
  readonly claimAssertion?: (jti: string, expiresAt: Date) => Promise<boolean>;
}

/** Assertion ids remembered in this process until they expire (one instance; tests without a database). */
export function memoryAssertionClaims(now: () => Date): (jti: string, expiresAt: Date) => Promise<boolean> {
  const seen = new Map<string, number>();
  return (jti, expiresAt) => {
    const nowMs = now().getTime();
    for (const [k, exp] of seen) {
      if (exp < nowMs) {
        seen.delete(k);
      }
    }
    if (seen.has(jti)) {
      return Promise.resolve(false);
    }
    seen.set(jti, expiresAt.getTime());
    return Promise.resolve(true);
  };
}

class OAuthError extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, description: string) {
    super(description);
    this.status = status;
    this.code = code;
  }
}

export function tokenRouter(options: TokenServiceOptions): Router {
  const router = express.Router();
  const now = options.now ?? ((): Date => new Date());
  const claimAssertion = options.claimAssertion ?? memoryAssertionClaims(now);

  async function authenticateClient(req: Request, body: Record<string, string>): Promise<RegisteredClient> {
    const assertion = body.client_assertion;
    if (assertion !== undefined) {
      if (body.client_assertion_type !== ASSERTION_TYPE) {
        throw new OAuthError(400, 'invalid_request', `client_assertion_type must be ${ASSERTION_TYPE}`);
      }
      let iss: string | undefined;
      try {
        iss = decodeJwt(assertion).iss;
      } catch {
        throw new OAuthError(400, 'invalid_request', 'client_assertion is not a JWT');
      }
      const client = iss ? options.clients.byId(iss) : undefined;
      if (!client?.jwks) {
        throw new OAuthError(401, 'invalid_client', 'unknown client or no registered keys');
      }
      const self = `${req.protocol}://${req.get('host') ?? ''}/auth/token`;
      const audience = options.publicUrl ? [`${options.publicUrl.replace(/\/$/, '')}/auth/token`, self] : [self];
      try {
        const { payload } = await jwtVerify(assertion, createLocalJWKSet({ keys: client.jwks.keys }), {
          issuer: client.clientId,
          subject: client.clientId,
          audience,
          algorithms: ['RS384', 'ES384'],
          requiredClaims: ['exp', 'jti'],
          currentDate: now(),
        });
        const nowS = Math.floor(now().getTime() / 1000);
        if (payload.exp === undefined || payload.exp > nowS + MAX_ASSERTION_LIFETIME_S) {
          throw new OAuthError(401, 'invalid_client', 'client_assertion exp is more than five minutes ahead');
        }
        if (!(await claimAssertion(`${client.clientId}:${payload.jti ?? ''}`, new Date(payload.exp * 1000)))) {
          throw new OAuthError(401, 'invalid_client', 'client_assertion jti already used');
        }
      } catch (err) {
        if (err instanceof OAuthError) {
          throw err;
        }
        throw new OAuthError(401, 'invalid_client', 'client_assertion could not be verified');
      }
      return client;
    }
    const basic = basicCredentials(req);
    const clientId = basic?.id ?? body.client_id;
    const secret = basic?.secret ?? body.client_secret;
    const client = clientId ? options.clients.byId(clientId) : undefined;
    if (!client || secret === undefined || !secretMatches(client, secret)) {
      throw new OAuthError(401, 'invalid_client', 'client authentication failed');
    }
    return client;
  }

  router.post('/token', express.urlencoded({ extended: false, limit: '64kb' }), async (req: Request, res: Response) => {
    res.set('Cache-Control', 'no-store').set('Pragma', 'no-cache');
    try {
      const body = formFields(req.body);
      if (body.grant_type !== 'client_credentials') {
        throw new OAuthError(400, 'unsupported_grant_type', 'only client_credentials is supported');
      }
      const client = await authenticateClient(req, body);
      const scope = grantScopes(client.scope, body.scope);
      if (scope === '') {
        throw new OAuthError(400, 'invalid_scope', 'none of the requested scopes is registered for this client');
      }
      const issuedAt = Math.floor(now().getTime() / 1000);
      const accessToken = await new SignJWT({ org: client.orgHsaId, roles: client.roles, scope, client_id: client.clientId })
        .setProtectedHeader({ alg: TOKEN_ALG, kid: options.keys.kid, typ: 'at+jwt' })
        .setIssuer(TOKEN_ISSUER)
        .setAudience(TOKEN_AUDIENCE)
        .setSubject(client.clientId)
        .setIssuedAt(issuedAt)
        .setExpirationTime(issuedAt + options.ttlSeconds)
        .setJti(randomUUID())
        .sign(options.keys.privateKey);
      res.json({ access_token: accessToken, token_type: 'bearer', expires_in: options.ttlSeconds, scope });
    } catch (err) {
      if (err instanceof OAuthError) {
        if (err.status === 401) {
          res.set('WWW-Authenticate', 'Basic realm="remissbrygga"');
        }
        res.status(err.status).json({ error: err.code, error_description: err.message });
        return;
      }
      throw err;
    }
  });

  router.get('/jwks', (_req: Request, res: Response) => {
    res.json({ keys: [options.keys.publicJwk] });
  });
  return router;
}

function formFields(body: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof body === 'object' && body !== null) {
    for (const [k, v] of Object.entries(body)) {
      if (typeof v === 'string') {
        out[k] = v;
      }
    }
  }
  return out;
}

function basicCredentials(req: Request): { id: string; secret: string } | undefined {
  const h = req.headers.authorization;
  if (!h?.startsWith('Basic ')) {
    return undefined;
  }
  const decoded = Buffer.from(h.slice(6), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : { id: decodeURIComponent(decoded.slice(0, colon)), secret: decodeURIComponent(decoded.slice(colon + 1)) };
}
