/**
 * The canonical referral record: the hub every format maps to and from. Keys are the field names of
 * mappings/fhir.json (`patient.id`, `priorTreatment[0].type`, …); values are normalised scalars.
 */
import type { Scalar } from './transforms/registry.ts';

export type ReferralRecord = Readonly<Record<string, Scalar>>;

export function getString(rec: ReferralRecord, field: string): string | undefined {
  const v = rec[field];
  return v === undefined ? undefined : String(v);
}

export function getBoolean(rec: ReferralRecord, field: string): boolean | undefined {
  const v = rec[field];
  return typeof v === 'boolean' ? v : undefined;
}

export function getInteger(rec: ReferralRecord, field: string): number | undefined {
  const v = rec[field];
  return typeof v === 'number' ? v : undefined;
}

/** Indices present for a repeated field family, e.g. `priorTreatment` → [0, 1] (keys `priorTreatment[<digits>].…`). */
export function indicesOf(rec: ReferralRecord, prefix: string): number[] {
  const found: number[] = [];
  const start = prefix.length + 1;
  for (const key in rec) {
    if (key.length <= start || key.charCodeAt(prefix.length) !== 0x5b /* [ */ || !key.startsWith(prefix)) {
      continue;
    }
    let end = start;
    while (end < key.length && isDigit(key.charCodeAt(end))) {
      end++;
    }
    if (end > start && key.charCodeAt(end) === 0x5d /* ] */ && key.charCodeAt(end + 1) === 0x2e /* . */) {
      const n = Number(key.slice(start, end));
      if (!found.includes(n)) {
        found.push(n);
      }
    }
  }
  return found.sort((a, b) => a - b);
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}
