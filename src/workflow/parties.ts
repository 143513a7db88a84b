/**
 * The two organisations of a referral, from its Task: the owner (provider) is on the Task itself; the
 * requesting vårdcentral is the organisation of the Task's requester PractitionerRole (rb-referrer-role:
 * organization 1..1, docs/ig-design.md).
 */
import type { Reference, Task } from '@medplum/fhirtypes';
import type { Repository } from '../store/index.ts';
import { hsaIdentifier, hsaOf } from './access.ts';

export interface Parties {
  readonly requesterOrg: string;
  readonly ownerOrg: string;
}

/** Unscoped reads: call only after the caller has been shown to see the Task. */
export async function partiesOf(repo: Repository, task: Task): Promise<Parties> {
  return {
    requesterOrg: (await orgOfReference(repo, task.requester)) ?? '',
    ownerOrg: (await orgOfReference(repo, task.owner)) ?? '',
  };
}

/**
 * The HSA-id of the organisation a reference stands for: its identifier, or the stored Organization it names,
 * or the organization of the stored PractitionerRole it names (as the IG examples write sender/recipient).
 * Undefined when none of these gives one (e.g. a Practitioner, or an unknown id).
 */
export async function orgOfReference(repo: Repository, ref: Reference | undefined): Promise<string | undefined> {
  const direct = hsaOf(ref);
  if (direct || !ref?.reference) {
    return direct;
  }
  const orgId = idOf(ref.reference, 'Organization');
  if (orgId) {
    return hsaIdentifier((await repo.search('Organization', { _id: orgId })).resources[0]?.identifier);
  }
  const roleId = idOf(ref.reference, 'PractitionerRole');
  if (roleId) {
    const role = (await repo.search('PractitionerRole', { _id: roleId })).resources[0];
    return role && !idOf(role.organization?.reference, 'PractitionerRole') ? orgOfReference(repo, role.organization) : undefined;
  }
  return undefined;
}

export function idOf(reference: string | undefined, type: string): string | undefined {
  const [t, id, ...rest] = (reference ?? '').split('/');
  return t === type && id && rest.length === 0 ? id : undefined;
}
