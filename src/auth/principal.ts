/** The authenticated caller: the workflow's Actor plus the scopes its token grants (all, in dev mode). */
import type { Actor, Role } from '../workflow/types.ts';
import type { Scopes } from './scopes.ts';

export interface Principal {
  readonly actor: Actor;
  readonly scopes: Scopes;
  /** How the caller authenticated (for logs and audit). */
  readonly via: 'dev-headers' | 'bearer';
}

export const ROLES: readonly Role[] = ['referrer', 'provider', 'admin', 'system', 'region'];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
