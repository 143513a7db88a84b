/** BUNDLE-PHONE-MISMATCH: the direct phone in the answers (`remittent-telefon`) is one of the referrer role's phones. */
import type { OperationOutcomeIssue } from '@medplum/fhirtypes';
import { rolePhones } from '../checks/direct-phone.ts';
import type { ReferralModel } from '../referral.ts';
import { nationalNumber } from '../swedish-phone.ts';
import { bundleIssue } from './finding.ts';

/** Compares by national significant number when both parse, else by digits. */
function canonical(phone: string): string {
  return nationalNumber(phone) ?? phone.replace(/\D/g, '');
}

export function checkPhoneMatch(model: ReferralModel): OperationOutcomeIssue[] {
  const answer = model.answers.get('remittent-telefon')?.[0];
  const given = answer?.answer.valueString;
  const phones = rolePhones(model.role?.resource.telecom);
  if (!answer || given === undefined || phones.length === 0 || phones.some((p) => canonical(p.value) === canonical(given))) {
    return [];
  }
  return [
    bundleIssue(
      'BUNDLE-PHONE-MISMATCH',
      'invariant',
      { sv: 'Telefonnumret för direktkontakt i formulärsvaret finns inte hos remittenten (PractitionerRole).', en: 'The direct phone in the template answer is not one of the referrer role’s phones.' },
      `${answer.path}.valueString`,
    ),
  ];
}
