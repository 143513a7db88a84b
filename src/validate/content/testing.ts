/** Test helpers for the content checks: run them on a bundle with the test Definitions and read the rule ids. */
import type { Bundle, OperationOutcomeIssue } from '@medplum/fhirtypes';
import type { Definitions } from '../types.ts';
import { testDefinitions } from './fixtures-definitions.ts';
import type { ReferralOverrides } from './fixtures.ts';
import { referralBundle } from './fixtures.ts';
import type { ContentCheckOptions } from './index.ts';
import { createContentCheck } from './index.ts';

export interface ContentHarness {
  readonly defs: Definitions;
  /** All issues for a bundle (or overrides of the default referral). */
  issues(input: Bundle | ReferralOverrides, ruleset?: string): OperationOutcomeIssue[];
  /** Rule ids of the error and warning issues, in order. */
  ids(input: Bundle | ReferralOverrides, ruleset?: string): string[];
}

export function contentHarness(options: ContentCheckOptions = {}): ContentHarness {
  const defs = testDefinitions();
  const check = createContentCheck(options);
  const issues = (input: Bundle | ReferralOverrides, ruleset?: string): OperationOutcomeIssue[] => {
    const bundle = 'resourceType' in input ? input : referralBundle(input);
    return check(bundle, { defs, basePath: 'Bundle', ...(ruleset ? { ruleset } : {}) });
  };
  return {
    defs,
    issues,
    ids: (input, ruleset) => issues(input, ruleset).map((i) => i.details?.coding?.[0]?.code ?? '?'),
  };
}

export function ruleIds(issues: readonly OperationOutcomeIssue[]): string[] {
  return issues.map((i) => i.details?.coding?.[0]?.code ?? '?');
}
