/**
 * Test fixtures: a tiny IG written as differential-only StructureDefinitions (so every test also exercises
 * snapshot generation), its terminology, and typed factories for valid resources and a valid bundle.
 */
import type {
  Bundle,
  CodeSystem,
  Patient,
  Resource,
  ServiceRequest,
  StructureDefinition,
  ValueSet,
} from '@medplum/fhirtypes';

export const T = 'https://test.example/fhir';
export const SD = `${T}/StructureDefinition`;
export const PNR = 'http://electronichealth.se/identifier/personnummer';
export const ICD = 'urn:oid:1.2.752.116.1.1.1';
export const ICD_ALIAS = 'urn:oid:1.2.752.116.1.1.1.1.3';
export const SNOMED = 'http://snomed.info/sct';

const treatmentCs: CodeSystem = {
  resourceType: 'CodeSystem',
  url: `${T}/CodeSystem/t-treatment`,
  status: 'active',
  content: 'complete',
  concept: [
    { code: 'kbt', display: 'KBT', concept: [{ code: 'kbt-trauma', display: 'Traumafokuserad KBT' }] },
    { code: 'ipt', display: 'IPT' },
    { code: 'pdt', display: 'PDT' },
  ],
};

const icdCs: CodeSystem = {
  resourceType: 'CodeSystem',
  url: ICD,
  status: 'active',
  content: 'fragment',
  concept: [
    { code: 'F32', concept: [{ code: 'F32.0' }, { code: 'F32.1' }] },
    { code: 'F40', concept: [{ code: 'F40.0', concept: [{ code: 'F40.00' }, { code: 'F40.01' }] }, { code: 'F40.1' }] },
    { code: 'F20' },
  ],
};

const treatmentVs: ValueSet = {
  resourceType: 'ValueSet',
  url: `${T}/ValueSet/t-treatment`,
  status: 'active',
  compose: { include: [{ system: treatmentCs.url }], exclude: [{ system: treatmentCs.url, concept: [{ code: 'pdt' }] }] },
};

const diagnosesVs: ValueSet = {
  resourceType: 'ValueSet',
  url: `${T}/ValueSet/t-diagnoses`,
  status: 'active',
  compose: {
    include: [
      { system: ICD, concept: [{ code: 'F32.1' }] },
      { system: ICD, filter: [{ property: 'concept', op: 'is-a', value: 'F40' }] },
    ],
  },
};

const genderVs: ValueSet = {
  resourceType: 'ValueSet',
  url: `${T}/ValueSet/t-gender`,
  status: 'active',
  compose: { include: [{ system: 'http://hl7.org/fhir/administrative-gender', concept: [{ code: 'male' }, { code: 'female' }] }] },
};

const providerChoice: StructureDefinition = {
  resourceType: 'StructureDefinition',
  url: `${SD}/t-provider-choice`,
  name: 'TProviderChoice',
  status: 'active',
  kind: 'complex-type',
  abstract: false,
  type: 'Extension',
  context: [{ type: 'element', expression: 'ServiceRequest' }],
  baseDefinition: 'http://hl7.org/fhir/StructureDefinition/Extension',
  derivation: 'constraint',
  differential: {
    element: [
      { id: 'Extension', path: 'Extension', max: '1' },
      { id: 'Extension.extension', path: 'Extension.extension', max: '0' },
      { id: 'Extension.url', path: 'Extension.url', fixedUri: `${SD}/t-provider-choice` },
      { id: 'Extension.value[x]', path: 'Extension.value[x]', min: 1, type: [{ code: 'Coding' }] },
      { id: 'Extension.value[x].code', path: 'Extension.value[x].code', min: 1 },
    ],
  },
};

const patientProfile: StructureDefinition = {
  resourceType: 'StructureDefinition',
  url: `${SD}/t-patient`,
  name: 'TPatient',
  status: 'active',
  kind: 'resource',
  abstract: false,
  type: 'Patient',
  baseDefinition: 'http://hl7.org/fhir/StructureDefinition/Patient',
  derivation: 'constraint',
  differential: {
    element: [
      {
        id: 'Patient',
        path: 'Patient',
        constraint: [{ key: 't-pat-1', severity: 'error', human: 'A patient has a name', expression: 'name.exists()', source: `${SD}/t-patient` }],
      },
      {
        id: 'Patient.identifier',
        path: 'Patient.identifier',
        min: 1,
        slicing: { discriminator: [{ type: 'value', path: 'system' }], rules: 'open' },
      },
      { id: 'Patient.identifier:pnr', path: 'Patient.identifier', sliceName: 'pnr', min: 1, max: '1' },
      { id: 'Patient.identifier:pnr.system', path: 'Patient.identifier.system', min: 1, fixedUri: PNR },
      { id: 'Patient.identifier:pnr.value', path: 'Patient.identifier.value', min: 1 },
      { id: 'Patient.gender', path: 'Patient.gender', binding: { strength: 'required', valueSet: genderVs.url } },
      { id: 'Patient.birthDate', path: 'Patient.birthDate', min: 1 },
    ],
  },
};

const referralProfile: StructureDefinition = {
  resourceType: 'StructureDefinition',
  url: `${SD}/t-referral`,
  name: 'TReferral',
  status: 'active',
  kind: 'resource',
  abstract: false,
  type: 'ServiceRequest',
  baseDefinition: 'http://hl7.org/fhir/StructureDefinition/ServiceRequest',
  derivation: 'constraint',
  differential: {
    element: [
      { id: 'ServiceRequest.extension', path: 'ServiceRequest.extension', slicing: { discriminator: [{ type: 'value', path: 'url' }], rules: 'open' } },
      {
        id: 'ServiceRequest.extension:providerChoice',
        path: 'ServiceRequest.extension',
        sliceName: 'providerChoice',
        min: 1,
        max: '1',
        type: [{ code: 'Extension', profile: [providerChoice.url] }],
      },
      { id: 'ServiceRequest.intent', path: 'ServiceRequest.intent', fixedCode: 'order' },
      {
        id: 'ServiceRequest.category',
        path: 'ServiceRequest.category',
        min: 1,
        patternCodeableConcept: { coding: [{ system: SNOMED, code: '3457005' }] },
      },
      {
        id: 'ServiceRequest.orderDetail',
        path: 'ServiceRequest.orderDetail',
        min: 1,
        max: '1',
        binding: { strength: 'required', valueSet: treatmentVs.url },
      },
      { id: 'ServiceRequest.subject', path: 'ServiceRequest.subject', type: [{ code: 'Reference', targetProfile: [patientProfile.url] }] },
      { id: 'ServiceRequest.reasonCode', path: 'ServiceRequest.reasonCode', min: 1, binding: { strength: 'extensible', valueSet: diagnosesVs.url } },
      { id: 'ServiceRequest.authoredOn', path: 'ServiceRequest.authoredOn', min: 1 },
    ],
  },
};

const bundleProfile: StructureDefinition = {
  resourceType: 'StructureDefinition',
  url: `${SD}/t-bundle`,
  name: 'TBundle',
  status: 'active',
  kind: 'resource',
  abstract: false,
  type: 'Bundle',
  baseDefinition: 'http://hl7.org/fhir/StructureDefinition/Bundle',
  derivation: 'constraint',
  differential: {
    element: [
      { id: 'Bundle.type', path: 'Bundle.type', fixedCode: 'transaction' },
      {
        id: 'Bundle.entry',
        path: 'Bundle.entry',
        min: 2,
        slicing: { discriminator: [{ type: 'type', path: 'resource' }], rules: 'closed' },
      },
      { id: 'Bundle.entry:patient', path: 'Bundle.entry', sliceName: 'patient', min: 1, max: '1' },
      { id: 'Bundle.entry:patient.resource', path: 'Bundle.entry.resource', min: 1, type: [{ code: 'Patient', profile: [patientProfile.url] }] },
      { id: 'Bundle.entry:referral', path: 'Bundle.entry', sliceName: 'referral', min: 1, max: '1' },
      { id: 'Bundle.entry:referral.resource', path: 'Bundle.entry.resource', min: 1, type: [{ code: 'ServiceRequest', profile: [referralProfile.url] }] },
    ],
  },
};

/** The tiny IG, for `loadDefinitions({ extra })`. */
export function testIg(): Resource[] {
  return [treatmentCs, icdCs, treatmentVs, diagnosesVs, genderVs, providerChoice, patientProfile, referralProfile, bundleProfile].map(
    (r) => structuredClone(r),
  );
}

export function patient(overrides: Partial<Patient> = {}): Patient {
  return {
    resourceType: 'Patient',
    id: 'p1',
    meta: { profile: [patientProfile.url] },
    identifier: [{ system: PNR, value: '191212121212' }],
    name: [{ family: 'Testsson', given: ['Test'] }],
    gender: 'female',
    birthDate: '1990-01-01',
    ...overrides,
  };
}

export function referral(overrides: Partial<ServiceRequest> = {}): ServiceRequest {
  return {
    resourceType: 'ServiceRequest',
    id: 'sr1',
    meta: { profile: [referralProfile.url] },
    extension: [{ url: providerChoice.url, valueCoding: { system: `${T}/CodeSystem/t-choice`, code: 'nearest' } }],
    status: 'active',
    intent: 'order',
    category: [{ coding: [{ system: SNOMED, code: '3457005', display: 'Patient referral' }] }],
    code: { coding: [{ system: SNOMED, code: '75516001' }] },
    orderDetail: [{ coding: [{ system: treatmentCs.url, code: 'kbt' }] }],
    subject: { reference: 'urn:uuid:11111111-1111-4111-8111-111111111111' },
    reasonCode: [{ coding: [{ system: ICD, code: 'F32.1' }] }],
    authoredOn: '2025-03-01',
    ...overrides,
  };
}

export const PATIENT_URL = 'urn:uuid:11111111-1111-4111-8111-111111111111';
export const REFERRAL_URL = 'urn:uuid:22222222-2222-4222-8222-222222222222';

export function bundle(entries: { patient?: Patient; referral?: ServiceRequest } = {}): Bundle {
  return {
    resourceType: 'Bundle',
    meta: { profile: [bundleProfile.url] },
    type: 'transaction',
    entry: [
      { fullUrl: PATIENT_URL, resource: entries.patient ?? patient(), request: { method: 'POST', url: 'Patient' } },
      { fullUrl: REFERRAL_URL, resource: entries.referral ?? referral(), request: { method: 'POST', url: 'ServiceRequest' } },
    ],
  };
}
