/**
 * Is this a plausible Swedish phone number for direct contact with a person? A heuristic, documented here
 * because it decides REM-PHONE-FORMAT (domain.md §2 #7, 000_c04719a0eada0e20.txt:350-354):
 *
 * 1. Separators (space, `-`, `(`, `)`, `/`, `.`) are ignored; what is left must be digits with an optional `+`.
 * 2. It starts with `+46`, `0046` or the trunk prefix `0`; the written form `+46 (0)40 …` is accepted.
 *    Anything else (a foreign number, no prefix) is `malformed`.
 * 3. The national significant number (after the prefix) has `minDigits`–`maxDigits` digits and does not start
 *    with 0 — otherwise `malformed`.
 * 4. Numbers that never reach one person directly are `non-personal`: the national significant number starts with
 *    a service prefix from params (020 freephone, 0771 national numbers, 0900/0939/0944 premium rate).
 * 5. A `switchboard` number (*växel*) ends in a switchboard suffix from params: Swedish switchboards
 *    conventionally end in "000" (e.g. 040-33 10 00, 046-17 10 00). A direct line may rarely end so too, which is
 *    why a switchboard number is only rejected when it is the referrer's *only* phone.
 */
export interface PhoneRules {
  readonly minDigits: number;
  readonly maxDigits: number;
  readonly nonPersonalPrefixes: readonly string[];
  readonly switchboardSuffixes: readonly string[];
}

export type PhoneVerdict = 'ok' | 'malformed' | 'non-personal' | 'switchboard';

/** The national significant number, or undefined when the value is not written as a Swedish number. */
export function nationalNumber(value: string): string | undefined {
  const compact = value.trim().replace(/[\s\-()/.]/g, '');
  if (!/^\+?\d+$/.test(compact)) {
    return undefined;
  }
  let nsn: string;
  if (compact.startsWith('+46')) {
    nsn = compact.slice(3).replace(/^0/, '');
  } else if (compact.startsWith('0046')) {
    nsn = compact.slice(4).replace(/^0/, '');
  } else if (compact.startsWith('0') && !compact.startsWith('00')) {
    nsn = compact.slice(1);
  } else {
    return undefined;
  }
  return nsn;
}

export function classifyPhone(value: string, rules: PhoneRules): PhoneVerdict {
  const nsn = nationalNumber(value);
  if (nsn === undefined || nsn.startsWith('0') || nsn.length < rules.minDigits || nsn.length > rules.maxDigits) {
    return 'malformed';
  }
  if (rules.nonPersonalPrefixes.some((p) => nsn.startsWith(p))) {
    return 'non-personal';
  }
  if (rules.switchboardSuffixes.some((s) => nsn.endsWith(s))) {
    return 'switchboard';
  }
  return 'ok';
}
