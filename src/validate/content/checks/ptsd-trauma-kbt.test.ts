import { contentHarness } from '../testing.ts';

const h = contentHarness();

test('REM-PTSD-TRAUMA-KBT: PTSD passes with trauma-focused KBT and fails with plain KBT (one issue, not two)', () => {
  expect(h.ids({ diagnosis: 'F43.1', treatment: 'kbt-trauma' })).toEqual([]);
  expect(h.ids({ diagnosis: 'F43.1', treatment: 'kbt' })).toEqual(['REM-PTSD-TRAUMA-KBT']);
  expect(h.ids({ diagnosis: 'F43.1', treatment: 'pdt' })).toEqual(['REM-PTSD-TRAUMA-KBT']);
});
