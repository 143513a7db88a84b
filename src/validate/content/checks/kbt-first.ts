/**
 * REM-KBT-FIRST (proposed rule set only): KBT is tried before other treatments (recommendation,
 * 000_c04719a0eada0e20.txt:38 and :818). A non-KBT treatment needs a documented prior KBT attempt (Procedure). The rule set
 * makes it a warning: stepped care should warn, never reject (domain.md §3, 001_843391b0222b4d4c.txt:2548).
 */
import { z } from 'zod';
import { defineKind } from './kind.ts';

export const kbtFirst = defineKind({
  kind: 'kbt-first',
  vars: ['treatment'],
  params: z.strictObject({ firstLine: z.array(z.string()).min(1), priorKbt: z.array(z.strictObject({ system: z.url(), code: z.string() })).min(1) }),
  check(model, params) {
    const tx = model.treatment;
    if (!tx || params.firstLine.includes(tx.code)) {
      return [];
    }
    const triedKbt = model.procedures.some((p) => (p.resource.code?.coding ?? []).some((c) => params.priorKbt.some((k) => k.system === c.system && k.code === c.code)));
    return triedKbt ? [] : [{ expression: `${tx.path}.code`, vars: { treatment: tx.code } }];
  },
});
