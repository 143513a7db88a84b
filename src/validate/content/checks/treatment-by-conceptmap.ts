/**
 * REM-TREATMENT-ALLOWED: the requested treatment form is allowed for the diagnosis. The table is the IG
 * ConceptMap named by canonical URL in params (one source of truth; domain.md §3, 000_c04719a0eada0e20.txt:553).
 * Diagnoses the map does not cover are REM-DIAG-SCOPE's business; `exceptDiagnoses` are left to a more
 * specific rule (PTSD: REM-PTSD-TRAUMA-KBT) so one defect gives one issue.
 */
import { z } from 'zod';
import { codeMatches, defineKind } from './kind.ts';

export const treatmentByConceptMap = defineKind({
  kind: 'treatment-by-conceptmap',
  vars: ['treatment', 'diagnosis', 'allowed'],
  params: z.strictObject({ conceptMap: z.url(), exceptDiagnoses: z.array(z.string()).optional() }),
  check(model, params, env) {
    const dx = model.diagnosis;
    const tx = model.treatment;
    if (!dx || !tx || codeMatches(dx.code, params.exceptDiagnoses ?? [])) {
      return [];
    }
    const targets = env.terminology.mapTargets(params.conceptMap, dx.code);
    if (targets === undefined) {
      return [{ expression: `${tx.path}.code`, missingDefinition: params.conceptMap }];
    }
    if (targets.length === 0 || targets.includes(tx.code)) {
      return [];
    }
    return [{ expression: `${tx.path}.code`, vars: { treatment: tx.code, diagnosis: dx.code, allowed: targets.join(', ') } }];
  },
});
