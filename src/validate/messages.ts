/**
 * Issue texts of the engine, Swedish first with English alongside (src/fhir/outcomes.ts `issue()`), and the
 * rule ids in details.coding (system https://remissbrygga.se/fhir/CodeSystem/rb-issue).
 */
import type { OperationOutcomeIssue } from '@medplum/fhirtypes';
import { issue } from '../fhir/outcomes.ts';
import type { PrimitiveProblem } from './primitives.ts';

type Severity = 'error' | 'warning' | 'information';
type Code = OperationOutcomeIssue['code'];

function make(sev: Severity, code: Code, id: string, sv: string, en: string, expression: string): OperationOutcomeIssue {
  const i = issue(code, { id, text: { sv, en }, expression: [expression] });
  return sev === 'error' ? i : { ...i, severity: sev };
}

function card(min: number, max: number): string {
  return `${min}..${Number.isFinite(max) ? max : '*'}`;
}

export const msg = {
  unknownElement: (key: string, at: string) =>
    make('error', 'structure', 'FHIR-UNKNOWN-ELEMENT', `Okänt element "${key}"`, `Unknown element "${key}"`, at),
  unknownResourceType: (type: string, at: string) =>
    make('error', 'structure', 'FHIR-RESOURCE-TYPE', `Okänd resurstyp "${type}"`, `Unknown resource type "${type}"`, at),
  notAResource: (at: string) =>
    make('error', 'structure', 'FHIR-RESOURCE-TYPE', 'Resursen saknar resourceType', 'The resource has no resourceType', at),
  missing: (name: string, min: number, max: number, at: string) =>
    make('error', 'required', 'FHIR-CARDINALITY', `Obligatoriskt element "${name}" saknas (${card(min, max)})`, `Required element "${name}" is missing (${card(min, max)})`, at),
  cardinality: (name: string, min: number, max: number, found: number, at: string) =>
    make('error', 'structure', 'FHIR-CARDINALITY', `Fel antal värden för "${name}": ${found}, tillåtet ${card(min, max)}`, `Wrong number of values for "${name}": ${found}, allowed ${card(min, max)}`, at),
  expectedArray: (name: string, at: string) =>
    make('error', 'structure', 'FHIR-STRUCTURE', `"${name}" ska vara en lista (JSON-array)`, `"${name}" must be a list (JSON array)`, at),
  expectedSingle: (name: string, at: string) =>
    make('error', 'structure', 'FHIR-STRUCTURE', `"${name}" får bara ha ett värde, inte en lista`, `"${name}" takes a single value, not a list`, at),
  expectedObject: (type: string, at: string) =>
    make('error', 'structure', 'FHIR-TYPE', `Värdet ska vara ett objekt av typen ${type}`, `The value must be an object of type ${type}`, at),
  empty: (at: string) =>
    make('error', 'structure', 'FHIR-EMPTY', 'Tomt värde är inte tillåtet i FHIR', 'Empty values are not allowed in FHIR', at),
  choiceConflict: (name: string, at: string) =>
    make('error', 'structure', 'FHIR-CHOICE', `Flera typer angivna för "${name}[x]"; bara en är tillåten`, `Several types given for "${name}[x]"; only one is allowed`, at),
  primitive: (p: PrimitiveProblem, type: string, at: string) => {
    switch (p.kind) {
      case 'type':
        return make('error', 'structure', 'FHIR-TYPE', `Fel JSON-typ för ${type}: väntade ${p.expected}, fick ${p.got}`, `Wrong JSON type for ${type}: expected ${p.expected}, got ${p.got}`, at);
      case 'empty':
        return make('error', 'structure', 'FHIR-EMPTY', 'Tom sträng är inte tillåten i FHIR', 'Empty strings are not allowed in FHIR', at);
      case 'format':
        return make('error', 'value', 'FHIR-FORMAT', `Ogiltigt format för ${type}`, `Invalid ${type} format`, at);
      case 'range':
        return make('error', 'value', 'FHIR-FORMAT', `Värdet ligger utanför tillåtet intervall för ${type}`, `The value is out of range for ${type}`, at);
    }
  },
  fixed: (at: string) =>
    make('error', 'value', 'FHIR-FIXED', 'Värdet skiljer sig från det fasta värde profilen kräver', 'The value differs from the fixed value the profile requires', at),
  pattern: (at: string) =>
    make('error', 'value', 'FHIR-PATTERN', 'Värdet matchar inte det mönster profilen kräver', 'The value does not match the pattern the profile requires', at),
  sliceClosed: (at: string) =>
    make('error', 'structure', 'FHIR-SLICE-CLOSED', 'Värdet passar inte någon av de tillåtna varianterna (slices) i profilen', 'The value fits none of the slices the profile allows', at),
  referenceType: (got: string, expected: readonly string[], at: string) =>
    make('error', 'structure', 'FHIR-REFERENCE-TARGET', `Referensen pekar på ${got}, tillåtet är ${expected.join(', ')}`, `The reference points to ${got}; allowed: ${expected.join(', ')}`, at),
  referenceProfile: (expected: readonly string[], at: string) =>
    make('error', 'structure', 'FHIR-REFERENCE-TARGET', `Den refererade resursen uppfyller inte profilen ${expected.join(', ')}`, `The referenced resource does not conform to ${expected.join(', ')}`, at),
  binding: (strength: 'required' | 'extensible', code: string, valueSet: string, at: string) =>
    make(
      strength === 'required' ? 'error' : 'warning',
      'code-invalid',
      'FHIR-BINDING',
      `Koden ${code} finns inte i värdemängden ${valueSet}${strength === 'extensible' ? ' (utökningsbar bindning)' : ''}`,
      `The code ${code} is not in the value set ${valueSet}${strength === 'extensible' ? ' (extensible binding)' : ''}`,
      at,
    ),
  bindingNoCode: (strength: 'required' | 'extensible', valueSet: string, at: string) =>
    make(
      strength === 'required' ? 'error' : 'warning',
      'code-invalid',
      'FHIR-BINDING',
      `Ingen kod från värdemängden ${valueSet} angiven`,
      `No code from the value set ${valueSet} given`,
      at,
    ),
  invariant: (key: string, human: string, severity: 'error' | 'warning', at: string) =>
    make(severity, 'invariant', `FHIR-INVARIANT-${key}`, `Villkoret ${key} är inte uppfyllt: ${human}`, `Constraint ${key} failed: ${human}`, at),
  invariantError: (key: string, at: string) =>
    make('warning', 'processing', 'FHIR-INVARIANT-ERROR', `Villkoret ${key} kunde inte utvärderas`, `Constraint ${key} could not be evaluated`, at),
  contentCheckFailed: (at: string) =>
    make('error', 'exception', 'CONTENT-CHECK-FAILED', 'Remissinnehållet kunde inte kontrolleras (internt fel)', 'The referral content could not be checked (internal error)', at),
  profileUnknown: (url: string, at: string) =>
    make('warning', 'not-supported', 'PROFILE-UNKNOWN', `Profilen ${url} är okänd och har inte kontrollerats`, `The profile ${url} is unknown and was not checked`, at),
  profileType: (url: string, type: string, at: string) =>
    make('error', 'invalid', 'PROFILE-TYPE', `Profilen ${url} gäller ${type}, inte den här resursen`, `The profile ${url} is for ${type}, not this resource`, at),
};
