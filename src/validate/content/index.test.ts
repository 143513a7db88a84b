import type { OperationOutcomeIssue } from '@medplum/fhirtypes';
import { RB_ISSUE_SYSTEM } from '../../fhir/outcomes.ts';
import { definitionsOf, terminologyResources, testDefinitions } from './fixtures-definitions.ts';
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

describe('rule set choice', () => {
  it('defaultRuleset switches the proposed rules on; ctx.ruleset overrides per call', () => {
    const proposed = createContentCheck({ defaultRuleset: 'proposed' });
    expect(ids(proposed(referralBundle({ diagnosis: 'F32.0' }), { defs, basePath: 'Bundle' }))).toEqual(['REM-DIAG-SCOPE']);
    expect(ids(proposed(referralBundle({ diagnosis: 'F32.0' }), { defs, basePath: 'Bundle', ruleset: 'auto' }))).toEqual([]);
    expect(ids(check(referralBundle({ diagnosis: 'F32.0' }), { defs, basePath: 'Bundle', ruleset: 'proposed' }))).toEqual(['REM-DIAG-SCOPE']);
  });
  it('a date as ruleset picks the set in force then', () => {
    const b = referralBundle({ plannedSessions: 20 });
    expect(ids(check(b, { defs, basePath: 'Bundle' }))).toEqual(['REM-SESSION-CAP']);
    expect(ids(check(b, { defs, basePath: 'Bundle', ruleset: '2024-06-01' }))).toEqual([]);
  });
  it('an unknown default rule set is refused at creation, an unknown per-call one is an error issue', () => {
    expect(() => createContentCheck({ defaultRuleset: 'nope' })).toThrow('unknown rule set nope; known: proposed, skane-2024, skane-2025');
    const issues = check(referralBundle(), { defs, basePath: 'Bundle', ruleset: 'nope' });
    expect(issues.map((i) => [i.details?.coding?.[0]?.code, i.severity])).toEqual([['RULESET-UNKNOWN', 'error']]);
  });
  it('a referral dated before every rule set gets a warning that regional rules were not checked', () => {
    const issues = check(referralBundle({ authoredOn: '2005-01-01', birthDate: '1980-01-01' }), { defs, basePath: 'Bundle' });
    expect(issues.map((i) => [i.details?.coding?.[0]?.code, i.severity, i.expression?.[0]])).toEqual([['RULESET-NONE', 'warning', 'Bundle.entry[0].resource.authoredOn']]);
  });
});

test('a bundle without a referral gets its QuestionnaireResponses checked, with entry paths, and no regional rules', () => {
  const b = referralBundle({ birthDate: '2015-01-01' });
  b.entry = b.entry?.filter((e) => e.resource?.resourceType !== 'ServiceRequest');
  b.type = 'collection';
  const qr = b.entry?.[0]?.resource;
  if (qr?.resourceType !== 'QuestionnaireResponse') {
    throw new Error('fixture order changed');
  }
  qr.item = qr.item?.filter((i) => i.linkId !== 'bedomning');
  expect(check(b, { defs, basePath: 'Bundle' }).map((i) => [i.details?.coding?.[0]?.code, i.expression?.[0]])).toEqual([['QR-REQUIRED', 'Bundle.entry[0].resource']]);
});

test('every issue is collected: a referral with five defects gets five issues', () => {
  const issues = check(referralBundle({ birthDate: '2012-01-01', phone: '123', audit: null, listed: false, plannedSessions: 30 }), { defs, basePath: 'Bundle' });
  expect(ids(issues).sort()).toEqual(['REM-AGE-16', 'REM-PATIENT-LISTED', 'REM-PHONE-FORMAT', 'REM-SCREENING', 'REM-SESSION-CAP']);
});

test('a rule whose ValueSet or ConceptMap is not loaded says so (warning) instead of passing silently', () => {
  const bare = definitionsOf(terminologyResources().filter((r) => r.resourceType !== 'ConceptMap' && r.id !== 'rb-allowed-diagnoses'));
  const issues = check(referralBundle(), { defs: bare, basePath: 'Bundle' });
  expect(issues.map((i) => [i.details?.coding?.[0]?.code, i.severity, i.details?.text])).toEqual([
    ['QR-QUESTIONNAIRE-UNKNOWN', 'warning', 'Formuläret https://remissbrygga.se/fhir/Questionnaire/psykoterapiremiss|2025.1 är okänt; svaren kunde inte kontrolleras mot mallen.'],
    ['RULE-DEFINITION-UNKNOWN', 'warning', 'Regeln REM-DIAG-SCOPE kunde inte kontrolleras: https://remissbrygga.se/fhir/ValueSet/rb-allowed-diagnoses är inte laddad.'],
    ['RULE-DEFINITION-UNKNOWN', 'warning', 'Regeln REM-TREATMENT-ALLOWED kunde inte kontrolleras: https://remissbrygga.se/fhir/ConceptMap/rb-diagnosis-treatment-2024 är inte laddad.'],
  ]);
});

test('the rule set in force is found for every referral date, also after more dates than are remembered', () => {
  const first = new Map<string, (string | undefined)[]>();
  const day = (n: number): string => new Date(Date.UTC(2023, 0, 1 + n)).toISOString().slice(0, 10);
  for (let n = 0; n < 2200; n += 1) {
    first.set(day(n), ids(check(referralBundle({ authoredOn: day(n), plannedSessions: 20 }), { defs, basePath: 'Bundle' })));
  }
  // skane-2024 allows 20 sessions, skane-2025 does not; the same date gives the same answer on a later call
  expect(first.get('2024-06-01')).toEqual([]);
  expect(first.get('2025-03-14')).toEqual(['REM-SESSION-CAP']);
  for (const date of ['2023-01-01', '2024-06-01', '2025-03-14', day(2199)]) {
    expect(ids(check(referralBundle({ authoredOn: date, plannedSessions: 20 }), { defs, basePath: 'Bundle' }))).toEqual(first.get(date));
  }
});
