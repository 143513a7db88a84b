/** Names written "Efternamn, Förnamn [Mellannamn]" ↔ family + given (the usual Swedish journal spelling). */
import { fail, ok } from './result.ts';
import type { TransformResult } from './result.ts';

export interface PersonName {
  readonly family: string;
  readonly given: string;
}

export function splitName(text: string): TransformResult<PersonName> {
  const m = /^([^,]+),\s*(.+)$/.exec(text.trim());
  const family = m?.[1]?.trim() ?? '';
  const given = m?.[2]?.trim() ?? '';
  if (family === '' || given === '') {
    return fail(
      'MAP-NAME-FORMAT',
      'Namnet ska skrivas "Efternamn, Förnamn".',
      'The name must be written "Family, Given".',
    );
  }
  return ok({ family, given });
}

export function joinName(family: string, given: string): string {
  return `${family}, ${given}`;
}
