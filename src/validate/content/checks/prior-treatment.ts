/**
 * REM-PRIOR-TREATMENT: treatment already tried at the vårdcentral is documented (domain.md §2 #4,
 * 000_c04719a0eada0e20.txt:48 and :364): at least one Procedure coded from rb-prior-treatment-type with a time
 * (performed[x]). A Procedure without code or time is reported where it stands.
 */
import type { Procedure } from '@medplum/fhirtypes';
import { z } from 'zod';
import { defineKind } from './kind.ts';

function performed(p: Procedure): boolean {
  return p.performedDateTime !== undefined || p.performedPeriod !== undefined || p.performedString !== undefined || p.performedAge !== undefined || p.performedRange !== undefined;
}

export const priorTreatment = defineKind({
  kind: 'prior-treatment',
  vars: [],
  params: z.strictObject({ codeSystem: z.url() }),
  check(model, params) {
    const candidates = model.procedures.filter((p) => p.resource.status !== 'entered-in-error' && p.resource.status !== 'not-done');
    const coded = (p: Procedure): boolean => (p.code?.coding ?? []).some((c) => c.system === params.codeSystem && c.code);
    if (candidates.some((p) => coded(p.resource) && performed(p.resource))) {
      return [];
    }
    if (candidates.length === 0) {
      return [{ expression: `${model.request.path}.supportingInfo` }];
    }
    return candidates.map((p) => ({ expression: coded(p.resource) ? `${p.path}.performed` : `${p.path}.code` }));
  },
});
