import { SYSTEM_PRIOR_TREATMENT } from '../constants.ts';
import { entryResource, IDS, referralBundle } from '../fixtures.ts';
import { contentHarness } from '../testing.ts';

const h = contentHarness();

test('REM-KBT-FIRST (proposed only, a warning: stepped care never rejects, 001:2548): IPT after internet-KBT passes, IPT without a KBT attempt warns', () => {
  expect(h.ids({ diagnosis: 'F32.1', treatment: 'ipt' }, 'proposed')).toEqual([]);
  const b = referralBundle({ diagnosis: 'F32.1', treatment: 'ipt' });
  entryResource(b, IDS.procedure, 'Procedure').code = { coding: [{ system: SYSTEM_PRIOR_TREATMENT, code: 'psykoedukation' }] };
  expect(h.issues(b, 'proposed').map((i) => [i.details?.coding?.[0]?.code, i.severity])).toEqual([['REM-KBT-FIRST', 'warning']]);
  expect(h.ids(b)).toEqual([]);
});
