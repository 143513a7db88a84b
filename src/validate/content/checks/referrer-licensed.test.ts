import { contentHarness } from '../testing.ts';

const h = contentHarness();

test('a licensed psychologist passes both rules', () => {
  expect(h.ids({ profession: 'psykolog', legitimation: 'PS' })).toEqual([]);
});

test('REM-REFERRER-LICENSED fails a counsellor without licence (and no psychologist warning on top)', () => {
  const issues = h.issues({ profession: 'kurator', legitimation: null });
  expect(issues.map((i) => [i.details?.coding?.[0]?.code, i.severity, i.expression?.[0]])).toEqual([
    ['REM-REFERRER-LICENSED', 'error', 'Bundle.entry[4].resource.code[0]'],
  ]);
});

test('REM-REFERRER-PSYCHOLOGIST warns for a licensed physician, and a licence alone suffices', () => {
  const issues = h.issues({ profession: 'lakare', legitimation: 'LK' });
  expect(issues.map((i) => [i.details?.coding?.[0]?.code, i.severity])).toEqual([['REM-REFERRER-PSYCHOLOGIST', 'warning']]);
  expect(h.ids({ profession: 'psykoterapeut', legitimation: 'LK' })).toEqual(['REM-REFERRER-PSYCHOLOGIST']);
  expect(h.ids({ profession: 'psykolog', legitimation: null })).toEqual([]);
});
