/**
 * Who may see and do what. Visibility is the store's org scope (issue 4: a vårdcentral reads only referrals it
 * sent, a provider only those addressed to it; anything else answers 404); the workflow then checks the role.
 */
import type { Reference } from '@medplum/fhirtypes';
import type { OrgScope } from '../store/index.ts';
import { HSA_SYSTEMS } from './codes.ts';
import type { Actor, Role } from './types.ts';

/** referrer → its vårdcentral's referrals, provider → referrals it owns; admin/system → undefined (unscoped). */
export function scopeFor(actor: Actor): OrgScope | undefined {
  if (hasRole(actor, 'admin') || hasRole(actor, 'system')) {
    return undefined;
  }
  const scope: { requesterOrg?: string; ownerOrg?: string } = {};
  if (hasRole(actor, 'referrer')) {
    scope.requesterOrg = actor.orgHsaId;
  }
  if (hasRole(actor, 'provider')) {
    scope.ownerOrg = actor.orgHsaId;
  }
  // No usable role: `{}` sees nothing.
  return scope;
}

/**
 * Whether the actor may read patient data at all (then scoped by `scopeFor`). The region role may not: it gets
 * statistics and the audit trail only (issue 4 Access and audit).
 */
export function mayReadPatientData(actor: Actor): boolean {
  return (['referrer', 'provider', 'admin', 'system'] as const).some((role) => hasRole(actor, role));
}

export function hasRole(actor: Actor, role: Role): boolean {
  return actor.roles.includes(role);
}

/** The HSA-id a reference carries in `identifier` (either HSA system), if any. */
export function hsaOf(ref: Reference | undefined): string | undefined {
  const id = ref?.identifier;
  return id?.value && id.system && HSA_SYSTEMS.includes(id.system) ? id.value : undefined;
}

/** The HSA-id in a resource's identifier list (either HSA system). */
export function hsaIdentifier(identifiers: readonly { system?: string; value?: string }[] | undefined): string | undefined {
  return identifiers?.find((i) => i.system && i.value && HSA_SYSTEMS.includes(i.system))?.value;
}

/** The referring vårdcentral acting through a referrer role. */
export function isRequester(actor: Actor, requesterOrg: string): boolean {
  return hasRole(actor, 'referrer') && actor.orgHsaId !== '' && actor.orgHsaId === requesterOrg;
}

/** The provider organisation that owns the Task. */
export function isOwner(actor: Actor, ownerOrg: string): boolean {
  return hasRole(actor, 'provider') && actor.orgHsaId !== '' && actor.orgHsaId === ownerOrg;
}
