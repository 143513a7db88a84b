import { entryResource, IDS, referralBundle } from '../fixtures.ts';
import { contentHarness } from '../testing.ts';

const h = contentHarness();

test('REM-PRIOR-TREATMENT passes with a coded, dated prior treatment', () => {
  expect(h.ids({ priorTreatment: true })).toEqual([]);
});

test('REM-PRIOR-TREATMENT fails without any Procedure', () => {
  expect(h.issues({ priorTreatment: false }).map((i) => [i.details?.coding?.[0]?.code, i.expression?.[0]])).toEqual([['REM-PRIOR-TREATMENT', 'Bundle.entry[0].resource.supportingInfo']]);
});

test('REM-PRIOR-TREATMENT points at a Procedure lacking its time or its code', () => {
  const b = referralBundle();
  const p = entryResource(b, IDS.procedure, 'Procedure');
  delete p.performedPeriod;
  expect(h.issues(b).map((i) => i.expression?.[0])).toEqual(['Bundle.entry[10].resource.performed']);
  p.performedDateTime = '2024-10-01';
  p.code = { coding: [{ system: 'http://snomed.info/sct', code: '228557008' }] };
  expect(h.issues(b).map((i) => i.expression?.[0])).toEqual(['Bundle.entry[10].resource.code']);
});
