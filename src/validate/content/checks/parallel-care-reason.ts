/**
 * REM-PARALLEL-CARE-REASON: when the patient has parallel specialist-psychiatric care, the referral says why
 * (domain.md §2 #8; 003_cd0c95988a732e9a.txt:531-533, "Det motiveras då i remissen"). Checked on the
 * rb-parallel-psychiatric-care extension (present = true needs a reason) and on the template answers.
 */
import { z } from 'zod';
import { EXT_PARALLEL_CARE } from '../constants.ts';
import type { Finding } from './kind.ts';
import { defineKind } from './kind.ts';

export const parallelCareReason = defineKind({
  kind: 'parallel-care-reason',
  vars: [],
  params: z.strictObject({ linkId: z.string(), reasonLinkId: z.string() }),
  check(model, params) {
    const findings: Finding[] = [];
    const exts = model.request.resource.extension ?? [];
    const i = exts.findIndex((e) => e.url === EXT_PARALLEL_CARE);
    const ext = exts[i];
    if (ext) {
      const present = ext.extension?.find((e) => e.url === 'present')?.valueBoolean;
      const reason = ext.extension?.find((e) => e.url === 'reason')?.valueString;
      if (present === true && (reason === undefined || reason.trim() === '')) {
        findings.push({ expression: `${model.request.path}.extension[${i}]` });
      }
    }
    const answered = model.answers.get(params.linkId)?.[0];
    const reasons = model.answers.get(params.reasonLinkId) ?? [];
    const hasReason = reasons.some((r) => (r.answer.valueString ?? '').trim() !== '');
    if (answered?.answer.valueBoolean === true && !hasReason && findings.length === 0) {
      findings.push({ expression: `${answered.path}.valueBoolean` });
    }
    return findings;
  },
});
