/**
 * REM-SESSION-CAP: planned (ServiceRequest.quantityQuantity) and used (Task output sessions-used) sessions within
 * the cap (domain.md §3, 000_c04719a0eada0e20.txt:58-60 and :102-109). Tiers are tried in order; a tier is keyed
 * on the referral date or on the treatment start (Task output first-session-date, else the referral date).
 * PTSD (F43.1) and OCD (F42) may go up to the extended cap when the extended-sessions flag is set (the
 * rb-extended-sessions extension or the template answer `utokade-sessioner`).
 */
import type { Task } from '@medplum/fhirtypes';
import { z } from 'zod';
import { EXT_EXTENDED_SESSIONS, SYSTEM_TASK_OUTPUT } from '../constants.ts';
import type { ReferralModel } from '../referral.ts';
import { codeMatches, defineKind } from './kind.ts';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

const tier = z.strictObject({
  keyedOn: z.enum(['referral-date', 'treatment-start']),
  from: isoDate.optional(),
  to: isoDate.optional(),
  /** One cap for every form, or per treatment form code. */
  cap: z.union([z.number().int().positive(), z.record(z.string(), z.number().int().positive())]),
  extendedCap: z.number().int().positive().optional(),
  extendedDiagnoses: z.array(z.string()).optional(),
});

function output(task: Task, code: string): { value: string | number; index: number } | undefined {
  const index = (task.output ?? []).findIndex((o) => o.type.coding?.some((c) => c.system === SYSTEM_TASK_OUTPUT && c.code === code));
  const o = task.output?.[index];
  const value = o?.valueDate ?? o?.valueUnsignedInt ?? o?.valueInteger;
  return value === undefined ? undefined : { value, index };
}

function extendedRequested(model: ReferralModel): boolean {
  const ext = model.request.resource.extension?.find((e) => e.url === EXT_EXTENDED_SESSIONS)?.valueBoolean;
  return ext === true || model.answers.get('utokade-sessioner')?.[0]?.answer.valueBoolean === true;
}

export const sessionCap = defineKind({
  kind: 'session-cap',
  vars: ['count', 'cap'],
  params: z.strictObject({ tiers: z.array(tier).min(1) }),
  check(model, params) {
    const start = model.tasks.map((t) => output(t.resource, 'first-session-date')?.value).find((v) => typeof v === 'string');
    const treatmentStart = start ?? model.referralDate;
    const picked = params.tiers.find((t) => {
      const date = t.keyedOn === 'referral-date' ? model.referralDate : treatmentStart;
      return date !== undefined && (t.from === undefined || t.from <= date) && (t.to === undefined || date <= t.to);
    });
    if (!picked) {
      return [];
    }
    const tx = model.treatment?.code;
    const baseCap = typeof picked.cap === 'number' ? picked.cap : tx === undefined ? undefined : picked.cap[tx];
    if (baseCap === undefined) {
      return [];
    }
    const eligible = model.diagnosis !== undefined && codeMatches(model.diagnosis.code, picked.extendedDiagnoses ?? []);
    const cap = picked.extendedCap !== undefined && eligible && extendedRequested(model) ? picked.extendedCap : baseCap;
    const counts: { count: number; expression: string }[] = [];
    const planned = model.request.resource.quantityQuantity?.value;
    if (planned !== undefined) {
      counts.push({ count: planned, expression: `${model.request.path}.quantityQuantity.value` });
    }
    for (const t of model.tasks) {
      const used = output(t.resource, 'sessions-used');
      if (typeof used?.value === 'number') {
        counts.push({ count: used.value, expression: `${t.path}.output[${used.index}].valueUnsignedInt` });
      }
    }
    return counts.filter((c) => c.count > cap).map((c) => ({ expression: c.expression, vars: { count: c.count, cap } }));
  },
});
