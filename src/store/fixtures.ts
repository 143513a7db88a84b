/** Typed fixture factories for the store suites (STYLE.md point 7): each test builds its own data. */
import type { Patient, ServiceRequest, Task } from '@medplum/fhirtypes';

export const REMISS_ID_SYSTEM = 'https://remissbrygga.se/fhir/sid/remiss-id';
export const PERSONNUMMER_SYSTEM = 'http://electronichealth.se/identifier/personnummer';
export const HSA_SYSTEM = 'urn:oid:1.2.752.29.4.19';

export function patientFixture(personnummer: string): Patient {
  return {
    resourceType: 'Patient',
    identifier: [{ system: PERSONNUMMER_SYSTEM, value: personnummer }],
    name: [{ family: 'Testsson', given: ['Tolvan'] }],
    birthDate: '1990-01-01',
  };
}

export interface ReferralFixture {
  readonly remissId: string;
  readonly providerHsa: string;
  readonly patientId: string;
  readonly authoredOn?: string;
  readonly status?: ServiceRequest['status'];
}

export function referralFixture(f: ReferralFixture): ServiceRequest {
  return {
    resourceType: 'ServiceRequest',
    identifier: [{ system: REMISS_ID_SYSTEM, value: f.remissId }],
    status: f.status ?? 'active',
    intent: 'order',
    subject: { reference: `Patient/${f.patientId}` },
    requester: { reference: 'PractitionerRole/referrer' },
    performer: [{ reference: 'Organization/provider', identifier: { system: HSA_SYSTEM, value: f.providerHsa } }],
    authoredOn: f.authoredOn ?? '2025-03-14',
  };
}

export function taskFixture(referralId: string, providerHsa: string, status: Task['status'] = 'requested'): Task {
  return {
    resourceType: 'Task',
    status,
    intent: 'order',
    focus: { reference: `ServiceRequest/${referralId}` },
    owner: { identifier: { system: HSA_SYSTEM, value: providerHsa } },
    authoredOn: '2025-03-14T10:00:00+01:00',
  };
}
