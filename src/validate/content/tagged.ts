/** An issue with the template linkId it concerns, so a regional rule can supersede it (rule `supersedes`). */
import type { OperationOutcomeIssue } from '@medplum/fhirtypes';

export interface TaggedIssue {
  readonly issue: OperationOutcomeIssue;
  readonly linkId?: string;
}

export function issueId(i: OperationOutcomeIssue): string | undefined {
  return i.details?.coding?.[0]?.code;
}
