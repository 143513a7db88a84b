/**
 * enableWhen (FHIR R4 Questionnaire.item.enableWhen, enableBehavior): all operators. `exists` compares presence
 * of an answer with answerBoolean; the others hold when at least one answer of the referenced question meets
 * them (no answer → false). Several conditions combine with enableBehavior (`all` by default).
 */
import type { QuestionnaireItem, QuestionnaireItemEnableWhen, QuestionnaireResponseItemAnswer } from '@medplum/fhirtypes';
import { compareValues, valueOf, valuesEqual } from './answer-value.ts';

/** Finds the answers given to a linkId, nearest scope first (for repeating groups). */
export type AnswerLookup = (linkId: string) => readonly QuestionnaireResponseItemAnswer[];

function holds(cond: QuestionnaireItemEnableWhen, answers: readonly QuestionnaireResponseItemAnswer[]): boolean {
  const expected = valueOf(cond, 'answer');
  if (cond.operator === 'exists') {
    return (answers.length > 0) === (expected?.value === true);
  }
  if (!expected) {
    return false;
  }
  return answers.some((a) => {
    const given = valueOf(a, 'value');
    if (!given) {
      return false;
    }
    switch (cond.operator) {
      case 'exists':
        return true;
      case '=':
        return valuesEqual(given, expected);
      case '!=':
        return !valuesEqual(given, expected);
      case '>':
      case '<':
      case '>=':
      case '<=': {
        const c = compareValues(given, expected);
        if (c === undefined) {
          return false;
        }
        return cond.operator === '>' ? c > 0 : cond.operator === '<' ? c < 0 : cond.operator === '>=' ? c >= 0 : c <= 0;
      }
    }
  });
}

export function isEnabled(item: QuestionnaireItem, lookup: AnswerLookup): boolean {
  const conditions = item.enableWhen ?? [];
  if (conditions.length === 0) {
    return true;
  }
  const results = conditions.map((c) => holds(c, lookup(c.question)));
  return item.enableBehavior === 'any' ? results.some(Boolean) : results.every(Boolean);
}
