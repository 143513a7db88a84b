import type { ServiceRequest, Task } from '@medplum/fhirtypes';
import { extractIndex, fhirDateToInstant, orgKey, orgKeyFromParam } from './extract.ts';

describe('orgKey', () => {
  test('prefers an HSA-id (either system) over the literal reference', () => {
    expect(orgKey({ reference: 'Organization/x', identifier: { system: 'urn:oid:1.2.752.29.4.19', value: 'SE1' } })).toBe('SE1');
    expect(orgKey({ identifier: { system: 'urn:oid:1.2.752.129.2.1.4.1', value: 'SE2' } })).toBe('SE2');
    expect(orgKey({ reference: 'Organization/x', identifier: { system: 'other', value: 'SE3' } })).toBe('Organization/x');
  });

  test('names no organisation for references to other types', () => {
    expect(orgKey({ reference: 'PractitionerRole/r1' })).toBeUndefined();
    expect(orgKey({ type: 'Practitioner', identifier: { system: 'urn:oid:1.2.752.29.4.19', value: 'SE-P' } })).toBeUndefined();
  });

  test('orgKeyFromParam strips an HSA system only', () => {
    expect(orgKeyFromParam('urn:oid:1.2.752.29.4.19|SE1')).toBe('SE1');
    expect(orgKeyFromParam('other|SE1')).toBe('other|SE1');
    expect(orgKeyFromParam('Organization/1')).toBe('Organization/1');
  });
});

describe('fhirDateToInstant', () => {
  test.each([
    ['2025', '2025-01-01T00:00:00.000Z'],
    ['2025-03', '2025-03-01T00:00:00.000Z'],
    ['2025-03-14', '2025-03-14T00:00:00.000Z'],
    ['2025-03-14T10:00:00+01:00', '2025-03-14T09:00:00.000Z'],
    ['2025-03-14T10:00:00.123Z', '2025-03-14T10:00:00.123Z'],
  ])('%s → %s', (input, expected) => {
    expect(fhirDateToInstant(input)).toBe(expected);
  });

  test('garbage gives null', () => {
    expect(fhirDateToInstant('yesterday')).toBeNull();
  });
});

describe('extractIndex', () => {
  test('ServiceRequest: provider from performer, patient, status, authored, identifier tokens', () => {
    const sr: ServiceRequest = {
      resourceType: 'ServiceRequest',
      status: 'active',
      intent: 'order',
      identifier: [{ system: 'https://remissbrygga.se/fhir/sid/remiss-id', value: 'SE1#1' }, { value: 'local' }],
      subject: { reference: 'Patient/p1' },
      requester: { reference: 'PractitionerRole/r1' },
      performer: [{ display: 'no reference' }, { reference: 'Organization/o1' }],
      authoredOn: '2025-03-14',
      basedOn: [{ reference: 'CarePlan/c1' }],
    };
    expect(extractIndex(sr)).toEqual({
      ownerOrg: 'Organization/o1',
      requesterOrg: null,
      patientRef: 'Patient/p1',
      status: 'active',
      authored: '2025-03-14T00:00:00.000Z',
      tokens: [
        { system: 'https://remissbrygga.se/fhir/sid/remiss-id', value: 'SE1#1' },
        { system: '', value: 'local' },
      ],
      refs: [
        { param: 'performer', target: 'Organization/o1' },
        { param: 'based-on', target: 'CarePlan/c1' },
      ],
    });
  });

  test('Task: owner, focus and for', () => {
    const task: Task = {
      resourceType: 'Task',
      status: 'requested',
      intent: 'order',
      focus: { reference: 'ServiceRequest/s1' },
      for: { reference: 'Patient/p1' },
      owner: { type: 'Organization', identifier: { system: 'urn:oid:1.2.752.29.4.19', value: 'SE-PROV' } },
    };
    const index = extractIndex(task);
    expect([index.ownerOrg, index.patientRef, index.refs]).toEqual(['SE-PROV', 'Patient/p1', [{ param: 'focus', target: 'ServiceRequest/s1' }]]);
  });

  test('a type without a spec row still gets identifier tokens', () => {
    expect(extractIndex({ resourceType: 'Organization', identifier: [{ system: 's', value: 'v' }] }).tokens).toEqual([{ system: 's', value: 'v' }]);
  });
});
