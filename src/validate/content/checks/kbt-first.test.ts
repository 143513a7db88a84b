import { SYSTEM_PRIOR_TREATMENT } from '../constants.ts';
import { entryResource, IDS, referralBundle } from '../fixtures.ts';
import { contentHarness } from '../testing.ts';

const h = contentHarness();

test('REM-KBT-FIRST (proposed only): IPT after internet-KBT passes, IPT without a KBT attempt fails', () => {
  expect(h.ids({ diagnosis: 'F32.1', treatment: 'ipt' }, 'proposed')).toEqual([]);
  const b = referralBundle({ diagnosis: 'F32.1', treatment: 'ipt' });
  entryResource(b, IDS.procedure, 'Procedure').code = { coding: [{ system: SYSTEM_PRIOR_TREATMENT, code: 'psykoedukation' }] };
  expect(h.ids(b, 'proposed')).toEqual(['REM-KBT-FIRST']);
  expect(h.ids(b)).toEqual([]);
});
