/** BUNDLE-PATIENT-MISMATCH: every subject / for / patient reference in the referral names the same patient. */
import type { OperationOutcomeIssue } from '@medplum/fhirtypes';
import type { ReferralModel } from '../referral.ts';
import { bundleIssue } from './finding.ts';

const PATIENT_KEYS = ['subject', 'for', 'patient'] as const;

export function checkSamePatient(model: ReferralModel): OperationOutcomeIssue[] {
  const patient = model.patient;
  if (!patient) {
    return [];
  }
  const issues: OperationOutcomeIssue[] = [];
  for (const { resource, path } of model.index.entries) {
    for (const key of PATIENT_KEYS) {
      const ref: unknown = Reflect.get(resource, key);
      const reference = typeof ref === 'object' && ref !== null && 'reference' in ref && typeof ref.reference === 'string' ? ref.reference : undefined;
      const target = model.index.resolve(reference);
      const pointsAtPatient = target?.resource.resourceType === 'Patient' || (target === undefined && reference?.startsWith('Patient/') === true);
      if (reference !== undefined && pointsAtPatient && target !== patient) {
        issues.push(
          bundleIssue(
            'BUNDLE-PATIENT-MISMATCH',
            'invariant',
            { sv: 'Resursen gäller en annan patient än remissen.', en: 'The resource concerns another patient than the referral.' },
            `${path}.${key}.reference`,
          ),
        );
      }
    }
  }
  return issues;
}
