import type { ElementDefinition, StructureDefinition } from '@medplum/fhirtypes';
import { testIg } from './fixtures.ts';
import { testValidator } from './testing.ts';
import type { LoadedDefinitions } from './definitions.ts';

let defs: LoadedDefinitions;
beforeAll(async () => {
  ({ defs } = await testValidator());
});

function element(sd: StructureDefinition | undefined, id: string): ElementDefinition | undefined {
  return sd?.snapshot?.element.find((e) => e.id === id);
}

describe('snapshot generation for differential-only profiles', () => {
  test('merges onto the base snapshot: base elements kept, constrained ones changed, invariants appended', () => {
    const sd = defs.resolve<StructureDefinition>('https://test.example/fhir/StructureDefinition/t-patient');
    const base = defs.resolve<StructureDefinition>('http://hl7.org/fhir/StructureDefinition/Patient');
    expect(sd?.snapshot?.element.length).toBeGreaterThan(base?.snapshot?.element.length ?? 0);
    expect(element(sd, 'Patient.birthDate')).toMatchObject({ min: 1, max: '1', path: 'Patient.birthDate' });
    expect(element(sd, 'Patient.gender')?.binding).toEqual({ strength: 'required', valueSet: 'https://test.example/fhir/ValueSet/t-gender' });
    expect(element(sd, 'Patient.active')).toEqual(element(base, 'Patient.active'));
    expect(element(sd, 'Patient')?.constraint?.map((c) => c.key)).toEqual(expect.arrayContaining(['dom-2', 't-pat-1']));
  });

  test('a new slice copies the sliced element, its constrained children are unrolled from the type', () => {
    const sd = defs.resolve<StructureDefinition>('https://test.example/fhir/StructureDefinition/t-patient');
    const ids = sd?.snapshot?.element.map((e) => e.id) ?? [];
    const at = ids.indexOf('Patient.identifier:pnr');
    expect(at).toBeGreaterThan(ids.indexOf('Patient.identifier'));
    expect(element(sd, 'Patient.identifier:pnr')).toMatchObject({ sliceName: 'pnr', min: 1, max: '1', path: 'Patient.identifier' });
    expect(element(sd, 'Patient.identifier:pnr')?.slicing).toBeUndefined();
    expect(element(sd, 'Patient.identifier:pnr.system')).toMatchObject({ min: 1, fixedUri: 'http://electronichealth.se/identifier/personnummer', path: 'Patient.identifier.system' });
    // the other Identifier children come along from the Identifier definition, in order, after the slice
    expect(ids.slice(at + 1, at + 8)).toEqual([
      'Patient.identifier:pnr.id',
      'Patient.identifier:pnr.extension',
      'Patient.identifier:pnr.use',
      'Patient.identifier:pnr.type',
      'Patient.identifier:pnr.system',
      'Patient.identifier:pnr.value',
      'Patient.identifier:pnr.period',
    ]);
  });

  test('an extension profile on a choice: value[x] restricted, its children unrolled; the input is not mutated', () => {
    const sd = defs.resolve<StructureDefinition>('https://test.example/fhir/StructureDefinition/t-provider-choice');
    expect(element(sd, 'Extension.value[x]')?.type).toEqual([{ code: 'Coding' }]);
    expect(element(sd, 'Extension.value[x].code')?.min).toBe(1);
    expect(element(sd, 'Extension.url')?.fixedUri).toBe('https://test.example/fhir/StructureDefinition/t-provider-choice');
    const original = testIg().find((r) => r.resourceType === 'StructureDefinition' && r.url.endsWith('t-provider-choice'));
    expect(original && 'snapshot' in original ? original.snapshot : undefined).toBeUndefined();
  });
});
