/** Small converters for values coming back from either driver (pg returns int8 as string, PGlite as number). */

export function toNumber(value: unknown): number {
  const n = typeof value === 'number' ? value : typeof value === 'bigint' || typeof value === 'string' ? Number(value) : NaN;
  if (!Number.isFinite(n)) {
    throw new Error('expected a number from the database');
  }
  return n;
}

export function toDate(value: unknown): Date {
  if (value instanceof Date) {
    return value;
  }
  if (typeof value === 'string') {
    return new Date(value);
  }
  throw new Error('expected a timestamp from the database');
}

export function toDateOrNull(value: unknown): Date | null {
  return value === null || value === undefined ? null : toDate(value);
}

export function toStringOrNull(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}
