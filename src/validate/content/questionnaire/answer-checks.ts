/**
 * Checks on one answer against its item: type (value[x] allowed by item.type, or by the answerOption types for
 * choice), answerOption membership, answerValueSet membership (the IG ValueSet expanded via Definitions),
 * minValue/maxValue extensions, maxLength and the minLength extension.
 */
import type { QuestionnaireItem, QuestionnaireResponseItemAnswer } from '@medplum/fhirtypes';
import type { Terminology } from '../terminology.ts';
import type { TaggedValue, ValueKind } from './answer-value.ts';
import { compareValues, display, valueOf, valuesEqual } from './answer-value.ts';
import type { QrFinding } from './messages.ts';

const BY_TYPE: Readonly<Record<QuestionnaireItem['type'], readonly ValueKind[]>> = {
  boolean: ['Boolean'],
  decimal: ['Decimal'],
  integer: ['Integer'],
  date: ['Date'],
  dateTime: ['DateTime'],
  time: ['Time'],
  string: ['String'],
  text: ['String'],
  url: ['Uri'],
  choice: ['Coding'],
  'open-choice': ['Coding', 'String'],
  attachment: ['Attachment'],
  reference: ['Reference'],
  quantity: ['Quantity'],
  group: [],
  display: [],
  question: [],
};

const MIN_VALUE = 'http://hl7.org/fhir/StructureDefinition/minValue';
const MAX_VALUE = 'http://hl7.org/fhir/StructureDefinition/maxValue';
const MIN_LENGTH = 'http://hl7.org/fhir/StructureDefinition/minLength';

function optionValues(item: QuestionnaireItem): readonly (TaggedValue | undefined)[] {
  return (item.answerOption ?? []).map((o) => valueOf(o, 'value'));
}

function allowedKinds(item: QuestionnaireItem, optionValues: readonly (TaggedValue | undefined)[]): readonly ValueKind[] {
  const options = optionValues.map((v) => v?.kind).filter((k) => k !== undefined);
  if ((item.type === 'choice' || item.type === 'open-choice') && options.length > 0) {
    return [...new Set([...options, ...(item.type === 'open-choice' ? (['String'] as const) : [])])];
  }
  return BY_TYPE[item.type];
}

function extensionValue(item: QuestionnaireItem, url: string): TaggedValue | undefined {
  const ext = item.extension?.find((e) => e.url === url);
  return ext ? valueOf(ext, 'value') : undefined;
}

/**
 * What the checks derive from a Questionnaire item alone, computed on first use and kept (one per item, see
 * QuestionnaireCache.plan). Each part is computed where checkAnswer first needs it, so an item that cannot be read
 * fails at the same point as before; a failed computation is not kept.
 */
export class ItemPlan {
  readonly item: QuestionnaireItem;
  #options: readonly (TaggedValue | undefined)[] | undefined;
  #kinds: readonly ValueKind[] | undefined;
  #range: { readonly min: TaggedValue | undefined; readonly max: TaggedValue | undefined } | undefined;
  #minLength: { readonly value: TaggedValue | undefined } | undefined;

  constructor(item: QuestionnaireItem) {
    this.item = item;
  }

  /** The answerOption values (undefined where an option has none). */
  options(): readonly (TaggedValue | undefined)[] {
    return (this.#options ??= optionValues(this.item));
  }

  kinds(): readonly ValueKind[] {
    return (this.#kinds ??= allowedKinds(this.item, this.options()));
  }

  range(): { readonly min: TaggedValue | undefined; readonly max: TaggedValue | undefined } {
    return (this.#range ??= { min: extensionValue(this.item, MIN_VALUE), max: extensionValue(this.item, MAX_VALUE) });
  }

  minLength(): TaggedValue | undefined {
    return (this.#minLength ??= { value: extensionValue(this.item, MIN_LENGTH) }).value;
  }
}

/** Where an answer stands: `<parent>.item[i].answer[j]`, spelled out only for a finding. */
export interface AnswerPath {
  readonly parent: string;
  readonly i: number;
  readonly j: number;
}

/** Appends the findings for one answer to `findings`. */
export function checkAnswer(
  plan: ItemPlan,
  answer: QuestionnaireResponseItemAnswer,
  at: AnswerPath,
  terminology: Terminology,
  findings: QrFinding[],
): void {
  const given = valueOf(answer, 'value');
  if (!given) {
    return;
  }
  const item = plan.item;
  const valuePath = (): string => `${at.parent}.item[${at.i}].answer[${at.j}].value${given.kind}`;
  const kinds = plan.kinds();
  if (!kinds.includes(given.kind)) {
    findings.push({ id: 'QR-ANSWER-TYPE', expression: valuePath(), vars: { linkId: item.linkId, label: item.text ?? '', got: `value${given.kind}`, want: kinds.map((k) => `value${k}`).join(', ') || '-' } });
    return;
  }
  const isFreeText = item.type === 'open-choice' && given.kind === 'String';
  if (item.answerOption?.length && !isFreeText) {
    const ok = plan.options().some((v) => v !== undefined && valuesEqual(given, v));
    if (!ok) {
      findings.push({ id: 'QR-ANSWER-OPTION', expression: valuePath(), vars: { linkId: item.linkId, label: item.text ?? '', value: display(given) } });
    }
  }
  if (item.answerValueSet && given.kind === 'Coding') {
    const expansion = terminology.expand(item.answerValueSet);
    const coding = answer.valueCoding;
    if (!expansion) {
      findings.push({ id: 'QR-VALUESET-UNKNOWN', expression: valuePath(), vars: { linkId: item.linkId, label: item.text ?? '', valueSet: item.answerValueSet } });
    } else if (coding?.code === undefined || !expansion.has(coding.system, coding.code)) {
      findings.push({ id: 'QR-ANSWER-VALUESET', expression: valuePath(), vars: { linkId: item.linkId, label: item.text ?? '', value: display(given), valueSet: item.answerValueSet } });
    }
  }
  const { min, max } = plan.range();
  const below = min !== undefined && (compareValues(given, min) ?? 0) < 0;
  const above = max !== undefined && (compareValues(given, max) ?? 0) > 0;
  if (below || above) {
    findings.push({
      id: 'QR-RANGE',
      expression: valuePath(),
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
        expression: valuePath(),
        vars: { linkId: item.linkId, label: item.text ?? '', length: given.value.length, limit: tooLong ? `≤ ${item.maxLength ?? ''}` : `≥ ${String(minLength?.value)}` },
      });
    }
  }
}
