/** The template answers (QuestionnaireResponse, rb-template-response) for an example referral. */
import type {
  Patient,
  PractitionerRole,
  QuestionnaireResponse,
  QuestionnaireResponseItem,
  Reference,
} from '@medplum/fhirtypes';
import { PROFILE, SYSTEM, TEMPLATE_QUESTIONNAIRE } from '../canonical.ts';
import { PRIOR_TREATMENT_DISPLAY, SUICIDE_RISK_DISPLAY, TREATMENT_DISPLAY, type ReferralSpec } from './spec.ts';

function text(linkId: string, value: string): QuestionnaireResponseItem {
  return { linkId, answer: [{ valueString: value }] };
}

function flag(linkId: string, value: boolean, child?: QuestionnaireResponseItem): QuestionnaireResponseItem {
  return { linkId, answer: [child ? { valueBoolean: value, item: [child] } : { valueBoolean: value }] };
}

export function templateAnswers(
  spec: ReferralSpec,
  patient: Reference<Patient>,
  author: Reference<PractitionerRole>,
): QuestionnaireResponse {
  const items: QuestionnaireResponseItem[] = [
    text('bedomning', spec.assessment),
    {
      linkId: 'suicidrisk',
      item: [
        {
          linkId: 'suicidrisk.niva',
          answer: [
            {
              valueCoding: {
                system: SYSTEM.suicideRisk,
                code: spec.suicideRisk,
                display: SUICIDE_RISK_DISPLAY[spec.suicideRisk],
              },
            },
          ],
        },
        text('suicidrisk.kommentar', 'Strukturerad bedömning; inga aktuella suicidplaner.'),
      ],
    },
    {
      linkId: 'diagnos',
      answer: [{ valueCoding: { system: SYSTEM.icd10se, code: spec.diagnosis.code, display: spec.diagnosis.display } }],
    },
    {
      linkId: 'behandlingsform',
      answer: [
        {
          valueCoding: { system: SYSTEM.treatmentForm, code: spec.treatment, display: TREATMENT_DISPLAY[spec.treatment] },
        },
      ],
    },
    ...spec.priorTreatments.map((prior) => ({
      linkId: 'tidigare-behandling',
      item: [
        {
          linkId: 'tidigare-behandling.typ',
          answer: [
            {
              valueCoding: {
                system: SYSTEM.priorTreatmentType,
                code: prior.type,
                display: PRIOR_TREATMENT_DISPLAY[prior.type],
              },
            },
          ],
        },
        { linkId: 'tidigare-behandling.tidpunkt', answer: [{ valueDate: prior.start }] },
        text('tidigare-behandling.resultat', prior.outcome),
      ],
    })),
    {
      linkId: 'screening',
      item: [
        { linkId: 'screening.audit', answer: [{ valueInteger: spec.audit }] },
        { linkId: 'screening.dudit', answer: [{ valueInteger: spec.dudit }] },
      ],
    },
    flag(
      'sjukskrivning',
      spec.sickLeave !== undefined,
      spec.sickLeave === undefined ? undefined : text('sjukskrivning.omfattning', spec.sickLeave),
    ),
    text('remittent-telefon', spec.referrer.directPhone),
    flag(
      'tolkbehov',
      spec.interpreter !== undefined,
      spec.interpreter === undefined ? undefined : text('tolkbehov.sprak', spec.interpreter.name),
    ),
    flag(
      'parallell-psykiatri',
      spec.parallelCareReason !== undefined,
      spec.parallelCareReason === undefined ? undefined : text('parallell-psykiatri.orsak', spec.parallelCareReason),
    ),
  ];
  if (spec.medication !== undefined) items.push(text('lakemedel', spec.medication));
  if (spec.other !== undefined) items.push(text('ovrigt', spec.other));
  if (spec.extendedSessions !== undefined) items.push(flag('utokade-sessioner', spec.extendedSessions));
  return {
    resourceType: 'QuestionnaireResponse',
    meta: { profile: [PROFILE.templateResponse] },
    questionnaire: `${TEMPLATE_QUESTIONNAIRE.url}|${TEMPLATE_QUESTIONNAIRE.version}`,
    status: 'completed',
    subject: patient,
    authored: `${spec.authoredOn}T08:30:00Z`,
    author,
    item: items,
  };
}
