/** Bundle-consistency issues: one id each, Swedish and English text. */
import type { OperationOutcomeIssue } from '@medplum/fhirtypes';
import type { IssueText } from '../../../fhir/outcomes.ts';
import { issue } from '../../../fhir/outcomes.ts';

export function bundleIssue(id: string, code: OperationOutcomeIssue['code'], text: IssueText, expression: string): OperationOutcomeIssue {
  return issue(code, { id, text, expression: [expression] });
}
