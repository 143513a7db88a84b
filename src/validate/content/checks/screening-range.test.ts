import { contentHarness } from '../testing.ts';

const h = contentHarness();

test('REM-SCREENING-RANGE passes at the bounds', () => {
  expect(h.ids({ audit: 40, dudit: 44 })).toEqual([]);
  expect(h.ids({ audit: 0, dudit: 0 })).toEqual([]);
});

test('REM-SCREENING-RANGE fails above the range and supersedes the template range check on the same score', () => {
  const issues = h.issues({ audit: 41 });
  expect(issues.map((i) => [i.details?.coding?.[0]?.code, i.expression?.[0], i.details?.text])).toEqual([
    ['REM-SCREENING-RANGE', 'Bundle.entry[8].resource.valueInteger', 'AUDIT-poängen 41 ligger utanför 0–40.'],
  ]);
  expect(h.ids({ dudit: 45 })).toEqual(['REM-SCREENING-RANGE']);
  expect(h.ids({ dudit: -1 })).toEqual(['REM-SCREENING-RANGE']);
});
