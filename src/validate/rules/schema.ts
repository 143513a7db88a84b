/**
 * The shape of a regional rule set (`src/validate/rules/<id>.json`), checked with zod when the sets are loaded.
 * Rule sets are data, not code (issue 3): each rule names a `kind` (one file in src/validate/content/checks/)
 * and gives its parameters; the kind's own schema checks `params` when the content check is created.
 */
import { z } from 'zod';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

/** OperationOutcome issue types a rule may report with. */
export const ruleIssueCodes = ['business-rule', 'required', 'value', 'invariant', 'code-invalid', 'incomplete', 'structure'] as const;

export const ruleSchema = z.strictObject({
  id: z.string().regex(/^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$/, 'rule ids look like REM-AGE-16'),
  kind: z.string().regex(/^[a-z0-9-]+$/),
  severity: z.enum(['error', 'warning', 'information']),
  code: z.enum(ruleIssueCodes).optional(),
  message: z.strictObject({ sv: z.string().min(1), en: z.string().min(1) }),
  /** Clinical source, e.g. `000_c04719a0eada0e20.txt:55` (domain.md §3); several separated by `; `. */
  source: z.string().regex(/^(\d{3}_[0-9a-f]{16}\.txt:\d+(-\d+)?|[a-z]+\.md §\d+)(; (\d{3}_[0-9a-f]{16}\.txt:\d+(-\d+)?|[a-z]+\.md §\d+))*$/),
  params: z.record(z.string(), z.unknown()),
  /** Template-answer issues that this rule reports better (same defect, clinical wording): dropped when it fires. */
  supersedes: z.array(z.strictObject({ id: z.string(), linkId: z.string().optional() })).optional(),
});

export const ruleSetSchema = z
  .strictObject({
    $schema: z.string().optional(),
    id: z.string().regex(/^[a-z0-9-]+$/),
    title: z.string().optional(),
    effectiveFrom: isoDate,
    effectiveTo: isoDate.optional(),
    status: z.enum(['active', 'proposed']),
    rules: z.array(ruleSchema).min(1),
  })
  .refine((s) => s.effectiveTo === undefined || s.effectiveTo >= s.effectiveFrom, { message: 'effectiveTo before effectiveFrom' })
  .refine((s) => new Set(s.rules.map((r) => r.id)).size === s.rules.length, { message: 'duplicate rule id' });

export type Rule = z.infer<typeof ruleSchema>;
export type RuleSet = z.infer<typeof ruleSetSchema>;
