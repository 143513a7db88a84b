/** REM-PTSD-TRAUMA-KBT: PTSD (F43.1) only with trauma-focused KBT (domain.md §3, 000_c04719a0eada0e20.txt:547). */
import { z } from 'zod';
import { codeMatches, defineKind } from './kind.ts';

export const ptsdTraumaKbt = defineKind({
  kind: 'ptsd-trauma-kbt',
  vars: ['treatment', 'diagnosis'],
  params: z.strictObject({ diagnoses: z.array(z.string()).min(1), treatments: z.array(z.string()).min(1) }),
  check(model, params) {
    const dx = model.diagnosis;
    const tx = model.treatment;
    if (!dx || !tx || !codeMatches(dx.code, params.diagnoses) || params.treatments.includes(tx.code)) {
      return [];
    }
    return [{ expression: `${tx.path}.code`, vars: { treatment: tx.code, diagnosis: dx.code } }];
  },
});
