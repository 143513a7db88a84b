import { evalFhirPathTyped, parseFhirPath, toTypedValue } from '@medplum/core';
import type { TypedValue } from '@medplum/core';
import { loadDefinitions } from './definitions.ts';
import { compileFast } from './fastpath.ts';
import { Fallback } from './fastpath-values.ts';

beforeAll(async () => {
  await loadDefinitions({ skipBase: true }); // fills medplum's schema index, which its evaluator needs
});

const patient = {
  resourceType: 'Patient',
  identifier: [
    { system: 'http://electronichealth.se/identifier/personnummer', value: '191212121212' },
    { system: 'urn:x', value: 'abc' },
  ],
  name: [{ family: 'Testsson', given: ['A', 'B'] }],
  birthDate: '1912-12-12',
  multipleBirthInteger: 2,
  extension: [{ url: 'https://x/e', valueBoolean: true }],
};

const PNR_LUHN =
  "(value.matches('^[0-9]{12}$')) implies (((10 - ((iif(value.substring(2,1).toInteger() > 4, value.substring(2,1).toInteger() * 2 - 9, value.substring(2,1).toInteger() * 2) + value.substring(3,1).toInteger() + iif(value.substring(4,1).toInteger() > 4, value.substring(4,1).toInteger() * 2 - 9, value.substring(4,1).toInteger() * 2) + value.substring(5,1).toInteger() + iif(value.substring(6,1).toInteger() > 4, value.substring(6,1).toInteger() * 2 - 9, value.substring(6,1).toInteger() * 2) + value.substring(7,1).toInteger() + iif(value.substring(8,1).toInteger() > 4, value.substring(8,1).toInteger() * 2 - 9, value.substring(8,1).toInteger() * 2) + value.substring(9,1).toInteger() + iif(value.substring(10,1).toInteger() > 4, value.substring(10,1).toInteger() * 2 - 9, value.substring(10,1).toInteger() * 2)) mod 10)) mod 10) = value.substring(11,1).toInteger())";

const cases: [string, unknown, string][] = [
  // [type of the focus, the focus, expression]
  ['Patient', patient, 'identifier.where(system = \'urn:x\').exists()'],
  ['Patient', patient, 'identifier.where(system = \'urn:y\').exists()'],
  ['Patient', patient, 'identifier.all(value.exists())'],
  ['Patient', patient, 'name.given.count() = 2 and name.family = \'Testsson\''],
  ['Patient', patient, 'multipleBirth > 1 implies name.exists()'],
  ['Patient', patient, 'multipleBirth <= 1 or gender.exists()'],
  ['Patient', patient, 'gender.empty() xor name.empty()'],
  ['Patient', patient, 'gender.exists() implies gender = \'x\''],
  ['Patient', patient, "extension('https://x/e').value = true"],
  ['Patient', patient, "extension.where(url = 'https://x/e').exists().not()"],
  ['Patient', patient, "identifier.value.first().startsWith('19')"],
  ['Patient', patient, "identifier.system.isDistinct() and ('a' | 'b' | 'a').count() = 2"],
  ['Patient', patient, "'urn:x' in identifier.system"],
  ['Patient', patient, "identifier.select(system & '|' & value).count() = 2"],
  ['Patient', patient, 'name.given[1] = \'B\' and -multipleBirth < 0'],
  ['Patient', patient, "iif(multipleBirth > 1, 'many', 'one') = 'many'"],
  ['Identifier', patient.identifier[0], PNR_LUHN],
  ['Identifier', { system: 'x', value: '191212121213' }, PNR_LUHN],
  ['Identifier', { system: 'x', value: '19121212' }, PNR_LUHN],
];

describe('fast FHIRPath closures agree with medplum', () => {
  test.each(cases.map(([type, value, expression]) => ({ type, value, expression })))('$type: $expression', ({ type, value, expression }) => {
    const typed: TypedValue = { type, value };
    const expected = evalFhirPathTyped(expression, [typed], { '%resource': toTypedValue(patient) }).map((v) => v.value as unknown);
    const fast = compileFast(parseFhirPath(expression));
    expect(fast).toBeDefined();
    expect(fast!([value], { context: value, resource: patient, root: patient })).toEqual(expected);
  });

  test('outside the subset nothing is compiled; a date comparison falls back at run time', () => {
    expect(compileFast(parseFhirPath('descendants().linkId.isDistinct()'))).toBeUndefined();
    expect(compileFast(parseFhirPath('value.ofType(Quantity).exists()'))).toBeUndefined();
    const cmp = compileFast(parseFhirPath('birthDate <= birthDate'))!;
    expect(() => cmp([patient], { context: patient, resource: patient, root: patient })).toThrow(Fallback);
  });
});
