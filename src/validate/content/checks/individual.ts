/**
 * REM-INDIVIDUAL: vårdval Psykoterapi covers individual treatment only (000_c04719a0eada0e20.txt:58, "enskild
 * psykologisk behandling"). Rejected: a referral whose subject is a Group, or whose code/orderDetail is a group
 * therapy code from params (e.g. SNOMED 76168009 Group psychotherapy).
 */
import { z } from 'zod';
import type { Finding } from './kind.ts';
import { defineKind } from './kind.ts';
import { present } from '../optional.ts';

export const individual = defineKind({
  kind: 'individual',
  vars: [],
  params: z.strictObject({ groupCodes: z.array(z.strictObject({ system: z.url(), code: z.string() })) }),
  check(model, params) {
    const sr = model.request.resource;
    const findings: Finding[] = [];
    const subject = present(sr.subject);
    if (subject?.reference?.startsWith('Group/') || subject?.type === 'Group' || model.index.resolve(subject?.reference)?.resource.resourceType === 'Group') {
      findings.push({ expression: `${model.request.path}.subject` });
    }
    const isGroupCode = (system: string | undefined, code: string | undefined): boolean => params.groupCodes.some((g) => g.system === system && g.code === code);
    (sr.code?.coding ?? []).forEach((c, i) => {
      if (isGroupCode(c.system, c.code)) {
        findings.push({ expression: `${model.request.path}.code.coding[${i}]` });
      }
    });
    (sr.orderDetail ?? []).forEach((od, j) => {
      (od.coding ?? []).forEach((c, i) => {
        if (isGroupCode(c.system, c.code)) {
          findings.push({ expression: `${model.request.path}.orderDetail[${j}].coding[${i}]` });
        }
      });
    });
    return findings;
  },
});
