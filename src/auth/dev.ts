/**
 * Development mode (AUTH_MODE=dev, the quick-start default, logged loudly at start): the caller states its
 * identity in headers `X-Org-Id` (HSA-id), `X-User-Id` and `X-Roles` (comma-separated). Without them → 401.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { Actor } from '../workflow/types.ts';
import { isRole } from './principal.ts';

const HSA_LIKE = /^[A-Za-z0-9-]{1,64}$/;

/** The Actor the headers describe, or a reason they do not. */
export function actorFromHeaders(headers: IncomingHttpHeaders): { actor: Actor } | { error: string } {
  const org = header(headers, 'x-org-id');
  const user = header(headers, 'x-user-id');
  const roles = (header(headers, 'x-roles') ?? '')
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean);
  if (org === undefined || user === undefined || roles.length === 0) {
    return { error: 'X-Org-Id, X-User-Id and X-Roles are required in development mode' };
  }
  if (!(org === '' || HSA_LIKE.test(org)) || !HSA_LIKE.test(user)) {
    return { error: 'X-Org-Id and X-User-Id must be HSA-ids or client ids' };
  }
  const valid = roles.filter(isRole);
  if (valid.length !== roles.length) {
    return { error: 'X-Roles: unknown role' };
  }
  return { actor: { orgHsaId: org, userId: user, roles: valid } };
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  return typeof v === 'string' ? v.trim() : undefined;
}
