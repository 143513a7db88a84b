/** Code lookups: tables in mappings/codes.json, validated at load (see ../load.ts). */
import { fail, ok } from './result.ts';
import type { TransformResult } from './result.ts';

export interface CodeTables {
  readonly tables: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** Known ICD-10-SE codes → Swedish display. */
  readonly icd10se: Readonly<Record<string, string>>;
}

/** Source spelling → canonical code (case-insensitive). */
export function lookupCode(tables: CodeTables, table: string, text: string): TransformResult<string> {
  const entries = tables.tables[table];
  if (!entries) {
    return fail('MAP-CODE-TABLE', `Okänd kodtabell "${table}".`, `Unknown code table "${table}".`);
  }
  const wanted = text.trim().toLowerCase();
  for (const [from, to] of Object.entries(entries)) {
    if (from.toLowerCase() === wanted) {
      return ok(to);
    }
  }
  return fail(
    'MAP-CODE-UNKNOWN',
    `Okänd kod "${text}" (${table}); tillåtna: ${[...new Set(Object.values(entries))].join(', ')}.`,
    `Unknown code "${text}" (${table}); allowed: ${[...new Set(Object.values(entries))].join(', ')}.`,
  );
}

/** Canonical code → the first source spelling that maps to it. */
export function reverseCode(tables: CodeTables, table: string, code: string): TransformResult<string> {
  const entries = tables.tables[table];
  const hit = entries ? Object.entries(entries).find(([, to]) => to === code) : undefined;
  return hit
    ? ok(hit[0])
    : fail('MAP-CODE-UNKNOWN', `Koden "${code}" saknar motsvarighet (${table}).`, `The code "${code}" has no counterpart (${table}).`);
}
