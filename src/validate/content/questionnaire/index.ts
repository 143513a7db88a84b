/**
 * A QuestionnaireResponse against the Questionnaire it names (canonical with optional `|version`, any loaded
 * version): unknown linkIds, required items unanswered (status completed/amended only; in-progress may be
 * partial), answer type, answerOption / answerValueSet membership, min/max values and lengths, repeats,
 * enableWhen (a disabled item must not be answered) and nested groups (children of answers under
 * answer[i].item). Expressions are indexed FHIRPath from the caller's base path.
 */
import type { Questionnaire, QuestionnaireItem, QuestionnaireResponse, QuestionnaireResponseItem, QuestionnaireResponseItemAnswer } from '@medplum/fhirtypes';
import { arrayOf, element } from '../arrays.ts';
import type { TaggedIssue } from '../tagged.ts';
import type { Terminology } from '../terminology.ts';
import { checkAnswer } from './answer-checks.ts';
import type { AnswerLookup } from './enable-when.ts';
import { isEnabled } from './enable-when.ts';
import type { QrFinding } from './messages.ts';
import { toIssue } from './messages.ts';
import type { ItemPlan, QuestionnaireCache } from './plan.ts';
import { createQuestionnaireCache } from './plan.ts';

type Scopes = readonly (readonly QuestionnaireResponseItem[])[];

/** The item with this linkId: direct children first (the common case), then their descendants. */
function findInTree(items: readonly QuestionnaireResponseItem[], linkId: string): QuestionnaireResponseItem | undefined {
  for (const item of items) {
    if (item.linkId === linkId) {
      return item;
    }
  }
  for (const item of items) {
    const nested = (item.item && findInTree(item.item, linkId)) ?? item.answer?.map((a) => a.item && findInTree(a.item, linkId)).find((x) => x !== undefined);
    if (nested) {
      return nested;
    }
  }
  return undefined;
}

/** Nearest scope first: the enclosing group instance, then outwards to the whole response. */
function lookupIn(scopes: Scopes): AnswerLookup {
  return (linkId) => {
    for (let s = scopes.length - 1; s >= 0; s--) {
      const found = findInTree(scopes[s] ?? [], linkId);
      if (found) {
        return found.answer ?? [];
      }
    }
    return [];
  };
}

function answered(a: QuestionnaireResponseItemAnswer): boolean {
  for (const k in a) {
    if (k.startsWith('value')) {
      return true;
    }
  }
  return someHas(a.item ?? []);
}

/** `items.some(hasContent)` as a loop (this runs for every required item). */
function someHas(items: readonly QuestionnaireResponseItem[]): boolean {
  const list = arrayOf(items);
  for (let i = 0; i < list.length; i++) {
    if (hasContent(element(list, i))) {
      return true;
    }
  }
  return false;
}

function hasContent(item: QuestionnaireResponseItem): boolean {
  const answers = arrayOf(item.answer ?? []);
  for (let j = 0; j < answers.length; j++) {
    if (answered(element(answers, j))) {
      return true;
    }
  }
  return someHas(item.item ?? []);
}

/** Whether any response item in `slot` has content, in order, stopping at the first (as `some` does). */
function someHasContent(items: readonly QuestionnaireResponseItem[], slots: readonly number[], slot: number): boolean {
  for (let i = 0; i < items.length; i++) {
    if (slots[i] === slot && hasContent(element(items, i))) {
      return true;
    }
  }
  return false;
}

export function checkResponse(qr: QuestionnaireResponse, path: string, terminology: Terminology, cache: QuestionnaireCache = createQuestionnaireCache()): TaggedIssue[] {
  const canonical = qr.questionnaire;
  if (!canonical) {
    return [];
  }
  const q = terminology.defs.resolve<Questionnaire>(canonical);
  if (q?.resourceType !== 'Questionnaire') {
    return [toIssue({ id: 'QR-QUESTIONNAIRE-UNKNOWN', expression: `${path}.questionnaire`, vars: { questionnaire: canonical } })];
  }
  const strict = qr.status === 'completed' || qr.status === 'amended';
  const known = cache.linkIds(q);
  const findings: QrFinding[] = [];

  // Paths are passed as (parent, index) and spelled out only for a finding: most items have none. The loops use
  // indices and slot numbers rather than per-item objects and closures: this runs for every item of every response.
  const walk = (qItems: readonly QuestionnaireItem[], rItems: readonly QuestionnaireResponseItem[], parentPath: string, scopes: Scopes): void => {
    const level = cache.level(qItems);
    const items = arrayOf(rItems);
    // The slot of each response item's linkId in this level, -1 when the level has no such item.
    const slots: number[] = [];
    for (let i = 0; i < items.length; i++) {
      const ri = element(items, i);
      const s = level.slot.get(ri.linkId);
      slots.push(s ?? -1);
      if (s === undefined) {
        const elsewhere = known.has(ri.linkId);
        findings.push({
          id: 'QR-UNKNOWN-LINKID',
          expression: `${parentPath}.item[${i}].linkId`,
          vars: { linkId: ri.linkId, where: elsewhere ? ' på denna plats' : '', whereEn: elsewhere ? ' at this place' : '' },
        });
      }
    }
    let lookup: AnswerLookup | undefined;
    for (const { slot, plan } of level.items) {
      const qi = plan.item;
      // isEnabled is true without conditions; the lookup (a closure over the scopes) is made only when needed.
      if ((qi.enableWhen ?? []).length !== 0 && !isEnabled(qi, (lookup ??= lookupIn(scopes)))) {
        for (let i = 0; i < items.length; i++) {
          if (slots[i] === slot && hasContent(element(items, i))) {
            findings.push({ id: 'QR-ENABLEWHEN', expression: `${parentPath}.item[${i}]`, vars: { linkId: qi.linkId, label: qi.text ?? '' } });
          }
        }
        continue;
      }
      const first = slots.indexOf(slot);
      const second = first < 0 ? -1 : slots.indexOf(slot, first + 1);
      if (second >= 0 && !(qi.type === 'group' && qi.repeats)) {
        findings.push({ id: 'QR-REPEATS', expression: `${parentPath}.item[${second}]`, vars: { linkId: qi.linkId, label: qi.text ?? '' } });
      }
      if (qi.required && strict && !someHasContent(items, slots, slot)) {
        findings.push({ id: 'QR-REQUIRED', expression: first >= 0 ? `${parentPath}.item[${first}]` : parentPath, vars: { linkId: qi.linkId, label: qi.text ?? '' } });
      }
      for (let i = first; i >= 0 && i < items.length; i++) {
        if (slots[i] === slot) {
          checkItem(plan, element(items, i), parentPath, i, scopes);
        }
      }
    }
  };

  const checkItem = (plan: ItemPlan, ri: QuestionnaireResponseItem, parentPath: string, i: number, scopes: Scopes): void => {
    const qi = plan.item;
    if (qi.type === 'group' || qi.type === 'display') {
      if (ri.answer?.length) {
        findings.push({ id: 'QR-GROUP-ANSWER', expression: `${parentPath}.item[${i}].answer[0]`, vars: { linkId: qi.linkId, label: qi.text ?? '' } });
      }
      if (qi.type === 'group') {
        walk(qi.item ?? [], ri.item ?? [], `${parentPath}.item[${i}]`, [...scopes, ri.item ?? []]);
      }
      return;
    }
    const answers = ri.answer ?? [];
    if (answers.length > 1 && !qi.repeats) {
      findings.push({ id: 'QR-REPEATS', expression: `${parentPath}.item[${i}].answer[1]`, vars: { linkId: qi.linkId, label: qi.text ?? '' } });
    }
    const list = arrayOf(answers);
    for (let j = 0; j < list.length; j++) {
      const a = element(list, j);
      checkAnswer(plan, a, parentPath, i, j, terminology, findings);
      if (qi.item?.length || a.item?.length) {
        walk(qi.item ?? [], a.item ?? [], `${parentPath}.item[${i}].answer[${j}]`, [...scopes, a.item ?? []]);
      }
    }
    if (ri.item?.length) {
      findings.push({ id: 'QR-NESTING', expression: `${parentPath}.item[${i}].item[0]`, vars: { linkId: qi.linkId, label: qi.text ?? '' } });
    }
  };

  const root = qr.item ?? [];
  walk(q.item ?? [], root, path, [root]);
  return findings.map(toIssue);
}
