/**
 * A QuestionnaireResponse against the Questionnaire it names (canonical with optional `|version`, any loaded
 * version): unknown linkIds, required items unanswered (status completed/amended only; in-progress may be
 * partial), answer type, answerOption / answerValueSet membership, min/max values and lengths, repeats,
 * enableWhen (a disabled item must not be answered) and nested groups (children of answers under
 * answer[i].item). Expressions are indexed FHIRPath from the caller's base path.
 */
import type { Questionnaire, QuestionnaireItem, QuestionnaireResponse, QuestionnaireResponseItem, QuestionnaireResponseItemAnswer } from '@medplum/fhirtypes';
import type { TaggedIssue } from '../tagged.ts';
import type { Terminology } from '../terminology.ts';
import { checkAnswer, ItemPlan } from './answer-checks.ts';
import type { AnswerLookup } from './enable-when.ts';
import { isEnabled } from './enable-when.ts';
import type { QrFinding } from './messages.ts';
import { toIssue } from './messages.ts';

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
  return (a.item ?? []).some(hasContent);
}

function hasContent(item: QuestionnaireResponseItem): boolean {
  return (item.answer ?? []).some(answered) || (item.item ?? []).some(hasContent);
}

function allLinkIds(items: readonly QuestionnaireItem[] | undefined, into = new Set<string>()): Set<string> {
  for (const i of items ?? []) {
    into.add(i.linkId);
    allLinkIds(i.item, into);
  }
  return into;
}

/** Per-Questionnaire indexes, computed once and kept while the Questionnaire object lives. */
export interface QuestionnaireCache {
  linkIds(q: Questionnaire): ReadonlySet<string>;
  byLinkId(items: readonly QuestionnaireItem[]): ReadonlyMap<string, QuestionnaireItem>;
  /** What checkAnswer derives from an item alone (allowed value kinds, range and length extensions). */
  plan(item: QuestionnaireItem): ItemPlan;
}

export function createQuestionnaireCache(): QuestionnaireCache {
  const ids = new WeakMap<Questionnaire, Set<string>>();
  const maps = new WeakMap<readonly QuestionnaireItem[], Map<string, QuestionnaireItem>>();
  const plans = new WeakMap<QuestionnaireItem, ItemPlan>();
  return {
    linkIds(q) {
      let s = ids.get(q);
      if (!s) {
        s = allLinkIds(q.item);
        ids.set(q, s);
      }
      return s;
    },
    byLinkId(items) {
      let m = maps.get(items);
      if (!m) {
        m = new Map(items.map((qi) => [qi.linkId, qi]));
        maps.set(items, m);
      }
      return m;
    },
    plan(item) {
      let p = plans.get(item);
      if (!p) {
        p = new ItemPlan(item);
        plans.set(item, p);
      }
      return p;
    },
  };
}

interface Instance {
  readonly ri: QuestionnaireResponseItem;
  readonly i: number;
}

const NONE: readonly Instance[] = [];

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

  // Paths are passed as (parent, index) and spelled out only for a finding: most items have none.
  const walk = (qItems: readonly QuestionnaireItem[], rItems: readonly QuestionnaireResponseItem[], parentPath: string, scopes: Scopes): void => {
    const byId = cache.byLinkId(qItems);
    const groups = new Map<string, Instance[]>();
    rItems.forEach((ri, i) => {
      const group = groups.get(ri.linkId);
      if (group) {
        group.push({ ri, i });
      } else {
        groups.set(ri.linkId, [{ ri, i }]);
      }
      if (!byId.has(ri.linkId)) {
        const elsewhere = known.has(ri.linkId);
        findings.push({
          id: 'QR-UNKNOWN-LINKID',
          expression: `${parentPath}.item[${i}].linkId`,
          vars: { linkId: ri.linkId, where: elsewhere ? ' på denna plats' : '', whereEn: elsewhere ? ' at this place' : '' },
        });
      }
    });
    let lookup: AnswerLookup | undefined;
    for (const qi of qItems) {
      const instances = groups.get(qi.linkId) ?? NONE;
      // isEnabled is true without conditions; the lookup (a closure over the scopes) is made only when needed.
      if ((qi.enableWhen ?? []).length !== 0 && !isEnabled(qi, (lookup ??= lookupIn(scopes)))) {
        instances
          .filter((x) => hasContent(x.ri))
          .forEach((x) => findings.push({ id: 'QR-ENABLEWHEN', expression: `${parentPath}.item[${x.i}]`, vars: { linkId: qi.linkId, label: qi.text ?? '' } }));
        continue;
      }
      const second = instances[1];
      if (second && !(qi.type === 'group' && qi.repeats)) {
        findings.push({ id: 'QR-REPEATS', expression: `${parentPath}.item[${second.i}]`, vars: { linkId: qi.linkId, label: qi.text ?? '' } });
      }
      if (qi.required && strict && !instances.some((x) => hasContent(x.ri))) {
        const first = instances[0];
        findings.push({ id: 'QR-REQUIRED', expression: first ? `${parentPath}.item[${first.i}]` : parentPath, vars: { linkId: qi.linkId, label: qi.text ?? '' } });
      }
      for (const { ri, i } of instances) {
        checkItem(qi, ri, parentPath, i, scopes);
      }
    }
  };

  const checkItem = (qi: QuestionnaireItem, ri: QuestionnaireResponseItem, parentPath: string, i: number, scopes: Scopes): void => {
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
    let plan: ItemPlan | undefined;
    answers.forEach((a, j) => {
      checkAnswer(plan ??= cache.plan(qi), a, { parent: parentPath, i, j }, terminology, findings);
      if (qi.item?.length || a.item?.length) {
        walk(qi.item ?? [], a.item ?? [], `${parentPath}.item[${i}].answer[${j}]`, [...scopes, a.item ?? []]);
      }
    });
    if (ri.item?.length) {
      findings.push({ id: 'QR-NESTING', expression: `${parentPath}.item[${i}].item[0]`, vars: { linkId: qi.linkId, label: qi.text ?? '' } });
    }
  };

  const root = qr.item ?? [];
  walk(q.item ?? [], root, path, [root]);
  return findings.map(toIssue);
}
