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

/** Indices present for a repeated field family, e.g. `priorTreatment` → [0, 1]. */
export function indicesOf(rec: ReferralRecord, prefix: string): number[] {
  const found = new Set<number>();
  const start = `${prefix}[`;
  for (const key in rec) {
    if (!key.startsWith(start)) {
      continue;
    }
    const close = key.indexOf('].', start.length);
    const digits = close > start.length ? key.slice(start.length, close) : '';
    if (/^\d+$/.test(digits)) {
      found.add(Number(digits));
    }
  }
  return [...found].sort((a, b) => a - b);
}
