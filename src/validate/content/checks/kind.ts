/**
 * A rule kind: one parameterised operation over the referral (one file per kind in this folder). The rule set
 * supplies severity, message, citation and params; the kind only finds where the rule is broken.
 */
import type { z } from 'zod';
import type { ReferralModel } from '../referral.ts';
import type { Terminology } from '../terminology.ts';

export interface Finding {
  /** Indexed FHIRPath of the offending element. */
  readonly expression: string;
  /** Values for `{name}` placeholders in the rule's message. */
  readonly vars?: Readonly<Record<string, string | number>>;
  /** Set when the rule could not be checked because a definition it names (ValueSet, ConceptMap) is not loaded. */
  readonly missingDefinition?: string;
}

export interface CheckEnv {
  readonly terminology: Terminology;
}

export interface RuleKind<P> {
  readonly kind: string;
  /** The `{placeholders}` its findings fill; a rule's message may use no others (checked when compiled). */
  readonly vars: readonly string[];
  readonly params: z.ZodType<P>;
  check(model: ReferralModel, params: P, env: CheckEnv): Finding[];
}

export type CompiledCheck = (model: ReferralModel, env: CheckEnv) => Finding[];

export interface AnyRuleKind {
  readonly kind: string;
  readonly vars: readonly string[];
  /** Checks `params` against the kind's schema once (throws on bad data) and returns the ready check. */
  compile(params: unknown): CompiledCheck;
}

export function defineKind<P>(k: RuleKind<P>): AnyRuleKind {
  return {
    kind: k.kind,
    vars: k.vars,
    compile(params) {
      const parsed = k.params.safeParse(params);
      if (!parsed.success) {
        throw new Error(`params of kind ${k.kind}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      }
      const p = parsed.data;
      return (model, env) => k.check(model, p, env);
    },
  };
}

/** ICD-10 pattern match on the dot hierarchy: `F42` matches F42, F42.0 … F42.9; `F40.0` matches F40.00. */
export function codeMatches(code: string, patterns: readonly string[]): boolean {
  return patterns.some((p) => code === p || code.startsWith(`${p}.`) || (p.includes('.') && code.startsWith(p)));
}
