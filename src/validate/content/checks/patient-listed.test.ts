import { SYSTEM_HSA } from '../constants.ts';
import { entryResource, IDS, referralBundle } from '../fixtures.ts';
import { contentHarness } from '../testing.ts';

const h = contentHarness();

test('REM-PATIENT-LISTED passes when generalPractitioner is the referring vårdcentral, by reference or by HSA-id (alias system too)', () => {
  expect(h.ids({ listed: true })).toEqual([]);
  const b = referralBundle();
  entryResource(b, IDS.patient, 'Patient').generalPractitioner = [{ identifier: { system: 'urn:oid:1.2.752.129.2.1.4.1', value: 'SE2321000016-A1B2' } }];
  expect(h.ids(b)).toEqual([]);
});

test('REM-PATIENT-LISTED fails when the patient is listed elsewhere or nowhere', () => {
  const issues = h.issues({ listed: false });
  expect(issues.map((i) => [i.details?.coding?.[0]?.code, i.expression?.[0]])).toEqual([['REM-PATIENT-LISTED', 'Bundle.entry[2].resource.generalPractitioner[0]']]);
  expect(issues[0]?.details?.text).toContain('Vårdcentralen Möllevången');
  const b = referralBundle();
  entryResource(b, IDS.patient, 'Patient').generalPractitioner = [{ identifier: { system: SYSTEM_HSA, value: 'SE2321000016-XXXX' } }];
  expect(h.ids(b)).toEqual(['REM-PATIENT-LISTED']);
});
