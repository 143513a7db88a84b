/**
 * The content checks assume a structurally sound resource; the structure layer reports what is not. When a
 * malformed element still trips a check, that one check is skipped with a warning (CONTENT-CHECK-INCOMPLETE)
 * instead of failing the whole validation: no exception and no stack trace leave the validator.
 */
import type { OperationOutcomeIssue } from '@medplum/fhirtypes';
import { issue } from '../../fhir/outcomes.ts';

export function incomplete(stage: string, expression: string): OperationOutcomeIssue {
  return issue('exception', {
    id: 'CONTENT-CHECK-INCOMPLETE',
    severity: 'warning',
    text: {
      sv: `Kontrollen ${stage} kunde inte göras eftersom resursen har strukturfel (se övriga fel).`,
      en: `Check ${stage} could not run because the resource has structural errors (see the other issues).`,
    },
    expression: [expression],
  });
}

export function guarded<T>(stage: string, expression: string, run: () => T[], wrap: (i: OperationOutcomeIssue) => T): T[] {
  try {
    return run();
  } catch {
    return [wrap(incomplete(stage, expression))];
  }
}
