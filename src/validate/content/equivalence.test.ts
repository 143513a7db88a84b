/**
 * The content checks give the same issues (ids, severities, codes, texts, expressions, diagnostics, order) as
 * before the speed work of issue 5, on every example under profiles/ and on seeded mutations of the example bundles
 * (equivalence-cases.ts). equivalence.golden.json holds a hash of each case's issues, written by the
 * implementation as of commit 48df422. A deliberate change of a rule or message rewrites it:
 *   UPDATE_GOLDEN=1 npm run jest -- src/validate/content/equivalence
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OperationOutcomeIssue } from '@medplum/fhirtypes';
import { z } from 'zod';
import { loadDefinitions } from '../index.ts';
import type { Definitions } from '../types.ts';
import { equivalenceCases } from './equivalence-cases.ts';
import { createContentCheck } from './index.ts';

const GOLDEN = join(import.meta.dirname, 'equivalence.golden.json');
const hash = (issues: readonly OperationOutcomeIssue[]): string => createHash('sha256').update(JSON.stringify(issues)).digest('hex').slice(0, 16);
const summary = (issues: readonly OperationOutcomeIssue[]): string[] => issues.map((i) => `${i.details?.coding?.[0]?.code ?? '?'} ${i.severity} ${i.expression?.[0] ?? ''}`);

let defs: Definitions;

beforeAll(async () => {
  defs = await loadDefinitions({ igDir: join(import.meta.dirname, '../../../profiles/package') });
});

test('every example and mutated example bundle gets the issues it got before', () => {
  const check = createContentCheck();
  const cases = equivalenceCases();
  const actual: Record<string, string> = {};
  const shown: Record<string, string[]> = {};
  for (const c of cases) {
    const issues = check(c.resource, { defs, basePath: c.basePath, ...(c.ruleset ? { ruleset: c.ruleset } : {}) });
    actual[c.name] = hash(issues);
    shown[c.name] = summary(issues);
  }
  if (process.env.UPDATE_GOLDEN === '1') {
    writeFileSync(GOLDEN, `${JSON.stringify(actual, null, 1)}\n`);
  }
  const golden = z.record(z.string(), z.string()).parse(JSON.parse(readFileSync(GOLDEN, 'utf8')));
  expect(Object.keys(actual).sort()).toEqual(Object.keys(golden).sort());
  const differing = cases.filter((c) => actual[c.name] !== golden[c.name]).map((c) => ({ name: c.name, ruleset: c.ruleset, now: shown[c.name] }));
  expect(differing).toEqual([]);
  // the corpus exercises the checks: most cases have issues, and the mutations reach the incomplete-check path
  expect(Object.values(shown).filter((s) => s.length > 0).length).toBeGreaterThan(cases.length / 2);
  expect(Object.values(shown).some((s) => s.some((line) => line.startsWith('CONTENT-CHECK-INCOMPLETE')))).toBe(true);
});
