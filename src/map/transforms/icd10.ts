/**
 * ICD-10-SE codes as journals write them: `F321`, `F32.1`, `f32.1`, `F32.1A` (a Swedish extension letter) → `F32.1`
 * (the dotted form of docs/ig-design.md). The system OID has an alias on input (standards.md §2).
 */
import { fail, ok } from './result.ts';
import type { TransformResult } from './result.ts';

export const ICD10SE_SYSTEM = 'urn:oid:1.2.752.116.1.1.1';
/** Systems accepted on input and normalised to ICD10SE_SYSTEM (docs/ig-design.md, standards.md §2). */
export const ICD10SE_ALIASES: readonly string[] = [
  ICD10SE_SYSTEM,
  '1.2.752.116.1.1.1',
  'urn:oid:1.2.752.116.1.1.1.1.3',
  '1.2.752.116.1.1.1.1.3',
  'ICD10SE',
  'ICD-10-SE',
  'I10',
  'I10SE',
];

export function isIcd10SeSystem(system: string): boolean {
  return ICD10SE_ALIASES.includes(system.trim());
}

/** Normalises the spelling only; whether the code is known is a lookup (codes.ts). */
export function normaliseIcd10(text: string): TransformResult<string> {
  const compact = text.trim().toUpperCase().replace(/\s+/g, '');
  const m = /^([A-Z]\d{2})\.?(\d{0,2})[A-Z]?$/.exec(compact);
  if (!m) {
    return fail(
      'MAP-ICD-FORMAT',
      `Diagnoskoden "${text}" är inte en ICD-10-SE-kod.`,
      `The diagnosis code "${text}" is not an ICD-10-SE code.`,
    );
  }
  const head = m[1] ?? '';
  const tail = m[2] ?? '';
  return ok(tail === '' ? head : `${head}.${tail}`);
}

/** Normalises a code-system spelling to the canonical ICD-10-SE system, or fails for another system. */
export function normaliseIcd10System(text: string): TransformResult<string> {
  return isIcd10SeSystem(text)
    ? ok(ICD10SE_SYSTEM)
    : fail('MAP-ICD-SYSTEM', `Kodsystemet "${text}" är inte ICD-10-SE.`, `The code system "${text}" is not ICD-10-SE.`);
}
