/**
 * Swedish personnummer and samordningsnummer (standards.md §1): 12 digits YYYYMMDDNNNC; samordningsnummer has
 * the birth day + 60. Check digit (Luhn) over the 9 digits YYMMDDNNN: weights 2,1,2,1,…, add the digits of the
 * products, check = (10 − sum mod 10) mod 10.
 */
import type { Identifier } from '@medplum/fhirtypes';
import { SYSTEM_PERSONNUMMER, SYSTEM_SAMORDNINGSNUMMER } from './constants.ts';

export const IDENTITY_SYSTEMS: readonly string[] = [SYSTEM_PERSONNUMMER, SYSTEM_SAMORDNINGSNUMMER];

export function luhnCheckDigit(nineDigits: string): number {
  let sum = 0;
  for (let i = 0; i < nineDigits.length; i++) {
    const product = Number(nineDigits[i]) * (i % 2 === 0 ? 2 : 1);
    sum += product > 9 ? product - 9 : product;
  }
  return (10 - (sum % 10)) % 10;
}

/** True when the value is 12 digits without separator (docs/ig-design.md) with a valid check digit. */
export function hasValidCheckDigit(digits: string): boolean {
  if (!/^\d{12}$/.test(digits)) {
    return false;
  }
  return luhnCheckDigit(digits.slice(2, 11)) === Number(digits[11]);
}

/** The birth date a personnummer/samordningsnummer carries (day − 60 for samordningsnummer), if it is a real date. */
export function birthDateFromIdentifier(id: Identifier): string | undefined {
  if (!id.system || !IDENTITY_SYSTEMS.includes(id.system) || !id.value) {
    return undefined;
  }
  const m = /^(\d{4})(\d{2})(\d{2})\d{4}$/.exec(id.value);
  if (!m?.[1] || !m[2] || !m[3]) {
    return undefined;
  }
  const day = Number(m[3]) > 60 ? Number(m[3]) - 60 : Number(m[3]);
  const iso = `${m[1]}-${m[2]}-${String(day).padStart(2, '0')}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso ? undefined : iso;
}
