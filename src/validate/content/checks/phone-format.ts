/**
 * REM-PHONE-FORMAT: the referrer's direct phone is a plausible Swedish number that reaches a person, not only a
 * switchboard (domain.md §4, 000_c04719a0eada0e20.txt:350-354). The heuristic is documented in ../swedish-phone.ts.
 * Every malformed or service number is reported; switchboard numbers only when no phone of the role passes.
 */
import { z } from 'zod';
import { classifyPhone } from '../swedish-phone.ts';
import { rolePhones } from './direct-phone.ts';
import type { Finding } from './kind.ts';
import { defineKind } from './kind.ts';

export const phoneFormat = defineKind({
  kind: 'phone-format',
  vars: ['phone'],
  params: z.strictObject({
    minDigits: z.number().int().positive(),
    maxDigits: z.number().int().positive(),
    nonPersonalPrefixes: z.array(z.string().regex(/^\d+$/)),
    switchboardSuffixes: z.array(z.string().regex(/^\d+$/)),
  }),
  check(model, params) {
    if (!model.role) {
      return [];
    }
    const role = model.role;
    const judged = rolePhones(role.resource.telecom).map((p) => ({ ...p, verdict: classifyPhone(p.value, params) }));
    const at = (index: number, phone: string): Finding => ({ expression: `${role.path}.telecom[${index}].value`, vars: { phone } });
    const bad = judged.filter((p) => p.verdict === 'malformed' || p.verdict === 'non-personal').map((p) => at(p.index, p.value));
    const switchboards = judged.filter((p) => p.verdict === 'switchboard');
    const firstSwitchboard = switchboards[0];
    if (firstSwitchboard && !judged.some((p) => p.verdict === 'ok')) {
      bad.push(at(firstSwitchboard.index, firstSwitchboard.value));
    }
    return bad;
  },
});
