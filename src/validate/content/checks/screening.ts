/**
 * REM-SCREENING: alcohol and drug screening documented, each instrument with a score (domain.md §2 #5,
 * 000_c04719a0eada0e20.txt:49; AUDIT and DUDIT are the Swedish standard instruments [inferred]).
 */
import { z } from 'zod';
import { defineKind } from './kind.ts';
import { instrumentSchema, observationsOf, scoreOf } from './screening-instruments.ts';

export const screening = defineKind({
  kind: 'screening',
  vars: ['instrument'],
  params: z.strictObject({ instruments: z.array(instrumentSchema).min(1) }),
  check(model, params) {
    return params.instruments.flatMap((instrument) => {
      const found = observationsOf(model, instrument);
      if (found.some((o) => scoreOf(o) !== undefined)) {
        return [];
      }
      const first = found[0];
      return [{ expression: first ? `${first.path}.value` : `${model.request.path}.supportingInfo`, vars: { instrument: instrument.name } }];
    });
  },
});
