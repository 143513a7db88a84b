/** One validated file and the helpers every report format shares. */
import type { OperationOutcome, OperationOutcomeIssue } from '@medplum/fhirtypes';

export interface FileResult {
  readonly file: string;
  readonly outcome: OperationOutcome;
  readonly valid: boolean;
}

export function ruleId(i: OperationOutcomeIssue): string {
  return i.details?.coding?.[0]?.code ?? i.code;
}

/** `error FHIR-CARDINALITY Bundle.entry[0].resource.birthDate: text (diagnostics)` */
export function issueLine(i: OperationOutcomeIssue): string {
  const where = i.expression?.[0] ? ` ${i.expression[0]}` : '';
  const diag = i.diagnostics ? ` (${i.diagnostics})` : '';
  return `${i.severity} ${ruleId(i)}${where}: ${i.details?.text ?? ''}${diag}`;
}
