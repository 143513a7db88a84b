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
  Reference,
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

/** `{ family?, given? }` of a HumanName; keys assigned in a fixed order (one object shape, no spreads). */
function humanName(family: string | undefined, given: string | undefined): { family?: string; given?: string[] } {
  const name: { family?: string; given?: string[] } = {};
  if (family !== undefined) {
    name.family = family;
  }
  if (given) {
    name.given = [given];
  }
  return name;
}

function coding(system: string, code: string, display: string | undefined): { system: string; code: string; display?: string } {
  const c: { system: string; code: string; display?: string } = { system, code };
  if (display !== undefined) {
    c.display = display;
  }
  return c;
}

export interface BuildOptions {
  /** Display of a known ICD-10-SE code (mappings/codes.json). */
  readonly icdDisplay: (code: string) => string | undefined;
}

// The resources are built by assigning optional keys in the order of the profiles (no object spreads): the JSON
// key order is the one golden files pin, and every bundle gets the same few object shapes.
export function buildBundle(rec: ReferralRecord, opts: BuildOptions): Bundle {
  const remissId = getString(rec, 'referral.id') ?? '';
  const authoredOn = getString(rec, 'referral.authoredOn');
  const priors = indicesOf(rec, 'priorTreatment');
  const providerHsa = getString(rec, 'provider.hsaId');
  const url = (key: string): string => stableUuid(`${remissId}#${key}`);
  const ref = {
    sr: url('ServiceRequest'),
    qr: url('QuestionnaireResponse'),
    patient: url('Patient'),
    role: url('PractitionerRole'),
    practitioner: url('Practitioner'),
    unit: url('Unit'),
    condition: url('Condition'),
    audit: url('Audit'),
    dudit: url('Dudit'),
  };
  // one hash per entry: the provider only when there is one, each prior treatment once
  const providerUrl = providerHsa ? url('Provider') : '';
  const procedureUrls = priors.map((i) => url(`Procedure${i}`));
  const diagnosis = getString(rec, 'diagnosis.code');
  const icdCoding = diagnosis ? [coding(ICD10SE_SYSTEM, diagnosis, opts.icdDisplay(diagnosis))] : [];
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
    const parts: Extension[] = [{ url: 'needed', valueBoolean: interpreter }];
    if (lang) {
      parts.push({ url: 'language', valueCode: lang });
    }
    extensions.push({ url: EXT.interpreter, extension: parts });
  }
  const parallel = getBoolean(rec, 'parallelPsychiatry');
  if (parallel !== undefined) {
    const reason = getString(rec, 'parallelPsychiatry.reason');
    const parts: Extension[] = [{ url: 'present', valueBoolean: parallel }];
    if (reason) {
      parts.push({ url: 'reason', valueString: reason });
    }
    extensions.push({ url: EXT.parallel, extension: parts });
  }
  const extended = getBoolean(rec, 'extendedSessions');
  if (extended !== undefined) {
    extensions.push({ url: EXT.extendedSessions, valueBoolean: extended });
  }
  const sessions = getInteger(rec, 'referral.plannedSessions');

  // status, intent and subject are required but come after optional keys in the profile's order: assigned below.
  const serviceRequest = { resourceType: 'ServiceRequest', meta: { profile: [PROFILE.referral] } } as ServiceRequest;
  if (extensions.length > 0) {
    serviceRequest.extension = extensions;
  }
  serviceRequest.identifier = [{ system: REMISS_ID_SYSTEM, value: remissId }];
  serviceRequest.status = 'active';
  serviceRequest.intent = 'order';
  serviceRequest.category = [{ coding: [{ system: SNOMED, code: '3457005', display: 'Patient referral' }] }];
  serviceRequest.code = { coding: [{ system: SNOMED, code: '75516001', display: 'Psychotherapy' }] };
  if (treatment) {
    serviceRequest.orderDetail = [{ coding: [coding(cs('rb-treatment-form'), treatment, TREATMENT_DISPLAY[treatment])] }];
  }
  if (sessions !== undefined) {
    serviceRequest.quantityQuantity = { value: sessions, unit: 'sessioner', system: 'http://unitsofmeasure.org', code: '{session}' };
  }
  serviceRequest.subject = { reference: ref.patient };
  if (authoredOn !== undefined) {
    serviceRequest.authoredOn = authoredOn;
  }
  serviceRequest.requester = { reference: ref.role };
  if (providerHsa) {
    serviceRequest.performer = [{ reference: providerUrl }];
  }
  serviceRequest.reasonCode = [{ coding: icdCoding }];
  serviceRequest.reasonReference = [{ reference: ref.condition }];
  // Reference.type is the slice discriminator of rb-referral.supportingInfo (profiles/input/fsh/referral.fsh).
  const supportingInfo: Reference[] = [
    { reference: ref.qr, type: 'QuestionnaireResponse' },
    { reference: ref.audit, type: 'Observation' },
    { reference: ref.dudit, type: 'Observation' },
  ];
  for (const u of procedureUrls) {
    supportingInfo.push({ reference: u, type: 'Procedure' });
  }
  serviceRequest.supportingInfo = supportingInfo;
  const other = getString(rec, 'other');
  if (other) {
    serviceRequest.note = [{ text: other }];
  }

  const personId = getString(rec, 'patient.id');
  const pid = personId ? normalisePersonId(personId, '2100-01-01') : undefined;
  const gender = getString(rec, 'patient.gender');
  const patient: Patient = {
    resourceType: 'Patient',
    meta: { profile: [PROFILE.patient] },
    identifier: pid?.ok ? [{ system: pid.value.system, value: pid.value.value }] : [],
    name: [humanName(getString(rec, 'patient.family'), getString(rec, 'patient.given'))],
  };
  if (gender === 'male' || gender === 'female' || gender === 'other' || gender === 'unknown') {
    patient.gender = gender;
  }
  if (pid?.ok) {
    patient.birthDate = pid.value.birthDate;
  }
  patient.generalPractitioner = [{ reference: ref.unit }];

  const practitioner: Practitioner = {
    resourceType: 'Practitioner',
    meta: { profile: [PROFILE.practitioner] },
    identifier: hsa(getString(rec, 'referrer.hsaId')),
    name: [humanName(getString(rec, 'referrer.family'), getString(rec, 'referrer.given'))],
  };
  const legitimation = profession ? LEGITIMATION[profession] : undefined;
  if (legitimation) {
    practitioner.qualification = [{ code: { coding: [{ system: LEGITIMATION_SYSTEM, code: legitimation }] } }];
  }

  const directPhone = getString(rec, 'referrer.directPhone');
  const role: PractitionerRole = {
    resourceType: 'PractitionerRole',
    meta: { profile: [PROFILE.role] },
    practitioner: { reference: ref.practitioner },
    organization: { reference: ref.unit },
    code: profession ? [{ coding: [{ system: cs('rb-referrer-profession'), code: profession }] }] : [],
    telecom: directPhone ? [{ system: 'phone', value: directPhone, use: 'work' }] : [],
  };

  const unitName = getString(rec, 'unit.name');
  const unitPhone = getString(rec, 'unit.phone');
  const unit: Organization = {
    resourceType: 'Organization',
    meta: { profile: [PROFILE.organization] },
    identifier: hsa(getString(rec, 'unit.hsaId')),
    type: [{ coding: [{ system: cs('rb-organization-type'), code: 'vardcentral' }] }],
  };
  if (unitName !== undefined) {
    unit.name = unitName;
  }
  if (unitPhone) {
    unit.telecom = [{ system: 'phone', value: unitPhone, use: 'work' }];
  }

  const condition: Condition = {
    resourceType: 'Condition',
    meta: { profile: [PROFILE.diagnosis] },
    verificationStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status', code: 'provisional' }] },
    code: { coding: icdCoding },
    subject: { reference: ref.patient },
  };
  if (authoredOn !== undefined) {
    condition.recordedDate = authoredOn;
  }

  const observation = (code: { system: string; code: string; display: string }, field: string): Observation => {
    const v = getInteger(rec, field);
    const o: Observation = {
      resourceType: 'Observation',
      meta: { profile: [PROFILE.screening] },
      status: 'final',
      code: { coding: [code] },
      subject: { reference: ref.patient },
    };
    if (screeningDate !== undefined) {
      o.effectiveDateTime = screeningDate;
    }
    if (v !== undefined) {
      o.valueInteger = v;
    }
    return o;
  };

  const procedure = (i: number): Procedure => {
    const type = getString(rec, `priorTreatment[${i}].type`);
    const date = getString(rec, `priorTreatment[${i}].date`);
    const result = getString(rec, `priorTreatment[${i}].result`);
    const p: Procedure = {
      resourceType: 'Procedure',
      meta: { profile: [PROFILE.priorTreatment] },
      status: 'completed',
      code: { coding: type ? [{ system: cs('rb-prior-treatment-type'), code: type }] : [] },
      subject: { reference: ref.patient },
    };
    if (date !== undefined) {
      p.performedDateTime = date;
    }
    if (result) {
      p.outcome = { text: result };
    }
    return p;
  };

  const entry = (fullUrl: string, resource: Resource): BundleEntry => ({ fullUrl, resource, request: { method: 'POST', url: resource.resourceType } });
  const entries: BundleEntry[] = [
    entry(ref.sr, serviceRequest),
    entry(ref.qr, buildResponse(rec, priors, { patient: ref.patient, author: ref.role }, opts.icdDisplay)),
    entry(ref.patient, patient),
    entry(ref.role, role),
    entry(ref.practitioner, practitioner),
    entry(ref.unit, unit),
    entry(ref.condition, condition),
    entry(ref.audit, observation({ system: LOINC, code: '75624-7', display: 'AUDIT' }, 'screening.audit')),
    entry(ref.dudit, observation({ system: cs('rb-instrument'), code: 'DUDIT', display: 'DUDIT' }, 'screening.dudit')),
  ];
  priors.forEach((i, k) => {
    entries.push(entry(procedureUrls[k] ?? url(`Procedure${i}`), procedure(i)));
  });
  if (providerHsa) {
    const provider: Organization = {
      resourceType: 'Organization',
      meta: { profile: [PROFILE.organization] },
      identifier: hsa(providerHsa),
      type: [{ coding: [{ system: cs('rb-organization-type'), code: 'psykoterapimottagning' }] }],
    };
    const providerName = getString(rec, 'provider.name');
    if (providerName !== undefined) {
      provider.name = providerName;
    }
    entries.push(entry(providerUrl, provider));
  }
  return { resourceType: 'Bundle', meta: { profile: [PROFILE.bundle] }, type: 'transaction', entry: entries };
}
