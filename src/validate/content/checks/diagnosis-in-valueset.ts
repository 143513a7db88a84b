/**
 * REM-DIAG-SCOPE: the diagnosis is one vårdval Psykoterapi covers (domain.md §3 table, 000_c04719a0eada0e20.txt:553;
 * the proposed 2026 set excludes mild depression F32.0, 003:516). The scope is the IG ValueSet named in params.
 */
import { z } from 'zod';
import { codeMatches, defineKind } from './kind.ts';

export const diagnosisInValueSet = defineKind({
  kind: 'diagnosis-in-valueset',
  vars: ['code'],
  params: z.strictObject({ valueSet: z.url(), exclude: z.array(z.string()).optional() }),
  check(model, params, env) {
    const dx = model.diagnosis;
    if (!dx) {
      return [];
    }
    const expansion = env.terminology.expand(params.valueSet);
    if (!expansion) {
      return [{ expression: `${dx.path}.code`, missingDefinition: params.valueSet }];
    }
    const inSet = expansion.has(dx.system, dx.code);
    const excluded = codeMatches(dx.code, params.exclude ?? []);
    return inSet && !excluded ? [] : [{ expression: `${dx.path}.code`, vars: { code: dx.code } }];
  },
});
