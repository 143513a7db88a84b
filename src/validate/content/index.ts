/**
 * The content checks of the referral validator (issue 3, layers 4–6): QuestionnaireResponse against its
 * Questionnaire, bundle consistency, and the regional rules (data in src/validate/rules/*.json). Plugs into the
 * engine through `ContentCheck` (../types.ts).
 *
 * Receives a whole rb-referral-bundle, any other Bundle (then only its QuestionnaireResponses are checked), or a
 * single QuestionnaireResponse; returns every issue found. Rule sets are loaded and compiled once here; the
 * per-Definitions terminology cache lives in this closure (no module state).
 */
import type { Bundle, OperationOutcomeIssue, QuestionnaireResponse, Resource } from '@medplum/fhirtypes';
import { z } from 'zod';
import { issue } from '../../fhir/outcomes.ts';
import { loadRuleSets, selectRuleSet } from '../rules/load.ts';
import type { ContentCheck, Definitions } from '../types.ts';
import { checkBundleConsistency } from './bundle/index.ts';
import { checkResponse } from './questionnaire/index.ts';
import type { QuestionnaireCache } from './questionnaire/plan.ts';
import { createQuestionnaireCache } from './questionnaire/plan.ts';
import { guarded, incomplete } from './guard.ts';
import { present } from './optional.ts';
import type { ReferralModel } from './referral.ts';
import { referralModel } from './referral.ts';
import type { CompiledRuleSet } from './regional.ts';
import { compileRuleSets, runRuleSet } from './regional.ts';
import type { TaggedIssue } from './tagged.ts';
import { issueId } from './tagged.ts';
import type { Terminology } from './terminology.ts';
import { createTerminology } from './terminology.ts';

export const contentCheckOptionsSchema = z.strictObject({
  rulesetsDir: z.string().min(1).optional(),
  /** `auto` (default) = by referral date; a date YYYY-MM-DD; or a rule set id such as `proposed`. */
  defaultRuleset: z.string().min(1).optional(),
});
export type ContentCheckOptions = z.infer<typeof contentCheckOptionsSchema>;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** Referral dates remembered per rule-set choice (a day each; a few years' worth). */
const SELECTIONS_KEPT = 2048;

export function createContentCheck(options: ContentCheckOptions = {}): ContentCheck {
  const opts = contentCheckOptionsSchema.parse(options);
  const sets = compileRuleSets(loadRuleSets(opts.rulesetsDir));
  const fallback = opts.defaultRuleset ?? 'auto';
  if (fallback !== 'auto' && !DATE.test(fallback) && !sets.some((s) => s.id === fallback)) {
    throw new Error(`unknown rule set ${fallback}; known: ${sets.map((s) => s.id).join(', ')}`);
  }
  const perDefs = new WeakMap<Definitions, { terminology: Terminology; questionnaires: QuestionnaireCache }>();
  const cachesFor = (defs: Definitions): { terminology: Terminology; questionnaires: QuestionnaireCache } => {
    let c = perDefs.get(defs);
    if (!c) {
      c = { terminology: createTerminology(defs), questionnaires: createQuestionnaireCache() };
      perDefs.set(defs, c);
    }
    return c;
  };

  // The set for a (choice, referral date) does not change while this check lives: remembered (a bounded memo).
  const selected = new Map<string, Map<string | undefined, CompiledRuleSet | undefined>>();
  const select = (choice: string, date: string | undefined): CompiledRuleSet | undefined => {
    let byDate = selected.get(choice);
    if (!byDate) {
      byDate = new Map();
      selected.set(choice, byDate);
    }
    if (!byDate.has(date)) {
      if (byDate.size >= SELECTIONS_KEPT) {
        byDate.clear();
      }
      byDate.set(date, selectRuleSet(sets, choice, date));
    }
    return byDate.get(date);
  };
  // Rule sets with no `supersedes` anywhere (the active ones today) skip the superseding step below.
  const superseding = new Set(sets.filter((set) => set.rules.some((r) => (r.rule.supersedes ?? []).length > 0)));

  return (resource: Resource, ctx) => {
    const { terminology, questionnaires } = cachesFor(ctx.defs);
    if (resource.resourceType === 'QuestionnaireResponse') {
      return guarded('QuestionnaireResponse', ctx.basePath, () => checkResponse(resource, ctx.basePath, terminology, questionnaires), asTagged).map((t) => t.issue);
    }
    if (resource.resourceType !== 'Bundle') {
      return [];
    }
    const bundle: Bundle = resource;
    const entries = Array.isArray(bundle.entry) ? bundle.entry : [];
    let tagged: TaggedIssue[] = [];
    entries.forEach((entry, i) => {
      const r = present(entry)?.resource;
      if (r?.resourceType === 'QuestionnaireResponse') {
        const qr: QuestionnaireResponse = r;
        const path = `${ctx.basePath}.entry[${i}].resource`;
        for (const t of guarded('QuestionnaireResponse', path, () => checkResponse(qr, path, terminology, questionnaires), asTagged)) {
          tagged.push(t);
        }
      }
    });
    let model: ReferralModel | undefined;
    try {
      model = referralModel(bundle, ctx.basePath);
    } catch {
      return [...issuesOf(tagged), incomplete('ServiceRequest', ctx.basePath)];
    }
    if (!model) {
      return issuesOf(tagged);
    }
    const m = model;
    for (const t of guarded('BUNDLE', ctx.basePath, () => checkBundleConsistency(m).map(asTagged), asTagged)) {
      tagged.push(t);
    }
    const choice = ctx.ruleset ?? fallback;
    const set = select(choice, model.referralDate);
    let regional: OperationOutcomeIssue[];
    if (set) {
      regional = runRuleSet(set, model, { terminology });
      if (superseding.has(set)) {
        const fired = new Set(regional.map(issueId));
        const superseded = set.rules.filter((r) => fired.has(r.rule.id)).flatMap((r) => r.rule.supersedes ?? []);
        const drop = (t: TaggedIssue): boolean => superseded.some((s) => s.id === issueId(t.issue) && (s.linkId === undefined || s.linkId === t.linkId));
        tagged = tagged.filter((t) => !drop(t));
      }
    } else {
      regional = [noRuleSet(choice, `${model.request.path}.authoredOn`)];
    }
    const out = issuesOf(tagged);
    for (const i of regional) {
      out.push(i);
    }
    return out;
  };
}

function asTagged(i: OperationOutcomeIssue): TaggedIssue {
  return { issue: i };
}

function issuesOf(tagged: readonly TaggedIssue[]): OperationOutcomeIssue[] {
  return tagged.map((t) => t.issue);
}

function noRuleSet(choice: string, expression: string): OperationOutcomeIssue {
  const byId = choice !== 'auto' && !DATE.test(choice);
  return issue(byId ? 'not-found' : 'not-supported', {
    id: byId ? 'RULESET-UNKNOWN' : 'RULESET-NONE',
    severity: byId ? 'error' : 'warning',
    text: byId
      ? { sv: `Regeluppsättningen ${choice} finns inte.`, en: `Rule set ${choice} does not exist.` }
      : { sv: 'Ingen regional regeluppsättning gäller för remissdatumet; regionala regler kontrollerades inte.', en: 'No regional rule set is in force on the referral date; regional rules were not checked.' },
    expression: [expression],
  });
}
