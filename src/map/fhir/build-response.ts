/**
 * The template answers (QuestionnaireResponse rb-template-response) filled from the canonical record, with the
 * linkIds of docs/ig-design.md "The template Questionnaire" in the template's item order. Children of a group are
 * in `item.item`; children of a question (enableWhen children such as `sjukskrivning.omfattning`) are in
 * `answer[0].item`, as FHIR R4 nests them.
 */
import type { QuestionnaireResponse, QuestionnaireResponseItem, QuestionnaireResponseItemAnswer } from '@medplum/fhirtypes';
import { getBoolean, getInteger, getString, indicesOf } from '../record.ts';
import type { ReferralRecord } from '../record.ts';
import { ICD10SE_SYSTEM } from '../transforms/icd10.ts';
import { cs, PROFILE, QUESTIONNAIRE, TREATMENT_DISPLAY } from './urls.ts';

type Answer = QuestionnaireResponseItemAnswer;

function item(linkId: string, answer: Answer | undefined, children: QuestionnaireResponseItem[] = []): QuestionnaireResponseItem[] {
  if (answer === undefined) {
    return [];
  }
  return [{ linkId, answer: [children.length > 0 ? { ...answer, item: children } : answer] }];
}

function str(rec: ReferralRecord, field: string): Answer | undefined {
  const v = getString(rec, field);
  return v === undefined ? undefined : { valueString: v };
}

function bool(rec: ReferralRecord, field: string): Answer | undefined {
  const v = getBoolean(rec, field);
  return v === undefined ? undefined : { valueBoolean: v };
}

function int(rec: ReferralRecord, field: string): Answer | undefined {
  const v = getInteger(rec, field);
  return v === undefined ? undefined : { valueInteger: v };
}

function coding(rec: ReferralRecord, field: string, system: string, display?: (code: string) => string | undefined): Answer | undefined {
  const code = getString(rec, field);
  if (code === undefined) {
    return undefined;
  }
  const d = display?.(code);
  return { valueCoding: { system, code, ...(d ? { display: d } : {}) } };
}

function group(linkId: string, children: QuestionnaireResponseItem[]): QuestionnaireResponseItem[] {
  return children.length > 0 ? [{ linkId, item: children }] : [];
}

export function buildResponse(
  rec: ReferralRecord,
  refs: { patient: string; author: string },
  icdDisplay: (code: string) => string | undefined,
): QuestionnaireResponse {
  const priors = indicesOf(rec, 'priorTreatment').flatMap((i) =>
    group('tidigare-behandling', [
      ...item('tidigare-behandling.typ', coding(rec, `priorTreatment[${i}].type`, cs('rb-prior-treatment-type'))),
      ...item('tidigare-behandling.tidpunkt', ((): Answer | undefined => {
        const d = getString(rec, `priorTreatment[${i}].date`);
        return d === undefined ? undefined : { valueDate: d };
      })()),
      ...item('tidigare-behandling.resultat', str(rec, `priorTreatment[${i}].result`)),
    ]),
  );
  const items: QuestionnaireResponseItem[] = [
    ...item('bedomning', str(rec, 'assessment')),
    ...group('suicidrisk', [
      ...item('suicidrisk.niva', coding(rec, 'suicideRisk.level', cs('rb-suicide-risk'))),
      ...item('suicidrisk.kommentar', str(rec, 'suicideRisk.comment')),
    ]),
    ...item('diagnos', coding(rec, 'diagnosis.code', ICD10SE_SYSTEM, icdDisplay)),
    ...item('behandlingsform', coding(rec, 'treatmentForm', cs('rb-treatment-form'), (c) => TREATMENT_DISPLAY[c])),
    ...priors,
    ...group('screening', [...item('screening.audit', int(rec, 'screening.audit')), ...item('screening.dudit', int(rec, 'screening.dudit'))]),
    ...item('lakemedel', str(rec, 'medication')),
    ...item('sjukskrivning', bool(rec, 'sickLeave'), item('sjukskrivning.omfattning', str(rec, 'sickLeave.extent'))),
    ...item('ovrigt', str(rec, 'other')),
    ...item('remittent-telefon', str(rec, 'referrer.directPhone')),
    ...item('utokade-sessioner', bool(rec, 'extendedSessions')),
    ...item('tolkbehov', bool(rec, 'interpreter'), item('tolkbehov.sprak', str(rec, 'interpreter.language'))),
    ...item('parallell-psykiatri', bool(rec, 'parallelPsychiatry'), item('parallell-psykiatri.orsak', str(rec, 'parallelPsychiatry.reason'))),
  ];
  const authored = getString(rec, 'referral.authoredOn');
  return {
    resourceType: 'QuestionnaireResponse',
    meta: { profile: [PROFILE.response] },
    questionnaire: QUESTIONNAIRE,
    status: 'completed',
    subject: { reference: refs.patient },
    ...(authored ? { authored } : {}),
    author: { reference: refs.author },
    item: items,
  };
}
