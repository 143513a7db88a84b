/** Bundle consistency of a referral (issue 3 layer 5): one check per file, all issues collected. */
import type { OperationOutcomeIssue } from '@medplum/fhirtypes';
import type { ReferralModel } from '../referral.ts';
import { checkDiagnosisMatch, checkTreatmentMatch } from './answers-match.ts';
import { checkPhoneMatch } from './phone-match.ts';
import { checkReferences } from './references.ts';
import { checkRequesterOrg } from './requester-org.ts';
import { checkSamePatient } from './same-patient.ts';

export function checkBundleConsistency(model: ReferralModel): OperationOutcomeIssue[] {
  return [checkReferences, checkSamePatient, checkDiagnosisMatch, checkTreatmentMatch, checkPhoneMatch, checkRequesterOrg].flatMap((check) => check(model));
}
