/**
 * Typed fixture factory: a referral bundle shaped as docs/ig-design.md describes (rb-referral-bundle:
 * transaction, urn:uuid fullUrls, POST entries; ServiceRequest, QuestionnaireResponse, Patient, Practitioner,
 * PractitionerRole, Organizations, Condition, AUDIT + DUDIT Observations, prior-treatment Procedure). Test data
 * only: personnummer 19121212-1212 is Skatteverket's test-series style number.
 */
import { randomUUID } from 'node:crypto';
import type { Bundle, BundleEntry, Resource } from '@medplum/fhirtypes';
import { CS, EXT, FHIR_BASE, HSA_SYSTEM, REMISS_ID_SYSTEM } from './codes.ts';

export interface ReferralBundleOptions {
  /** HSA-id of the referring vårdcentral. */
  readonly vardcentral: string;
  /** HSA-id of the chosen provider; absent = provider choice `nearest`. */
  readonly provider?: string;
  /** Local part of the remiss-id (`<vårdcentral>#<localId>`). */
  readonly localId: string;
  readonly treatmentForm?: 'kbt' | 'kbt-trauma' | 'ipt' | 'pdt';
  readonly diagnosis?: string;
  readonly postalCode?: string;
  readonly city?: string;
  /** Free text of the assessment (to make two versions differ). */
  readonly assessment?: string;
  readonly authoredOn?: string;
}

export function referralBundle(o: ReferralBundleOptions): Bundle {
  const u = (): string => `urn:uuid:${randomUUID()}`;
  const ids = { sr: u(), qr: u(), patient: u(), practitioner: u(), role: u(), vc: u(), provider: u(), condition: u(), audit: u(), dudit: u(), prior: u() };
  const form = o.treatmentForm ?? 'kbt';
  const diagnosis = o.diagnosis ?? 'F32.1';
  const authoredOn = o.authoredOn ?? '2025-03-14';
  const hsa = (value: string): { system: string; value: string } => ({ system: HSA_SYSTEM, value });
  const entries: [string, Resource][] = [
    [
      ids.sr,
      {
        resourceType: 'ServiceRequest',
        meta: { profile: [`${FHIR_BASE}/StructureDefinition/rb-referral`] },
        extension: [{ url: EXT.providerChoice, valueCoding: { system: CS.providerChoice, code: o.provider ? 'patient-choice' : 'nearest' } }],
        identifier: [{ system: REMISS_ID_SYSTEM, value: `${o.vardcentral}#${o.localId}` }],
        status: 'active',
        intent: 'order',
        category: [{ coding: [{ system: 'http://snomed.info/sct', code: '3457005', display: 'Patient referral' }] }],
        code: { coding: [{ system: 'http://snomed.info/sct', code: '75516001', display: 'Psychotherapy' }] },
        orderDetail: [{ coding: [{ system: CS.treatmentForm, code: form }] }],
        reasonCode: [{ coding: [{ system: 'urn:oid:1.2.752.116.1.1.1', code: diagnosis }] }],
        reasonReference: [{ reference: ids.condition }],
        subject: { reference: ids.patient },
        requester: { reference: ids.role },
        ...(o.provider ? { performer: [{ reference: ids.provider }] } : {}),
        authoredOn,
        supportingInfo: [{ reference: ids.qr }, { reference: ids.audit }, { reference: ids.dudit }, { reference: ids.prior }],
      },
    ],
    [
      ids.qr,
      {
        resourceType: 'QuestionnaireResponse',
        questionnaire: `${FHIR_BASE}/Questionnaire/psykoterapiremiss|2025.1`,
        status: 'completed',
        subject: { reference: ids.patient },
        authored: authoredOn,
        item: [
          { linkId: 'bedomning', answer: [{ valueString: o.assessment ?? 'Måttlig depressiv episod, fungerar i arbete med svårighet.' }] },
          { linkId: 'behandlingsform', answer: [{ valueCoding: { system: CS.treatmentForm, code: form } }] },
          { linkId: 'remittent-telefon', answer: [{ valueString: '+46 40 123 45 67' }] },
        ],
      },
    ],
    [
      ids.patient,
      {
        resourceType: 'Patient',
        identifier: [{ system: 'http://electronichealth.se/identifier/personnummer', value: '191212121212' }],
        name: [{ family: 'Tolvansson', given: ['Tolvan'] }],
        birthDate: '1912-12-12',
        address: [{ use: 'home', line: ['Testgatan 1'], postalCode: o.postalCode ?? '21428', city: o.city ?? 'Malmö' }],
        generalPractitioner: [{ reference: ids.vc }],
      },
    ],
    [ids.practitioner, { resourceType: 'Practitioner', identifier: [hsa(`${o.vardcentral}-P1`)], name: [{ family: 'Psykologsson', given: ['Petra'] }] }],
    [
      ids.role,
      {
        resourceType: 'PractitionerRole',
        practitioner: { reference: ids.practitioner },
        organization: { reference: ids.vc },
        code: [{ coding: [{ system: `${FHIR_BASE}/CodeSystem/rb-referrer-profession`, code: 'psykolog' }] }],
        telecom: [{ system: 'phone', use: 'work', value: '+46 40 123 45 67' }],
      },
    ],
    [ids.vc, { resourceType: 'Organization', identifier: [hsa(o.vardcentral)], name: 'Vårdcentralen Test', type: [{ coding: [{ system: `${FHIR_BASE}/CodeSystem/rb-organization-type`, code: 'vardcentral' }] }] }],
    ...(o.provider
      ? [
          [
            ids.provider,
            {
              resourceType: 'Organization',
              identifier: [hsa(o.provider)],
              name: 'Psykoterapimottagningen Test',
              type: [{ coding: [{ system: `${FHIR_BASE}/CodeSystem/rb-organization-type`, code: 'psykoterapimottagning' }] }],
            },
          ] satisfies [string, Resource],
        ]
      : []),
    [
      ids.condition,
      {
        resourceType: 'Condition',
        code: { coding: [{ system: 'urn:oid:1.2.752.116.1.1.1', code: diagnosis }] },
        subject: { reference: ids.patient },
        verificationStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status', code: 'provisional' }] },
      },
    ],
    [ids.audit, screening('75624-7', 'http://loinc.org', 'AUDIT', 4, ids.patient)],
    [ids.dudit, screening('DUDIT', `${FHIR_BASE}/CodeSystem/rb-instrument`, 'DUDIT', 0, ids.patient)],
    [
      ids.prior,
      {
        resourceType: 'Procedure',
        status: 'completed',
        code: { coding: [{ system: `${FHIR_BASE}/CodeSystem/rb-prior-treatment-type`, code: 'ikbt' }] },
        subject: { reference: ids.patient },
        performedDateTime: '2024-10-01',
      },
    ],
  ];
  return {
    resourceType: 'Bundle',
    type: 'transaction',
    entry: entries.map(([fullUrl, resource]): BundleEntry => ({ fullUrl, resource, request: { method: 'POST', url: resource.resourceType } })),
  };
}

function screening(code: string, system: string, display: string, value: number, patient: string): Resource {
  return {
    resourceType: 'Observation',
    status: 'final',
    code: { coding: [{ system, code, display }] },
    subject: { reference: patient },
    effectiveDateTime: '2025-03-10',
    valueInteger: value,
  };
}
