/**
 * Personnummer and samordningsnummer: 10 or 12 digits, with or without `-`/`+` → 12 digits `YYYYMMDDNNNC`
 * (standards.md §1). In the 10-digit form `+` means the person is 100 years or older; the century is otherwise the
 * latest one that does not put the birth date after the reference date. Samordningsnummer have the day + 60.
 * Check digit: Luhn on the 9 digits YYMMDDNNN (standards.md §1).
 */
import { fail, ok } from './result.ts';
import type { TransformResult } from './result.ts';

export const PERSONNUMMER_SYSTEM = 'http://electronichealth.se/identifier/personnummer';
export const SAMORDNINGSNUMMER_SYSTEM = 'http://electronichealth.se/identifier/samordningsnummer';
/** OIDs used by RIV-TA and HL7 v2 for the same identifiers. */
export const PERSONNUMMER_OID = '1.2.752.129.2.1.3.1';
export const SAMORDNINGSNUMMER_OID = '1.2.752.129.2.1.3.3';

export interface PersonId {
  /** 12 digits, no separator. */
  readonly value: string;
  readonly system: typeof PERSONNUMMER_SYSTEM | typeof SAMORDNINGSNUMMER_SYSTEM;
  /** FHIR date of birth, `YYYY-MM-DD`. */
  readonly birthDate: string;
}

/** Luhn check digit over the digits given (for a personnummer: YYMMDDNNN). */
export function luhnCheckDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    const product = Number(digits[i]) * (i % 2 === 0 ? 2 : 1);
    sum += product > 9 ? product - 9 : product;
  }
  return (10 - (sum % 10)) % 10;
}

function bad(text: string): TransformResult<PersonId> {
  return fail(
    'MAP-PNR-FORMAT',
    'Ogiltigt personnummer: förväntat 10 eller 12 siffror (ÅÅÅÅMMDD-NNNN).',
    `Invalid personal identity number "${text.length} characters": expected 10 or 12 digits (YYYYMMDD-NNNN).`,
  );
}

/**
 * Normalises a personnummer or samordningsnummer.
 * @param text - as written in the source
 * @param referenceDate - FHIR date used to pick the century of a 10-digit number (normally the referral date)
 */
export function normalisePersonId(text: string, referenceDate: string): TransformResult<PersonId> {
  const trimmed = text.trim();
  const m = /^(\d{2})?(\d{6})([-+])?(\d{4})$/.exec(trimmed);
  if (!m) {
    return bad(trimmed);
  }
  const century = m[1];
  const yymmdd = m[2] ?? '';
  const sep = m[3];
  const last4 = m[4] ?? '';
  const refYear = Number(referenceDate.slice(0, 4));
  let year: number;
  const yy = Number(yymmdd.slice(0, 2));
  if (century !== undefined) {
    year = Number(century) * 100 + yy;
  } else {
    year = Math.floor(refYear / 100) * 100 + yy;
    const candidateBirth = `${String(year)}-${yymmdd.slice(2, 4)}-${yymmdd.slice(4, 6)}`;
    if (candidateBirth > referenceDate.slice(0, 10)) {
      year -= 100;
    }
    if (sep === '+') {
      year -= 100;
    }
  }
  const month = Number(yymmdd.slice(2, 4));
  let day = Number(yymmdd.slice(4, 6));
  const samordning = day > 60;
  if (samordning) {
    day -= 60;
  }
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth) {
    return fail(
      'MAP-PNR-DATE',
      'Ogiltigt personnummer: födelsedatumet finns inte.',
      'Invalid personal identity number: the birth date does not exist.',
    );
  }
  const nine = yymmdd + last4.slice(0, 3);
  if (luhnCheckDigit(nine) !== Number(last4[3])) {
    return fail(
      'MAP-PNR-CHECK-DIGIT',
      'Ogiltigt personnummer: kontrollsiffran stämmer inte.',
      'Invalid personal identity number: the check digit is wrong.',
    );
  }
  const yyyy = String(year).padStart(4, '0');
  return ok({
    value: `${yyyy}${yymmdd.slice(2)}${last4}`,
    system: samordning ? SAMORDNINGSNUMMER_SYSTEM : PERSONNUMMER_SYSTEM,
    birthDate: `${yyyy}-${yymmdd.slice(2, 4)}-${String(day).padStart(2, '0')}`,
  });
}
