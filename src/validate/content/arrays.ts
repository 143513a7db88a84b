/**
 * Index loops over untrusted JSON that fail exactly where the array methods they replace (`forEach`, `map`, `some`)
 * would: on a list that is not an array, and on reading a missing element. The checks use them on hot paths, where
 * a callback per element costs more than the work itself.
 */

/** The list itself; like `list.forEach`, fails when it is something else than an array. */
export function arrayOf<T>(list: readonly T[]): readonly T[] {
  const value: unknown = list;
  if (!Array.isArray(value)) {
    throw new TypeError('not an array');
  }
  return list;
}

/** `list[i]`, which the caller goes on to read: a missing element fails here as reading it would. */
export function element<T>(list: readonly T[], i: number): T {
  const v = list[i];
  if (v === undefined || v === null) {
    throw new TypeError(`element ${String(i)} is missing`);
  }
  return v;
}
