/**
 * Typed fixture factory for referral bundles that follow docs/ig-design.md exactly ("rb-referral-bundle"): each
 * test builds the bundle it needs from a valid default by naming what differs (STYLE.md point 7).
 */
import type {
  Bundle,
  BundleEntry,
  Condition,
  Observation,
  Organization,
  Patient,
  Practitioner,
  PractitionerRole,
  Procedure,
  QuestionnaireResponse,
  QuestionnaireResponseItem,
  Resource,
  ServiceRequest,
  Task,
} from '@medplum/fhirtypes';
import {
  CS,
  EXT_EXTENDED_SESSIONS,
  EXT_PARALLEL_CARE,
  EXT_PROVIDER_CHOICE,
  SD,
  SYSTEM_HSA,
  SYSTEM_ICD10SE,
  SYSTEM_INSTRUMENT,
  SYSTEM_LEGITIMATION,
  SYSTEM_LOINC,
  SYSTEM_PERSONNUMMER,
  SYSTEM_PRIOR_TREATMENT,
  SYSTEM_PROFESSION,
  SYSTEM_SNOMED,
  SYSTEM_TASK_OUTPUT,
  SYSTEM_TREATMENT_FORM,
} from './constants.ts';
import { TEMPLATE_URL, TEMPLATE_VERSION } from './fixtures-definitions.ts';
import { luhnCheckDigit } from './personnummer.ts';

export interface ReferralOverrides {
  readonly authoredOn?: string;
  readonly birthDate?: string;
  /** 12 digits; default: derived from birthDate with a correct check digit. */
  readonly personnummer?: string;
  readonly diagnosis?: string;
  readonly treatment?: string;
  readonly plannedSessions?: number;
  readonly extendedSessions?: boolean;
  /** The referrer's direct phone; null = no phone at all. */
  readonly phone?: string | null;
  /** The phone in the template answers; default = `phone`. */
  readonly answeredPhone?: string;
  readonly profession?: string;
  /** Legitimation code (LK, PS); null = none. */
  readonly legitimation?: string | null;
  /** Screening scores; null = no Observation. */
  readonly audit?: number | null;
  readonly dudit?: number | null;
  readonly priorTreatment?: boolean;
  /** Patient.generalPractitioner → the referring vårdcentral (default) or another one. */
  readonly listed?: boolean;
  readonly parallelCare?: { readonly present: boolean; readonly reason?: string };
  readonly responseStatus?: QuestionnaireResponse['status'];
  /** Adds an accepted Task with these outputs. */
  readonly task?: { readonly firstSessionDate?: string; readonly sessionsUsed?: number };
}

export const IDS = {
  request: 'urn:uuid:0f1e8b10-0000-4000-8000-000000000001',
  response: 'urn:uuid:0f1e8b10-0000-4000-8000-000000000002',
  patient: 'urn:uuid:0f1e8b10-0000-4000-8000-000000000003',
  practitioner: 'urn:uuid:0f1e8b10-0000-4000-8000-000000000004',
  role: 'urn:uuid:0f1e8b10-0000-4000-8000-000000000005',
  vardcentral: 'urn:uuid:0f1e8b10-0000-4000-8000-000000000006',
  provider: 'urn:uuid:0f1e8b10-0000-4000-8000-000000000007',
  condition: 'urn:uuid:0f1e8b10-0000-4000-8000-000000000008',
  audit: 'urn:uuid:0f1e8b10-0000-4000-8000-000000000009',
  dudit: 'urn:uuid:0f1e8b10-0000-4000-8000-00000000000a',
  procedure: 'urn:uuid:0f1e8b10-0000-4000-8000-00000000000b',
  task: 'urn:uuid:0f1e8b10-0000-4000-8000-00000000000c',
  otherVardcentral: 'urn:uuid:0f1e8b10-0000-4000-8000-00000000000d',
} as const;

/** A test personnummer (12 digits) for a birth date with a correct check digit. */
export function personnummerFor(birthDate: string, serial = '238'): string {
  const digits = birthDate.replaceAll('-', '') + serial;
  return digits + String(luhnCheckDigit(digits.slice(2)));
}

const profile = (id: string): { profile: string[] } => ({ profile: [`${SD}/${id}`] });

function answersOf(o: ReferralOverrides, d: Required<Pick<ReferralOverrides, 'diagnosis' | 'treatment'>>, phone: string | undefined): QuestionnaireResponseItem[] {
  const items: QuestionnaireResponseItem[] = [
    { linkId: 'bedomning', answer: [{ valueString: 'Strukturerad bedömning: medelsvåra besvär sedan ett år.' }] },
    {
      linkId: 'suicidrisk',
      item: [
        { linkId: 'suicidrisk.niva', answer: [{ valueCoding: { system: `${CS}/rb-suicide-risk`, code: 'lag' } }] },
        { linkId: 'suicidrisk.kommentar', answer: [{ valueString: 'Inga suicidtankar.' }] },
      ],
    },
    { linkId: 'diagnos', answer: [{ valueCoding: { system: SYSTEM_ICD10SE, code: d.diagnosis } }] },
    { linkId: 'behandlingsform', answer: [{ valueCoding: { system: SYSTEM_TREATMENT_FORM, code: d.treatment } }] },
    {
      linkId: 'tidigare-behandling',
      item: [
        { linkId: 'tidigare-behandling.typ', answer: [{ valueCoding: { system: SYSTEM_PRIOR_TREATMENT, code: 'ikbt' } }] },
        { linkId: 'tidigare-behandling.tidpunkt', answer: [{ valueDate: '2024-10-01' }] },
        { linkId: 'tidigare-behandling.resultat', answer: [{ valueString: 'Viss förbättring, kvarstående besvär.' }] },
      ],
    },
    {
      linkId: 'screening',
      item: [
        { linkId: 'screening.audit', answer: [{ valueInteger: o.audit ?? 4 }] },
        { linkId: 'screening.dudit', answer: [{ valueInteger: o.dudit ?? 0 }] },
      ],
    },
    { linkId: 'sjukskrivning', answer: [{ valueBoolean: false }] },
    ...(o.answeredPhone ?? phone ? [{ linkId: 'remittent-telefon', answer: [{ valueString: o.answeredPhone ?? phone ?? '' }] }] : []),
    { linkId: 'utokade-sessioner', answer: [{ valueBoolean: o.extendedSessions ?? false }] },
    { linkId: 'tolkbehov', answer: [{ valueBoolean: false }] },
  ];
  const parallel = o.parallelCare;
  items.push({
    linkId: 'parallell-psykiatri',
    answer: [
      {
        valueBoolean: parallel?.present ?? false,
        ...(parallel?.present && parallel.reason ? { item: [{ linkId: 'parallell-psykiatri.orsak', answer: [{ valueString: parallel.reason }] }] } : {}),
      },
    ],
  });
  return items;
}

/** A complete, valid rb-referral-bundle (depression, KBT, 2025) unless overrides say otherwise. */
export function referralBundle(o: ReferralOverrides = {}): Bundle {
  const d = { diagnosis: o.diagnosis ?? 'F32.1', treatment: o.treatment ?? 'kbt' };
  const authoredOn = o.authoredOn ?? '2025-03-14';
  const birthDate = o.birthDate ?? '1990-05-15';
  const phone = o.phone === null ? undefined : (o.phone ?? '+46 40 123 45 67');
  const sr: ServiceRequest = {
    resourceType: 'ServiceRequest',
    meta: profile('rb-referral'),
    extension: [
      { url: EXT_PROVIDER_CHOICE, valueCoding: { system: `${CS}/rb-provider-choice`, code: 'patient-choice' } },
      ...(o.extendedSessions !== undefined ? [{ url: EXT_EXTENDED_SESSIONS, valueBoolean: o.extendedSessions }] : []),
      ...(o.parallelCare
        ? [
            {
              url: EXT_PARALLEL_CARE,
              extension: [{ url: 'present', valueBoolean: o.parallelCare.present }, ...(o.parallelCare.reason ? [{ url: 'reason', valueString: o.parallelCare.reason }] : [])],
            },
          ]
        : []),
    ],
    identifier: [{ system: 'https://remissbrygga.se/fhir/sid/remiss-id', value: 'SE2321000016-A1B2#R-1001' }],
    status: 'active',
    intent: 'order',
    category: [{ coding: [{ system: SYSTEM_SNOMED, code: '3457005', display: 'Patient referral' }] }],
    code: { coding: [{ system: SYSTEM_SNOMED, code: '75516001', display: 'Psychotherapy' }] },
    orderDetail: [{ coding: [{ system: SYSTEM_TREATMENT_FORM, code: d.treatment }] }],
    ...(o.plannedSessions !== undefined ? { quantityQuantity: { value: o.plannedSessions, unit: 'session', system: 'http://unitsofmeasure.org', code: '{session}' } } : {}),
    subject: { reference: IDS.patient },
    authoredOn,
    requester: { reference: IDS.role },
    performer: [{ reference: IDS.provider }],
    reasonCode: [{ coding: [{ system: SYSTEM_ICD10SE, code: d.diagnosis }] }],
    reasonReference: [{ reference: IDS.condition }],
    supportingInfo: [
      { reference: IDS.response, type: 'QuestionnaireResponse' },
      ...(o.audit === null ? [] : [{ reference: IDS.audit, type: 'Observation' as const }]),
      ...(o.dudit === null ? [] : [{ reference: IDS.dudit, type: 'Observation' as const }]),
      ...(o.priorTreatment === false ? [] : [{ reference: IDS.procedure, type: 'Procedure' as const }]),
    ],
  };
  const qr: QuestionnaireResponse = {
    resourceType: 'QuestionnaireResponse',
    meta: profile('rb-template-response'),
    questionnaire: `${TEMPLATE_URL}|${TEMPLATE_VERSION}`,
    status: o.responseStatus ?? 'completed',
    subject: { reference: IDS.patient },
    authored: `${authoredOn}T09:30:00+01:00`,
    item: answersOf(o, d, phone),
  };
  const patient: Patient = {
    resourceType: 'Patient',
    meta: profile('rb-patient'),
    identifier: [{ system: SYSTEM_PERSONNUMMER, value: o.personnummer ?? personnummerFor(birthDate) }],
    name: [{ family: 'Testsson', given: ['Tolvan'] }],
    birthDate,
    address: [{ line: ['Storgatan 1'], postalCode: '21120', city: 'Malmö' }],
    generalPractitioner: [{ reference: o.listed === false ? IDS.otherVardcentral : IDS.vardcentral }],
  };
  const practitioner: Practitioner = {
    resourceType: 'Practitioner',
    meta: profile('rb-practitioner'),
    identifier: [{ system: SYSTEM_HSA, value: 'SE2321000016-P0001' }],
    name: [{ family: 'Psykologsson', given: ['Eva'] }],
    ...(o.legitimation === null ? {} : { qualification: [{ code: { coding: [{ system: SYSTEM_LEGITIMATION, code: o.legitimation ?? 'PS' }] } }] }),
  };
  const role: PractitionerRole = {
    resourceType: 'PractitionerRole',
    meta: profile('rb-referrer-role'),
    practitioner: { reference: IDS.practitioner },
    organization: { reference: IDS.vardcentral },
    code: [{ coding: [{ system: SYSTEM_PROFESSION, code: o.profession ?? 'psykolog' }] }],
    ...(phone === undefined ? {} : { telecom: [{ system: 'phone', value: phone, use: 'work' }] }),
  };
  const org = (name: string, hsa: string, type: string): Organization => ({
    resourceType: 'Organization',
    meta: profile('rb-organization'),
    identifier: [{ system: SYSTEM_HSA, value: hsa }],
    type: [{ coding: [{ system: `${CS}/rb-organization-type`, code: type }] }],
    name,
    telecom: [{ system: 'phone', value: '+46 40 33 10 00' }],
  });
  const condition: Condition = {
    resourceType: 'Condition',
    meta: profile('rb-diagnosis'),
    verificationStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status', code: 'provisional' }] },
    code: { coding: [{ system: SYSTEM_ICD10SE, code: d.diagnosis }] },
    subject: { reference: IDS.patient },
  };
  const screening = (loinc: boolean, value: number): Observation => ({
    resourceType: 'Observation',
    meta: profile('rb-screening-observation'),
    status: 'final',
    code: { coding: [loinc ? { system: SYSTEM_LOINC, code: '75624-7' } : { system: SYSTEM_INSTRUMENT, code: 'DUDIT' }] },
    subject: { reference: IDS.patient },
    effectiveDateTime: '2025-02-20',
    valueInteger: value,
  });
  const procedure: Procedure = {
    resourceType: 'Procedure',
    meta: profile('rb-prior-treatment'),
    status: 'completed',
    code: { coding: [{ system: SYSTEM_PRIOR_TREATMENT, code: 'ikbt' }] },
    subject: { reference: IDS.patient },
    performedPeriod: { start: '2024-09-01', end: '2024-11-30' },
    outcome: { text: 'Viss förbättring' },
  };
  const entries: [string, Resource][] = [
    [IDS.request, sr],
    [IDS.response, qr],
    [IDS.patient, patient],
    [IDS.practitioner, practitioner],
    [IDS.role, role],
    [IDS.vardcentral, org('Vårdcentralen Möllevången', 'SE2321000016-A1B2', 'vardcentral')],
    [IDS.provider, org('Psykoterapimottagningen Lund', 'SE2321000016-C3D4', 'psykoterapimottagning')],
    [IDS.condition, condition],
  ];
  if (o.audit !== null) {
    entries.push([IDS.audit, screening(true, o.audit ?? 4)]);
  }
  if (o.dudit !== null) {
    entries.push([IDS.dudit, screening(false, o.dudit ?? 0)]);
  }
  if (o.priorTreatment !== false) {
    entries.push([IDS.procedure, procedure]);
  }
  if (o.listed === false) {
    entries.push([IDS.otherVardcentral, org('Vårdcentralen Annanstans', 'SE2321000016-E5F6', 'vardcentral')]);
  }
  if (o.task) {
    const task: Task = {
      resourceType: 'Task',
      meta: profile('rb-referral-task'),
      status: 'in-progress',
      intent: 'order',
      focus: { reference: IDS.request },
      for: { reference: IDS.patient },
      output: [
        ...(o.task.firstSessionDate ? [{ type: { coding: [{ system: SYSTEM_TASK_OUTPUT, code: 'first-session-date' }] }, valueDate: o.task.firstSessionDate }] : []),
        ...(o.task.sessionsUsed !== undefined ? [{ type: { coding: [{ system: SYSTEM_TASK_OUTPUT, code: 'sessions-used' }] }, valueUnsignedInt: o.task.sessionsUsed }] : []),
      ],
    };
    entries.push([IDS.task, task]);
  }
  return {
    resourceType: 'Bundle',
    meta: profile('rb-referral-bundle'),
    type: 'transaction',
    entry: entries.map(([fullUrl, resource]): BundleEntry => ({ fullUrl, resource, request: { method: 'POST', url: resource.resourceType } })),
  };
}

/** The entry of a bundle with this fullUrl and type (test helper; throws when absent). */
export function entryResource<K extends Resource['resourceType']>(bundle: Bundle, fullUrl: string, type: K): Extract<Resource, { resourceType: K }> {
  const found = bundle.entry?.find((e) => e.fullUrl === fullUrl)?.resource;
  if (found?.resourceType !== type) {
    throw new Error(`no ${type} entry ${fullUrl}`);
  }
  return found as Extract<Resource, { resourceType: K }>;
}
