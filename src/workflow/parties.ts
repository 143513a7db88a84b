/**
 * The two organisations of a referral, from its Task: the owner (provider) is on the Task itself; the
 * requesting vårdcentral is the organisation of the Task's requester PractitionerRole (rb-referrer-role:
 * organization 1..1, docs/ig-design.md).
 */
import type { Task } from '@medplum/fhirtypes';
import type { Repository } from '../store/index.ts';
import { hsaIdentifier, hsaOf } from './access.ts';

export interface Parties {
  readonly requesterOrg: string;
  readonly ownerOrg: string;
}

/** Unscoped reads: call only after the caller has been shown to see the Task. */
export async function partiesOf(repo: Repository, task: Task): Promise<Parties> {
  const ownerOrg = hsaOf(task.owner) ?? '';
  let requesterOrg = '';
  const roleId = idOf(task.requester?.reference, 'PractitionerRole');
  if (roleId) {
    const role = await repo.read('PractitionerRole', roleId);
    requesterOrg = hsaOf(role.organization) ?? '';
    const orgId = idOf(role.organization?.reference, 'Organization');
    if (!requesterOrg && orgId) {
      requesterOrg = hsaIdentifier((await repo.read('Organization', orgId)).identifier) ?? '';
    }
  }
  return { requesterOrg, ownerOrg };
}

export function idOf(reference: string | undefined, type: string): string | undefined {
  const [t, id, ...rest] = (reference ?? '').split('/');
  return t === type && id && rest.length === 0 ? id : undefined;
}
