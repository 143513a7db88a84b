import { SYSTEM_SAMORDNINGSNUMMER } from '../constants.ts';
import { entryResource, IDS, referralBundle } from '../fixtures.ts';
import { contentHarness } from '../testing.ts';

const h = contentHarness();

test('REM-PNR-CHECKDIGIT passes for a correct personnummer and samordningsnummer', () => {
  expect(h.ids({ personnummer: '191212121212', birthDate: '1912-12-12' })).toEqual([]);
  const b = referralBundle();
  entryResource(b, IDS.patient, 'Patient').identifier = [{ system: SYSTEM_SAMORDNINGSNUMMER, value: '199005752382' }];
  expect(h.ids(b)).toEqual([]);
});

test('REM-PNR-CHECKDIGIT fails for a wrong check digit or a wrong format, without the number in the message', () => {
  const issues = h.issues({ personnummer: '191212121213', birthDate: '1912-12-12' });
  expect(issues.map((i) => [i.details?.coding?.[0]?.code, i.expression?.[0]])).toEqual([['REM-PNR-CHECKDIGIT', 'Bundle.entry[2].resource.identifier[0].value']]);
  expect(JSON.stringify(issues)).not.toContain('191212121213');
  expect(h.ids({ personnummer: '19121212-1212', birthDate: '1912-12-12' })).toEqual(['REM-PNR-CHECKDIGIT']);
});
