/**
 * Builds a complete rb-referral-bundle (docs/ig-design.md "rb-referral-bundle") from a ReferralSpec: a
 * transaction whose entries have deterministic urn:uuid fullUrls and POST requests.
 */
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
import { EXTENSION, PROFILE, SYSTEM } from '../canonical.ts';
import { templateAnswers } from './answers.ts';
import { exampleUrn } from './ids.ts';
import type { TestUnit } from './people.ts';
import { PRIOR_TREATMENT_DISPLAY, TREATMENT_DISPLAY, type ReferralSpec } from './spec.ts';

function organization(unit: TestUnit): Organization {
  return {
    resourceType: 'Organization',
    meta: { profile: [PROFILE.organization] },
    identifier: [{ system: SYSTEM.hsaId, value: unit.hsaId }],
    type: [
      {
        coding: [
          {
            system: SYSTEM.organizationType,
            code: unit.type,
            display: unit.type === 'vardcentral' ? 'Vårdcentral' : 'Psykoterapimottagning',
          },
        ],
      },
    ],
    name: unit.name,
    telecom: [{ system: 'phone', value: unit.phone, use: 'work' }],
    address: [{ line: [unit.line], postalCode: unit.postalCode, city: unit.city, country: 'SE' }],
  };
}

function screening(spec: ReferralSpec, patient: Reference<Patient>, instrument: 'AUDIT' | 'DUDIT'): Observation {
  return {
    resourceType: 'Observation',
    meta: { profile: [PROFILE.screeningObservation] },
    status: 'final',
    category: [
      {
        coding: [
          { system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'survey', display: 'Survey' },
        ],
      },
    ],
    code: {
      coding: [
        instrument === 'AUDIT'
          ? { system: SYSTEM.loinc, code: '75624-7', display: 'AUDIT total score' }
          : { system: SYSTEM.instrument, code: 'DUDIT', display: 'DUDIT' },
      ],
    },
    subject: patient,
    effectiveDateTime: spec.priorTreatments[0]?.end ?? spec.authoredOn,
    valueInteger: instrument === 'AUDIT' ? spec.audit : spec.dudit,
  };
}

function referralExtensions(spec: ReferralSpec): Extension[] {
  const extensions: Extension[] = [
    {
      url: EXTENSION.providerChoice,
      valueCoding: spec.provider
        ? { system: SYSTEM.providerChoice, code: 'patient-choice', display: 'Patientens val' }
        : { system: SYSTEM.providerChoice, code: 'nearest', display: 'Närmaste mottagning' },
    },
    {
      url: EXTENSION.interpreter,
      extension: spec.interpreter
        ? [
            { url: 'needed', valueBoolean: true },
            { url: 'language', valueCode: spec.interpreter.code },
          ]
        : [{ url: 'needed', valueBoolean: false }],
    },
    {
      url: EXTENSION.parallelPsychiatricCare,
      extension:
        spec.parallelCareReason === undefined
          ? [{ url: 'present', valueBoolean: false }]
          : [
              { url: 'present', valueBoolean: true },
              { url: 'reason', valueString: spec.parallelCareReason },
            ],
    },
  ];
  if (spec.extendedSessions !== undefined) {
    extensions.push({ url: EXTENSION.extendedSessions, valueBoolean: spec.extendedSessions });
  }
  return extensions;
}

export function referralBundle(spec: ReferralSpec, bundleId: string): Bundle {
  const urn = (role: string): string => exampleUrn(bundleId, role);
  const ref = <T extends Resource>(role: string, display?: string): Reference<T> =>
    display === undefined ? { reference: urn(role) } : { reference: urn(role), display };
  const patientRef = ref<Patient>('patient');
  const roleRef = ref<PractitionerRole>('referrer-role');

  const patient: Patient = {
    resourceType: 'Patient',
    meta: { profile: [PROFILE.patient] },
    identifier: [{ system: SYSTEM[spec.patient.system], value: spec.patient.number }],
    name: [{ family: spec.patient.family, given: [spec.patient.given] }],
    gender: spec.patient.gender,
    birthDate: spec.patient.birthDate,
    address: [
      {
        use: 'home',
        line: [spec.patient.line],
        postalCode: spec.patient.postalCode,
        city: spec.patient.city,
        country: 'SE',
      },
    ],
    generalPractitioner: [ref('vardcentral', spec.vardcentral.name)],
  };
  const practitioner: Practitioner = {
    resourceType: 'Practitioner',
    meta: { profile: [PROFILE.practitioner] },
    identifier: [{ system: SYSTEM.hsaId, value: spec.referrer.hsaId }],
    name: [{ family: spec.referrer.family, given: [spec.referrer.given] }],
  };
  if (spec.referrer.legitimation !== undefined) {
    practitioner.qualification = [
      {
        code: {
          coding: [
            {
              system: SYSTEM.legitimation,
              code: spec.referrer.legitimation,
              display: spec.referrer.legitimation === 'LK' ? 'Läkare' : 'Psykolog',
            },
          ],
        },
      },
    ];
  }
  const role: PractitionerRole = {
    resourceType: 'PractitionerRole',
    meta: { profile: [PROFILE.referrerRole] },
    practitioner: ref('referrer'),
    organization: ref('vardcentral', spec.vardcentral.name),
    code: [{ coding: [{ system: SYSTEM.referrerProfession, code: spec.referrer.profession }] }],
    telecom: [{ system: 'phone', value: spec.referrer.directPhone, use: 'work' }],
  };
  const icd = { system: SYSTEM.icd10se, code: spec.diagnosis.code, display: spec.diagnosis.display };
  const condition: Condition = {
    resourceType: 'Condition',
    meta: { profile: [PROFILE.diagnosis] },
    clinicalStatus: {
      coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' }],
    },
    verificationStatus: {
      coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status', code: 'provisional' }],
    },
    category: [
      {
        coding: [
          { system: 'http://terminology.hl7.org/CodeSystem/condition-category', code: 'encounter-diagnosis' },
        ],
      },
    ],
    code: { coding: [icd] },
    subject: patientRef,
    recordedDate: spec.authoredOn,
  };
  const priors: Procedure[] = spec.priorTreatments.map((prior) => ({
    resourceType: 'Procedure',
    meta: { profile: [PROFILE.priorTreatment] },
    status: 'completed',
    code: {
      coding: [{ system: SYSTEM.priorTreatmentType, code: prior.type, display: PRIOR_TREATMENT_DISPLAY[prior.type] }],
    },
    subject: patientRef,
    performedPeriod: { start: prior.start, end: prior.end },
    performer: [{ actor: ref('vardcentral', spec.vardcentral.name) }],
    outcome: { text: prior.outcome },
  }));
  const audit = screening(spec, patientRef, 'AUDIT');
  const dudit = screening(spec, patientRef, 'DUDIT');
  const answers = templateAnswers(spec, patientRef, roleRef);

  const serviceRequest: ServiceRequest = {
    resourceType: 'ServiceRequest',
    meta: { profile: [PROFILE.referral] },
    extension: referralExtensions(spec),
    identifier: [{ system: SYSTEM.referralId, value: `${spec.vardcentral.hsaId}#${spec.localId}` }],
    status: 'active',
    intent: 'order',
    category: [{ coding: [{ system: SYSTEM.snomed, code: '3457005', display: 'Patient referral' }] }],
    code: { coding: [{ system: SYSTEM.snomed, code: '75516001', display: 'Psychotherapy' }] },
    orderDetail: [
      { coding: [{ system: SYSTEM.treatmentForm, code: spec.treatment, display: TREATMENT_DISPLAY[spec.treatment] }] },
    ],
    quantityQuantity: { value: spec.sessions, unit: 'sessioner', system: SYSTEM.ucum, code: '{session}' },
    subject: patientRef,
    authoredOn: spec.authoredOn,
    requester: roleRef,
    reasonCode: [{ coding: [icd] }],
    reasonReference: [ref('diagnosis')],
    supportingInfo: [
      { reference: urn('answers'), type: 'QuestionnaireResponse' },
      { reference: urn('audit'), type: 'Observation' },
      { reference: urn('dudit'), type: 'Observation' },
      ...priors.map((_, i): Reference => ({ reference: urn(`prior-${i}`), type: 'Procedure' })),
    ],
  };
  if (spec.provider) serviceRequest.performer = [ref('provider', spec.provider.name)];
  if (spec.other !== undefined) serviceRequest.note = [{ text: spec.other }];

  const entries: [string, Resource][] = [
    ['referral', serviceRequest],
    ['answers', answers],
    ['patient', patient],
    ['referrer-role', role],
    ['referrer', practitioner],
    ['vardcentral', organization(spec.vardcentral)],
    ...(spec.provider ? [['provider', organization(spec.provider)] as [string, Resource]] : []),
    ['diagnosis', condition],
    ['audit', audit],
    ['dudit', dudit],
    ...priors.map((p, i) => [`prior-${i}`, p] as [string, Resource]),
  ];
  return {
    resourceType: 'Bundle',
    id: bundleId,
    meta: { profile: [PROFILE.referralBundle] },
    type: 'transaction',
    entry: entries.map(([role, resource]): BundleEntry => ({
      fullUrl: urn(role),
      resource,
      request: { method: 'POST', url: resource.resourceType },
    })),
  };
}
