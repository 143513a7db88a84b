/** Canonical URLs, systems and codes of the IG this package relies on (docs/ig-design.md is the contract). */
export const CANONICAL = 'https://remissbrygga.se/fhir';
export const SD = `${CANONICAL}/StructureDefinition`;
export const CS = `${CANONICAL}/CodeSystem`;
export const VS = `${CANONICAL}/ValueSet`;

export const PROFILE_REFERRAL = `${SD}/rb-referral`;
export const EXT_PROVIDER_CHOICE = `${SD}/rb-provider-choice`;
export const EXT_INTERPRETER = `${SD}/rb-interpreter`;
export const EXT_PARALLEL_CARE = `${SD}/rb-parallel-psychiatric-care`;
export const EXT_EXTENDED_SESSIONS = `${SD}/rb-extended-sessions`;

export const SYSTEM_PERSONNUMMER = 'http://electronichealth.se/identifier/personnummer';
export const SYSTEM_SAMORDNINGSNUMMER = 'http://electronichealth.se/identifier/samordningsnummer';
export const SYSTEM_HSA = 'urn:oid:1.2.752.29.4.19';
export const SYSTEM_ICD10SE = 'urn:oid:1.2.752.116.1.1.1';
export const SYSTEM_LEGITIMATION = 'urn:oid:1.2.752.116.3.1.3';
export const SYSTEM_SNOMED = 'http://snomed.info/sct';
export const SYSTEM_LOINC = 'http://loinc.org';
export const SYSTEM_TREATMENT_FORM = `${CS}/rb-treatment-form`;
export const SYSTEM_PROFESSION = `${CS}/rb-referrer-profession`;
export const SYSTEM_PRIOR_TREATMENT = `${CS}/rb-prior-treatment-type`;
export const SYSTEM_ORG_TYPE = `${CS}/rb-organization-type`;
export const SYSTEM_TASK_OUTPUT = `${CS}/rb-task-output`;
export const SYSTEM_INSTRUMENT = `${CS}/rb-instrument`;

/** SNOMED CT 75516001 Psychotherapy: the code of every referral (ServiceRequest.code). */
export const CODE_PSYCHOTHERAPY = '75516001';

/** Code-system aliases in circulation (standards.md §1–2): normalised before any comparison. */
const SYSTEM_ALIASES: Readonly<Record<string, string>> = {
  'urn:oid:1.2.752.116.1.1.1.1.3': SYSTEM_ICD10SE,
  'urn:oid:1.2.752.129.2.1.4.1': SYSTEM_HSA,
};

export function normalizeSystem(system: string | undefined): string | undefined {
  return system === undefined ? undefined : (SYSTEM_ALIASES[system] ?? system);
}
