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
  const re = new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\[(\\d+)\\]\\.`);
  for (const key of Object.keys(rec)) {
    const m = re.exec(key);
    if (m) {
      found.add(Number(m[1]));
    }
  }
  return [...found].sort((a, b) => a - b);
}
