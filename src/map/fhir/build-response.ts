/**
 * The template answers (QuestionnaireResponse rb-template-response) filled from the canonical record, with the
 * linkIds of docs/ig-design.md "The template Questionnaire" in the template's item order. Children of a group are
 * in `item.item`; children of a question (enableWhen children such as `sjukskrivning.omfattning`) are in
 * `answer[0].item`, as FHIR R4 nests them.
 */
import type { QuestionnaireResponse, QuestionnaireResponseItem, QuestionnaireResponseItemAnswer } from '@medplum/fhirtypes';
import { getBoolean, getInteger, getString } from '../record.ts';
import type { ReferralRecord } from '../record.ts';
import { ICD10SE_SYSTEM } from '../transforms/icd10.ts';
import { cs, PROFILE, QUESTIONNAIRE, TREATMENT_DISPLAY } from './urls.ts';

type Answer = QuestionnaireResponseItemAnswer;
type Item = QuestionnaireResponseItem;

/** Appends the item `linkId` when it has an answer; children of a question go into its answer (FHIR R4). */
function push(out: Item[], linkId: string, answer: Answer | undefined, children?: Item[]): void {
  if (answer === undefined) {
    return;
  }
  if (children !== undefined && children.length > 0) {
    answer.item = children;
  }
  out.push({ linkId, answer: [answer] });
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
  return { valueCoding: d ? { system, code, display: d } : { system, code } };
}

function group(out: Item[], linkId: string, children: Item[]): void {
  if (children.length > 0) {
    out.push({ linkId, item: children });
  }
}

/** A question with at most one child question (`sjukskrivning` → `sjukskrivning.omfattning`). */
function withChild(rec: ReferralRecord, out: Item[], linkId: string, answer: Answer | undefined, childId: string, childField: string): void {
  const children: Item[] = [];
  push(children, childId, str(rec, childField));
  push(out, linkId, answer, children);
}

const treatmentDisplay = (c: string): string | undefined => TREATMENT_DISPLAY[c];

/** `priors`: the indices of the prior treatments in `rec` (indicesOf, computed once by buildBundle). */
export function buildResponse(
  rec: ReferralRecord,
  priors: readonly number[],
  refs: { patient: string; author: string },
  icdDisplay: (code: string) => string | undefined,
): QuestionnaireResponse {
  const items: Item[] = [];
  push(items, 'bedomning', str(rec, 'assessment'));
  const risk: Item[] = [];
  push(risk, 'suicidrisk.niva', coding(rec, 'suicideRisk.level', cs('rb-suicide-risk')));
  push(risk, 'suicidrisk.kommentar', str(rec, 'suicideRisk.comment'));
  group(items, 'suicidrisk', risk);
  push(items, 'diagnos', coding(rec, 'diagnosis.code', ICD10SE_SYSTEM, icdDisplay));
  push(items, 'behandlingsform', coding(rec, 'treatmentForm', cs('rb-treatment-form'), treatmentDisplay));
  for (const i of priors) {
    const prior: Item[] = [];
    push(prior, 'tidigare-behandling.typ', coding(rec, `priorTreatment[${i}].type`, cs('rb-prior-treatment-type')));
    const d = getString(rec, `priorTreatment[${i}].date`);
    push(prior, 'tidigare-behandling.tidpunkt', d === undefined ? undefined : { valueDate: d });
    push(prior, 'tidigare-behandling.resultat', str(rec, `priorTreatment[${i}].result`));
    group(items, 'tidigare-behandling', prior);
  }
  const screening: Item[] = [];
  push(screening, 'screening.audit', int(rec, 'screening.audit'));
  push(screening, 'screening.dudit', int(rec, 'screening.dudit'));
  group(items, 'screening', screening);
  push(items, 'lakemedel', str(rec, 'medication'));
  withChild(rec, items, 'sjukskrivning', bool(rec, 'sickLeave'), 'sjukskrivning.omfattning', 'sickLeave.extent');
  push(items, 'ovrigt', str(rec, 'other'));
  push(items, 'remittent-telefon', str(rec, 'referrer.directPhone'));
  push(items, 'utokade-sessioner', bool(rec, 'extendedSessions'));
  withChild(rec, items, 'tolkbehov', bool(rec, 'interpreter'), 'tolkbehov.sprak', 'interpreter.language');
  withChild(rec, items, 'parallell-psykiatri', bool(rec, 'parallelPsychiatry'), 'parallell-psykiatri.orsak', 'parallelPsychiatry.reason');
  const authored = getString(rec, 'referral.authoredOn');
  const response: QuestionnaireResponse = {
    resourceType: 'QuestionnaireResponse',
    meta: { profile: [PROFILE.response] },
    questionnaire: QUESTIONNAIRE,
    status: 'completed',
    subject: { reference: refs.patient },
  };
  if (authored) {
    response.authored = authored;
  }
  response.author = { reference: refs.author };
  response.item = items;
  return response;
}
