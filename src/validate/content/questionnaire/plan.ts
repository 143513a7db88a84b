/**
 * What checkResponse derives from the Questionnaire alone, computed on first use and kept while the Questionnaire
 * object lives (Definitions hold it for the validator's lifetime): per level of items, where each linkId stands;
 * per item, the allowed answer kinds, its answerOption values and its range and length extensions.
 */
import type { Questionnaire, QuestionnaireItem } from '@medplum/fhirtypes';
import type { TaggedValue, ValueKind } from './answer-value.ts';
import { valueOf } from './answer-value.ts';

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
 * QuestionnaireCache.level). Each part is computed where checkAnswer first needs it, so an item that cannot be read
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

/** One level of items (Questionnaire.item, or an item's children). */
export interface LevelPlan {
  /** linkId → slot: the position of the first item with that linkId. */
  readonly slot: ReadonlyMap<string, number>;
  /** The items in order, each with its slot (items sharing a linkId share one) and plan. */
  readonly items: readonly { readonly slot: number; readonly plan: ItemPlan }[];
}

export interface QuestionnaireCache {
  /** Every linkId of the Questionnaire, at any depth. */
  linkIds(q: Questionnaire): ReadonlySet<string>;
  level(items: readonly QuestionnaireItem[]): LevelPlan;
}

function allLinkIds(items: readonly QuestionnaireItem[] | undefined, into = new Set<string>()): Set<string> {
  for (const i of items ?? []) {
    into.add(i.linkId);
    allLinkIds(i.item, into);
  }
  return into;
}

function levelPlan(items: readonly QuestionnaireItem[]): LevelPlan {
  const slot = new Map<string, number>();
  const planned: { slot: number; plan: ItemPlan }[] = [];
  items.forEach((qi, k) => {
    const s = slot.get(qi.linkId) ?? k;
    slot.set(qi.linkId, s);
    planned.push({ slot: s, plan: new ItemPlan(qi) });
  });
  return { slot, items: planned };
}

export function createQuestionnaireCache(): QuestionnaireCache {
  const ids = new WeakMap<Questionnaire, Set<string>>();
  const levels = new WeakMap<readonly QuestionnaireItem[], LevelPlan>();
  return {
    linkIds(q) {
      let s = ids.get(q);
      if (!s) {
        s = allLinkIds(q.item);
        ids.set(q, s);
      }
      return s;
    },
    level(items) {
      let l = levels.get(items);
      if (!l) {
        l = levelPlan(items);
        levels.set(items, l);
      }
      return l;
    },
  };
}
