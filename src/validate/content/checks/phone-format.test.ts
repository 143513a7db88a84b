import { entryResource, IDS, referralBundle } from '../fixtures.ts';
import { contentHarness } from '../testing.ts';

const h = contentHarness();

test.each(['+46 40 123 45 67', '040-123 45 67', '0046 70 123 45 67', '+46 (0)70-123 45 67', '08-123 456 78'])('REM-PHONE-FORMAT passes %s', (phone) => {
  expect(h.ids({ phone })).toEqual([]);
});

test.each(['123', '+47 22 12 34 56', 'ring växeln', '0040 123 45', '020-123 456', '0771-77 77 77', '040-33 10 00'])('REM-PHONE-FORMAT fails %s', (phone) => {
  const issues = h.issues({ phone });
  expect(issues.map((i) => [i.details?.coding?.[0]?.code, i.expression?.[0]])).toEqual([['REM-PHONE-FORMAT', 'Bundle.entry[4].resource.telecom[0].value']]);
});

test('a switchboard number is fine beside a direct number, a malformed one is not', () => {
  const b = referralBundle({ phone: '040-123 45 67' });
  const role = entryResource(b, IDS.role, 'PractitionerRole');
  role.telecom = [{ system: 'phone', value: '040-33 10 00' }, ...(role.telecom ?? [])];
  expect(h.ids(b)).toEqual([]);
  role.telecom = [{ system: 'phone', value: '12' }, ...role.telecom];
  expect(h.issues(b).map((i) => i.expression?.[0])).toEqual(['Bundle.entry[4].resource.telecom[0].value']);
});
