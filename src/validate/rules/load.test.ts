import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileRuleSets } from '../content/regional.ts';
import { RULESET_JSON_SCHEMA_FILE, ruleSetJsonSchemaText } from './json-schema.ts';
import { loadRuleSets, selectRuleSet } from './load.ts';

const sets = loadRuleSets();

test('the shipped rule sets load, and every rule compiles against its kind', () => {
  expect(sets.map((s) => [s.id, s.status])).toEqual([
    ['proposed', 'proposed'],
    ['skane-2024', 'active'],
    ['skane-2025', 'active'],
  ]);
  expect(() => compileRuleSets(sets)).not.toThrow();
});

test('every rule cites its clinical source, the review (000_c04719a0eada0e20.txt) in all but the 2026 proposal text', () => {
  for (const rule of sets.flatMap((s) => s.rules)) {
    expect(rule.source).toMatch(/(000_c04719a0eada0e20|003_cd0c95988a732e9a)\.txt:\d+/);
  }
});

test('the rule ids the IG examples are named after exist in the rule set in force', () => {
  const ids = sets.find((s) => s.id === 'skane-2025')?.rules.map((r) => r.id);
  expect(ids).toEqual(
    expect.arrayContaining([
      'REM-AGE-16',
      'REM-DIAG-SCOPE',
      'REM-TREATMENT-ALLOWED',
      'REM-PTSD-TRAUMA-KBT',
      'REM-SESSION-CAP',
      'REM-REFERRER-LICENSED',
      'REM-REFERRER-PSYCHOLOGIST',
      'REM-DIRECT-PHONE',
      'REM-PHONE-FORMAT',
      'REM-PRIOR-TREATMENT',
      'REM-SCREENING',
      'REM-SCREENING-RANGE',
      'REM-PNR-CHECKDIGIT',
      'REM-PATIENT-LISTED',
      'REM-PARALLEL-CARE-REASON',
      'REM-INDIVIDUAL',
    ]),
  );
  expect(sets.find((s) => s.id === 'skane-2025')?.rules.find((r) => r.id === 'REM-REFERRER-PSYCHOLOGIST')?.severity).toBe('warning');
});

describe('selectRuleSet', () => {
  it('picks the active set in force on the referral date; the proposed set never automatically', () => {
    expect(['2019-06-01', '2024-12-31', '2025-01-01', '2027-03-01'].map((d) => selectRuleSet(sets, 'auto', d)?.id)).toEqual(['skane-2024', 'skane-2024', 'skane-2025', 'skane-2025']);
    expect(selectRuleSet(sets, undefined, '2025-06-01')?.id).toBe('skane-2025');
  });
  it('takes a rule set id or a date from configuration', () => {
    expect(selectRuleSet(sets, 'proposed', '2025-06-01')?.id).toBe('proposed');
    expect(selectRuleSet(sets, '2024-05-01', '2025-06-01')?.id).toBe('skane-2024');
    expect(selectRuleSet(sets, 'no-such-set', '2025-06-01')).toBeUndefined();
  });
  it('without a referral date takes the latest active set; before the first set, none', () => {
    expect(selectRuleSet(sets, 'auto', undefined)?.id).toBe('skane-2025');
    expect(selectRuleSet(sets, 'auto', '2001-01-01')).toBeUndefined();
  });
});

describe('bad rule sets are refused at load, naming the file and the rule', () => {
  const dirWith = (content: unknown): string => {
    const dir = mkdtempSync(join(tmpdir(), 'rb-rules-'));
    writeFileSync(join(dir, 'broken.json'), JSON.stringify(content));
    return dir;
  };
  const valid = JSON.parse(readFileSync(join(import.meta.dirname, 'skane-2025.json'), 'utf8')) as { rules: Record<string, unknown>[] };
  it('schema violations', () => {
    expect(() => loadRuleSets(dirWith({ ...valid, status: 'maybe' }))).toThrow(/broken\.json: status/);
    expect(() => loadRuleSets(dirWith({ ...valid, rules: [{ ...valid.rules[0], source: 'trust me' }] }))).toThrow(/broken\.json: rules\.0\.source/);
    expect(() => loadRuleSets(dirWith({ ...valid, rules: [valid.rules[0], valid.rules[0]] }))).toThrow(/duplicate rule id/);
  });
  it('unknown kinds and bad params fail when compiled', () => {
    const unknownKind = loadRuleSets(dirWith({ ...valid, rules: [{ ...valid.rules[0], kind: 'astrology' }] }));
    expect(() => compileRuleSets(unknownKind)).toThrow('rule set skane-2025, rule REM-AGE-16: unknown kind astrology');
    const typo = loadRuleSets(dirWith({ ...valid, rules: [{ ...valid.rules[0], message: { sv: 'Patienten är {ålder} år', en: 'The patient is {age}' } }] }));
    expect(() => compileRuleSets(typo)).toThrow('rule set skane-2025, rule REM-AGE-16: message uses {ålder}; kind min-age provides {age}, {minAge}');
    const oneSided = loadRuleSets(dirWith({ ...valid, rules: [{ ...valid.rules[0], message: { sv: 'Patienten är {age} år', en: 'The patient is too young' } }] }));
    expect(() => compileRuleSets(oneSided)).toThrow('the Swedish and English messages use different placeholders');
    const badParams = loadRuleSets(dirWith({ ...valid, rules: [{ ...valid.rules[0], params: { minAge: 'sixteen' } }] }));
    expect(() => compileRuleSets(badParams)).toThrow(/REM-AGE-16: params of kind min-age: minAge/);
  });
});

test('ruleset.schema.json is generated from the zod schema (regenerate: node src/validate/rules/json-schema.ts --write)', () => {
  expect(readFileSync(RULESET_JSON_SCHEMA_FILE, 'utf8')).toBe(ruleSetJsonSchemaText());
});

test('every rule id of every rule set is exercised by a test of its kind (checks/<kind>.test.ts)', () => {
  const checksDir = join(import.meta.dirname, '../content/checks');
  for (const rule of sets.flatMap((s) => s.rules)) {
    const testFile = readFileSync(join(checksDir, `${rule.kind}.test.ts`), 'utf8');
    expect([rule.id, testFile.includes(rule.id)]).toEqual([rule.id, true]);
  }
});
