import { entryResource, IDS, referralBundle } from '../fixtures.ts';
import { contentHarness } from '../testing.ts';
import { ageAt } from './min-age.ts';

const h = contentHarness();

test('ageAt counts whole years, the birthday itself included', () => {
  expect([ageAt('2009-03-14', '2025-03-14'), ageAt('2009-03-15', '2025-03-14'), ageAt('2008-02-29', '2025-02-28')]).toEqual([16, 15, 16]);
});

test('REM-AGE-16 passes on the 16th birthday and fails the day before it', () => {
  expect(h.ids({ birthDate: '2009-03-14', authoredOn: '2025-03-14' })).toEqual([]);
  expect(h.ids({ birthDate: '2009-03-15', authoredOn: '2025-03-14' })).toEqual(['REM-AGE-16']);
});

test('REM-AGE-16 falls back on the birth date in the personnummer', () => {
  const b = referralBundle({ birthDate: '2012-06-01' });
  delete entryResource(b, IDS.patient, 'Patient').birthDate;
  expect(h.issues(b).map((i) => [i.details?.coding?.[0]?.code, i.expression?.[0]])).toEqual([['REM-AGE-16', 'Bundle.entry[2].resource.identifier']]);
  const adult = referralBundle();
  delete entryResource(adult, IDS.patient, 'Patient').birthDate;
  expect(h.ids(adult)).toEqual([]);
});
