/**
 * Canonical URLs, identifier systems and code systems of the IG (docs/ig-design.md). One place for the strings
 * that the FSH in profiles/input/fsh also spells out; src/ig/package.test.ts checks that they agree.
 */
export const IG_CANONICAL = 'https://remissbrygga.se/fhir';

export const profileUrl = (id: string): string => `${IG_CANONICAL}/StructureDefinition/${id}`;
export const codeSystemUrl = (id: string): string => `${IG_CANONICAL}/CodeSystem/${id}`;
export const valueSetUrl = (id: string): string => `${IG_CANONICAL}/ValueSet/${id}`;
export const conceptMapUrl = (id: string): string => `${IG_CANONICAL}/ConceptMap/${id}`;

export const PROFILE = {
  referral: profileUrl('rb-referral'),
  templateQuestionnaire: profileUrl('rb-template-questionnaire'),
  templateResponse: profileUrl('rb-template-response'),
  patient: profileUrl('rb-patient'),
  practitioner: profileUrl('rb-practitioner'),
  referrerRole: profileUrl('rb-referrer-role'),
  organization: profileUrl('rb-organization'),
  diagnosis: profileUrl('rb-diagnosis'),
  screeningObservation: profileUrl('rb-screening-observation'),
  ratingObservation: profileUrl('rb-rating-observation'),
  priorTreatment: profileUrl('rb-prior-treatment'),
  referralTask: profileUrl('rb-referral-task'),
  referralCommunication: profileUrl('rb-referral-communication'),
  referralBundle: profileUrl('rb-referral-bundle'),
} as const;

export const EXTENSION = {
  providerChoice: profileUrl('rb-provider-choice'),
  interpreter: profileUrl('rb-interpreter'),
  parallelPsychiatricCare: profileUrl('rb-parallel-psychiatric-care'),
  extendedSessions: profileUrl('rb-extended-sessions'),
  effectivePeriod: profileUrl('rb-effective-period'),
} as const;

export const SYSTEM = {
  personnummer: 'http://electronichealth.se/identifier/personnummer',
  samordningsnummer: 'http://electronichealth.se/identifier/samordningsnummer',
  hsaId: 'urn:oid:1.2.752.29.4.19',
  referralId: `${IG_CANONICAL}/sid/remiss-id`,
  icd10se: 'urn:oid:1.2.752.116.1.1.1',
  kva: 'urn:oid:1.2.752.116.1.3.2.1.4',
  snomed: 'http://snomed.info/sct',
  loinc: 'http://loinc.org',
  ucum: 'http://unitsofmeasure.org',
  legitimation: 'urn:oid:1.2.752.116.3.1.3',
  treatmentForm: codeSystemUrl('rb-treatment-form'),
  referrerProfession: codeSystemUrl('rb-referrer-profession'),
  priorTreatmentType: codeSystemUrl('rb-prior-treatment-type'),
  rejectionReason: codeSystemUrl('rb-rejection-reason'),
  taskBusinessStatus: codeSystemUrl('rb-task-business-status'),
  taskOutput: codeSystemUrl('rb-task-output'),
  providerChoice: codeSystemUrl('rb-provider-choice'),
  organizationType: codeSystemUrl('rb-organization-type'),
  instrument: codeSystemUrl('rb-instrument'),
  suicideRisk: codeSystemUrl('rb-suicide-risk'),
  communicationCategory: codeSystemUrl('rb-communication-category'),
  issue: codeSystemUrl('rb-issue'),
} as const;

export const TEMPLATE_QUESTIONNAIRE = {
  id: 'rb-psykoterapiremiss',
  url: `${IG_CANONICAL}/Questionnaire/psykoterapiremiss`,
  version: '2025.1',
} as const;

export const CONCEPT_MAP = {
  diagnosisTreatmentInForce: conceptMapUrl('rb-diagnosis-treatment-2024'),
  diagnosisTreatmentProposed: conceptMapUrl('rb-diagnosis-treatment-proposed'),
} as const;
