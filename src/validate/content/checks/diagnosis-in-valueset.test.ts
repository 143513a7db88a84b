import { entryResource, IDS, referralBundle } from '../fixtures.ts';
import { contentHarness } from '../testing.ts';

const h = contentHarness();

test('REM-DIAG-SCOPE passes for an allowed diagnosis and fails outside the scope, superseding the template answer check', () => {
  expect(h.ids({ diagnosis: 'F41.9' })).toEqual([]);
  const issues = h.issues({ diagnosis: 'F33.1' });
  expect(issues.map((i) => [i.details?.coding?.[0]?.code, i.expression?.[0]])).toEqual([['REM-DIAG-SCOPE', 'Bundle.entry[7].resource.code.coding[0].code']]);
  expect(issues[0]?.details?.text).toBe('Diagnosen F33.1 ingår inte i vårdval Psykoterapis uppdrag.');
});

test('REM-DIAG-SCOPE accepts the ICD-10-SE alias system', () => {
  const b = referralBundle({ diagnosis: 'F41.1' });
  const coding = entryResource(b, IDS.condition, 'Condition').code?.coding?.[0];
  coding!.system = 'urn:oid:1.2.752.116.1.1.1.1.3';
  expect(h.ids(b)).toEqual([]);
});

test('the proposed rule set excludes mild depression F32.0 (2026: moderate only)', () => {
  expect(h.ids({ diagnosis: 'F32.0' })).toEqual([]);
  expect(h.ids({ diagnosis: 'F32.0' }, 'proposed')).toEqual(['REM-DIAG-SCOPE']);
});
