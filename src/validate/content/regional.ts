/**
 * Regional rules: rule sets (data, src/validate/rules/*.json) compiled once against the rule kinds
 * (checks/*.ts), then run on a referral. Each finding becomes an issue with the rule's id, severity, issue code and
 * Swedish/English message; the rule's clinical source goes into `diagnostics`.
 */
import type { OperationOutcomeIssue } from '@medplum/fhirtypes';
import { issue } from '../../fhir/outcomes.ts';
import type { Rule, RuleSet } from '../rules/schema.ts';
import { RULE_KINDS } from './checks/index.ts';
import type { CheckEnv, CompiledCheck, Finding } from './checks/kind.ts';
import { incomplete } from './guard.ts';
import type { ReferralModel } from './referral.ts';

export interface CompiledRule {
  readonly rule: Rule;
  readonly run: CompiledCheck;
}

export interface CompiledRuleSet {
  readonly id: string;
  readonly effectiveFrom: string;
  readonly effectiveTo?: string;
  readonly status: RuleSet['status'];
  readonly rules: readonly CompiledRule[];
}

/** Compiles every rule (kind known, params valid) or throws naming the rule set and rule. */
export function compileRuleSets(sets: readonly RuleSet[]): CompiledRuleSet[] {
  const kinds = new Map(RULE_KINDS.map((k) => [k.kind, k]));
  return sets.map((set) => ({
    id: set.id,
    effectiveFrom: set.effectiveFrom,
    ...(set.effectiveTo ? { effectiveTo: set.effectiveTo } : {}),
    status: set.status,
    rules: set.rules.map((rule) => {
      const kind = kinds.get(rule.kind);
      if (!kind) {
        throw new Error(`rule set ${set.id}, rule ${rule.id}: unknown kind ${rule.kind}`);
      }
      const used = (text: string): string[] => [...new Set([...text.matchAll(/\{([^{}\s]+)\}/g)].map((m) => m[1] ?? ''))].sort();
      const sv = used(rule.message.sv);
      const unknown = [...new Set([...sv, ...used(rule.message.en)])].filter((v) => !kind.vars.includes(v));
      if (unknown.length > 0) {
        throw new Error(`rule set ${set.id}, rule ${rule.id}: message uses {${unknown.join('}, {')}}; kind ${rule.kind} provides ${kind.vars.map((v) => `{${v}}`).join(', ') || 'none'}`);
      }
      if (sv.join(',') !== used(rule.message.en).join(',')) {
        throw new Error(`rule set ${set.id}, rule ${rule.id}: the Swedish and English messages use different placeholders`);
      }
      try {
        return { rule, run: kind.compile(rule.params) };
      } catch (e) {
        throw new Error(`rule set ${set.id}, rule ${rule.id}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
      }
    }),
  }));
}

function fill(template: string, vars: Readonly<Record<string, string | number>> | undefined): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = vars?.[name];
    return v === undefined ? whole : String(v);
  });
}

function toIssue(set: CompiledRuleSet, rule: Rule, f: Finding): OperationOutcomeIssue {
  return f.missingDefinition !== undefined
    ? issue('not-found', {
        id: 'RULE-DEFINITION-UNKNOWN',
        severity: 'warning',
        text: {
          sv: `Regeln ${rule.id} kunde inte kontrolleras: ${f.missingDefinition} är inte laddad.`,
          en: `Rule ${rule.id} could not be checked: ${f.missingDefinition} is not loaded.`,
        },
        expression: [f.expression],
        diagnostics: `${set.id}/${rule.id}; ${rule.source}`,
      })
    : issue(rule.code ?? 'business-rule', {
        id: rule.id,
        severity: rule.severity,
        text: { sv: fill(rule.message.sv, f.vars), en: fill(rule.message.en, f.vars) },
        expression: [f.expression],
        diagnostics: `${set.id}/${rule.id}; ${rule.source}`,
      });
}

/** Every rule in order; a rule that fails on a malformed bundle gives CONTENT-CHECK-INCOMPLETE instead of its issues. */
export function runRuleSet(set: CompiledRuleSet, model: ReferralModel, env: CheckEnv): OperationOutcomeIssue[] {
  const out: OperationOutcomeIssue[] = [];
  for (const { rule, run } of set.rules) {
    const start = out.length;
    try {
      for (const f of run(model, env)) {
        out.push(toIssue(set, rule, f));
      }
    } catch {
      out.length = start;
      out.push(incomplete(rule.id, model.request.path));
    }
  }
  return out;
}
