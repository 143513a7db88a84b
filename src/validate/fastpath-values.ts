/**
 * FHIRPath collection semantics over plain JSON for fastpath.ts's closures: navigation (with choice elements),
 * singletons, equality and comparison as medplum's atoms define them; `Fallback` when only medplum can judge.
 */
import { deepEquals } from './deep.ts';

export type Coll = readonly unknown[];
export interface FastEnv {
  readonly context: unknown;
  readonly resource: unknown;
  readonly root: unknown;
}
export type FastFn = (input: Coll, env: FastEnv) => Coll;

/** Thrown when a value is outside what the closures judge; evaluate with medplum instead. */
export class Fallback extends Error {}

export const EMPTY: Coll = [];
export const TRUE: Coll = [true];
export const FALSE: Coll = [false];
export const bool = (b: boolean): Coll => (b ? TRUE : FALSE);

export function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function isEmptyValue(v: unknown): boolean {
  if (v === undefined || v === null || v === '') {
    return true;
  }
  if (Array.isArray(v)) {
    return v.length === 0;
  }
  return isObj(v) && Object.keys(v).length === 0;
}

/** Appends to a collection made on the first item, at its exact size (most navigations yield one item). */
function add(out: unknown[] | undefined, item: unknown): unknown[] {
  if (out === undefined) {
    return [item];
  }
  out.push(item);
  return out;
}

export function navigate(input: Coll, name: string): Coll {
  let out: unknown[] | undefined; // made on the first hit: most navigations in invariants find nothing
  const upper = name.charCodeAt(0) >= 65 && name.charCodeAt(0) <= 90;
  for (const item of input) {
    if (!isObj(item)) {
      continue;
    }
    if (upper && item.resourceType === name) {
      out = add(out, item);
      continue;
    }
    let v = item[name];
    if (v === undefined) {
      // choice element: `value` finds `valueInteger`
      for (const k in item) {
        if (k.length > name.length && k.startsWith(name) && /[A-Z]/.test(k.charAt(name.length))) {
          v = item[k];
          break;
        }
      }
    }
    if (Array.isArray(v)) {
      for (const x of v) {
        if (x !== null && x !== undefined) {
          out = add(out, x);
        }
      }
    } else if (v !== undefined && v !== null) {
      out = add(out, v);
    }
  }
  return out ?? EMPTY;
}

/** medplum `singleton(c, 'boolean')`: empty → undefined; one boolean → it; anything else → medplum decides. */
export function boolSingleton(c: Coll): boolean | undefined {
  if (c.length === 0) {
    return undefined;
  }
  if (c.length === 1 && typeof c[0] === 'boolean') {
    return c[0];
  }
  throw new Fallback();
}

/** medplum `toJsBoolean`: the first item's truthiness. */
export function truthy(c: Coll): boolean {
  return c.length > 0 && Boolean(c[0]);
}

export function equals(x: unknown, y: unknown): boolean {
  if (typeof x === 'number' && typeof y === 'number') {
    return Math.abs(x - y) < 1e-8;
  }
  if (typeof x === 'object' && typeof y === 'object') {
    return deepEquals(x, y);
  }
  return x === y;
}

export function arrayEquals(x: Coll, y: Coll): Coll {
  if (x.length === 0 || y.length === 0) {
    return EMPTY;
  }
  return bool(x.length === y.length && x.every((v, i) => equals(v, y[i])));
}

export function single(c: Coll): unknown {
  if (c.length > 1) {
    throw new Fallback();
  }
  return c[0];
}

export function singleString(c: Coll): string | undefined {
  const v = single(c);
  if (v === undefined) {
    return undefined;
  }
  if (typeof v !== 'string') {
    throw new Fallback();
  }
  return v;
}

export function compare(op: string, x: unknown, y: unknown): boolean {
  if (typeof x !== 'number' || typeof y !== 'number') {
    throw new Fallback(); // dates, times, quantities, strings: medplum's typed comparison
  }
  switch (op) {
    case '<':
      return x < y;
    case '<=':
      return x <= y;
    case '>':
      return x > y;
    default:
      return x >= y;
  }
}
