import { entryResource, IDS, referralBundle } from '../fixtures.ts';
import { contentHarness } from '../testing.ts';

const h = contentHarness();

test('REM-SCREENING passes with AUDIT and DUDIT scores', () => {
  expect(h.ids({ audit: 3, dudit: 0 })).toEqual([]);
});

test('REM-SCREENING fails per missing instrument', () => {
  const issues = h.issues({ audit: null });
  expect(issues.map((i) => [i.details?.coding?.[0]?.code, i.details?.text])).toEqual([['REM-SCREENING', 'Screening med AUDIT saknas eller saknar poäng.']]);
  expect(h.ids({ audit: null, dudit: null })).toEqual(['REM-SCREENING', 'REM-SCREENING']);
});

test('REM-SCREENING fails for an Observation without a score', () => {
  const b = referralBundle();
  delete entryResource(b, IDS.dudit, 'Observation').valueInteger;
  expect(h.issues(b).map((i) => [i.details?.coding?.[0]?.code, i.expression?.[0]])).toEqual([['REM-SCREENING', 'Bundle.entry[9].resource.value']]);
});
