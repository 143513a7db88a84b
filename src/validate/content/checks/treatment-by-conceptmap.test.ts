import { contentHarness } from '../testing.ts';

const h = contentHarness();

test('REM-TREATMENT-ALLOWED follows the ConceptMap: IPT for depression, only KBT for GAD', () => {
  expect(h.ids({ diagnosis: 'F32.1', treatment: 'ipt' })).toEqual([]);
  const issues = h.issues({ diagnosis: 'F41.1', treatment: 'ipt' });
  expect(issues.map((i) => [i.details?.coding?.[0]?.code, i.expression?.[0]])).toEqual([['REM-TREATMENT-ALLOWED', 'Bundle.entry[0].resource.orderDetail[0].coding[0].code']]);
  expect(issues[0]?.details?.text).toBe('Behandlingsformen ipt är inte tillåten vid diagnos F41.1 (tillåtna: kbt).');
});

test('PDT for stress reactions is allowed today and not in the proposed rule set (PDT/IPT only for depression)', () => {
  expect(h.ids({ diagnosis: 'F43.8', treatment: 'pdt' })).toEqual([]);
  expect(h.ids({ diagnosis: 'F43.8', treatment: 'pdt', priorTreatment: true }, 'proposed')).toContain('REM-TREATMENT-ALLOWED');
});

test('a diagnosis outside the map is left to REM-DIAG-SCOPE', () => {
  expect(h.ids({ diagnosis: 'F20.0', treatment: 'pdt' })).toEqual(['REM-DIAG-SCOPE']);
});
