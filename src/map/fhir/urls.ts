/** Canonical URLs, systems and codes of docs/ig-design.md (the contract). */
export const BASE = 'https://remissbrygga.se/fhir';
export const sd = (id: string): string => `${BASE}/StructureDefinition/${id}`;
export const cs = (id: string): string => `${BASE}/CodeSystem/${id}`;

export const REMISS_ID_SYSTEM = `${BASE}/sid/remiss-id`;
export const HSA_SYSTEM = 'urn:oid:1.2.752.29.4.19';
/** RIV-TA's HSA-id OID, accepted on input (docs/ig-design.md, standards.md §1). */
export const HSA_SYSTEM_ALIAS = 'urn:oid:1.2.752.129.2.1.4.1';
export const SNOMED = 'http://snomed.info/sct';
export const LOINC = 'http://loinc.org';
export const LEGITIMATION_SYSTEM = 'urn:oid:1.2.752.116.3.1.3';
export const QUESTIONNAIRE = `${BASE}/Questionnaire/psykoterapiremiss|2025.1`;

export const PROFILE = {
  referral: sd('rb-referral'),
  response: sd('rb-template-response'),
  patient: sd('rb-patient'),
  practitioner: sd('rb-practitioner'),
  role: sd('rb-referrer-role'),
  organization: sd('rb-organization'),
  diagnosis: sd('rb-diagnosis'),
  screening: sd('rb-screening-observation'),
  priorTreatment: sd('rb-prior-treatment'),
  bundle: sd('rb-referral-bundle'),
} as const;

export const EXT = {
  providerChoice: sd('rb-provider-choice'),
  interpreter: sd('rb-interpreter'),
  parallel: sd('rb-parallel-psychiatric-care'),
  extendedSessions: sd('rb-extended-sessions'),
} as const;

export const TREATMENT_DISPLAY: Readonly<Record<string, string>> = {
  kbt: 'KBT',
  'kbt-trauma': 'Traumafokuserad KBT',
  ipt: 'IPT',
  pdt: 'PDT',
};

/** Legitimation (urn:oid:1.2.752.116.3.1.3) per referrer profession; `PS` for psykolog is unverified (standards.md §2). */
export const LEGITIMATION: Readonly<Record<string, string>> = { lakare: 'LK', psykolog: 'PS' };
