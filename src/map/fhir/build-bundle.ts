/**
 * Canonical record → rb-referral-bundle (docs/ig-design.md): a transaction whose entries have `urn:uuid:` fullUrls
 * and `request.method = POST`, in a fixed order so that error expressions can carry entry indices:
 * 0 ServiceRequest, 1 QuestionnaireResponse, 2 Patient, 3 PractitionerRole, 4 Practitioner, 5 Organization
 * (vårdcentral), 6 Condition, 7 Observation AUDIT, 8 Observation DUDIT, 9… Procedure (one per prior treatment),
 * then Organization (provider) when the referral names one. The uuids derive from the referral id, so the same
 * referral maps to the same bundle (golden files, idempotent resubmission).
 */
import { hash } from 'node:crypto';
import type {
  Bundle,
  BundleEntry,
  Condition,
  Extension,
  Observation,
  Organization,
  Patient,
  Practitioner,
  PractitionerRole,
  Procedure,
  Resource,
  ServiceRequest,
} from '@medplum/fhirtypes';
import { getBoolean, getInteger, getString, indicesOf } from '../record.ts';
import type { ReferralRecord } from '../record.ts';
import { ICD10SE_SYSTEM } from '../transforms/icd10.ts';
import { normalisePersonId } from '../transforms/personnummer.ts';
import { buildResponse } from './build-response.ts';
import { cs, EXT, HSA_SYSTEM, LEGITIMATION, LEGITIMATION_SYSTEM, LOINC, PROFILE, REMISS_ID_SYSTEM, SNOMED, TREATMENT_DISPLAY } from './urls.ts';

/** Entry keys in bundle order; `Procedure` repeats, `Provider` is last and optional. */
export const FIXED_ENTRIES = ['ServiceRequest', 'QuestionnaireResponse', 'Patient', 'PractitionerRole', 'Practitioner', 'Unit', 'Condition', 'Audit', 'Dudit'] as const;

/** Deterministic urn:uuid from a seed (name-based, UUID version 5 layout over SHA-1). */
export function stableUuid(seed: string): string {
  const h = hash('sha1', seed, 'hex'); // one-shot: no Hash object per uuid (eleven per bundle)
  const variant = ((parseInt(h.slice(16, 17), 16) & 0x3) | 0x8).toString(16);
  return `urn:uuid:${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Index of each entry key for a record with `priorCount` prior treatments; used for indexed expressions. */
export function entryIndex(key: string, priorCount: number, priorIndex = 0): number {
  const fixed = (FIXED_ENTRIES as readonly string[]).indexOf(key);
  if (fixed >= 0) {
    return fixed;
  }
  return key === 'Procedure' ? FIXED_ENTRIES.length + priorIndex : FIXED_ENTRIES.length + priorCount;
}

function hsa(value: string | undefined): { system: string; value: string }[] {
  return value ? [{ system: HSA_SYSTEM, value }] : [];
}

function opt<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Partial<Record<K, V>>);
}

export interface BuildOptions {
  /** Display of a known ICD-10-SE code (mappings/codes.json). */
  readonly icdDisplay: (code: string) => string | undefined;
}

export function buildBundle(rec: ReferralRecord, opts: BuildOptions): Bundle {
  const remissId = getString(rec, 'referral.id') ?? '';
  const authoredOn = getString(rec, 'referral.authoredOn');
  const priors = indicesOf(rec, 'priorTreatment');
  const providerHsa = getString(rec, 'provider.hsaId');
  const url = (key: string): string => stableUuid(`${remissId}#${key}`);
  const ref = { sr: url('ServiceRequest'), qr: url('QuestionnaireResponse'), patient: url('Patient'), role: url('PractitionerRole'), practitioner: url('Practitioner'), unit: url('Unit'), condition: url('Condition'), audit: url('Audit'), dudit: url('Dudit'), provider: url('Provider') };
  const diagnosis = getString(rec, 'diagnosis.code');
  const icdCoding = diagnosis ? [{ system: ICD10SE_SYSTEM, code: diagnosis, ...opt('display', opts.icdDisplay(diagnosis)) }] : [];
  const treatment = getString(rec, 'treatmentForm');
  const profession = getString(rec, 'referrer.profession');
  const screeningDate = getString(rec, 'screening.date') ?? authoredOn;

  const extensions: Extension[] = [];
  const choice = getString(rec, 'referral.providerChoice');
  if (choice) {
    extensions.push({ url: EXT.providerChoice, valueCoding: { system: cs('rb-provider-choice'), code: choice } });
  }
  const interpreter = getBoolean(rec, 'interpreter');
  if (interpreter !== undefined) {
    const lang = getString(rec, 'interpreter.language');
    extensions.push({ url: EXT.interpreter, extension: [{ url: 'needed', valueBoolean: interpreter }, ...(lang ? [{ url: 'language', valueCode: lang }] : [])] });
  }
  const parallel = getBoolean(rec, 'parallelPsychiatry');
  if (parallel !== undefined) {
    const reason = getString(rec, 'parallelPsychiatry.reason');
    extensions.push({ url: EXT.parallel, extension: [{ url: 'present', valueBoolean: parallel }, ...(reason ? [{ url: 'reason', valueString: reason }] : [])] });
  }
  const extended = getBoolean(rec, 'extendedSessions');
  if (extended !== undefined) {
    extensions.push({ url: EXT.extendedSessions, valueBoolean: extended });
  }
  const sessions = getInteger(rec, 'referral.plannedSessions');

  const serviceRequest: ServiceRequest = {
    resourceType: 'ServiceRequest',
    meta: { profile: [PROFILE.referral] },
    ...(extensions.length > 0 ? { extension: extensions } : {}),
    identifier: [{ system: REMISS_ID_SYSTEM, value: remissId }],
    status: 'active',
    intent: 'order',
    category: [{ coding: [{ system: SNOMED, code: '3457005', display: 'Patient referral' }] }],
    code: { coding: [{ system: SNOMED, code: '75516001', display: 'Psychotherapy' }] },
    ...(treatment ? { orderDetail: [{ coding: [{ system: cs('rb-treatment-form'), code: treatment, ...opt('display', TREATMENT_DISPLAY[treatment]) }] }] } : {}),
    ...(sessions !== undefined ? { quantityQuantity: { value: sessions, unit: 'sessioner', system: 'http://unitsofmeasure.org', code: '{session}' } } : {}),
    subject: { reference: ref.patient },
    ...opt('authoredOn', authoredOn),
    requester: { reference: ref.role },
    ...(providerHsa ? { performer: [{ reference: ref.provider }] } : {}),
    reasonCode: [{ coding: icdCoding }],
    reasonReference: [{ reference: ref.condition }],
    // Reference.type is the slice discriminator of rb-referral.supportingInfo (profiles/input/fsh/referral.fsh).
    supportingInfo: [
      { reference: ref.qr, type: 'QuestionnaireResponse' },
      { reference: ref.audit, type: 'Observation' },
      { reference: ref.dudit, type: 'Observation' },
      ...priors.map((i) => ({ reference: url(`Procedure${i}`), type: 'Procedure' as const })),
    ],
    ...(getString(rec, 'other') ? { note: [{ text: getString(rec, 'other') ?? '' }] } : {}),
  };

  const personId = getString(rec, 'patient.id');
  const pid = personId ? normalisePersonId(personId, '2100-01-01') : undefined;
  const gender = getString(rec, 'patient.gender');
  const patient: Patient = {
    resourceType: 'Patient',
    meta: { profile: [PROFILE.patient] },
    identifier: pid?.ok ? [{ system: pid.value.system, value: pid.value.value }] : [],
    name: [{ ...opt('family', getString(rec, 'patient.family')), ...(getString(rec, 'patient.given') ? { given: [getString(rec, 'patient.given') ?? ''] } : {}) }],
    ...(gender === 'male' || gender === 'female' || gender === 'other' || gender === 'unknown' ? { gender } : {}),
    ...(pid?.ok ? { birthDate: pid.value.birthDate } : {}),
    generalPractitioner: [{ reference: ref.unit }],
  };

  const practitioner: Practitioner = {
    resourceType: 'Practitioner',
    meta: { profile: [PROFILE.practitioner] },
    identifier: hsa(getString(rec, 'referrer.hsaId')),
    name: [{ ...opt('family', getString(rec, 'referrer.family')), ...(getString(rec, 'referrer.given') ? { given: [getString(rec, 'referrer.given') ?? ''] } : {}) }],
    ...(profession && LEGITIMATION[profession] ? { qualification: [{ code: { coding: [{ system: LEGITIMATION_SYSTEM, code: LEGITIMATION[profession] }] } }] } : {}),
  };

  const directPhone = getString(rec, 'referrer.directPhone');
  const role: PractitionerRole = {
    resourceType: 'PractitionerRole',
    meta: { profile: [PROFILE.role] },
    practitioner: { reference: ref.practitioner },
    organization: { reference: ref.unit },
    code: profession ? [{ coding: [{ system: cs('rb-referrer-profession'), code: profession }] }] : [],
    telecom: directPhone ? [{ system: 'phone', value: directPhone, use: 'work' }] : [],
  };

  const unitPhone = getString(rec, 'unit.phone');
  const unit: Organization = {
    resourceType: 'Organization',
    meta: { profile: [PROFILE.organization] },
    identifier: hsa(getString(rec, 'unit.hsaId')),
    type: [{ coding: [{ system: cs('rb-organization-type'), code: 'vardcentral' }] }],
    ...opt('name', getString(rec, 'unit.name')),
    ...(unitPhone ? { telecom: [{ system: 'phone', value: unitPhone, use: 'work' }] } : {}),
  };

  const condition: Condition = {
    resourceType: 'Condition',
    meta: { profile: [PROFILE.diagnosis] },
    verificationStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status', code: 'provisional' }] },
    code: { coding: icdCoding },
    subject: { reference: ref.patient },
    ...opt('recordedDate', authoredOn),
  };

  const observation = (code: { system: string; code: string; display: string }, field: string): Observation => {
    const v = getInteger(rec, field);
    return {
      resourceType: 'Observation',
      meta: { profile: [PROFILE.screening] },
      status: 'final',
      code: { coding: [code] },
      subject: { reference: ref.patient },
      ...opt('effectiveDateTime', screeningDate),
      ...(v !== undefined ? { valueInteger: v } : {}),
    };
  };

  const procedures: Procedure[] = priors.map((i) => {
    const type = getString(rec, `priorTreatment[${i}].type`);
    const result = getString(rec, `priorTreatment[${i}].result`);
    return {
      resourceType: 'Procedure',
      meta: { profile: [PROFILE.priorTreatment] },
      status: 'completed',
      code: { coding: type ? [{ system: cs('rb-prior-treatment-type'), code: type }] : [] },
      subject: { reference: ref.patient },
      ...opt('performedDateTime', getString(rec, `priorTreatment[${i}].date`)),
      ...(result ? { outcome: { text: result } } : {}),
    };
  });

  const providerName = getString(rec, 'provider.name');
  const provider: Organization | undefined = providerHsa
    ? {
        resourceType: 'Organization',
        meta: { profile: [PROFILE.organization] },
        identifier: hsa(providerHsa),
        type: [{ coding: [{ system: cs('rb-organization-type'), code: 'psykoterapimottagning' }] }],
        ...opt('name', providerName),
      }
    : undefined;

  const entries: [string, Resource][] = [
    [ref.sr, serviceRequest],
    [ref.qr, buildResponse(rec, { patient: ref.patient, author: ref.role }, opts.icdDisplay)],
    [ref.patient, patient],
    [ref.role, role],
    [ref.practitioner, practitioner],
    [ref.unit, unit],
    [ref.condition, condition],
    [ref.audit, observation({ system: LOINC, code: '75624-7', display: 'AUDIT' }, 'screening.audit')],
    [ref.dudit, observation({ system: cs('rb-instrument'), code: 'DUDIT', display: 'DUDIT' }, 'screening.dudit')],
    ...procedures.map((p, k): [string, Resource] => [url(`Procedure${priors[k] ?? k}`), p]),
    ...(provider ? [[ref.provider, provider] as [string, Resource]] : []),
  ];
  return {
    resourceType: 'Bundle',
    meta: { profile: [PROFILE.bundle] },
    type: 'transaction',
    entry: entries.map(([fullUrl, resource]): BundleEntry => ({ fullUrl, resource, request: { method: 'POST', url: resource.resourceType } })),
  };
}
