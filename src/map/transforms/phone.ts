/**
 * Phone numbers → E.164-like `+4640123456` (domain.md §2 #7: the referrer's direct phone, 000:50). Swedish national
 * numbers start with a trunk `0`; `00` is the international prefix.
 */
import { fail, ok } from './result.ts';
import type { TransformResult } from './result.ts';

export function normalisePhone(text: string): TransformResult<string> {
  const raw = text.trim();
  let digits = raw.replace(/[\s\-()./]/g, '');
  if (digits.startsWith('00')) {
    digits = `+${digits.slice(2)}`;
  } else if (digits.startsWith('0')) {
    digits = `+46${digits.slice(1)}`;
  } else if (!digits.startsWith('+')) {
    digits = `+46${digits}`;
  }
  // Swedish numbers written as +46 (0)40 …
  digits = digits.replace(/^\+460/, '+46');
  if (!/^\+[1-9]\d{6,14}$/.test(digits)) {
    return fail(
      'MAP-PHONE-FORMAT',
      `Telefonnumret "${raw}" går inte att tolka.`,
      `The phone number "${raw}" cannot be read.`,
    );
  }
  return ok(digits);
}
