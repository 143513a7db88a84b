/** BUNDLE-REQUESTER-ORG: the requester's organisation is a vårdcentral (rb-organization-type) in the bundle. */
import type { OperationOutcomeIssue } from '@medplum/fhirtypes';
import { SYSTEM_ORG_TYPE } from '../constants.ts';
import type { ReferralModel } from '../referral.ts';
import { bundleIssue } from './finding.ts';

export function checkRequesterOrg(model: ReferralModel): OperationOutcomeIssue[] {
  const role = model.role;
  if (!role) {
    return [];
  }
  const org = model.requesterOrg;
  const isVardcentral = (org?.resource.type ?? []).some((t) => (t.coding ?? []).some((c) => c.system === SYSTEM_ORG_TYPE && c.code === 'vardcentral'));
  if (isVardcentral) {
    return [];
  }
  return [
    bundleIssue(
      'BUNDLE-REQUESTER-ORG',
      'invariant',
      { sv: 'Remittentens organisation måste vara en vårdcentral som finns i remissen.', en: 'The referrer’s organisation must be a vårdcentral included in the referral.' },
      org ? `${org.path}.type` : `${role.path}.organization`,
    ),
  ];
}
