/** Loads and selects regional rule sets (issue 3: versioned by effective date, proposed sets only on request). */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RuleSet } from './schema.ts';
import { ruleSetSchema } from './schema.ts';

/** The folder holding the project's own rule sets. */
export function defaultRulesetsDir(): string {
  return import.meta.dirname;
}

/** Reads every `*.json` rule set in `dir` (not `*.schema.json`); throws with the file name on the first bad one. */
export function loadRuleSets(dir: string = defaultRulesetsDir()): RuleSet[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.json') && !f.endsWith('.schema.json'))
    .sort();
  const sets = files.map((f) => {
    const parsed = ruleSetSchema.safeParse(JSON.parse(readFileSync(join(dir, f), 'utf8')));
    if (!parsed.success) {
      throw new Error(`rule set ${f}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    }
    return parsed.data;
  });
  const ids = sets.map((s) => s.id);
  const dup = ids.find((id, i) => ids.indexOf(id) !== i);
  if (dup !== undefined) {
    throw new Error(`rule set id ${dup} appears twice in ${dir}`);
  }
  return sets;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Picks the rule set for a referral. `choice`: `auto` (or undefined) = the active set in force on the referral
 * date; a date (YYYY-MM-DD) = the active set in force on that date; otherwise a rule set id (proposed sets are
 * reachable only this way). Without a referral date `auto` takes the latest active set.
 */
export function selectRuleSet<T extends Pick<RuleSet, 'id' | 'effectiveFrom' | 'effectiveTo' | 'status'>>(
  sets: readonly T[],
  choice: string | undefined,
  referralDate: string | undefined,
): T | undefined {
  if (choice !== undefined && choice !== 'auto' && !DATE.test(choice)) {
    return sets.find((s) => s.id === choice);
  }
  const active = sets.filter((s) => s.status === 'active').sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
  const date = choice !== undefined && DATE.test(choice) ? choice : referralDate;
  if (date === undefined) {
    return active.at(-1);
  }
  return active.find((s) => s.effectiveFrom <= date && (s.effectiveTo === undefined || date <= s.effectiveTo));
}
