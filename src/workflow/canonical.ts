/**
 * Canonical JSON (keys sorted by UTF-16 code units, `undefined` members dropped) for content comparison and the
 * idempotency content hash. Written straight to a string: the same text as `JSON.stringify` of a key-sorted deep
 * copy (canonical.test.ts checks that over generated JSON), without building the copy — a referral's hash is part
 * of every submit.
 */
import { createHash } from 'node:crypto';

export function canonicalJson(value: unknown): string {
  return serialize(value) ?? 'null';
}

export function contentHash(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}

export function sameJson(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

/** `undefined` for what JSON.stringify drops from objects (undefined, functions, symbols). */
function serialize(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
      return JSON.stringify(value);
    case 'object':
      break;
    case 'undefined':
    case 'function':
    case 'symbol':
    case 'bigint': // cannot come from JSON
      return undefined;
  }
  if (value === null) {
    return 'null';
  }
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      out += `${i > 0 ? ',' : ''}${serialize(value[i]) ?? 'null'}`;
    }
    return `${out}]`;
  }
  let out = '{';
  // Own enumerable keys only; a `__proto__` key parsed from JSON is an own data property and is read as one.
  for (const key of sortedKeys(value)) {
    const member = serialize(Reflect.get(value, key));
    if (member !== undefined) {
      out += `${out.length > 1 ? ',' : ''}${JSON.stringify(key)}:${member}`;
    }
  }
  return `${out}}`;
}

const ARRAY_INDEX = /^(0|[1-9]\d{0,9})$/;

/**
 * Sorted, except that array-index keys ("0", "17") come first in numeric order: a JS object always enumerates
 * those first, so that is where `JSON.stringify` of a sorted copy (the hashes already stored) put them.
 */
function sortedKeys(value: object): string[] {
  const indices: string[] = [];
  const names: string[] = [];
  for (const key of Object.keys(value)) {
    (ARRAY_INDEX.test(key) && Number(key) < 4294967295 ? indices : names).push(key);
  }
  return [...indices.sort((a, b) => Number(a) - Number(b)), ...names.sort()];
}
