import type { OperationOutcomeIssue } from '@medplum/fhirtypes';
import { RB_ISSUE_SYSTEM } from '../../fhir/outcomes.ts';
import { testDefinitions } from './fixtures-definitions.ts';
import { referralBundle } from './fixtures.ts';
import { createContentCheck } from './index.ts';

const defs = testDefinitions();
const check = createContentCheck();
const ids = (issues: OperationOutcomeIssue[]): (string | undefined)[] => issues.map((i) => i.details?.coding?.[0]?.code);

test('a complete referral bundle has no content issues', () => {
  expect(check(referralBundle(), { defs, basePath: 'Bundle' })).toEqual([]);
});

test('every issue carries severity, code, the rule id in rb-issue, Swedish text, English extension and an indexed expression', () => {
  const issues = check(referralBundle({ birthDate: '2010-01-01' }), { defs, basePath: 'Bundle' });
  expect(ids(issues)).toEqual(['REM-AGE-16']);
  const i = issues[0]!;
  expect(i.severity).toBe('error');
  expect(i.code).toBe('business-rule');
  expect(i.details?.coding).toEqual([{ system: RB_ISSUE_SYSTEM, code: 'REM-AGE-16' }]);
  expect(i.details?.text).toBe('Patienten är 15 år vid remissdatum; vårdval Psykoterapi tar emot patienter från 16 års ålder.');
  expect(i.details?.extension?.[0]?.valueString).toBe('The patient is 15 at the referral date; vårdval Psykoterapi accepts patients from age 16.');
  expect(i.expression).toEqual(['Bundle.entry[2].resource.birthDate']);
  expect(i.diagnostics).toBe('skane-2025/REM-AGE-16; 000_c04719a0eada0e20.txt:55');
});

test('other resources are not content-checked', () => {
  expect(check({ resourceType: 'Patient' }, { defs, basePath: 'Patient' })).toEqual([]);
});
