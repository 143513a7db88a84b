/**
 * REM-SCREENING-RANGE: screening scores within the instrument's range (AUDIT 0–40, DUDIT 0–44; standards.md §2,
 * 000_c04719a0eada0e20.txt:49).
 */
import { z } from 'zod';
import { defineKind } from './kind.ts';
import { instrumentSchema, observationsOf, scoreOf } from './screening-instruments.ts';

export const screeningRange = defineKind({
  kind: 'screening-range',
  vars: ['instrument', 'value', 'min', 'max'],
  params: z.strictObject({ instruments: z.array(instrumentSchema).min(1) }),
  check(model, params) {
    return params.instruments.flatMap((instrument) =>
      observationsOf(model, instrument).flatMap((o) => {
        const score = scoreOf(o);
        if (!score || (score.value >= instrument.min && score.value <= instrument.max && Number.isInteger(score.value))) {
          return [];
        }
        return [{ expression: score.path, vars: { instrument: instrument.name, value: score.value, min: instrument.min, max: instrument.max } }];
      }),
    );
  },
});
