import { entryResource, IDS, referralBundle } from '../fixtures.ts';
import { contentHarness } from '../testing.ts';

const h = contentHarness();

test('REM-DIRECT-PHONE passes with a work phone on the role', () => {
  expect(h.ids({ phone: '040-123 45 67' })).toEqual([]);
});

test('REM-DIRECT-PHONE fails without any phone (the missing template answer is reported once, by the rule)', () => {
  const issues = h.issues({ phone: null });
  expect(issues.map((i) => [i.details?.coding?.[0]?.code, i.code, i.expression?.[0]])).toEqual([['REM-DIRECT-PHONE', 'required', 'Bundle.entry[4].resource']]);
});

test('an e-mail address or an old phone is no direct phone', () => {
  const b = referralBundle();
  entryResource(b, IDS.role, 'PractitionerRole').telecom = [
    { system: 'email', value: 'eva@example.se' },
    { system: 'phone', value: '040-123 45 67', use: 'old' },
  ];
  expect(h.ids(b)).toEqual(['REM-DIRECT-PHONE']);
});
