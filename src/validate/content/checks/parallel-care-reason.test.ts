import { IDS, entryResource, referralBundle } from '../fixtures.ts';
import { contentHarness } from '../testing.ts';

const h = contentHarness();

test('REM-PARALLEL-CARE-REASON passes without parallel care, or with it and a reason', () => {
  expect(h.ids({ parallelCare: { present: false } })).toEqual([]);
  expect(h.ids({ parallelCare: { present: true, reason: 'Stabil bipolär sjukdom följs i specialistpsykiatrin; ångesten har ingen koppling.' } })).toEqual([]);
});

test('REM-PARALLEL-CARE-REASON fails on the extension when the reason is missing', () => {
  const issues = h.issues({ parallelCare: { present: true } });
  expect(issues.map((i) => [i.details?.coding?.[0]?.code, i.expression?.[0]])).toEqual([['REM-PARALLEL-CARE-REASON', 'Bundle.entry[0].resource.extension[1]']]);
});

test('REM-PARALLEL-CARE-REASON fails on the template answer when only the answers say parallel care', () => {
  const b = referralBundle({ parallelCare: { present: true, reason: 'x' } });
  const sr = entryResource(b, IDS.request, 'ServiceRequest');
  sr.extension = sr.extension?.slice(0, 1);
  const qr = entryResource(b, IDS.response, 'QuestionnaireResponse');
  const item = qr.item?.find((i) => i.linkId === 'parallell-psykiatri');
  delete item!.answer![0]!.item;
  expect(h.issues(b).map((i) => [i.details?.coding?.[0]?.code, i.expression?.[0]])).toEqual([['REM-PARALLEL-CARE-REASON', 'Bundle.entry[1].resource.item[10].answer[0].valueBoolean']]);
});
