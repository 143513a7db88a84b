/**
 * Checks on one answer against its item: type (value[x] allowed by item.type, or by the answerOption types for
 * choice), answerOption membership, answerValueSet membership (the IG ValueSet expanded via Definitions),
 * minValue/maxValue extensions, maxLength and the minLength extension.
 */
import type { QuestionnaireResponseItemAnswer } from '@medplum/fhirtypes';
import type { Terminology } from '../terminology.ts';
import { compareValues, display, valueOf, valuesEqual } from './answer-value.ts';
import type { QrFinding } from './messages.ts';
import type { ItemPlan } from './plan.ts';

/** `<parent>.item[i].answer[j].value<Kind>`: the answer's path is spelled out only for a finding. */
function valuePath(parent: string, i: number, j: number, kind: string): string {
  return `${parent}.item[${i}].answer[${j}].value${kind}`;
}

/** Appends the findings for one answer to `findings`. */
export function checkAnswer(
  plan: ItemPlan,
  answer: QuestionnaireResponseItemAnswer,
  parent: string,
  i: number,
  j: number,
  terminology: Terminology,
  findings: QrFinding[],
): void {
  const given = valueOf(answer, 'value');
  if (!given) {
    return;
  }
  const item = plan.item;
  const kinds = plan.kinds();
  if (!kinds.includes(given.kind)) {
    findings.push({ id: 'QR-ANSWER-TYPE', expression: valuePath(parent, i, j, given.kind), vars: { linkId: item.linkId, label: item.text ?? '', got: `value${given.kind}`, want: kinds.map((k) => `value${k}`).join(', ') || '-' } });
    return;
  }
  const isFreeText = item.type === 'open-choice' && given.kind === 'String';
  if (item.answerOption?.length && !isFreeText) {
    const ok = plan.options().some((v) => v !== undefined && valuesEqual(given, v));
    if (!ok) {
      findings.push({ id: 'QR-ANSWER-OPTION', expression: valuePath(parent, i, j, given.kind), vars: { linkId: item.linkId, label: item.text ?? '', value: display(given) } });
    }
  }
  if (item.answerValueSet && given.kind === 'Coding') {
    const expansion = terminology.expand(item.answerValueSet);
    const coding = answer.valueCoding;
    if (!expansion) {
      findings.push({ id: 'QR-VALUESET-UNKNOWN', expression: valuePath(parent, i, j, given.kind), vars: { linkId: item.linkId, label: item.text ?? '', valueSet: item.answerValueSet } });
    } else if (coding?.code === undefined || !expansion.has(coding.system, coding.code)) {
      findings.push({ id: 'QR-ANSWER-VALUESET', expression: valuePath(parent, i, j, given.kind), vars: { linkId: item.linkId, label: item.text ?? '', value: display(given), valueSet: item.answerValueSet } });
    }
  }
  const { min, max } = plan.range();
  const below = min !== undefined && (compareValues(given, min) ?? 0) < 0;
  const above = max !== undefined && (compareValues(given, max) ?? 0) > 0;
  if (below || above) {
    findings.push({
      id: 'QR-RANGE',
      expression: valuePath(parent, i, j, given.kind),
      vars: { linkId: item.linkId, label: item.text ?? '', value: display(given), min: min ? display(min) : '-', max: max ? display(max) : '-' },
    });
  }
  if (typeof given.value === 'string') {
    const minLength = plan.minLength();
    const tooLong = item.maxLength !== undefined && given.value.length > item.maxLength;
    const tooShort = typeof minLength?.value === 'number' && given.value.length < minLength.value;
    if (tooLong || tooShort) {
      findings.push({
        id: 'QR-LENGTH',
        expression: valuePath(parent, i, j, given.kind),
        vars: { linkId: item.linkId, label: item.text ?? '', length: given.value.length, limit: tooLong ? `≤ ${item.maxLength ?? ''}` : `≥ ${String(minLength?.value)}` },
      });
    }
  }
}
