import { entryResource, IDS, referralBundle } from '../fixtures.ts';
import { contentHarness } from '../testing.ts';

const h = contentHarness();

test('REM-INDIVIDUAL passes for an individual psychotherapy referral', () => {
  expect(h.ids({})).toEqual([]);
});

test('REM-INDIVIDUAL fails for group psychotherapy or a Group subject', () => {
  const b = referralBundle();
  const sr = entryResource(b, IDS.request, 'ServiceRequest');
  sr.code = { coding: [...(sr.code?.coding ?? []), { system: 'http://snomed.info/sct', code: '76168009' }] };
  expect(h.issues(b).map((i) => [i.details?.coding?.[0]?.code, i.expression?.[0]])).toEqual([['REM-INDIVIDUAL', 'Bundle.entry[0].resource.code.coding[1]']]);
  const g = referralBundle();
  entryResource(g, IDS.request, 'ServiceRequest').subject = { reference: 'Group/g1', type: 'Group' };
  expect(h.ids(g)).toContain('REM-INDIVIDUAL');
});
