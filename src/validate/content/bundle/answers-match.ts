/**
 * The template answers agree with the structured resources: the diagnosis (`diagnos`) with Condition.code and
 * ServiceRequest.reasonCode (BUNDLE-DIAGNOSIS-MISMATCH), the treatment form (`behandlingsform`) with
 * ServiceRequest.orderDetail (BUNDLE-TREATMENT-MISMATCH).
 */
import type { CodeableConcept, Coding, OperationOutcomeIssue } from '@medplum/fhirtypes';
import { normalizeSystem } from '../constants.ts';
import type { CodeAt, ReferralModel } from '../referral.ts';
import { firstCoding } from '../referral.ts';
import { bundleIssue } from './finding.ts';

function same(a: Pick<CodeAt, 'code' | 'system'>, c: Coding | undefined): boolean {
  const system = normalizeSystem(c?.system);
  return c?.code === a.code && (a.system === undefined || system === undefined || a.system === system);
}

function sameConcept(a: CodeAt, cc: CodeableConcept): boolean {
  return (cc.coding ?? []).some((c) => same(a, c));
}

export function checkDiagnosisMatch(model: ReferralModel): OperationOutcomeIssue[] {
  const issues: OperationOutcomeIssue[] = [];
  const condition = model.condition ? firstCoding(model.condition.resource.code, `${model.condition.path}.code`) : undefined;
  const text = { sv: 'Diagnosen skiljer sig mellan formulärsvaret, diagnosen (Condition) och remissens orsakskod.', en: 'The diagnosis differs between the template answer, the Condition and the referral reason code.' };
  const reference = condition ?? model.diagnosis;
  if (!reference) {
    return [];
  }
  const answer = model.answers.get('diagnos')?.[0];
  if (answer?.answer.valueCoding && !same(reference, answer.answer.valueCoding)) {
    issues.push(bundleIssue('BUNDLE-DIAGNOSIS-MISMATCH', 'invariant', text, `${answer.path}.valueCoding`));
  }
  if (condition) {
    (model.request.resource.reasonCode ?? []).forEach((rc, i) => {
      if (!sameConcept(condition, rc)) {
        issues.push(bundleIssue('BUNDLE-DIAGNOSIS-MISMATCH', 'invariant', text, `${model.request.path}.reasonCode[${i}]`));
      }
    });
  }
  return issues;
}

export function checkTreatmentMatch(model: ReferralModel): OperationOutcomeIssue[] {
  const tx = model.treatment;
  const answer = model.answers.get('behandlingsform')?.[0];
  if (!tx || !answer?.answer.valueCoding || same(tx, answer.answer.valueCoding)) {
    return [];
  }
  return [
    bundleIssue(
      'BUNDLE-TREATMENT-MISMATCH',
      'invariant',
      { sv: 'Behandlingsformen i formulärsvaret skiljer sig från remissens (orderDetail).', en: 'The treatment form in the template answer differs from the referral (orderDetail).' },
      `${answer.path}.valueCoding`,
    ),
  ];
}
