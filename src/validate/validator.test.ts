import type { Bundle, Observation, Patient, Resource } from '@medplum/fhirtypes';
import { bundle, ICD_ALIAS, patient, PNR, referral, SD } from './fixtures.ts';
import { found, ruleIds, testValidator } from './testing.ts';
import type { Validator } from './types.ts';
import { isValid } from './validator.ts';

let validator: Validator;

beforeAll(async () => {
  ({ validator } = await testValidator());
});

function invalid(r: unknown): Resource {
  return r as Resource;
}

describe('base R4 structure', () => {
  test('a valid resource gives an outcome with no errors', () => {
    const o = validator.validate({ resourceType: 'Patient', id: 'a', gender: 'male', birthDate: '2001-02-03' });
    expect(isValid(o)).toBe(true);
    expect(found(o)).toEqual([]);
  });

  test('unknown element, wrong shape, empty values, bad formats and cardinality are all collected', () => {
    const o = validator.validate(
      invalid({
        resourceType: 'Patient',
        id: 'bad id!',
        foo: 1,
        identifier: { system: 'x' },
        name: [{ family: '' }],
        telecom: [],
        birthDate: '2020-02-30',
        multipleBirthInteger: 1.5,
        active: 'yes',
      }),
    );
    expect(isValid(o)).toBe(false);
    expect(found(o)).toEqual(
      expect.arrayContaining([
        ['FHIR-FORMAT', 'Patient.id'],
        ['FHIR-UNKNOWN-ELEMENT', 'Patient.foo'],
        ['FHIR-STRUCTURE', 'Patient.identifier'],
        ['FHIR-EMPTY', 'Patient.name[0].family'],
        ['FHIR-EMPTY', 'Patient.telecom'],
        ['FHIR-FORMAT', 'Patient.birthDate'],
        ['FHIR-FORMAT', 'Patient.multipleBirthInteger'],
        ['FHIR-TYPE', 'Patient.active'],
      ]),
    );
    expect(found(o)).toHaveLength(8);
  });

  test('missing required base elements and choice conflicts', () => {
    const o = validator.validate(
      invalid({ resourceType: 'Observation', code: { text: 'x' }, valueInteger: 1, valueString: 'a' }),
    );
    expect(found(o)).toEqual(
      expect.arrayContaining([
        ['FHIR-CARDINALITY', 'Observation.status'],
        ['FHIR-CHOICE', 'Observation.valueString'],
      ]),
    );
  });

  test('base invariants are evaluated (pat-1 natively, que-* through FHIRPath)', () => {
    expect(found(validator.validate(invalid({ resourceType: 'Patient', contact: [{ gender: 'male' }] })))).toEqual([
      ['FHIR-INVARIANT-pat-1', 'Patient.contact[0]'],
    ]);
    const q = validator.validate({ resourceType: 'Questionnaire', status: 'draft', item: [{ linkId: 'g', type: 'group' }] });
    expect(ruleIds(q)).toContain('FHIR-INVARIANT-que-1');
  });

  test('required base bindings: a code outside the value set is an error', () => {
    const o = validator.validate(invalid({ resourceType: 'Patient', gender: 'mle' }));
    expect(found(o)).toEqual([['FHIR-BINDING', 'Patient.gender']]);
  });

  test('unknown resource types and non-resources are reported, not thrown', () => {
    expect(ruleIds(validator.validate(invalid({ resourceType: 'Patiënt' })))).toEqual(['FHIR-RESOURCE-TYPE']);
    expect(ruleIds(validator.validate(invalid({ id: 'x' })))).toEqual(['FHIR-RESOURCE-TYPE']);
  });

  test('bundle entries and contained resources are validated with indexed expressions', () => {
    const b = invalid({
      resourceType: 'Bundle',
      type: 'collection',
      entry: [
        { resource: { resourceType: 'Patient', gender: 'male' } },
        { resource: { resourceType: 'Patient', contained: [{ resourceType: 'Organization', nme: 'x' }] } },
        { resource: { resourceType: 'Observation', status: 'final', code: { text: 't' }, identifier: [{}, { system: 'has space' }] } },
      ],
    });
    expect(found(validator.validate(b))).toEqual([
      ['FHIR-UNKNOWN-ELEMENT', 'Bundle.entry[1].resource.contained[0].nme'],
      ['FHIR-EMPTY', 'Bundle.entry[2].resource.identifier[0]'],
      ['FHIR-FORMAT', 'Bundle.entry[2].resource.identifier[1].system'],
    ]);
  });

  test('reference targets: a subject that is a Practitioner is refused', () => {
    const b: Bundle = {
      resourceType: 'Bundle',
      type: 'collection',
      entry: [
        { fullUrl: 'urn:uuid:a', resource: { resourceType: 'Practitioner' } },
        {
          resource: { resourceType: 'Observation', status: 'final', code: { text: 't' }, subject: { reference: 'urn:uuid:a' } },
        },
      ],
    };
    expect(found(validator.validate(b))).toEqual([['FHIR-REFERENCE-TARGET', 'Bundle.entry[1].resource.subject.reference']]);
    const literal: Observation = { resourceType: 'Observation', status: 'final', code: { text: 't' }, subject: { reference: 'Practitioner/1' } };
    expect(ruleIds(validator.validate(literal))).toEqual(['FHIR-REFERENCE-TARGET']);
  });

  test('primitive extensions (_name) are walked as Element', () => {
    const p = invalid({ resourceType: 'Patient', _birthDate: { extension: [{ url: 'http://x', valueBoolean: true }], bar: 1 } });
    expect(found(validator.validate(p))).toEqual([['FHIR-UNKNOWN-ELEMENT', 'Patient._birthDate.bar']]);
  });
});

describe('profiles (differential-only fixtures, snapshots generated at load)', () => {
  test('the valid fixture bundle conforms to every profile', () => {
    const o = validator.validate(bundle());
    expect(found(o)).toEqual([]);
  });

  test('fixed, pattern, slice cardinality, extension profile, required binding and reference target profile', () => {
    const b = bundle({
      patient: patient({ identifier: [{ system: 'urn:other', value: '1' }] }),
      referral: referral({
        intent: 'plan',
        category: [{ coding: [{ system: 'http://snomed.info/sct', code: '1' }] }],
        orderDetail: [{ coding: [{ system: 'https://test.example/fhir/CodeSystem/t-treatment', code: 'pdt' }] }],
        extension: [{ url: `${SD}/t-provider-choice`, valueCoding: { system: 'x' } }],
      }),
    });
    expect(found(validator.validate(b))).toEqual([
      ['FHIR-CARDINALITY', 'Bundle.entry[0].resource.identifier'],
      ['FHIR-CARDINALITY', 'Bundle.entry[1].resource.extension[0].valueCoding.code'],
      ['FHIR-FIXED', 'Bundle.entry[1].resource.intent'],
      ['FHIR-PATTERN', 'Bundle.entry[1].resource.category[0]'],
      ['FHIR-BINDING', 'Bundle.entry[1].resource.orderDetail[0].coding[0]'],
    ]);
  });

  test('reference target profile: reported at the reference only when the target is not itself validated against it', () => {
    const plain = patient({ meta: undefined, birthDate: undefined });
    const b: Bundle = {
      resourceType: 'Bundle',
      type: 'collection',
      entry: [
        { fullUrl: 'urn:uuid:11111111-1111-4111-8111-111111111111', resource: plain },
        { fullUrl: 'urn:uuid:22222222-2222-4222-8222-222222222222', resource: referral() },
      ],
    };
    expect(found(validator.validate(b))).toEqual([['FHIR-REFERENCE-TARGET', 'Bundle.entry[1].resource.subject.reference']]);
    // the same patient claiming the profile: its own issue is reported once, at the patient
    const claimed = structuredClone(b);
    claimed.entry![0]!.resource = patient({ birthDate: undefined });
    expect(found(validator.validate(claimed))).toEqual([['FHIR-CARDINALITY', 'Bundle.entry[0].resource.birthDate']]);
  });

  test('cardinality from the profile: a missing required slice element and a missing extension slice', () => {
    const b = bundle({
      patient: patient({ identifier: [{ system: PNR }], birthDate: undefined }),
      referral: referral({ extension: undefined, authoredOn: undefined }),
    });
    expect(found(validator.validate(b))).toEqual(
      expect.arrayContaining([
        ['FHIR-CARDINALITY', 'Bundle.entry[0].resource.identifier[0].value'],
        ['FHIR-CARDINALITY', 'Bundle.entry[0].resource.birthDate'],
        ['FHIR-CARDINALITY', 'Bundle.entry[1].resource.extension'],
        ['FHIR-CARDINALITY', 'Bundle.entry[1].resource.authoredOn'],
      ]),
    );
  });

  test('closed slicing by type: an entry of another type fits no slice', () => {
    const b = bundle();
    b.entry?.push({ fullUrl: 'urn:uuid:x', resource: { resourceType: 'Practitioner' }, request: { method: 'POST', url: 'Practitioner' } });
    expect(found(validator.validate(b))).toEqual([['FHIR-SLICE-CLOSED', 'Bundle.entry[2]']]);
  });

  test('profile invariants are evaluated with their own key', () => {
    const p: Patient = patient({ name: undefined });
    expect(found(validator.validate(p))).toEqual([['FHIR-INVARIANT-t-pat-1', 'Patient']]);
  });

  test('a profile asked for by the caller applies as well as the claimed ones', () => {
    const p: Patient = { resourceType: 'Patient', gender: 'other' };
    expect(ruleIds(validator.validate(p))).toEqual([]);
    expect(ruleIds(validator.validate(p, { profile: [`${SD}/t-patient`] }))).toEqual(
      expect.arrayContaining(['FHIR-CARDINALITY', 'FHIR-BINDING', 'FHIR-INVARIANT-t-pat-1']),
    );
  });

  test('an unknown claimed profile is a warning (never silence); a profile for another type is an error', () => {
    const o = validator.validate({ resourceType: 'Patient', meta: { profile: ['https://nowhere.example/StructureDefinition/x'] } });
    expect(o.issue.map((i) => [i.severity, i.details?.coding?.[0]?.code, i.expression?.[0]])).toEqual([
      ['warning', 'PROFILE-UNKNOWN', 'Patient.meta.profile[0]'],
    ]);
    expect(isValid(o)).toBe(true);
    const wrong = validator.validate({ resourceType: 'Patient', meta: { profile: [`${SD}/t-referral`] } });
    expect(ruleIds(wrong)).toEqual(['PROFILE-TYPE']);
  });
});

describe('terminology', () => {
  test('extensible binding: a code outside the value set is a warning; the ICD-10-SE alias is normalised', () => {
    const other = validator.validate(referral({ subject: { reference: 'Patient/1' }, reasonCode: [{ coding: [{ system: 'urn:oid:1.2.752.116.1.1.1', code: 'F20' }] }] }));
    expect(other.issue.map((i) => [i.severity, i.details?.coding?.[0]?.code, i.expression?.[0]])).toEqual([
      ['warning', 'FHIR-BINDING', 'ServiceRequest.reasonCode[0].coding[0]'],
    ]);
    const alias = validator.validate(referral({ subject: { reference: 'Patient/1' }, reasonCode: [{ coding: [{ system: ICD_ALIAS, code: 'F40.01' }] }] }));
    expect(found(alias)).toEqual([]);
  });
});

describe('language', () => {
  test('Swedish by default, English on request, same rule ids', () => {
    const r = invalid({ resourceType: 'Patient', foo: 1 });
    const sv = validator.validate(r);
    const en = validator.validate(r, { lang: 'en' });
    expect(sv.issue[0]?.details?.text).toBe('Okänt element "foo"');
    expect(en.issue[0]?.details?.text).toBe('Unknown element "foo"');
    expect(ruleIds(en)).toEqual(ruleIds(sv));
  });
});
